import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@onewindow/platform/persistence';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { CorruptObjectError, ObjectContent, ObjectStorage, sha256Hex, StoredObject } from './object-storage';

/**
 * The object table in the calling service's own database. A service runs it from one of its own
 * migrations (`await objectStorageTable.up(q)`), so the table lands in that service's history.
 */
export const objectStorageTable: Pick<MigrationInterface, 'up' | 'down'> = {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE stored_object (
        key          text PRIMARY KEY CHECK (char_length(key) BETWEEN 1 AND 300),
        content_type text NOT NULL,
        size         integer NOT NULL CHECK (size >= 0),
        sha256       char(64) NOT NULL,
        bytes        bytea NOT NULL,
        created_at   timestamptz NOT NULL DEFAULT now()
      )`);
  },
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE stored_object`);
  },
};

/**
 * Objects as `bytea` rows of the service's database: joins the surrounding transaction, so an upload
 * and its record commit or roll back together. Meant for files of a few MiB (application materials).
 */
@Injectable()
export class PostgresObjectStorage implements ObjectStorage {
  constructor(private readonly tx: TransactionHost) {}

  async put(key: string, bytes: Buffer, contentType: string): Promise<StoredObject> {
    const sha256 = sha256Hex(bytes);
    await this.tx.manager.query(
      `INSERT INTO stored_object (key, content_type, size, sha256, bytes) VALUES ($1, $2, $3, $4, $5)`,
      [key, contentType, bytes.length, sha256, bytes],
    );
    return { key, sha256, size: bytes.length };
  }

  async get(key: string): Promise<ObjectContent | null> {
    const [row]: Array<{ bytes: Buffer; content_type: string; sha256: string }> = await this.tx.manager.query(
      `SELECT bytes, content_type, sha256 FROM stored_object WHERE key = $1`,
      [key],
    );
    if (!row) return null;
    if (sha256Hex(row.bytes) !== row.sha256) throw new CorruptObjectError(key);
    return { bytes: row.bytes, contentType: row.content_type, sha256: row.sha256 };
  }

  async delete(key: string): Promise<void> {
    await this.tx.manager.query(`DELETE FROM stored_object WHERE key = $1`, [key]);
  }
}
