import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { PeriodicTask } from '@onewindow/platform/service';
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
  private readonly task: PeriodicTask;

  constructor(
    private readonly supervision: SupervisionService,
    @Inject(SUPERVISION_OPTIONS) private readonly options: SupervisionOptions,
  ) {
    this.task = new PeriodicTask('E-supervision', this.options.intervalMs || 60_000, async () => {
      const raised = await this.supervision.raiseSignals(new Date());
      if (raised['due-soon'] + raised.overdue > 0) this.logger.log(`e-supervision signals raised: ${JSON.stringify(raised)}`);
    });
  }

  onApplicationBootstrap(): void {
    if (this.options.intervalMs !== false) this.task.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.task.stop();
  }

  /** Raises the signals due now (what each interval does). */
  tick(): Promise<void> {
    return this.task.runNow();
  }
}
