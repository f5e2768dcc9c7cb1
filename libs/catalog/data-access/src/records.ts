import type { ItemContent, ItemType, VersionState } from '@onewindow/catalog/domain';

/** What the repositories hand out: plain records, never entities (STYLE.md). */
export interface ItemRecord {
  code: string;
  departmentCode: string;
  type: ItemType;
  latestVersion: number;
  publishedVersion: number | null;
  changedAt: Date | null;
  retiredAt: Date | null;
}

export interface VersionRecord {
  itemCode: string;
  version: number;
  state: VersionState;
  content: ItemContent;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  submittedAt: Date | null;
  publishedAt: Date | null;
  publishedBy: string | null;
  effectiveFrom: string | null;
  retiredAt: Date | null;
  reviewNote: string | null;
}

/** The published version of an item with the item's own fields: what the public sees. */
export interface PublishedItemRecord {
  item: ItemRecord;
  version: VersionRecord;
}

export interface RetainedProofRecord {
  code: string;
  name: string;
  issuer: string;
  legalBasis: string;
  createdAt: Date;
}

export interface SearchFilters {
  tokens: string[];
  departmentCode?: string;
  type?: ItemType;
  lifeEvent?: string;
  onlineLevel?: string;
  servicePoint?: string;
  limit: number;
  offset: number;
}

export interface SearchHit {
  code: string;
  name: string;
  departmentCode: string;
  type: ItemType;
  onlineLevel: string;
  servicePoints: string[];
  lifeEvents: string[];
  version: number;
  score: number;
}

export interface SearchPage {
  total: number;
  hits: SearchHit[];
}

export interface ChangeRecord {
  code: string;
  name: string | null;
  departmentCode: string;
  type: ItemType;
  change: 'PUBLISHED' | 'RETIRED';
  version: number | null;
  changedAt: Date;
}

/** An item as staff see it in their work list: its latest version's state and name. */
export interface StaffItemRow {
  code: string;
  departmentCode: string;
  type: ItemType;
  publishedVersion: number | null;
  latestVersion: number;
  latestState: VersionState;
  name: string;
  updatedAt: Date;
}
