import { Injectable } from '@nestjs/common';
import type { OneWindowEventMap } from '@onewindow/contracts/events';
import { checkCitizenIdNumber, maskCitizenIdNumber } from '@onewindow/domain/china-id';
import {
  AccountRepository,
  DuplicateAccountError,
  IdentityConfig,
  OrganisationRepository,
  PersonalDataProtector,
  SessionRepository,
} from '@onewindow/identity/data-access';
import { AccountKind, AccountStatus, AssuranceLevel, AssuranceMethod, checkPassword, eraseAfter, normaliseName } from '@onewindow/identity/domain';
import { assertAccess, hasAnyRole, Principal, Role, TokenRevocationStore } from '@onewindow/platform/auth';
import { AppConfig } from '@onewindow/platform/config';
import { EventPublisher } from '@onewindow/platform/events';
import { TransactionHost } from '@onewindow/platform/persistence';
import { AccountMapper } from '../accounts/account.mapper';
import { AccountResponse } from '../accounts/account.response';
import { IdentityException, IdentityExceptionCode } from '../identity.exception';
import { AuditTrail } from '../support/audit-trail';
import { Passwords } from '../support/passwords';
import { accountAccessPolicy, AccountAction } from './account-access.policy';
import { CreateStaffDto, IdNumberResponse } from './staff.dto';

/** Roles a department admin may grant within their own organisation. */
const DEPARTMENT_GRANTABLE: readonly Role[] = [Role.WindowClerk, Role.DepartmentReviewer, Role.DepartmentAdmin];

const notFound = () => new IdentityException(IdentityExceptionCode.ACCOUNT_NOT_FOUND, 'The account does not exist.');

/** Staff accounts created by admins, and staff reads of accounts (object-level access, audited). */
@Injectable()
export class StaffService {
  constructor(
    private readonly accounts: AccountRepository,
    private readonly organisations: OrganisationRepository,
    private readonly protector: PersonalDataProtector,
    private readonly passwords: Passwords,
    private readonly audit: AuditTrail,
    private readonly events: EventPublisher<OneWindowEventMap>,
    private readonly tx: TransactionHost,
    private readonly mapper: AccountMapper,
    private readonly sessions: SessionRepository,
    private readonly revocations: TokenRevocationStore,
    private readonly config: AppConfig<IdentityConfig>,
  ) {}

  async createStaff(admin: Principal, dto: CreateStaffDto): Promise<AccountResponse> {
    const platformAdmin = hasAnyRole(admin, Role.PlatformAdmin);
    if (!platformAdmin && dto.organisationId !== admin.organisationId) {
      throw new IdentityException(IdentityExceptionCode.ORGANISATION_OUT_OF_SCOPE, 'Department admins create staff of their own organisation only.', [
        { field: 'organisationId', reason: 'is not your organisation' },
      ]);
    }
    const refused = dto.roles.filter((role) => !platformAdmin && !DEPARTMENT_GRANTABLE.includes(role));
    if (refused.length > 0) {
      throw new IdentityException(IdentityExceptionCode.ROLE_NOT_GRANTABLE, `You may not grant: ${refused.join(', ')}.`, [
        { field: 'roles', reason: `may not include ${refused.join(', ')}` },
      ]);
    }
    if (!(await this.organisations.findById(dto.organisationId))) {
      throw new IdentityException(IdentityExceptionCode.ORGANISATION_NOT_FOUND, 'No such organisation.', [
        { field: 'organisationId', reason: 'is not a known organisation' },
      ]);
    }
    const check = checkCitizenIdNumber(dto.idNumber);
    if (!check.valid) {
      throw new IdentityException(IdentityExceptionCode.INVALID_ID_NUMBER, 'The ID number is not valid.', [{ field: 'idNumber', reason: check.reason }]);
    }
    const problems = checkPassword(dto.password, { idNumber: check.value, phone: dto.phone });
    if (problems.length > 0) {
      throw new IdentityException(
        IdentityExceptionCode.PASSWORD_POLICY,
        'The password does not meet the password policy.',
        problems.map((reason) => ({ field: 'password', reason })),
      );
    }
    const passwordHash = await this.passwords.hash(dto.password);
    try {
      const account = await this.tx.transaction(async () => {
        const created = await this.accounts.insert({
          kind: AccountKind.Staff,
          status: AccountStatus.Active,
          keyHash: this.protector.hash('citizen-id', check.value),
          keyCipher: this.protector.encrypt('citizen-id', check.value),
          keyMasked: maskCitizenIdNumber(check.value),
          nameCipher: this.protector.encrypt('name', normaliseName(dto.name)),
          phoneHash: dto.phone ? this.protector.hash('phone', dto.phone) : null,
          phoneCipher: dto.phone ? this.protector.encrypt('phone', dto.phone) : null,
          passwordHash,
          assuranceLevel: AssuranceLevel.L1,
          assuranceMethod: AssuranceMethod.SelfAsserted,
          assuranceVerifiedAt: null,
          organisationId: dto.organisationId,
          staffRoles: [...new Set(dto.roles)],
        });
        await this.audit.record({ action: 'staff.created', accountId: created.id, details: { organisationId: dto.organisationId, roles: created.staffRoles } });
        await this.events.publish('gov.onewindow.identity.account.registered.v1', {
          key: created.id,
          data: { accountId: created.id, kind: 'staff', assuranceLevel: 'L1', organisationId: dto.organisationId },
        });
        return created;
      });
      return this.mapper.toResponse(account);
    } catch (error) {
      if (error instanceof DuplicateAccountError) {
        throw new IdentityException(IdentityExceptionCode.ACCOUNT_EXISTS, 'This person already has a staff account in this organisation.', [
          { field: 'idNumber', reason: 'already has a staff account here' },
        ]);
      }
      throw error;
    }
  }

