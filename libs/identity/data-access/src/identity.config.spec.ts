import { ConfigError, loadConfig } from '@onewindow/platform/config';
import { IdentityConfig, resolveIdentitySecrets } from './identity.config';

const base = { SERVICE_NAME: 'identity', DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/identity' };
const dataKey = `v1:${Buffer.alloc(32, 1).toString('base64')},v2:${Buffer.alloc(32, 2).toString('base64')}`;
const hashKey = Buffer.alloc(32, 3).toString('base64');

describe('identity config', () => {
  it('boots in development with the development keys', () => {
    const config = loadConfig(IdentityConfig, { ...base, NODE_ENV: 'development' });
    const secrets = resolveIdentitySecrets(config);
    expect(secrets.development).toBe(true);
    expect(secrets.dataKeys.size).toBe(1);
  });

  it('refuses to boot in production without the keys, naming both', () => {
    expect(() => loadConfig(IdentityConfig, { ...base, NODE_ENV: 'production' })).toThrow(ConfigError);
    try {
      loadConfig(IdentityConfig, { ...base, NODE_ENV: 'production' });
    } catch (error) {
      expect((error as ConfigError).problems.map((p) => p.variable).sort()).toEqual(['IDENTITY_DATA_KEYS', 'IDENTITY_HASH_KEY']);
    }
  });

  it('reads versioned data keys in production', () => {
    const config = loadConfig(IdentityConfig, { ...base, NODE_ENV: 'production', IDENTITY_DATA_KEYS: dataKey, IDENTITY_HASH_KEY: hashKey });
    const secrets = resolveIdentitySecrets(config);
    expect(secrets.development).toBe(false);
    expect([...secrets.dataKeys.keys()]).toEqual([1, 2]);
  });

  it('refuses an access-token lifetime above 15 minutes and a malformed key', () => {
    expect(() => loadConfig(IdentityConfig, { ...base, ACCESS_TOKEN_TTL_SECONDS: '901' })).toThrow(/ACCESS_TOKEN_TTL_SECONDS/);
    expect(() => loadConfig(IdentityConfig, { ...base, IDENTITY_DATA_KEYS: 'v1:short' })).toThrow(/IDENTITY_DATA_KEYS/);
  });
});
