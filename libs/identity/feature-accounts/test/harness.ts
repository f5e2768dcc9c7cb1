import { randomInt } from 'node:crypto';
import { Module } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { citizenIdCheckCharacter, CREDIT_CODE_ALPHABET, creditCodeCheckCharacter } from '@onewindow/domain/china-id';
import { IdentityConfig, identityEntities, identityMigrations, SeededPopulationRegister } from '@onewindow/identity/data-access';
import { createServiceApp } from '@onewindow/platform/http';
import { serviceMigrations, ServicePlatformModule } from '@onewindow/platform/service';
import { createTestDatabase, TestDatabase } from '@onewindow/platform/testing';
import { IdentityAccountsModule, SigningKeyRing } from '../src';
import { AccessTokenSubject, TokenIssuer } from '../src/tokens/token-issuer';

export const ISSUER = 'https://identity.test.onewindow.local';
export const AUDIENCE = 'onewindow-identity-test';

/** The identity service as apps/identity wires it, on a fresh database and the real Redis and Kafka. */
export class IdentityHarness {
  private constructor(
    readonly app: NestFastifyApplication,
    readonly db: TestDatabase,
  ) {}

  /** `database`: reuse one (several app generations over one database, e.g. key rotation). */
  static async start(extraEnv: Record<string, string> = {}, database?: TestDatabase): Promise<IdentityHarness> {
    const db =
      database ?? (await createTestDatabase({ entities: identityEntities, migrations: serviceMigrations(identityMigrations), prefix: 'ow_identity' }));
    const env = {
      SERVICE_NAME: 'identity',
      NODE_ENV: 'test',
      DATABASE_URL: db.url,
      LOG_LEVEL: 'silent',
      JWT_ISSUER: ISSUER,
      JWT_AUDIENCE: AUDIENCE,
      LOGIN_MAX_FAILURES: '3',
      LOGIN_ADDRESS_MAX_ATTEMPTS: '1000',
      ...extraEnv,
    };
    Object.assign(process.env, env);
    const keyRing = new SigningKeyRing();
    @Module({
      imports: [
        ServicePlatformModule.forService({
          config: IdentityConfig,
          database: { entities: identityEntities, migrations: identityMigrations },
          auth: { env: { ...process.env, ...env }, keySource: keyRing.keySource },
        }),
        IdentityAccountsModule.register({ keyRing }),
      ],
    })
    class IdentityTestModule {}
    const app = await createServiceApp(IdentityTestModule);
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    return new IdentityHarness(app, db);
  }

  async close(options: { keepDatabase?: boolean } = {}): Promise<void> {
    await this.app?.close();
    if (!options.keepDatabase) await this.db?.drop();
  }

  request(
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    options: { token?: string; payload?: object; address?: string } = {},
  ): ReturnType<NestFastifyApplication['inject']> {
    return this.app.inject({
      method,
      url,
      payload: options.payload,
      remoteAddress: options.address ?? testAddress(),
      headers: options.token ? { authorization: `Bearer ${options.token}` } : {},
    });
  }

  /** Puts a (fictitious) resident into the stand-in population register. */
  enrol(idNumber: string, name: string): Promise<void> {
    return this.app.get(SeededPopulationRegister, { strict: false }).enrol(idNumber, name);
  }

  /** Mints a token as identity would, for principals no public endpoint creates (the first platform admin). */
  async tokenFor(subject: AccessTokenSubject): Promise<string> {
    return (await this.app.get(TokenIssuer, { strict: false }).issue(subject)).token;
  }
}

/** A random client address, so Redis counters of earlier runs and other tests never interfere. */
export function testAddress(): string {
  return `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
}

/** A valid Luoyuan citizen ID number no other test of this run uses. */
export function newIdNumber(): string {
  const birth = `19${randomInt(50, 99)}0${randomInt(1, 9)}1${randomInt(0, 9)}`;
  const first17 = `350123${birth}${String(randomInt(0, 1000)).padStart(3, '0')}`;
  return first17 + citizenIdCheckCharacter(first17);
}

export function newPhone(): string {
  return `139${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;
}

export const PASSWORD = 'Luoyuan-hall-2026';

/** A valid unified social credit code of a Luoyuan enterprise. */
export function newCreditCode(): string {
  const organisation = Array.from({ length: 9 }, () => CREDIT_CODE_ALPHABET[randomInt(CREDIT_CODE_ALPHABET.length)]).join('');
  const first17 = `91350123${organisation}`;
  return first17 + creditCodeCheckCharacter(first17);
}
