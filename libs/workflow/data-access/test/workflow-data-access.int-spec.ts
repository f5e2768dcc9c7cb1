import { randomUUID } from 'node:crypto';
import { WorkingCalendar } from '@onewindow/domain/working-calendar';
import { TransactionHost } from '@onewindow/platform/persistence';
import { serviceMigrations } from '@onewindow/platform/service';
import { createTestDatabase, TestDatabase } from '@onewindow/platform/testing';
import { AuditHead, EMPTY_AUDIT_HEAD, verifyAuditChain } from '@onewindow/workflow/domain';
import {
  Application,
  ApplicationRepository,
  AuditTrailRepository,
  CatalogCopyRepository,
  HolidayArrangementRepository,
  NewAuditAct,
  workflowMigrations,
} from '../src';

describe('workflow data access', () => {
  let db: TestDatabase;
  let tx: TransactionHost;
  let audit: AuditTrailRepository;
  let calendar: HolidayArrangementRepository;
  let applications: ApplicationRepository;

  beforeAll(async () => {
    db = await createTestDatabase({ entities: [], migrations: serviceMigrations(workflowMigrations), prefix: 'ow_workflow' });
    tx = new TransactionHost(db.dataSource);
    audit = new AuditTrailRepository(tx);
    calendar = new HolidayArrangementRepository(tx);
    applications = new ApplicationRepository(tx);
  });

  afterAll(() => db?.drop());

  const act = (caseId: string, action: string, stateAfter: string): NewAuditAct => ({
    caseId,
    actorId: 'clerk-7',
    actorRole: 'window_clerk',
    organisationId: 'luoyuan-hall',
    action,
    stateBefore: null,
    stateAfter,
    itemCode: '350123-001-01-0001-3',
    itemVersion: 1,
    at: new Date(),
    reason: null,
  });

  it('seeds the holiday arrangements for 2025 to 2027, and they make a valid calendar', async () => {
    const years = await calendar.findAll();
    expect(years.map((y) => [y.year, y.status])).toEqual([
      [2025, 'official'],
      [2026, 'official'],
      [2027, 'provisional'],
    ]);
    expect(new WorkingCalendar(years).addWorkingDays('2025-01-24', 3)).toBe('2025-02-05');
  });

  it('replaces a year when an administrator enters the published arrangement', async () => {
    const [, , provisional] = await calendar.findAll();
    if (!provisional) throw new Error('2027 missing');
    const updated = await tx.transaction(() =>
      calendar.upsert({ ...provisional, status: 'official', source: 'notice', workingWeekendDays: ['2027-02-20'] }, 'admin-1'),
    );
    expect(updated).toMatchObject({ year: 2027, status: 'official', updatedBy: 'admin-1', workingWeekendDays: ['2027-02-20'] });
    expect(new WorkingCalendar(await calendar.findAll()).isWorkingDay('2027-02-20')).toBe(true);
  });

  it('refuses to append outside the state change transaction', async () => {
    await expect(audit.append(act(randomUUID(), 'SUBMIT', 'SUBMITTED'), EMPTY_AUDIT_HEAD)).rejects.toThrow(/inside the state change transaction/);
  });

  it('refuses to update or delete a recorded act', async () => {
    const caseId = randomUUID();
    await tx.transaction(() => audit.append(act(caseId, 'SUBMIT', 'SUBMITTED'), EMPTY_AUDIT_HEAD));
    await expect(db.dataSource.query(`UPDATE audit_act SET state_after = 'APPROVED' WHERE case_id = $1`, [caseId])).rejects.toThrow(
      /append-only/,
    );
    await expect(db.dataSource.query(`DELETE FROM audit_act WHERE case_id = $1`, [caseId])).rejects.toThrow(/append-only/);
  });

  it('detects a record tampered with behind the trigger and names it', async () => {
    const caseId = randomUUID();
    let head: AuditHead = EMPTY_AUDIT_HEAD;
    for (const [action, state] of [['SUBMIT', 'SUBMITTED'], ['ACCEPT', 'IN_REVIEW'], ['DECIDE_TASK', 'DENIED']]) {
      head = await tx.transaction(() => audit.append(act(caseId, action as string, state as string), head));
    }
    // A database superuser can switch the trigger off; the chain still tells.
    await db.dataSource.query(`ALTER TABLE audit_act DISABLE TRIGGER audit_act_append_only`);
    await db.dataSource.query(`UPDATE audit_act SET state_after = 'APPROVED' WHERE case_id = $1 AND sequence = 3`, [caseId]);
    await db.dataSource.query(`ALTER TABLE audit_act ENABLE TRIGGER audit_act_append_only`);
    expect(verifyAuditChain(await audit.listForCase(caseId))).toEqual({ sequence: 3, reason: 'HASH_MISMATCH' });
  });

  describe('cases', () => {
    const newCase = (): Application => ({
      id: randomUUID(),
      itemCode: '350123-006-05-0001-6',
      itemVersion: 1,
      departmentCode: '006',
      applicantId: 'citizen-1',
      applicantKind: 'person',
      enterpriseId: null,
      submittedBy: 'citizen-1',
      channel: 'ONLINE',
      servicePointId: null,
      status: 'SUBMITTED',
      instant: false,
      decision: null,
      supplementRounds: 0,
      missingMaterials: null,
      trips: 0,
      statutoryDays: 20,
      promisedDays: 5,
      statutoryDueDate: null,
      promisedDueDate: null,
      submittedAt: new Date(),
      acceptedAt: null,
      concludedAt: null,
      deliveryMethod: null,
      dueSoonOn: null,
      workingDaysTaken: null,
      onTime: null,
      tasks: [],
      closedPauses: [],
      auditHead: EMPTY_AUDIT_HEAD,
    });
    const task = (departmentId: string, stage: number): Application['tasks'][number] => ({
      id: randomUUID(),
      departmentId,
      kind: 'REVIEW',
      status: stage === 1 ? 'PENDING' : 'WAITING',
      stage,
      dueDate: stage === 1 ? '2026-12-07' : null,
      claimedBy: null,
      decidedBy: null,
      decidedAt: null,
      comment: null,
    });
    beforeAll(() =>
      tx.transaction(() =>
        new CatalogCopyRepository(tx).recordPublished({
          code: '350123-006-05-0001-6',
          version: 1,
          departmentCode: '006',
          type: 'PUBLIC_SERVICE',
          name: '失业保险金申领',
          instant: false,
          statutoryDays: 20,
          promisedDays: 5,
          onlineLevel: 'ZERO_TRIP',
          content: { name: '失业保险金申领' },
          publishedAt: new Date(),
          effectiveFrom: '2026-01-01',
        }),
      ),
    );
    const load = async (id: string) => {
      const found = await applications.findById(id);
      if (!found) throw new Error('case not found');
      return found;
    };
    const locked = async (id: string) => {
      const found = await applications.findById(id, { lock: true });
      if (!found) throw new Error('case not found');
      return found;
    };

    it('chains concurrent appends to one case without forking the chain', async () => {
      const submitted = newCase();
      await tx.transaction(() => applications.insert(submitted));
      // Each waits for the case row lock, then reads the head the previous append left (the trigger moves it).
      await Promise.all(
        ['SUBMIT', 'ACCEPT', 'DECIDE_TASK', 'DECIDE_TASK', 'CONCLUDE'].map((action) =>
          tx.transaction(async () => audit.append(act(submitted.id, action, 'X'), (await locked(submitted.id)).auditHead)),
        ),
      );
      const acts = await audit.listForCase(submitted.id);
      expect(acts.map((a) => a.sequence)).toEqual([1, 2, 3, 4, 5]);
      expect(verifyAuditChain(acts)).toBeUndefined();
    });

    it('keeps the audit chain head on the case row, so acts chain without reading the trail', async () => {
      const submitted = newCase();
      await tx.transaction(async () => {
        await applications.insert(submitted);
        await audit.append(act(submitted.id, 'SUBMIT', 'SUBMITTED'), submitted.auditHead);
      });
      for (const action of ['ACCEPT', 'DECIDE_TASK', 'CONCLUDE']) {
        await tx.transaction(async () => audit.append(act(submitted.id, action, 'X'), (await locked(submitted.id)).auditHead));
      }
      const acts = await audit.listForCase(submitted.id);
      expect(acts.map((a) => a.action)).toEqual(['SUBMIT', 'ACCEPT', 'DECIDE_TASK', 'CONCLUDE']);
      expect(verifyAuditChain(acts)).toBeUndefined();
      // Written by the trigger whenever an act is appended apart from the case's own statement.
      await tx.transaction(async () => audit.append(act(submitted.id, 'EVALUATE', 'X'), (await locked(submitted.id)).auditHead));
      const last = (await audit.listForCase(submitted.id)).at(-1);
      expect((await load(submitted.id)).auditHead).toEqual({ sequence: 5, hash: last?.hash });
    });

    it('refuses an act built on a stale head instead of forking the chain', async () => {
      const submitted = newCase();
      await tx.transaction(async () => {
        await applications.insert(submitted);
        await audit.append(act(submitted.id, 'SUBMIT', 'SUBMITTED'), submitted.auditHead);
      });
      const stale = (await load(submitted.id)).auditHead;
      await tx.transaction(() => audit.append(act(submitted.id, 'ACCEPT', 'IN_REVIEW'), stale));
      await expect(tx.transaction(() => audit.append(act(submitted.id, 'REFUSE', 'REFUSED'), stale))).rejects.toThrow(
        /duplicate key/,
      );
      const acts = await audit.listForCase(submitted.id);
      expect(acts.map((a) => a.action)).toEqual(['SUBMIT', 'ACCEPT']);
      expect(verifyAuditChain(acts)).toBeUndefined();
    });

    it('writes the case, its new tasks and its changed tasks in one save', async () => {
      const submitted = newCase();
      await tx.transaction(() => applications.insert(submitted));
      const before = await load(submitted.id);
      const accepted: Application = { ...before, status: 'IN_REVIEW', acceptedAt: new Date(), tasks: [task('006', 1), task('004', 1), task('002', 2)] };
      await tx.transaction(() => applications.save(accepted, before));
      const reviewing = await load(submitted.id);
      expect(reviewing.status).toBe('IN_REVIEW');
      expect(reviewing.tasks.map((t) => [t.departmentId, t.status, t.dueDate]).sort()).toEqual([
        ['002', 'WAITING', null],
        ['004', 'PENDING', '2026-12-07'],
        ['006', 'PENDING', '2026-12-07'],
      ]);
      const decidedAt = new Date('2026-12-01T02:03:04.005Z');
      const decided: Application = {
        ...reviewing,
        tasks: reviewing.tasks.map((t) =>
          t.stage === 1 ? { ...t, status: 'APPROVED', decidedBy: `reviewer-${t.departmentId}`, decidedAt, comment: '同意' } : { ...t, status: 'PENDING', dueDate: '2026-12-10' },
        ),
      };
      await tx.transaction(() => applications.save(decided, reviewing));
      const after = await load(submitted.id);
      expect(after.tasks.map((t) => [t.departmentId, t.status, t.decidedBy, t.decidedAt?.toISOString() ?? null, t.comment, t.dueDate]).sort()).toEqual([
        ['002', 'PENDING', null, null, null, '2026-12-10'],
        ['004', 'APPROVED', 'reviewer-004', decidedAt.toISOString(), '同意', '2026-12-07'],
        ['006', 'APPROVED', 'reviewer-006', decidedAt.toISOString(), '同意', '2026-12-07'],
      ]);
    });

    it('writes a change, its audit act and the new head in one statement', async () => {
      const submitted = newCase();
      const first = audit.chain(act(submitted.id, 'SUBMIT', 'SUBMITTED'), submitted.auditHead);
      await tx.transaction(() =>
        applications.insert({ ...submitted, auditHead: { sequence: first.sequence, hash: first.hash } }, (params) => [audit.insertStatement(first, params)]),
      );
      const loaded = await load(submitted.id);
      const second = audit.chain(act(submitted.id, 'ACCEPT', 'IN_REVIEW'), loaded.auditHead);
      await tx.transaction(() =>
        applications.save({ ...loaded, status: 'IN_REVIEW', auditHead: { sequence: second.sequence, hash: second.hash } }, loaded, (params) => [
          audit.insertStatement(second, params),
        ]),
      );
      const acts = await audit.listForCase(submitted.id);
      expect(acts.map((a) => [a.sequence, a.action])).toEqual([
        [1, 'SUBMIT'],
        [2, 'ACCEPT'],
      ]);
      expect(verifyAuditChain(acts)).toBeUndefined();
      expect(await load(submitted.id)).toMatchObject({ status: 'IN_REVIEW', auditHead: { sequence: 2, hash: second.hash } });
    });

    it('loads the closed pauses with the case, oldest first, and leaves out an open one', async () => {
      const submitted = newCase();
      await tx.transaction(() => applications.insert(submitted));
      const pause = (startedOn: string, endedOn: string | null) =>
        db.dataSource.query(
          `INSERT INTO application_pause (id, application_id, kind, reason, department_code, started_on, started_at, started_by, ended_on, ended_at, ended_by)
           VALUES ($1, $2, 'EXPERT_REVIEW', '专家评审', '006', $3, $3::date, 'reviewer-1', $4, $4::date, CASE WHEN $4::date IS NULL THEN NULL ELSE 'reviewer-1' END)`,
          [randomUUID(), submitted.id, startedOn, endedOn],
        );
      await pause('2026-12-08', '2026-12-10');
      await pause('2026-12-01', '2026-12-03');
      await pause('2026-12-14', null);
      expect((await load(submitted.id)).closedPauses).toEqual([
        { startedOn: '2026-12-01', endedOn: '2026-12-03' },
        { startedOn: '2026-12-08', endedOn: '2026-12-10' },
      ]);
    });
  });
});
