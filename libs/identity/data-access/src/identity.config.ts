import { IsString, Matches, MinLength, ValidateIf } from 'class-validator';
import { DatabaseConfig, IntSetting } from '@onewindow/platform/config';


/** `v1:<base64 of 32 bytes>,v2:<...>`; the highest version encrypts new data, every listed one decrypts. */
export const DATA_KEYS_PATTERN = /^v\d{1,4}:[A-Za-z0-9+/]{43}=(,v\d{1,4}:[A-Za-z0-9+/]{43}=)*$/;
const BASE64_32_BYTES_OR_MORE = /^[A-Za-z0-9+/]{43,}={0,2}$/;

/** Loopback and the private ranges (10/8, 172.16/12, 192.168/16, fc00::/7), where the gateway runs. */
export const DEFAULT_TRUST_PROXY = 'loopback,uniquelocal';

const requiredInProduction = (config: IdentityConfig, value: unknown) => config.NODE_ENV === 'production' || value !== undefined;

/**
 * The identity service's variables on top of a database service's. Secrets (IDENTITY_DATA_KEYS,
 * IDENTITY_HASH_KEY) are required in production; elsewhere a fixed development key is used
 * (`resolveIdentitySecrets`) so `npm start` needs no setup.
 */
export class IdentityConfig extends DatabaseConfig {
  /** Same variable (and default) the platform verifier reads; identity puts it in `iss`. */
  @IsString()
  @MinLength(1)
  JWT_ISSUER = 'https://identity.onewindow.local';

  @IsString()
  @MinLength(1)
  JWT_AUDIENCE = 'onewindow';

  @ValidateIf((config: IdentityConfig) => requiredInProduction(config, config.IDENTITY_DATA_KEYS))
  @Matches(DATA_KEYS_PATTERN, { message: 'must be a comma-separated list of v<N>:<base64 of 32 bytes> (required in production)' })
  IDENTITY_DATA_KEYS?: string;

  @ValidateIf((config: IdentityConfig) => requiredInProduction(config, config.IDENTITY_HASH_KEY))
  @Matches(BASE64_32_BYTES_OR_MORE, { message: 'must be base64 of at least 32 bytes (required in production)' })
  IDENTITY_HASH_KEY?: string;

  /** Access-token lifetime; the platform verifier refuses anything above 15 minutes. */
  @IntSetting(60, 900)
  ACCESS_TOKEN_TTL_SECONDS = 600;

  /** Absolute lifetime of a refresh-token family (a login session). */
  @IntSetting(300, 7_776_000)
  REFRESH_TOKEN_TTL_SECONDS = 1_209_600;

  @IntSetting(1, 365)
  SIGNING_KEY_ROTATION_DAYS = 30;

  @IntSetting(0, 3650)
  DEREGISTRATION_RETENTION_DAYS = 180;

  /** Failed passwords in a row before an account is locked for LOGIN_LOCKOUT_SECONDS. */
  @IntSetting(3, 20)
  LOGIN_MAX_FAILURES = 5;

  @IntSetting(60, 86_400)
  LOGIN_LOCKOUT_SECONDS = 900;

  /** Login, registration and token attempts per client address per LOGIN_ADDRESS_WINDOW_SECONDS. */
  @IntSetting(5, 10_000)
  LOGIN_ADDRESS_MAX_ATTEMPTS = 60;

  @IntSetting(10, 86_400)
  LOGIN_ADDRESS_WINDOW_SECONDS = 300;

  /**
   * Peers whose X-Forwarded-For is believed (Fastify trustProxy: IPs, CIDRs or proxy-addr names).
   * The gateway sits on a private network; without this every login would count against its address.
   */
  @IsString()
  @Matches(/^[A-Za-z0-9.:/]+(,[A-Za-z0-9.:/]+)*$/, { message: 'must be a comma-separated list of IPs, CIDRs or loopback/uniquelocal' })
  TRUST_PROXY = DEFAULT_TRUST_PROXY;
}

export interface IdentitySecrets {
  /** Version to key; the highest version encrypts. */
  readonly dataKeys: ReadonlyMap<number, Buffer>;
  readonly hashKey: Buffer;
  /** True when the development keys are in use (never in production: config refuses to boot). */
  readonly development: boolean;
}

/** Public, fixed and therefore worthless outside a developer machine or a test. */
const DEVELOPMENT_DATA_KEYS = 'v1:ZGV2ZWxvcG1lbnQtb25seS1vbmV3aW5kb3ctZGF0YS0=';
const DEVELOPMENT_HASH_KEY = 'ZGV2ZWxvcG1lbnQtb25seS1vbmV3aW5kb3ctaGFzaC1rZXk=';

export function parseDataKeys(value: string): Map<number, Buffer> {
  const keys = new Map<number, Buffer>();
  for (const entry of value.split(',')) {
    const [version, key] = entry.split(':') as [string, string];
    const bytes = Buffer.from(key, 'base64');
    if (bytes.length !== 32) throw new Error(`data key ${version} is not 32 bytes`);
    keys.set(Number(version.slice(1)), bytes);
  }
  return keys;
}

export function resolveIdentitySecrets(config: Pick<IdentityConfig, 'IDENTITY_DATA_KEYS' | 'IDENTITY_HASH_KEY' | 'NODE_ENV'>): IdentitySecrets {
  if (config.NODE_ENV === 'production' && (!config.IDENTITY_DATA_KEYS || !config.IDENTITY_HASH_KEY)) {
    throw new Error('IDENTITY_DATA_KEYS and IDENTITY_HASH_KEY are required in production');
  }
  const development = !config.IDENTITY_DATA_KEYS || !config.IDENTITY_HASH_KEY;
  return {
    dataKeys: parseDataKeys(config.IDENTITY_DATA_KEYS ?? DEVELOPMENT_DATA_KEYS),
    hashKey: Buffer.from(config.IDENTITY_HASH_KEY ?? DEVELOPMENT_HASH_KEY, 'base64'),
    development,
  };
}
