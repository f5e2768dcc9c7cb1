import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FieldChange, ItemContent, ItemType, LUOYUAN_DEPARTMENTS, VersionState } from '@onewindow/catalog/domain';
import { ItemRecord, RetainedProofRecord, SearchHit, StaffItemRow, VersionRecord } from '@onewindow/catalog/data-access';
import { ItemContentDto } from './item-content.dto';

export class ItemVersionDto {
  @ApiProperty() code!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ enum: VersionState }) state!: VersionState;
  @ApiProperty() departmentCode!: string;
  @ApiProperty() departmentName!: string;
  @ApiProperty({ enum: ItemType }) type!: ItemType;
  @ApiPropertyOptional({ type: String, nullable: true }) effectiveFrom!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) publishedAt!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) retiredAt!: string | null;
  @ApiProperty({ type: ItemContentDto, description: 'The service guide' }) content!: ItemContent;
}

export class StaffItemVersionDto extends ItemVersionDto {
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) submittedAt!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) reviewNote!: string | null;
}

export class VersionSummaryDto {
  @ApiProperty() version!: number;
  @ApiProperty({ enum: VersionState }) state!: VersionState;
  @ApiProperty() name!: string;
  @ApiProperty() updatedAt!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) publishedAt!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) effectiveFrom!: string | null;
}

export class ItemHistoryDto {
  @ApiProperty() code!: string;
  @ApiPropertyOptional({ type: Number, nullable: true }) publishedVersion!: number | null;
  @ApiProperty({ type: [VersionSummaryDto] }) versions!: VersionSummaryDto[];
}

export class VersionDiffDto {
  @ApiProperty() code!: string;
  @ApiProperty() from!: number;
  @ApiProperty() to!: number;
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: 'Changed leaves: { field, kind: ADDED|REMOVED|CHANGED, before?, after? }' })
  changes!: FieldChange[];
}

export class ItemSummaryDto {
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty() departmentCode!: string;
  @ApiProperty() departmentName!: string;
  @ApiProperty({ enum: ItemType }) type!: ItemType;
  @ApiProperty() onlineLevel!: string;
  @ApiProperty({ type: [String] }) servicePoints!: string[];
  @ApiProperty({ type: [String] }) lifeEvents!: string[];
  @ApiProperty() version!: number;
}

export class SearchResultDto {
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty({ type: [ItemSummaryDto] }) items!: ItemSummaryDto[];
}

export class RetainedProofDto {
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty() issuer!: string;
  @ApiProperty() legalBasis!: string;
}

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);
export const departmentName = (code: string): string => LUOYUAN_DEPARTMENTS[code] ?? code;

export function toItemVersionDto(item: Pick<ItemRecord, 'departmentCode' | 'type'>, v: VersionRecord): ItemVersionDto {
  return {
    code: v.itemCode,
    version: v.version,
    state: v.state,
    departmentCode: item.departmentCode,
    departmentName: departmentName(item.departmentCode),
    type: item.type,
    effectiveFrom: v.effectiveFrom,
    publishedAt: iso(v.publishedAt),
    retiredAt: iso(v.retiredAt),
    content: v.content,
  };
}

export function toStaffItemVersionDto(item: ItemRecord, v: VersionRecord): StaffItemVersionDto {
  return {
    ...toItemVersionDto(item, v),
    createdAt: v.createdAt.toISOString(),
    updatedAt: v.updatedAt.toISOString(),
    submittedAt: iso(v.submittedAt),
    reviewNote: v.reviewNote,
  };
}

export function toHistoryDto(item: ItemRecord, versions: VersionRecord[]): ItemHistoryDto {
  return {
    code: item.code,
    publishedVersion: item.publishedVersion,
    versions: versions.map((v) => ({
      version: v.version,
      state: v.state,
      name: v.content.name,
      updatedAt: v.updatedAt.toISOString(),
      publishedAt: iso(v.publishedAt),
      effectiveFrom: v.effectiveFrom,
    })),
  };
}

export function toItemSummaryDto(hit: SearchHit): ItemSummaryDto {
  return {
    code: hit.code,
    name: hit.name,
    departmentCode: hit.departmentCode,
    departmentName: departmentName(hit.departmentCode),
    type: hit.type,
    onlineLevel: hit.onlineLevel,
    servicePoints: hit.servicePoints,
    lifeEvents: hit.lifeEvents,
    version: hit.version,
  };
}

export function toRetainedProofDto(proof: RetainedProofRecord): RetainedProofDto {
  return { code: proof.code, name: proof.name, issuer: proof.issuer, legalBasis: proof.legalBasis };
}

export class StaffItemRowDto {
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty() departmentCode!: string;
  @ApiProperty({ enum: ItemType }) type!: ItemType;
  @ApiPropertyOptional({ type: Number, nullable: true }) publishedVersion!: number | null;
  @ApiProperty() latestVersion!: number;
  @ApiProperty({ enum: VersionState }) latestState!: VersionState;
  @ApiProperty() updatedAt!: string;
}

export class StaffItemListDto {
  @ApiProperty() total!: number;
  @ApiProperty({ type: [StaffItemRowDto] }) items!: StaffItemRowDto[];
}

export function toStaffItemRowDto(row: StaffItemRow): StaffItemRowDto {
  return { ...row, updatedAt: row.updatedAt.toISOString() };
}
