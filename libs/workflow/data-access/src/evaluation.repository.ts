import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@onewindow/platform/persistence';

export interface Evaluation {
  applicationId: string;
  score: number;
  comment: string | null;
  createdAt: Date;
}

@Injectable()
export class EvaluationRepository {
  constructor(private readonly tx: TransactionHost) {}

  /** Records the rating unless the case already has one; returns undefined then. */
  async insertOnce(applicationId: string, score: number, comment: string | null): Promise<Evaluation | undefined> {
    const rows: Array<{ application_id: string; score: number; comment: string | null; created_at: Date }> = await this.tx.manager.query(
      `INSERT INTO application_evaluation (application_id, score, comment) VALUES ($1, $2, $3)
       ON CONFLICT (application_id) DO NOTHING RETURNING *`,
      [applicationId, score, comment],
    );
    const [row] = rows;
    return row ? { applicationId: row.application_id, score: row.score, comment: row.comment, createdAt: row.created_at } : undefined;
  }
}
