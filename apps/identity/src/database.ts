import { identityEntities, identityMigrations } from '@onewindow/identity/data-access';
import type { PersistenceModuleOptions } from '@onewindow/platform/persistence';

/** The identity service's own entities and migrations (the platform's outbox and inbox are added). */
export const database: PersistenceModuleOptions = { entities: identityEntities, migrations: identityMigrations };
