import { Injectable } from '@nestjs/common';
import { ItemType, VersionState } from '@onewindow/catalog/domain';
import { TransactionHost } from '@onewindow/platform/persistence';
import { CatalogItemEntity } from '../entities/catalog-item.entity';
import { CatalogItemVersionEntity } from '../entities/catalog-item-version.entity';
import { ChangeRecord, ItemRecord, PublishedItemRecord, SearchFilters, SearchHit, SearchPage, StaffItemRow } from '../records';
import { toVersionRecord } from './catalog-version.repository';

export function toItemRecord(entity: CatalogItemEntity): ItemRecord {
  return {
    code: entity.code,
    departmentCode: entity.departmentCode,
    type: entity.type as ItemType,
    latestVersion: entity.latestVersion,
    publishedVersion: entity.publishedVersion,
    changedAt: entity.changedAt,
    retiredAt: entity.retiredAt,
  };
}

/** The public projection of a published version, written on publication. */
/** Items sharing at least min(2, tokens) of the query's tokens ($1), with how many and their weight (ADR 0020). */
const MATCHING_POSTINGS = `SELECT item_code, count(*)::int AS covered, sum(weight)::int AS weight
    FROM catalog_search_token
   WHERE token = ANY ($1::text[])
   GROUP BY item_code
  HAVING count(*) >= least(2, cardinality($1::text[]))`;

/** The item columns of a search hit (SearchRow). */
const HIT_COLUMNS = 'i.code, i.name, i.department_code, i.type, i.online_level, i.service_points, i.life_events, i.published_version';

interface SearchRow {
  code: string;
  name: string;
  department_code: string;
  type: ItemType;
  online_level: string;
  service_points: string[];
  life_events: string[];
  published_version: number;
  covered: number;
  weight: number;
}

function toSearchHit(r: SearchRow): SearchHit {
  return {
    code: r.code,
    name: r.name,
    departmentCode: r.department_code,
    type: r.type,
    onlineLevel: r.online_level,
    servicePoints: r.service_points,
    lifeEvents: r.life_events,
    version: r.published_version,
    score: r.covered * 100 + r.weight,
  };
}

export interface PublicationProjection {
  version: number;
  name: string;
  onlineLevel: string;
  lifeEvents: string[];
  servicePoints: string[];
  /** Search token → weight (ADR 0020). */
  tokens: ReadonlyMap<string, number>;
  changedAt: Date;
}

@Injectable()
export class CatalogItemRepository {
  constructor(private readonly tx: TransactionHost) {}

  private get items() {
    return this.tx.manager.getRepository(CatalogItemEntity);
  }

  /**
   * The next serial of a department and type. Serialised per (department, type) by a transaction
   * advisory lock, so two concurrent creations never get the same code.
   */
  async nextSerial(departmentCode: string, type: ItemType): Promise<number> {
    await this.tx.manager.query(`SELECT pg_advisory_xact_lock(hashtext('catalog_serial:' || $1 || ':' || $2))`, [departmentCode, type]);
    const [row] = (await this.tx.manager.query(
      `SELECT coalesce(max(serial), 0)::int AS max FROM catalog_item WHERE department_code = $1 AND type = $2`,
      [departmentCode, type],
    )) as Array<{ max: number }>;
    return (row?.max ?? 0) + 1;
  }

  async insert(item: { code: string; departmentCode: string; type: ItemType; serial: number }): Promise<void> {
    await this.items.insert({ ...item, latestVersion: 1, publishedVersion: null });
  }

  async exists(code: string): Promise<boolean> {
    return this.items.exists({ where: { code } });
  }

  /** Loads and locks the item row for the rest of the transaction (ADR 0006: one writer per aggregate). */
  async findForUpdate(code: string): Promise<ItemRecord | undefined> {
    const entity = await this.items.findOne({ where: { code }, lock: { mode: 'pessimistic_write' } });
    return entity ? toItemRecord(entity) : undefined;
  }

  async find(code: string): Promise<ItemRecord | undefined> {
    const entity = await this.items.findOne({ where: { code } });
    return entity ? toItemRecord(entity) : undefined;
  }

  async setLatestVersion(code: string, latestVersion: number): Promise<void> {
    await this.items.update({ code }, { latestVersion });
  }

