import { DynamicModule, Global, Module } from '@nestjs/common';
import { loadConfig } from './load-config';

/** Typed, read-only access to a validated config object. */
export class AppConfig<T extends object> {
  constructor(private readonly values: T) {}

  get<K extends keyof T>(key: K): T[K] {
    return this.values[key];
  }
}

@Global()
@Module({})
export class ConfigModule {
  /**
   * Validates the environment against `cls` when the module is created (at boot) and provides
   * `AppConfig`. A bad or missing variable throws `ConfigError` naming each variable.
   */
  static forRoot<T extends object>(cls: new () => T, env: Record<string, string | undefined> = process.env): DynamicModule {
    const config = new AppConfig(loadConfig(cls, env));
    return {
      module: ConfigModule,
      providers: [{ provide: AppConfig, useValue: config }],
      exports: [AppConfig],
    };
  }
}
