import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outbox and inbox tables. Every service that publishes or consumes events includes this
 * migration in its own list (see `platformEventMigrations`).
 */
export class PlatformEvents1764057600000 implements MigrationInterface {
  name = 'PlatformEvents1764057600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outbox_event (
        position        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id              uuid NOT NULL UNIQUE,
        topic           text NOT NULL,
        message_key     text NOT NULL,
        lane            smallint NOT NULL,
        type            text NOT NULL,
        headers         jsonb NOT NULL,
        payload         jsonb NOT NULL,
        created_at      timestamptz NOT NULL DEFAULT now(),
        published_at    timestamptz,
        publish_attempts integer NOT NULL DEFAULT 0,
        last_error      text
      )`);
    await q.query(`CREATE INDEX outbox_event_pending ON outbox_event (lane, position) WHERE published_at IS NULL`);
    await q.query(`CREATE INDEX outbox_event_published ON outbox_event (published_at) WHERE published_at IS NOT NULL`);
    // Statement-level, so a transaction appending many events wakes the relay once, at commit.
    await q.query(`
      CREATE FUNCTION outbox_event_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('outbox_event', '');
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER outbox_event_notify AFTER INSERT ON outbox_event
      FOR EACH STATEMENT EXECUTE FUNCTION outbox_event_notify()`);
    await q.query(`
      CREATE TABLE inbox_event (
        consumer_group  text NOT NULL,
        event_id        text NOT NULL,
        type            text NOT NULL,
        topic           text NOT NULL,
        kafka_partition integer NOT NULL,
        kafka_offset    bigint NOT NULL,
        processed_at    timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer_group, event_id)
      )`);
    await q.query(`CREATE INDEX inbox_event_processed_at ON inbox_event (processed_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE inbox_event`);
    await q.query(`DROP TRIGGER outbox_event_notify ON outbox_event`);
    await q.query(`DROP FUNCTION outbox_event_notify()`);
    await q.query(`DROP TABLE outbox_event`);
  }
}

export const platformEventMigrations = [PlatformEvents1764057600000];
