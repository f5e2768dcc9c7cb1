import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One catalogue item under its stable code, with a projection of its current published version
 * (name and filters; search postings live in catalog_search_token) for public search and the lists.
 */
@Entity({ name: 'catalog_item' })
export class CatalogItemEntity {
  @PrimaryColumn({ type: 'varchar', length: 24 })
  code!: string;

  @Column({ name: 'department_code', type: 'char', length: 3 })
  departmentCode!: string;

  @Column({ type: 'varchar', length: 32 })
  type!: string;

  @Column({ type: 'int' })
  serial!: number;

  @Column({ name: 'latest_version', type: 'int' })
  latestVersion!: number;

  @Column({ name: 'published_version', type: 'int', nullable: true })
  publishedVersion!: number | null;

  @Column({ type: 'text', nullable: true })
  name!: string | null;

  @Column({ name: 'online_level', type: 'varchar', length: 16, nullable: true })
  onlineLevel!: string | null;

  @Column({ name: 'life_events', type: 'text', array: true, default: () => "'{}'" })
  lifeEvents!: string[];

  @Column({ name: 'service_points', type: 'text', array: true, default: () => "'{}'" })
  servicePoints!: string[];

  /** Last publication or retirement: what "changed since" reads. */
  @Column({ name: 'changed_at', type: 'timestamptz', nullable: true })
  changedAt!: Date | null;

  @Column({ name: 'retired_at', type: 'timestamptz', nullable: true })
  retiredAt!: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
