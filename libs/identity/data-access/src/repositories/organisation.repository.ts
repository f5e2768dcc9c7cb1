import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@onewindow/platform/persistence';
import { OrganisationEntity } from '../entities/organisation.entity';

@Injectable()
export class OrganisationRepository {
  constructor(private readonly tx: TransactionHost) {}

  findById(id: string): Promise<OrganisationEntity | null> {
    return this.tx.manager.findOneBy(OrganisationEntity, { id });
  }

  list(): Promise<OrganisationEntity[]> {
    return this.tx.manager.find(OrganisationEntity, { order: { id: 'ASC' } });
  }
}
