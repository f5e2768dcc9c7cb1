import { EventCatalog, EventDefinition } from './define-event';
import { CE_HEADERS, DLQ_HEADERS, TRACE_HEADERS } from './wire';

type Json = Record<string, unknown>;

const str = (description: string, extra: Json = {}): Json => ({ type: 'string', description, ...extra });

/** A `command` aggregate is a stream OneWindow receives (departments publish to it), not one it publishes. */
function isCommand(definition?: EventDefinition): boolean {
  return definition?.aggregate === 'command';
}

function cloudEventHeaders(definition?: EventDefinition): Json {
  const credential = isCommand(definition) ? ['authorization'] : [];
  return {
    type: 'object',
    required: [CE_HEADERS.id, CE_HEADERS.source, CE_HEADERS.type, CE_HEADERS.specversion, CE_HEADERS.time, ...credential],
    properties: {
      ...(credential.length > 0 ? { authorization: str('Bearer <service access token> of the department system (client_credentials)') } : {}),
      [CE_HEADERS.id]: str('Event id (UUID); consumers de-duplicate on it'),
      [CE_HEADERS.source]: str('Producing service, e.g. /onewindow/workflow'),
      [CE_HEADERS.type]: definition ? str('Event type', { const: definition.type }) : str('Event type'),
      [CE_HEADERS.specversion]: str('CloudEvents version', { const: '1.0' }),
      [CE_HEADERS.time]: str('When the state change committed (RFC 3339)', { format: 'date-time' }),
      [CE_HEADERS.subject]: str('Aggregate id; also the Kafka key'),
      [CE_HEADERS.dataschema]: str('URI of the payload JSON Schema', { format: 'uri' }),
      [CE_HEADERS.contentType]: str('Payload media type', { const: 'application/json' }),
      [CE_HEADERS.correlationId]: str('Id shared by every event of one business flow'),
      [CE_HEADERS.causationId]: str('Id of the request or event that caused this one'),
      [CE_HEADERS.actor]: str('Who acted: user:<id>, service:<name> or system:<name>'),
      [TRACE_HEADERS.traceparent]: str('W3C trace context'),
    },
  };
}

/**
 * The AsyncAPI 3.0 document departments integrate against, generated from the catalog so it
 * cannot drift from what producers and consumers validate.
 */
export function toAsyncApi(catalog: EventCatalog, info: { version: string }): Json {
  const definitions = Object.values(catalog).sort((a, b) => a.type.localeCompare(b.type));
  const channels: Json = {};
  const operations: Json = {};
  const messages: Json = {};

  for (const definition of definitions) {
    const messageName = definition.type;
    messages[messageName] = {
      name: definition.type,
      title: definition.type,
      summary: definition.description,
      contentType: 'application/json',
      headers: cloudEventHeaders(definition),
      payload: { schemaFormat: 'application/schema+json;version=draft-2020-12', schema: definition.schema },
      bindings: { kafka: { key: { type: 'string', description: 'Aggregate id' }, bindingVersion: '0.5.0' } },
    };
    const channelId = definition.topic;
    const channel = (channels[channelId] ??= {
      address: definition.topic,
      title: `${definition.service} ${definition.aggregate} stream`,
      description: `Every event of one ${definition.aggregate}, in order (key = aggregate id). Failures of a consumer go to ${definition.topic}.dlq.`,
      messages: {},
    }) as { messages: Json };
    channel.messages[messageName] = { $ref: `#/components/messages/${messageName}` };
    operations[`${isCommand(definition) ? 'receive' : 'publish'}.${definition.type}`] = {
      action: isCommand(definition) ? 'receive' : 'send',
      channel: { $ref: `#/channels/${channelId}` },
      summary: definition.description,
      messages: [{ $ref: `#/channels/${channelId}/messages/${messageName}` }],
    };
  }

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'OneWindow events',
      version: info.version,
      description: [
        'Events published by OneWindow services. Envelope: CloudEvents 1.0, Kafka binary binding (ce_* headers, JSON body).',
        'Delivery is at least once; de-duplicate on ce_id. Events of one aggregate keep their order (one key, one partition).',
        `A consumer that fails an event ${'N'} times sends it to <topic>.dlq with the headers ${Object.values(DLQ_HEADERS).join(', ')}.`,
      ].join('\n'),
    },
    defaultContentType: 'application/json',
    servers: {
      local: { host: '127.0.0.1:9092', protocol: 'kafka', description: 'deploy/local/infra.sh' },
    },
    channels,
    operations,
    components: { messages },
  };
}
