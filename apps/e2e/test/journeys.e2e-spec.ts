import { randomUUID } from 'node:crypto';
import { citizenIdCheckCharacter } from '@onewindow/domain/china-id';
import { decodeJwt } from 'jose';
import { waitFor } from '@onewindow/platform/testing';
import { call, Stack } from './support/stack';

/** Fictitious residents of the identity service's stand-in population register (ADR 0014). */
const RESIDENT = { idNumber: withCheck('35012319850312001'), name: '林晓明' };
const NEIGHBOUR = { idNumber: withCheck('35012319900101002'), name: '陈丽华' };
const DEMO_ADMIN = { idNumber: withCheck('35012319800101999'), password: 'Demo-Admin-2026!', organisationId: '350123' };
const PASSWORD = 'Luoyuan-Window-2026';
const FOOD_LICENCE = '350123-010-01-0003-4';
/** 企业投资项目核准: its definition has development and reform, natural resources and housing review in parallel, then the decision. */
const INVESTMENT_APPROVAL = '350123-001-01-0001-4';
/** What the food licence asks of the applicant (the business licence is read from the e-licence store). */
const FOOD_LICENCE_MATERIALS = ['食品经营许可申请书', '经营场所平面图和设备布局图', '食品安全管理制度'];
const ENTERPRISE_WINDOW = '350123-admin-service-centre-window-enterprise-licensing';

function withCheck(first17: string): string {
  return first17 + citizenIdCheckCharacter(first17);
}

interface Tokens {
  accessToken: string;
  refreshToken: string;
}

