import { randomUUID } from 'node:crypto';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AuthTestKit } from '@onewindow/platform/auth';
import { encodeEvent, reliableProducerConfig } from '@onewindow/platform/events';
import { startTestService, TestService } from '@onewindow/platform/service/testing';
import { testKafka, TestDatabase, TopicProbe, waitFor } from '@onewindow/platform/testing';
import { workflowMigrations } from '@onewindow/workflow/data-access';
import { ApplicationsModule } from '../src';

const WINDOW = '350123-admin-service-centre-window-enterprise-licensing';
const TOWNSHIP = '350123-fengshan-centre';
const serial = () => String(Math.floor(Math.random() * 10_000)).padStart(4, '0');

function publishedItem(code: string, options: { instant?: boolean; version?: number } = {}) {
  return {
    code,
    version: options.version ?? 1,
    departmentCode: '010',
    type: 'LICENSING',
    publishedAt: new Date().toISOString(),
    effectiveFrom: '2026-01-01',
    content: {
      name: options.instant ? '个体工商户名称变更登记' : '食品经营许可证核发',
      aliases: [],
      keywords: ['食品'],
      legalBasis: ['《中华人民共和国食品安全法》'],
      onlineLevel: 'ZERO_TRIP',
      instant: options.instant ?? false,
      statutoryDays: 20,
      promisedDays: 5,
      fee: { kind: 'NONE' },
      conditions: ['有与经营的食品品种、数量相适应的场所'],
      materials: [{ name: '食品经营许可申请书', form: 'ELECTRONIC', copies: 1, originalRequired: false, source: 'APPLICANT' }],
      steps: ['申请', '受理', '审查', '决定'],
      reviewRules: ['材料齐全'],
      servicePoints: ['COUNTY_HALL', 'TOWNSHIP_CENTRE'],
      hallWindow: 'ENTERPRISE_LICENSING',
      lifeEvents: ['开办餐馆'],
      themes: ['市场准入'],
      faqs: [],
      complaintChannels: ['12345'],
      responsibilities: ['依法审查'],
    },
  };
}

