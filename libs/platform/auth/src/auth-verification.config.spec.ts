import { ConfigError } from '@onewindow/platform/config';
import { loadAuthSettings } from './auth-verification.config';

const env = { JWKS_URL: 'http://identity:3000/.well-known/jwks.json' };

function problemsOf(values: Record<string, string>, hasKeySource = false): string[] {
  try {
    loadAuthSettings(values, { hasKeySource });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => p.variable).sort();
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadAuthSettings', () => {
  it('defaults to the four asymmetric algorithms, 5 s tolerance, 15 min lifetime and fail-closed timeouts', () => {
    expect(loadAuthSettings(env, { hasKeySource: false })).toMatchObject({
      jwksUrl: new URL(env.JWKS_URL),
      issuer: 'https://identity.onewindow.local',
      audience: 'onewindow',
      algorithms: ['ES256', 'RS256', 'PS256', 'EdDSA'],
      clockToleranceSeconds: 5,
      maxLifetimeSeconds: 900,
      jwksCooldownMs: 30000,
      revocationKeyPrefix: 'onewindow:auth:revoked:',
      revocationTimeoutMs: 500,
    });
  });

  it('narrows the algorithm allowlist from JWT_ALGORITHMS', () => {
    expect(loadAuthSettings({ ...env, JWT_ALGORITHMS: 'ES256, EdDSA' }, { hasKeySource: false }).algorithms).toEqual([
      'ES256',
      'EdDSA',
    ]);
  });

  it.each(['HS256', 'none', 'ES256,HS512', ''])('refuses JWT_ALGORITHMS=%p', (algorithms) => {
    expect(problemsOf({ ...env, JWT_ALGORITHMS: algorithms })).toEqual(['JWT_ALGORITHMS']);
  });

  it('requires JWKS_URL unless a key source is given', () => {
    expect(problemsOf({})).toEqual(['JWKS_URL']);
    expect(loadAuthSettings({}, { hasKeySource: true }).jwksUrl).toBeUndefined();
  });

  it('names every bad variable of both config classes at once', () => {
    expect(problemsOf({ JWKS_URL: 'ftp://x', JWT_CLOCK_TOLERANCE_SECONDS: '600', AUTH_REVOCATION_KEY_PREFIX: 'a b' })).toEqual([
      'AUTH_REVOCATION_KEY_PREFIX',
      'JWKS_URL',
      'JWT_CLOCK_TOLERANCE_SECONDS',
    ]);
  });
});
