import { Injectable } from '@nestjs/common';
import type { HolidayArrangement } from '@onewindow/domain/working-calendar';
import { TransactionHost } from '@onewindow/platform/persistence';

interface Row {
  year: number;
  status: HolidayArrangement['status'];
  source: string;
  holidays: HolidayArrangement['holidays'];
  working_weekend_days: HolidayArrangement['workingWeekendDays'];
  updated_at: Date;
  updated_by: string;
}

export interface StoredHolidayArrangement extends HolidayArrangement {
  updatedAt: Date;
  updatedBy: string;
}

@Injectable()
export class HolidayArrangementRepository {
  constructor(private readonly tx: TransactionHost) {}

  async findAll(): Promise<StoredHolidayArrangement[]> {
    const rows: Row[] = await this.tx.manager.query(`SELECT * FROM holiday_arrangement ORDER BY year`);
    return rows.map(toArrangement);
  }

  async upsert(arrangement: HolidayArrangement, updatedBy: string): Promise<StoredHolidayArrangement> {
    const [row]: Row[] = await this.tx.manager.query(
      `INSERT INTO holiday_arrangement (year, status, source, holidays, working_weekend_days, updated_by, updated_at)
       VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, $6, now())
       ON CONFLICT (year) DO UPDATE SET status = EXCLUDED.status, source = EXCLUDED.source,
         holidays = EXCLUDED.holidays, working_weekend_days = EXCLUDED.working_weekend_days,
         updated_by = EXCLUDED.updated_by, updated_at = now()
       RETURNING *`,
      [
        arrangement.year,
        arrangement.status,
        arrangement.source,
        JSON.stringify(arrangement.holidays),
        JSON.stringify(arrangement.workingWeekendDays),
        updatedBy,
      ],
    );
    if (!row) throw new Error('upsert returned no row');
    return toArrangement(row);
  }
}

function toArrangement(row: Row): StoredHolidayArrangement {
  return {
    year: row.year,
    status: row.status,
    source: row.source,
    holidays: row.holidays,
    workingWeekendDays: row.working_weekend_days,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}
