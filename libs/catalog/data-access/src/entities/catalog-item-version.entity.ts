import type { ItemContent } from '@onewindow/catalog/domain';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One version of an item's guide; immutable once published. */
@Entity({ name: 'catalog_item_version' })
export class CatalogItemVersionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'item_code', type: 'varchar', length: 24 })
  itemCode!: string;

  @Column({ type: 'int' })
  version!: number;

  @Column({ type: 'varchar', length: 16 })
  state!: string;

  /** The validated guide (`ItemContent`). */
  @Column({ type: 'jsonb' })
  content!: ItemContent;

  @Column({ name: 'created_by', type: 'varchar', length: 128 })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt!: Date | null;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  @Column({ name: 'published_by', type: 'varchar', length: 128, nullable: true })
  publishedBy!: string | null;

  @Column({ name: 'effective_from', type: 'date', nullable: true })
  effectiveFrom!: string | null;

  @Column({ name: 'retired_at', type: 'timestamptz', nullable: true })
  retiredAt!: Date | null;

  @Column({ name: 'review_note', type: 'text', nullable: true })
  reviewNote!: string | null;
}
