import { randomUUID } from 'node:crypto';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { addDays, chinaDateOf, WorkingCalendar } from '@onewindow/domain/working-calendar';
import { AuthTestKit } from '@onewindow/platform/auth';
import { encodeEvent, reliableProducerConfig } from '@onewindow/platform/events';
import { startTestService, TestService } from '@onewindow/platform/service/testing';
import { ProbedMessage, testKafka, TestDatabase, TopicProbe, waitFor } from '@onewindow/platform/testing';
import { HolidayArrangementRepository, workflowMigrations } from '@onewindow/workflow/data-access';
import { Producer } from 'kafkajs';
import { ApplicationsModule } from '../src';
import { foodLicenceCopy, recordItemCopy } from './support/item-copies';

const WINDOW = '350123-admin-service-centre-window-enterprise-licensing';
const COMMANDS = 'onewindow.workflow.command';
const RESULTS = 'onewindow.workflow.command-result';
const serial = () => String(Math.floor(Math.random() * 10_000)).padStart(4, '0');

type Case = {
  id: string;
  status: string;
  decision: string | null;
  statutoryDueDate: string;
  promisedDueDate: string;
  tasks: Array<{ id: string; departmentCode: string; status: string; claimed: boolean; dueDate?: string | null }>;
};

describe('pauses, extensions and department commands', () => {
  let service: TestService;
  let idp: AuthTestKit.TestIdentityProvider;
  let db: TestDatabase;
  let app: NestFastifyApplication;
  let probe: TopicProbe;
  let producer: Producer;
  let calendar: WorkingCalendar;
  const itemCode = `350123-010-01-${serial()}-7`;

  beforeAll(async () => {
    service = await startTestService({ name: 'workflow-time-limits', imports: [ApplicationsModule], migrations: workflowMigrations, consumer: true });
    ({ app, idp, db } = service);
    probe = await new TopicProbe(testKafka()).start(['onewindow.workflow.application', RESULTS, `${COMMANDS}.dlq`], { from: 'now' });
    producer = testKafka().producer(reliableProducerConfig());
    await producer.connect();
    await recordItemCopy(app, foodLicenceCopy(itemCode, { content: { hallWindow: 'ENTERPRISE_LICENSING' } }));
    calendar = new WorkingCalendar(await app.get(HolidayArrangementRepository).findAll());
  }, 120_000);

  afterAll(async () => {
    await producer?.disconnect();
    await probe?.stop();
    await service?.close();
  });

  const citizen = (id: string) => idp.sign({ claims: { sub: id, roles: ['citizen'] } });
  const clerk = () => idp.sign({ claims: { sub: 'clerk-1', roles: ['window_clerk'], org: WINDOW } });
  const reviewer = (dept = '010', id = `reviewer-${dept}`) => idp.sign({ claims: { sub: id, roles: ['department_reviewer'], org: `dept-${dept}`, dept } });
  const admin = (dept = '010') => idp.sign({ claims: { sub: `admin-${dept}`, roles: ['department_admin'], org: `dept-${dept}`, dept } });
  const supervisor = () => idp.sign({ claims: { sub: 'supervisor-1', roles: ['supervisor'], org: '350123-efficiency-office' } });
  const departmentSystem = (dept = '010', claims: Record<string, unknown> = {}) =>
    idp.sign({ claims: { sub: `dept-${dept}-system`, roles: ['service'], org: `dept-${dept}`, dept, ...claims } });
  const call = async (method: 'GET' | 'POST', url: string, token: string, payload?: object) =>
    app.inject({ method, url, payload, headers: { authorization: `Bearer ${token}`, 'idempotency-key': randomUUID() } });
  const read = async (id: string) => (await call('GET', `/applications/${id}`, await supervisor())).json<Case>();

  /** A case in review with its one task claimed by the department's reviewer. */
  const inReview = async (person: string, options: { claim?: boolean } = {}) => {
    const submitted = await call('POST', '/applications', await citizen(person), { itemCode, channel: 'ONLINE' });
    expect(submitted.statusCode).toBe(201);
    const { id } = submitted.json<Case>();
    const accepted = await call('POST', `/applications/${id}/acceptance`, await clerk(), {});
    expect(accepted.json()).toMatchObject({ status: 'IN_REVIEW' });
    const [task] = accepted.json<Case>().tasks;
    if (!task) throw new Error('no task');
    if (options.claim !== false) expect((await call('POST', `/applications/${id}/tasks/${task.id}/claim`, await reviewer())).statusCode).toBe(200);
    return { id, task, accepted: accepted.json<Case>() };
  };
  const eventsOf = (id: string) => probe.messages.filter((m) => m.topic === 'onewindow.workflow.application' && m.key === id);
  const typeOf = (m: ProbedMessage) => (m.headers['ce_type'] ?? '').split('.')[4];
  const dueSoonOf = async (id: string) =>
    ((await db.dataSource.query(`SELECT due_soon_on::text AS d FROM application WHERE id = $1`, [id])) as Array<{ d: string }>)[0]?.d;

  describe('pauses', () => {
    it('stands still during an expert review and moves the due dates by the working days paused', async () => {
      const { id, task, accepted } = await inReview('person-pause');
      const dueSoonBefore = await dueSoonOf(id);
      const paused = await call('POST', `/applications/${id}/pauses`, await reviewer(), { kind: 'EXPERT_REVIEW', reason: '组织专家对场所进行评审' });
      expect(paused.statusCode).toBe(200);
      expect(paused.json()).toMatchObject({ status: 'PAUSED' });

      // The case was accepted two weeks ago, and a week of expert review passes.
      const today = chinaDateOf(new Date());
      const startedOn = addDays(today, -7);
      await db.dataSource.query(`UPDATE application_pause SET started_on = $2 WHERE application_id = $1`, [id, startedOn]);
      await db.dataSource.query(`UPDATE application SET accepted_at = accepted_at - interval '14 days' WHERE id = $1`, [id]);
      const byOtherDepartment = await call('POST', `/applications/${id}/pauses/current/resume`, await reviewer('003'));
      expect(byOtherDepartment.statusCode).toBe(403);
      const resumed = await call('POST', `/applications/${id}/pauses/current/resume`, await admin());
      expect(resumed.statusCode).toBe(200);

      const pausedDays = calendar.workingDaysBetween(startedOn, today);
      expect(resumed.json()).toMatchObject({
        status: 'IN_REVIEW',
        statutoryDueDate: calendar.addWorkingDays(accepted.statutoryDueDate, pausedDays),
        promisedDueDate: calendar.addWorkingDays(accepted.promisedDueDate, pausedDays),
      });
      expect(await dueSoonOf(id)).toBe(calendar.addWorkingDays(dueSoonBefore as string, pausedDays));
      const taskDue = accepted.tasks[0]?.dueDate;
      expect(taskDue).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(resumed.json<Case>().tasks[0]?.dueDate).toBe(calendar.addWorkingDays(taskDue as string, pausedDays));
      await waitFor('the paused and resumed events', () => eventsOf(id).some((m) => typeOf(m) === 'resumed'));
      const resumedEvent = eventsOf(id).find((m) => typeOf(m) === 'resumed');
      expect(JSON.parse(resumedEvent?.value ?? '{}')).toMatchObject({
        kind: 'EXPERT_REVIEW',
        departmentCode: '010',
        startedOn,
        endedOn: today,
        pausedWorkingDays: pausedDays,
        promisedDueDate: calendar.addWorkingDays(accepted.promisedDueDate, pausedDays),
      });
      expect(eventsOf(id).map(typeOf)).toEqual(['submitted', 'accepted', 'paused', 'resumed']);
      const decided = await call('POST', `/applications/${id}/tasks/${task.id}/decision`, await reviewer(), { decision: 'APPROVED' });
      expect(decided.json()).toMatchObject({ status: 'CONCLUDED' });
      const audit = await call('GET', `/applications/${id}/audit/verification`, await supervisor());
      expect(audit.json()).toEqual({ intact: true, acts: 5 });
      const [taken] = await db.dataSource.query(`SELECT working_days_taken FROM application WHERE id = $1`, [id]);
      expect(taken.working_days_taken).toBe(calendar.workingDaysBetween(addDays(today, -14), today) - pausedDays);
    });

    it('refuses a decision and a second pause while paused, changing nothing, and still lets the applicant withdraw', async () => {
      const { id, task } = await inReview('person-paused-twice');
      expect((await call('POST', `/applications/${id}/pauses`, await reviewer(), { kind: 'HEARING', reason: '依申请举行听证' })).statusCode).toBe(200);
      const before = await read(id);
      const decision = await call('POST', `/applications/${id}/tasks/${task.id}/decision`, await reviewer(), { decision: 'APPROVED' });
      expect(decision.statusCode).toBe(409);
      expect(decision.json()).toMatchObject({ code: 'APPLICATION_ACTION_NOT_ALLOWED_NOW' });
      const again = await call('POST', `/applications/${id}/pauses`, await admin(), { kind: 'EXPERT_REVIEW', reason: '再次评审' });
      expect(again.statusCode).toBe(409);
      expect(await read(id)).toEqual(before);
      expect(await db.dataSource.query(`SELECT count(*)::int AS n FROM application_pause WHERE application_id = $1`, [id])).toEqual([{ n: 1 }]);
      const blank = await call('POST', `/applications/${id}/pauses`, await reviewer(), { kind: 'NAP', reason: ' ' });
      expect(blank.statusCode).toBe(400);
      expect(blank.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['kind', 'reason']);
      const withdrawn = await call('POST', `/applications/${id}/withdrawal`, await citizen('person-paused-twice'));
      expect(withdrawn.json()).toMatchObject({ status: 'WITHDRAWN' });
      const [pause] = await db.dataSource.query(`SELECT ended_by FROM application_pause WHERE application_id = $1`, [id]);
      expect(pause.ended_by).toBe('person-paused-twice');
    });

    it('refuses a pause by a reviewer who holds no task of the case', async () => {
      const { id } = await inReview('person-unclaimed', { claim: false });
      const response = await call('POST', `/applications/${id}/pauses`, await reviewer(), { kind: 'HEARING', reason: '听证' });
      expect(response.statusCode).toBe(409);
      expect((await read(id)).status).toBe('IN_REVIEW');
    });
  });

  describe('extensions', () => {
    it('extends the time limits once, approved by the owning department’s admin', async () => {
      const { id, accepted } = await inReview('person-extension');
      const tooLong = await call('POST', `/applications/${id}/extensions`, await reviewer(), { days: 21, reason: '情况复杂' });
      expect(tooLong.statusCode).toBe(400);
      expect(tooLong.json()).toMatchObject({ errors: [{ field: 'days' }] });
      const requested = await call('POST', `/applications/${id}/extensions`, await reviewer(), { days: 3, reason: '需现场核查' });
      expect(requested.statusCode).toBe(201);
      const extension = requested.json<{ id: string; status: string }>();
      expect(extension.status).toBe('PENDING');
      const pendingAgain = await call('POST', `/applications/${id}/extensions`, await reviewer(), { days: 2, reason: '再延' });
      expect(pendingAgain.statusCode).toBe(409);

      const decision = `/applications/${id}/extensions/${extension.id}/decision`;
      expect((await call('POST', decision, await reviewer(), { decision: 'APPROVED' })).statusCode).toBe(403);
      expect((await call('POST', decision, await citizen('person-extension'), { decision: 'APPROVED' })).statusCode).toBe(403);
      expect((await call('POST', decision, await admin('003'), { decision: 'APPROVED' })).statusCode).toBe(403);
      expect(await read(id)).toMatchObject({ statutoryDueDate: accepted.statutoryDueDate, promisedDueDate: accepted.promisedDueDate });

      const approved = await call('POST', decision, await admin(), { decision: 'APPROVED', comment: '同意延长' });
      expect(approved.statusCode).toBe(200);
      expect(approved.json()).toMatchObject({ status: 'APPROVED', days: 3, comment: '同意延长' });
      expect(await read(id)).toMatchObject({
        statutoryDueDate: calendar.addWorkingDays(accepted.statutoryDueDate, 3),
        promisedDueDate: calendar.addWorkingDays(accepted.promisedDueDate, 3),
      });
      const twice = await call('POST', `/applications/${id}/extensions`, await reviewer(), { days: 1, reason: '再延一次' });
      expect(twice.statusCode).toBe(409);
      expect(twice.json()).toMatchObject({ code: 'APPLICATION_EXTENSION_NOT_ALLOWED' });
      await waitFor('the extension events', () => eventsOf(id).some((m) => typeOf(m) === 'extended'));
      expect(eventsOf(id).map(typeOf)).toEqual(['submitted', 'accepted', 'extension-requested', 'extended']);
    });

    it('lets a supervisor reject an extension, leaving the dates, after which a new request may be made', async () => {
      const { id, accepted } = await inReview('person-extension-rejected');
      const requested = await call('POST', `/applications/${id}/extensions`, await reviewer(), { days: 5, reason: '需补充鉴定' });
      const { id: extensionId } = requested.json<{ id: string }>();
      const rejected = await call('POST', `/applications/${id}/extensions/${extensionId}/decision`, await supervisor(), { decision: 'REJECTED', comment: '理由不足' });
      expect(rejected.json()).toMatchObject({ status: 'REJECTED' });
      expect(await read(id)).toMatchObject({ statutoryDueDate: accepted.statutoryDueDate, promisedDueDate: accepted.promisedDueDate });
      const decidedTwice = await call('POST', `/applications/${id}/extensions/${extensionId}/decision`, await supervisor(), { decision: 'APPROVED' });
      expect(decidedTwice.statusCode).toBe(409);
      expect((await call('POST', `/applications/${id}/extensions`, await reviewer(), { days: 2, reason: '补充理由' })).statusCode).toBe(201);
    });
  });

  describe('the department command topic', () => {
    const send = async (applicationId: string, data: object, options: { id?: string; token?: string | null } = {}) => {
      const id = options.id ?? randomUUID();
      const message = encodeEvent(
        { id, type: 'gov.onewindow.workflow.command.decide-task.v1', source: '/county/market-supervision-system', key: applicationId, time: new Date() },
        data,
      );
      const token = options.token === undefined ? await departmentSystem() : options.token;
      const headers = token === null ? message.headers : { ...message.headers, authorization: `Bearer ${token}` };
      await producer.send({ topic: COMMANDS, messages: [{ ...message, headers }] });
      return id;
    };
    const resultsOf = (commandId: string) =>
      probe.messages
        .filter((m) => m.topic === RESULTS)
        .map((m) => ({ type: m.headers['ce_type'], data: JSON.parse(m.value ?? '{}') as Record<string, unknown> }))
        .filter((r) => r.data['commandId'] === commandId);
    const resultOf = async (commandId: string) => {
      await waitFor(`the result of command ${commandId}`, () => resultsOf(commandId).length > 0, { timeoutMs: 45_000 });
      return resultsOf(commandId)[0];
    };

    it('decides a task with a valid service token and concludes the case, once however often it is delivered', async () => {
      const { id, task } = await inReview('person-command', { claim: false });
      const decide = { applicationId: id, taskId: task.id, decision: 'APPROVED', comment: '系统核验通过' };
      const commandId = await send(id, decide);
      await send(id, decide, { id: commandId });
      expect(await resultOf(commandId)).toEqual({
        type: 'gov.onewindow.workflow.command-result.accepted.v1',
        data: expect.objectContaining({ applicationId: id, taskId: task.id, decision: 'APPROVED', status: 'CONCLUDED' }),
      });
      // A later command on the same key is consumed after the duplicate: once its result is out, the duplicate was skipped.
      const marker = await send(id, decide, { token: null });
      await resultOf(marker);
      expect(resultsOf(commandId)).toHaveLength(1);
      expect(await read(id)).toMatchObject({ status: 'CONCLUDED', decision: 'APPROVED' });
      await waitFor('the case events', () => eventsOf(id).some((m) => typeOf(m) === 'concluded'));
      expect(eventsOf(id).map(typeOf)).toEqual(['submitted', 'accepted', 'task-decided', 'approved', 'concluded']);
      const decided = eventsOf(id).find((m) => typeOf(m) === 'task-decided');
      expect(decided?.headers['ce_actor']).toBe('service:dept-010-system');
      expect(decided?.headers['ce_causationid']).toBe(commandId);
      const acts = await db.dataSource.query(`SELECT actor_id, actor_role, action FROM audit_act WHERE case_id = $1 ORDER BY sequence`, [id]);
      expect(acts.at(-1)).toEqual({ actor_id: 'dept-010-system', actor_role: 'service', action: 'DECIDE_TASK' });
    });

    it('rejects commands without a valid service token of the task’s department, changing nothing', async () => {
      const { id, task } = await inReview('person-command-refused', { claim: false });
      const decide = { applicationId: id, taskId: task.id, decision: 'DENIED' };
      const now = Math.floor(Date.now() / 1000);
      const expired = await departmentSystem('010', { iat: now - 900, nbf: now - 900, exp: now - 600 });
      const attempts = {
        DEPARTMENT_MISMATCH: await send(id, decide, { token: await departmentSystem('003') }),
        UNAUTHENTICATED: await send(id, decide, { token: null }),
        TOKEN_REJECTED: await send(id, decide, { token: expired }),
        NOT_A_SERVICE_ACCOUNT: await send(id, decide, { token: await reviewer() }),
      };
      for (const [reason, commandId] of Object.entries(attempts)) {
        expect(await resultOf(commandId)).toEqual({
          type: 'gov.onewindow.workflow.command-result.rejected.v1',
          data: expect.objectContaining({ commandId, applicationId: id, taskId: task.id, reason }),
        });
      }
      expect((await read(id)).tasks).toEqual([expect.objectContaining({ id: task.id, status: 'PENDING', claimed: false })]);
      expect(eventsOf(id).map(typeOf)).toEqual(['submitted', 'accepted']);
    });

    it('rejects a command for a task a reviewer has claimed, and for a paused case', async () => {
      const claimed = await inReview('person-command-claimed');
      const onClaimed = await send(claimed.id, { applicationId: claimed.id, taskId: claimed.task.id, decision: 'APPROVED' });
      expect((await resultOf(onClaimed))?.data).toMatchObject({ reason: 'TASK_CLAIMED' });
      expect((await call('POST', `/applications/${claimed.id}/pauses`, await reviewer(), { kind: 'HEARING', reason: '听证' })).statusCode).toBe(200);
      const onPaused = await send(claimed.id, { applicationId: claimed.id, taskId: claimed.task.id, decision: 'APPROVED' });
      expect((await resultOf(onPaused))?.data).toMatchObject({ reason: 'NOT_IN_REVIEW' });
      expect((await read(claimed.id)).tasks[0]).toMatchObject({ status: 'PENDING', claimed: true });
    });

    it('dead-letters a command that does not match its schema, without its credential', async () => {
      const { id, task } = await inReview('person-command-invalid', { claim: false });
      const commandId = await send(id, { applicationId: id, taskId: task.id, decision: 'MAYBE' });
      await waitFor('the command on the DLQ', () => probe.messages.some((m) => m.topic === `${COMMANDS}.dlq` && m.headers['ce_id'] === commandId), {
        timeoutMs: 45_000,
      });
      const dead = probe.messages.find((m) => m.headers['ce_id'] === commandId && m.topic === `${COMMANDS}.dlq`);
      expect(dead?.headers['dlq_error_code']).toBe('EventSchemaError');
      expect(dead?.headers['authorization']).toBeUndefined();
      expect(resultsOf(commandId)).toEqual([]);
      expect((await read(id)).tasks[0]).toMatchObject({ status: 'PENDING' });
    });
  });
});
