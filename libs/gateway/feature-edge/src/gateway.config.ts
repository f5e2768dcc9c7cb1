import { DEFAULT_PUBLIC_ROUTES, parsePublicRoutes, PublicRouteSyntaxError, RoutedService } from '@onewindow/gateway/domain';
import { IntSetting, ListSetting, PlatformConfig } from '@onewindow/platform/config';
import { IsString, IsUrl, Matches, registerDecorator, ValidationOptions } from 'class-validator';


const UPSTREAM_URL = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };

/** `METHODS service /pattern; ...` that parses (see parsePublicRoutes). */
function IsPublicRouteList(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isPublicRouteList',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate(value: unknown): boolean {
          if (typeof value !== 'string') return false;
          try {
            parsePublicRoutes(value);
            return true;
          } catch (error) {
            if (error instanceof PublicRouteSyntaxError) return false;
            throw error;
          }
        },
        defaultMessage(): string {
          return 'must be a list of "METHODS service /path" entries separated by ";" (e.g. "POST identity /sessions")';
        },
      },
    });
}

/** The gateway's variables (ADRs 0017, 0018) on top of the platform's; token settings are AuthConfig's. */
export class GatewayConfig extends PlatformConfig {
  @IsUrl(UPSTREAM_URL)
  UPSTREAM_IDENTITY_URL = 'http://127.0.0.1:3001';

  @IsUrl(UPSTREAM_URL)
  UPSTREAM_CATALOG_URL = 'http://127.0.0.1:3002';

  @IsUrl(UPSTREAM_URL)
  UPSTREAM_WORKFLOW_URL = 'http://127.0.0.1:3003';

  @IsUrl(UPSTREAM_URL)
  UPSTREAM_LICENCE_URL = 'http://127.0.0.1:3004';

  @IsUrl(UPSTREAM_URL)
  UPSTREAM_PAYMENTS_URL = 'http://127.0.0.1:3005';

  @IsUrl(UPSTREAM_URL)
  UPSTREAM_LOGISTICS_URL = 'http://127.0.0.1:3006';

  @IsUrl(UPSTREAM_URL)
  UPSTREAM_DATA_SHARING_URL = 'http://127.0.0.1:3007';

  /** Longest wait for an upstream's response headers, and between two body chunks; then 504. */
  @IntSetting(100, 300_000)
  UPSTREAM_TIMEOUT_MS = 30_000;

  /** Longest wait to open a connection to an upstream; then 504. */
  @IntSetting(50, 60_000)
  UPSTREAM_CONNECT_TIMEOUT_MS = 2_000;

  /** Keep-alive connections per upstream and gateway replica. */
  @IntSetting(1, 4096)
  UPSTREAM_CONNECTIONS = 128;

  /** Consecutive connection failures or timeouts that open an upstream's circuit (then 503). */
  @IntSetting(1, 1000)
  CIRCUIT_FAILURE_THRESHOLD = 5;

  /** How long an open circuit refuses before one trial request goes through. */
  @IntSetting(100, 600_000)
  CIRCUIT_OPEN_MS = 10_000;

  /** Routes forwarded without an access token; see DEFAULT_PUBLIC_ROUTES and ADR 0017. */
  @IsPublicRouteList()
  GATEWAY_PUBLIC_ROUTES = DEFAULT_PUBLIC_ROUTES;

  /** Largest request body forwarded, in bytes; larger ones get 413. */
  @IntSetting(1024, 100 * 1024 * 1024)
  GATEWAY_BODY_LIMIT_BYTES = 1024 * 1024;

  /**
   * Largest body of a file upload (the media types in GATEWAY_FILE_MEDIA_TYPES), in bytes: the
   * workflow's material uploads of up to 10 MiB plus headroom. Every other body keeps GATEWAY_BODY_LIMIT_BYTES.
   */
  @IntSetting(1024, 1024 * 1024 * 1024)
  GATEWAY_FILE_BODY_LIMIT_BYTES = 11 * 1024 * 1024;

