import { Inject, Injectable } from '@nestjs/common';
import type { OneWindowEventMap } from '@onewindow/contracts/events';
import { AccountEntity, AccountRepository, OrganisationRepository, PersonalDataProtector } from '@onewindow/identity/data-access';
import {
  AccountKind,
  AccountStatus,
  AssuranceLevel,
  AssuranceMethod,
  levelAfterVerification,
  POPULATION_REGISTER,
  PopulationRegister,
  RegisterMatch,
} from '@onewindow/identity/domain';
import { Principal } from '@onewindow/platform/auth';
import { EventPublisher } from '@onewindow/platform/events';
import { TransactionHost } from '@onewindow/platform/persistence';
import { IdentityException, IdentityExceptionCode } from '../identity.exception';
import { AuditTrail } from '../support/audit-trail';
import { AssuranceResponse, InPersonVerificationDto } from './verification.dto';

/** Raises the real-name assurance level: L2 through the population register, L3 in person at a window. */
@Injectable()
export class VerificationService {
  constructor(
    private readonly accounts: AccountRepository,
    private readonly organisations: OrganisationRepository,
    private readonly protector: PersonalDataProtector,
    @Inject(POPULATION_REGISTER) private readonly register: PopulationRegister,
    private readonly audit: AuditTrail,
    private readonly events: EventPublisher<OneWindowEventMap>,
    private readonly tx: TransactionHost,
  ) {}

  /** Matches the account's own ID number and name against the population base register. */
  async verifyAgainstRegister(principal: Principal): Promise<AssuranceResponse> {
    const account = await this.personAccount(principal.id);
    const idNumber = this.protector.decrypt('citizen-id', account.keyCipher as string);
    const name = this.protector.decrypt('name', account.nameCipher as string);
    const match = await this.register.match(idNumber, name);
    const outcome = await this.tx.transaction(async () => {
      const locked = await this.lockPerson(principal.id);
      await this.audit.record({ action: 'assurance.register-check', accountId: locked.id, details: { result: match } });
      // The failed check is committed too: it belongs in the audit trail.
      if (match !== RegisterMatch.Matched) return 'mismatch' as const;
      // The name changed while the register was asked: what matched is no longer the account's name.
      if (locked.nameCipher !== account.nameCipher) return 'mismatch' as const;
      return this.raise(locked, AssuranceLevel.L2, AssuranceMethod.PopulationRegister);
    });
    if (outcome === 'mismatch') {
      throw new IdentityException(
        IdentityExceptionCode.REGISTER_MISMATCH,
        'The ID number and name do not match the population register; correct the name or verify in person at a window.',
      );
    }
    return outcome;
  }

  /** A window clerk saw the original document: L3. */
  async verifyInPerson(clerk: Principal, accountId: string, dto: InPersonVerificationDto): Promise<AssuranceResponse> {
    const servicePoint = await this.organisations.findById(dto.servicePointId);
    if (!servicePoint || servicePoint.kind !== 'service_point') {
      throw new IdentityException(IdentityExceptionCode.ORGANISATION_NOT_FOUND, 'No such service point.', [
        { field: 'servicePointId', reason: 'is not a known service point' },
      ]);
    }
    return this.tx.transaction(async () => {
      const locked = await this.lockPerson(accountId);
      await this.audit.record({
        action: 'assurance.in-person-check',
        accountId: locked.id,
        details: { document: dto.document, servicePointId: dto.servicePointId, clerkOrganisationId: clerk.organisationId ?? null },
      });
      return this.raise(locked, AssuranceLevel.L3, AssuranceMethod.InPerson);
    });
  }

  private async raise(account: AccountEntity, verified: AssuranceLevel, method: AssuranceMethod): Promise<AssuranceResponse> {
    const previousLevel = account.assuranceLevel;
    const assuranceLevel = levelAfterVerification(previousLevel, verified);
    if (assuranceLevel !== previousLevel) {
      await this.accounts.update(account, { assuranceLevel, assuranceMethod: method, assuranceVerifiedAt: new Date() });
      await this.events.publish('gov.onewindow.identity.account.assurance-changed.v1', {
        key: account.id,
        data: { accountId: account.id, previousLevel, assuranceLevel, method },
      });
    }
    return { accountId: account.id, assuranceLevel };
  }

  private async personAccount(id: string): Promise<AccountEntity> {
    const account = await this.accounts.findById(id);
    return this.assertPerson(account);
  }

  private async lockPerson(id: string): Promise<AccountEntity> {
    return this.assertPerson(await this.accounts.lockById(id));
  }

  private assertPerson(account: AccountEntity | null): AccountEntity {
    if (!account || account.status !== AccountStatus.Active) {
      throw new IdentityException(IdentityExceptionCode.ACCOUNT_NOT_FOUND, 'The account does not exist.');
    }
    if (account.kind !== AccountKind.Person) {
      throw new IdentityException(IdentityExceptionCode.NOT_A_PERSON, 'Only a person’s account carries a real-name assurance level.');
    }
    return account;
  }
}
