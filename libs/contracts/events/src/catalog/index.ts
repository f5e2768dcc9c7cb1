import type { EventDefinition } from '../define-event';

/** Event types the catalog service publishes (one file per aggregate in this folder). */
export const catalogEvents = [] as const satisfies readonly EventDefinition[];
