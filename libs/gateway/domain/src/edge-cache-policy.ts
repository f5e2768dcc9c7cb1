/**
 * What the gateway's edge cache may keep and serve (ADR 0031): the shared-cache rules of RFC 9111
 * narrowed to what OneWindow's public answers need, with `Surrogate-Control` and `Surrogate-Key`
 * (the CDN convention) saying how long the edge may keep an answer and what purges it.
 */

type Headers = Readonly<Record<string, string | string[] | undefined>>;

/** Response headers kept with a stored answer and replayed on a hit; everything else is per request. */
export const EDGE_STORED_HEADERS = ['content-type', 'etag', 'cache-control', 'vary', 'content-language', 'last-modified'] as const;

export interface EdgeStorability {
  readonly maxAgeSeconds: number;
  readonly surrogateKeys: readonly string[];
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

function directives(value: string | undefined): Map<string, string | true> {
  const found = new Map<string, string | true>();
  for (const part of (value ?? '').split(',')) {
    const [name, argument] = part.trim().split('=', 2);
    if (name) found.set(name.toLowerCase(), argument === undefined ? true : argument.replace(/^"|"$/g, ''));
  }
  return found;
}

/**
 * The key of a request the edge may answer from its cache, or undefined: only a GET without
 * credentials (no Authorization, no Cookie) that does not forbid storing. Answers to a caller who
 * identified themselves are never shared.
 */
export function edgeCacheKey(method: string, service: string, path: string, query: string, headers: Headers): string | undefined {
  if (method !== 'GET') return undefined;
  if (headers['authorization'] !== undefined || headers['cookie'] !== undefined) return undefined;
  if (directives(single(headers['cache-control'])).has('no-store')) return undefined;
  return `${service} ${path}${query}`;
}

/**
 * Whether an upstream answer may be kept at the edge, and for how long: a 200 with an ETag (so hits
 * can answer If-None-Match), `Surrogate-Control: max-age` above zero and at least one `Surrogate-Key`,
 * that is neither private nor no-store, sets no cookie and varies at most by Accept-Encoding (the
 * gateway does not compress, so that variation never arises).
 */
export function edgeStorability(status: number, headers: Headers): EdgeStorability | undefined {
  if (status !== 200 || headers['set-cookie'] !== undefined || !single(headers['etag'])) return undefined;
  const cacheControl = directives(single(headers['cache-control']));
  if (cacheControl.has('private') || cacheControl.has('no-store')) return undefined;
  const vary = (single(headers['vary']) ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '');
  if (vary.some((name) => name !== 'accept-encoding')) return undefined;
  const surrogate = directives(single(headers['surrogate-control']));
  if (surrogate.has('no-store')) return undefined;
  const maxAge = surrogate.get('max-age');
  const maxAgeSeconds = typeof maxAge === 'string' && /^\d{1,7}$/.test(maxAge) ? Number(maxAge) : 0;
  const surrogateKeys = (single(headers['surrogate-key']) ?? '').split(/\s+/).filter((key) => key !== '');
  if (maxAgeSeconds <= 0 || surrogateKeys.length === 0) return undefined;
  return { maxAgeSeconds, surrogateKeys };
}

/** The headers replayed with a stored answer. */
export function storedHeaders(headers: Headers): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of EDGE_STORED_HEADERS) {
    const value = single(headers[name]);
    if (value !== undefined) kept[name] = value;
  }
  return kept;
}
