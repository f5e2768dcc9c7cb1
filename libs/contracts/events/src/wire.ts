/**
 * What travels on Kafka besides the payload: the CloudEvents 1.0 Kafka binary binding
 * (`ce_*` headers, JSON body, key = aggregate id) and the dead-letter headers.
 * Departments integrating over events read these names; they change only additively.
 */
export const CE_HEADERS = {
  id: 'ce_id',
  source: 'ce_source',
  type: 'ce_type',
  specversion: 'ce_specversion',
  time: 'ce_time',
  subject: 'ce_subject',
  dataschema: 'ce_dataschema',
  contentType: 'content-type',
  correlationId: 'ce_correlationid',
  causationId: 'ce_causationid',
  actor: 'ce_actor',
} as const;

/** W3C trace context travels as plain headers so any OpenTelemetry-aware consumer continues the trace. */
export const TRACE_HEADERS = { traceparent: 'traceparent', tracestate: 'tracestate' } as const;

/** A record on `<topic>.dlq` is the original message (key, value, headers) plus these headers. */
export const DLQ_HEADERS = {
  error: 'dlq_error',
  errorCode: 'dlq_error_code',
  attempts: 'dlq_attempts',
  consumerGroup: 'dlq_consumer_group',
  originalTopic: 'dlq_original_topic',
  originalPartition: 'dlq_original_partition',
  originalOffset: 'dlq_original_offset',
  failedAt: 'dlq_failed_at',
} as const;

/** Set on a message a DLQ replay puts back on its original topic. */
export const REPLAY_HEADER = 'dlq_replayed_from';

export const DLQ_SUFFIX = '.dlq';

export function dlqTopicOf(topic: string): string {
  return `${topic}${DLQ_SUFFIX}`;
}

/** Actor of an event, as carried in `ce_actor`: `<kind>:<id>`, e.g. `user:8c1f...` or `service:workflow`. */
export interface EventActor {
  kind: 'user' | 'service' | 'system';
  id: string;
}

export function formatActor(actor: EventActor): string {
  return `${actor.kind}:${actor.id}`;
}

export function parseActor(value: string | undefined): EventActor | undefined {
  const match = value ? /^(user|service|system):(.+)$/.exec(value) : null;
  return match ? { kind: match[1] as EventActor['kind'], id: match[2] as string } : undefined;
}
