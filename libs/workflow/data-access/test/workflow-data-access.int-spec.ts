import { randomUUID } from 'node:crypto';
import { WorkingCalendar } from '@onewindow/domain/working-calendar';
import { TransactionHost } from '@onewindow/platform/persistence';
import { serviceMigrations } from '@onewindow/platform/service';
import { createTestDatabase, TestDatabase } from '@onewindow/platform/testing';
import { verifyAuditChain } from '@onewindow/workflow/domain';
import { AuditTrailRepository, HolidayArrangementRepository, NewAuditAct, workflowMigrations } from '../src';

describe('workflow data access', () => {
  let db: TestDatabase;
  let tx: TransactionHost;
  let audit: AuditTrailRepository;
  let calendar: HolidayArrangementRepository;

  beforeAll(async () => {
    db = await createTestDatabase({ entities: [], migrations: serviceMigrations(workflowMigrations), prefix: 'ow_workflow' });
    tx = new TransactionHost(db.dataSource);
    audit = new AuditTrailRepository(tx);
    calendar = new HolidayArrangementRepository(tx);
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

  it('chains concurrent appends to one case without forking the chain', async () => {
    const caseId = randomUUID();
    await Promise.all(
      ['SUBMIT', 'ACCEPT', 'DECIDE_TASK', 'DECIDE_TASK', 'CONCLUDE'].map((action) =>
        tx.transaction(() => audit.append(act(caseId, action, 'X'))),
      ),
    );
    const acts = await audit.listForCase(caseId);
    expect(acts.map((a) => a.sequence)).toEqual([1, 2, 3, 4, 5]);
    expect(verifyAuditChain(acts)).toBeUndefined();
  });

  it('refuses to append outside the state change transaction', async () => {
    await expect(audit.append(act(randomUUID(), 'SUBMIT', 'SUBMITTED'))).rejects.toThrow(/inside the state change transaction/);
  });

  it('refuses to update or delete a recorded act', async () => {
    const caseId = randomUUID();
    await tx.transaction(() => audit.append(act(caseId, 'SUBMIT', 'SUBMITTED')));
    await expect(db.dataSource.query(`UPDATE audit_act SET state_after = 'APPROVED' WHERE case_id = $1`, [caseId])).rejects.toThrow(
      /append-only/,
    );
    await expect(db.dataSource.query(`DELETE FROM audit_act WHERE case_id = $1`, [caseId])).rejects.toThrow(/append-only/);
  });

  it('detects a record tampered with behind the trigger and names it', async () => {
    const caseId = randomUUID();
    for (const [action, state] of [['SUBMIT', 'SUBMITTED'], ['ACCEPT', 'IN_REVIEW'], ['DECIDE_TASK', 'DENIED']]) {
      await tx.transaction(() => audit.append(act(caseId, action as string, state as string)));
    }
    // A database superuser can switch the trigger off; the chain still tells.
    await db.dataSource.query(`ALTER TABLE audit_act DISABLE TRIGGER audit_act_append_only`);
    await db.dataSource.query(`UPDATE audit_act SET state_after = 'APPROVED' WHERE case_id = $1 AND sequence = 3`, [caseId]);
    await db.dataSource.query(`ALTER TABLE audit_act ENABLE TRIGGER audit_act_append_only`);
    expect(verifyAuditChain(await audit.listForCase(caseId))).toEqual({ sequence: 3, reason: 'HASH_MISMATCH' });
  });
});
