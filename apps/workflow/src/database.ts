import type { PersistenceModuleOptions } from '@onewindow/platform/persistence';
import { workflowMigrations } from '@onewindow/workflow/data-access';

/** The workflow service's own entities and migrations (the platform's outbox and inbox are added). */
export const database: PersistenceModuleOptions = { entities: [], migrations: workflowMigrations };
