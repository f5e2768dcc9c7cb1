import { Logger } from '@nestjs/common';

/**
 * Background work a service repeats on every replica (erasure after retention, re-encryption,
 * pruning, time-limit signals): the work itself must be safe to run on several replicas at once.
 * A run never overlaps the previous one; a failure is logged and retried at the next interval;
 * `stop` waits for the run in flight, so shutdown never cuts a transaction short.
 */
export class PeriodicTask {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private readonly logger: Logger;

  constructor(
    private readonly name: string,
    private readonly intervalMs: number,
    private readonly work: () => Promise<unknown>,
  ) {
    this.logger = new Logger(name);
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.runNow(), this.intervalMs);
    this.timer.unref();
  }

  /** Runs the work now unless a run is in flight; resolves when that run has ended. */
  runNow(): Promise<void> {
    this.running ??= this.work()
      .then(
        () => undefined,
        (error: unknown) => this.logger.warn(`${this.name} failed, retried in ${this.intervalMs} ms: ${(error as Error).message}`),
      )
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
