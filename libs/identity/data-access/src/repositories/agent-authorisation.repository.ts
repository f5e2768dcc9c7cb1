import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@onewindow/platform/persistence';
import { IsNull, MoreThan } from 'typeorm';
import { AgentAuthorisationEntity } from '../entities/agent-authorisation.entity';

@Injectable()
export class AgentAuthorisationRepository {
  constructor(private readonly tx: TransactionHost) {}

  insert(authorisation: Pick<AgentAuthorisationEntity, 'enterpriseId' | 'agentId' | 'scopes' | 'expiresAt'>): Promise<AgentAuthorisationEntity> {
    return this.tx.manager.save(AgentAuthorisationEntity, this.tx.manager.create(AgentAuthorisationEntity, { ...authorisation, revokedAt: null }));
  }

  /** The live authorisation of a person for an enterprise (not revoked, not expired), if any. */
  findLive(enterpriseId: string, agentId: string, now: Date): Promise<AgentAuthorisationEntity | null> {
    return this.tx.manager.findOne(AgentAuthorisationEntity, {
      where: { enterpriseId, agentId, revokedAt: IsNull(), expiresAt: MoreThan(now) },
      order: { expiresAt: 'DESC' },
    });
  }

  lockById(id: string): Promise<AgentAuthorisationEntity | null> {
    return this.tx.manager.findOne(AgentAuthorisationEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  listLiveForEnterprise(enterpriseId: string, now: Date): Promise<AgentAuthorisationEntity[]> {
    return this.tx.manager.find(AgentAuthorisationEntity, {
      where: { enterpriseId, revokedAt: IsNull(), expiresAt: MoreThan(now) },
      order: { createdAt: 'ASC' },
    });
  }

  listLiveForAgent(agentId: string, now: Date): Promise<AgentAuthorisationEntity[]> {
    return this.tx.manager.find(AgentAuthorisationEntity, {
      where: { agentId, revokedAt: IsNull(), expiresAt: MoreThan(now) },
      order: { createdAt: 'ASC' },
    });
  }

  async revoke(id: string, at: Date): Promise<void> {
    await this.tx.manager.update(AgentAuthorisationEntity, { id }, { revokedAt: at });
  }
}
