import type { PersistenceModuleOptions } from '@onewindow/platform/persistence';

/** The licence service's own entities and migrations (the platform's outbox and inbox are added). */
export const database: PersistenceModuleOptions = { entities: [], migrations: [] };
