export {
  defineEvent,
  catalogOf,
  EventDefinitionError,
  EVENT_TYPE_PATTERN,
  SCHEMA_BASE_URI,
  type EventDefinition,
  type EventCatalog,
  type PayloadOf,
  type EventMapOf,
} from './define-event';
export {
  CE_HEADERS,
  TRACE_HEADERS,
  DLQ_HEADERS,
  DLQ_SUFFIX,
  REPLAY_HEADER,
  dlqTopicOf,
  formatActor,
  parseActor,
  type EventActor,
} from './wire';
export { eventCatalog, type OneWindowEventMap, type OneWindowEventType } from './catalog';
export { toAsyncApi } from './asyncapi';