describe('applications through the single window', () => {
  let service: TestService;
  let idp: AuthTestKit.TestIdentityProvider;
  let db: TestDatabase;
  let app: NestFastifyApplication;
  let probe: TopicProbe;
  const itemCode = `350123-010-01-${serial()}-1`;
  const instantCode = `350123-010-01-${serial()}-2`;

  beforeAll(async () => {
    // The workflow's Kafka consumer runs: it learns the catalogue's items from their events.
    service = await startTestService({ name: 'workflow-cases', imports: [ApplicationsModule], migrations: workflowMigrations, consumer: true });
    ({ app, idp, db } = service);
    probe = await new TopicProbe(testKafka()).start(['onewindow.workflow.application']);

    // The catalogue publishes two items; the workflow learns them from Kafka only.
    const producer = testKafka().producer(reliableProducerConfig());
    await producer.connect();
    for (const data of [publishedItem(itemCode), publishedItem(instantCode, { instant: true })]) {
      const message = encodeEvent(
        { id: randomUUID(), type: 'gov.onewindow.catalog.item.published.v1', source: '/onewindow/catalog', key: data.code, time: new Date() },
        data,
      );
      await producer.send({ topic: 'onewindow.catalog.item', messages: [message] });
    }
    await producer.disconnect();
    await waitFor(
      'the published items in the workflow copy',
      async () => (await db.dataSource.query(`SELECT count(*)::int AS n FROM catalog_item WHERE code = ANY($1)`, [[itemCode, instantCode]]))[0].n === 2,
      { timeoutMs: 45_000 },
    );
  }, 120_000);

  afterAll(async () => {
    await probe?.stop();
    await service?.close();
  });

  const citizen = (id = 'person-1') => idp.sign({ claims: { sub: id, roles: ['citizen'] } });
  const clerk = (org = WINDOW) => idp.sign({ claims: { sub: `clerk@${org}`, roles: ['window_clerk'], org } });
  const reviewer = (dept: string, id = `reviewer-${dept}`) =>
    idp.sign({ claims: { sub: id, roles: ['department_reviewer'], org: `dept-${dept}`, dept } });
  const supervisor = () => idp.sign({ claims: { sub: 'supervisor-1', roles: ['supervisor'], org: '350123-efficiency-office' } });
  const call = async (method: 'GET' | 'POST', url: string, token: string, payload?: object, idempotent = false) =>
    app.inject({
      method,
      url,
      payload,
      headers: { authorization: `Bearer ${token}`, ...(idempotent ? { 'idempotency-key': randomUUID() } : {}) },
    });
  type Case = { id: string; status: string; decision: string | null; trips: number; tasks: Array<{ id: string; departmentCode: string; status: string }> };
  const submitOnline = async (person: string, code = itemCode) => {
    const response = await call('POST', '/applications', await citizen(person), { itemCode: code, channel: 'ONLINE' }, true);
    expect(response.statusCode).toBe(201);
    return response.json<Case>();
  };
  const accept = async (id: string, body: object = {}) => {
    const response = await call('POST', `/applications/${id}/acceptance`, await clerk(), body, true);
    expect(response.statusCode).toBe(200);
    return response.json<Case & { promisedDueDate: string; statutoryDueDate: string }>();
  };
  const decide = async (id: string, task: { id: string; departmentCode: string }, decision: 'APPROVED' | 'DENIED') => {
    const token = await reviewer(task.departmentCode);
    expect((await call('POST', `/applications/${id}/tasks/${task.id}/claim`, token)).statusCode).toBe(200);
    return call('POST', `/applications/${id}/tasks/${task.id}/decision`, token, { decision }, true);
  };
  const eventsOf = (id: string) => probe.messages.filter((m) => m.key === id).map((m) => (m.headers['ce_type'] ?? '').split('.')[4]);

  it('takes an online case to a zero-trip electronic delivery, publishing every step in order', async () => {
    const submitted = await submitOnline('person-online');
    expect(submitted).toMatchObject({ status: 'SUBMITTED', trips: 0, servicePointId: WINDOW });
    const accepted = await accept(submitted.id);
    expect(accepted.status).toBe('IN_REVIEW');
    expect(accepted.promisedDueDate <= accepted.statutoryDueDate).toBe(true);
    const [task] = accepted.tasks;
    if (!task) throw new Error('no task');
    const approved = await decide(submitted.id, task, 'APPROVED');
    expect(approved.json()).toMatchObject({ status: 'CONCLUDED', decision: 'APPROVED' });
    const delivered = await call('POST', `/applications/${submitted.id}/delivery`, await clerk(), { method: 'ELECTRONIC' });
    expect(delivered.json()).toMatchObject({ status: 'DELIVERED', trips: 0 });
    await waitFor('six events of the case', () => eventsOf(submitted.id).length >= 6);
    expect(eventsOf(submitted.id)).toEqual(['submitted', 'accepted', 'task-decided', 'approved', 'concluded', 'delivered']);
  });

  it('takes a case in at a township centre with one supplement round and counts the trips', async () => {
    const token = await clerk(TOWNSHIP);
    const submitted = await call('POST', '/applications', token, { itemCode, channel: 'TOWNSHIP_CENTRE', applicantId: 'person-window' }, true);
    expect(submitted.json()).toMatchObject({ status: 'SUBMITTED', trips: 1, servicePointId: TOWNSHIP });
    const { id } = submitted.json<Case>();
    const supplement = await call('POST', `/applications/${id}/supplement-request`, token, { missing: ['营业执照复印件', '场所平面图'] });
    expect(supplement.json()).toMatchObject({ status: 'SUPPLEMENT_REQUESTED', missingMaterials: ['营业执照复印件', '场所平面图'] });
    const resubmitted = await call('POST', `/applications/${id}/resubmission`, await citizen('person-window'));
    expect(resubmitted.json()).toMatchObject({ status: 'SUBMITTED', supplementRounds: 1, missingMaterials: null });
    const accepted = await call('POST', `/applications/${id}/acceptance`, token, {}, true);
    expect(accepted.json()).toMatchObject({ status: 'IN_REVIEW' });
  });

  it('runs three departments in parallel and denies the case on one denial', async () => {
    const { id } = await submitOnline('person-parallel');
    const accepted = await accept(id, { coReviewingDepartments: ['003', '008'] });
    expect(accepted.tasks.map((t) => t.departmentCode).sort()).toEqual(['003', '008', '010']);
    const byDept = (code: string) => accepted.tasks.find((t) => t.departmentCode === code) ?? { id: '', departmentCode: code };
    expect((await decide(id, byDept('010'), 'APPROVED')).json()).toMatchObject({ status: 'IN_REVIEW' });
    const denied = await decide(id, byDept('003'), 'DENIED');
    expect(denied.json()).toMatchObject({ status: 'CONCLUDED', decision: 'DENIED' });
    expect(denied.json<Case>().tasks.find((t) => t.departmentCode === '008')?.status).toBe('CANCELLED');
    const late = await call('POST', `/applications/${id}/tasks/${byDept('008').id}/decision`, await reviewer('008'), { decision: 'APPROVED' }, true);
    expect(late.statusCode).toBe(409);
    expect((await call('GET', `/applications/${id}`, await citizen('person-parallel'))).json()).toMatchObject({ decision: 'DENIED' });
  });

  it('concludes an instant item at acceptance, and lets the applicant rate it once', async () => {
    const { id } = await submitOnline('person-instant', instantCode);
    const rateTooEarly = await call('POST', `/applications/${id}/evaluation`, await citizen('person-instant'), { score: 5 });
    expect(rateTooEarly.statusCode).toBe(409);
    const accepted = await accept(id);
    expect(accepted).toMatchObject({ status: 'CONCLUDED', decision: 'APPROVED', tasks: [] });
    const rated = await call('POST', `/applications/${id}/evaluation`, await citizen('person-instant'), { score: 5, comment: '当场办结' });
    expect(rated.statusCode).toBe(201);
    expect(rated.json()).toMatchObject({ applicationId: id, score: 5, comment: '当场办结' });
    const again = await call('POST', `/applications/${id}/evaluation`, await citizen('person-instant'), { score: 1 });
    expect(again.json()).toMatchObject({ code: 'APPLICATION_ALREADY_EVALUATED' });
    const outOfRange = await call('POST', `/applications/${id}/evaluation`, await citizen('person-instant'), { score: 6 });
    expect(outOfRange.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'score' }] });
    const byStranger = await call('POST', `/applications/${id}/evaluation`, await citizen('person-stranger'), { score: 1 });
    expect(byStranger.statusCode).toBe(404);
  });

  it('lets the applicant withdraw during review, and nobody else', async () => {
    const { id } = await submitOnline('person-withdraw');
    await accept(id);
    const stranger = await call('POST', `/applications/${id}/withdrawal`, await citizen('person-stranger'));
    expect(stranger.statusCode).toBe(404);
    const withdrawn = await call('POST', `/applications/${id}/withdrawal`, await citizen('person-withdraw'));
    expect(withdrawn.json()).toMatchObject({ status: 'WITHDRAWN' });
  });

  it('gives a task to one of two reviewers claiming it at once', async () => {
    const { id } = await submitOnline('person-claim');
    const [task] = (await accept(id)).tasks;
    const [first, second] = await Promise.all([
      call('POST', `/applications/${id}/tasks/${task?.id}/claim`, await reviewer('010', 'reviewer-a')),
      call('POST', `/applications/${id}/tasks/${task?.id}/claim`, await reviewer('010', 'reviewer-b')),
    ]);
    expect([first.statusCode, second.statusCode].sort()).toEqual([200, 409]);
    expect([first, second].find((r) => r.statusCode === 409)?.json()).toMatchObject({ code: 'APPLICATION_TASK_CLAIMED_BY_ANOTHER' });
  });

  it("hides a citizen's case from another citizen (404) and refuses a reviewer of another department (403)", async () => {
    const { id } = await submitOnline('person-private');
    const [task] = (await accept(id)).tasks;
    expect((await call('GET', `/applications/${id}`, await citizen('person-nosy'))).statusCode).toBe(404);
    const otherDept = await call('POST', `/applications/${id}/tasks/${task?.id}/claim`, await reviewer('009'));
    expect(otherDept.statusCode).toBe(403);
    const otherWindow = await call('POST', `/applications/${id}/refusal`, await clerk(TOWNSHIP), { reason: '不符合' });
    expect(otherWindow.statusCode).toBe(403);
  });

  it('detects a tampered audit record and names it', async () => {
    const { id } = await submitOnline('person-audit');
    await accept(id);
    const intact = await call('GET', `/applications/${id}/audit/verification`, await supervisor());
    expect(intact.json()).toEqual({ intact: true, acts: 2 });
    await db.dataSource.query(`ALTER TABLE audit_act DISABLE TRIGGER audit_act_append_only`);
    await db.dataSource.query(`UPDATE audit_act SET actor_id = 'someone-else' WHERE case_id = $1 AND sequence = 1`, [id]);
    await db.dataSource.query(`ALTER TABLE audit_act ENABLE TRIGGER audit_act_append_only`);
    const broken = await call('GET', `/applications/${id}/audit/verification`, await supervisor());
    expect(broken.json()).toEqual({ intact: false, acts: 2, firstBrokenSequence: 1, reason: 'HASH_MISMATCH' });
  });

  it('refuses bad input and out-of-turn actions with problem+json, changing nothing', async () => {
    const token = await citizen('person-bad');
    const unknownField = await call('POST', '/applications', token, { itemCode, channel: 'ONLINE', fee: 0 }, true);
    expect(unknownField.statusCode).toBe(400);
    expect(unknownField.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'fee' }] });
    const unknownItem = await call('POST', '/applications', token, { itemCode: '350123-999-01-0001-1', channel: 'ONLINE' }, true);
    expect(unknownItem.json()).toMatchObject({ code: 'APPLICATION_ITEM_NOT_FOUND', errors: [{ field: 'itemCode' }] });
    const noServicePoint = await call('POST', '/applications', token, { itemCode, channel: 'KIOSK' }, true);
    expect(noServicePoint.json()).toMatchObject({ errors: [{ field: 'servicePointId' }] });
    expect((await call('GET', '/applications/mine', token)).json()).toEqual([]);

    const { id } = await submitOnline('person-concluded', instantCode);
    await accept(id);
    const before = (await call('GET', `/applications/${id}`, await citizen('person-concluded'))).json();
    const refuse = await call('POST', `/applications/${id}/refusal`, await clerk(), { reason: '材料不全' });
    expect(refuse.statusCode).toBe(409);
    expect(refuse.json()).toMatchObject({ code: 'APPLICATION_ACTION_NOT_ALLOWED_NOW' });
    expect((await call('GET', `/applications/${id}`, await citizen('person-concluded'))).json()).toEqual(before);
  });
});
