import { exportJWK, generateKeyPair } from 'jose';
import { SigningKeyRing } from './signing-key-ring';

async function publishedKey(kid: string) {
  const { publicKey } = await generateKeyPair('ES256', { extractable: true });
  return { kid, alg: 'ES256', jwk: { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' } };
}

describe('signing key ring', () => {
  it('reloads once when a token names an unknown key, then refuses keys it still does not know', async () => {
    const first = await publishedKey('k1');
    const second = await publishedKey('k2');
    let published = [first];
    let loads = 0;
    const ring = new SigningKeyRing();
    await ring.attach(async () => {
      loads += 1;
      return published;
    });
    await expect(ring.keySource({ alg: 'ES256', kid: 'k1' }, { payload: '', signature: '' })).resolves.toBeDefined();
    await expect(ring.keySource({ alg: 'ES256', kid: 'k2' }, { payload: '', signature: '' })).rejects.toMatchObject({ code: 'ERR_JWKS_NO_MATCHING_KEY' });
    expect(loads).toBe(1);
    published = [first, second];
    await ring.load();
    await expect(ring.keySource({ alg: 'ES256', kid: 'k2' }, { payload: '', signature: '' })).resolves.toBeDefined();
    await expect(ring.keySource({ alg: 'RS256', kid: 'k2' }, { payload: '', signature: '' })).rejects.toMatchObject({ code: 'ERR_JWKS_NO_MATCHING_KEY' });
  });
});
