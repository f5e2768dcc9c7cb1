import { assertAcceptableHeader, isAccessTokenType } from './token-header';
import { TokenRejectedError } from './verification-errors';

const algorithms = ['ES256', 'RS256', 'PS256', 'EdDSA'];
const valid = { alg: 'ES256', kid: 'key-1', typ: 'at+jwt' };

function rejectionOf(header: Record<string, unknown>): string | undefined {
  try {
    assertAcceptableHeader(header, algorithms);
    return undefined;
  } catch (error) {
    if (error instanceof TokenRejectedError) return error.reason;
    throw error;
  }
}

describe('assertAcceptableHeader', () => {
  it.each(['ES256', 'RS256', 'PS256', 'EdDSA'])('accepts alg %s with a kid and typ at+jwt', (alg) => {
    expect(rejectionOf({ ...valid, alg })).toBeUndefined();
  });

  it.each(['at+jwt', 'AT+JWT', 'application/at+jwt', 'Application/AT+JWT'])('accepts typ %s', (typ) => {
    expect(rejectionOf({ ...valid, typ })).toBeUndefined();
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['alg none', { ...valid, alg: 'none' }, 'header.alg'],
    ['alg HS256', { ...valid, alg: 'HS256' }, 'header.alg'],
    ['alg ES384 (not allowlisted)', { ...valid, alg: 'ES384' }, 'header.alg'],
    ['alg in the wrong case', { ...valid, alg: 'es256' }, 'header.alg'],
    ['no alg', { kid: 'key-1', typ: 'at+jwt' }, 'header.alg'],
    ['no kid', { alg: 'ES256', typ: 'at+jwt' }, 'header.kid'],
    ['an empty kid', { ...valid, kid: '' }, 'header.kid'],
    ['a numeric kid', { ...valid, kid: 1 }, 'header.kid'],
    ['no typ', { alg: 'ES256', kid: 'key-1' }, 'header.typ'],
    ['typ JWT', { ...valid, typ: 'JWT' }, 'header.typ'],
    ['a refresh-token typ', { ...valid, typ: 'rt+jwt' }, 'header.typ'],
    ['a jku', { ...valid, jku: 'https://attacker.example/jwks.json' }, 'header.jku'],
    ['an embedded jwk', { ...valid, jwk: { kty: 'EC' } }, 'header.jwk'],
    ['an x5u', { ...valid, x5u: 'https://attacker.example/cert.pem' }, 'header.x5u'],
    ['an x5c chain', { ...valid, x5c: ['MIIB'] }, 'header.x5c'],
    ['a crit extension', { ...valid, crit: ['exp'], exp: 1 }, 'header.crit'],
    ['an empty crit', { ...valid, crit: [] }, 'header.crit'],
    ['an unencoded-payload b64', { ...valid, b64: false }, 'header.b64'],
  ])('refuses a header with %s', (_case, header, reason) => {
    expect(rejectionOf(header)).toBe(reason);
  });

  it('refuses an algorithm the deployment removed from its allowlist', () => {
    expect(() => assertAcceptableHeader({ ...valid, alg: 'RS256' }, ['ES256'])).toThrow(TokenRejectedError);
  });
});

describe('isAccessTokenType', () => {
  it.each([undefined, 42, 'jwt', 'at+jwt; charset=utf-8', 'text/at+jwt'])('does not take %p for at+jwt', (typ) => {
    expect(isAccessTokenType(typ)).toBe(false);
  });
});
