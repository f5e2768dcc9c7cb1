export { ServicePlatformModule, serviceMigrations, type ServicePlatformOptions } from './service-platform.module';
export { publishContextFromRequest, toEventActor } from './publish-context';
export { runService, runServiceMigrations, aroundEventHandler } from './run-service';
export {
  Idempotent,
  IdempotencyException,
  IDEMPOTENCY_HEADER,
  IDEMPOTENCY_RETENTION_MS,
} from './idempotency/idempotency.interceptor';
export { PeriodicTask } from './periodic-task';
