import { Module, ModuleMetadata } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AuthTestKit } from '@onewindow/platform/auth';
import { DatabaseConfig } from '@onewindow/platform/config';
import { connectEventsConsumer, KAFKA, SchemaValidator } from '@onewindow/platform/events';
import { createServiceApp } from '@onewindow/platform/http';
import { PersistenceModuleOptions, TransactionHost } from '@onewindow/platform/persistence';
import { createTestDatabase, TestDatabase, uniqueName } from '@onewindow/platform/testing';
import { Kafka } from 'kafkajs';
import { aroundEventHandler } from './run-service';
import { serviceMigrations, ServicePlatformModule, ServicePlatformOptions } from './service-platform.module';

export interface TestServiceOptions {
  /** Prefix of the service name (made unique per run, so consumer groups and topics never clash). */
  name: string;
  /** The feature modules under test. */
  imports: NonNullable<ModuleMetadata['imports']>;
  /** The service's own migrations (the platform's are added). */
  migrations?: PersistenceModuleOptions['migrations'];
  events?: ServicePlatformOptions['events'];
  /** Connect the Kafka consumer for the modules' `@EventPattern` handlers (group = the service name). */
  consumer?: boolean;
}

export interface TestService {
  readonly app: NestFastifyApplication;
  readonly db: TestDatabase;
  /** Signs the tokens the service verifies (`idp.sign({ claims })`). */
  readonly idp: AuthTestKit.TestIdentityProvider;
  readonly name: string;
  close(): Promise<void>;
}

/**
 * A service as `runService` assembles it (config, fresh database with migrations, Redis, outbox and
 * Kafka, token verification, problem+json, validation) around the modules under test, for
 * integration tests that call it with `app.inject`.
 */
export async function startTestService(options: TestServiceOptions): Promise<TestService> {
  const name = uniqueName(options.name).replace(/_/g, '-');
  const idp = await AuthTestKit.TestIdentityProvider.start();
  const db = await createTestDatabase({ entities: [], migrations: serviceMigrations(options.migrations ?? []), prefix: 'ow_svc' });
  const env = { ...process.env, SERVICE_NAME: name, DATABASE_URL: db.url, LOG_LEVEL: 'silent', ...idp.env() };
  // The service's config is read from the environment when the module is declared.
  Object.assign(process.env, { SERVICE_NAME: name, DATABASE_URL: db.url, LOG_LEVEL: 'silent' });
  @Module({
    imports: [
      ServicePlatformModule.forService({
        config: DatabaseConfig,
        database: { entities: [], migrations: [] },
        events: options.events,
        auth: { env },
      }),
      ...options.imports,
    ],
  })
  class TestServiceModule {}
  const app = await createServiceApp(TestServiceModule);
  if (options.consumer) {
    connectEventsConsumer(app, {
      kafka: app.get<Kafka>(KAFKA),
      groupId: name,
      transactions: app.get(TransactionHost),
      validator: app.get(SchemaValidator),
      around: aroundEventHandler,
    });
  }
  await app.init();
  if (options.consumer) await app.startAllMicroservices();
  await app.getHttpAdapter().getInstance().ready();
  return {
    app,
    db,
    idp,
    name,
    async close() {
      await app.close();
      await db.drop();
      await idp.close();
    },
  };
}
