import { Injectable } from '@nestjs/common';
import type { OneWindowEventMap } from '@onewindow/contracts/events';
import { checkCitizenIdNumber, checkCreditCode } from '@onewindow/domain/china-id';
import {
  AccountRepository,
  AgentAuthorisationEntity,
  AgentAuthorisationRepository,
  DuplicateAccountError,
  PersonalDataProtector,
} from '@onewindow/identity/data-access';
import { AccountKind, AccountStatus, AssuranceLevel, AssuranceMethod, isAtLeast, normaliseName } from '@onewindow/identity/domain';
import { Principal, Role, TokenRevocationStore } from '@onewindow/platform/auth';
import { EventPublisher } from '@onewindow/platform/events';
import { TransactionHost } from '@onewindow/platform/persistence';
import { AccountMapper } from '../accounts/account.mapper';
import { AccountResponse } from '../accounts/account.response';
import { IdentityException, IdentityExceptionCode } from '../identity.exception';
import { TokenResponse } from '../sessions/session.dto';
import { AuditTrail } from '../support/audit-trail';
import { TokenIssuer } from '../tokens/token-issuer';
import { AGENT_SCOPES, AgentAuthorisationResponse, GrantAgentDto, RegisterEnterpriseDto } from './enterprise.dto';

const YEAR_MS = 365 * 86_400_000;
const MAX_AUTHORISATION_MS = 3 * YEAR_MS;

const toResponse = (a: AgentAuthorisationEntity): AgentAuthorisationResponse => ({
  authorisationId: a.id,
  enterpriseId: a.enterpriseId,
  agentId: a.agentId,
  scopes: [...a.scopes],
  expiresAt: a.expiresAt.toISOString(),
});

const enterpriseNotFound = () => new IdentityException(IdentityExceptionCode.ACCOUNT_NOT_FOUND, 'The enterprise does not exist.');

/** Enterprise accounts and the persons authorised to act for them (ADR 0014). */
@Injectable()
export class EnterprisesService {
  constructor(
    private readonly accounts: AccountRepository,
    private readonly authorisations: AgentAuthorisationRepository,
    private readonly protector: PersonalDataProtector,
    private readonly issuer: TokenIssuer,
    private readonly revocations: TokenRevocationStore,
    private readonly audit: AuditTrail,
    private readonly events: EventPublisher<OneWindowEventMap>,
    private readonly tx: TransactionHost,
    private readonly mapper: AccountMapper,
  ) {}

  /** A person verified at L2 or above registers an enterprise and becomes its first agent, with every scope for a year. */
  async register(principal: Principal, dto: RegisterEnterpriseDto): Promise<AccountResponse> {
    const registrant = await this.accounts.findById(principal.id);
    if (!registrant || registrant.status !== AccountStatus.Active || registrant.kind !== AccountKind.Person) {
      throw new IdentityException(IdentityExceptionCode.NOT_A_PERSON, 'Only a person’s account may register an enterprise.');
    }
    if (!isAtLeast(registrant.assuranceLevel, AssuranceLevel.L2)) {
      throw new IdentityException(IdentityExceptionCode.ASSURANCE_TOO_LOW, 'Verify your real name (level L2) before registering an enterprise.');
    }
    const check = checkCreditCode(dto.creditCode);
    if (!check.valid) throw new IdentityException(IdentityExceptionCode.INVALID_ID_NUMBER, 'Invalid credit code.', [{ field: 'creditCode', reason: check.reason }]);
    try {
      const enterprise = await this.tx.transaction(async () => {
        const created = await this.accounts.insert({
          kind: AccountKind.Enterprise,
          status: AccountStatus.Active,
          keyHash: this.protector.hash('credit-code', check.value),
          keyCipher: this.protector.encrypt('credit-code', check.value),
          // Credit codes are public (national enterprise credit publicity system), so shown in full.
          keyMasked: check.value,
          nameCipher: this.protector.encrypt('name', normaliseName(dto.name)),
          phoneHash: null,
          phoneCipher: null,
          passwordHash: null,
          assuranceLevel: AssuranceLevel.L1,
          assuranceMethod: AssuranceMethod.SelfAsserted,
          assuranceVerifiedAt: null,
          organisationId: null,
          staffRoles: [],
        });
        await this.audit.record({ action: 'enterprise.registered', accountId: created.id });
        await this.events.publish('gov.onewindow.identity.account.registered.v1', {
          key: created.id,
          data: { accountId: created.id, kind: 'enterprise', assuranceLevel: 'L1' },
        });
        await this.grantWithin(created.id, principal.id, [...AGENT_SCOPES], new Date(Date.now() + YEAR_MS));
        return created;
      });
      return this.mapper.toResponse(enterprise);
    } catch (error) {
      if (error instanceof DuplicateAccountError) {
        throw new IdentityException(IdentityExceptionCode.ACCOUNT_EXISTS, 'This enterprise is already registered.', [
          { field: 'creditCode', reason: 'is already registered' },
        ]);
      }
      throw error;
    }
  }

