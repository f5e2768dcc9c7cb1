import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@onewindow/platform/persistence';
import { ServiceClientEntity } from '../entities/service-client.entity';

@Injectable()
export class ServiceClientRepository {
  constructor(private readonly tx: TransactionHost) {}

  findById(clientId: string): Promise<ServiceClientEntity | null> {
    return this.tx.manager.findOneBy(ServiceClientEntity, { clientId });
  }

  async insert(client: Pick<ServiceClientEntity, 'clientId' | 'name' | 'organisationId' | 'secretHash' | 'scopes'>): Promise<void> {
    await this.tx.manager.insert(ServiceClientEntity, { ...client, enabled: true });
  }
}
