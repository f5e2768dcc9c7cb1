import { Injectable } from '@nestjs/common';
import { StatementParams, TransactionHost } from '@onewindow/platform/persistence';
import type { AuditHead, CaseStatus, ClosedPause, Decision, TaskState } from '@onewindow/workflow/domain';
import { civilDateColumn } from './civil-date-column';

export type Channel = 'ONLINE' | 'COUNTY_HALL' | 'TOWNSHIP_CENTRE' | 'COMMUNITY_POINT' | 'KIOSK';

export interface ApplicationTask extends TaskState {
  /** Working days of its stage from the day the stage opened; null while WAITING. */
  dueDate: string | null;
  claimedBy: string | null;
  decidedBy: string | null;
  decidedAt: Date | null;
  comment: string | null;
}

export interface Application {
  id: string;
  itemCode: string;
  itemVersion: number;
  departmentCode: string;
  applicantId: string;
  applicantKind: 'person' | 'enterprise';
  enterpriseId: string | null;
  submittedBy: string;
  channel: Channel;
  servicePointId: string | null;
  status: CaseStatus;
  instant: boolean;
  decision: Decision | null;
  supplementRounds: number;
  missingMaterials: string[] | null;
  trips: number;
  statutoryDays: number;
  promisedDays: number;
  statutoryDueDate: string | null;
  promisedDueDate: string | null;
  submittedAt: Date;
  acceptedAt: Date | null;
  concludedAt: Date | null;
  deliveryMethod: 'PICKUP' | 'COURIER' | 'ELECTRONIC' | null;
  /** The working day the e-supervision yellow signal is due (the day before the promised due date). */
  dueSoonOn: string | null;
  workingDaysTaken: number | null;
  onTime: boolean | null;
  tasks: ApplicationTask[];
  /** The pauses that have ended, oldest first (their working days do not count, ADR 0029). */
  closedPauses: readonly ClosedPause[];
  /** The end of the case's audit chain as loaded; with the row lock held, the next act chains to it. */
  auditHead: AuditHead;
}

const COLUMNS: Array<[keyof Application, string]> = [
  ['id', 'id'],
  ['itemCode', 'item_code'],
  ['itemVersion', 'item_version'],
  ['departmentCode', 'department_code'],
  ['applicantId', 'applicant_id'],
  ['applicantKind', 'applicant_kind'],
  ['enterpriseId', 'enterprise_id'],
  ['submittedBy', 'submitted_by'],
  ['channel', 'channel'],
  ['servicePointId', 'service_point_id'],
  ['status', 'status'],
  ['instant', 'instant'],
  ['decision', 'decision'],
  ['supplementRounds', 'supplement_rounds'],
  ['missingMaterials', 'missing_materials'],
  ['trips', 'trips'],
  ['statutoryDays', 'statutory_days'],
  ['promisedDays', 'promised_days'],
  ['statutoryDueDate', 'statutory_due_date'],
  ['promisedDueDate', 'promised_due_date'],
  ['submittedAt', 'submitted_at'],
  ['acceptedAt', 'accepted_at'],
  ['concludedAt', 'concluded_at'],
  ['deliveryMethod', 'delivery_method'],
  ['dueSoonOn', 'due_soon_on'],
  ['workingDaysTaken', 'working_days_taken'],
  ['onTime', 'on_time'],
];
const MUTABLE = new Set<keyof Application>([
  'status', 'decision', 'supplementRounds', 'missingMaterials', 'trips', 'statutoryDueDate', 'promisedDueDate',
  'acceptedAt', 'concludedAt', 'deliveryMethod', 'dueSoonOn', 'workingDaysTaken', 'onTime',
]);

/** A case row with its tasks and closed pauses as JSON arrays (timestamps come back as ISO text): one round trip. */
const CASE_SELECT = `
  SELECT ${COLUMNS.map(([, column]) => `a.${column}`).join(', ')}, a.audit_sequence, a.audit_hash,
         (SELECT coalesce(json_agg(t ORDER BY t.stage, t.department_code, t.id), '[]'::json)
            FROM application_task t WHERE t.application_id = a.id) AS tasks_json,
         (SELECT coalesce(json_agg(json_build_object('startedOn', p.started_on, 'endedOn', p.ended_on) ORDER BY p.started_at), '[]'::json)
            FROM application_pause p WHERE p.application_id = a.id AND p.ended_on IS NOT NULL) AS closed_pauses_json
    FROM application a`;

