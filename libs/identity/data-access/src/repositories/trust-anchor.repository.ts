import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@onewindow/platform/persistence';
import { TrustAnchorEntity } from '../entities/trust-anchor.entity';

@Injectable()
export class TrustAnchorRepository {
  constructor(private readonly tx: TransactionHost) {}

  list(): Promise<TrustAnchorEntity[]> {
    return this.tx.manager.find(TrustAnchorEntity, { order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** Serialises changes to the store so two admins cannot both pass the "at most 64" check. */
  async lockStore(): Promise<void> {
    await this.tx.manager.query('SELECT pg_advisory_xact_lock($1)', [350_123_002]);
  }

  async insert(anchor: Pick<TrustAnchorEntity, 'id' | 'label' | 'certificatePem' | 'fingerprintSha256'>): Promise<void> {
    await this.tx.manager.insert(TrustAnchorEntity, anchor);
  }

  async delete(id: string): Promise<boolean> {
    const result = await this.tx.manager.delete(TrustAnchorEntity, { id });
    return (result.affected ?? 0) > 0;
  }
}
