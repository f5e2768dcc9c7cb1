import { randomUUID } from 'node:crypto';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { addDays, chinaDateOf } from '@onewindow/domain/working-calendar';
import { AuthTestKit } from '@onewindow/platform/auth';
import { TransactionHost } from '@onewindow/platform/persistence';
import { startTestService, TestService } from '@onewindow/platform/service/testing';
import { TestDatabase } from '@onewindow/platform/testing';
import { CatalogCopyRepository, workflowMigrations } from '@onewindow/workflow/data-access';
import { ApplicationsModule } from '@onewindow/workflow/feature-cases';
import { SupervisionModule, SupervisionScheduler, SupervisionService } from '../src';

const WINDOW = '350123-admin-service-centre-window-social-affairs';

describe('e-supervision', () => {
  let service: TestService;
  let idp: AuthTestKit.TestIdentityProvider;
  let db: TestDatabase;
  let app: NestFastifyApplication;
  const itemCode = '350123-009-02-0007-4';

  beforeAll(async () => {
    service = await startTestService({
      name: 'workflow-supervision',
      imports: [ApplicationsModule, SupervisionModule.register({ intervalMs: false })],
      migrations: workflowMigrations,
      events: { relay: false },
    });
    ({ app, idp, db } = service);
    await app.get(TransactionHost).transaction(() =>
      new CatalogCopyRepository(app.get(TransactionHost)).recordPublished({
        code: itemCode,
        version: 1,
        departmentCode: '009',
        type: 'PUBLIC_SERVICE',
        name: '出生医学证明办理',
        instant: false,
        statutoryDays: 10,
        promisedDays: 3,
        onlineLevel: 'ZERO_TRIP',
        content: {},
        publishedAt: new Date(),
        effectiveFrom: '2026-01-01',
      }),
    );
  });

  afterAll(() => service?.close());

  const call = async (method: 'GET' | 'POST', url: string, token: string, payload?: object) =>
    app.inject({ method, url, payload, headers: { authorization: `Bearer ${token}`, 'idempotency-key': randomUUID() } });
  const citizen = (id: string) => idp.sign({ claims: { sub: id, roles: ['citizen'] } });
  const clerk = () => idp.sign({ claims: { sub: 'clerk-1', roles: ['window_clerk'], org: WINDOW } });
  const reviewer = () => idp.sign({ claims: { sub: 'reviewer-009', roles: ['department_reviewer'], org: 'health', dept: '009' } });
  const supervisor = () => idp.sign({ claims: { sub: 'supervisor-1', roles: ['supervisor'], org: 'efficiency-office' } });
  const acceptedCase = async (person: string) => {
    const submitted = await call('POST', '/applications', await citizen(person), { itemCode, channel: 'ONLINE' });
    const { id } = submitted.json<{ id: string }>();
    const accepted = await call('POST', `/applications/${id}/acceptance`, await clerk(), {});
    expect(accepted.json()).toMatchObject({ status: 'IN_REVIEW' });
    return accepted.json<{ id: string; tasks: Array<{ id: string }> }>();
  };
  const signals = async (type: string) =>
    db.dataSource.query(`SELECT message_key FROM outbox_event WHERE type = $1 ORDER BY message_key`, [
      `gov.onewindow.workflow.application.${type}.v1`,
    ]) as Promise<Array<{ message_key: string }>>;
  const period = () => {
    const from = new Date(Date.now() - 86_400_000).toISOString();
    const to = new Date(Date.now() + 86_400_000).toISOString();
    return `from=${from}&to=${to}`;
  };

  it('raises the yellow and the red signal once each, however many replicas tick at once', async () => {
    const today = chinaDateOf(new Date());
    const quiet = await acceptedCase('person-quiet');
    const yellow = await acceptedCase('person-yellow');
    const red = await acceptedCase('person-red');
    // Time passes: one case reaches the day before its promised limit, another goes past it.
    await db.dataSource.query(`UPDATE application SET due_soon_on = $2 WHERE id = $1`, [yellow.id, today]);
    await db.dataSource.query(`UPDATE application SET due_soon_on = $2, promised_due_date = $3 WHERE id = $1`, [
      red.id,
      addDays(today, -2),
      addDays(today, -1),
    ]);
    // Three replicas' schedulers at the same moment: separate transactions racing for the same cases.
    const service = app.get(SupervisionService);
    const rounds = await Promise.all([1, 2, 3].map(() => service.raiseSignals(new Date())));
    expect(rounds.reduce((sum, r) => sum + r['due-soon'], 0)).toBe(2);
    expect(rounds.reduce((sum, r) => sum + r.overdue, 0)).toBe(1);
    await app.get(SupervisionScheduler).tick();
    expect((await signals('due-soon')).map((s) => s.message_key).sort()).toEqual([yellow.id, red.id].sort());
    expect((await signals('overdue')).map((s) => s.message_key)).toEqual([red.id]);
    expect((await signals('due-soon')).some((s) => s.message_key === quiet.id)).toBe(false);

    const overdue = await call('GET', '/supervision/overdue', await supervisor());
    expect(overdue.json()).toEqual([
      expect.objectContaining({ id: red.id, itemCode, departmentCode: '009', openDepartments: ['009'] }),
    ]);
  });

  it('counts cases by department and state, and reports working days, on-time rate and trips per item', async () => {
    const decided = await acceptedCase('person-decided');
    const [task] = decided.tasks;
    await call('POST', `/applications/${decided.id}/tasks/${task?.id}/claim`, await reviewer());
    const approved = await call('POST', `/applications/${decided.id}/tasks/${task?.id}/decision`, await reviewer(), { decision: 'APPROVED' });
    expect(approved.json()).toMatchObject({ status: 'CONCLUDED' });
    const rated = await call('POST', `/applications/${decided.id}/evaluation`, await citizen('person-decided'), { score: 4, comment: '办事快' });
    expect(rated.statusCode).toBe(201);

    const summary = await call('GET', `/supervision/summary?${period()}`, await supervisor());
    expect(summary.statusCode).toBe(200);
    expect(summary.json().byDepartment).toEqual(
      expect.arrayContaining([
        { key: '009', status: 'CONCLUDED', count: 1 },
        { key: '009', status: 'IN_REVIEW', count: 3 },
      ]),
    );
    const items = await call('GET', `/supervision/items?${period()}`, await supervisor());
    expect(items.json()).toEqual([
      { itemCode, concluded: 1, averageWorkingDays: 0, onTimeRate: 1, tripsPerCase: 0, zeroTripShare: 1, oneTripShare: 0, averageScore: 4, evaluations: 1 },
    ]);
  });

  it('does not flag a case while its review is paused, and flags it again once resumed', async () => {
    const today = chinaDateOf(new Date());
    const paused = await acceptedCase('person-paused');
    const [task] = paused.tasks;
    expect((await call('POST', `/applications/${paused.id}/tasks/${task?.id}/claim`, await reviewer())).statusCode).toBe(200);
    const pause = await call('POST', `/applications/${paused.id}/pauses`, await reviewer(), { kind: 'HEARING', reason: '依法举行听证' });
    expect(pause.json()).toMatchObject({ status: 'PAUSED' });
    // Its limits would have run out, were it not paused.
    await db.dataSource.query(`UPDATE application SET due_soon_on = $2, promised_due_date = $3 WHERE id = $1`, [
      paused.id,
      addDays(today, -2),
      addDays(today, -1),
    ]);
    await app.get(SupervisionScheduler).tick();
    expect((await signals('due-soon')).some((s) => s.message_key === paused.id)).toBe(false);
    expect((await signals('overdue')).some((s) => s.message_key === paused.id)).toBe(false);
    expect((await call('GET', '/supervision/overdue', await supervisor())).json()).not.toContainEqual(expect.objectContaining({ id: paused.id }));

    // Resumed the same day: no working day was paused, the dates stay, and the signals go out.
    expect((await call('POST', `/applications/${paused.id}/pauses/current/resume`, await reviewer())).json()).toMatchObject({ status: 'IN_REVIEW' });
    await app.get(SupervisionScheduler).tick();
    expect((await signals('overdue')).some((s) => s.message_key === paused.id)).toBe(true);
  });

  it('confines a department admin to their department and refuses citizens and bad periods', async () => {
    const otherAdmin = await idp.sign({ claims: { sub: 'admin-003', roles: ['department_admin'], org: 'police', dept: '003' } });
    const mine = await call('GET', `/supervision/summary?${period()}&departmentCode=009`, otherAdmin);
    expect(mine.json()).toEqual({ byDepartment: [], byItem: [] });
    expect((await call('GET', `/supervision/overdue`, otherAdmin)).json()).toEqual([]);
    expect((await call('GET', `/supervision/summary?${period()}`, await citizen('person-curious'))).statusCode).toBe(403);
    const backwards = await call('GET', `/supervision/summary?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z`, await supervisor());
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json()).toMatchObject({ code: 'SUPERVISION_INVALID_PERIOD', errors: [{ field: 'to' }] });
  });
});