  async markPublished(code: string, projection: PublicationProjection): Promise<void> {
    await this.items.update(
      { code },
      {
        publishedVersion: projection.version,
        name: projection.name,
        onlineLevel: projection.onlineLevel,
        lifeEvents: projection.lifeEvents,
        servicePoints: projection.servicePoints,
        changedAt: projection.changedAt,
        retiredAt: null,
      },
    );
    await this.tx.manager.query(`DELETE FROM catalog_search_token WHERE item_code = $1`, [code]);
    await this.tx.manager.query(
      `INSERT INTO catalog_search_token (token, item_code, weight) SELECT token, $1, weight FROM unnest($2::text[], $3::smallint[]) AS t(token, weight)`,
      [code, [...projection.tokens.keys()], [...projection.tokens.values()]],
    );
  }

  async markRetired(code: string, at: Date): Promise<void> {
    await this.items.update({ code }, { publishedVersion: null, changedAt: at, retiredAt: at });
    await this.tx.manager.query(`DELETE FROM catalog_search_token WHERE item_code = $1`, [code]);
  }

  /**
   * Published items matching the filters. With tokens: an item must share at least
   * min(2, tokens) of them; ranked by how many query tokens it covers, then by the weight of the
   * fields they hit (name 3, alias 2, keyword 1), then by code (ADR 0020). The postings table is
   * read through its primary key only, so the cost follows the matches, not the catalogue size.
   */
  async search(filters: SearchFilters): Promise<SearchPage> {
    const filtered = filters.departmentCode || filters.type || filters.lifeEvent || filters.onlineLevel || filters.servicePoint;
    if (filters.tokens.length > 0 && !filtered) return this.searchByTokensOnly(filters.tokens, filters.limit, filters.offset);
    const params: unknown[] = [];
    const where = ['i.published_version IS NOT NULL'];
    const add = (sql: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    let from = 'catalog_item i';
    let rank = '0 AS covered, 0 AS weight';
    let order = 'i.code';
    if (filters.tokens.length > 0) {
      params.push(filters.tokens);
      from = `(${MATCHING_POSTINGS}) h JOIN catalog_item i ON i.code = h.item_code`;
      rank = 'h.covered, h.weight';
      order = 'h.covered DESC, h.weight DESC, i.code';
    }
    if (filters.departmentCode) add((p) => `i.department_code = ${p}`, filters.departmentCode);
    if (filters.type) add((p) => `i.type = ${p}`, filters.type);
    if (filters.lifeEvent) add((p) => `i.life_events @> ARRAY[${p}]::text[]`, filters.lifeEvent);
    if (filters.onlineLevel) add((p) => `i.online_level = ${p}`, filters.onlineLevel);
    if (filters.servicePoint) add((p) => `i.service_points @> ARRAY[${p}]::text[]`, filters.servicePoint);
    const filterParams = [...params];
    params.push(filters.limit, filters.offset);
    // Prepared: the text depends only on which filters are set (a few dozen shapes).
    const { rows } = await this.tx.prepared<SearchRow & { total: number }>(
      `SELECT ${HIT_COLUMNS}, ${rank}, count(*) OVER ()::int AS total
         FROM ${from}
        WHERE ${where.join(' AND ')}
        ORDER BY ${order}
        LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    return {
      total: rows[0]?.total ?? (filters.offset > 0 ? await this.countMatching(from, where, filterParams) : 0),
      hits: rows.map(toSearchHit),
    };
  }

  /**
   * The common case, words without filters: rank on the postings alone and read only the page's
   * items. Postings exist for published items only (markPublished writes them, markRetired deletes
   * them), so no join is needed to rank or count.
   */
  private async searchByTokensOnly(tokens: readonly string[], limit: number, offset: number): Promise<SearchPage> {
    // Prepared: one fixed text, so PostgreSQL parses and plans it once per connection.
    const { rows } = await this.tx.prepared<SearchRow & { total: number; code: string | null }>(
      `WITH h AS (${MATCHING_POSTINGS}),
       page AS (SELECT * FROM h ORDER BY covered DESC, weight DESC, item_code LIMIT $2 OFFSET $3)
       SELECT (SELECT count(*)::int FROM h) AS total, ${HIT_COLUMNS}, p.covered, p.weight
         FROM (SELECT 1) one
         LEFT JOIN (page p JOIN catalog_item i ON i.code = p.item_code AND i.published_version IS NOT NULL) ON true
        ORDER BY p.covered DESC, p.weight DESC, i.code`,
      [tokens, limit, offset],
    );
    return { total: rows[0]?.total ?? 0, hits: rows.filter((r) => r.code !== null).map(toSearchHit) };
  }

  private async countMatching(from: string, where: string[], params: unknown[]): Promise<number> {
    const [row] = (await this.tx.manager.query(`SELECT count(*)::int AS n FROM ${from} WHERE ${where.join(' AND ')}`, params)) as Array<{
      n: number;
    }>;
    return row?.n ?? 0;
  }

  /** Current published versions of the given types, optionally of one department, by code. */
  async published(types: readonly ItemType[], departmentCode?: string): Promise<PublishedItemRecord[]> {
    const query = this.tx.manager
      .createQueryBuilder(CatalogItemEntity, 'i')
      .innerJoinAndMapOne('i.current', CatalogItemVersionEntity, 'v', 'v.item_code = i.code AND v.version = i.published_version')
      .where('i.published_version IS NOT NULL')
      .andWhere('i.type IN (:...types)', { types })
      .orderBy('i.code');
    if (departmentCode) query.andWhere('i.department_code = :departmentCode', { departmentCode });
    const rows = (await query.getMany()) as Array<CatalogItemEntity & { current: CatalogItemVersionEntity }>;
    return rows.map((row) => ({ item: toItemRecord(row), version: toVersionRecord(row.current) }));
  }

  /** Items with their latest version, newest change first: a department's work list, the review queue. */
  async staffList(filters: { departmentCode?: string; state?: VersionState; limit: number; offset: number }): Promise<{ total: number; rows: StaffItemRow[] }> {
    const query = this.tx.manager
      .createQueryBuilder(CatalogItemEntity, 'i')
      .innerJoinAndMapOne('i.latest', CatalogItemVersionEntity, 'v', 'v.item_code = i.code AND v.version = i.latest_version')
      .orderBy('v.updated_at', 'DESC')
      .addOrderBy('i.code', 'ASC')
      .take(filters.limit)
      .skip(filters.offset);
    if (filters.departmentCode) query.andWhere('i.department_code = :departmentCode', { departmentCode: filters.departmentCode });
    if (filters.state) query.andWhere('v.state = :state', { state: filters.state });
    const [rows, total] = (await query.getManyAndCount()) as [Array<CatalogItemEntity & { latest: CatalogItemVersionEntity }>, number];
    return {
      total,
      rows: rows.map((r) => ({
        code: r.code,
        departmentCode: r.departmentCode,
        type: r.type as ItemType,
        publishedVersion: r.publishedVersion,
        latestVersion: r.latestVersion,
        latestState: r.latest.state as VersionState,
        name: r.latest.content.name,
        updatedAt: r.latest.updatedAt,
      })),
    };
  }

  /** Count of published items per department and type. */
  async publishedCounts(): Promise<Array<{ departmentCode: string; type: ItemType; count: number }>> {
    const rows = (await this.tx.manager.query(
      `SELECT department_code, type, count(*)::int AS n FROM catalog_item WHERE published_version IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2`,
    )) as Array<{ department_code: string; type: ItemType; n: number }>;
    return rows.map((r) => ({ departmentCode: r.department_code, type: r.type, count: r.n }));
  }

  async changedSince(since: Date, limit: number): Promise<ChangeRecord[]> {
    const rows = await this.items
      .createQueryBuilder('i')
      .where('i.changed_at >= :since', { since })
      .orderBy('i.changed_at', 'ASC')
      .addOrderBy('i.code', 'ASC')
      .limit(limit)
      .getMany();
    return rows.map((r) => ({
      code: r.code,
      name: r.name,
      departmentCode: r.departmentCode,
      type: r.type as ItemType,
      change: r.publishedVersion === null ? 'RETIRED' : 'PUBLISHED',
      version: r.publishedVersion,
      changedAt: r.changedAt as Date,
    }));
  }

  /** True when a published version asks for the given retained proof. */
  async isProofInUse(proofCode: string): Promise<boolean> {
    const [row] = (await this.tx.manager.query(
      `SELECT EXISTS (SELECT 1 FROM catalog_item_version WHERE state = $1 AND content->'materials' @> $2::jsonb) AS used`,
      [VersionState.PUBLISHED, JSON.stringify([{ proofCode }])],
    )) as Array<{ used: boolean }>;
    return row?.used ?? false;
  }
}
