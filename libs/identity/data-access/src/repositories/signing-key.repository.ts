import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@onewindow/platform/persistence';
import { IsNull } from 'typeorm';
import { SigningKeyEntity } from '../entities/signing-key.entity';

/** Lock id of the rotation critical section (several replicas may try to rotate at once). */
const ROTATION_LOCK = 350_123_001;

@Injectable()
export class SigningKeyRepository {
  constructor(private readonly tx: TransactionHost) {}

  /** Serialises rotations across replicas until the surrounding transaction ends. */
  async lockRotation(): Promise<void> {
    await this.tx.manager.query('SELECT pg_advisory_xact_lock($1)', [ROTATION_LOCK]);
  }

  findActive(): Promise<SigningKeyEntity | null> {
    return this.tx.manager.findOneBy(SigningKeyEntity, { retiredAt: IsNull() });
  }

  /** Keys the JWKS publishes: the active one and retired ones whose tokens may still be live. */
  async findPublished(now: Date): Promise<SigningKeyEntity[]> {
    return this.tx.manager
      .createQueryBuilder(SigningKeyEntity, 'key')
      .where('key.publish_until IS NULL OR key.publish_until > :now', { now })
      .orderBy('key.created_at', 'DESC')
      .getMany();
  }

  findByKid(kid: string): Promise<SigningKeyEntity | null> {
    return this.tx.manager.findOneBy(SigningKeyEntity, { kid });
  }

  async insert(key: Pick<SigningKeyEntity, 'kid' | 'alg' | 'publicJwk' | 'privateKeyCipher'>): Promise<void> {
    await this.tx.manager.insert(SigningKeyEntity, { ...key, retiredAt: null, publishUntil: null });
  }

  async retire(kid: string, at: Date, publishUntil: Date): Promise<void> {
    await this.tx.manager.update(SigningKeyEntity, { kid }, { retiredAt: at, publishUntil });
  }

  findEncryptedWithOldKeys(current: number): Promise<SigningKeyEntity[]> {
    return this.tx.manager
      .createQueryBuilder(SigningKeyEntity, 'key')
      .where('key.private_key_cipher NOT LIKE :prefix', { prefix: `v${current}.%` })
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
  }

  async replacePrivateKeyCipher(kid: string, privateKeyCipher: string): Promise<void> {
    await this.tx.manager.update(SigningKeyEntity, { kid }, { privateKeyCipher });
  }
}
