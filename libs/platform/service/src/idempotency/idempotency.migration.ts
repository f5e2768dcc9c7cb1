import { MigrationInterface, QueryRunner } from 'typeorm';

/** Stored responses of requests made with an `Idempotency-Key`, per caller and route. */
export class PlatformIdempotency1764489600000 implements MigrationInterface {
  name = 'PlatformIdempotency1764489600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE idempotency_record (
        scope           text NOT NULL,
        key             text NOT NULL,
        fingerprint     char(64) NOT NULL,
        response_status integer NOT NULL,
        response_body   jsonb,
        created_at      timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (scope, key)
      )`);
    await q.query(`CREATE INDEX idempotency_record_created_at ON idempotency_record (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE idempotency_record`);
  }
}
