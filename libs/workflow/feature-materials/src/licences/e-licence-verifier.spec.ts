import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { MaterialException } from '../material.exception';
import { FormatOnlyLicenceVerifier, LicenceStoreHttpVerifier } from './e-licence-verifier';

/** A stand-in licence service answering the planned `GET /internal/licences/{id}` contract. */
function licenceService(): Promise<{ server: Server; url: string }> {
  const licences: Record<string, object> = {
    'BL-0001-valid': { id: 'BL-0001-valid', type: 'BUSINESS_LICENCE', holderId: 'ent-1', status: 'VALID' },
    'BL-0002-revoked': { id: 'BL-0002-revoked', type: 'BUSINESS_LICENCE', holderId: 'ent-1', status: 'REVOKED' },
  };
  const server = createServer((request, response) => {
    const id = decodeURIComponent((request.url ?? '').replace('/internal/licences/', ''));
    if (id === 'BL-0500-broken') return void response.writeHead(500).end();
    if (id === 'BL-0504-slow') return void setTimeout(() => response.writeHead(200).end('{}'), 2000).unref();
    const licence = licences[id];
    if (!licence) return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(licence));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })));
}

describe('LicenceStoreHttpVerifier', () => {
  let server: Server;
  let verifier: LicenceStoreHttpVerifier;

  beforeAll(async () => {
    const started = await licenceService();
    server = started.server;
    verifier = new LicenceStoreHttpVerifier(started.url, 200);
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('accepts a valid licence of the right type held by the applicant', async () => {
    await expect(verifier.verify('BL-0001-valid', 'BUSINESS_LICENCE', 'ent-1')).resolves.toEqual({ valid: true, verified: true });
  });

  it('refuses an unknown licence, another holder, another type and a revoked licence', async () => {
    expect(await verifier.verify('BL-0404-none', 'BUSINESS_LICENCE', 'ent-1')).toMatchObject({ valid: false, reason: 'is not a licence in the e-licence store' });
    expect(await verifier.verify('BL-0001-valid', 'BUSINESS_LICENCE', 'ent-2')).toMatchObject({ valid: false, reason: 'is not a licence held by the applicant' });
    expect(await verifier.verify('BL-0001-valid', 'FOOD_LICENCE', 'ent-1')).toMatchObject({ valid: false, reason: 'is not a licence of type FOOD_LICENCE' });
    expect(await verifier.verify('BL-0002-revoked', 'BUSINESS_LICENCE', 'ent-1')).toMatchObject({ valid: false, reason: 'is not a valid licence' });
  });

  it('answers 503 when the store fails or does not answer in time', async () => {
    await expect(verifier.verify('BL-0500-broken', undefined, 'ent-1')).rejects.toMatchObject({ status: 503, code: 'LICENCE_STORE_UNAVAILABLE' });
    await expect(verifier.verify('BL-0504-slow', undefined, 'ent-1')).rejects.toBeInstanceOf(MaterialException);
  });
});

describe('FormatOnlyLicenceVerifier', () => {
  it('accepts a well-formed number as unverified and refuses a malformed one', async () => {
    const verifier = new FormatOnlyLicenceVerifier();
    expect(await verifier.verify('BL-350123-0001')).toEqual({ valid: true, verified: false });
    expect(await verifier.verify('no!')).toMatchObject({ valid: false });
  });
});
