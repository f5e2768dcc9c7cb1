import { ROUTED_SERVICES, RoutedService } from './routing';

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type ProxiedMethod = (typeof METHODS)[number];

/** A route the gateway forwards without an access token (the service still decides for itself). */
export interface PublicRoute {
  readonly methods: readonly ProxiedMethod[];
  readonly service: RoutedService;
  /** Segments of the pattern: literals, `*` (exactly one segment) and a final `**` (any rest, even none). */
  readonly segments: readonly string[];
}

/**
 * The defaults (ADR 0017), matching the services' own `@Public()` routes: registration, login, token
 * refresh, certificate login and the client-credentials grant, identity's JWKS and OIDC discovery,
 * catalogue browsing, the working-day calendar and free appointment slots, licence verification, open
 * data. `HEAD` is allowed wherever `GET` is.
 */
export const DEFAULT_PUBLIC_ROUTES = [
  'POST identity /accounts',
  'POST identity /sessions',
  'POST identity /sessions/refresh',
  'POST identity /sessions/certificate/**',
  'POST identity /oauth/token',
  'GET identity /.well-known/**',
  'GET catalog /public/**',
  'GET workflow /calendar/years',
  'GET workflow /calendar/due-date',
  'GET workflow /appointments/slots',
  'GET,POST licence /public/verify/**',
  'GET data-sharing /open/**',
].join(';');

export class PublicRouteSyntaxError extends Error {
  constructor(
    readonly entry: string,
    reason: string,
  ) {
    super(`"${entry}": ${reason}`);
    this.name = 'PublicRouteSyntaxError';
  }
}

function parseEntry(entry: string): PublicRoute {
  const parts = entry.split(/\s+/);
  if (parts.length !== 3) throw new PublicRouteSyntaxError(entry, 'expected "METHODS service /path"');
  const [methodList, service, pattern] = parts as [string, string, string];
  const methods = methodList.toUpperCase().split(',');
  for (const method of methods) {
    if (!(METHODS as readonly string[]).includes(method)) {
      throw new PublicRouteSyntaxError(entry, `unknown method ${method}`);
    }
  }
  if (!(ROUTED_SERVICES as readonly string[]).includes(service)) {
    throw new PublicRouteSyntaxError(entry, `unknown service ${service}`);
  }
  if (!pattern.startsWith('/')) throw new PublicRouteSyntaxError(entry, 'the path must start with /');
  const segments = pattern.split('/').slice(1);
  segments.forEach((segment, index) => {
    if (segment === '') throw new PublicRouteSyntaxError(entry, 'empty path segment');
    if (segment === '**' && index !== segments.length - 1) {
      throw new PublicRouteSyntaxError(entry, '** is allowed only as the last segment');
    }
  });
  const withHead = methods.includes('GET') && !methods.includes('HEAD') ? [...methods, 'HEAD'] : methods;
  return { methods: withHead as ProxiedMethod[], service: service as RoutedService, segments };
}

/** Parses `METHODS service /pattern` entries separated by `;` or new lines; throws on the first bad one. */
export function parsePublicRoutes(list: string): PublicRoute[] {
  return list
    .split(/[;\n]/)
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map(parseEntry);
}

function matchesSegments(pattern: readonly string[], path: readonly string[]): boolean {
  for (let i = 0; i < pattern.length; i += 1) {
    const expected = pattern[i];
    if (expected === '**') return true;
    const actual = path[i];
    if (actual === undefined) return false;
    if (expected !== '*' && expected !== actual) return false;
  }
  return pattern.length === path.length;
}

/** Path segments as a service's router sees them: decoded, without the empty trailing one. */
export function pathSegments(path: string): string[] {
  const segments = path.split('/').slice(1);
  if (segments[segments.length - 1] === '') segments.pop();
  return segments.map((segment) => {
    try {
      return decodeURIComponent(segment);
    } catch {
      return segment;
    }
  });
}

/** True when `method path` on `service` (the path the service sees) is on the public list. */
export function isPublicRoute(
  routes: readonly PublicRoute[],
  method: string,
  service: RoutedService,
  path: string,
): boolean {
  const segments = pathSegments(path);
  return routes.some(
    (route) =>
      route.service === service &&
      (route.methods as readonly string[]).includes(method) &&
      matchesSegments(route.segments, segments),
  );
}
