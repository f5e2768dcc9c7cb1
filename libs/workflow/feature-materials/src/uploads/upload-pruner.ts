import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { PeriodicTask } from '@onewindow/platform/service';
import { UploadsService } from './uploads.service';

const PRUNE_INTERVAL_MS = 15 * 60 * 1000;

/** Every replica prunes expired uploads every 15 minutes; `UploadsService.pruneExpired` is replica-safe. */
@Injectable()
export class UploadPruner implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(UploadPruner.name);
  private readonly task = new PeriodicTask('Upload pruning', PRUNE_INTERVAL_MS, async () => {
    const pruned = await this.uploads.pruneExpired();
    if (pruned > 0) this.logger.log(`pruned ${pruned} expired uploads`);
  });

  constructor(private readonly uploads: UploadsService) {}

  onApplicationBootstrap(): void {
    this.task.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.task.stop();
  }
}
