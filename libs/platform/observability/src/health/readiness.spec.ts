import { Injectable, ServiceUnavailableException } from '@nestjs/common';
import { Test, TestingModule } from '@nestjs/testing';
import { HealthController } from './health.controller';
import { HealthModule } from './health.module';
import { HealthModuleOptions } from './readiness.service';
import { ReadinessCheck } from './readiness-check';

@Injectable()
class DatabaseReadiness implements ReadinessCheck {
  readonly name = 'database';
  check(): Promise<void> {
    return Promise.resolve();
  }
}

@Injectable()
class KafkaReadiness implements ReadinessCheck {
  readonly name = 'kafka';
  async check(): Promise<void> {
    throw new Error('no broker reachable at 127.0.0.1:9092');
  }
}

@Injectable()
class HangingReadiness implements ReadinessCheck {
  readonly name = 'hanging';
  check(): Promise<void> {
    return new Promise(() => undefined);
  }
}

async function boot(options: HealthModuleOptions): Promise<TestingModule> {
  const module = await Test.createTestingModule({
    imports: [HealthModule.register(options)],
    providers: [DatabaseReadiness, KafkaReadiness, HangingReadiness],
  }).compile();
  return module.init();
}

async function problemOf(promise: Promise<unknown>): Promise<Record<string, unknown>> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ServiceUnavailableException)) throw new Error('expected a 503');
  return error.getResponse() as Record<string, unknown>;
}

describe('HealthModule', () => {
  it('reports live while the process runs', async () => {
    const module = await boot({ checks: [] });
    expect(module.get(HealthController).live()).toEqual({ status: 'ok' });
    await module.close();
  });

  it('is ready when every check passes', async () => {
    const module = await boot({ checks: [DatabaseReadiness] });
    await expect(module.get(HealthController).ready()).resolves.toMatchObject({
      status: 'ok',
      info: { database: { status: 'up' } },
    });
    await module.close();
  });

  it('is not ready when a check fails, and names it with its reason', async () => {
    const module = await boot({ checks: [DatabaseReadiness, KafkaReadiness] });
    const body = await problemOf(module.get(HealthController).ready());
    expect(body).toEqual({
      code: 'NOT_READY',
      detail: 'Not ready: kafka',
      checks: [
        { name: 'database', status: 'up' },
        { name: 'kafka', status: 'down', reason: 'no broker reachable at 127.0.0.1:9092' },
      ],
    });
    await module.close();
  });

  it('counts a check that does not settle within its timeout as failed', async () => {
    const module = await boot({ checks: [HangingReadiness], checkTimeoutMs: 20 });
    const body = await problemOf(module.get(HealthController).ready());
    expect(body['checks']).toEqual([{ name: 'hanging', status: 'down', reason: 'timed out after 20 ms' }]);
    await module.close();
  });

  it('is not ready once shutdown has begun, even with passing checks', async () => {
    const module = await boot({ checks: [DatabaseReadiness] });
    const controller = module.get(HealthController);
    await module.close();
    expect(await problemOf(controller.ready())).toEqual({
      code: 'SHUTTING_DOWN',
      detail: 'The service is shutting down',
    });
  });

  it('refuses to start when a listed check is not provided by any module', async () => {
    class MissingReadiness implements ReadinessCheck {
      readonly name = 'missing';
      check(): Promise<void> {
        return Promise.resolve();
      }
    }
    await expect(boot({ checks: [MissingReadiness] })).rejects.toThrow(/MissingReadiness is not provided/);
  });
});
