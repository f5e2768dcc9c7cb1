import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@onewindow/platform/persistence';

export interface StoredResponse {
  fingerprint: string;
  status: number;
  body: unknown;
}

@Injectable()
export class IdempotencyStore {
  constructor(private readonly tx: TransactionHost) {}

  /**
   * Claims `(scope, key)` in the current transaction. If another transaction holds the same key,
   * PostgreSQL makes this wait until it commits (then the stored response is returned) or rolls back
   * (then this one claims it).
   */
  async claim(scope: string, key: string, fingerprint: string): Promise<StoredResponse | undefined> {
    const inserted = await this.tx.prepared(
      `INSERT INTO idempotency_record (scope, key, fingerprint, response_status) VALUES ($1, $2, $3, 0)
       ON CONFLICT (scope, key) DO NOTHING`,
      [scope, key, fingerprint],
    );
    if (inserted.rowCount > 0) return undefined;
    const [row] = await this.tx.manager.query(
      `SELECT fingerprint, response_status, response_body FROM idempotency_record WHERE scope = $1 AND key = $2`,
      [scope, key],
    );
    return { fingerprint: row.fingerprint, status: row.response_status, body: row.response_body };
  }

  async complete(scope: string, key: string, status: number, body: unknown): Promise<void> {
    await this.tx.prepared(
      `UPDATE idempotency_record SET response_status = $3, response_body = $4::jsonb WHERE scope = $1 AND key = $2`,
      [scope, key, status, JSON.stringify(body ?? null)],
    );
  }

  async deleteOlderThan(before: Date): Promise<void> {
    await this.tx.manager.query(`DELETE FROM idempotency_record WHERE created_at < $1`, [before]);
  }
}
