import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig, ConfigError, PlatformConfig } from '@onewindow/platform/config';
import { serializeError } from '@onewindow/platform/observability';
import { AppModuleSource, createServiceApp, ServiceOptions } from './create-service-app';

/** One JSON line on stderr, readable by the same pipeline as every other log line, no stack trace. */
function reportBootFailure(error: unknown): void {
  const line =
    error instanceof ConfigError
      ? {
          level: 'fatal',
          time: new Date().toISOString(),
          msg: 'Invalid configuration',
          problems: error.problems,
        }
      : {
          level: 'fatal',
          time: new Date().toISOString(),
          msg: 'Service failed to start',
          err: serializeError(error),
        };
  process.stderr.write(`${JSON.stringify(line)}\n`);
}

/** Exits if shutdown outlasts SHUTDOWN_TIMEOUT_MS, so a stuck connection cannot keep a pod terminating. */
function limitShutdown(timeoutMs: number): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      setTimeout(() => {
        process.stderr.write(
          `${JSON.stringify({ level: 'fatal', time: new Date().toISOString(), msg: 'Shutdown timed out' })}\n`,
        );
        process.exit(1);
      }, timeoutMs).unref();
    });
  }
}

/**
 * Creates the service (see `createServiceApp`) and listens on 0.0.0.0:PORT. A boot failure, invalid
 * configuration included, is written to stderr as one JSON line and ends the process with code 1.
 */
export async function bootstrapService(
  source: AppModuleSource,
  options: ServiceOptions = {},
): Promise<NestFastifyApplication> {
  let app: NestFastifyApplication | undefined;
  try {
    app = await createServiceApp(source, options);
    const config = app.get<AppConfig<PlatformConfig>>(AppConfig);
    await options.beforeListen?.(app);
    await app.listen(config.get('PORT'), '0.0.0.0');
    limitShutdown(config.get('SHUTDOWN_TIMEOUT_MS'));
    return app;
  } catch (error) {
    reportBootFailure(error);
    await app?.close().catch(() => undefined);
    process.exit(1);
    // Unreachable unless process.exit is replaced (tests).
    throw error;
  }
}
