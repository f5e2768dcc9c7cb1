import { citizenIdCheckCharacter } from '@onewindow/domain/china-id';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { populationRecordHash } from '../repositories/population-register.hash';

/** Fictitious residents of Luoyuan for demos and local runs; no real person's data. */
export const STAND_IN_RESIDENTS: ReadonlyArray<{ idNumber: string; name: string }> = [
  ['35012319850312001', '林晓明'],
  ['35012319900101002', '陈丽华'],
  ['35012319780715003', '黄建国'],
  ['35012320010930004', '郑雨欣'],
  ['35012319650228005', '吴志强'],
].map(([first17, name]) => ({ idNumber: `${first17}${citizenIdCheckCharacter(first17 as string)}`, name: name as string }));

export class SeedPopulationRegister1764403200002 implements MigrationInterface {
  name = 'SeedPopulationRegister1764403200002';

  async up(q: QueryRunner): Promise<void> {
    for (const resident of STAND_IN_RESIDENTS) {
      await q.query(`INSERT INTO population_record (id_number_hash, name) VALUES ($1, $2)`, [populationRecordHash(resident.idNumber), resident.name]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const resident of STAND_IN_RESIDENTS) {
      await q.query(`DELETE FROM population_record WHERE id_number_hash = $1`, [populationRecordHash(resident.idNumber)]);
    }
  }
}
