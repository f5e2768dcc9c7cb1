import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The stand-in population base register (ADR 0014): fictitious records, ID number hashed. */
@Entity('population_record')
export class PopulationRecordEntity {
  @PrimaryColumn({ name: 'id_number_hash', type: 'text' })
  idNumberHash!: string;

  @Column({ type: 'text' })
  name!: string;
}
