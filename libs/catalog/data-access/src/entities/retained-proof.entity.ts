import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An entry of the retained-proof list (保留证明清单). */
@Entity({ name: 'catalog_retained_proof' })
export class RetainedProofEntity {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  issuer!: string;

  @Column({ name: 'legal_basis', type: 'text' })
  legalBasis!: string;

  @Column({ name: 'created_by', type: 'varchar', length: 128 })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
