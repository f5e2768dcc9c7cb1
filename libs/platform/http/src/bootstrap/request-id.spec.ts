import { acceptedId, requestIdFor } from './request-id';

describe('request ids', () => {
  it('accepts a UUID or 8 to 64 letters, digits and dashes', () => {
    expect(acceptedId('3f1c7e2a-8b4d-4c6e-9f00-123456789abc')).toBe('3f1c7e2a-8b4d-4c6e-9f00-123456789abc');
    expect(acceptedId('gw-0001A')).toBe('gw-0001A');
    expect(acceptedId('a'.repeat(64))).toBe('a'.repeat(64));
  });

  it('refuses values that are too short, too long, repeated or contain other characters', () => {
    for (const value of [
      'short',
      'a'.repeat(65),
      'id with spaces',
      'id\r\nx-evil: 1',
      'abc_defgh',
      ['abcdefgh', 'ijklmnop'],
      undefined,
    ]) {
      expect(acceptedId(value)).toBeUndefined();
    }
  });

  it('keeps an acceptable incoming x-request-id and otherwise generates a UUID', () => {
    expect(requestIdFor({ headers: { 'x-request-id': 'gateway-123456' } })).toBe('gateway-123456');
    const generated = requestIdFor({ headers: { 'x-request-id': '<script>' } });
    expect(generated).toMatch(/^[\da-f]{8}-[\da-f]{4}-4[\da-f]{3}-[\da-f]{4}-[\da-f]{12}$/);
    expect(requestIdFor({ headers: {} })).not.toBe(generated);
  });
});