  /** Masked, but still personal data: a staff read of someone else's account is audited. */
  async read(principal: Principal, accountId: string): Promise<AccountResponse> {
    const account = await this.load(principal, accountId, 'read');
    if (account.id !== principal.id) await this.tx.transaction(() => this.audit.record({ action: 'account.read', accountId: account.id }));
    return this.mapper.toResponse(account);
  }

  /** The full ID number, for a stated purpose; every read is in the audit log. */
  async readIdNumber(principal: Principal, accountId: string, purpose: string): Promise<IdNumberResponse> {
    const account = await this.load(principal, accountId, 'read-id-number');
    if (!account.keyCipher) throw notFound();
    const idNumber = this.protector.decrypt('citizen-id', account.keyCipher);
    await this.tx.transaction(() => this.audit.record({ action: 'account.id-number-read', accountId: account.id, purpose }));
    return { idNumber };
  }

  /** A staff member leaves: the account is closed, every session and token revoked at once. */
  async deactivate(admin: Principal, accountId: string): Promise<void> {
    const account = await this.accounts.findById(accountId);
    assertAccess(admin, 'deactivate', account?.kind === AccountKind.Staff ? account : null, accountAccessPolicy, { notFound });
    await this.tx.transaction(async () => {
      const locked = await this.accounts.lockById(accountId);
      if (!locked || locked.status !== AccountStatus.Active) throw notFound();
      const now = new Date();
      const erase = eraseAfter(now, this.config.get('DEREGISTRATION_RETENTION_DAYS'));
      await this.accounts.update(locked, { status: AccountStatus.Deregistered, deregisteredAt: now, eraseAfter: erase });
      await this.sessions.revokeAllOf(locked.id, 'staff_deactivated', now);
      await this.revocations.revokeSubject(locked.id, now);
      await this.audit.record({ action: 'staff.deactivated', accountId: locked.id, details: { organisationId: locked.organisationId } });
      await this.events.publish('gov.onewindow.identity.account.deregistered.v1', {
        key: locked.id,
        data: { accountId: locked.id, kind: 'staff', eraseAfter: erase.toISOString() },
      });
    });
  }

  private async load(principal: Principal, accountId: string, action: AccountAction) {
    const account = await this.accounts.findById(accountId);
    assertAccess(principal, action, account, accountAccessPolicy, { notFound });
    return account;
  }
}
