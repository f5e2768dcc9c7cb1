import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

@Entity('trust_anchor')
export class TrustAnchorEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ type: 'text' })
  label!: string;

  @Column({ name: 'certificate_pem', type: 'text' })
  certificatePem!: string;

  @Column({ name: 'fingerprint_sha256', type: 'text' })
  fingerprintSha256!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
