import type { EventDefinition } from '../define-event';

/** Event types the workflow service publishes (one file per aggregate in this folder). */
export const workflowEvents = [] as const satisfies readonly EventDefinition[];
