import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  ServiceUnavailableException,
  Type,
} from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import {
  HealthCheckResult,
  HealthCheckService,
  HealthIndicatorResult,
  HealthIndicatorService,
} from '@nestjs/terminus';
import { CheckOutcome, NotReadyException } from './not-ready.exception';
import { ReadinessCheck } from './readiness-check';

export interface HealthModuleOptions {
  /** Provider classes of the dependencies this service needs; each is resolved from the whole application. */
  checks: Type<ReadinessCheck>[];
  /** How long one check may take before it counts as failed. Default 2000. */
  checkTimeoutMs?: number;
  /**
   * How long to keep serving after SIGTERM while `/health/ready` already answers 503, so Kubernetes
   * removes the pod from its Service before connections are closed. Default 0.
   */
  drainDelayMs?: number;
}

export const HEALTH_MODULE_OPTIONS = Symbol('HEALTH_MODULE_OPTIONS');

const DEFAULT_CHECK_TIMEOUT_MS = 2000;

function timeout(ms: number): { promise: Promise<never>; cancel: () => void } {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return { promise, cancel: () => clearTimeout(timer) };
}

@Injectable()
export class ReadinessService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Readiness');
  private checks: ReadinessCheck[] = [];
  private shuttingDown = false;
  private lastFailing = '';

  constructor(
    @Inject(HEALTH_MODULE_OPTIONS) private readonly options: HealthModuleOptions,
    private readonly moduleRef: ModuleRef,
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
  ) {}

  onApplicationBootstrap(): void {
    this.checks = this.options.checks.map((cls) => {
      try {
        return this.moduleRef.get(cls, { strict: false });
      } catch {
        throw new Error(`Readiness check ${cls.name} is not provided by any module of the application`);
      }
    });
    const names = this.checks.map((check) => check.name);
    const duplicate = names.find((name, index) => names.indexOf(name) !== index);
    if (duplicate) throw new Error(`Two readiness checks are named "${duplicate}"`);
  }

  beforeApplicationShutdown(signal?: string): void {
    this.shuttingDown = true;
    this.logger.log(`Shutdown begun${signal ? ` on ${signal}` : ''}; readiness now fails`);
  }

  /** Runs every check concurrently; throws `NotReadyException` naming each failing one. */
  async ready(): Promise<HealthCheckResult> {
    if (this.shuttingDown) throw new NotReadyException('SHUTTING_DOWN', 'The service is shutting down');
    try {
      const result = await this.health.check(this.checks.map((check) => () => this.run(check)));
      this.noteFailing([]);
      return result;
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      const outcomes = this.outcomes(error.getResponse() as HealthCheckResult);
      const failing = outcomes.filter((outcome) => outcome.status === 'down');
      this.noteFailing(failing);
      if (this.shuttingDown)
        throw new NotReadyException('SHUTTING_DOWN', 'The service is shutting down', outcomes);
      throw new NotReadyException(
        'NOT_READY',
        `Not ready: ${failing.map((o) => o.name).join(', ')}`,
        outcomes,
      );
    }
  }

  private async run(check: ReadinessCheck): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check(check.name);
    const limit = timeout(this.options.checkTimeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS);
    try {
      await Promise.race([check.check(), limit.promise]);
      return indicator.up();
    } catch (error) {
      return indicator.down({ reason: error instanceof Error ? error.message : String(error) });
    } finally {
      limit.cancel();
    }
  }

  private outcomes(result: HealthCheckResult): CheckOutcome[] {
    return Object.entries(result.details ?? {}).map(([name, detail]) => {
      const reason = (detail as { reason?: unknown }).reason;
      return detail.status === 'up'
        ? { name, status: 'up' }
        : { name, status: 'down', reason: typeof reason === 'string' ? reason : 'check failed' };
    });
  }

  /** Logs when readiness changes rather than on every probe. */
  private noteFailing(failing: CheckOutcome[]): void {
    const key = failing.map((o) => `${o.name}: ${o.reason}`).join('; ');
    if (key === this.lastFailing) return;
    this.lastFailing = key;
    if (key) this.logger.warn(`Not ready: ${key}`);
    else this.logger.log('Ready');
  }
}