@Injectable()
export class ApplicationRepository {
  constructor(private readonly tx: TransactionHost) {}

  /**
   * Inserts a new case with its tasks. `alsoWrite`: further data-modifying statements of the same
   * change (its audit act, its events), run as WITH clauses of the same statement.
   */
  async insert(application: Application, alsoWrite?: AlsoWrite): Promise<void> {
    const params = new StatementParams();
    const values = COLUMNS.map(([field]) => params.add(dbValue(field, application[field])));
    const clauses: string[] = [];
    if (application.tasks.length > 0) {
      clauses.push(`INSERT INTO application_task (${TASK_COLUMNS}) VALUES ${params.rows(application.tasks.map((task) => taskRow(application.id, task)), TASK_CASTS)}`);
    }
    clauses.push(...(alsoWrite?.(params) ?? []));
    await this.tx.prepared(
      `${withClauses(clauses)}INSERT INTO application (${COLUMNS.map(([, column]) => column).join(', ')}, audit_sequence, audit_hash)
       VALUES (${values.join(', ')}, ${params.add(application.auditHead.sequence)}, ${params.add(application.auditHead.hash)})`,
      params.values,
    );
  }

  /** Loads a case with its tasks; `lock` takes the row lock that serialises every change to one case. */
  async findById(id: string, options: { lock?: boolean } = {}): Promise<Application | undefined> {
    const { rows } = await this.tx.prepared(`${CASE_SELECT} WHERE a.id = $1${options.lock ? ' FOR UPDATE OF a' : ''}`, [id]);
    return rows[0] ? toApplication(rows[0]) : undefined;
  }

  /**
   * Writes the mutable fields of a case and its audit chain's head, inserts its new tasks and updates
   * the tasks that changed since `before`, the case as loaded (and locked) in this transaction: one
   * statement, the task writes (and `alsoWrite`'s: the change's audit act, its events) as
   * data-modifying WITH clauses of the case's UPDATE.
   */
  async save(application: Application, before: Application, alsoWrite?: AlsoWrite): Promise<void> {
    const params = new StatementParams();
    const id = params.add(application.id);
    const sets = COLUMNS.filter(([field]) => MUTABLE.has(field)).map(([field, column]) => `${column} = ${params.add(dbValue(field, application[field]))}`);
    sets.push(`audit_sequence = ${params.add(application.auditHead.sequence)}`, `audit_hash = ${params.add(application.auditHead.hash)}`);
    const clauses: string[] = [];
    const previous = new Map(before.tasks.map((t) => [t.id, t]));
    const added = application.tasks.filter((t) => !previous.has(t.id));
    if (added.length > 0) {
      clauses.push(`INSERT INTO application_task (${TASK_COLUMNS}) VALUES ${params.rows(added.map((task) => taskRow(application.id, task)), TASK_CASTS)}`);
    }
    const changed = application.tasks.filter((t) => previous.has(t.id) && !sameTaskState(previous.get(t.id), t));
    if (changed.length > 0) {
      const values = params.rows(
        changed.map((task) => [task.id, task.status, task.decidedBy, task.decidedAt, task.comment, task.dueDate]),
        ['uuid', 'text', 'text', 'timestamptz', 'text', 'date'],
      );
      clauses.push(
        `UPDATE application_task t SET status = c.status, decided_by = c.decided_by, decided_at = c.decided_at,
                comment = c.comment, due_date = c.due_date
           FROM (VALUES ${values}) AS c (id, status, decided_by, decided_at, comment, due_date) WHERE t.id = c.id`,
      );
    }
    clauses.push(...(alsoWrite?.(params) ?? []));
    await this.tx.prepared(`${withClauses(clauses)}UPDATE application SET ${sets.join(', ')}, updated_at = now() WHERE id = ${id}`, params.values);
  }

