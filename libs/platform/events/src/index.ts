export { SchemaValidator, EventSchemaError, type SchemaViolation } from './schema-validator';
export {
  encodeEvent,
  decodeEvent,
  EventDecodeError,
  type EventMetadata,
  type EncodedMessage,
  type ReceivedEvent,
} from './event-envelope';
export { platformEventMigrations, PlatformEvents1764057600000 } from './migrations/1764057600000-platform-events';
export { OutboxRepository, laneOf, OUTBOX_LANES, type OutboxRow } from './outbox/outbox.repository';
export {
  EventPublisher,
  type OutgoingEvent,
  type PublishContext,
  type PublishContextProvider,
} from './outbox/event-publisher';
export { OutboxRelay, type OutboxRelayOptions } from './outbox/outbox-relay';
export { createKafka, fromPino, reliableProducerConfig, silentLogger, type EventsLogger, type KafkaClientOptions } from './kafka/kafka-client';
export { ensureTopics } from './kafka/topics';
export { RenewableProducer, producerStateErrorOf } from './kafka/renewable-producer';
export { KafkaReadiness } from './kafka/kafka-readiness';
export { InboxRepository } from './consumer/inbox.repository';
export { NonRetryableEventError } from './consumer/errors';
export { EventConsumer, type EventConsumerOptions, type EventHandlerFn } from './consumer/event-consumer';
export {
  KafkaEventsServer,
  PassThroughEventErrors,
  connectEventsConsumer,
  type KafkaEventsServerOptions,
} from './consumer/kafka-events.server';
export { replayDeadLetters, type DlqReplayOptions, type DlqReplayReport } from './consumer/dlq-replay';
export { EventsModule, OutboxRelayService, KAFKA, KAFKA_ADMIN, EVENTS_LOGGER, type EventsModuleOptions } from './events.module';
