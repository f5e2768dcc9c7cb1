export {
  RequestContext,
  type Actor,
  type ActorType,
  type RequestContextData,
} from './context/request-context';

export { createLogger, type CreateLoggerOptions } from './logging/create-logger';
export { LoggingModule, type LoggingModuleOptions } from './logging/logging.module';
export { ServiceLogger } from './logging/service-logger';
export { REDACTED_FIELDS, serializeError, type LoggedError } from './logging/logger-options';

export {
  Metrics,
  metricsRegistry,
  HTTP_SERVER_REQUEST_DURATION,
  type HttpDurationLabel,
  type MetricOptions,
  type GaugeOptions,
  type HistogramOptions,
} from './metrics/metrics';
export { MetricsModule } from './metrics/metrics.module';
export { PUBLIC_ROUTE_KEY, PublicRoute } from './routes/public-route';

export {
  initTracing,
  tracer,
  injectTraceContext,
  extractTraceContext,
  currentTraceparent,
  withSpan,
  type TraceCarrier,
} from './tracing/tracing';
export { activeTraceIds } from './tracing/trace-ids';

export { type ReadinessCheck } from './health/readiness-check';
export { HealthModule } from './health/health.module';
export { type HealthModuleOptions } from './health/readiness.service';
export { NotReadyException, type CheckOutcome } from './health/not-ready.exception';
