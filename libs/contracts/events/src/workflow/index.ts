import type { EventDefinition } from '../define-event';
import { applicationEvents } from './application';
import { commandEvents } from './command';

/** Event types the workflow service publishes (one file per aggregate in this folder). */
export const workflowEvents = [...applicationEvents, ...commandEvents] as const satisfies readonly EventDefinition[];

export * from './application';
export * from './command';
