export { ServicePlatformModule, serviceMigrations, type ServicePlatformOptions } from './service-platform.module';
export { publishContextFromRequest, toEventActor } from './publish-context';
export { runService, runServiceMigrations, aroundEventHandler } from './run-service';
