import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The head of each case's audit chain (the last act's sequence and hash) kept on the case row, so a
 * change that holds the case row lock chains its act without reading the trail first. A change writes
 * the new head with the case; an insert trigger advances it for any other writer of audit acts, so
 * none can leave it behind (and writes nothing when the head is already there). The chain's primary
 * key (case_id, sequence) refuses an act built on a stale head. Existing cases take their current head.
 */
export class WorkflowAuditHead1764489600008 implements MigrationInterface {
  name = 'WorkflowAuditHead1764489600008';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE application
        ADD COLUMN audit_sequence integer NOT NULL DEFAULT 0 CHECK (audit_sequence >= 0),
        ADD COLUMN audit_hash char(64) NOT NULL DEFAULT repeat('0', 64)`);
    await q.query(`
      UPDATE application a SET audit_sequence = head.sequence, audit_hash = head.hash
        FROM (SELECT DISTINCT ON (case_id) case_id, sequence, hash FROM audit_act ORDER BY case_id, sequence DESC) head
       WHERE head.case_id = a.id`);
    await q.query(`
      CREATE FUNCTION audit_act_advance_head() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE application SET audit_sequence = NEW.sequence, audit_hash = NEW.hash
         WHERE id = NEW.case_id AND audit_sequence < NEW.sequence;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_act_advance_head AFTER INSERT ON audit_act
      FOR EACH ROW EXECUTE FUNCTION audit_act_advance_head()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER audit_act_advance_head ON audit_act`);
    await q.query(`DROP FUNCTION audit_act_advance_head()`);
    await q.query(`ALTER TABLE application DROP COLUMN audit_hash, DROP COLUMN audit_sequence`);
  }
}
