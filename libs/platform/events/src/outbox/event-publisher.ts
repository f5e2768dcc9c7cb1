import { randomUUID } from 'node:crypto';
import { context as otelContext, propagation } from '@opentelemetry/api';
import type { EventActor, EventCatalog, OneWindowEventMap } from '@onewindow/contracts/events';
import { OutsideTransactionError, StatementParams, TransactionHost } from '@onewindow/platform/persistence';
import { encodeEvent } from '../event-envelope';
import { SchemaValidator } from '../schema-validator';
import { NewOutboxRow, OutboxRepository } from './outbox.repository';

export interface PublishContext {
  correlationId?: string;
  causationId?: string;
  actor?: EventActor;
}

/** Supplies correlation, causation and actor from wherever the current unit of work runs (HTTP request, event handler). */
export type PublishContextProvider = () => PublishContext;

export interface OutgoingEvent<TPayload> extends PublishContext {
  /** Aggregate id: Kafka key and CloudEvents subject. */
  key: string;
  data: TPayload;
  /** Supplied when the caller needs a stable id (idempotent retries); a UUID otherwise. */
  id?: string;
}

/**
 * Appends events to the outbox in the caller's transaction, so an event exists if and only if
 * the state change that caused it committed. Payloads are validated against their JSON Schema
 * before anything is written; the relay does the publishing.
 */
export class EventPublisher<TMap extends object = OneWindowEventMap> {
  private readonly repository = new OutboxRepository();

  constructor(
    private readonly tx: TransactionHost,
    private readonly validator: SchemaValidator,
    private readonly source: string,
    private readonly contextProvider: PublishContextProvider = () => ({}),
  ) {}

  get catalog(): EventCatalog {
    return this.validator.catalog;
  }

  async publish<TType extends keyof TMap & string>(type: TType, event: OutgoingEvent<TMap[TType]>): Promise<string> {
    const [id] = await this.publishAll([{ type, ...event }]);
    return id as string;
  }

  async publishAll<TType extends keyof TMap & string>(
    events: Array<{ type: TType } & OutgoingEvent<TMap[TType]>>,
  ): Promise<string[]> {
    const rows = this.rowsOf(events);
    await this.repository.append(this.tx.manager, rows);
    return rows.map((row) => row.id);
  }

  /**
   * The outbox INSERT of `events` (validated like `publishAll`), its values added to `params`, for a
   * caller that writes them inside one of its own statements (a data-modifying WITH clause) to save a
   * round trip. The caller must run that statement in the current transaction, or the events are lost.
   */
  insertStatement<TType extends keyof TMap & string>(
    events: Array<{ type: TType } & OutgoingEvent<TMap[TType]>>,
    params: StatementParams,
  ): string | undefined {
    const rows = this.rowsOf(events);
    return rows.length > 0 ? this.repository.insertStatement(rows, params) : undefined;
  }

  private rowsOf<TType extends keyof TMap & string>(events: Array<{ type: TType } & OutgoingEvent<TMap[TType]>>): NewOutboxRow[] {
    if (!this.tx.inTransaction) throw new OutsideTransactionError('EventPublisher.publish');
    const ambient = this.contextProvider();
    const trace: Record<string, string> = {};
    propagation.inject(otelContext.active(), trace);
    const time = new Date();
    return events.map((event) => {
      this.validator.assertValid(event.type, event.data);
      const definition = this.validator.catalog[event.type];
      const id = event.id ?? randomUUID();
      const message = encodeEvent(
        {
          id,
          type: event.type,
          source: this.source,
          key: event.key,
          time,
          dataschema: definition?.schemaId,
          correlationId: event.correlationId ?? ambient.correlationId ?? id,
          causationId: event.causationId ?? ambient.causationId,
          actor: event.actor ?? ambient.actor,
          traceparent: trace['traceparent'],
          tracestate: trace['tracestate'],
        },
        event.data,
      );
      return { id, topic: definition?.topic as string, key: event.key, type: event.type, headers: message.headers, payload: event.data };
    });
  }
}
