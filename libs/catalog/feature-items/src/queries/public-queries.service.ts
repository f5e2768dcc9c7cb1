import { Injectable } from '@nestjs/common';
import {
  CatalogList,
  ItemType,
  LIST_TITLES,
  LIST_TYPES,
  LUOYUAN_DEPARTMENTS,
  queryTokens,
  VersionState,
} from '@onewindow/catalog/domain';
import {
  CatalogItemRepository,
  CatalogVersionRepository,
  PublishedItemRecord,
  RetainedProofRepository,
  VersionRecord,
} from '@onewindow/catalog/data-access';
import { CatalogException } from '../shared/catalog.exception';
import { departmentName, ItemVersionDto, SearchResultDto, toItemSummaryDto, toItemVersionDto, toRetainedProofDto, RetainedProofDto } from '../shared/mappers';
import { SearchQueryDto } from './public-queries.dto';

export interface ListRow {
  code: string;
  name: string;
  departmentCode: string;
  departmentName: string;
  type: ItemType;
  version: number;
  effectiveFrom: string | null;
  legalBasis: string;
  detail: string;
}

export interface ListDto {
  list: CatalogList;
  title: string;
  department: string | null;
  count: number;
  countsByDepartment: Record<string, number>;
  items: ListRow[];
}

const COLUMNS: Array<[keyof ListRow, string]> = [
  ['code', '事项编码'],
  ['name', '事项名称'],
  ['departmentCode', '部门编码'],
  ['departmentName', '实施部门'],
  ['type', '事项类型'],
  ['version', '版本'],
  ['effectiveFrom', '生效日期'],
  ['legalBasis', '设定依据'],
  ['detail', '说明'],
];

/** RFC 4180 field, with a leading quote against spreadsheet formula injection. */
function csvField(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: readonly ListRow[]): string {
  const lines = [COLUMNS.map(([, title]) => title).join(','), ...rows.map((row) => COLUMNS.map(([key]) => csvField(row[key])).join(','))];
  // A BOM so spreadsheet software reads the Chinese text as UTF-8.
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

function detailFor(list: CatalogList, { version }: PublishedItemRecord): string {
  const c = version.content;
  switch (list) {
    case CatalogList.RESPONSIBILITIES:
      return c.responsibilities.join('；');
    case CatalogList.INVESTMENT_NEGATIVE:
      return c.negativeMeasure ?? '';
    default:
      return `承诺时限${c.promisedDays}个工作日；${c.fee.kind === 'NONE' ? '不收费' : '收费'}`;
  }
}

/** What residents, kiosks and the portal read: only published versions, never drafts. */
@Injectable()
export class PublicCatalogQueries {
  constructor(
    private readonly items: CatalogItemRepository,
    private readonly versions: CatalogVersionRepository,
    private readonly proofs: RetainedProofRepository,
  ) {}

  async search(query: SearchQueryDto): Promise<SearchResultDto> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const result = await this.items.search({
      tokens: queryTokens(query.q ?? ''),
      departmentCode: query.department,
      type: query.type,
      lifeEvent: query.lifeEvent,
      onlineLevel: query.onlineLevel,
      servicePoint: query.servicePoint,
      limit: pageSize,
      offset: (page - 1) * pageSize,
    });
    return { total: result.total, page, pageSize, items: result.hits.map(toItemSummaryDto) };
  }

  async current(code: string): Promise<ItemVersionDto> {
    const item = await this.items.find(code);
    if (!item || item.publishedVersion === null) throw CatalogException.itemNotFound(code);
    return toItemVersionDto(item, (await this.versions.find(code, item.publishedVersion)) as VersionRecord);
  }

  /** Any version that was ever published (cases filed under it keep pointing at it); drafts stay private. */
  async version(code: string, version: number): Promise<ItemVersionDto> {
    const item = await this.items.find(code);
    if (!item) throw CatalogException.itemNotFound(code);
    const found = await this.versions.find(code, version);
    if (!found || (found.state !== VersionState.PUBLISHED && found.state !== VersionState.RETIRED) || found.publishedAt === null) {
      throw CatalogException.versionNotFound(code, version);
    }
    return toItemVersionDto(item, found);
  }

  async list(list: CatalogList, departmentCode?: string): Promise<ListDto> {
    const published = await this.items.published(LIST_TYPES[list], departmentCode);
    const countsByDepartment: Record<string, number> = {};
    for (const { item } of published) countsByDepartment[item.departmentCode] = (countsByDepartment[item.departmentCode] ?? 0) + 1;
    return {
      list,
      title: LIST_TITLES[list],
      department: departmentCode ?? null,
      count: published.length,
      countsByDepartment,
      items: published.map((record) => ({
        code: record.item.code,
        name: record.version.content.name,
        departmentCode: record.item.departmentCode,
        departmentName: departmentName(record.item.departmentCode),
        type: record.item.type,
        version: record.version.version,
        effectiveFrom: record.version.effectiveFrom,
        legalBasis: record.version.content.legalBasis.join('；'),
        detail: detailFor(list, record),
      })),
    };
  }

  /** Every list with its county-wide count and its count per department, plus the retained-proof list. */
  async overview(): Promise<{ lists: Array<{ list: CatalogList; title: string; count: number; byDepartment: Record<string, number> }>; retainedProofs: number; departments: Record<string, string> }> {
    const counts = await this.items.publishedCounts();
    const lists = Object.values(CatalogList).map((list) => {
      const byDepartment: Record<string, number> = {};
      let count = 0;
      for (const row of counts) {
        if (!LIST_TYPES[list].includes(row.type)) continue;
        byDepartment[row.departmentCode] = (byDepartment[row.departmentCode] ?? 0) + row.count;
        count += row.count;
      }
      return { list, title: LIST_TITLES[list], count, byDepartment };
    });
    return { lists, retainedProofs: (await this.proofs.list()).length, departments: { ...LUOYUAN_DEPARTMENTS } };
  }

  async retainedProofs(): Promise<{ title: string; count: number; items: RetainedProofDto[] }> {
    const items = (await this.proofs.list()).map(toRetainedProofDto);
    return { title: '保留证明事项清单', count: items.length, items };
  }

  async changes(since: Date): Promise<{ since: string; changes: Array<Record<string, unknown>> }> {
    const changes = await this.items.changedSince(since, 1000);
    return {
      since: since.toISOString(),
      changes: changes.map((c) => ({
        code: c.code,
        name: c.name,
        departmentCode: c.departmentCode,
        type: c.type,
        change: c.change,
        version: c.version,
        changedAt: c.changedAt.toISOString(),
      })),
    };
  }
}

export function proofsCsv(items: RetainedProofDto[]): string {
  const lines = [
    ['证明编码', '证明名称', '开具单位', '设定依据'].join(','),
    ...items.map((p) => [p.code, p.name, p.issuer, p.legalBasis].map(csvField).join(',')),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
