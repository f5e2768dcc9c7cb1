import { catalogOf, EventMapOf } from './define-event';

/**
 * Every event type OneWindow publishes. Each service adds its definitions (one file per
 * aggregate under `./<service>/`) in the change that starts publishing them.
 */
export const eventCatalog = catalogOf([]);

export type OneWindowEventMap = EventMapOf<typeof eventCatalog>;
export type OneWindowEventType = keyof OneWindowEventMap;
