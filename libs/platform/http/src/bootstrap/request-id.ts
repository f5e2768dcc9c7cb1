import { randomUUID } from 'node:crypto';
import { IncomingHttpHeaders } from 'node:http';

/** A UUID or any 8–64 letters, digits and dashes: safe to echo in headers and logs. */
const ACCEPTED_ID = /^[A-Za-z0-9-]{8,64}$/;

/** The header value if it is an acceptable id, else undefined. */
export function acceptedId(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' && ACCEPTED_ID.test(value) ? value : undefined;
}

/** The caller's x-request-id when acceptable (the gateway sets one), else a new UUID. */
export function requestIdFor(request: { headers: IncomingHttpHeaders }): string {
  return acceptedId(request.headers['x-request-id']) ?? randomUUID();
}
