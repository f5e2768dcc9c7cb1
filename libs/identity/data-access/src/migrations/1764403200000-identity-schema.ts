import { MigrationInterface, QueryRunner } from 'typeorm';

/** Accounts, organisations, sessions, signing keys, audit log, service clients, agents, population register. */
export class IdentitySchema1764403200000 implements MigrationInterface {
  name = 'IdentitySchema1764403200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE organisation (
        id            text PRIMARY KEY,
        parent_id     text REFERENCES organisation (id),
        kind          text NOT NULL CHECK (kind IN ('county', 'department', 'township', 'service_point')),
        category      text CHECK (category IN ('county_hall_window', 'township_centre', 'community_point', 'kiosk')),
        name          text NOT NULL,
        name_en       text NOT NULL,
        division_code text NOT NULL,
        CHECK ((kind = 'service_point') = (category IS NOT NULL))
      )`);
    await q.query(`
      CREATE TABLE account (
        id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind                  text NOT NULL CHECK (kind IN ('person', 'enterprise', 'staff')),
        status                text NOT NULL CHECK (status IN ('active', 'deregistered', 'erased')),
        key_hash              text,
        key_cipher            text,
        key_masked            text,
        name_cipher           text,
        phone_hash            text,
        phone_cipher          text,
        password_hash         text,
        assurance_level       text NOT NULL CHECK (assurance_level IN ('L1', 'L2', 'L3')),
        assurance_method      text NOT NULL,
        assurance_verified_at timestamptz,
        organisation_id       text REFERENCES organisation (id),
        staff_roles           text[] NOT NULL DEFAULT '{}',
        created_at            timestamptz NOT NULL DEFAULT now(),
        updated_at            timestamptz NOT NULL DEFAULT now(),
        deregistered_at       timestamptz,
        erase_after           timestamptz,
        version               integer NOT NULL,
        CHECK ((kind = 'staff') = (organisation_id IS NOT NULL)),
        CHECK (status = 'erased' OR (key_hash IS NOT NULL AND key_cipher IS NOT NULL))
      )`);
    // One active account per person, per enterprise, and per person within an organisation.
    await q.query(`CREATE UNIQUE INDEX account_active_person ON account (key_hash) WHERE kind = 'person' AND status = 'active'`);
    await q.query(`CREATE UNIQUE INDEX account_active_enterprise ON account (key_hash) WHERE kind = 'enterprise' AND status = 'active'`);
    await q.query(
      `CREATE UNIQUE INDEX account_active_staff ON account (key_hash, organisation_id) WHERE kind = 'staff' AND status = 'active'`,
    );
    await q.query(`CREATE UNIQUE INDEX account_active_phone ON account (phone_hash) WHERE kind = 'person' AND status = 'active'`);
    await q.query(`CREATE INDEX account_organisation ON account (organisation_id) WHERE organisation_id IS NOT NULL`);
    await q.query(`CREATE INDEX account_erase_due ON account (erase_after) WHERE status = 'deregistered'`);
    await q.query(`
      CREATE TABLE session_family (
        id               uuid PRIMARY KEY,
        account_id       uuid NOT NULL REFERENCES account (id),
        created_at       timestamptz NOT NULL DEFAULT now(),
        expires_at       timestamptz NOT NULL,
        access_expires_at timestamptz NOT NULL,
        revoked_at       timestamptz,
        revoked_reason   text
      )`);
    await q.query(`CREATE INDEX session_family_account ON session_family (account_id) WHERE revoked_at IS NULL`);
    await q.query(`
      CREATE TABLE refresh_token (
        id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        family_id  uuid NOT NULL REFERENCES session_family (id) ON DELETE CASCADE,
        token_hash text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        used_at    timestamptz
      )`);
    await q.query(`CREATE INDEX refresh_token_family ON refresh_token (family_id)`);
    await q.query(`
      CREATE TABLE signing_key (
        kid                text PRIMARY KEY,
        alg                text NOT NULL,
        public_jwk         jsonb NOT NULL,
        private_key_cipher text NOT NULL,
        created_at         timestamptz NOT NULL DEFAULT now(),
        retired_at         timestamptz,
        publish_until      timestamptz
      )`);
    await q.query(`CREATE UNIQUE INDEX signing_key_one_active ON signing_key ((true)) WHERE retired_at IS NULL`);
    await q.query(`
      CREATE TABLE audit_log (
        id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        occurred_at     timestamptz NOT NULL DEFAULT now(),
        action          text NOT NULL,
        actor_id        text,
        actor_type      text NOT NULL,
        account_id      uuid,
        organisation_id text,
        purpose         text,
        correlation_id  text,
        details         jsonb NOT NULL DEFAULT '{}'
      )`);
    await q.query(`CREATE INDEX audit_log_account ON audit_log (account_id, occurred_at)`);
    await q.query(`
      CREATE TABLE service_client (
        client_id       text PRIMARY KEY,
        name            text NOT NULL,
        organisation_id text NOT NULL REFERENCES organisation (id),
        secret_hash     text NOT NULL,
        scopes          text[] NOT NULL,
        enabled         boolean NOT NULL DEFAULT true,
        created_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE agent_authorisation (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        enterprise_id uuid NOT NULL REFERENCES account (id),
        agent_id      uuid NOT NULL REFERENCES account (id),
        scopes        text[] NOT NULL,
        expires_at    timestamptz NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now(),
        revoked_at    timestamptz
      )`);
    await q.query(`CREATE INDEX agent_authorisation_agent ON agent_authorisation (agent_id) WHERE revoked_at IS NULL`);
    await q.query(`
      CREATE TABLE population_record (
        id_number_hash text PRIMARY KEY,
        name           text NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'population_record',
      'agent_authorisation',
      'service_client',
      'audit_log',
      'signing_key',
      'refresh_token',
      'session_family',
      'account',
      'organisation',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
