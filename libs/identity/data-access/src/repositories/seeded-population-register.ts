import { Injectable } from '@nestjs/common';
import { normaliseName, PopulationRegister, RegisterMatch } from '@onewindow/identity/domain';
import { TransactionHost } from '@onewindow/platform/persistence';
import { PopulationRecordEntity } from '../entities/population-record.entity';
import { populationRecordHash } from './population-register.hash';

/**
 * Adapter of the PopulationRegister port over identity's own seeded `population_record` table: the
 * stand-in until the data-sharing service hosts the population base register (ADR 0014).
 */
@Injectable()
export class SeededPopulationRegister implements PopulationRegister {
  constructor(private readonly tx: TransactionHost) {}

  async match(idNumber: string, name: string): Promise<RegisterMatch> {
    const record = await this.tx.manager.findOneBy(PopulationRecordEntity, { idNumberHash: populationRecordHash(idNumber) });
    if (!record) return RegisterMatch.NotFound;
    return normaliseName(record.name) === normaliseName(name) ? RegisterMatch.Matched : RegisterMatch.NameMismatch;
  }

  /** Adds or replaces a record (seeding, tests). */
  async enrol(idNumber: string, name: string): Promise<void> {
    await this.tx.manager.upsert(PopulationRecordEntity, { idNumberHash: populationRecordHash(idNumber), name: normaliseName(name) }, [
      'idNumberHash',
    ]);
  }
}
