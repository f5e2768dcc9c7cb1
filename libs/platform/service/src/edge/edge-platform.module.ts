import { DynamicModule, Module, Provider, Type } from '@nestjs/common';
import { AuthModule, AuthModuleOptions } from '@onewindow/platform/auth';
import { ConfigModule, PlatformConfig } from '@onewindow/platform/config';
import { HealthModule, ReadinessCheck } from '@onewindow/platform/observability';
import { RedisClient, RedisModule, RedisReadiness } from '@onewindow/platform/redis';

export interface EdgePlatformOptions {
  /** The service's config class; validated at boot. */
  config: new () => PlatformConfig;
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

/** The parts a service that owns data adds to the edge platform (ServicePlatformModule). */
export interface DataPlatformParts {
  readonly imports: DynamicModule[];
  readonly providers: Provider[];
  readonly checks: Array<Type<ReadinessCheck>>;
}

/**
 * The dynamic module `module` for a service: what every service stands on (validated config, Redis,
 * token verification, health) with a data service's database and events between them, so readiness
 * covers all of them.
 */
export function platformModule(module: Type<unknown>, options: EdgePlatformOptions, data?: DataPlatformParts): DynamicModule {
  const imports: DynamicModule[] = [ConfigModule.forRoot(options.config), RedisModule.forRoot(), ...(data?.imports ?? [])];
  if (options.auth) imports.push(AuthModule.forRoot({ ...options.auth, redis: { useExisting: RedisClient } }));
  imports.push(HealthModule.register({ checks: [RedisReadiness, ...(data?.checks ?? [])] }));
  const features: ServicePlatformFeatures = { events: Boolean(data) };
  return {
    module,
    imports,
    providers: [{ provide: SERVICE_PLATFORM_FEATURES, useValue: features }, ...(data?.providers ?? [])],
    exports: [...imports, SERVICE_PLATFORM_FEATURES],
  };
}

/**
 * The platform of a service that owns no data (the gateway): config, Redis, token verification,
 * health and metrics. Imported from `@onewindow/platform/service/edge`, which loads neither TypeORM,
 * pg, kafkajs nor the microservices transport: a process that never opens a database or a Kafka
 * connection does not keep their code in its heap (ADR 0035).
 */
@Module({})
export class EdgePlatformModule {
  static forEdge(options: EdgePlatformOptions): DynamicModule {
    return platformModule(EdgePlatformModule, options);
  }
}
