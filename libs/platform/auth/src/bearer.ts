import { MissingTokenError, TokenRejectedError } from './verification-errors';

/** Far above any access token identity issues; bounds the work an attacker can make us do. */
export const MAX_TOKEN_LENGTH = 8192;

const BEARER = /^Bearer +(\S+) *$/i;
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/**
 * Reads the token from `Authorization: Bearer <token>` only (RFC 6750 §2.1); query strings and
 * cookies are never consulted. A missing header or another scheme is "no token", not a bad one.
 */
export function extractBearerToken(authorization: string | string[] | undefined): string {
  if (typeof authorization !== 'string') throw new MissingTokenError();
  const match = BEARER.exec(authorization);
  if (!match) throw new MissingTokenError();
  const token = match[1] as string;
  if (token.length > MAX_TOKEN_LENGTH) throw new TokenRejectedError('oversized');
  if (!COMPACT_JWS.test(token)) throw new TokenRejectedError('malformed');
  return token;
}
