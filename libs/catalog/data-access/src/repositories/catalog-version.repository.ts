import { Injectable } from '@nestjs/common';
import { ItemContent, VersionState } from '@onewindow/catalog/domain';
import { TransactionHost } from '@onewindow/platform/persistence';
import { CatalogItemVersionEntity } from '../entities/catalog-item-version.entity';
import { VersionRecord } from '../records';

export function toVersionRecord(entity: CatalogItemVersionEntity): VersionRecord {
  return {
    itemCode: entity.itemCode,
    version: entity.version,
    state: entity.state as VersionState,
    content: entity.content,
    createdBy: entity.createdBy,
    createdAt: entity.createdAt,
    updatedAt: entity.updatedAt,
    submittedAt: entity.submittedAt,
    publishedAt: entity.publishedAt,
    publishedBy: entity.publishedBy,
    effectiveFrom: entity.effectiveFrom,
    retiredAt: entity.retiredAt,
    reviewNote: entity.reviewNote,
  };
}

export type VersionChanges = Partial<
  Pick<VersionRecord, 'state' | 'content' | 'submittedAt' | 'publishedAt' | 'publishedBy' | 'effectiveFrom' | 'retiredAt' | 'reviewNote'>
>;

@Injectable()
export class CatalogVersionRepository {
  constructor(private readonly tx: TransactionHost) {}

  private get versions() {
    return this.tx.manager.getRepository(CatalogItemVersionEntity);
  }

  async insert(version: { itemCode: string; version: number; content: ItemContent; createdBy: string }): Promise<void> {
    await this.versions.insert({
      itemCode: version.itemCode,
      version: version.version,
      state: VersionState.DRAFT,
      content: version.content,
      createdBy: version.createdBy,
    });
  }

  async find(itemCode: string, version: number): Promise<VersionRecord | undefined> {
    const entity = await this.versions.findOne({ where: { itemCode, version } });
    return entity ? toVersionRecord(entity) : undefined;
  }

  async history(itemCode: string): Promise<VersionRecord[]> {
    const entities = await this.versions.find({ where: { itemCode }, order: { version: 'ASC' } });
    return entities.map(toVersionRecord);
  }

  async update(itemCode: string, version: number, changes: VersionChanges): Promise<void> {
    await this.versions.update({ itemCode, version }, { ...changes, updatedAt: new Date() });
  }
}
