import { ArrayNotEmpty, IsIn, IsString, Matches } from 'class-validator';
import { AuthConfig, ConfigError, ConfigProblem, IntSetting, ListSetting, loadConfig } from '@onewindow/platform/config';

/** Asymmetric algorithms identity may sign with. HS* and `none` can never be configured. */
export const SUPPORTED_ALGORITHMS = ['ES256', 'RS256', 'PS256', 'EdDSA'] as const;
export type AccessTokenAlgorithm = (typeof SUPPORTED_ALGORITHMS)[number];


/**
 * Token verification variables beyond `AuthConfig` (JWKS_URL, JWT_ISSUER, JWT_AUDIENCE).
 * Every one has a production-safe default; services normally set none of them.
 */
export class AuthVerificationConfig {
  /** Comma-separated allowlist of `alg` values, a subset of ES256, RS256, PS256, EdDSA. */
  @ListSetting()
  @ArrayNotEmpty()
  @IsIn(SUPPORTED_ALGORITHMS, { each: true, message: `must be a comma-separated subset of ${SUPPORTED_ALGORITHMS.join(', ')}` })
  JWT_ALGORITHMS: AccessTokenAlgorithm[] = [...SUPPORTED_ALGORITHMS];

  /** Leeway for exp, nbf and iat against this host's clock. */
  @IntSetting(0, 60)
  JWT_CLOCK_TOLERANCE_SECONDS = 5;

  /** Longest accepted access-token lifetime (exp - iat) and age (now - iat). Identity issues at most 15 min. */
  @IntSetting(60, 3600)
  JWT_MAX_LIFETIME_SECONDS = 900;

  /** How long a fetched JWKS is used before it is fetched again. */
  @IntSetting(1000, 86_400_000)
  JWKS_CACHE_MAX_AGE_MS = 600_000;

  /** Minimum time between two fetches triggered by an unknown `kid` (0 only in tests). */
  @IntSetting(0, 3_600_000)
  JWKS_COOLDOWN_MS = 30_000;

  /** Timeout of one JWKS HTTP request. */
  @IntSetting(100, 60_000)
  JWKS_TIMEOUT_MS = 5_000;

  /** Redis key prefix shared with identity, which writes the revocations. */
  @IsString()
  @Matches(/^[A-Za-z0-9:_.-]+$/, { message: 'must contain only letters, digits and : _ . -' })
  AUTH_REVOCATION_KEY_PREFIX = 'onewindow:auth:revoked:';

  /** Longest wait for the revocation check before the request fails closed with 503. */
  @IntSetting(10, 5_000)
  AUTH_REVOCATION_TIMEOUT_MS = 500;
}

/** Everything the verifier and the revocation store need, resolved once at boot. */
export interface AuthSettings {
  /** Undefined only when AuthModule was given its own key source. */
  readonly jwksUrl?: URL;
  readonly issuer: string;
  readonly audience: string;
  readonly algorithms: readonly AccessTokenAlgorithm[];
  readonly clockToleranceSeconds: number;
  readonly maxLifetimeSeconds: number;
  readonly jwksCacheMaxAgeMs: number;
  readonly jwksCooldownMs: number;
  readonly jwksTimeoutMs: number;
  readonly revocationKeyPrefix: string;
  readonly revocationTimeoutMs: number;
}

type Env = Record<string, string | undefined>;

function collect<T extends object>(cls: new () => T, env: Env, problems: ConfigProblem[]): T | undefined {
  try {
    return loadConfig(cls, env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems);
    return undefined;
  }
}

/**
 * Validates `AuthConfig` and `AuthVerificationConfig` together so one ConfigError names every bad
 * variable. JWKS_URL is required unless the caller verifies with its own key source.
 */
export function loadAuthSettings(env: Env, options: { hasKeySource: boolean }): AuthSettings {
  const problems: ConfigProblem[] = [];
  const auth = collect(AuthConfig, env, problems);
  const verification = collect(AuthVerificationConfig, env, problems);
  if (auth && !auth.JWKS_URL && !options.hasKeySource) {
    problems.push({ variable: 'JWKS_URL', reason: 'is required unless AuthModule.forRoot is given a keySource' });
  }
  if (!auth || !verification || problems.length > 0) throw new ConfigError(problems);
  return Object.freeze({
    jwksUrl: auth.JWKS_URL ? new URL(auth.JWKS_URL) : undefined,
    issuer: auth.JWT_ISSUER,
    audience: auth.JWT_AUDIENCE,
    algorithms: Object.freeze([...verification.JWT_ALGORITHMS]),
    clockToleranceSeconds: verification.JWT_CLOCK_TOLERANCE_SECONDS,
    maxLifetimeSeconds: verification.JWT_MAX_LIFETIME_SECONDS,
    jwksCacheMaxAgeMs: verification.JWKS_CACHE_MAX_AGE_MS,
    jwksCooldownMs: verification.JWKS_COOLDOWN_MS,
    jwksTimeoutMs: verification.JWKS_TIMEOUT_MS,
    revocationKeyPrefix: verification.AUTH_REVOCATION_KEY_PREFIX,
    revocationTimeoutMs: verification.AUTH_REVOCATION_TIMEOUT_MS,
  });
}
