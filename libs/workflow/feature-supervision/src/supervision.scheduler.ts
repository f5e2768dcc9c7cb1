import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { SupervisionService } from './supervision.service';

export const SUPERVISION_OPTIONS = Symbol('SUPERVISION_OPTIONS');

export interface SupervisionOptions {
  /** How often signals are looked for; `false` turns the timer off (tests call `tick`). Default 60 s. */
  intervalMs?: number | false;
}

/**
 * Runs in every replica: the claim in `raiseSignals` (SKIP LOCKED plus a mark per case) makes each
 * signal go out once however many replicas tick at the same time.
 */
@Injectable()
export class SupervisionScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(SupervisionScheduler.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly supervision: SupervisionService,
    @Inject(SUPERVISION_OPTIONS) private readonly options: SupervisionOptions,
  ) {}

  onApplicationBootstrap(): void {
    const interval = this.options.intervalMs ?? 60_000;
    if (interval === false) return;
    this.timer = setInterval(() => void this.tick(new Date()), interval);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  async tick(now: Date): Promise<void> {
    if (this.running) return;
    this.running = this.supervision
      .raiseSignals(now)
      .then((raised) => {
        if (raised['due-soon'] + raised.overdue > 0) this.logger.log(`e-supervision signals raised: ${JSON.stringify(raised)}`);
      })
      .catch((error: unknown) => this.logger.warn(`e-supervision tick failed, retried next tick: ${(error as Error).message}`))
      .finally(() => {
        this.running = undefined;
      });
    await this.running;
  }
}
