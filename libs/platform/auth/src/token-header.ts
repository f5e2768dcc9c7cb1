import { TokenRejectedError } from './verification-errors';

/**
 * Header parameters that name or carry a key. jose ignores them, but a token that brings its own key
 * (or a URL to one) is an attack or a misconfigured issuer, so it is refused outright.
 */
const KEY_CARRYING_PARAMETERS = ['jku', 'jwk', 'x5u', 'x5c'] as const;

/** We implement no JWS extensions, so any `crit` (and the `b64` extension it would announce) is refused. */
const EXTENSION_PARAMETERS = ['crit', 'b64'] as const;

export const ACCESS_TOKEN_TYPE = 'at+jwt';

/** RFC 7515 §4.1.9: media types compare case-insensitively and may omit the `application/` prefix. */
export function isAccessTokenType(typ: unknown): boolean {
  if (typeof typ !== 'string') return false;
  const normalised = typ.toLowerCase();
  return normalised === ACCESS_TOKEN_TYPE || normalised === `application/${ACCESS_TOKEN_TYPE}`;
}

/** Checks the (still unauthenticated) protected header before any key is looked up. */
export function assertAcceptableHeader(header: Readonly<Record<string, unknown>>, algorithms: readonly string[]): void {
  if (typeof header['alg'] !== 'string' || !algorithms.includes(header['alg'])) {
    throw new TokenRejectedError('header.alg');
  }
  if (typeof header['kid'] !== 'string' || header['kid'].length === 0) {
    throw new TokenRejectedError('header.kid');
  }
  if (!isAccessTokenType(header['typ'])) {
    throw new TokenRejectedError('header.typ');
  }
  for (const parameter of [...KEY_CARRYING_PARAMETERS, ...EXTENSION_PARAMETERS]) {
    if (Object.hasOwn(header, parameter)) throw new TokenRejectedError(`header.${parameter}`);
  }
}
