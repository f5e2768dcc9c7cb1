import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@onewindow/platform/persistence';
import { civilDateColumn } from './civil-date-column';

/** What the workflow keeps of a published item version: enough to file, route and time a case. */
export interface ItemVersionCopy {
  code: string;
  version: number;
  departmentCode: string;
  type: string;
  name: string;
  instant: boolean;
  statutoryDays: number;
  promisedDays: number;
  onlineLevel: string;
  content: unknown;
  publishedAt: Date;
  effectiveFrom: string;
}

export interface CurrentItem extends ItemVersionCopy {
  retired: boolean;
}

interface Row {
  code: string;
  version: number;
  department_code: string;
  type: string;
  name: string;
  instant: boolean;
  statutory_days: number;
  promised_days: number;
  online_level: string;
  content: unknown;
  published_at: Date;
  effective_from: string | Date;
  retired_at?: Date | null;
}

const VERSION_COLUMNS = [
  'code', 'version', 'department_code', 'type', 'name', 'instant', 'statutory_days', 'promised_days', 'online_level', 'content',
  'published_at', 'effective_from',
];

/** The local read model of the catalogue, fed by its events (ARCHITECTURE.md: no call back to catalog). */
@Injectable()
export class CatalogCopyRepository {
  constructor(private readonly tx: TransactionHost) {}

  /** Stores a published version and makes it current unless a later one is; replays change nothing. */
  async recordPublished(item: ItemVersionCopy): Promise<void> {
    const manager = this.tx.manager;
    await manager.query(
      `INSERT INTO catalog_item_version (code, version, department_code, type, name, instant, statutory_days, promised_days,
         online_level, content, published_at, effective_from)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $12)
       ON CONFLICT (code, version) DO NOTHING`,
      [
        item.code, item.version, item.departmentCode, item.type, item.name, item.instant, item.statutoryDays,
        item.promisedDays, item.onlineLevel, JSON.stringify(item.content), item.publishedAt, item.effectiveFrom,
      ],
    );
    await manager.query(
      `INSERT INTO catalog_item (code, current_version) VALUES ($1, $2)
       ON CONFLICT (code) DO UPDATE SET current_version = EXCLUDED.current_version, retired_at = NULL
       WHERE catalog_item.current_version < EXCLUDED.current_version`,
      [item.code, item.version],
    );
  }

  async recordRetired(item: ItemVersionCopy, retiredAt: Date): Promise<void> {
    await this.recordPublished(item);
    await this.tx.manager.query(
      `UPDATE catalog_item SET retired_at = $3 WHERE code = $1 AND current_version <= $2`,
      [item.code, item.version, retiredAt],
    );
  }

  async findCurrent(code: string): Promise<CurrentItem | undefined> {
    const {
      rows: [row],
    } = await this.tx.prepared<Row>(
      `SELECT ${VERSION_COLUMNS.map((column) => `v.${column}`).join(', ')}, i.retired_at FROM catalog_item i
         JOIN catalog_item_version v ON v.code = i.code AND v.version = i.current_version
        WHERE i.code = $1`,
      [code],
    );
    return row ? { ...toCopy(row), retired: row.retired_at !== null && row.retired_at !== undefined } : undefined;
  }

  async findVersion(code: string, version: number): Promise<ItemVersionCopy | undefined> {
    const {
      rows: [row],
    } = await this.tx.prepared<Row>(`SELECT ${VERSION_COLUMNS.join(', ')} FROM catalog_item_version WHERE code = $1 AND version = $2`, [code, version]);
    return row ? toCopy(row) : undefined;
  }
}

function toCopy(row: Row): ItemVersionCopy {
  return {
    code: row.code,
    version: row.version,
    departmentCode: row.department_code.trim(),
    type: row.type,
    name: row.name,
    instant: row.instant,
    statutoryDays: row.statutory_days,
    promisedDays: row.promised_days,
    onlineLevel: row.online_level,
    content: row.content,
    publishedAt: row.published_at,
    effectiveFrom: civilDateColumn(row.effective_from) ?? '',
  };
}
