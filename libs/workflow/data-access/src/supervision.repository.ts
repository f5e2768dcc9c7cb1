import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@onewindow/platform/persistence';

export type Signal = 'due-soon' | 'overdue';

export interface SupervisionFilter {
  from: Date;
  to: Date;
  departmentCode?: string;
}

export interface CountRow {
  key: string;
  status: string;
  count: number;
}

export interface ItemPerformance {
  itemCode: string;
  concluded: number;
  averageWorkingDays: number | null;
  onTimeRate: number | null;
  tripsPerCase: number | null;
  zeroTripShare: number | null;
  oneTripShare: number | null;
  averageScore: number | null;
  evaluations: number;
}

export interface OverdueCase {
  id: string;
  itemCode: string;
  departmentCode: string;
  promisedDueDate: string;
  statutoryDueDate: string;
  openDepartments: string[];
}

@Injectable()
export class SupervisionRepository {
  constructor(private readonly tx: TransactionHost) {}

  /**
   * Marks, in the caller's transaction, up to `limit` cases in review whose signal is due today and
   * was not raised yet, and returns their ids. `SKIP LOCKED` lets several replicas run the scheduler:
   * each case is taken by one of them, and the mark makes the signal go out once.
   */
  async claimSignals(signal: Signal, today: string, limit: number): Promise<string[]> {
    const [condition, mark] =
      signal === 'due-soon'
        ? ['due_soon_signalled_at IS NULL AND due_soon_on <= $1', 'due_soon_signalled_at']
        : ['overdue_signalled_at IS NULL AND promised_due_date < $1', 'overdue_signalled_at'];
    const [rows] = (await this.tx.manager.query(
      `UPDATE application SET ${mark} = now()
        WHERE id IN (
          SELECT id FROM application WHERE status = 'IN_REVIEW' AND ${condition}
           ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED)
        RETURNING id`,
      [today, limit],
    )) as [Array<{ id: string }>, number];
    return rows.map((r) => r.id);
  }

  async countsByDepartment(filter: SupervisionFilter): Promise<CountRow[]> {
    return this.counts('department_code', filter);
  }

  async countsByItem(filter: SupervisionFilter): Promise<CountRow[]> {
    return this.counts('item_code', filter);
  }

  async overdue(today: string, departmentCode: string | undefined, limit: number): Promise<OverdueCase[]> {
    const rows: Array<Record<string, unknown>> = await this.tx.manager.query(
      `SELECT a.id, a.item_code, trim(a.department_code) AS department_code, a.promised_due_date::text AS promised_due_date,
              a.statutory_due_date::text AS statutory_due_date,
              coalesce(array_agg(DISTINCT trim(t.department_code)) FILTER (WHERE t.status = 'PENDING'), '{}') AS open_departments
         FROM application a LEFT JOIN application_task t ON t.application_id = a.id
        WHERE a.status = 'IN_REVIEW' AND a.promised_due_date < $1
          AND ($2::text IS NULL OR a.department_code = $2 OR t.department_code = $2)
        GROUP BY a.id ORDER BY a.promised_due_date, a.id LIMIT $3`,
      [today, departmentCode ?? null, limit],
    );
    return rows.map((r) => ({
      id: r['id'] as string,
      itemCode: r['item_code'] as string,
      departmentCode: r['department_code'] as string,
      promisedDueDate: r['promised_due_date'] as string,
      statutoryDueDate: r['statutory_due_date'] as string,
      openDepartments: r['open_departments'] as string[],
    }));
  }

  /** Per item, over cases concluded in the period: working days taken, on-time rate, trips (跑动次数). */
  async itemPerformance(filter: SupervisionFilter): Promise<ItemPerformance[]> {
    const rows: Array<Record<string, unknown>> = await this.tx.manager.query(
      `SELECT item_code,
              count(*)::int AS concluded,
              avg(working_days_taken)::float AS average_working_days,
              avg(CASE WHEN on_time THEN 1 ELSE 0 END)::float AS on_time_rate,
              avg(trips)::float AS trips_per_case,
              avg(CASE WHEN trips = 0 THEN 1 ELSE 0 END)::float AS zero_trip_share,
              avg(CASE WHEN trips = 1 THEN 1 ELSE 0 END)::float AS one_trip_share,
              avg(e.score)::float AS average_score,
              count(e.score)::int AS evaluations
         FROM application a LEFT JOIN application_evaluation e ON e.application_id = a.id
        WHERE concluded_at >= $1 AND concluded_at < $2 AND decision IS NOT NULL
          AND ($3::text IS NULL OR department_code = $3)
        GROUP BY item_code ORDER BY item_code`,
      [filter.from, filter.to, filter.departmentCode ?? null],
    );
    return rows.map((r) => ({
      itemCode: r['item_code'] as string,
      concluded: r['concluded'] as number,
      averageWorkingDays: r['average_working_days'] as number | null,
      onTimeRate: r['on_time_rate'] as number | null,
      tripsPerCase: r['trips_per_case'] as number | null,
      zeroTripShare: r['zero_trip_share'] as number | null,
      oneTripShare: r['one_trip_share'] as number | null,
      averageScore: r['average_score'] as number | null,
      evaluations: r['evaluations'] as number,
    }));
  }

  private async counts(column: 'department_code' | 'item_code', filter: SupervisionFilter): Promise<CountRow[]> {
    const rows: Array<{ key: string; status: string; count: number }> = await this.tx.manager.query(
      `SELECT trim(${column}) AS key, status, count(*)::int AS count FROM application
        WHERE submitted_at >= $1 AND submitted_at < $2 AND ($3::text IS NULL OR department_code = $3)
        GROUP BY 1, 2 ORDER BY 1, 2`,
      [filter.from, filter.to, filter.departmentCode ?? null],
    );
    return rows;
  }
}
