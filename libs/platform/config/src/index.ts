export { ConfigError, type ConfigProblem } from './config-error';
export { loadConfig } from './load-config';
export { AppConfig, ConfigModule } from './config.module';
export { PlatformConfig, DatabaseConfig, AuthConfig } from './platform-config';
export { IntSetting, ListSetting } from './settings';