  async grant(principal: Principal, enterpriseId: string, dto: GrantAgentDto): Promise<AgentAuthorisationResponse> {
    this.assertManages(principal, enterpriseId);
    const expiresAt = new Date(dto.expiresAt);
    if (expiresAt.getTime() <= Date.now() || expiresAt.getTime() > Date.now() + MAX_AUTHORISATION_MS) {
      throw new IdentityException(IdentityExceptionCode.INVALID_EXPIRY, 'The expiry must be in the future and at most three years ahead.', [
        { field: 'expiresAt', reason: 'must be in the future and at most three years ahead' },
      ]);
    }
    const check = checkCitizenIdNumber(dto.idNumber);
    if (!check.valid) throw new IdentityException(IdentityExceptionCode.INVALID_ID_NUMBER, 'Invalid ID number.', [{ field: 'idNumber', reason: check.reason }]);
    const agent = await this.accounts.findActive(AccountKind.Person, this.protector.hash('citizen-id', check.value));
    if (!agent) {
      throw new IdentityException(IdentityExceptionCode.ACCOUNT_NOT_FOUND, 'This person has no account; they must register first.', [
        { field: 'idNumber', reason: 'has no account' },
      ]);
    }
    const authorisation = await this.tx.transaction(() => this.grantWithin(enterpriseId, agent.id, [...new Set(dto.scopes)], expiresAt));
    return toResponse(authorisation);
  }

  async list(principal: Principal, enterpriseId: string): Promise<AgentAuthorisationResponse[]> {
    this.assertManages(principal, enterpriseId);
    return (await this.authorisations.listLiveForEnterprise(enterpriseId, new Date())).map(toResponse);
  }

  /** Withdraws an authorisation; the agent's tokens are revoked at once (they log in again). */
  async revoke(principal: Principal, enterpriseId: string, authorisationId: string): Promise<void> {
    this.assertManages(principal, enterpriseId);
    await this.tx.transaction(async () => {
      const authorisation = await this.authorisations.lockById(authorisationId);
      if (!authorisation || authorisation.enterpriseId !== enterpriseId || authorisation.revokedAt) {
        throw new IdentityException(IdentityExceptionCode.ACCOUNT_NOT_FOUND, 'No such authorisation.');
      }
      const now = new Date();
      await this.authorisations.revoke(authorisation.id, now);
      await this.revocations.revokeSubject(authorisation.agentId, now);
      await this.audit.record({ action: 'agent.revoked', accountId: enterpriseId, details: { authorisationId, agentId: authorisation.agentId } });
      await this.events.publish('gov.onewindow.identity.agent-authorisation.revoked.v1', {
        key: authorisation.id,
        data: { authorisationId: authorisation.id, enterpriseId, agentId: authorisation.agentId },
      });
    });
  }

  mine(principal: Principal): Promise<AgentAuthorisationResponse[]> {
    return this.authorisations.listLiveForAgent(principal.id, new Date()).then((list) => list.map(toResponse));
  }

  /** An access token to act for the enterprise: role enterprise_agent, `ent`, the authorised scopes, same session. */
  async actFor(principal: Principal, enterpriseId: string): Promise<TokenResponse> {
    const authorisation = await this.authorisations.findLive(enterpriseId, principal.id, new Date());
    if (!authorisation) throw enterpriseNotFound();
    const access = await this.issuer.issue({
      sub: principal.id,
      roles: [Role.EnterpriseAgent],
      ent: enterpriseId,
      scope: authorisation.scopes.join(' '),
      ...(principal.sessionId !== undefined && { sid: principal.sessionId }),
    });
    await this.tx.transaction(() => this.audit.record({ action: 'agent.acting', accountId: enterpriseId, details: { authorisationId: authorisation.id } }));
    return { accessToken: access.token, tokenType: 'Bearer', expiresIn: access.expiresIn };
  }

  private async grantWithin(enterpriseId: string, agentId: string, scopes: string[], expiresAt: Date): Promise<AgentAuthorisationEntity> {
    const authorisation = await this.authorisations.insert({ enterpriseId, agentId, scopes, expiresAt });
    await this.audit.record({ action: 'agent.granted', accountId: enterpriseId, details: { authorisationId: authorisation.id, agentId, scopes } });
    await this.events.publish('gov.onewindow.identity.agent-authorisation.granted.v1', {
      key: authorisation.id,
      data: { authorisationId: authorisation.id, enterpriseId, agentId, scopes, expiresAt: expiresAt.toISOString() },
    });
    return authorisation;
  }

  /** Agents of this enterprise holding `manage-agents`; other enterprises' agents learn nothing. */
  private assertManages(principal: Principal, enterpriseId: string): void {
    if (principal.enterpriseId !== enterpriseId) throw enterpriseNotFound();
    if (!principal.scopes.includes('manage-agents')) {
      throw new IdentityException(IdentityExceptionCode.SCOPE_REQUIRED, 'Managing agents needs the manage-agents scope.');
    }
  }
}
