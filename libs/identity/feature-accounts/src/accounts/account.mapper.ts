import { Injectable } from '@nestjs/common';
import { AccountEntity, PersonalDataProtector } from '@onewindow/identity/data-access';
import { AccountKind } from '@onewindow/identity/domain';
import { AccountResponse } from './account.response';

export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

export function maskPhone(phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}

/** Whitelists what leaves the service; personal data only masked. */
@Injectable()
export class AccountMapper {
  constructor(private readonly protector: PersonalDataProtector) {}

  toResponse(account: AccountEntity): AccountResponse {
    const response: AccountResponse = {
      id: account.id,
      kind: account.kind,
      status: account.status,
      assuranceLevel: account.assuranceLevel,
      createdAt: account.createdAt.toISOString(),
    };
    if (account.keyMasked) response.idNumber = account.keyMasked;
    if (account.nameCipher) {
      const name = this.protector.decrypt('name', account.nameCipher);
      // Enterprise names are public register data; people's names are masked.
      response.name = account.kind === AccountKind.Enterprise ? name : maskName(name);
    }
    if (account.phoneCipher) response.phone = maskPhone(this.protector.decrypt('phone', account.phoneCipher));
    if (account.kind === AccountKind.Staff) {
      response.organisationId = account.organisationId ?? undefined;
      response.roles = [...account.staffRoles];
    }
    return response;
  }
}
