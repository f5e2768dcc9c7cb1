import { CatalogItemVersionEntity } from './entities/catalog-item-version.entity';
import { CatalogItemEntity } from './entities/catalog-item.entity';
import { RetainedProofEntity } from './entities/retained-proof.entity';
import { CatalogItems1764460800000 } from './migrations/1764460800000-catalog-items';

export * from './records';
export { CatalogItemRepository, type PublicationProjection } from './repositories/catalog-item.repository';
export { CatalogVersionRepository, type VersionChanges } from './repositories/catalog-version.repository';
export { RetainedProofRepository } from './repositories/retained-proof.repository';

/** Entities and migrations of the catalog database, for `apps/catalog/src/database.ts` and tests. */
export const catalogEntities = [CatalogItemEntity, CatalogItemVersionEntity, RetainedProofEntity];
export const catalogMigrations = [CatalogItems1764460800000];
