import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { checkCitizenIdNumber } from '@onewindow/domain/china-id';
import { departmentOfOrganisation } from '@onewindow/domain/county';
import {
  AccountEntity,
  AccountRepository,
  IdentityConfig,
  PersonalDataProtector,
  SessionRepository,
} from '@onewindow/identity/data-access';
import { AccountKind, AccountStatus } from '@onewindow/identity/domain';
import { Principal, Role, TokenRevocationStore } from '@onewindow/platform/auth';
import { AppConfig } from '@onewindow/platform/config';
import { TransactionHost } from '@onewindow/platform/persistence';
import { IdentityException, IdentityExceptionCode } from '../identity.exception';
import { AuditTrail } from '../support/audit-trail';
import { LoginThrottle } from '../support/login-throttle';
import { Passwords } from '../support/passwords';
import { AccessTokenSubject, IssuedAccessToken, TokenIssuer } from '../tokens/token-issuer';
import { AGENT_SCOPES } from '../enterprises/enterprise.dto';
import { LoginDto, TokenResponse } from './session.dto';

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

function invalidCredentials(): IdentityException {
  return new IdentityException(IdentityExceptionCode.INVALID_CREDENTIALS, 'The identifier or the password is wrong.');
}

function invalidRefreshToken(): IdentityException {
  return new IdentityException(IdentityExceptionCode.INVALID_REFRESH_TOKEN, 'The refresh token is not valid; log in again.');
}

/**
 * Claims of an account's access tokens: citizens; staff with their organisation and roles; an
 * enterprise (certificate login) acting for itself with every agent scope.
 */
export function subjectOf(account: AccountEntity, sessionId: string): AccessTokenSubject {
  if (account.kind === AccountKind.Staff && account.organisationId) {
    // Staff of a department also carry its three-digit code, the one catalogue and workflow use.
    const dept = departmentOfOrganisation(account.organisationId)?.code;
    return { sub: account.id, roles: account.staffRoles, org: account.organisationId, ...(dept ? { dept } : {}), sid: sessionId };
  }
  if (account.kind === AccountKind.Enterprise) {
    return { sub: account.id, roles: [Role.EnterpriseAgent], ent: account.id, scope: AGENT_SCOPES.join(' '), sid: sessionId };
  }
  return { sub: account.id, roles: [Role.Citizen], sid: sessionId };
}

/** Login sessions: password login, refresh-token rotation with reuse detection, logout (ADR 0015). */
@Injectable()
export class SessionsService {
  constructor(
    private readonly accounts: AccountRepository,
    private readonly sessions: SessionRepository,
    private readonly protector: PersonalDataProtector,
    private readonly passwords: Passwords,
    private readonly throttle: LoginThrottle,
    private readonly issuer: TokenIssuer,
    private readonly revocations: TokenRevocationStore,
    private readonly audit: AuditTrail,
    private readonly tx: TransactionHost,
    private readonly config: AppConfig<IdentityConfig>,
  ) {}

  async login(dto: LoginDto, address: string): Promise<TokenResponse> {
    await this.throttle.hitAddress(address);
    const { subject, find } = this.identify(dto);
    await this.throttle.assertNotLocked(subject);
    const account = await find();
    if (!(await this.passwords.verify(account?.passwordHash, dto.password)) || !account) {
      await this.throttle.recordFailure(subject);
      if (account) await this.tx.transaction(() => this.audit.record({ action: 'session.login-failed', accountId: account.id, actor: { id: null, type: 'anonymous' } }));
      throw invalidCredentials();
    }
    await this.throttle.recordSuccess(subject);
    return this.tx.transaction(() => this.startSession(account, { method: 'password' }));
  }

