import { MigrationInterface, QueryRunner } from 'typeorm';

/** E-supervision: when each case turns yellow, whether its signals went out, and how long it took. */
export class WorkflowSupervision1764489600003 implements MigrationInterface {
  name = 'WorkflowSupervision1764489600003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE application
      ADD COLUMN due_soon_on date,
      ADD COLUMN due_soon_signalled_at timestamptz,
      ADD COLUMN overdue_signalled_at timestamptz,
      ADD COLUMN working_days_taken integer,
      ADD COLUMN on_time boolean`);
    await q.query(`CREATE INDEX application_due_soon_pending ON application (due_soon_on)
      WHERE status = 'IN_REVIEW' AND due_soon_signalled_at IS NULL`);
    await q.query(`CREATE INDEX application_overdue_pending ON application (promised_due_date)
      WHERE status = 'IN_REVIEW' AND overdue_signalled_at IS NULL`);
    await q.query(`CREATE INDEX application_concluded ON application (concluded_at) WHERE concluded_at IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX application_concluded`);
    await q.query(`DROP INDEX application_overdue_pending`);
    await q.query(`DROP INDEX application_due_soon_pending`);
    await q.query(`ALTER TABLE application DROP COLUMN due_soon_on, DROP COLUMN due_soon_signalled_at,
      DROP COLUMN overdue_signalled_at, DROP COLUMN working_days_taken, DROP COLUMN on_time`);
  }
}
