import {
  BeforeApplicationShutdown,
  DynamicModule,
  Global,
  Inject,
  Injectable,
  Module,
  OnApplicationBootstrap,
  OnModuleDestroy,
  OnModuleInit,
  Optional,
} from '@nestjs/common';
import { eventCatalog as oneWindowCatalog, EventCatalog } from '@onewindow/contracts/events';
import { AppConfig, PlatformConfig } from '@onewindow/platform/config';
import { createLogger, Metrics } from '@onewindow/platform/observability';
import { TransactionHost } from '@onewindow/platform/persistence';
import { Admin, Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { createKafka, EventsLogger, fromPino, reliableProducerConfig } from './kafka/kafka-client';
import { KafkaReadiness } from './kafka/kafka-readiness';
import { EventPublisher, PublishContextProvider } from './outbox/event-publisher';
import { OutboxRelay, OutboxRelayOptions } from './outbox/outbox-relay';
import { OutboxRepository } from './outbox/outbox.repository';
import { SchemaValidator } from './schema-validator';

export const EVENTS_OPTIONS = Symbol('EVENTS_OPTIONS');
export const KAFKA = Symbol('KAFKA');
export const KAFKA_ADMIN = Symbol('KAFKA_ADMIN');
export const EVENTS_LOGGER = Symbol('EVENTS_LOGGER');

export interface EventsModuleOptions {
  /** Defaults to every OneWindow event type. */
  catalog?: EventCatalog;
  /** Run the outbox relay in this process (default true). */
  relay?: boolean;
  relayOptions?: Omit<OutboxRelayOptions, 'logger'>;
  contextProvider?: PublishContextProvider;
  /** Defaults to the service's JSON logger. */
  logger?: EventsLogger;
}

@Injectable()
class KafkaAdminLifecycle implements OnModuleInit, OnModuleDestroy {
  constructor(@Inject(KAFKA_ADMIN) private readonly admin: Admin) {}

  async onModuleInit(): Promise<void> {
    // Readiness reports Kafka down until a broker answers; boot does not wait for it.
    void this.admin.connect().catch(() => undefined);
  }

  async onModuleDestroy(): Promise<void> {
    await this.admin.disconnect();
  }
}

@Injectable()
export class OutboxRelayService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private relay?: OutboxRelay;

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(KAFKA_ADMIN) private readonly admin: Admin,
    private readonly dataSource: DataSource,
    @Inject(EVENTS_OPTIONS) private readonly options: EventsModuleOptions,
    @Inject(EVENTS_LOGGER) private readonly logger: EventsLogger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.options.relay === false) return;
    this.relay = new OutboxRelay(this.dataSource, () => this.kafka.producer(reliableProducerConfig()), this.admin, {
      ...this.options.relayOptions,
      logger: this.logger,
    });
    await this.relay.start();
  }

  /** Finishes the batch in flight before the database and Kafka connections close. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.relay?.stop();
  }
}

/** The relay's lag on `/metrics`, read from the outbox on each scrape (runbook: docs/runbooks/outbox-lag.md). */
@Injectable()
export class OutboxMetrics implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    @Optional() private readonly metrics?: Metrics,
  ) {}

  onModuleInit(): void {
    if (!this.metrics) return;
    const repository = new OutboxRepository();
    const stats = () => repository.pendingStats(this.dataSource.manager);
    this.metrics.gauge({
      name: 'onewindow_outbox_pending_events',
      help: 'Events committed to the outbox and not yet published to Kafka',
      collect: async (gauge) => gauge.set((await stats()).pending),
    });
    this.metrics.gauge({
      name: 'onewindow_outbox_oldest_pending_age_seconds',
      help: 'Age of the oldest event not yet published to Kafka (0 when none)',
      collect: async (gauge) => gauge.set((await stats()).oldestAgeSeconds),
    });
  }
}

@Global()
@Module({})
export class EventsModule {
  static forService(options: EventsModuleOptions = {}): DynamicModule {
    const catalog = options.catalog ?? oneWindowCatalog;
    return {
      module: EventsModule,
      providers: [
        { provide: EVENTS_OPTIONS, useValue: options },
        {
          provide: EVENTS_LOGGER,
          inject: [AppConfig],
          useFactory: (config: AppConfig<PlatformConfig>) =>
            options.logger ?? fromPino(createLogger(config.get('SERVICE_NAME'))),
        },
        {
          provide: KAFKA,
          inject: [AppConfig, EVENTS_LOGGER],
          useFactory: (config: AppConfig<PlatformConfig>, logger: EventsLogger) =>
            createKafka({ clientId: config.get('SERVICE_NAME'), brokers: config.get('KAFKA_BROKERS'), logger }),
        },
        { provide: KAFKA_ADMIN, inject: [KAFKA], useFactory: (kafka: Kafka) => kafka.admin() },
        { provide: SchemaValidator, useValue: new SchemaValidator(catalog) },
        {
          provide: EventPublisher,
          inject: [TransactionHost, SchemaValidator, AppConfig],
          useFactory: (tx: TransactionHost, validator: SchemaValidator, config: AppConfig<PlatformConfig>) =>
            new EventPublisher(tx, validator, `/onewindow/${config.get('SERVICE_NAME')}`, options.contextProvider),
        },
        { provide: KafkaReadiness, inject: [KAFKA_ADMIN], useFactory: (admin: Admin) => new KafkaReadiness(admin) },
        KafkaAdminLifecycle,
        OutboxRelayService,
        OutboxMetrics,
      ],
      exports: [KAFKA, EVENTS_LOGGER, SchemaValidator, EventPublisher, KafkaReadiness],
    };
  }
}
