import type { EventDefinition } from '../define-event';
import { applicationEvents } from './application';

/** Event types the workflow service publishes (one file per aggregate in this folder). */
export const workflowEvents = [...applicationEvents] as const satisfies readonly EventDefinition[];

export * from './application';
