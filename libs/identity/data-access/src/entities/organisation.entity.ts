import { Column, Entity, PrimaryColumn } from 'typeorm';

export type OrganisationKind = 'county' | 'department' | 'township' | 'service_point';
export type ServicePointCategory = 'county_hall_window' | 'township_centre' | 'community_point' | 'kiosk';

/** The county, its departments and townships, and the service points where people are served. */
@Entity('organisation')
export class OrganisationEntity {
  /** Stable slug, e.g. `350123-market-regulation`; staff tokens carry it as `org`. */
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ name: 'parent_id', type: 'text', nullable: true })
  parentId!: string | null;

  @Column({ type: 'text' })
  kind!: OrganisationKind;

  @Column({ type: 'text', nullable: true })
  category!: ServicePointCategory | null;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'name_en', type: 'text' })
  nameEn!: string;

  @Column({ name: 'division_code', type: 'text' })
  divisionCode!: string;
}
