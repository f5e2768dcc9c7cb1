/** Probes and scrapes arrive every few seconds; their access lines would drown the rest. */
const QUIET_PATHS = /^\/(?:health\/(?:live|ready)|metrics)(?:[/?]|$)/;

/** Whether a request to `url` (path and query) gets no access line. */
export function isQuietPath(url: string): boolean {
  return QUIET_PATHS.test(url);
}

/**
 * The path of `url` without its query string, for access lines and problem `instance`s: queries may
 * carry personal data or credentials.
 */
export function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

/**
 * The message of a request's access line: aborted when the response never finished (the client went
 * away), errored for a 5xx (the failure itself is logged once by the exception filter), else completed.
 */
export function accessMessage(finished: boolean, status: number): string {
  if (!finished) return 'request aborted';
  return status >= 500 ? 'request errored' : 'request completed';
}
