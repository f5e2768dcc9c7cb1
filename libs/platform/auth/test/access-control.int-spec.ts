import { AuthTestKit } from '../src';
import { connectTestRedis } from './support/redis';
import { ProbeApp, startProbeApp } from './support/probe-app';

describe('role and object-level access over HTTP', () => {
  let idp: AuthTestKit.TestIdentityProvider;
  let probe: ProbeApp;
  let redis: Awaited<ReturnType<typeof connectTestRedis>>;

  const citizen = (sub: string) => idp.sign({ claims: { sub, roles: ['citizen'] } });
  const staff = (role: string, org: string, dept?: string) =>
    idp.sign({ claims: { sub: `${role}-${org}`, roles: [role], org, dept } });

  beforeAll(async () => {
    idp = await AuthTestKit.TestIdentityProvider.start();
    redis = await connectTestRedis();
    probe = await startProbeApp(idp.env({ AUTH_REVOCATION_KEY_PREFIX: redis.prefix }), redis.redis);
  });

  afterAll(async () => {
    await probe?.close();
    await redis?.cleanUp();
    await idp?.close();
  });

  it('lets a window clerk into a staff-only route', async () => {
    const response = await probe.get('/staff/queue', await staff('window_clerk', 'org-a'));
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ servedTo: 'window_clerk-org-a' });
  });

  it('refuses a citizen on a staff-only route with 403', async () => {
    const response = await probe.get('/staff/queue', await citizen('citizen-alice'));
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ code: 'AUTH_ROLE_NOT_ALLOWED' });
  });

  it('refuses a department admin on a route that does not list their role with 403', async () => {
    const response = await probe.get('/staff/queue', await staff('department_admin', 'org-a'));
    expect(response.status).toBe(403);
  });

  it('lets a citizen read their own case', async () => {
    const response = await probe.get('/cases/case-a1', await citizen('citizen-alice'));
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: 'case-a1', ownerId: 'citizen-alice' });
  });

  it("answers a citizen reading another citizen's case with the same 404 as a case that does not exist", async () => {
    const token = await citizen('citizen-alice');
    const hidden = await probe.get('/cases/case-b1', token);
    const missing = await probe.get('/cases/case-zz', token);
    expect(hidden.status).toBe(404);
    expect(hidden.text).toBe(missing.text);
  });

  it('lets a reviewer of org A read a case of their own department', async () => {
    const response = await probe.get('/cases/case-a1', await staff('department_reviewer', 'org-a', 'dept-1'));
    expect(response.status).toBe(200);
  });

  it("refuses staff of org A reading org B's case with 403", async () => {
    const response = await probe.get('/cases/case-b1', await staff('department_reviewer', 'org-a', 'dept-1'));
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ code: 'AUTH_ACCESS_DENIED' });
  });

  it('refuses a reviewer of another department of the same organisation with 403', async () => {
    const response = await probe.get('/cases/case-a1', await staff('department_reviewer', 'org-a', 'dept-2'));
    expect(response.status).toBe(403);
  });

  it("lets a supervisor of org A read org B's case", async () => {
    const response = await probe.get('/cases/case-b1', await staff('supervisor', 'org-a'));
    expect(response.status).toBe(200);
  });
});
