/** Services reachable under `/api/v1/<service>`; their base URLs come from configuration. */
export const ROUTED_SERVICES = [
  'identity',
  'catalog',
  'workflow',
  'licence',
  'payments',
  'logistics',
  'data-sharing',
] as const;
export type RoutedService = (typeof ROUTED_SERVICES)[number];

export const API_PREFIX = '/api/v1';

/**
 * First path segments a service keeps for itself: service-to-service calls, probes and the metrics
 * scrape. The gateway never forwards them, however they are spelt.
 */
export const UNROUTABLE_SEGMENTS: ReadonlySet<string> = new Set(['internal', 'health', 'metrics']);

export type RouteResolution =
  | { readonly kind: 'upstream'; readonly service: RoutedService; readonly path: string; readonly query: string }
  /** Not under the API prefix, an unknown service, or a path the gateway refuses to forward. */
  | { readonly kind: 'not-found' };

const NOT_FOUND: RouteResolution = { kind: 'not-found' };

function isRoutedService(name: string): name is RoutedService {
  return (ROUTED_SERVICES as readonly string[]).includes(name);
}

/** A slash or backslash inside a segment, or a control character (NUL, CR, LF, DEL...). */
function hasForbiddenCharacter(segment: string): boolean {
  for (let i = 0; i < segment.length; i += 1) {
    const code = segment.charCodeAt(i);
    if (code < 0x20 || code === 0x7f || code === 0x2f || code === 0x5c) return true;
  }
  return false;
}

function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/**
 * Maps a request URL (path and query as received) to the owning service and the path that service
 * sees: `/api/v1/identity/auth/login?x=1` → identity, `/auth/login`, `?x=1`. The forwarded path keeps
 * the client's encoding; the checks run on the decoded segments so that `%69nternal`, `Internal`,
 * `./internal`, `..`, an encoded slash or control character, or an empty segment cannot reach what the gateway refuses.
 */
export function resolveRoute(url: string): RouteResolution {
  const queryAt = url.indexOf('?');
  const rawPath = queryAt >= 0 ? url.slice(0, queryAt) : url;
  const query = queryAt >= 0 ? url.slice(queryAt) : '';
  if (!rawPath.startsWith(`${API_PREFIX}/`)) return NOT_FOUND;

  const rest = rawPath.slice(API_PREFIX.length + 1);
  const slash = rest.indexOf('/');
  const service = slash >= 0 ? rest.slice(0, slash) : rest;
  if (!isRoutedService(service)) return NOT_FOUND;
  const path = slash >= 0 ? rest.slice(slash) : '/';

  const segments = path.split('/').slice(1);
  for (const [index, raw] of segments.entries()) {
    const decoded = decodeSegment(raw);
    if (decoded === undefined) return NOT_FOUND;
    // An empty segment is only allowed as the trailing slash of a non-root path.
    if (decoded === '' && !(index === segments.length - 1 && index > 0)) {
      if (segments.length === 1) break;
      return NOT_FOUND;
    }
    if (decoded === '.' || decoded === '..' || hasForbiddenCharacter(decoded)) return NOT_FOUND;
    if (index === 0 && UNROUTABLE_SEGMENTS.has(decoded.toLowerCase())) return NOT_FOUND;
  }
  return { kind: 'upstream', service, path, query };
}
