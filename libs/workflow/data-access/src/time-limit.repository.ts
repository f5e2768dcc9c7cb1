import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@onewindow/platform/persistence';
import type { PauseKind } from '@onewindow/workflow/domain';
import { civilDateColumn } from './civil-date-column';

export interface ApplicationPause {
  id: string;
  applicationId: string;
  kind: PauseKind;
  reason: string;
  /** The department that paused the review; only it resumes. */
  departmentCode: string;
  startedOn: string;
  startedAt: Date;
  startedBy: string;
  endedOn: string | null;
  endedAt: Date | null;
  endedBy: string | null;
}

export type ExtensionStatus = 'PENDING' | 'APPROVED' | 'REJECTED';

export interface ApplicationExtension {
  id: string;
  applicationId: string;
  days: number;
  reason: string;
  departmentCode: string;
  requestedBy: string;
  requestedAt: Date;
  status: ExtensionStatus;
  decidedBy: string | null;
  decidedAt: Date | null;
  comment: string | null;
}

/** Pauses and extensions of a case's time limits; callers hold the case's row lock. */
@Injectable()
export class TimeLimitRepository {
  constructor(private readonly tx: TransactionHost) {}

  async insertPause(pause: ApplicationPause): Promise<void> {
    await this.tx.manager.query(
      `INSERT INTO application_pause (id, application_id, kind, reason, department_code, started_on, started_at, started_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [pause.id, pause.applicationId, pause.kind, pause.reason, pause.departmentCode, pause.startedOn, pause.startedAt, pause.startedBy],
    );
  }

  async findOpenPause(applicationId: string): Promise<ApplicationPause | undefined> {
    const [row] = await this.tx.manager.query(`SELECT * FROM application_pause WHERE application_id = $1 AND ended_at IS NULL`, [applicationId]);
    return row ? toPause(row) : undefined;
  }

  /** Closed pauses of a case, oldest first. */
  async findClosedPauses(applicationId: string): Promise<Array<ApplicationPause & { endedOn: string }>> {
    const rows = await this.tx.manager.query(
      `SELECT * FROM application_pause WHERE application_id = $1 AND ended_at IS NOT NULL ORDER BY started_at`,
      [applicationId],
    );
    return rows.map(toPause).filter((p: ApplicationPause): p is ApplicationPause & { endedOn: string } => p.endedOn !== null);
  }

  /** Ends the case's open pause, if any (a withdrawal during a pause). */
  async endOpenPause(applicationId: string, endedOn: string, endedAt: Date, endedBy: string): Promise<void> {
    await this.tx.manager.query(
      `UPDATE application_pause SET ended_on = $2, ended_at = $3, ended_by = $4 WHERE application_id = $1 AND ended_at IS NULL`,
      [applicationId, endedOn, endedAt, endedBy],
    );
  }

  async endPause(id: string, endedOn: string, endedAt: Date, endedBy: string): Promise<void> {
    await this.tx.manager.query(`UPDATE application_pause SET ended_on = $2, ended_at = $3, ended_by = $4 WHERE id = $1 AND ended_at IS NULL`, [
      id,
      endedOn,
      endedAt,
      endedBy,
    ]);
  }

  async insertExtension(extension: ApplicationExtension): Promise<void> {
    await this.tx.manager.query(
      `INSERT INTO application_extension (id, application_id, days, reason, department_code, requested_by, requested_at, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'PENDING')`,
      [extension.id, extension.applicationId, extension.days, extension.reason, extension.departmentCode, extension.requestedBy, extension.requestedAt],
    );
  }

  async findExtension(applicationId: string, id: string): Promise<ApplicationExtension | undefined> {
    const [row] = await this.tx.manager.query(`SELECT * FROM application_extension WHERE application_id = $1 AND id = $2`, [applicationId, id]);
    return row ? toExtension(row) : undefined;
  }

  /** Extensions that block a new request: one pending, or the one approved extension the law allows. */
  async findBlockingExtension(applicationId: string): Promise<ApplicationExtension | undefined> {
    const [row] = await this.tx.manager.query(
      `SELECT * FROM application_extension WHERE application_id = $1 AND status IN ('PENDING', 'APPROVED') ORDER BY requested_at LIMIT 1`,
      [applicationId],
    );
    return row ? toExtension(row) : undefined;
  }

  async decideExtension(id: string, status: Exclude<ExtensionStatus, 'PENDING'>, decidedBy: string, decidedAt: Date, comment: string | null): Promise<void> {
    await this.tx.manager.query(
      `UPDATE application_extension SET status = $2, decided_by = $3, decided_at = $4, comment = $5 WHERE id = $1 AND status = 'PENDING'`,
      [id, status, decidedBy, decidedAt, comment],
    );
  }

  /** After the due dates moved: the e-supervision signals go out again on the new dates. */
  async rearmSignals(applicationId: string): Promise<void> {
    await this.tx.manager.query(`UPDATE application SET due_soon_signalled_at = NULL, overdue_signalled_at = NULL WHERE id = $1`, [applicationId]);
  }
}

function toPause(row: Record<string, unknown>): ApplicationPause {
  return {
    id: row['id'] as string,
    applicationId: row['application_id'] as string,
    kind: row['kind'] as PauseKind,
    reason: row['reason'] as string,
    departmentCode: String(row['department_code']).trim(),
    startedOn: civilDateColumn(row['started_on']) as string,
    startedAt: row['started_at'] as Date,
    startedBy: row['started_by'] as string,
    endedOn: civilDateColumn(row['ended_on']),
    endedAt: (row['ended_at'] as Date | null) ?? null,
    endedBy: (row['ended_by'] as string | null) ?? null,
  };
}

function toExtension(row: Record<string, unknown>): ApplicationExtension {
  return {
    id: row['id'] as string,
    applicationId: row['application_id'] as string,
    days: row['days'] as number,
    reason: row['reason'] as string,
    departmentCode: String(row['department_code']).trim(),
    requestedBy: row['requested_by'] as string,
    requestedAt: row['requested_at'] as Date,
    status: row['status'] as ExtensionStatus,
    decidedBy: (row['decided_by'] as string | null) ?? null,
    decidedAt: (row['decided_at'] as Date | null) ?? null,
    comment: (row['comment'] as string | null) ?? null,
  };
}
