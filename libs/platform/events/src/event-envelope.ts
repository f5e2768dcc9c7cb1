import { CloudEvent, Kafka } from 'cloudevents';
import { CE_HEADERS, EventActor, formatActor, parseActor, TRACE_HEADERS } from '@onewindow/contracts/events';

/** What a producer states about an event beyond its payload. */
export interface EventMetadata {
  id: string;
  type: string;
  source: string;
  /** Aggregate id: the Kafka key and the CloudEvents subject. */
  key: string;
  time: Date;
  dataschema?: string;
  correlationId?: string;
  causationId?: string;
  actor?: EventActor;
  traceparent?: string;
  tracestate?: string;
}

export interface EncodedMessage {
  key: string;
  value: string;
  headers: Record<string, string>;
}

/** An event as a handler receives it. */
export interface ReceivedEvent<TPayload = unknown> {
  id: string;
  type: string;
  source: string;
  subject: string;
  time: string;
  data: TPayload;
  correlationId?: string;
  causationId?: string;
  actor?: EventActor;
  traceparent?: string;
  /**
   * Every Kafka header of the message, e.g. `authorization` on a command (CloudEvents attributes
   * are the fields above). Never log them whole.
   */
  headers: Readonly<Record<string, string>>;
  topic: string;
  partition: number;
  offset: string;
}

export class EventDecodeError extends Error {
  override name = 'EventDecodeError';
}

/** CloudEvents 1.0, Kafka binary binding: attributes in `ce_*` headers, JSON payload in the body. */
export function encodeEvent(meta: EventMetadata, payload: unknown): EncodedMessage {
  const extensions: Record<string, string> = {};
  if (meta.correlationId) extensions['correlationid'] = meta.correlationId;
  if (meta.causationId) extensions['causationid'] = meta.causationId;
  if (meta.actor) extensions['actor'] = formatActor(meta.actor);
  const event = new CloudEvent<unknown>({
    specversion: '1.0',
    id: meta.id,
    type: meta.type,
    source: meta.source,
    subject: meta.key,
    time: meta.time.toISOString(),
    datacontenttype: 'application/json',
    ...(meta.dataschema ? { dataschema: meta.dataschema } : {}),
    partitionkey: meta.key,
    data: payload,
    ...extensions,
  });
  const message = Kafka.binary(event);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers)) {
    if (value !== undefined && value !== null) headers[name] = String(value);
  }
  if (meta.traceparent) headers[TRACE_HEADERS.traceparent] = meta.traceparent;
  if (meta.tracestate) headers[TRACE_HEADERS.tracestate] = meta.tracestate;
  return { key: meta.key, value: JSON.stringify(payload), headers };
}

export function headersToStrings(headers: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined || value === null) continue;
    out[name] = Buffer.isBuffer(value) ? value.toString('utf8') : Array.isArray(value) ? String(value[0]) : String(value);
  }
  return out;
}

export function decodeEvent(
  message: { key: Buffer | null; value: Buffer | null; headers: Record<string, string> },
  position: { topic: string; partition: number; offset: string },
): ReceivedEvent {
  const h = message.headers;
  const required = [CE_HEADERS.id, CE_HEADERS.type, CE_HEADERS.source, CE_HEADERS.specversion] as const;
  const missing = required.filter((name) => !h[name]);
  if (missing.length > 0) throw new EventDecodeError(`missing CloudEvents headers: ${missing.join(', ')}`);
  if (h[CE_HEADERS.specversion] !== '1.0') throw new EventDecodeError(`unsupported specversion ${h[CE_HEADERS.specversion]}`);
  let data: unknown;
  try {
    data = JSON.parse(message.value?.toString('utf8') ?? 'null');
  } catch {
    throw new EventDecodeError('body is not valid JSON');
  }
  return {
    id: h[CE_HEADERS.id] as string,
    type: h[CE_HEADERS.type] as string,
    source: h[CE_HEADERS.source] as string,
    subject: h[CE_HEADERS.subject] ?? message.key?.toString('utf8') ?? '',
    time: h[CE_HEADERS.time] ?? '',
    data,
    correlationId: h[CE_HEADERS.correlationId],
    causationId: h[CE_HEADERS.causationId],
    actor: parseActor(h[CE_HEADERS.actor]),
    traceparent: h[TRACE_HEADERS.traceparent],
    headers: h,
    ...position,
  };
}