describe('journeys through the gateway, with every service running', () => {
  const stack = new Stack();

  beforeAll(() => stack.start(), 240_000);
  afterAll(() => stack.stop(), 60_000);

  const login = async (body: Record<string, string>) => {
    const reply = await call<Tokens>(stack, 'POST', '/api/v1/identity/sessions', { body });
    expect(reply.status).toBe(200);
    return reply.body;
  };
  const register = async (person: { idNumber: string; name: string }, phone: string) => {
    const reply = await call(stack, 'POST', '/api/v1/identity/accounts', {
      body: { idNumber: person.idNumber, name: person.name, phone, password: PASSWORD },
    });
    expect(reply.status).toBe(201);
  };

  it('registers, verifies against the population register, logs in, refreshes, catches a replayed refresh token and logs out', async () => {
    await register(RESIDENT, '13800000001');
    const first = await login({ idNumber: RESIDENT.idNumber, password: PASSWORD });
    const me = await call<{ idNumber: string; assuranceLevel: string }>(stack, 'GET', '/api/v1/identity/accounts/me', { token: first.accessToken });
    expect(me.status).toBe(200);
    expect(me.body.idNumber).toMatch(/^350123\*+\w{4}$/);

    const verified = await call<{ assuranceLevel: string }>(stack, 'POST', '/api/v1/identity/accounts/me/register-verification', {
      token: first.accessToken,
    });
    expect(verified.body).toMatchObject({ assuranceLevel: 'L2' });

    const refreshed = await call<Tokens>(stack, 'POST', '/api/v1/identity/sessions/refresh', { body: { refreshToken: first.refreshToken } });
    expect(refreshed.status).toBe(200);
    const replayed = await call(stack, 'POST', '/api/v1/identity/sessions/refresh', { body: { refreshToken: first.refreshToken } });
    expect(replayed.status).toBe(401);
    // Reuse revoked the whole family: the rotated token is dead too, and so are its access tokens.
    const afterReplay = await call(stack, 'POST', '/api/v1/identity/sessions/refresh', { body: { refreshToken: refreshed.body.refreshToken } });
    expect(afterReplay.status).toBe(401);
    expect((await call(stack, 'GET', '/api/v1/identity/accounts/me', { token: refreshed.body.accessToken })).status).toBe(401);

    const session = await login({ idNumber: RESIDENT.idNumber, password: PASSWORD });
    expect((await call(stack, 'DELETE', '/api/v1/identity/sessions/current', { token: session.accessToken })).status).toBe(204);
    const afterLogout = await call(stack, 'GET', '/api/v1/identity/accounts/me', { token: session.accessToken });
    expect(afterLogout.status).toBe(401);
    expect(afterLogout.headers.get('content-type')).toContain('application/problem+json');
  });

  it('finds the food business licence in the public catalogue without a token', async () => {
    const found = await waitFor('the demo catalogue', async () => {
      const reply = await call<{ items: Array<{ code: string }> }>(stack, 'GET', `/api/v1/catalog/public/items?q=${encodeURIComponent('食品经营')}`);
      return reply.status === 200 && reply.body.items.some((i) => i.code === FOOD_LICENCE) ? reply : undefined;
    });
    expect(found.body.items[0]?.code).toBe(FOOD_LICENCE);
  });

  /** A staff account created by the demo platform admin, logged in. */
  const staff = async (first17: string, name: string, organisationId: string, roles: string[]) => {
    const admin = await login(DEMO_ADMIN);
    const idNumber = withCheck(first17);
    const created = await call(stack, 'POST', '/api/v1/identity/staff', {
      token: admin.accessToken,
      body: { idNumber, name, password: PASSWORD, organisationId, roles },
    });
    expect(created.status).toBe(201);
    return (await login({ idNumber, password: PASSWORD, organisationId })).accessToken;
  };
  type Case = { id: string; status: string; decision?: string; trips: number; tasks: Array<{ id: string; departmentCode: string; status: string; stage: number }> };
  const act = async (token: string, method: string, path: string, body?: object, idempotent = false) =>
    call<Case>(stack, method, `/api/v1/workflow/applications${path}`, { token, body, ...(idempotent ? { idempotencyKey: randomUUID() } : {}) });
  /** Online, the applicant first uploads each material the item asks of them (ADR 0028). */
  const uploadMaterials = (token: string, names: readonly string[]) =>
    Promise.all(
      names.map(async (name) => {
        const response = await fetch(`${stack.gatewayUrl}/api/v1/workflow/uploads`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/pdf' },
          body: Buffer.from(`%PDF-1.7\n${name}`),
        });
        expect(response.status).toBe(201);
        return { name, uploadId: ((await response.json()) as { uploadId: string }).uploadId };
      }),
    );

  it('takes an online case from submission to electronic delivery: window acceptance, department review, zero trips', async () => {
    const clerk = await staff('35012319880808111', '窗口甲', ENTERPRISE_WINDOW, ['window_clerk']);
    const reviewer = await staff('35012319870707222', '审查乙', '350123-market-regulation', ['department_reviewer']);
    const citizen = (await login({ idNumber: RESIDENT.idNumber, password: PASSWORD })).accessToken;

    // The workflow knows the item once the catalogue's published event has reached it.
    const materials = await uploadMaterials(citizen, FOOD_LICENCE_MATERIALS);
    const submitted = await waitFor(
      'the item in the workflow',
      async () => {
        const reply = await call<{ id: string; status: string; trips: number }>(stack, 'POST', '/api/v1/workflow/applications', {
          token: citizen,
          idempotencyKey: randomUUID(),
          body: { itemCode: FOOD_LICENCE, channel: 'ONLINE', materials },
        });
        return reply.status === 201 ? reply.body : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    expect(submitted).toMatchObject({ status: 'SUBMITTED', trips: 0 });

    const accepted = await call<{ status: string; tasks: Array<{ id: string; departmentCode: string }> }>(
      stack,
      'POST',
      `/api/v1/workflow/applications/${submitted.id}/acceptance`,
      { token: clerk, idempotencyKey: randomUUID(), body: {} },
    );
    // The food licence's process definition: market regulation reviews, then leads a joint site inspection with health (单改综).
    expect(accepted.body).toMatchObject({
      status: 'IN_REVIEW',
      tasks: [
        { departmentCode: '010', kind: 'REVIEW', stage: 1, status: 'PENDING' },
        { departmentCode: '010', kind: 'JOINT_INSPECTION', stage: 2, status: 'WAITING', withDepartments: ['009'] },
      ],
    });
    const [task, inspection] = accepted.body.tasks.map((t) => t.id);
    const filed = await call<Array<{ name: string }>>(stack, 'GET', `/api/v1/workflow/applications/${submitted.id}/materials`, { token: reviewer });
    expect(filed.body.map((m) => m.name).sort()).toEqual([...FOOD_LICENCE_MATERIALS].sort());

    const claim = await call(stack, 'POST', `/api/v1/workflow/applications/${submitted.id}/tasks/${task}/claim`, { token: reviewer });
    expect(claim.status).toBe(200);
    const decided = await call(stack, 'POST', `/api/v1/workflow/applications/${submitted.id}/tasks/${task}/decision`, {
      token: reviewer,
      idempotencyKey: randomUUID(),
      body: { decision: 'APPROVED', comment: '材料齐全，符合条件' },
    });
    expect(decided.body).toMatchObject({ status: 'IN_REVIEW', tasks: [{ status: 'APPROVED' }, { status: 'PENDING' }] });
    // Stage 1 joined: the joint inspection is open now.
    expect((await call(stack, 'POST', `/api/v1/workflow/applications/${submitted.id}/tasks/${inspection}/claim`, { token: reviewer })).status).toBe(200);
    const inspected = await call(stack, 'POST', `/api/v1/workflow/applications/${submitted.id}/tasks/${inspection}/decision`, {
      token: reviewer,
      idempotencyKey: randomUUID(),
      body: { decision: 'APPROVED', comment: '现场核查合格' },
    });
    expect(inspected.body).toMatchObject({ status: 'CONCLUDED', decision: 'APPROVED' });

    const delivered = await call(stack, 'POST', `/api/v1/workflow/applications/${submitted.id}/delivery`, {
      token: clerk,
      body: { method: 'ELECTRONIC' },
    });
    expect(delivered.body).toMatchObject({ status: 'DELIVERED', trips: 0 });
    expect((await call(stack, 'GET', `/api/v1/workflow/applications/${submitted.id}`, { token: citizen })).body).toMatchObject({
      status: 'DELIVERED',
    });

    await register(NEIGHBOUR, '13800000002');
    const neighbour = (await login({ idNumber: NEIGHBOUR.idNumber, password: PASSWORD })).accessToken;
    expect((await call(stack, 'GET', `/api/v1/workflow/applications/${submitted.id}`, { token: neighbour })).status).toBe(404);
  });

  it('takes a case in at a township centre with a supplement round, then three departments review in parallel and one denies', async () => {
    const townshipClerk = await staff('35012319860606333', '窗口丙', '350123-fengshan-centre', ['window_clerk']);
    const reform = await staff('35012319850505444', '审查丁', '350123-development-reform', ['department_reviewer']);
    const land = await staff('35012319840404555', '审查戊', '350123-natural-resources', ['department_reviewer']);
    const housing = await staff('35012319830303666', '审查己', '350123-housing-construction', ['department_reviewer']);
    const citizen = (await login({ idNumber: RESIDENT.idNumber, password: PASSWORD })).accessToken;
    const me = await call<{ id: string }>(stack, 'GET', '/api/v1/identity/accounts/me', { token: citizen });

    const submitted = await act(townshipClerk, 'POST', '', { itemCode: INVESTMENT_APPROVAL, channel: 'TOWNSHIP_CENTRE', applicantId: me.body.id }, true);
    expect(submitted.body).toMatchObject({ status: 'SUBMITTED', trips: 1 });
    const id = submitted.body.id;
    expect((await act(townshipClerk, 'POST', `/${id}/supplement-request`, { missing: ['项目申请报告（修订稿）', '用地预审意见'] })).body).toMatchObject({
      status: 'SUPPLEMENT_REQUESTED',
    });
    // The applicant sees the one notice listing every missing material, and resubmits online.
    expect((await act(citizen, 'GET', `/${id}`)).body).toMatchObject({ missingMaterials: ['项目申请报告（修订稿）', '用地预审意见'] });
    expect((await act(citizen, 'POST', `/${id}/resubmission`)).body).toMatchObject({ status: 'SUBMITTED', trips: 1 });

    // The item's published process definition lays out the tasks; the clerk chooses none.
    const accepted = await act(townshipClerk, 'POST', `/${id}/acceptance`, {}, true);
    const stage = (n: number) => accepted.body.tasks.filter((t) => t.stage === n);
    expect(stage(1).map((t) => [t.departmentCode, t.status]).sort()).toEqual([['001', 'PENDING'], ['007', 'PENDING'], ['008', 'PENDING']]);
    expect(stage(2).map((t) => [t.departmentCode, t.status])).toEqual([['001', 'WAITING']]);
    const taskOf = (code: string) => stage(1).find((t) => t.departmentCode === code)?.id;
    // A reviewer of another department cannot touch development and reform's task.
    expect((await act(land, 'POST', `/${id}/tasks/${taskOf('001')}/claim`)).status).toBe(403);

    expect((await act(reform, 'POST', `/${id}/tasks/${taskOf('001')}/claim`)).status).toBe(200);
    expect((await act(reform, 'POST', `/${id}/tasks/${taskOf('001')}/decision`, { decision: 'APPROVED' }, true)).body).toMatchObject({
      status: 'IN_REVIEW',
    });
    expect((await act(land, 'POST', `/${id}/tasks/${taskOf('007')}/claim`)).status).toBe(200);
    const denied = await act(land, 'POST', `/${id}/tasks/${taskOf('007')}/decision`, { decision: 'DENIED', comment: '用地不符合国土空间规划' }, true);
    expect(denied.body).toMatchObject({ status: 'CONCLUDED', decision: 'DENIED' });
    // Housing's open task and the waiting decision stage are cancelled.
    expect(denied.body.tasks.filter((t) => t.status === 'CANCELLED').map((t) => [t.departmentCode, t.stage]).sort()).toEqual([['001', 2], ['008', 1]]);
    expect((await act(housing, 'POST', `/${id}/tasks/${taskOf('008')}/claim`)).status).toBe(409);
  });

  it('concludes an instant item at acceptance, and lets an applicant withdraw a case under review', async () => {
    const socialWindow = await staff('35012319820202777', '窗口庚', '350123-admin-service-centre-window-social-affairs', ['window_clerk']);
    const citizen = (await login({ idNumber: RESIDENT.idNumber, password: PASSWORD })).accessToken;
    const submitUntilKnown = async (itemCode: string, materialNames: readonly string[] = []) => {
      const materials = await uploadMaterials(citizen, materialNames);
      return waitFor(
        `${itemCode} in the workflow`,
        async () => {
          const reply = await act(citizen, 'POST', '', { itemCode, channel: 'ONLINE', materials }, true);
          return reply.status === 201 ? reply.body : undefined;
        },
        { timeoutMs: 60_000, intervalMs: 500 },
      );
    };
    const pension = await submitUntilKnown('350123-006-11-0001-4');
    expect((await act(socialWindow, 'POST', `/${pension.id}/acceptance`, {}, true)).body).toMatchObject({ status: 'CONCLUDED', decision: 'APPROVED' });

    const licence = await submitUntilKnown(FOOD_LICENCE, FOOD_LICENCE_MATERIALS);
    const enterpriseWindow = await staff('35012319810101888', '窗口辛', ENTERPRISE_WINDOW, ['window_clerk']);
    expect((await act(enterpriseWindow, 'POST', `/${licence.id}/acceptance`, {}, true)).body).toMatchObject({ status: 'IN_REVIEW' });
    expect((await act(citizen, 'POST', `/${licence.id}/withdrawal`)).body).toMatchObject({ status: 'WITHDRAWN' });
  });

  it('gives a department system a service token by client_credentials, form-encoded with HTTP Basic, as OAuth clients send it', async () => {
    const admin = await login(DEMO_ADMIN);
    const created = await call<{ clientId: string; clientSecret: string }>(stack, 'POST', '/api/v1/identity/service-clients', {
      token: admin.accessToken,
      body: { clientId: 'market-licensing-system', name: '市场监管审批系统', organisationId: '350123-market-regulation', scopes: ['workflow:decisions'] },
    });
    expect(created.status).toBe(201);
    const basic = Buffer.from(`${created.body.clientId}:${encodeURIComponent(created.body.clientSecret)}`).toString('base64');
    const response = await fetch(`${stack.gatewayUrl}/api/v1/identity/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${basic}` },
      body: 'grant_type=client_credentials&scope=workflow%3Adecisions',
    });
    expect(response.status).toBe(200);
    const token = (await response.json()) as { access_token: string; token_type: string; scope: string };
    expect(token).toMatchObject({ token_type: 'Bearer', scope: 'workflow:decisions' });
    expect(decodeJwt(token.access_token)).toMatchObject({ sub: 'market-licensing-system', roles: ['service'], dept: '010' });

    const wrong = await fetch(`${stack.gatewayUrl}/api/v1/identity/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `grant_type=client_credentials&client_id=market-licensing-system&client_secret=not-the-secret`,
    });
    expect(wrong.status).toBe(401);
  });

  it('never exposes a service’s internal or operational routes, and serves one merged API document', async () => {
    expect((await call(stack, 'GET', '/api/v1/identity/metrics')).status).toBe(404);
    expect((await call(stack, 'GET', '/api/v1/workflow/internal/anything')).status).toBe(404);
    const docs = await call<{ openapi: string; paths: Record<string, unknown> }>(stack, 'GET', '/api/docs-json');
    expect(docs.body.openapi).toBe('3.1.0');
    const paths = Object.keys(docs.body.paths);
    for (const prefix of ['/api/v1/identity/', '/api/v1/catalog/', '/api/v1/workflow/']) {
      expect(paths.some((p) => p.startsWith(prefix))).toBe(true);
    }
  });
});
