import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { AccountKind, AccountStatus, AssuranceLevel, AssuranceMethod } from '@onewindow/identity/domain';

/**
 * A person (keyed by citizen ID number), an enterprise (keyed by credit code) or a staff member (a
 * person's ID number within an organisation). Personal data is stored only encrypted (`*_cipher`)
 * and found through keyed hashes (`*_hash`).
 */
@Entity('account')
export class AccountEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  kind!: AccountKind;

  @Column({ type: 'text' })
  status!: AccountStatus;

  /** Keyed hash of the citizen ID number (person, staff) or credit code (enterprise); null once erased. */
  @Column({ name: 'key_hash', type: 'text', nullable: true })
  keyHash!: string | null;

  @Column({ name: 'key_cipher', type: 'text', nullable: true })
  keyCipher!: string | null;

  /** Masked key kept for lists and responses without decrypting. */
  @Column({ name: 'key_masked', type: 'text', nullable: true })
  keyMasked!: string | null;

  @Column({ name: 'name_cipher', type: 'text', nullable: true })
  nameCipher!: string | null;

  @Column({ name: 'phone_hash', type: 'text', nullable: true })
  phoneHash!: string | null;

  @Column({ name: 'phone_cipher', type: 'text', nullable: true })
  phoneCipher!: string | null;

  @Column({ name: 'password_hash', type: 'text', nullable: true })
  passwordHash!: string | null;

  @Column({ name: 'assurance_level', type: 'text' })
  assuranceLevel!: AssuranceLevel;

  @Column({ name: 'assurance_method', type: 'text' })
  assuranceMethod!: AssuranceMethod;

  @Column({ name: 'assurance_verified_at', type: 'timestamptz', nullable: true })
  assuranceVerifiedAt!: Date | null;

  /** Staff only: the organisation they act for, and their roles there. */
  @Column({ name: 'organisation_id', type: 'text', nullable: true })
  organisationId!: string | null;

  @Column({ name: 'staff_roles', type: 'text', array: true, default: () => "'{}'" })
  staffRoles!: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'deregistered_at', type: 'timestamptz', nullable: true })
  deregisteredAt!: Date | null;

  @Column({ name: 'erase_after', type: 'timestamptz', nullable: true })
  eraseAfter!: Date | null;

  @VersionColumn()
  version!: number;
}
