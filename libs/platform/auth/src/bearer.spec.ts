import { extractBearerToken, MAX_TOKEN_LENGTH } from './bearer';
import { MissingTokenError, TokenRejectedError } from './verification-errors';

const token = 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhIn0.c2lnbmF0dXJl';

describe('extractBearerToken', () => {
  it.each([`Bearer ${token}`, `bearer ${token}`, `Bearer   ${token} `])('reads the token from %p', (header) => {
    expect(extractBearerToken(header)).toBe(token);
  });

  it.each<[string, string | string[] | undefined]>([
    ['no header', undefined],
    ['an empty header', ''],
    ['another scheme', `Basic ${token}`],
    ['the scheme alone', 'Bearer'],
    ['a token without scheme', token],
    ['two values', [`Bearer ${token}`, `Bearer ${token}`]],
  ])('treats %s as a missing token', (_case, header) => {
    expect(() => extractBearerToken(header)).toThrow(MissingTokenError);
  });

  it.each<[string, string]>([
    ['two segments', 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhIn0'],
    ['an empty signature', 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJhIn0.'],
    ['characters outside base64url', 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhIn0=.c2ln+'],
    ['a JWE (five segments)', 'a.b.c.d.e'],
  ])('rejects a bearer value with %s', (_case, value) => {
    expect(() => extractBearerToken(`Bearer ${value}`)).toThrow(TokenRejectedError);
  });

  it('rejects a token longer than the limit before parsing it', () => {
    const oversized = `${'a'.repeat(MAX_TOKEN_LENGTH)}.b.c`;
    expect(() => extractBearerToken(`Bearer ${oversized}`)).toThrow(new TokenRejectedError('oversized'));
  });
});
