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

const review = (departmentCode: string) => ({ departmentCode, kind: 'REVIEW', role: 'department_reviewer' });
/** Market regulation, public security and housing review at once (串改并). */
const PARALLEL = {
  version: 1,
  acceptance: { roles: ['window_clerk'] },
  preReviewDays: 0,
  stages: [{ name: '并联审查', days: 5, tasks: [review('010'), review('003'), review('008')] }],
};
/** Market regulation and health review, then market regulation's admin leads a joint inspection with health (单改综). */
const TWO_STAGES = {
  version: 1,
  acceptance: { roles: ['window_clerk'] },
  preReviewDays: 0,
  stages: [
    { name: '材料审查', days: 2, tasks: [review('010'), review('009')] },
    { name: '联合现场核查', days: 3, tasks: [{ departmentCode: '010', kind: 'JOINT_INSPECTION', role: 'department_admin', withDepartments: ['009'] }] },
  ],
};

function publishedItem(code: string, options: { instant?: boolean; version?: number; process?: object } = {}) {
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
      ...(options.process ? { process: options.process } : {}),
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
  const parallelCode = `350123-010-01-${serial()}-3`;
  const twoStageCode = `350123-010-01-${serial()}-4`;
  const clerkOnlyBySystemCode = `350123-010-01-${serial()}-5`;

  beforeAll(async () => {
    // The workflow's Kafka consumer runs: it learns the catalogue's items from their events.
    service = await startTestService({ name: 'workflow-cases', imports: [ApplicationsModule], migrations: workflowMigrations, consumer: true });
    ({ app, idp, db } = service);
    probe = await new TopicProbe(testKafka()).start(['onewindow.workflow.application'], { from: 'now' });

    // The catalogue publishes two items; the workflow learns them from Kafka only.
    const producer = testKafka().producer(reliableProducerConfig());
    await producer.connect();
    // The first item's version came before process definitions (it carries none): the workflow uses the default one.
    const items = [
      publishedItem(itemCode),
      publishedItem(instantCode, { instant: true }),
      publishedItem(parallelCode, { process: PARALLEL }),
      publishedItem(twoStageCode, { process: TWO_STAGES }),
      publishedItem(clerkOnlyBySystemCode, { process: { ...PARALLEL, acceptance: { roles: ['system'] } } }),
    ];
    for (const data of items) {
      const message = encodeEvent(
        { id: randomUUID(), type: 'gov.onewindow.catalog.item.published.v1', source: '/onewindow/catalog', key: data.code, time: new Date() },
        data,
      );
      await producer.send({ topic: 'onewindow.catalog.item', messages: [message] });
    }
    await producer.disconnect();
    await waitFor(
      'the published items in the workflow copy',
      async () => (await db.dataSource.query(`SELECT count(*)::int AS n FROM catalog_item WHERE code = ANY($1)`, [items.map((i) => i.code)]))[0].n === items.length,
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
  const departmentAdmin = (dept: string) => idp.sign({ claims: { sub: `admin-${dept}`, roles: ['department_admin'], org: `dept-${dept}`, dept } });
  const supervisor = () => idp.sign({ claims: { sub: 'supervisor-1', roles: ['supervisor'], org: '350123-efficiency-office' } });
  const call = async (method: 'GET' | 'POST', url: string, token: string, payload?: object, idempotent = false) =>
    app.inject({
      method,
      url,
      payload,
      headers: { authorization: `Bearer ${token}`, ...(idempotent ? { 'idempotency-key': randomUUID() } : {}) },
    });
  type Task = { id: string; departmentCode: string; status: string; stage: number; kind: string; role: string; dueDate: string | null; withDepartments?: string[] };
  type Case = { id: string; status: string; decision: string | null; trips: number; tasks: Task[] };
  /** Online, the applicant uploads the item's one material first (ADR 0028). */
  const submitOnline = async (person: string, code = itemCode) => {
    const token = await citizen(person);
    const uploaded = await app.inject({
      method: 'POST',
      url: '/uploads',
      payload: Buffer.from('%PDF-1.7\n食品经营许可申请书'),
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/pdf' },
    });
    const materials = [{ name: '食品经营许可申请书', uploadId: uploaded.json<{ uploadId: string }>().uploadId }];
    const response = await call('POST', '/applications', token, { itemCode: code, channel: 'ONLINE', materials }, true);
    expect(response.statusCode).toBe(201);
    return response.json<Case>();
  };
  /** A case taken in at the county hall window on the applicant's behalf. */
  const submitAtWindow = async (person: string, code: string) => {
    const response = await call('POST', '/applications', await clerk(), { itemCode: code, channel: 'COUNTY_HALL', applicantId: person }, true);
    expect(response.statusCode).toBe(201);
    return response.json<Case>();
  };
  const accept = async (id: string, body: object = {}) => {
    const response = await call('POST', `/applications/${id}/acceptance`, await clerk(), body, true);
    expect(response.statusCode).toBe(200);
    return response.json<Case & { promisedDueDate: string; statutoryDueDate: string }>();
  };
  const decide = async (id: string, task: { id: string; departmentCode: string }, decision: 'APPROVED' | 'DENIED', as?: string) => {
    const token = as ?? (await reviewer(task.departmentCode));
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
    const { id } = await submitAtWindow('person-parallel', parallelCode);
    const accepted = await accept(id);
    expect(accepted.tasks.map((t) => t.departmentCode).sort()).toEqual(['003', '008', '010']);
    expect(accepted.tasks.every((t) => t.stage === 1 && t.status === 'PENDING')).toBe(true);
    const byDept = (code: string) => accepted.tasks.find((t) => t.departmentCode === code) ?? { id: '', departmentCode: code };
    expect((await decide(id, byDept('010'), 'APPROVED')).json()).toMatchObject({ status: 'IN_REVIEW' });
    const denied = await decide(id, byDept('003'), 'DENIED');
    expect(denied.json()).toMatchObject({ status: 'CONCLUDED', decision: 'DENIED' });
    expect(denied.json<Case>().tasks.find((t) => t.departmentCode === '008')?.status).toBe('CANCELLED');
    const late = await call('POST', `/applications/${id}/tasks/${byDept('008').id}/decision`, await reviewer('008'), { decision: 'APPROVED' }, true);
    expect(late.statusCode).toBe(409);
    expect((await call('GET', `/applications/${id}`, await citizen('person-parallel'))).json()).toMatchObject({ decision: 'DENIED' });
  });

  it('routes a case by its item version’s definition: stage 2 waits until every stage 1 task approves, then its admin decides', async () => {
    const { id } = await submitAtWindow('person-two-stages', twoStageCode);
    const accepted = await accept(id);
    const byStage = (c: Case, stage: number) => c.tasks.filter((t) => t.stage === stage);
    expect(byStage(accepted, 1).map((t) => [t.departmentCode, t.status, t.kind]).sort()).toEqual([['009', 'PENDING', 'REVIEW'], ['010', 'PENDING', 'REVIEW']]);
    const [joint] = byStage(accepted, 2);
    expect(joint).toMatchObject({ departmentCode: '010', kind: 'JOINT_INSPECTION', role: 'department_admin', withDepartments: ['009'], status: 'WAITING', dueDate: null });
    if (!joint) throw new Error('no stage 2 task');
    expect(byStage(accepted, 1).every((t) => t.dueDate !== null && t.dueDate <= accepted.promisedDueDate)).toBe(true);

    // A waiting task can be neither claimed nor decided.
    const admin = await departmentAdmin('010');
    const early = await call('POST', `/applications/${id}/tasks/${joint.id}/claim`, admin);
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'APPLICATION_TASK_NOT_OPEN' });
    const earlyDecision = await call('POST', `/applications/${id}/tasks/${joint.id}/decision`, admin, { decision: 'APPROVED' }, true);
    expect(earlyDecision.statusCode).toBe(409);

    const market = byStage(accepted, 1).find((t) => t.departmentCode === '010') as Task;
    const health = byStage(accepted, 1).find((t) => t.departmentCode === '009') as Task;
    expect((await decide(id, market, 'APPROVED')).json<Case>().tasks.find((t) => t.id === joint.id)?.status).toBe('WAITING');
    const opened = (await decide(id, health, 'APPROVED')).json<Case>();
    expect(opened.status).toBe('IN_REVIEW');
    const openedJoint = opened.tasks.find((t) => t.id === joint.id);
    expect(openedJoint).toMatchObject({ status: 'PENDING' });
    expect(openedJoint?.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    // The joint inspection is decided by a department admin only.
    const byReviewer = await call('POST', `/applications/${id}/tasks/${joint.id}/claim`, await reviewer('010'));
    expect(byReviewer.statusCode).toBe(403);
    expect(byReviewer.json()).toMatchObject({ code: 'APPLICATION_TASK_ROLE_REQUIRED' });
    const approved = await decide(id, joint, 'APPROVED', admin);
    expect(approved.json()).toMatchObject({ status: 'CONCLUDED', decision: 'APPROVED' });

    await waitFor('the events of the two-stage case', () => eventsOf(id).length >= 8);
    expect(eventsOf(id)).toEqual(['submitted', 'accepted', 'task-decided', 'task-decided', 'stage-opened', 'task-decided', 'approved', 'concluded']);
    const payloadOf = (type: string) => {
      const message = probe.messages.find((m) => m.key === id && m.headers['ce_type'] === `gov.onewindow.workflow.application.${type}.v1`);
      return JSON.parse(message?.value ?? '{}') as { tasks: Array<{ taskId: string; stage: number; status: string }>; stage?: number };
    };
    expect(payloadOf('accepted').tasks.map((t) => [t.stage, t.status]).sort()).toEqual([[1, 'PENDING'], [1, 'PENDING'], [2, 'WAITING']]);
    expect(payloadOf('stage-opened')).toMatchObject({ stage: 2, tasks: [{ taskId: joint.id, stage: 2, status: 'PENDING' }] });
  });

  it('denies the case on a denial in stage 1 and cancels the waiting stage', async () => {
    const { id } = await submitAtWindow('person-two-stages-denied', twoStageCode);
    const accepted = await accept(id);
    const health = accepted.tasks.find((t) => t.departmentCode === '009') as Task;
    const denied = (await decide(id, health, 'DENIED')).json<Case>();
    expect(denied).toMatchObject({ status: 'CONCLUDED', decision: 'DENIED' });
    expect(denied.tasks.map((t) => [t.departmentCode, t.stage, t.status]).sort()).toEqual([
      ['009', 1, 'DENIED'],
      ['010', 1, 'CANCELLED'],
      ['010', 2, 'CANCELLED'],
    ]);
  });

  it('gives an item version published without a definition the default one: a review by the owning department in the promised days', async () => {
    const { id } = await submitAtWindow('person-default', itemCode);
    const accepted = await accept(id);
    expect(accepted.tasks).toEqual([
      expect.objectContaining({ departmentCode: '010', kind: 'REVIEW', stage: 1, status: 'PENDING', role: 'department_reviewer', dueDate: accepted.promisedDueDate }),
    ]);
  });

  it('lets only the roles the definition names accept, and refuses the retired acceptance choices', async () => {
    const { id } = await submitAtWindow('person-system-acceptance', clerkOnlyBySystemCode);
    const refused = await call('POST', `/applications/${id}/acceptance`, await clerk(), {}, true);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'APPLICATION_ACTION_NOT_ALLOWED_NOW' });
    const { id: other } = await submitAtWindow('person-retired-choice', parallelCode);
    const retired = await call('POST', `/applications/${other}/acceptance`, await clerk(), { coReviewingDepartments: ['003'] }, true);
    expect(retired.statusCode).toBe(400);
    expect(retired.json()).toMatchObject({ errors: [{ field: 'coReviewingDepartments' }] });
    expect((await call('GET', `/applications/${id}`, await citizen('person-system-acceptance'))).json()).toMatchObject({ status: 'SUBMITTED', tasks: [] });
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

  it('refuses a refusal whose reason is only blanks with 400, and leaves the case as it was', async () => {
    const { id } = await submitOnline('person-blank-reason');
    const before = (await call('GET', `/applications/${id}`, await citizen('person-blank-reason'))).json();
    const blank = await call('POST', `/applications/${id}/refusal`, await clerk(), { reason: '   ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json()).toMatchObject({ code: 'APPLICATION_INVALID_ACTION' });
    expect((await call('GET', `/applications/${id}`, await citizen('person-blank-reason'))).json()).toEqual(before);
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
