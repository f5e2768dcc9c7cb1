import type { EventDefinition } from '../define-event';
import { itemPublished, itemRetired } from './item';

/** Event types the catalog service publishes (one file per aggregate in this folder). */
export const catalogEvents = [itemPublished, itemRetired] as const satisfies readonly EventDefinition[];
