import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource, EntityManager } from 'typeorm';
import { PreparedResult, queryPrepared } from './prepared';

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

  /** `sql` as a named prepared statement in the surrounding transaction, or on a pooled connection (see `queryPrepared`). */
  prepared<R = Record<string, unknown>>(sql: string, params: readonly unknown[] = []): Promise<PreparedResult<R>> {
    return queryPrepared<R>(this.manager, sql, params);
  }

  get inTransaction(): boolean {
    return this.storage.getStore() !== undefined;
  }

  /**
   * Runs `work` in a transaction, or joins the surrounding one. Everything written through
   * `manager` inside commits or rolls back together. READ COMMITTED is every service connection's
   * session default (`serviceDataSourceOptions`), so it costs no `SET TRANSACTION` round trip; the
   * stricter levels are set explicitly.
   */
  async transaction<T>(work: () => Promise<T>, isolation: IsolationLevel = 'READ COMMITTED'): Promise<T> {
    if (this.inTransaction) return work();
    const run = (manager: EntityManager) => this.storage.run(manager, work);
    return isolation === 'READ COMMITTED' ? this.dataSource.transaction(run) : this.dataSource.transaction(isolation, run);
  }
}

export class OutsideTransactionError extends Error {
  constructor(what: string) {
    super(`${what} must run inside TransactionHost.transaction()`);
    this.name = 'OutsideTransactionError';
  }
}
