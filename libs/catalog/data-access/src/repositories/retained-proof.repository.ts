import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@onewindow/platform/persistence';
import { RetainedProofEntity } from '../entities/retained-proof.entity';
import { RetainedProofRecord } from '../records';

const toRecord = (e: RetainedProofEntity): RetainedProofRecord => ({
  code: e.code,
  name: e.name,
  issuer: e.issuer,
  legalBasis: e.legalBasis,
  createdAt: e.createdAt,
});

@Injectable()
export class RetainedProofRepository {
  constructor(private readonly tx: TransactionHost) {}

  private get proofs() {
    return this.tx.manager.getRepository(RetainedProofEntity);
  }

  async list(): Promise<RetainedProofRecord[]> {
    return (await this.proofs.find({ order: { code: 'ASC' } })).map(toRecord);
  }

  /**
   * The codes on the list, read under a share lock so the list cannot lose an entry between the
   * proof check and the commit of a publication.
   */
  async codesLocked(): Promise<Set<string>> {
    const rows = (await this.tx.manager.query(`SELECT code FROM catalog_retained_proof FOR SHARE`)) as Array<{ code: string }>;
    return new Set(rows.map((r) => r.code));
  }

  async find(code: string): Promise<RetainedProofRecord | undefined> {
    const entity = await this.proofs.findOne({ where: { code } });
    return entity ? toRecord(entity) : undefined;
  }

  async findForUpdate(code: string): Promise<RetainedProofRecord | undefined> {
    const entity = await this.proofs.findOne({ where: { code }, lock: { mode: 'pessimistic_write' } });
    return entity ? toRecord(entity) : undefined;
  }

  /** False when the code is already on the list. */
  async add(proof: { code: string; name: string; issuer: string; legalBasis: string; createdBy: string }): Promise<boolean> {
    const rows = (await this.tx.manager.query(
      `INSERT INTO catalog_retained_proof (code, name, issuer, legal_basis, created_by) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (code) DO NOTHING RETURNING code`,
      [proof.code, proof.name, proof.issuer, proof.legalBasis, proof.createdBy],
    )) as unknown[];
    return rows.length > 0;
  }

  async remove(code: string): Promise<void> {
    await this.proofs.delete({ code });
  }
}
