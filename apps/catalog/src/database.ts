import { catalogEntities, catalogMigrations } from '@onewindow/catalog/data-access';
import type { PersistenceModuleOptions } from '@onewindow/platform/persistence';

/** The catalog service's own entities and migrations (the platform's outbox and inbox are added). */
export const database: PersistenceModuleOptions = { entities: catalogEntities, migrations: catalogMigrations };
