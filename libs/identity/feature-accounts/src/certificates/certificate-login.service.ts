import { Injectable } from '@nestjs/common';
import type { OneWindowEventMap } from '@onewindow/contracts/events';
import {
  CertificateFailure,
  challengeMessage,
  createChallenge,
  LoginChallenge,
  verifyCertificateChain,
  verifyChallengeSignature,
} from '@onewindow/identity/certificates';
import { AccountEntity, AccountRepository, PersonalDataProtector } from '@onewindow/identity/data-access';
import { AccountKind, AssuranceLevel, AssuranceMethod, levelAfterVerification } from '@onewindow/identity/domain';
import { EventPublisher } from '@onewindow/platform/events';
import { TransactionHost } from '@onewindow/platform/persistence';
import { RedisClient } from '@onewindow/platform/redis';
import { IdentityException, IdentityExceptionCode } from '../identity.exception';
import { TokenResponse } from '../sessions/session.dto';
import { SessionsService } from '../sessions/sessions.service';
import { AuditTrail } from '../support/audit-trail';
import { LoginThrottle } from '../support/login-throttle';
import { CertificateLoginDto, ChallengeResponse } from './certificate.dto';
import { TrustAnchorsService } from './trust-anchors.service';

const CHALLENGE_PREFIX = 'onewindow:identity:certificate-challenge:';

const rejected = (failure: Pick<CertificateFailure, 'reason'>) =>
  new IdentityException(IdentityExceptionCode.CERTIFICATE_REJECTED, `The certificate was refused: ${failure.reason}.`);

/**
 * Certificate login with cross-recognition of several CAs (ADR 0022): the client signs a one-time
 * server challenge with the certificate's key; chain, validity and key usage are checked against the
 * trust store, and the subject's ID number (or credit code) binds the certificate to an account.
 */
@Injectable()
export class CertificateLoginService {
  constructor(
    private readonly trustAnchors: TrustAnchorsService,
    private readonly accounts: AccountRepository,
    private readonly protector: PersonalDataProtector,
    private readonly sessions: SessionsService,
    private readonly throttle: LoginThrottle,
    private readonly redis: RedisClient,
    private readonly audit: AuditTrail,
    private readonly events: EventPublisher<OneWindowEventMap>,
    private readonly tx: TransactionHost,
  ) {}

  async challenge(address: string): Promise<ChallengeResponse> {
    await this.throttle.hitAddress(address);
    const challenge = createChallenge();
    const ttlMs = challenge.expiresAt.getTime() - challenge.issuedAt.getTime();
    await this.redis.set(`${CHALLENGE_PREFIX}${challenge.id}`, JSON.stringify(challenge), 'PX', ttlMs);
    return { challengeId: challenge.id, message: challengeMessage(challenge), expiresAt: challenge.expiresAt.toISOString() };
  }

  async login(dto: CertificateLoginDto, address: string): Promise<TokenResponse> {
    await this.throttle.hitAddress(address);
    const challenge = await this.consume(dto.challengeId);
    const now = new Date();
    const chain = verifyCertificateChain(dto.certificate, dto.intermediates ?? [], await this.trustAnchors.store(), now);
    if (!chain.ok) throw rejected(chain);
    const signature = verifyChallengeSignature(chain.leafCertificate, challenge, Buffer.from(dto.signature, 'base64'), dto.algorithm, now, {
      signatureEncoding: dto.signatureEncoding,
    });
    if (!signature.ok) throw rejected(signature);

    const account = await this.accountOf(chain.identity.citizenIdNumber?.value, chain.identity.creditCode?.value);
    if (!account) {
      throw new IdentityException(IdentityExceptionCode.CERTIFICATE_REJECTED, 'No account is registered for the holder of this certificate.');
    }
    const details = { method: 'certificate', trustAnchor: chain.trustAnchor.id, certificateFingerprint: chain.leaf.fingerprintSha256 };
    return this.tx.transaction(async () => {
      if (account.kind === AccountKind.Person) await this.raiseToL3(account);
      return this.sessions.startSession(account, details);
    });
  }

  /** One use only: a challenge is deleted when presented, whatever the outcome. */
  private async consume(id: string): Promise<LoginChallenge> {
    const key = `${CHALLENGE_PREFIX}${id}`;
    const [[, stored]] = (await this.redis.multi().get(key).del(key).exec()) as [[Error | null, string | null], [Error | null, number]];
    if (!stored) throw new IdentityException(IdentityExceptionCode.CHALLENGE_UNKNOWN, 'The challenge is unknown, used or expired; ask for a new one.');
    const parsed = JSON.parse(stored) as { id: string; nonce: string; issuedAt: string; expiresAt: string };
    return { id: parsed.id, nonce: parsed.nonce, issuedAt: new Date(parsed.issuedAt), expiresAt: new Date(parsed.expiresAt) };
  }

  /** A person's certificate logs the person in; a certificate naming only a credit code logs the enterprise in. */
  private async accountOf(citizenIdNumber: string | undefined, creditCode: string | undefined): Promise<AccountEntity | null> {
    if (citizenIdNumber) return this.accounts.findActive(AccountKind.Person, this.protector.hash('citizen-id', citizenIdNumber));
    if (creditCode) return this.accounts.findActive(AccountKind.Enterprise, this.protector.hash('credit-code', creditCode));
    return null;
  }

  private async raiseToL3(account: AccountEntity): Promise<void> {
    const locked = await this.accounts.lockById(account.id);
    if (!locked) return;
    const previousLevel = locked.assuranceLevel;
    const assuranceLevel = levelAfterVerification(previousLevel, AssuranceLevel.L3);
    if (assuranceLevel === previousLevel) return;
    await this.accounts.update(locked, { assuranceLevel, assuranceMethod: AssuranceMethod.Certificate, assuranceVerifiedAt: new Date() });
    await this.audit.record({ action: 'assurance.certificate', accountId: locked.id, actor: { id: locked.id, type: 'person' } });
    await this.events.publish('gov.onewindow.identity.account.assurance-changed.v1', {
      key: locked.id,
      data: { accountId: locked.id, previousLevel, assuranceLevel, method: AssuranceMethod.Certificate },
      actor: { kind: 'user', id: locked.id },
    });
  }
}
