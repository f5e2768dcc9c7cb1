import { DynamicModule, Global, Injectable, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig, PlatformConfig } from '@onewindow/platform/config';
import { RedisClient } from './redis-client';
import { RedisReadiness } from './redis-readiness';

/** Logs when the connection is lost and when it is back, not on every reconnect attempt. */
function logConnectionChanges(client: RedisClient, logger: Logger): void {
  let lost = false;
  client.on('error', (error: Error) => {
    if (lost) return;
    lost = true;
    logger.warn(`Redis connection lost: ${error.message}`);
  });
  client.on('ready', () => {
    if (!lost) return;
    lost = false;
    logger.log('Redis connection restored');
  });
}

@Injectable()
class RedisShutdown implements OnApplicationShutdown {
  constructor(private readonly client: RedisClient) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.client.status === 'end') return;
    if (this.client.status !== 'ready') {
      this.client.disconnect();
      return;
    }
    try {
      await this.client.quit();
    } catch {
      this.client.disconnect();
    }
  }
}

@Global()
@Module({})
export class RedisModule {
  /** One `RedisClient` for the process, from REDIS_URL, named after SERVICE_NAME; closed on shutdown. */
  static forRoot(): DynamicModule {
    return {
      module: RedisModule,
      providers: [
        {
          provide: RedisClient,
          inject: [AppConfig],
          useFactory: (config: AppConfig<PlatformConfig>) => {
            const client = new RedisClient(config.get('REDIS_URL'), {
              connectionName: config.get('SERVICE_NAME'),
            });
            logConnectionChanges(client, new Logger('Redis'));
            return client;
          },
        },
        RedisReadiness,
        RedisShutdown,
      ],
      exports: [RedisClient, RedisReadiness],
    };
  }
}
