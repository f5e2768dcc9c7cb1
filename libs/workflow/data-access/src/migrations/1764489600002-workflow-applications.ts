import { MigrationInterface, QueryRunner } from 'typeorm';

/** Local copy of published catalogue items (fed by catalog events), and the cases filed under them. */
export class WorkflowApplications1764489600002 implements MigrationInterface {
  name = 'WorkflowApplications1764489600002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE catalog_item_version (
        code            text NOT NULL,
        version         integer NOT NULL,
        department_code char(3) NOT NULL,
        type            text NOT NULL,
        name            text NOT NULL,
        instant         boolean NOT NULL,
        statutory_days  integer NOT NULL,
        promised_days   integer NOT NULL,
        online_level    text NOT NULL,
        content         jsonb NOT NULL,
        published_at    timestamptz NOT NULL,
        effective_from  date NOT NULL,
        PRIMARY KEY (code, version)
      )`);
    await q.query(`
      CREATE TABLE catalog_item (
        code            text PRIMARY KEY,
        current_version integer NOT NULL,
        retired_at      timestamptz,
        FOREIGN KEY (code, current_version) REFERENCES catalog_item_version (code, version)
      )`);
    await q.query(`
      CREATE TABLE application (
        id                 uuid PRIMARY KEY,
        item_code          text NOT NULL,
        item_version       integer NOT NULL,
        department_code    char(3) NOT NULL,
        applicant_id       text NOT NULL,
        applicant_kind     text NOT NULL CHECK (applicant_kind IN ('person', 'enterprise')),
        enterprise_id      text,
        submitted_by       text NOT NULL,
        channel            text NOT NULL,
        service_point_id   text,
        status             text NOT NULL,
        instant            boolean NOT NULL,
        decision           text CHECK (decision IN ('APPROVED', 'DENIED')),
        supplement_rounds  integer NOT NULL DEFAULT 0,
        missing_materials  jsonb,
        trips              integer NOT NULL DEFAULT 0,
        statutory_days     integer NOT NULL,
        promised_days      integer NOT NULL,
        statutory_due_date date,
        promised_due_date  date,
        submitted_at       timestamptz NOT NULL,
        accepted_at        timestamptz,
        concluded_at       timestamptz,
        delivery_method    text CHECK (delivery_method IN ('PICKUP', 'COURIER', 'ELECTRONIC')),
        updated_at         timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (item_code, item_version) REFERENCES catalog_item_version (code, version)
      )`);
    await q.query(`CREATE INDEX application_by_applicant ON application (applicant_id, submitted_at DESC)`);
    await q.query(`CREATE INDEX application_by_enterprise ON application (enterprise_id, submitted_at DESC) WHERE enterprise_id IS NOT NULL`);
    await q.query(`CREATE INDEX application_by_department_status ON application (department_code, status)`);
    await q.query(`CREATE INDEX application_open_due ON application (promised_due_date) WHERE status = 'IN_REVIEW'`);
    await q.query(`
      CREATE TABLE application_task (
        id              uuid PRIMARY KEY,
        application_id  uuid NOT NULL REFERENCES application (id),
        department_code char(3) NOT NULL,
        kind            text NOT NULL CHECK (kind IN ('REVIEW', 'JOINT_INSPECTION')),
        status          text NOT NULL CHECK (status IN ('PENDING', 'APPROVED', 'DENIED', 'CANCELLED')),
        claimed_by      text,
        claimed_at      timestamptz,
        decided_by      text,
        decided_at      timestamptz,
        comment         text
      )`);
    await q.query(`CREATE INDEX application_task_by_application ON application_task (application_id)`);
    await q.query(`CREATE INDEX application_task_open_by_department ON application_task (department_code) WHERE status = 'PENDING'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE application_task`);
    await q.query(`DROP TABLE application`);
    await q.query(`DROP TABLE catalog_item`);
    await q.query(`DROP TABLE catalog_item_version`);
  }
}
