import { Inject, Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { createRemoteJWKSet, decodeProtectedHeader, errors, FlattenedJWSInput, JWTHeaderParameters, JWTPayload, jwtVerify, JWTVerifyGetKey } from 'jose';
import { AuthSettings } from './auth-verification.config';
import { principalFromClaims } from './claims';
import { Principal } from './principal';
import { ACCESS_TOKEN_TYPE, assertAcceptableHeader } from './token-header';
import { TokenRevocationStore } from './token-revocation.store';
import { AUTH_KEY_SOURCE, AUTH_SETTINGS } from './tokens';
import { TokenRejectedError, VerificationUnavailableError } from './verification-errors';

/** Key-resolution failures that are the token's fault; anything else means the JWKS is unreachable or broken. */
const TOKEN_FAULTS: ReadonlySet<string> = new Set([
  'ERR_JWKS_NO_MATCHING_KEY',
  'ERR_JWKS_MULTIPLE_MATCHING_KEYS',
  'ERR_JOSE_ALG_NOT_ALLOWED',
  'ERR_JOSE_NOT_SUPPORTED',
]);

/**
 * The remote JWKS is cached for JWKS_CACHE_MAX_AGE_MS and fetched again when a token names an unknown
 * `kid`, at most once per JWKS_COOLDOWN_MS, which is how a rotated-in key is picked up without restart.
 */
export function remoteKeySource(settings: AuthSettings): JWTVerifyGetKey {
  if (!settings.jwksUrl) throw new Error('JWKS_URL is not configured');
  return createRemoteJWKSet(settings.jwksUrl, {
    cacheMaxAge: settings.jwksCacheMaxAgeMs,
    cooldownDuration: settings.jwksCooldownMs,
    timeoutDuration: settings.jwksTimeoutMs,
  });
}

/**
 * Verifies a compact access token and returns its principal: header checks, signature against the
 * key source, RFC 9068 claims, then revocation. Framework-free apart from DI so the gateway or a
 * WebSocket adapter can call it directly.
 */
/**
 * How long a token whose signature and claims were verified is trusted without verifying the
 * signature again (never past its `exp`). Revocation is still checked on every request, and so is
 * the presence of its signing key in the key set: a key withdrawn from the JWKS is refused at once.
 */
export const VERIFIED_TOKEN_REUSE_MS = 60_000;

interface VerifiedToken {
  principal: Principal;
  exp: number;
  iat: number;
  header: JWTHeaderParameters;
}

@Injectable()
export class AccessTokenVerifier {
  private readonly getKey: JWTVerifyGetKey;
  /** Tokens already verified by this process, by their exact text (ES256 costs more than the lookup). */
  private readonly verified = new LRUCache<string, VerifiedToken>({ max: 10_000, ttl: VERIFIED_TOKEN_REUSE_MS });

  constructor(
    @Inject(AUTH_SETTINGS) private readonly settings: AuthSettings,
    @Inject(AUTH_KEY_SOURCE) keySource: JWTVerifyGetKey,
    private readonly revocations: TokenRevocationStore,
  ) {
    this.getKey = async (header, token) => {
      try {
        return await keySource(header, token);
      } catch (error) {
        if (error instanceof errors.JOSEError && TOKEN_FAULTS.has(error.code)) throw error;
        throw new VerificationUnavailableError('jwks', { cause: error });
      }
    };
  }

  async verify(token: string): Promise<Principal> {
    const { principal, iat } = await this.verifiedClaims(token);

    const revoked = await this.revocations.isRevoked({
      tokenId: principal.tokenId,
      subject: principal.id,
      sessionId: principal.sessionId,
      issuedAt: iat,
    });
    if (revoked) throw new TokenRejectedError('revoked');
    return { ...principal };
  }

  /**
   * The subject of a token this process verified in the last VERIFIED_TOKEN_REUSE_MS and that has not
   * expired, without any check: for work that may start alongside `verify` (the gateway keys its
   * per-user limit with it), never for admitting a request.
   */
  rememberedSubject(token: string): string | undefined {
    return this.remembered(token)?.principal.id;
  }

  /** The verified claims of `token` if this process verified it in the last VERIFIED_TOKEN_REUSE_MS and it has not expired. */
  private remembered(token: string): VerifiedToken | undefined {
    const known = this.verified.get(token);
    return known && Date.now() / 1000 <= known.exp + this.settings.clockToleranceSeconds ? known : undefined;
  }

  /** Signature and claims, verified once per VERIFIED_TOKEN_REUSE_MS per token, and never after `exp`. */
  private async verifiedClaims(token: string): Promise<VerifiedToken> {
    const known = this.remembered(token);
    if (known && (await this.keyStillPublished(known, token))) return known;
    this.verified.delete(token);
    const header = this.headerOf(token);
    assertAcceptableHeader(header, this.settings.algorithms);
    const payload = await this.verifySignatureAndClaims(token);
    const { exp, iat } = payload;
    if (typeof exp !== 'number' || typeof iat !== 'number') throw new TokenRejectedError('claim.exp');
    if (exp - iat > this.settings.maxLifetimeSeconds) throw new TokenRejectedError('lifetime');
    const verified: VerifiedToken = { principal: principalFromClaims(payload), exp, iat, header: header as JWTHeaderParameters };
    this.verified.set(token, verified);
    return verified;
  }

  /** Whether the key that signed a remembered token is still in the key set (a lookup, no signature check). */
  private async keyStillPublished(known: VerifiedToken, token: string): Promise<boolean> {
    try {
      await this.getKey(known.header, { payload: token, signature: '' } as unknown as FlattenedJWSInput);
      return true;
    } catch (error) {
      if (error instanceof VerificationUnavailableError) throw error;
      return false;
    }
  }

  private headerOf(token: string): Record<string, unknown> {
    try {
      return decodeProtectedHeader(token);
    } catch (error) {
      throw new TokenRejectedError('malformed', { cause: error });
    }
  }

  /** On success exp, nbf, iat, jti and sub are present and exp, nbf, iat are numbers. */
  private async verifySignatureAndClaims(token: string): Promise<JWTPayload> {
    try {
      const { payload } = await jwtVerify(token, this.getKey, {
        algorithms: [...this.settings.algorithms],
        typ: ACCESS_TOKEN_TYPE,
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        requiredClaims: ['exp', 'nbf', 'iat', 'jti', 'sub'],
        clockTolerance: this.settings.clockToleranceSeconds,
        maxTokenAge: this.settings.maxLifetimeSeconds,
        crit: {},
      });
      return payload;
    } catch (error) {
      if (error instanceof VerificationUnavailableError) throw error;
      if (error instanceof errors.JOSEError) {
        const claim = error instanceof errors.JWTClaimValidationFailed ? `.${error.claim}` : '';
        throw new TokenRejectedError(`${error.code}${claim}`, { cause: error });
      }
      throw error;
    }
  }
}
