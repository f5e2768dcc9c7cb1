import { MigrationInterface, QueryRunner } from 'typeorm';

/** The applicant's one rating of a concluded case (好差评). */
export class WorkflowEvaluations1764489600004 implements MigrationInterface {
  name = 'WorkflowEvaluations1764489600004';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE application_evaluation (
        application_id uuid PRIMARY KEY REFERENCES application (id),
        score          smallint NOT NULL CHECK (score BETWEEN 1 AND 5),
        comment        text CHECK (char_length(comment) <= 500),
        created_at     timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE application_evaluation`);
  }
}
