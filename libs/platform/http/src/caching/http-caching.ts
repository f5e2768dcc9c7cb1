/**
 * HTTP caching shared by the services that render public answers and the gateway that keeps them at
 * the edge (ADR 0031). A service marks an answer storable at the edge with `Surrogate-Control:
 * max-age=N` and names what it depends on with `Surrogate-Key`; after a change it publishes the key
 * on the Redis channel below and every gateway replica drops those answers at once.
 */
export const EDGE_CACHE_PURGE_CHANNEL = 'onewindow:edge-cache:purge';
export const SURROGATE_CONTROL = 'surrogate-control';
export const SURROGATE_KEY = 'surrogate-key';

/** `If-None-Match` matches when it lists the ETag (or `*`); weak comparison as RFC 9110 asks for GET. */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const strip = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || strip(tag) === strip(etag));
}
