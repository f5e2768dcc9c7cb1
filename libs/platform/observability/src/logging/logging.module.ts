import { randomUUID } from 'node:crypto';
import { IncomingMessage, ServerResponse } from 'node:http';
import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, PlatformConfig } from '@onewindow/platform/config';
import { LoggerModule, Params } from 'nestjs-pino';
import { DestinationStream } from 'pino';
import { Options } from 'pino-http';
import { RequestContext } from '../context/request-context';
import { baseLoggerOptions } from './logger-options';

export interface LoggingModuleOptions {
  /** Where lines go; standard output by default. */
  destination?: DestinationStream;
}

/** Probes and scrapes arrive every few seconds; their access lines would drown the rest. */
const QUIET_PATHS = /^\/(?:health\/(?:live|ready)|metrics)(?:[/?]|$)/;

function pathOf(url: string | undefined): string {
  return (url ?? '').split('?')[0] ?? '';
}

/** pino-http settings on top of the shared options: one access line per request, no query strings or headers. */
export function httpLoggerOptions(
  service: string,
  level: PlatformConfig['LOG_LEVEL'],
): Options<IncomingMessage, ServerResponse> {
  const base = baseLoggerOptions(service, level);
  return {
    ...base,
    genReqId: () => RequestContext.current()?.requestId ?? randomUUID(),
    quietReqLogger: true,
    customAttributeKeys: { reqId: 'requestId', responseTime: 'durationMs' },
    // Middleware sees a url relative to its mount point; originalUrl is the full one.
    autoLogging: {
      ignore: (req) => QUIET_PATHS.test((req as { originalUrl?: string }).originalUrl ?? req.url ?? ''),
    },
    serializers: {
      ...base.serializers,
      // Query strings and headers may carry personal data or credentials.
      req: (req: { method?: string; url?: string }) => ({ method: req.method, path: pathOf(req.url) }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
    },
    // The failure itself is logged once by the exception filter; the access line only records the outcome.
    customErrorObject: (_req, _res, _error, value: Record<string, unknown>) => ({
      res: value['res'],
      durationMs: value['durationMs'],
    }),
  };
}

@Module({})
export class LoggingModule {
  /**
   * nestjs-pino configured from `AppConfig<PlatformConfig>` (SERVICE_NAME, LOG_LEVEL). `createServiceApp`
   * imports it already; import it yourself only in a Nest context built another way.
   */
  static forRoot(options: LoggingModuleOptions = {}): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig<PlatformConfig>): Params => {
            const pinoHttp = httpLoggerOptions(config.get('SERVICE_NAME'), config.get('LOG_LEVEL'));
            return { pinoHttp: options.destination ? [pinoHttp, options.destination] : pinoHttp };
          },
        }),
      ],
      exports: [LoggerModule],
    };
  }
}
