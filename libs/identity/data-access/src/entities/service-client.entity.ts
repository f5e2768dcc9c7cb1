import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A department system that obtains `service` tokens through client_credentials. */
@Entity('service_client')
export class ServiceClientEntity {
  @PrimaryColumn({ name: 'client_id', type: 'text' })
  clientId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'organisation_id', type: 'text' })
  organisationId!: string;

  /** argon2id of the client secret. */
  @Column({ name: 'secret_hash', type: 'text' })
  secretHash!: string;

  @Column({ type: 'text', array: true })
  scopes!: string[];

  @Column({ type: 'boolean', default: true })
  enabled!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
