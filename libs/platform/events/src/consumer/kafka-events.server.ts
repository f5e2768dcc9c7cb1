import { ArgumentsHost, Catch, INestApplication, INestMicroservice, RpcExceptionFilter } from '@nestjs/common';
import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import { lastValueFrom, Observable, throwError } from 'rxjs';
import { ReceivedEvent } from '../event-envelope';
import { EventConsumer, EventConsumerOptions } from './event-consumer';

export type KafkaEventsServerOptions = Omit<EventConsumerOptions, 'topics' | 'resolveHandler'>;

/**
 * A Nest microservice transport over kafkajs: handlers are declared with `@EventPattern(type)`
 * and receive a `ReceivedEvent`. Topics are derived from the handled types through the catalog.
 * Unlike Nest's built-in Kafka server, a failing handler is retried, then dead-lettered, and
 * never stalls its partition; offsets are committed only after the database commit.
 */
export class KafkaEventsServer extends Server implements CustomTransportStrategy {
  private consumer?: EventConsumer;

  constructor(private readonly options: KafkaEventsServerOptions) {
    super();
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      const types = [...this.getHandlers().keys()];
      if (types.length === 0) {
        callback();
        return;
      }
      const topics = types.map((type) => {
        const definition = this.options.validator.catalog[type];
        if (!definition) throw new Error(`@EventPattern('${type}') names a type that is not in the event catalog`);
        return definition.topic;
      });
      this.consumer = new EventConsumer({
        ...this.options,
        topics: [...new Set(topics)],
        resolveHandler: (type) => {
          const handler = this.getHandlerByPattern(type);
          if (!handler) return undefined;
          return async (event: ReceivedEvent) => {
            await lastValueFrom(this.transformToObservable(await handler(event)), { defaultValue: undefined });
          };
        },
      });
      await this.consumer.start();
      callback();
    } catch (error) {
      callback(error);
    }
  }

  async close(): Promise<void> {
    await this.consumer?.stop();
  }

  on(): never {
    throw new Error('KafkaEventsServer does not expose transport events');
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }
}

/**
 * Nest's default RPC filter replaces unknown errors with a generic message; the consumer needs
 * the original error to decide between retry and dead-letter and to record it.
 */
@Catch()
export class PassThroughEventErrors implements RpcExceptionFilter<unknown> {
  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    return throwError(() => exception);
  }
}

/** Attaches the events consumer to an HTTP app (hybrid application). Call before `startAllMicroservices()`. */
export function connectEventsConsumer(app: INestApplication, options: KafkaEventsServerOptions): INestMicroservice {
  const microservice = app.connectMicroservice({ strategy: new KafkaEventsServer(options) }, { inheritAppConfig: false });
  microservice.useGlobalFilters(new PassThroughEventErrors());
  return microservice;
}
