import { BadRequestException, DynamicModule, Module, Type } from '@nestjs/common';
import { APP_FILTER, APP_PIPE, NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig, PlatformConfig } from '@onewindow/platform/config';
import { initTracing, LoggingModule, Metrics, MetricsModule, ServiceLogger } from '@onewindow/platform/observability';
import { FastifyError, FastifyReply, FastifyRequest, RawServerDefault } from 'fastify';
import { DestinationStream } from 'pino';
import { setupOpenApi, OpenApiOptions } from '../openapi/setup-openapi';
import { PROBLEM_CONTENT_TYPE } from '../problem/problem-details';
import { ProblemDetailsFilter } from '../problem/problem-details.filter';
import { toProblem } from '../problem/to-problem';
import { createValidationPipe } from '../validation/validation-errors';
import { pathOf } from './access-line';
import { requestIdFor } from './request-id';
import { installRequestLifecycle } from './request-lifecycle';

type ModuleRef = Type<unknown> | DynamicModule;

/**
 * The application module, or a function returning it. Pass a function (e.g.
 * `() => import('./app.module').then((m) => m.AppModule)`) so that `ConfigModule.forRoot()`, which
 * validates the environment when the module is declared, runs inside `bootstrapService` and a bad
 * variable is reported as one JSON line instead of a stack trace.
 */
export type AppModuleSource = ModuleRef | (() => ModuleRef | Promise<ModuleRef>);

export interface ServiceOptions {
  /** Largest accepted request body in bytes. Default 1 MiB. */
  bodyLimit?: number;
  /** Fastify's trustProxy: which proxies may set X-Forwarded-* (the gateway, the ingress). Default false. */
  trustProxy?: boolean | string | string[] | number;
  /** Prefix for every route except /health/*, /metrics and /openapi.json. */
  globalPrefix?: string;
  /** Keep the raw body on `request.rawBody` (payment channel signatures need it). */
  rawBody?: boolean;
  /**
   * Also accept `application/x-www-form-urlencoded` bodies (OAuth 2.0 token requests, payment
   * channel notifications), parsed into a flat object and validated like JSON bodies.
   */
  formBodies?: boolean;
  /** Builds and serves /openapi.json. */
  openApi?: OpenApiOptions;
  /** Where log lines go; standard output by default. */
  logDestination?: DestinationStream;
  /** Runs after the app is initialised and before it listens, e.g. to start an events consumer. */
  beforeListen?: (app: NestFastifyApplication) => Promise<void>;
}

export const DEFAULT_BODY_LIMIT = 1024 * 1024;

@Module({})
class ServiceRootModule {}

function isModuleLoader(source: AppModuleSource): source is () => ModuleRef | Promise<ModuleRef> {
  return typeof source === 'function' && !/^class[\s{]/.test(Function.prototype.toString.call(source));
}

/**
 * JSON is the only body the services accept (anything else gets 415). Fastify's own parser, with
 * prototype-poisoning protection, wrapped so a parse failure keeps a stable code: Nest would otherwise
 * turn it into a bare 400.
 */
function useFormBodyParser(app: NestFastifyApplication, bodyLimit: number): void {
  app.useBodyParser<RawServerDefault>('application/x-www-form-urlencoded', { bodyLimit }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body.toString('utf8'))));
  });
}

function useJsonBodyParser(app: NestFastifyApplication, adapter: FastifyAdapter, bodyLimit: number): void {
  const parse = adapter.getInstance().getDefaultJsonParser('error', 'error');
  app.useBodyParser<RawServerDefault>('application/json', { bodyLimit }, (request, body, done) => {
    parse(request, body.toString('utf8'), (error, value) => {
      if (error)
        done(
          new BadRequestException({ code: 'MALFORMED_JSON', detail: 'The request body is not valid JSON' }),
          undefined,
        );
      else done(null, value);
    });
  });
}

/**
 * Everything `bootstrapService` does except listening: for tests, call `init()` or `listen(0)` on it.
 * Adds logging (the ServiceLogger and one access line per request; do not import LoggingModule yourself), metrics, the problem+json filter and
 * the validation pipe around the application module.
 */
export async function createServiceApp(
  source: AppModuleSource,
  options: ServiceOptions = {},
): Promise<NestFastifyApplication> {
  const appModule = isModuleLoader(source) ? await source() : source;
  const root: DynamicModule = {
    module: ServiceRootModule,
    imports: [
      appModule,
      LoggingModule.forRoot(options.logDestination ? { destination: options.logDestination } : {}),
      MetricsModule,
    ],
    providers: [
      { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      { provide: APP_PIPE, useFactory: createValidationPipe },
    ],
  };
  const adapter = new FastifyAdapter({
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    trustProxy: options.trustProxy ?? false,
    genReqId: requestIdFor,
    logger: false,
    // Errors Fastify raises before routing (a malformed URL) answer problem+json like every other.
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      const problem = toProblem(error, { instance: pathOf(request.url ?? ''), requestId: String(request.id) });
      void reply
        .status(problem.status)
        .header('content-type', PROBLEM_CONTENT_TYPE)
        .header('x-request-id', String(request.id))
        .headers(problem.headers)
        .send(problem.body);
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(root, adapter, {
    bufferLogs: true,
    // Nest would otherwise print a boot failure with its stack; bootstrapService reports it instead.
    autoFlushLogs: false,
    abortOnError: false,
    rawBody: options.rawBody ?? false,
  });
  const logger = app.get(ServiceLogger);
  app.useLogger(logger);
  app.flushLogs();
  useJsonBodyParser(app, adapter, options.bodyLimit ?? DEFAULT_BODY_LIMIT);
  if (options.formBodies) useFormBodyParser(app, options.bodyLimit ?? DEFAULT_BODY_LIMIT);

  const config = app.get<AppConfig<PlatformConfig>>(AppConfig);
  initTracing(config.get('SERVICE_NAME'));
  installRequestLifecycle(adapter, app.get(Metrics), logger.pino);
  if (options.globalPrefix) {
    app.setGlobalPrefix(options.globalPrefix, { exclude: ['health/live', 'health/ready', 'metrics'] });
  }
  if (options.openApi) setupOpenApi(app, options.openApi);
  app.enableShutdownHooks();
  return app;
}
