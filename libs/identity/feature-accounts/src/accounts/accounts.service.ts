import { Injectable } from '@nestjs/common';
import type { OneWindowEventMap } from '@onewindow/contracts/events';
import { checkCitizenIdNumber, maskCitizenIdNumber } from '@onewindow/domain/china-id';
import {
  AccountEntity,
  AccountRepository,
  DuplicateAccountError,
  IdentityConfig,
  PersonalDataProtector,
  SessionRepository,
} from '@onewindow/identity/data-access';
import {
  AccountKind,
  AccountStatus,
  AssuranceLevel,
  AssuranceMethod,
  checkPassword,
  eraseAfter,
  levelAfterNameChange,
  normaliseName,
  PasswordContext,
} from '@onewindow/identity/domain';
import { Principal, TokenRevocationStore } from '@onewindow/platform/auth';
import { AppConfig } from '@onewindow/platform/config';
import { EventPublisher } from '@onewindow/platform/events';
import { TransactionHost } from '@onewindow/platform/persistence';
import { IdentityException, IdentityExceptionCode } from '../identity.exception';
import { AuditTrail } from '../support/audit-trail';
import { Passwords } from '../support/passwords';
import { AccountMapper } from './account.mapper';
import { AccountResponse } from './account.response';
import { ChangeNameDto, ChangePasswordDto, ChangePhoneDto, DeregisterDto, RegisterPersonDto } from './account.dto';

function assertPasswordPolicy(password: string, context: PasswordContext, field: string): void {
  const problems = checkPassword(password, context);
  if (problems.length > 0) {
    throw new IdentityException(
      IdentityExceptionCode.PASSWORD_POLICY,
      'The password does not meet the password policy.',
      problems.map((reason) => ({ field, reason })),
    );
  }
}

function duplicateField(error: DuplicateAccountError): string {
  return error.constraint.includes('phone') ? 'phone' : 'idNumber';
}

/** Registration and the holder's own lifecycle: phone, password, name, deregistration. */
@Injectable()
export class AccountsService {
  constructor(
    private readonly accounts: AccountRepository,
    private readonly sessions: SessionRepository,
    private readonly protector: PersonalDataProtector,
    private readonly passwords: Passwords,
    private readonly audit: AuditTrail,
    private readonly events: EventPublisher<OneWindowEventMap>,
    private readonly tx: TransactionHost,
    private readonly revocations: TokenRevocationStore,
    private readonly mapper: AccountMapper,
    private readonly config: AppConfig<IdentityConfig>,
  ) {}

  async registerPerson(dto: RegisterPersonDto): Promise<AccountResponse> {
    const check = checkCitizenIdNumber(dto.idNumber);
    if (!check.valid) {
      throw new IdentityException(IdentityExceptionCode.INVALID_ID_NUMBER, 'The ID number is not valid.', [{ field: 'idNumber', reason: check.reason }]);
    }
    const idNumber = check.value;
    assertPasswordPolicy(dto.password, { idNumber, phone: dto.phone }, 'password');
    const passwordHash = await this.passwords.hash(dto.password);
    const keyHash = this.protector.hash('citizen-id', idNumber);
    const phoneHash = this.protector.hash('phone', dto.phone);
    try {
      const account = await this.tx.transaction(async () => {
        if (await this.accounts.findActive(AccountKind.Person, keyHash)) {
          throw new IdentityException(IdentityExceptionCode.ACCOUNT_EXISTS, 'An account is already registered for this ID number.', [
            { field: 'idNumber', reason: 'is already registered' },
          ]);
        }
        if (await this.accounts.findActivePersonByPhone(phoneHash)) {
          throw new IdentityException(IdentityExceptionCode.ACCOUNT_EXISTS, 'An account already uses this phone number.', [
            { field: 'phone', reason: 'is already registered' },
          ]);
        }
        const created = await this.accounts.insert({
          kind: AccountKind.Person,
          status: AccountStatus.Active,
          keyHash,
          keyCipher: this.protector.encrypt('citizen-id', idNumber),
          keyMasked: maskCitizenIdNumber(idNumber),
          nameCipher: this.protector.encrypt('name', normaliseName(dto.name)),
          phoneHash,
          phoneCipher: this.protector.encrypt('phone', dto.phone),
          passwordHash,
          assuranceLevel: AssuranceLevel.L1,
          assuranceMethod: AssuranceMethod.SelfAsserted,
          assuranceVerifiedAt: null,
          organisationId: null,
          staffRoles: [],
        });
        const actor = { id: created.id, type: 'person' };
        await this.audit.record({ action: 'account.registered', accountId: created.id, actor });
        await this.events.publish('gov.onewindow.identity.account.registered.v1', {
          key: created.id,
          data: { accountId: created.id, kind: 'person', assuranceLevel: 'L1' },
          actor: { kind: 'user', id: created.id },
        });
        return created;
      });
      return this.mapper.toResponse(account);
    } catch (error) {
      if (error instanceof DuplicateAccountError) {
        throw new IdentityException(IdentityExceptionCode.ACCOUNT_EXISTS, 'An account already exists for these details.', [
          { field: duplicateField(error), reason: 'is already registered' },
        ]);
      }
      throw error;
    }
  }

  async me(principal: Principal): Promise<AccountResponse> {
    return this.mapper.toResponse(await this.activeAccountOf(principal));
  }

