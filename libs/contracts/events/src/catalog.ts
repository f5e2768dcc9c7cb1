import { catalogOf, EventMapOf } from './define-event';
import { catalogEvents } from './catalog/index';
import { identityEvents } from './identity/index';
import { workflowEvents } from './workflow/index';

/**
 * Every event type OneWindow publishes. Each service adds its definitions (one file per
 * aggregate under `./<service>/`, listed in that folder's index) in the change that starts
 * publishing them.
 */
export const eventCatalog = catalogOf([...identityEvents, ...catalogEvents, ...workflowEvents]);

export type OneWindowEventMap = EventMapOf<typeof eventCatalog>;
export type OneWindowEventType = keyof OneWindowEventMap;
