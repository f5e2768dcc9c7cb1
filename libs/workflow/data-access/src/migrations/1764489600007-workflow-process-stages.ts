import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tasks laid out by the item version's process definition (ADR 0030): the stage each belongs to
 * (stages run in order, tasks of a stage in parallel), WAITING until its stage opens, its own due
 * date, who decides it, and the departments a joint inspection brings along. Existing tasks were
 * all opened at acceptance in one parallel round: stage 1, decided by a department reviewer.
 */
export class WorkflowProcessStages1764489600007 implements MigrationInterface {
  name = 'WorkflowProcessStages1764489600007';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE application_task
        ADD COLUMN stage integer NOT NULL DEFAULT 1 CHECK (stage BETWEEN 1 AND 10),
        ADD COLUMN due_date date,
        ADD COLUMN with_departments jsonb,
        ADD COLUMN role text CHECK (role IN ('department_reviewer', 'department_admin'))`);
    await q.query(`ALTER TABLE application_task DROP CONSTRAINT application_task_status_check`);
    await q.query(`
      ALTER TABLE application_task ADD CONSTRAINT application_task_status_check
        CHECK (status IN ('WAITING', 'PENDING', 'APPROVED', 'DENIED', 'CANCELLED'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    // A waiting task had not started: going back, it is cancelled like any task that never ran.
    await q.query(`UPDATE application_task SET status = 'CANCELLED' WHERE status = 'WAITING'`);
    await q.query(`ALTER TABLE application_task DROP CONSTRAINT application_task_status_check`);
    await q.query(`
      ALTER TABLE application_task ADD CONSTRAINT application_task_status_check
        CHECK (status IN ('PENDING', 'APPROVED', 'DENIED', 'CANCELLED'))`);
    await q.query(`
      ALTER TABLE application_task DROP COLUMN role, DROP COLUMN with_departments, DROP COLUMN due_date, DROP COLUMN stage`);
  }
}
