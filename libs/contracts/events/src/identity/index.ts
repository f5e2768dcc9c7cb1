import type { EventDefinition } from '../define-event';

/** Event types the identity service publishes (one file per aggregate in this folder). */
export const identityEvents = [] as const satisfies readonly EventDefinition[];
