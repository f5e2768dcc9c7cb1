import { IntSetting, ListSetting } from './settings';
import { IsIn, IsOptional, IsString, IsUrl, Matches, MinLength } from 'class-validator';

/**
 * Variables every OneWindow service reads. A service's own config class extends this one.
 * Defaults suit the local machine (deploy/local/infra.sh); production sets every value explicitly.
 */
export class PlatformConfig {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @IntSetting(1, 65535)
  PORT = 3000;

  @IsString()
  @Matches(/^[a-z][a-z0-9-]*$/, { message: 'must be a lower-case service name such as "workflow"' })
  SERVICE_NAME!: string;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent' = 'info';

  @ListSetting()
  @IsString({ each: true })
  @Matches(/^[^\s:]+:\d+$/, { each: true, message: 'must be a comma-separated list of host:port' })
  KAFKA_BROKERS: string[] = ['127.0.0.1:9092'];

  @IsUrl({ require_tld: false, protocols: ['redis', 'rediss'] })
  REDIS_URL = 'redis://127.0.0.1:6379';

  @IntSetting(0, 600000)
  SHUTDOWN_TIMEOUT_MS = 10000;
}

/** For services that own a database. */
export class DatabaseConfig extends PlatformConfig {
  @IsUrl(
    { require_tld: false, protocols: ['postgres', 'postgresql'] },
    { message: 'must be a postgres:// URL' },
  )
  DATABASE_URL!: string;

  @IntSetting(1, 200)
  DATABASE_POOL_SIZE = 10;
}

/** Token verification settings shared by every service (identity issues the tokens). */
export class AuthConfig {
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  JWKS_URL?: string;

  @IsString()
  @MinLength(1)
  JWT_ISSUER = 'https://identity.onewindow.local';

  @IsString()
  @MinLength(1)
  JWT_AUDIENCE = 'onewindow';
}
