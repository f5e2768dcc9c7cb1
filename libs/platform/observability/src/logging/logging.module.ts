import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig, PlatformConfig } from '@onewindow/platform/config';
import { DestinationStream } from 'pino';
import { createLogger } from './create-logger';
import { ServiceLogger } from './service-logger';

export interface LoggingModuleOptions {
  /** Where lines go; standard output by default. */
  destination?: DestinationStream;
}

@Global()
@Module({})
export class LoggingModule {
  /**
   * The `ServiceLogger`, configured from `AppConfig<PlatformConfig>` (SERVICE_NAME, LOG_LEVEL).
   * `createServiceApp` imports it already, and writes the access lines; import it yourself only in a
   * Nest context built another way.
   */
  static forRoot(options: LoggingModuleOptions = {}): DynamicModule {
    return {
      module: LoggingModule,
      providers: [
        {
          provide: ServiceLogger,
          inject: [AppConfig],
          useFactory: (config: AppConfig<PlatformConfig>) =>
            new ServiceLogger(
              createLogger(config.get('SERVICE_NAME'), {
                level: config.get('LOG_LEVEL'),
                ...(options.destination ? { destination: options.destination } : {}),
              }),
            ),
        },
      ],
      exports: [ServiceLogger],
    };
  }
}
