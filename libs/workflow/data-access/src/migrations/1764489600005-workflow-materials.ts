import { objectStorageTable } from '@onewindow/platform/storage';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Application materials: files uploaded ahead of a submission (kept 24 h unless attached), the
 * materials attached to a case per supplement round, and the object table of the PostgreSQL storage.
 */
export class WorkflowMaterials1764489600005 implements MigrationInterface {
  name = 'WorkflowMaterials1764489600005';

  async up(q: QueryRunner): Promise<void> {
    await objectStorageTable.up(q);
    await q.query(`
      CREATE TABLE upload (
        id           uuid PRIMARY KEY,
        owner_id     text NOT NULL,
        storage_key  text NOT NULL UNIQUE,
        content_type text NOT NULL,
        size         integer NOT NULL CHECK (size > 0),
        sha256       char(64) NOT NULL,
        created_at   timestamptz NOT NULL DEFAULT now(),
        expires_at   timestamptz NOT NULL,
        attached_to  uuid REFERENCES application (id)
      )`);
    await q.query(`CREATE INDEX upload_unattached_expiry ON upload (expires_at) WHERE attached_to IS NULL`);
    await q.query(`
      CREATE TABLE application_material (
        id             uuid PRIMARY KEY,
        application_id uuid NOT NULL REFERENCES application (id),
        material_name  text NOT NULL,
        source         text NOT NULL CHECK (source IN ('UPLOAD', 'E_LICENCE')),
        upload_id      uuid UNIQUE REFERENCES upload (id),
        licence_id     text,
        licence_type   text,
        verified       boolean NOT NULL,
        attached_at    timestamptz NOT NULL DEFAULT now(),
        attached_by    text NOT NULL,
        round          integer NOT NULL CHECK (round >= 0),
        CHECK ((source = 'UPLOAD') = (upload_id IS NOT NULL)),
        CHECK ((source = 'E_LICENCE') = (licence_id IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX application_material_application ON application_material (application_id, round)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE application_material`);
    await q.query(`DROP TABLE upload`);
    await objectStorageTable.down(q);
  }
}
