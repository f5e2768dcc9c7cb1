import { ConfigError, loadConfig } from '@onewindow/platform/config';
import { GatewayConfig, gatewayAuthEnv } from './gateway.config';

const base = { SERVICE_NAME: 'gateway' };

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(GatewayConfig, { ...base, ...env });
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems.map((problem) => problem.variable);
  }
}

describe('GatewayConfig', () => {
  it('defaults to the local upstream ports, the documented public routes and no CORS origin', () => {
    const config = loadConfig(GatewayConfig, base);
    expect(config.PORT).toBe(3000);
    expect(config.UPSTREAM_IDENTITY_URL).toBe('http://127.0.0.1:3001');
    expect(config.UPSTREAM_DATA_SHARING_URL).toBe('http://127.0.0.1:3007');
    expect(config.GATEWAY_PUBLIC_ROUTES).toContain('POST identity /sessions');
    expect(config.CORS_ORIGINS).toEqual([]);
  });

  it('reads lists and numbers from the environment', () => {
    const config = loadConfig(GatewayConfig, {
      ...base,
      CORS_ORIGINS: 'https://zwfw.luoyuan.gov.cn, http://localhost:4200',
      RATE_LIMIT_PER_USER: '50',
      UPSTREAM_CATALOG_URL: 'http://catalog.onewindow.svc:80',
    });
    expect(config.CORS_ORIGINS).toEqual(['https://zwfw.luoyuan.gov.cn', 'http://localhost:4200']);
    expect(config.RATE_LIMIT_PER_USER).toBe(50);
    expect(config.UPSTREAM_CATALOG_URL).toBe('http://catalog.onewindow.svc:80');
  });

  it('names every bad variable: an origin with a path, a wildcard origin, a bad public route, a non-HTTP upstream', () => {
    expect(problemsOf({ CORS_ORIGINS: 'https://a.gov.cn/path' })).toEqual(['CORS_ORIGINS']);
    expect(problemsOf({ CORS_ORIGINS: '*' })).toEqual(['CORS_ORIGINS']);
    expect(problemsOf({ GATEWAY_PUBLIC_ROUTES: 'GET nowhere /x' })).toEqual(['GATEWAY_PUBLIC_ROUTES']);
    expect(problemsOf({ UPSTREAM_LICENCE_URL: 'ftp://licence' })).toEqual(['UPSTREAM_LICENCE_URL']);
    expect(problemsOf({ RATE_LIMIT_PER_ADDRESS: '0', UPSTREAM_TIMEOUT_MS: 'soon' }).sort()).toEqual(['RATE_LIMIT_PER_ADDRESS', 'UPSTREAM_TIMEOUT_MS']);
  });
});

describe('gatewayAuthEnv', () => {
  it('points JWKS_URL at identity behind UPSTREAM_IDENTITY_URL unless it is set', () => {
    expect(gatewayAuthEnv({})['JWKS_URL']).toBe('http://127.0.0.1:3001/.well-known/jwks.json');
    expect(gatewayAuthEnv({ UPSTREAM_IDENTITY_URL: 'http://identity/' })['JWKS_URL']).toBe('http://identity/.well-known/jwks.json');
    expect(gatewayAuthEnv({ JWKS_URL: 'https://idp.example/jwks', UPSTREAM_IDENTITY_URL: 'http://identity' })['JWKS_URL']).toBe(
      'https://idp.example/jwks',
    );
  });
});
