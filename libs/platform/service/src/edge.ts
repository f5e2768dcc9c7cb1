// `@onewindow/platform/service/edge`: the service platform without a database or Kafka (the gateway).
// Nothing here may import @onewindow/platform/events or /persistence (ADR 0035).
export { EdgePlatformModule, type EdgePlatformOptions } from './edge/edge-platform.module';
