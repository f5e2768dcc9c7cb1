import { context as otelContext, SpanKind } from '@opentelemetry/api';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig, DatabaseConfig, loadConfig, PlatformConfig } from '@onewindow/platform/config';
import {
  connectEventsConsumer,
  EVENTS_LOGGER,
  EventsLogger,
  KAFKA,
  ReceivedEvent,
  SchemaValidator,
} from '@onewindow/platform/events';
import { AppModuleSource, bootstrapService, ServiceOptions } from '@onewindow/platform/http';
import { extractTraceContext, Metrics, RequestContext, withSpan } from '@onewindow/platform/observability';
import { createServiceDataSource, runMigrations, TransactionHost } from '@onewindow/platform/persistence';
import { Kafka } from 'kafkajs';
import {
  SERVICE_PLATFORM_FEATURES,
  ServicePlatformFeatures,
  serviceMigrations,
  ServicePlatformOptions,
} from './service-platform.module';

/** Handlers run as the event's own unit of work: its trace, its correlation id, caused by it. */
export function aroundEventHandler(event: ReceivedEvent, work: () => Promise<void>): Promise<void> {
  const parent = event.traceparent ? extractTraceContext({ traceparent: event.traceparent }) : otelContext.active();
  return withSpan(
    `consume ${event.type}`,
    SpanKind.CONSUMER,
    () =>
      RequestContext.run(
        {
          requestId: event.id,
          correlationId: event.correlationId ?? event.id,
          causationId: event.id,
          actor: event.actor ? { id: event.actor.id, type: event.actor.kind === 'user' ? 'person' : event.actor.kind, roles: [] } : undefined,
        },
        work,
      ),
    parent,
  );
}

/**
 * Starts a service: HTTP on PORT and, when it declares `@EventPattern` handlers, the Kafka
 * consumer in the same process, with this service's name as consumer group.
 */
export function runService(source: AppModuleSource, options: ServiceOptions & { consumer?: boolean } = {}) {
  return bootstrapService(source, {
    ...options,
    beforeListen: async (app: NestFastifyApplication) => {
      await options.beforeListen?.(app);
      // Services without a database (the gateway) have no events module and consume nothing.
      const features = app.get<ServicePlatformFeatures>(SERVICE_PLATFORM_FEATURES, { strict: false });
      if (options.consumer === false || !features.events) return;
      const consumed = app.get(Metrics).counter<'type' | 'outcome'>({
        name: 'onewindow_events_consumed_total',
        help: 'Events handled by this service, by type and outcome (applied, duplicate, skipped, dead-lettered)',
        labelNames: ['type', 'outcome'],
      });
      connectEventsConsumer(app, {
        kafka: app.get<Kafka>(KAFKA),
        groupId: app.get<AppConfig<PlatformConfig>>(AppConfig).get('SERVICE_NAME'),
        transactions: app.get(TransactionHost),
        validator: app.get(SchemaValidator),
        logger: app.get<EventsLogger>(EVENTS_LOGGER),
        around: aroundEventHandler,
        onProcessed: (event, outcome) => consumed.inc({ type: event.type, outcome }),
      });
      await app.startAllMicroservices();
    },
  });
}

/**
 * `migrate.js` of a service: applies its pending migrations and exits. Used by `npm start`, the
 * Nx `migrate` target and the Kubernetes migration Job.
 */
export async function runServiceMigrations(database: Required<ServicePlatformOptions>['database']): Promise<void> {
  try {
    const config = loadConfig(DatabaseConfig);
    const dataSource = createServiceDataSource({
      url: config.DATABASE_URL,
      entities: database.entities,
      migrations: serviceMigrations(database.migrations),
      applicationName: `${config.SERVICE_NAME}-migrate`,
    });
    const report = await runMigrations(dataSource);
    process.stdout.write(`${JSON.stringify({ level: 'info', service: config.SERVICE_NAME, msg: 'Migrations applied', applied: report.applied })}\n`);
  } catch (error) {
    const problems = (error as { problems?: unknown }).problems;
    process.stderr.write(
      `${JSON.stringify({ level: 'fatal', msg: 'Migration failed', ...(problems ? { problems } : { error: (error as Error).message }) })}\n`,
    );
    process.exitCode = 1;
  }
}
