import { MigrationInterface, QueryRunner } from 'typeorm';

/** CA roots recognised for certificate login (ADR 0022), managed by platform admins. */
export class TrustAnchors1764403200003 implements MigrationInterface {
  name = 'TrustAnchors1764403200003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE trust_anchor (
        id                 text PRIMARY KEY,
        label              text NOT NULL,
        certificate_pem    text NOT NULL,
        fingerprint_sha256 text NOT NULL UNIQUE,
        created_at         timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE trust_anchor`);
  }
}