  /** Media types forwarded under the file limit (comma-separated). */
  @ListSetting()
  @IsString({ each: true })
  @Matches(/^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/, { each: true, message: 'must be a comma-separated list of media types such as application/pdf' })
  GATEWAY_FILE_MEDIA_TYPES: string[] = ['application/pdf', 'image/jpeg', 'image/png', 'application/ofd'];

  /** Proxies in front of the gateway that append to X-Forwarded-For (the ingress controller: 1). */
  @IntSetting(0, 5)
  GATEWAY_TRUSTED_PROXY_HOPS = 0;

  /**
   * Memory for public answers kept at the edge (ADR 0031), per replica; 0 turns the edge cache off.
   * Only anonymous GETs whose upstream marked them with Surrogate-Control and Surrogate-Key are kept.
   */
  @IntSetting(0, 2 * 1024 * 1024 * 1024)
  GATEWAY_EDGE_CACHE_MAX_BYTES = 64 * 1024 * 1024;

  /** Largest single answer the edge keeps, in bytes; larger ones are streamed through. */
  @IntSetting(1024, 64 * 1024 * 1024)
  GATEWAY_EDGE_CACHE_MAX_ENTRY_BYTES = 1024 * 1024;

  /** Browser origins allowed to call the API (comma-separated, e.g. https://zwfw.luoyuan.gov.cn); none by default. */
  @ListSetting()
  @IsString({ each: true })
  @Matches(/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/, { each: true, message: 'must be a comma-separated list of origins such as https://example.gov.cn' })
  CORS_ORIGINS: string[] = [];

  @IntSetting(0, 86_400)
  CORS_MAX_AGE_SECONDS = 600;

  /** Sliding window of the edge rate limits. */
  @IntSetting(1, 3600)
  RATE_LIMIT_WINDOW_SECONDS = 60;

  /** Requests per window from one client address, all routes. */
  @IntSetting(1, 1_000_000)
  RATE_LIMIT_PER_ADDRESS = 1200;

  /** Requests per window from one authenticated user (token `sub`), across addresses. */
  @IntSetting(1, 1_000_000)
  RATE_LIMIT_PER_USER = 300;

  @IsString()
  @Matches(/^[A-Za-z0-9:_.-]+$/, { message: 'must contain only letters, digits and : _ . -' })
  RATE_LIMIT_KEY_PREFIX = 'onewindow:gateway:rate:';

  /** How long the merged OpenAPI document is reused before the services are asked again. */
  @IntSetting(0, 3_600_000)
  OPENAPI_CACHE_TTL_MS = 30_000;

  @IntSetting(100, 30_000)
  OPENAPI_FETCH_TIMEOUT_MS = 2_000;
}

/** The variable holding each routed service's base URL. */
export const UPSTREAM_VARIABLE = {
  identity: 'UPSTREAM_IDENTITY_URL',
  catalog: 'UPSTREAM_CATALOG_URL',
  workflow: 'UPSTREAM_WORKFLOW_URL',
  licence: 'UPSTREAM_LICENCE_URL',
  payments: 'UPSTREAM_PAYMENTS_URL',
  logistics: 'UPSTREAM_LOGISTICS_URL',
  'data-sharing': 'UPSTREAM_DATA_SHARING_URL',
} as const satisfies Record<RoutedService, keyof GatewayConfig>;

/**
 * The environment for AuthModule: JWKS_URL defaults to identity's JWKS behind UPSTREAM_IDENTITY_URL,
 * so the gateway needs no second setting for where identity is (an explicit JWKS_URL wins).
 */
export function gatewayAuthEnv(env: Record<string, string | undefined> = process.env): Record<string, string | undefined> {
  if (env['JWKS_URL']) return env;
  const identity = (env['UPSTREAM_IDENTITY_URL'] || new GatewayConfig().UPSTREAM_IDENTITY_URL).replace(/\/+$/, '');
  return { ...env, JWKS_URL: `${identity}/.well-known/jwks.json` };
}
