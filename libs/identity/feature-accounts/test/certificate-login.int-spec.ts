import { decodeJwt } from 'jose';
import { IdentityHarness, newIdNumber, newPhone, PASSWORD } from './harness';
import { TestCertificate, TestPki } from './test-pki';

describe('identity: certificate login with roots of several CAs', () => {
  let identity: IdentityHarness;
  let pki: TestPki;
  let admin: string;
  let ecRoot: TestCertificate;
  let sm2Root: TestCertificate;

  beforeAll(async () => {
    identity = await IdentityHarness.start();
    pki = new TestPki();
    ecRoot = pki.root('Test ECDSA Root CA');
    sm2Root = pki.root('Test SM2 Root CA', true);
    admin = await identity.tokenFor({ sub: 'platform-admin-certs', roles: ['platform_admin'], org: '350123' });
    for (const [id, root] of [['test-ecdsa-root', ecRoot], ['test-sm2-root', sm2Root]] as const) {
      const added = await identity.request('POST', '/trust-anchors', { token: admin, payload: { id, label: id, certificatePem: root.pem } });
      expect(added.statusCode).toBe(201);
    }
  });

  afterAll(async () => {
    pki?.dispose();
    await identity?.close();
  });

  async function person() {
    const idNumber = newIdNumber();
    const response = await identity.request('POST', '/accounts', { payload: { idNumber, name: '林晓明', phone: newPhone(), password: PASSWORD } });
    expect(response.statusCode).toBe(201);
    return { idNumber, id: response.json<{ id: string }>().id };
  }

  async function certificateLogin(certificate: TestCertificate, options: { signer?: TestCertificate } = {}) {
    const challenge = (await identity.request('POST', '/sessions/certificate/challenge')).json<{ challengeId: string; message: string }>();
    const signature = pki.sign(options.signer ?? certificate, challenge.message);
    const payload = { challengeId: challenge.challengeId, certificate: certificate.pem, signature, algorithm: certificate.sm2 ? 'SM2_SM3' : 'ES256' };
    return { response: await identity.request('POST', '/sessions/certificate/login', { payload }), payload };
  }

  it('logs a person in with an ECDSA certificate of a trusted CA, raises them to L3, and refuses the challenge a second time', async () => {
    const holder = await person();
    const { response, payload } = await certificateLogin(pki.leaf('ec-holder', ecRoot, holder.idNumber));
    expect(response.statusCode).toBe(200);
    const { accessToken } = response.json<{ accessToken: string; refreshToken: string }>();
    expect(decodeJwt(accessToken)).toMatchObject({ sub: holder.id, roles: ['citizen'] });
    expect((await identity.request('GET', '/accounts/me', { token: accessToken })).json()).toMatchObject({ assuranceLevel: 'L3' });
    const replay = await identity.request('POST', '/sessions/certificate/login', { payload });
    expect(replay.statusCode).toBe(401);
    expect(replay.json()).toMatchObject({ code: 'CHALLENGE_UNKNOWN' });
  });

  it('accepts an SM2-with-SM3 certificate and signature', async () => {
    const holder = await person();
    const { response } = await certificateLogin(pki.leaf('sm2-holder', sm2Root, holder.idNumber));
    expect(response.statusCode).toBe(200);
    expect(decodeJwt(response.json<{ accessToken: string }>().accessToken)).toMatchObject({ sub: holder.id });
  });

  it('refuses a certificate of an untrusted CA, an expired one, and a signature by another key', async () => {
    const holder = await person();
    const stranger = pki.root('Untrusted Root CA');
    const untrusted = await certificateLogin(pki.leaf('untrusted-holder', stranger, holder.idNumber));
    expect(untrusted.response.statusCode).toBe(401);
    expect(untrusted.response.json()).toMatchObject({ code: 'CERTIFICATE_REJECTED', detail: expect.stringContaining('UNTRUSTED_ISSUER') });

    const expired = pki.leaf('expired-holder', ecRoot, holder.idNumber, { from: new Date(Date.now() - 400 * 86_400_000), until: new Date(Date.now() - 86_400_000) });
    const late = await certificateLogin(expired);
    expect(late.response.statusCode).toBe(401);
    expect(late.response.json()).toMatchObject({ detail: expect.stringContaining('EXPIRED') });

    const genuine = pki.leaf('genuine-holder', ecRoot, holder.idNumber);
    const forged = await certificateLogin(genuine, { signer: pki.leaf('other-holder', ecRoot, newIdNumber()) });
    expect(forged.response.statusCode).toBe(401);
    expect(forged.response.json()).toMatchObject({ detail: expect.stringContaining('BAD_SIGNATURE') });
  });

  it('refuses a certificate whose holder has no account', async () => {
    const { response } = await certificateLogin(pki.leaf('unknown-holder', ecRoot, newIdNumber()));
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ code: 'CERTIFICATE_REJECTED' });
  });

  it('lets only platform admins manage the trust store, and refuses a leaf certificate as a root naming the field', async () => {
    const listed = await identity.request('GET', '/trust-anchors', { token: admin });
    expect(listed.json<Array<{ id: string }>>().map((anchor) => anchor.id)).toEqual(['test-ecdsa-root', 'test-sm2-root']);
    const notARoot = await identity.request('POST', '/trust-anchors', {
      token: admin,
      payload: { id: 'a-leaf', label: 'not a CA', certificatePem: pki.leaf('leaf-as-root', ecRoot, newIdNumber()).pem },
    });
    expect(notARoot.statusCode).toBe(400);
    expect(notARoot.json()).toMatchObject({ code: 'TRUST_ANCHOR_INVALID', errors: [{ field: 'certificatePem' }] });
    const clerk = await identity.tokenFor({ sub: 'clerk-certs', roles: ['window_clerk'], org: '350123-admin-service-centre' });
    expect((await identity.request('GET', '/trust-anchors', { token: clerk })).statusCode).toBe(403);
  });
});