  /** Opens a session (refresh-token family) for an authenticated account, in the caller's transaction. */
  async startSession(account: AccountEntity, details: Record<string, unknown>): Promise<TokenResponse> {
    const sessionId = randomUUID();
    const access = await this.issuer.issue(subjectOf(account, sessionId));
    await this.sessions.createFamily({
      id: sessionId,
      accountId: account.id,
      expiresAt: new Date(Date.now() + this.config.get('REFRESH_TOKEN_TTL_SECONDS') * 1000),
      accessExpiresAt: access.expiresAt,
    });
    const refreshToken = await this.newRefreshToken(sessionId);
    await this.audit.record({ action: 'session.login', accountId: account.id, actor: { id: account.id, type: account.kind }, details: { sessionId, ...details } });
    return this.tokens(access, refreshToken);
  }

  /**
   * Exchanges a refresh token for a new pair. A token already used means it was copied: the whole
   * family is revoked (in the database and, for its access tokens, in Redis) and the caller gets 401.
   */
  async refresh(refreshToken: string, address: string): Promise<TokenResponse> {
    await this.throttle.hitAddress(address);
    const outcome = await this.tx.transaction(async (): Promise<TokenResponse | 'refused'> => {
      const presented = await this.sessions.findForRefresh(sha256(refreshToken));
      if (!presented) return 'refused';
      const { token, family } = presented;
      const now = new Date();
      if (family.revokedAt || family.expiresAt <= now) return 'refused';
      if (token.usedAt) {
        await this.sessions.revokeFamily(family.id, 'refresh_token_reuse', now);
        await this.revocations.revokeSession(family.id, family.accessExpiresAt);
        await this.audit.record({
          action: 'session.refresh-token-reused',
          accountId: family.accountId,
          actor: { id: null, type: 'anonymous' },
          details: { sessionId: family.id },
        });
        return 'refused';
      }
      const account = await this.accounts.findById(family.accountId);
      if (!account || account.status !== AccountStatus.Active) return 'refused';
      await this.sessions.markUsed(token.id, now);
      const access = await this.issuer.issue(subjectOf(account, family.id));
      await this.sessions.extendAccess(family.id, access.expiresAt);
      return this.tokens(access, await this.newRefreshToken(family.id));
    });
    if (outcome === 'refused') throw invalidRefreshToken();
    return outcome;
  }

  /** Ends the caller's session: its refresh tokens and every access token it issued, at once. */
  async logout(principal: Principal): Promise<void> {
    await this.tx.transaction(async () => {
      await this.revocations.revokeToken(principal.tokenId, principal.expiresAt);
      if (principal.sessionId) {
        const family = await this.sessions.findFamily(principal.sessionId);
        if (family && family.accountId === principal.id) {
          await this.sessions.revokeFamily(family.id, 'logout', new Date());
          await this.revocations.revokeSession(family.id, family.accessExpiresAt);
        }
      }
      await this.audit.record({ action: 'session.logout', accountId: principal.id, details: { sessionId: principal.sessionId ?? null } });
    });
  }

  private identify(dto: LoginDto): { subject: string; find: () => Promise<AccountEntity | null> } {
    if (dto.idNumber !== undefined) {
      const check = checkCitizenIdNumber(dto.idNumber);
      if (!check.valid) throw invalidCredentials();
      const keyHash = this.protector.hash('citizen-id', check.value);
      const organisationId = dto.organisationId;
      if (organisationId !== undefined) {
        return { subject: `staff:${organisationId}:${keyHash}`, find: () => this.accounts.findActive(AccountKind.Staff, keyHash, organisationId) };
      }
      return { subject: `person:${keyHash}`, find: () => this.accounts.findActive(AccountKind.Person, keyHash) };
    }
    if (dto.phone === undefined || dto.organisationId !== undefined) throw invalidCredentials();
    const phoneHash = this.protector.hash('phone', dto.phone);
    return { subject: `phone:${phoneHash}`, find: () => this.accounts.findActivePersonByPhone(phoneHash) };
  }

  private async newRefreshToken(familyId: string): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await this.sessions.addToken(familyId, sha256(token));
    return token;
  }

  private tokens(access: IssuedAccessToken, refreshToken: string): TokenResponse {
    return { accessToken: access.token, tokenType: 'Bearer', expiresIn: access.expiresIn, refreshToken };
  }
}
