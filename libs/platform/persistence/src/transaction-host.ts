import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource, EntityManager } from 'typeorm';

export type IsolationLevel = 'READ COMMITTED' | 'REPEATABLE READ' | 'SERIALIZABLE';

/**
 * Carries the current transaction through async calls so that repositories and the outbox
 * write in the same transaction without passing an EntityManager around.
 */
export class TransactionHost {
  private readonly storage = new AsyncLocalStorage<EntityManager>();

  constructor(readonly dataSource: DataSource) {}

  /** The manager of the surrounding transaction, or the pool's manager outside one. */
  get manager(): EntityManager {
    return this.storage.getStore() ?? this.dataSource.manager;
  }

  get inTransaction(): boolean {
    return this.storage.getStore() !== undefined;
  }

  /**
   * Runs `work` in a transaction, or joins the surrounding one. Everything written through
   * `manager` inside commits or rolls back together.
   */
  async transaction<T>(work: () => Promise<T>, isolation: IsolationLevel = 'READ COMMITTED'): Promise<T> {
    if (this.inTransaction) return work();
    return this.dataSource.transaction(isolation, (manager) => this.storage.run(manager, work));
  }
}

export class OutsideTransactionError extends Error {
  constructor(what: string) {
    super(`${what} must run inside TransactionHost.transaction()`);
    this.name = 'OutsideTransactionError';
  }
}
