import { bearerToken } from './bearer';
import { clientAddress, clientProtocol } from './client-address';

describe('clientAddress', () => {
  it('uses the socket address when no proxy is trusted, whatever the client claims', () => {
    expect(clientAddress('203.0.113.9', '1.2.3.4', 0)).toBe('203.0.113.9');
  });

  it('takes the address the trusted proxy saw, ignoring entries the client wrote', () => {
    expect(clientAddress('10.0.0.5', '1.2.3.4, 203.0.113.9', 1)).toBe('203.0.113.9');
    expect(clientAddress('10.0.0.5', ['1.2.3.4', '203.0.113.9, 10.0.0.4'], 2)).toBe('203.0.113.9');
  });

  it('falls back to the leftmost entry when there are fewer hops than trusted', () => {
    expect(clientAddress('10.0.0.5', undefined, 1)).toBe('10.0.0.5');
    expect(clientAddress('10.0.0.5', '203.0.113.9', 3)).toBe('203.0.113.9');
  });
});

describe('bearerToken', () => {
  it('reads only the Bearer scheme', () => {
    expect(bearerToken('Bearer abc.def.ghi')).toBe('abc.def.ghi');
    expect(bearerToken('bearer abc')).toBe('abc');
    expect(bearerToken('Basic dXNlcjpwYXNz')).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
    expect(bearerToken(['Bearer a', 'Bearer b'])).toBeUndefined();
  });
});

describe('clientProtocol', () => {
  it('trusts X-Forwarded-Proto only from a trusted proxy, and only http or https', () => {
    expect(clientProtocol('http', 'https', 1)).toBe('https');
    expect(clientProtocol('http', 'https', 0)).toBe('http');
    expect(clientProtocol('http', 'http, https', 1)).toBe('https');
    expect(clientProtocol('http', 'gopher', 1)).toBe('http');
    expect(clientProtocol('http', undefined, 1)).toBe('http');
  });
});
