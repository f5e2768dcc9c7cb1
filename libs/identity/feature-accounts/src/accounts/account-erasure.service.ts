import { Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { OneWindowEventMap } from '@onewindow/contracts/events';
import { AccountRepository } from '@onewindow/identity/data-access';
import { EventPublisher } from '@onewindow/platform/events';
import { TransactionHost } from '@onewindow/platform/persistence';
import { PeriodicTask } from '@onewindow/platform/service';
import { AuditTrail } from '../support/audit-trail';

const BATCH = 100;
const INTERVAL_MS = 3_600_000;

/** Erases the personal data of deregistered accounts once their retention period has ended (ADR 0014). */
@Injectable()
export class AccountErasureService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly task = new PeriodicTask('AccountErasure', INTERVAL_MS, () => this.eraseDue());

  constructor(
    private readonly accounts: AccountRepository,
    private readonly audit: AuditTrail,
    private readonly events: EventPublisher<OneWindowEventMap>,
    private readonly tx: TransactionHost,
  ) {}

  onApplicationBootstrap(): void {
    this.task.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.task.stop();
  }

  /** Erases due accounts in batches; returns how many. Safe on several replicas at once. */
  async eraseDue(now: Date = new Date()): Promise<number> {
    let erased = 0;
    for (;;) {
      const batch = await this.tx.transaction(async () => {
        const due = await this.accounts.findErasable(now, BATCH);
        for (const account of due) {
          await this.accounts.erase(account);
          await this.audit.record({ action: 'account.erased', accountId: account.id, actor: { id: 'identity', type: 'system' } });
          await this.events.publish('gov.onewindow.identity.account.erased.v1', {
            key: account.id,
            data: { accountId: account.id, kind: account.kind },
            actor: { kind: 'system', id: 'identity' },
          });
        }
        return due.length;
      });
      erased += batch;
      if (batch < BATCH) return erased;
    }
  }
}
