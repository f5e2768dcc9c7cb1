import { MigrationInterface, QueryRunner } from 'typeorm';

export class CatalogItems1764460800000 implements MigrationInterface {
  name = 'CatalogItems1764460800000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE catalog_item (
        code varchar(24) PRIMARY KEY,
        department_code char(3) NOT NULL,
        type varchar(32) NOT NULL,
        serial int NOT NULL,
        latest_version int NOT NULL,
        published_version int,
        name text,
        online_level varchar(16),
        life_events text[] NOT NULL DEFAULT '{}',
        service_points text[] NOT NULL DEFAULT '{}',
        changed_at timestamptz,
        retired_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (department_code, type, serial)
      )`);
    await runner.query(`CREATE INDEX catalog_item_life_events ON catalog_item USING gin (life_events) WHERE published_version IS NOT NULL`);
    await runner.query(`CREATE INDEX catalog_item_published ON catalog_item (department_code, type) WHERE published_version IS NOT NULL`);
    await runner.query(`CREATE INDEX catalog_item_changed ON catalog_item (changed_at)`);
    await runner.query(`
      CREATE TABLE catalog_item_version (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        item_code varchar(24) NOT NULL REFERENCES catalog_item (code),
        version int NOT NULL,
        state varchar(16) NOT NULL CHECK (state IN ('DRAFT', 'IN_REVIEW', 'PUBLISHED', 'RETIRED')),
        content jsonb NOT NULL,
        created_by varchar(128) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        submitted_at timestamptz,
        published_at timestamptz,
        published_by varchar(128),
        effective_from date,
        retired_at timestamptz,
        review_note text,
        UNIQUE (item_code, version)
      )`);
    // A published version never changes again: the database refuses it even if the code forgets.
    await runner.query(`
      CREATE FUNCTION catalog_version_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.state IN ('PUBLISHED', 'RETIRED') AND (NEW.content IS DISTINCT FROM OLD.content OR NEW.version <> OLD.version
            OR NEW.item_code <> OLD.item_code OR NEW.published_at IS DISTINCT FROM OLD.published_at
            OR NEW.effective_from IS DISTINCT FROM OLD.effective_from) THEN
          RAISE EXCEPTION 'catalog_item_version % v% is published and immutable', OLD.item_code, OLD.version;
        END IF;
        RETURN NEW;
      END $$`);
    await runner.query(`
      CREATE TRIGGER catalog_item_version_immutable BEFORE UPDATE ON catalog_item_version
      FOR EACH ROW EXECUTE FUNCTION catalog_version_immutable()`);
    // Search postings of published items (ADR 0020): one row per token and item, with its weight.
    await runner.query(`
      CREATE TABLE catalog_search_token (
        token text NOT NULL,
        item_code varchar(24) NOT NULL REFERENCES catalog_item (code) ON DELETE CASCADE,
        weight smallint NOT NULL,
        PRIMARY KEY (token, item_code) INCLUDE (weight)
      )`);
    await runner.query(`CREATE INDEX catalog_search_token_item ON catalog_search_token (item_code)`);
    await runner.query(`
      CREATE TABLE catalog_retained_proof (
        code varchar(32) PRIMARY KEY,
        name text NOT NULL,
        issuer text NOT NULL,
        legal_basis text NOT NULL,
        created_by varchar(128) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE catalog_retained_proof`);
    await runner.query(`DROP TABLE catalog_search_token`);
    await runner.query(`DROP TABLE catalog_item_version`);
    await runner.query(`DROP FUNCTION catalog_version_immutable()`);
    await runner.query(`DROP TABLE catalog_item`);
  }
}
