import { DynamicModule, ExistingProvider, FactoryProvider, Module, ModuleMetadata, Provider, ValueProvider } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { JWTVerifyGetKey } from 'jose';
import type { Redis } from 'ioredis';
import { AccessTokenVerifier, remoteKeySource } from './access-token-verifier';
import { AuthSettings, loadAuthSettings } from './auth-verification.config';
import { JwtAuthGuard } from './jwt-auth.guard';
import { JwtStrategy } from './jwt.strategy';
import { RolesGuard } from './roles.guard';
import { TokenRevocationStore } from './token-revocation.store';
import { AUTH_KEY_SOURCE, AUTH_REDIS, AUTH_SETTINGS } from './tokens';

/** How AUTH_REDIS is bound: `{ useExisting: SHARED_REDIS }`, `{ useFactory, inject }` or `{ useValue }`. */
export type AuthRedisProvider =
  | Omit<ValueProvider<Redis>, 'provide'>
  | Omit<FactoryProvider<Redis>, 'provide'>
  | Omit<ExistingProvider<Redis>, 'provide'>;

export interface AuthModuleOptions {
  /** Read for AuthConfig and AuthVerificationConfig; defaults to process.env. */
  env?: Record<string, string | undefined>;
  /** Binds AUTH_REDIS. Omit it only if a global module already provides AUTH_REDIS. */
  redis?: AuthRedisProvider;
  /** Modules the `redis` provider needs, e.g. the shared Redis module. */
  imports?: ModuleMetadata['imports'];
  /**
   * Resolves verification keys instead of fetching JWKS_URL. For identity, which holds its own key
   * set; everyone else leaves it out.
   */
  keySource?: JWTVerifyGetKey;
}

@Module({})
export class AuthModule {
  /**
   * Registers the `jwt` Passport strategy and the global JwtAuthGuard and RolesGuard, and exports
   * AccessTokenVerifier and TokenRevocationStore. Config is validated here, at boot: bad or missing
   * variables throw ConfigError naming each of them.
   */
  static forRoot(options: AuthModuleOptions = {}): DynamicModule {
    const settings = loadAuthSettings(options.env ?? process.env, { hasKeySource: options.keySource !== undefined });
    const providers: Provider[] = [
      { provide: AUTH_SETTINGS, useValue: settings },
      {
        provide: AUTH_KEY_SOURCE,
        useFactory: (resolved: AuthSettings) => options.keySource ?? remoteKeySource(resolved),
        inject: [AUTH_SETTINGS],
      },
      TokenRevocationStore,
      AccessTokenVerifier,
      JwtStrategy,
      // Order matters: APP_GUARDs run in registration order and RolesGuard needs the principal.
      { provide: APP_GUARD, useClass: JwtAuthGuard },
      { provide: APP_GUARD, useClass: RolesGuard },
    ];
    if (options.redis) providers.push({ provide: AUTH_REDIS, ...options.redis });
    return {
      module: AuthModule,
      global: true,
      imports: options.imports ?? [],
      providers,
      exports: [AccessTokenVerifier, TokenRevocationStore, AUTH_SETTINGS],
    };
  }
}
