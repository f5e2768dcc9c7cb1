import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Pauses of the review (expert review, hearing) and extensions of the time limit with approval.
 * A case has at most one open pause, one pending extension and one approved extension.
 * `application.status` has no CHECK constraint to widen for PAUSED; the e-supervision indexes are
 * partial on status = 'IN_REVIEW', so a paused case is never flagged.
 */
export class WorkflowPausesExtensions1764489600006 implements MigrationInterface {
  name = 'WorkflowPausesExtensions1764489600006';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE application_pause (
        id             uuid PRIMARY KEY,
        application_id uuid NOT NULL REFERENCES application (id),
        kind           text NOT NULL CHECK (kind IN ('EXPERT_REVIEW', 'HEARING')),
        reason         text NOT NULL CHECK (length(reason) BETWEEN 1 AND 1000),
        department_code char(3) NOT NULL,
        started_on     date NOT NULL,
        started_at     timestamptz NOT NULL,
        started_by     text NOT NULL,
        ended_on       date,
        ended_at       timestamptz,
        ended_by       text,
        CHECK ((ended_on IS NULL) = (ended_at IS NULL) AND (ended_at IS NULL) = (ended_by IS NULL)),
        CHECK (ended_on IS NULL OR ended_on >= started_on)
      )`);
    await q.query(`CREATE UNIQUE INDEX application_pause_one_open ON application_pause (application_id) WHERE ended_at IS NULL`);
    await q.query(`CREATE INDEX application_pause_by_application ON application_pause (application_id, started_at)`);
    await q.query(`
      CREATE TABLE application_extension (
        id             uuid PRIMARY KEY,
        application_id uuid NOT NULL REFERENCES application (id),
        days           integer NOT NULL CHECK (days >= 1),
        reason         text NOT NULL CHECK (length(reason) BETWEEN 1 AND 1000),
        department_code char(3) NOT NULL,
        requested_by   text NOT NULL,
        requested_at   timestamptz NOT NULL,
        status         text NOT NULL CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED')),
        decided_by     text,
        decided_at     timestamptz,
        comment        text,
        CHECK ((status = 'PENDING') = (decided_at IS NULL) AND (decided_at IS NULL) = (decided_by IS NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX application_extension_one_pending ON application_extension (application_id) WHERE status = 'PENDING'`);
    await q.query(`CREATE UNIQUE INDEX application_extension_one_approved ON application_extension (application_id) WHERE status = 'APPROVED'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE application_extension`);
    await q.query(`DROP TABLE application_pause`);
  }
}
