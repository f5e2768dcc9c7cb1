import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { RedisScript } from '@onewindow/platform/redis';
import { AuthSettings } from './auth-verification.config';
import { AUTH_REDIS, AUTH_SETTINGS } from './tokens';
import { VerificationUnavailableError } from './verification-errors';

/** What the verifier knows about a token once its signature and claims check out. */
export interface RevocationCheck {
  readonly tokenId: string;
  readonly subject: string;
  readonly sessionId?: string;
  /** `iat`, seconds since the epoch. */
  readonly issuedAt: number;
}

/**
 * Raises a key's value and its time to live to at least the given ones, so a later, narrower
 * revocation never shortens an earlier, wider one. PTTL is -2 for a missing key, -1 for no expiry.
 */
const RAISE_SCRIPT = new RedisScript(`
local current = tonumber(redis.call('GET', KEYS[1])) or 0
local ttl = redis.call('PTTL', KEYS[1])
redis.call('SET', KEYS[1], math.max(current, tonumber(ARGV[1])), 'PX', math.max(ttl, tonumber(ARGV[2])))
`);

/**
 * Revocations in Redis, written by identity (logout, deregistration, refresh-family reuse) and read
 * by every service on every authenticated request, so a revocation applies on the next request.
 *
 * Keys (under AUTH_REVOCATION_KEY_PREFIX): `jti:<jti>` and `sid:<sid>` hold 1; `sub:<sub>` holds the
 * cut-off in epoch seconds (tokens with iat < cut-off are revoked). Each key lives exactly as long
 * as a token it covers can still be accepted (its expiry plus the clock tolerance).
 */
@Injectable()
export class TokenRevocationStore {
  constructor(
    @Inject(AUTH_REDIS) private readonly redis: Redis,
    @Inject(AUTH_SETTINGS) private readonly settings: AuthSettings,
  ) {}

  /** Revokes one access token until it expires. */
  async revokeToken(tokenId: string, expiresAt: Date): Promise<void> {
    await this.raise(this.key('jti', tokenId), 1, expiresAt.getTime());
  }

  /** Revokes every access token of a session; `until` is the latest expiry of any token it issued. */
  async revokeSession(sessionId: string, until: Date): Promise<void> {
    await this.raise(this.key('sid', sessionId), 1, until.getTime());
  }

  /**
   * Revokes every access token of the subject issued before `issuedBefore`. The cut-off is rounded up
   * to the next whole second because `iat` has one-second resolution: a token issued in the same
   * second as the revocation is revoked too (its holder refreshes), never wrongly kept.
   */
  async revokeSubject(subject: string, issuedBefore: Date): Promise<void> {
    const cutOff = Math.ceil(issuedBefore.getTime() / 1000);
    const lastCoveredExpiry = (cutOff + this.settings.maxLifetimeSeconds) * 1000;
    await this.raise(this.key('sub', subject), cutOff, lastCoveredExpiry);
  }

  /** One command for all three checks; throws VerificationUnavailableError if Redis does not answer. */
  async isRevoked(token: RevocationCheck): Promise<boolean> {
    const keys = [this.key('jti', token.tokenId), this.key('sub', token.subject)];
    if (token.sessionId !== undefined) keys.push(this.key('sid', token.sessionId));
    const values = await this.withinTimeout(this.redis.mget(...keys));
    const [tokenRevoked, subjectCutOff, sessionRevoked] = values;
    const cutOff = subjectCutOff === null ? undefined : Number(subjectCutOff);
    // A cut-off we cannot read must not silently readmit the subject's tokens.
    if (cutOff !== undefined && !Number.isFinite(cutOff)) {
      throw new VerificationUnavailableError('revocation-store', { cause: new Error('unreadable subject cut-off') });
    }
    return (
      tokenRevoked !== null ||
      (sessionRevoked !== undefined && sessionRevoked !== null) ||
      (cutOff !== undefined && token.issuedAt < cutOff)
    );
  }

  private key(kind: 'jti' | 'sid' | 'sub', id: string): string {
    return `${this.settings.revocationKeyPrefix}${kind}:${id}`;
  }

  private async raise(key: string, value: number, coveredUntilMs: number): Promise<void> {
    const ttlMs = coveredUntilMs + this.settings.clockToleranceSeconds * 1000 - Date.now();
    // Everything it would cover has expired already; nothing left to revoke.
    if (ttlMs <= 0) return;
    await RAISE_SCRIPT.run(this.redis, [key], [value, Math.ceil(ttlMs)]);
  }

  private async withinTimeout<T>(operation: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new VerificationUnavailableError('revocation-store', { cause: new Error('timed out') })),
        this.settings.revocationTimeoutMs,
      );
    });
    try {
      return await Promise.race([operation, timeout]);
    } catch (error) {
      if (error instanceof VerificationUnavailableError) throw error;
      throw new VerificationUnavailableError('revocation-store', { cause: error });
    } finally {
      clearTimeout(timer);
    }
  }
}
