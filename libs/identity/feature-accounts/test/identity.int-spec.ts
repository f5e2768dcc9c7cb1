import { eventCatalog } from '@onewindow/contracts/events';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { PersonalDataProtector } from '@onewindow/identity/data-access';
import { SchemaValidator } from '@onewindow/platform/events';
import { testKafka, TopicProbe, waitFor } from '@onewindow/platform/testing';
import { PlatformAdminBootstrap } from '../src';
import { AccountErasureService } from '../src/accounts/account-erasure.service';
import { AUDIENCE, IdentityHarness, ISSUER, newCreditCode, newIdNumber, newPhone, PASSWORD, testAddress } from './harness';

const ACCOUNT_TOPIC = 'onewindow.identity.account';
const AGENT_TOPIC = 'onewindow.identity.agent-authorisation';

describe('identity: accounts, real-name assurance and sessions (real PostgreSQL, Redis, Kafka)', () => {
  let identity: IdentityHarness;
  let probe: TopicProbe;

  beforeAll(async () => {
    identity = await IdentityHarness.start();
    probe = await new TopicProbe(testKafka()).start([ACCOUNT_TOPIC, AGENT_TOPIC]);
  });

  afterAll(async () => {
    await probe?.stop();
    await identity?.close();
  });

  async function register(overrides: Record<string, unknown> = {}) {
    const person = { idNumber: newIdNumber(), name: '林晓明', phone: newPhone(), password: PASSWORD, ...overrides };
    const response = await identity.request('POST', '/accounts', { payload: person });
    expect(response.statusCode).toBe(201);
    return { ...person, id: response.json<{ id: string }>().id, response };
  }

  async function login(credentials: Record<string, unknown>) {
    const response = await identity.request('POST', '/sessions', { payload: credentials });
    expect(response.statusCode).toBe(200);
    return response.json<{ accessToken: string; refreshToken: string; expiresIn: number }>();
  }

  const eventsOf = (accountId: string) =>
    probe.messages.filter((m) => m.key === accountId).map((m) => ({ type: m.headers['ce_type'], data: JSON.parse(m.value ?? '{}') }));

  it('registers, verifies L2 against the register, logs in, refreshes, revokes the family on replay and refuses the token after logout', async () => {
    const person = await register();
    expect(person.response.json()).toMatchObject({
      kind: 'person',
      assuranceLevel: 'L1',
      idNumber: `${person.idNumber.slice(0, 6)}********${person.idNumber.slice(14)}`,
      name: '林*明',
    });
    expect(person.response.body).not.toContain(person.idNumber);
    await identity.enrol(person.idNumber, '林晓明');

    const first = await login({ idNumber: person.idNumber, password: PASSWORD });
    expect(first.expiresIn).toBeLessThanOrEqual(900);
    expect(decodeProtectedHeader(first.accessToken)).toMatchObject({ alg: 'ES256', typ: 'at+jwt' });
    expect(decodeJwt(first.accessToken)).toMatchObject({ iss: ISSUER, aud: AUDIENCE, sub: person.id, roles: ['citizen'] });

    const verified = await identity.request('POST', '/accounts/me/register-verification', { token: first.accessToken });
    expect(verified.statusCode).toBe(200);
    expect(verified.json()).toEqual({ accountId: person.id, assuranceLevel: 'L2' });

    const refreshed = await identity.request('POST', '/sessions/refresh', { payload: { refreshToken: first.refreshToken } });
    expect(refreshed.statusCode).toBe(200);
    const second = refreshed.json<{ accessToken: string; refreshToken: string }>();
    expect(decodeJwt(second.accessToken)['sid']).toBe(decodeJwt(first.accessToken)['sid']);
    expect((await identity.request('GET', '/accounts/me', { token: second.accessToken })).json()).toMatchObject({ assuranceLevel: 'L2' });

    const replay = await identity.request('POST', '/sessions/refresh', { payload: { refreshToken: first.refreshToken } });
    expect(replay.statusCode).toBe(401);
    expect(replay.json()).toMatchObject({ code: 'INVALID_REFRESH_TOKEN' });
    // The whole family is gone: the newest refresh token and the access tokens it issued.
    expect((await identity.request('POST', '/sessions/refresh', { payload: { refreshToken: second.refreshToken } })).statusCode).toBe(401);
    expect((await identity.request('GET', '/accounts/me', { token: second.accessToken })).statusCode).toBe(401);

    const other = await login({ phone: person.phone, password: PASSWORD });
    expect((await identity.request('GET', '/accounts/me', { token: other.accessToken })).statusCode).toBe(200);
    expect((await identity.request('DELETE', '/sessions/current', { token: other.accessToken })).statusCode).toBe(204);
    const afterLogout = await identity.request('GET', '/accounts/me', { token: other.accessToken });
    expect(afterLogout.statusCode).toBe(401);
    expect((await identity.request('POST', '/sessions/refresh', { payload: { refreshToken: other.refreshToken } })).statusCode).toBe(401);

    const events = await waitFor('registered and assurance-changed on Kafka', () => {
      const seen = eventsOf(person.id);
      return seen.length >= 2 ? seen : undefined;
    });
    expect(events).toEqual([
      { type: 'gov.onewindow.identity.account.registered.v1', data: { accountId: person.id, kind: 'person', assuranceLevel: 'L1' } },
      {
        type: 'gov.onewindow.identity.account.assurance-changed.v1',
        data: { accountId: person.id, previousLevel: 'L1', assuranceLevel: 'L2', method: 'population_register' },
      },
    ]);
    const validator = new SchemaValidator(eventCatalog);
    for (const event of events) expect(() => validator.assertValid(event.type as string, event.data)).not.toThrow();
  });

  it('refuses L2 when the name does not match the population register, and audits the check', async () => {
    const person = await register({ name: '陈丽华' });
    await identity.enrol(person.idNumber, '陈丽芳');
    const { accessToken } = await login({ idNumber: person.idNumber, password: PASSWORD });
    const refused = await identity.request('POST', '/accounts/me/register-verification', { token: accessToken });
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ code: 'REGISTER_MISMATCH' });
    const rows = await identity.db.dataSource.query(`SELECT action, details FROM audit_log WHERE account_id = $1 AND action = 'assurance.register-check'`, [
      person.id,
    ]);
    expect(rows).toEqual([{ action: 'assurance.register-check', details: { result: 'name_mismatch' } }]);
  });

  it('locks an identifier out with 429 and Retry-After after repeated wrong passwords, even for the right one', async () => {
    const person = await register();
    const address = testAddress();
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const wrong = await identity.request('POST', '/sessions', { payload: { idNumber: person.idNumber, password: 'Wrong-password-1' }, address });
      expect(wrong.statusCode).toBe(401);
      expect(wrong.json()).toMatchObject({ code: 'INVALID_CREDENTIALS' });
    }
    const locked = await identity.request('POST', '/sessions', { payload: { idNumber: person.idNumber, password: PASSWORD }, address: testAddress() });
    expect(locked.statusCode).toBe(429);
    expect(locked.headers['content-type']).toContain('application/problem+json');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect(locked.json()).toMatchObject({ code: 'ACCOUNT_LOCKED' });
  });

  it('refuses an invalid ID number and unknown fields with 400 naming the field, and registers nothing', async () => {
    const phone = newPhone();
    const invalid = await identity.request('POST', '/accounts', {
      payload: { idNumber: '350123199002301234', name: '黄建国', phone, password: PASSWORD },
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ field: 'idNumber', reason: 'is not a valid citizen ID number: birth date' }],
    });
    const unknown = await identity.request('POST', '/accounts', {
      payload: { idNumber: newIdNumber(), name: '黄建国', phone, password: PASSWORD, roles: ['platform_admin'] },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'roles', reason: 'is not allowed' }] });
    const weak = await identity.request('POST', '/accounts', { payload: { idNumber: newIdNumber(), name: '黄建国', phone, password: 'password' } });
    expect(weak.statusCode).toBe(400);
    expect(weak.json()).toMatchObject({ code: 'PASSWORD_POLICY', errors: expect.arrayContaining([{ field: 'password', reason: 'too short' }]) });
    const phoneHash = identity.app.get(PersonalDataProtector, { strict: false }).hash('phone', phone);
    const [{ n }] = await identity.db.dataSource.query(`SELECT count(*)::int AS n FROM account WHERE phone_hash = $1`, [phoneHash]);
    expect(n).toBe(0);
  });

  it('refuses a second account for the same ID number with 409', async () => {
    const person = await register();
    const again = await identity.request('POST', '/accounts', {
      payload: { idNumber: person.idNumber, name: '林晓明', phone: newPhone(), password: PASSWORD },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'ACCOUNT_EXISTS', errors: [{ field: 'idNumber' }] });
  });

  it('refuses a citizen calling a staff route with 403', async () => {
    const person = await register();
    const { accessToken } = await login({ idNumber: person.idNumber, password: PASSWORD });
    const response = await identity.request('GET', `/accounts/${person.id}/id-number?purpose=curiosity-check`, { token: accessToken });
    expect(response.statusCode).toBe(403);
    const clerkRoute = await identity.request('POST', `/accounts/${person.id}/in-person-verification`, {
      token: accessToken,
      payload: { document: 'resident_identity_card', servicePointId: '350123-admin-service-centre-window-social-affairs' },
    });
    expect(clerkRoute.statusCode).toBe(403);
  });

  it('lets admins create staff in their scope, keeps staff out of other organisations, and audits a full ID number read with its purpose', async () => {
    const adminIdNumber = newIdNumber();
    const bootstrap = identity.app.get(PlatformAdminBootstrap, { strict: false });
    const adminId = await bootstrap.createIfNone({ idNumber: adminIdNumber, name: '县数字办管理员', password: PASSWORD });
    expect(adminId).toEqual(expect.any(String));
    expect(await bootstrap.createIfNone({ idNumber: newIdNumber(), name: '另一个', password: PASSWORD })).toBeUndefined();
    const adminLogin = await login({ idNumber: adminIdNumber, password: PASSWORD, organisationId: '350123' });
    expect(decodeJwt(adminLogin.accessToken)).toMatchObject({ sub: adminId, roles: ['platform_admin'], org: '350123' });
    expect(decodeJwt(adminLogin.accessToken)['dept']).toBeUndefined();
    const platformAdmin = adminLogin.accessToken;
    const createStaff = (token: string, organisationId: string, roles: string[], idNumber = newIdNumber()) =>
      identity.request('POST', '/staff', {
        token,
        payload: { idNumber, name: '吴志强', password: PASSWORD, organisationId, roles },
      });
    const marketAdminAccount = await createStaff(platformAdmin, '350123-market-regulation', ['department_admin']);
    expect(marketAdminAccount.statusCode).toBe(201);
    expect(marketAdminAccount.json()).toMatchObject({ kind: 'staff', organisationId: '350123-market-regulation', roles: ['department_admin'] });

    const marketAdmin = await identity.tokenFor({ sub: marketAdminAccount.json<{ id: string }>().id, roles: ['department_admin'], org: '350123-market-regulation' });
    const clerkIdNumber = newIdNumber();
    const clerkAccount = await createStaff(marketAdmin, '350123-market-regulation', ['window_clerk'], clerkIdNumber);
    expect(clerkAccount.statusCode).toBe(201);
    const foreign = await createStaff(marketAdmin, '350123-public-security', ['window_clerk']);
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json()).toMatchObject({ code: 'ORGANISATION_OUT_OF_SCOPE' });
    const escalation = await createStaff(marketAdmin, '350123-market-regulation', ['platform_admin']);
    expect(escalation.statusCode).toBe(403);

    const policeAdmin = await identity.tokenFor({ sub: 'police-admin-1', roles: ['department_admin'], org: '350123-public-security' });
    const clerkId = clerkAccount.json<{ id: string }>().id;
    expect((await identity.request('GET', `/accounts/${clerkId}`, { token: policeAdmin })).statusCode).toBe(403);
    expect((await identity.request('GET', `/accounts/${clerkId}`, { token: marketAdmin })).statusCode).toBe(200);

    const person = await register();
    // A staff account is reached only through its organisation.
    expect((await identity.request('POST', '/sessions', { payload: { idNumber: clerkIdNumber, password: PASSWORD } })).statusCode).toBe(401);
    const clerk = (await login({ idNumber: clerkIdNumber, password: PASSWORD, organisationId: '350123-market-regulation' })).accessToken;
    expect(decodeJwt(clerk)).toMatchObject({ sub: clerkId, roles: ['window_clerk'], org: '350123-market-regulation', dept: '010' });
    const noPurpose = await identity.request('GET', `/accounts/${person.id}/id-number`, { token: clerk });
    expect(noPurpose.statusCode).toBe(400);
    expect(noPurpose.json()).toMatchObject({ errors: expect.arrayContaining([expect.objectContaining({ field: 'purpose' })]) });
    const read = await identity.request('GET', `/accounts/${person.id}/id-number?purpose=${encodeURIComponent('case 2026-0001 applicant check')}`, {
      token: clerk,
    });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual({ idNumber: person.idNumber });
    const audit = await identity.db.dataSource.query(
      `SELECT actor_id, actor_type, organisation_id, purpose FROM audit_log WHERE account_id = $1 AND action = 'account.id-number-read'`,
      [person.id],
    );
    expect(audit).toEqual([{ actor_id: clerkId, actor_type: 'staff', organisation_id: '350123-market-regulation', purpose: 'case 2026-0001 applicant check' }]);
    const missing = await identity.request('GET', `/accounts/00000000-0000-4000-8000-000000000000`, { token: clerk });
    expect(missing.statusCode).toBe(404);

    expect((await identity.request('POST', `/staff/${clerkId}/deactivation`, { token: policeAdmin })).statusCode).toBe(403);
    expect((await identity.request('POST', `/staff/${clerkId}/deactivation`, { token: marketAdmin })).statusCode).toBe(204);
    expect((await identity.request('GET', '/accounts/me', { token: clerk })).statusCode).toBe(401);
    const clerkGone = await identity.request('POST', '/sessions', { payload: { idNumber: clerkIdNumber, password: PASSWORD, organisationId: '350123-market-regulation' } });
    expect(clerkGone.statusCode).toBe(401);
  });

  it('raises a person to L3 when a window clerk checked the document in person', async () => {
    const person = await register();
    const clerk = await identity.tokenFor({ sub: 'clerk-hall-1', roles: ['window_clerk'], org: '350123-admin-service-centre' });
    const response = await identity.request('POST', `/accounts/${person.id}/in-person-verification`, {
      token: clerk,
      payload: { document: 'resident_identity_card', servicePointId: '350123-admin-service-centre-window-social-affairs' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ accountId: person.id, assuranceLevel: 'L3' });
    const [entry] = await identity.db.dataSource.query(`SELECT actor_id FROM audit_log WHERE account_id = $1 AND action = 'assurance.in-person-check'`, [
      person.id,
    ]);
    expect(entry).toEqual({ actor_id: 'clerk-hall-1' });
  });

  it('drops to L1 on a name change, revokes every token on deregistration and erases personal data after the retention period', async () => {
    const person = await register();
    await identity.enrol(person.idNumber, '林晓明');
    const { accessToken } = await login({ idNumber: person.idNumber, password: PASSWORD });
    await identity.request('POST', '/accounts/me/register-verification', { token: accessToken });
    const renamed = await identity.request('PATCH', '/accounts/me/name', { token: accessToken, payload: { name: '林小明' } });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ assuranceLevel: 'L1', name: '林*明' });

    const wrong = await identity.request('POST', '/accounts/me/deregistration', { token: accessToken, payload: { password: 'Wrong-password-1' } });
    expect(wrong.statusCode).toBe(403);
    const closed = await identity.request('POST', '/accounts/me/deregistration', { token: accessToken, payload: { password: PASSWORD } });
    expect(closed.statusCode).toBe(204);
    expect((await identity.request('GET', '/accounts/me', { token: accessToken })).statusCode).toBe(401);
    expect((await identity.request('POST', '/sessions', { payload: { idNumber: person.idNumber, password: PASSWORD } })).statusCode).toBe(401);

    const types = await waitFor('the lifecycle events', () => {
      const seen = eventsOf(person.id).map((event) => event.type);
      return seen.includes('gov.onewindow.identity.account.deregistered.v1') ? seen : undefined;
    });
    expect(types).toEqual([
      'gov.onewindow.identity.account.registered.v1',
      'gov.onewindow.identity.account.assurance-changed.v1',
      'gov.onewindow.identity.account.name-changed.v1',
      'gov.onewindow.identity.account.assurance-changed.v1',
      'gov.onewindow.identity.account.deregistered.v1',
    ]);
    const erasure = identity.app.get(AccountErasureService, { strict: false });
    expect(await erasure.eraseDue(new Date())).toBe(0);
    await erasure.eraseDue(new Date(Date.now() + 181 * 86_400_000));
    const [row] = await identity.db.dataSource.query(
      `SELECT status, key_hash, key_cipher, key_masked, name_cipher, phone_hash, phone_cipher, password_hash FROM account WHERE id = $1`,
      [person.id],
    );
    expect(row).toEqual({
      status: 'erased',
      key_hash: null,
      key_cipher: null,
      key_masked: null,
      name_cipher: null,
      phone_hash: null,
      phone_cipher: null,
      password_hash: null,
    });
    await waitFor('the erased event', () => eventsOf(person.id).find((event) => event.type === 'gov.onewindow.identity.account.erased.v1'));
    for (const message of probe.messages.filter((m) => m.key === person.id)) {
      expect(message.value).not.toContain(person.idNumber);
      expect(message.value).not.toContain('林');
    }
  });

  it('lets an L2 person register an enterprise, authorise an agent within scopes and revoke them, publishing each step', async () => {
    const owner = await register({ name: '郑雨欣' });
    const ownerLogin = await login({ idNumber: owner.idNumber, password: PASSWORD });
    const creditCode = newCreditCode();
    const tooEarly = await identity.request('POST', '/enterprises', { token: ownerLogin.accessToken, payload: { creditCode, name: '罗源县海湾贸易有限公司' } });
    expect(tooEarly.statusCode).toBe(403);
    expect(tooEarly.json()).toMatchObject({ code: 'ASSURANCE_TOO_LOW' });
    await identity.enrol(owner.idNumber, '郑雨欣');
    await identity.request('POST', '/accounts/me/register-verification', { token: ownerLogin.accessToken });

    const badCode = await identity.request('POST', '/enterprises', {
      token: ownerLogin.accessToken,
      payload: { creditCode: `${creditCode.slice(0, 17)}${creditCode[17] === '0' ? '1' : '0'}`, name: 'x' },
    });
    expect(badCode.statusCode).toBe(400);
    expect(badCode.json()).toMatchObject({ errors: [{ field: 'creditCode', reason: 'is not a valid unified social credit code: check character' }] });
    const created = await identity.request('POST', '/enterprises', { token: ownerLogin.accessToken, payload: { creditCode, name: '罗源县海湾贸易有限公司' } });
    expect(created.statusCode).toBe(201);
    const enterprise = created.json<{ id: string; kind: string; idNumber: string; name: string }>();
    expect(enterprise).toMatchObject({ kind: 'enterprise', idNumber: creditCode, name: '罗源县海湾贸易有限公司' });

    const acting = await identity.request('POST', '/sessions/current/enterprise', { token: ownerLogin.accessToken, payload: { enterpriseId: enterprise.id } });
    expect(acting.statusCode).toBe(200);
    const ownerAsAgent = acting.json<{ accessToken: string }>().accessToken;
    expect(decodeJwt(ownerAsAgent)).toMatchObject({ sub: owner.id, roles: ['enterprise_agent'], ent: enterprise.id, scope: 'apply pay receive-licences manage-agents' });

    const clerk = await register({ name: '黄建国' });
    const expiresAt = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const granted = await identity.request('POST', `/enterprises/${enterprise.id}/agents`, {
      token: ownerAsAgent,
      payload: { idNumber: clerk.idNumber, scopes: ['apply'], expiresAt },
    });
    expect(granted.statusCode).toBe(201);
    const authorisation = granted.json<{ authorisationId: string }>();
    expect(granted.json()).toMatchObject({ enterpriseId: enterprise.id, agentId: clerk.id, scopes: ['apply'] });
    const tooLong = await identity.request('POST', `/enterprises/${enterprise.id}/agents`, {
      token: ownerAsAgent,
      payload: { idNumber: clerk.idNumber, scopes: ['apply'], expiresAt: new Date(Date.now() + 5 * 365 * 86_400_000).toISOString() },
    });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json()).toMatchObject({ errors: [{ field: 'expiresAt' }] });

    const clerkLogin = await login({ idNumber: clerk.idNumber, password: PASSWORD });
    const mine = await identity.request('GET', '/accounts/me/enterprises', { token: clerkLogin.accessToken });
    expect(mine.json()).toEqual([expect.objectContaining({ authorisationId: authorisation.authorisationId, enterpriseId: enterprise.id })]);
    const clerkActing = await identity.request('POST', '/sessions/current/enterprise', { token: clerkLogin.accessToken, payload: { enterpriseId: enterprise.id } });
    const clerkAsAgent = clerkActing.json<{ accessToken: string }>().accessToken;
    const notManager = await identity.request('GET', `/enterprises/${enterprise.id}/agents`, { token: clerkAsAgent });
    expect(notManager.statusCode).toBe(403);

    const revoked = await identity.request('DELETE', `/enterprises/${enterprise.id}/agents/${authorisation.authorisationId}`, { token: ownerAsAgent });
    expect(revoked.statusCode).toBe(204);
    expect((await identity.request('GET', '/accounts/me', { token: clerkLogin.accessToken })).statusCode).toBe(401);
    // The revocation covers tokens issued up to the end of its second (TokenRevocationStore), so log in again until past it.
    const refusedActing = await waitFor('a login after the revocation cut-off', async () => {
      const relogin = await login({ idNumber: clerk.idNumber, password: PASSWORD });
      const response = await identity.request('POST', '/sessions/current/enterprise', { token: relogin.accessToken, payload: { enterpriseId: enterprise.id } });
      return response.statusCode === 401 ? undefined : response;
    });
    expect(refusedActing.statusCode).toBe(404);

    await waitFor('the authorisation events', () => {
      const types = probe.messages.filter((m) => m.key === authorisation.authorisationId).map((m) => m.headers['ce_type']);
      return types.length >= 2 ? types : undefined;
    }).then((types) =>
      expect(types).toEqual(['gov.onewindow.identity.agent-authorisation.granted.v1', 'gov.onewindow.identity.agent-authorisation.revoked.v1']),
    );
  });

  it('changes phone and password: other sessions end, the current one goes on, and both changes are published', async () => {
    const person = await register();
    const here = await login({ idNumber: person.idNumber, password: PASSWORD });
    const elsewhere = await login({ phone: person.phone, password: PASSWORD });
    const phone = newPhone();
    const changedPhone = await identity.request('PATCH', '/accounts/me/phone', { token: here.accessToken, payload: { phone } });
    expect(changedPhone.statusCode).toBe(200);
    expect(changedPhone.json()).toMatchObject({ phone: `${phone.slice(0, 3)}****${phone.slice(-4)}` });

    const wrongCurrent = await identity.request('PUT', '/accounts/me/password', {
      token: here.accessToken,
      payload: { currentPassword: 'Not-the-password-1', newPassword: 'Another-Secret-77' },
    });
    expect(wrongCurrent.statusCode).toBe(403);
    const changed = await identity.request('PUT', '/accounts/me/password', {
      token: here.accessToken,
      payload: { currentPassword: PASSWORD, newPassword: 'Another-Secret-77' },
    });
    expect(changed.statusCode).toBe(204);
    expect((await identity.request('GET', '/accounts/me', { token: elsewhere.accessToken })).statusCode).toBe(401);
    expect((await identity.request('POST', '/sessions/refresh', { payload: { refreshToken: elsewhere.refreshToken } })).statusCode).toBe(401);
    expect((await identity.request('GET', '/accounts/me', { token: here.accessToken })).statusCode).toBe(200);
    expect((await identity.request('POST', '/sessions/refresh', { payload: { refreshToken: here.refreshToken } })).statusCode).toBe(200);
    expect((await identity.request('POST', '/sessions', { payload: { phone, password: 'Another-Secret-77' } })).statusCode).toBe(200);
    expect((await identity.request('POST', '/sessions', { payload: { phone: person.phone, password: 'Another-Secret-77' } })).statusCode).toBe(401);

    const types = await waitFor('phone-changed and password-changed', () => {
      const seen = eventsOf(person.id).map((event) => event.type);
      return seen.includes('gov.onewindow.identity.account.password-changed.v1') ? seen : undefined;
    });
    expect(types).toEqual([
      'gov.onewindow.identity.account.registered.v1',
      'gov.onewindow.identity.account.phone-changed.v1',
      'gov.onewindow.identity.account.password-changed.v1',
    ]);
  });
});
