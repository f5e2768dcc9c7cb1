import { DynamicModule, Module, Provider, Type } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AuthModule, AuthModuleOptions } from '@onewindow/platform/auth';
import { ConfigModule, PlatformConfig } from '@onewindow/platform/config';
import { EventsModule, EventsModuleOptions, KafkaReadiness, platformEventMigrations } from '@onewindow/platform/events';
import { HealthModule, ReadinessCheck } from '@onewindow/platform/observability';
import { DatabaseReadiness, PersistenceModule, PersistenceModuleOptions } from '@onewindow/platform/persistence';
import { RedisClient, RedisModule, RedisReadiness } from '@onewindow/platform/redis';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { PlatformIdempotency1764489600000 } from './idempotency/idempotency.migration';
import { IdempotencyStore } from './idempotency/idempotency.store';
import { publishContextFromRequest } from './publish-context';

export interface ServicePlatformOptions {
  /** The service's config class; validated at boot. */
  config: new () => PlatformConfig;
  /** The service's own entities and migrations; the outbox and inbox migrations are added. */
  database?: PersistenceModuleOptions;
  events?: Pick<EventsModuleOptions, 'catalog' | 'relay' | 'relayOptions'>;
  /**
   * Verify access tokens on every route not marked `@Public()` (ADR 0010), with revocations read from
   * the service's Redis. `{}` reads JWKS_URL and the JWT settings from the environment; identity passes
   * its own `keySource`.
   */
  auth?: Pick<AuthModuleOptions, 'env' | 'keySource'>;
}

/** What the service platform set up, for `runService` (a service without a database has no Kafka consumer). */
export const SERVICE_PLATFORM_FEATURES = Symbol('SERVICE_PLATFORM_FEATURES');
export interface ServicePlatformFeatures {
  readonly events: boolean;
}

/** Every migration a service's database needs: the platform's outbox, inbox and idempotency records, then its own. */
export function serviceMigrations(own: PersistenceModuleOptions['migrations'] = []): PersistenceModuleOptions['migrations'] {
  return [...platformEventMigrations, PlatformIdempotency1764489600000, ...(Array.isArray(own) ? own : Object.values(own))];
}

/**
 * What every OneWindow service stands on: validated config, Redis, and, for services that own
 * data, their database with the outbox relay and the Kafka client, plus readiness over all of them.
 */
@Module({})
export class ServicePlatformModule {
  static forService(options: ServicePlatformOptions): DynamicModule {
    const checks: Array<Type<ReadinessCheck>> = [RedisReadiness];
    const imports: DynamicModule[] = [ConfigModule.forRoot(options.config), RedisModule.forRoot()];
    const providers: Provider[] = [
      { provide: SERVICE_PLATFORM_FEATURES, useValue: { events: Boolean(options.database) } satisfies ServicePlatformFeatures },
    ];
    if (options.database) {
      providers.push(IdempotencyStore, { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor });
      imports.push(
        PersistenceModule.forService({ entities: options.database.entities, migrations: serviceMigrations(options.database.migrations) }),
        EventsModule.forService({ ...options.events, contextProvider: publishContextFromRequest }),
      );
      checks.push(DatabaseReadiness, KafkaReadiness);
    }
    if (options.auth) imports.push(AuthModule.forRoot({ ...options.auth, redis: { useExisting: RedisClient } }));
    imports.push(HealthModule.register({ checks }));
    return { module: ServicePlatformModule, imports, providers, exports: [...imports, SERVICE_PLATFORM_FEATURES] };
  }
}
