import { CHINA_HOLIDAY_ARRANGEMENTS } from '@onewindow/domain/working-calendar';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** The working-day calendar (seeded for 2025–2027) and the append-only, hash-chained audit trail. */
export class WorkflowCalendarAndAudit1764403200000 implements MigrationInterface {
  name = 'WorkflowCalendarAndAudit1764403200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE holiday_arrangement (
        year                 integer PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
        status               text NOT NULL CHECK (status IN ('official', 'provisional')),
        source               text NOT NULL,
        holidays             jsonb NOT NULL,
        working_weekend_days jsonb NOT NULL,
        updated_at           timestamptz NOT NULL DEFAULT now(),
        updated_by           text NOT NULL
      )`);
    for (const a of CHINA_HOLIDAY_ARRANGEMENTS) {
      await q.query(
        `INSERT INTO holiday_arrangement (year, status, source, holidays, working_weekend_days, updated_by)
         VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, 'seed')`,
        [a.year, a.status, a.source, JSON.stringify(a.holidays), JSON.stringify(a.workingWeekendDays)],
      );
    }
    await q.query(`
      CREATE TABLE audit_act (
        case_id         uuid NOT NULL,
        sequence        integer NOT NULL CHECK (sequence >= 1),
        actor_id        text NOT NULL,
        actor_role      text NOT NULL,
        organisation_id text,
        action          text NOT NULL,
        state_before    text,
        state_after     text NOT NULL,
        item_code       text NOT NULL,
        item_version    integer NOT NULL,
        at              timestamptz NOT NULL,
        reason          text,
        previous_hash   char(64) NOT NULL,
        hash            char(64) NOT NULL,
        PRIMARY KEY (case_id, sequence)
      )`);
    // Append-only: the application role can insert, never rewrite history.
    await q.query(`
      CREATE FUNCTION audit_act_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_act is append-only' USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_act_append_only BEFORE UPDATE OR DELETE ON audit_act
      FOR EACH ROW EXECUTE FUNCTION audit_act_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER audit_act_append_only ON audit_act`);
    await q.query(`DROP FUNCTION audit_act_append_only()`);
    await q.query(`DROP TABLE audit_act`);
    await q.query(`DROP TABLE holiday_arrangement`);
  }
}