  async changePhone(principal: Principal, dto: ChangePhoneDto): Promise<AccountResponse> {
    try {
      const account = await this.tx.transaction(async () => {
        const locked = await this.lockActive(principal);
        const updated = await this.accounts.update(locked, {
          phoneHash: this.protector.hash('phone', dto.phone),
          phoneCipher: this.protector.encrypt('phone', dto.phone),
        });
        await this.audit.record({ action: 'account.phone-changed', accountId: updated.id });
        await this.events.publish('gov.onewindow.identity.account.phone-changed.v1', { key: updated.id, data: { accountId: updated.id } });
        return updated;
      });
      return this.mapper.toResponse(account);
    } catch (error) {
      if (error instanceof DuplicateAccountError) {
        throw new IdentityException(IdentityExceptionCode.ACCOUNT_EXISTS, 'An account already uses this phone number.', [
          { field: 'phone', reason: 'is already registered' },
        ]);
      }
      throw error;
    }
  }

  /** Changes the password and ends every other session of the account. */
  async changePassword(principal: Principal, dto: ChangePasswordDto): Promise<void> {
    const current = await this.activeAccountOf(principal);
    if (!(await this.passwords.verify(current.passwordHash, dto.currentPassword))) {
      throw new IdentityException(IdentityExceptionCode.WRONG_PASSWORD, 'The current password is wrong.', [
        { field: 'currentPassword', reason: 'is wrong' },
      ]);
    }
    const idNumber = current.keyCipher ? this.protector.decrypt('citizen-id', current.keyCipher) : undefined;
    const phone = current.phoneCipher ? this.protector.decrypt('phone', current.phoneCipher) : undefined;
    assertPasswordPolicy(dto.newPassword, { idNumber, phone }, 'newPassword');
    const passwordHash = await this.passwords.hash(dto.newPassword);
    await this.tx.transaction(async () => {
      const locked = await this.lockActive(principal);
      await this.accounts.update(locked, { passwordHash });
      const now = new Date();
      const ended = await this.sessions.revokeAllOf(locked.id, 'password_changed', now, principal.sessionId);
      for (const family of ended) {
        await this.revocations.revokeSession(family.id, family.accessExpiresAt);
      }
      await this.audit.record({ action: 'account.password-changed', accountId: locked.id, details: { sessionsEnded: ended.length } });
      await this.events.publish('gov.onewindow.identity.account.password-changed.v1', { key: locked.id, data: { accountId: locked.id } });
    });
  }

  /** A new name is not verified: the assurance level drops to L1 until verified again. */
  async changeName(principal: Principal, dto: ChangeNameDto): Promise<AccountResponse> {
    const account = await this.tx.transaction(async () => {
      const locked = await this.lockActive(principal);
      const previousLevel = locked.assuranceLevel;
      const assuranceLevel = levelAfterNameChange();
      const updated = await this.accounts.update(locked, {
        nameCipher: this.protector.encrypt('name', normaliseName(dto.name)),
        assuranceLevel,
        assuranceMethod: AssuranceMethod.SelfAsserted,
        assuranceVerifiedAt: null,
      });
      await this.audit.record({ action: 'account.name-changed', accountId: updated.id, details: { previousLevel, assuranceLevel } });
      await this.events.publish('gov.onewindow.identity.account.name-changed.v1', {
        key: updated.id,
        data: { accountId: updated.id, assuranceLevel },
      });
      if (previousLevel !== assuranceLevel) {
        await this.events.publish('gov.onewindow.identity.account.assurance-changed.v1', {
          key: updated.id,
          data: { accountId: updated.id, previousLevel, assuranceLevel, method: AssuranceMethod.SelfAsserted },
        });
      }
      return updated;
    });
    return this.mapper.toResponse(account);
  }

  /** Closes the account: every session and token revoked now, personal data erased after the retention period. */
  async deregister(principal: Principal, dto: DeregisterDto): Promise<void> {
    const current = await this.activeAccountOf(principal);
    if (!(await this.passwords.verify(current.passwordHash, dto.password))) {
      throw new IdentityException(IdentityExceptionCode.WRONG_PASSWORD, 'The password is wrong.', [{ field: 'password', reason: 'is wrong' }]);
    }
    await this.tx.transaction(async () => {
      const locked = await this.lockActive(principal);
      const now = new Date();
      const erase = eraseAfter(now, this.config.get('DEREGISTRATION_RETENTION_DAYS'));
      await this.accounts.update(locked, { status: AccountStatus.Deregistered, deregisteredAt: now, eraseAfter: erase });
      await this.sessions.revokeAllOf(locked.id, 'deregistered', now);
      await this.revocations.revokeSubject(locked.id, now);
      await this.audit.record({ action: 'account.deregistered', accountId: locked.id, details: { eraseAfter: erase.toISOString() } });
      await this.events.publish('gov.onewindow.identity.account.deregistered.v1', {
        key: locked.id,
        data: { accountId: locked.id, kind: locked.kind, eraseAfter: erase.toISOString() },
      });
    });
  }

  private async activeAccountOf(principal: Principal): Promise<AccountEntity> {
    const account = await this.accounts.findById(principal.id);
    if (!account || account.status !== AccountStatus.Active) {
      throw new IdentityException(IdentityExceptionCode.ACCOUNT_NOT_FOUND, 'The account does not exist.');
    }
    return account;
  }

  private async lockActive(principal: Principal): Promise<AccountEntity> {
    const account = await this.accounts.lockById(principal.id);
    if (!account || account.status !== AccountStatus.Active) {
      throw new IdentityException(IdentityExceptionCode.ACCOUNT_NOT_FOUND, 'The account does not exist.');
    }
    return account;
  }
}
