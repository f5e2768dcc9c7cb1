import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@onewindow/platform/persistence';
import { AuditEntryEntity } from '../entities/audit-entry.entity';

export type NewAuditEntry = Pick<AuditEntryEntity, 'action' | 'actorId' | 'actorType' | 'accountId'> &
  Partial<Pick<AuditEntryEntity, 'organisationId' | 'purpose' | 'correlationId' | 'details'>>;

@Injectable()
export class AuditLogRepository {
  constructor(private readonly tx: TransactionHost) {}

  async append(entry: NewAuditEntry): Promise<void> {
    await this.tx.manager.save(
      AuditEntryEntity,
      this.tx.manager.create(AuditEntryEntity, { organisationId: null, purpose: null, correlationId: null, details: {}, ...entry }),
    );
  }

  findByAccount(accountId: string): Promise<AuditEntryEntity[]> {
    return this.tx.manager.find(AuditEntryEntity, { where: { accountId }, order: { id: 'ASC' } });
  }
}