  /**
   * Claims a pending task for one reviewer: exclusive, so two reviewers never work on it at once.
   * Claiming one's own task again succeeds. Returns false when someone else holds it or it is decided.
   */
  async claimTask(taskId: string, reviewerId: string, at: Date): Promise<boolean> {
    const { rowCount } = await this.tx.prepared(
      `UPDATE application_task SET claimed_by = $2, claimed_at = $3
        WHERE id = $1 AND status = 'PENDING' AND (claimed_by IS NULL OR claimed_by = $2)`,
      [taskId, reviewerId, at],
    );
    return rowCount > 0;
  }

  async findByApplicant(applicantId: string, enterpriseId: string | undefined, limit: number): Promise<Application[]> {
    const rows: Array<Record<string, unknown>> = await this.tx.manager.query(
      `${CASE_SELECT} WHERE a.applicant_id = $1 OR ($2::text IS NOT NULL AND a.enterprise_id = $2)
        ORDER BY a.submitted_at DESC LIMIT $3`,
      [applicantId, enterpriseId ?? null, limit],
    );
    return rows.map(toApplication);
  }
}

/** Statements written in the same statement as the case (see `save`), their values added to `params`. */
export type AlsoWrite = (params: StatementParams) => string[];

/** `WITH w1 AS (…), w2 AS (…) ` for data-modifying statements that run with the main one. */
function withClauses(statements: readonly string[]): string {
  return statements.length > 0 ? `WITH ${statements.map((sql, i) => `w${i + 1} AS (${sql})`).join(', ')} ` : '';
}

const TASK_COLUMNS = 'id, application_id, department_code, kind, status, stage, due_date, with_departments, role';
const TASK_CASTS = [undefined, undefined, undefined, undefined, undefined, undefined, undefined, 'jsonb'];

function taskRow(applicationId: string, task: ApplicationTask): unknown[] {
  return [
    task.id, applicationId, task.departmentId, task.kind, task.status, task.stage, task.dueDate,
    task.withDepartments ? JSON.stringify(task.withDepartments) : null, task.role ?? null,
  ];
}

/** Whether the fields `save` writes are unchanged (claims are written by `claimTask`, not here). */
function sameTaskState(before: ApplicationTask | undefined, after: ApplicationTask): boolean {
  return (
    before !== undefined &&
    before.status === after.status &&
    before.decidedBy === after.decidedBy &&
    before.decidedAt?.getTime() === after.decidedAt?.getTime() &&
    before.comment === after.comment &&
    before.dueDate === after.dueDate
  );
}

function dbValue(field: keyof Application, value: unknown): unknown {
  return field === 'missingMaterials' && value !== null ? JSON.stringify(value) : value;
}

function toApplication(row: Record<string, unknown>): Application {
  const application = Object.fromEntries(COLUMNS.map(([field, column]) => [field, row[column]])) as unknown as Application;
  const tasks = row['tasks_json'] as Array<Record<string, unknown>>;
  return {
    ...application,
    departmentCode: String(row['department_code']).trim(),
    statutoryDueDate: civilDateColumn(row['statutory_due_date']),
    promisedDueDate: civilDateColumn(row['promised_due_date']),
    dueSoonOn: civilDateColumn(row['due_soon_on']),
    tasks: tasks.map((t) => ({
      id: t['id'] as string,
      departmentId: String(t['department_code']).trim(),
      kind: t['kind'] as ApplicationTask['kind'],
      status: t['status'] as ApplicationTask['status'],
      stage: Number(t['stage']),
      ...(t['role'] ? { role: t['role'] as NonNullable<ApplicationTask['role']> } : {}),
      ...(t['with_departments'] ? { withDepartments: t['with_departments'] as string[] } : {}),
      dueDate: civilDateColumn(t['due_date']),
      claimedBy: (t['claimed_by'] as string | null) ?? null,
      decidedBy: (t['decided_by'] as string | null) ?? null,
      decidedAt: typeof t['decided_at'] === 'string' ? new Date(t['decided_at']) : null,
      comment: (t['comment'] as string | null) ?? null,
    })),
    closedPauses: row['closed_pauses_json'] as ClosedPause[],
    auditHead: { sequence: row['audit_sequence'] as number, hash: row['audit_hash'] as string },
  };
}
