import { DynamicModule, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { EventsModule, EventsModuleOptions, KafkaReadiness, platformEventMigrations } from '@onewindow/platform/events';
import { DatabaseReadiness, PersistenceModule, PersistenceModuleOptions } from '@onewindow/platform/persistence';
import { EdgePlatformOptions, platformModule } from './edge/edge-platform.module';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { PlatformIdempotency1764489600000 } from './idempotency/idempotency.migration';
import { IdempotencyStore } from './idempotency/idempotency.store';
import { publishContextFromRequest } from './publish-context';

export { SERVICE_PLATFORM_FEATURES, type ServicePlatformFeatures } from './edge/edge-platform.module';

export interface ServicePlatformOptions extends EdgePlatformOptions {
  /** The service's own entities and migrations; the outbox and inbox migrations are added. */
  database?: PersistenceModuleOptions;
  events?: Pick<EventsModuleOptions, 'catalog' | 'relay' | 'relayOptions'>;
}

/** Every migration a service's database needs: the platform's outbox, inbox and idempotency records, then its own. */
export function serviceMigrations(own: PersistenceModuleOptions['migrations'] = []): PersistenceModuleOptions['migrations'] {
  return [...platformEventMigrations, PlatformIdempotency1764489600000, ...(Array.isArray(own) ? own : Object.values(own))];
}

/**
 * What every OneWindow service stands on: validated config, Redis, and, for services that own
 * data, their database with the outbox relay and the Kafka client, plus readiness over all of them.
 * A service that owns no data (the gateway) uses EdgePlatformModule from `@onewindow/platform/service/edge`,
 * which does not load the database and Kafka code this module imports.
 */
@Module({})
export class ServicePlatformModule {
  static forService(options: ServicePlatformOptions): DynamicModule {
    return platformModule(
      ServicePlatformModule,
      options,
      options.database && {
        imports: [
          PersistenceModule.forService({ entities: options.database.entities, migrations: serviceMigrations(options.database.migrations) }),
          EventsModule.forService({ ...options.events, contextProvider: publishContextFromRequest }),
        ],
        providers: [IdempotencyStore, { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor }],
        checks: [DatabaseReadiness, KafkaReadiness],
      },
    );
  }
}
