import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@onewindow/platform/persistence';
import { IsNull } from 'typeorm';
import { RefreshTokenEntity, SessionFamilyEntity } from '../entities/session.entity';

export interface PresentedRefreshToken {
  readonly token: RefreshTokenEntity;
  readonly family: SessionFamilyEntity;
}

@Injectable()
export class SessionRepository {
  constructor(private readonly tx: TransactionHost) {}

  async createFamily(family: Pick<SessionFamilyEntity, 'id' | 'accountId' | 'expiresAt' | 'accessExpiresAt'>): Promise<SessionFamilyEntity> {
    return this.tx.manager.save(SessionFamilyEntity, this.tx.manager.create(SessionFamilyEntity, { ...family, revokedAt: null, revokedReason: null }));
  }

  async addToken(familyId: string, tokenHash: string): Promise<void> {
    await this.tx.manager.insert(RefreshTokenEntity, { familyId, tokenHash, usedAt: null });
  }

  /** The token and its family, the family row-locked so concurrent refreshes of one family serialise. */
  async findForRefresh(tokenHash: string): Promise<PresentedRefreshToken | null> {
    const token = await this.tx.manager.findOneBy(RefreshTokenEntity, { tokenHash });
    if (!token) return null;
    const family = await this.tx.manager.findOne(SessionFamilyEntity, { where: { id: token.familyId }, lock: { mode: 'pessimistic_write' } });
    if (!family) return null;
    const current = await this.tx.manager.findOneByOrFail(RefreshTokenEntity, { id: token.id });
    return { token: current, family };
  }

  async markUsed(tokenId: string, at: Date): Promise<void> {
    await this.tx.manager.update(RefreshTokenEntity, { id: tokenId }, { usedAt: at });
  }

  async extendAccess(familyId: string, accessExpiresAt: Date): Promise<void> {
    await this.tx.manager.update(SessionFamilyEntity, { id: familyId }, { accessExpiresAt });
  }

  findFamily(id: string): Promise<SessionFamilyEntity | null> {
    return this.tx.manager.findOneBy(SessionFamilyEntity, { id });
  }

  async revokeFamily(id: string, reason: string, at: Date): Promise<void> {
    await this.tx.manager.update(SessionFamilyEntity, { id, revokedAt: IsNull() }, { revokedAt: at, revokedReason: reason });
  }

  /** Revokes every live family of an account (but `keep`) and returns them (for the Redis revocations). */
  async revokeAllOf(accountId: string, reason: string, at: Date, keep?: string): Promise<SessionFamilyEntity[]> {
    const families = await this.tx.manager.find(SessionFamilyEntity, { where: { accountId, revokedAt: IsNull() }, lock: { mode: 'pessimistic_write' } });
    const live = families.filter((family) => family.id !== keep);
    if (live.length > 0) {
      await this.tx.manager.update(SessionFamilyEntity, live.map((family) => family.id), { revokedAt: at, revokedReason: reason });
    }
    return live;
  }
}
