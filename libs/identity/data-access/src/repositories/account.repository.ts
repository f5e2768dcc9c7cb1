import { Injectable } from '@nestjs/common';
import { AccountKind, AccountStatus } from '@onewindow/identity/domain';
import { TransactionHost } from '@onewindow/platform/persistence';
import { LessThanOrEqual, QueryFailedError } from 'typeorm';
import { AccountEntity } from '../entities/account.entity';

export type NewAccount = Omit<AccountEntity, 'id' | 'createdAt' | 'updatedAt' | 'version' | 'deregisteredAt' | 'eraseAfter'>;

/** Thrown when an active account with the same key, phone or staff membership already exists. */
export class DuplicateAccountError extends Error {
  constructor(readonly constraint: string) {
    super(`duplicate account (${constraint})`);
    this.name = 'DuplicateAccountError';
  }
}

const UNIQUE_VIOLATION = '23505';
/** Principals of service clients have non-UUID ids; they never name an account. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class AccountRepository {
  constructor(private readonly tx: TransactionHost) {}

  async insert(account: NewAccount): Promise<AccountEntity> {
    try {
      return await this.tx.manager.save(AccountEntity, this.tx.manager.create(AccountEntity, account));
    } catch (error) {
      const driver = error instanceof QueryFailedError ? (error.driverError as { code?: string; constraint?: string }) : undefined;
      if (driver?.code === UNIQUE_VIOLATION) throw new DuplicateAccountError(driver.constraint ?? 'unique');
      throw error;
    }
  }

  async findById(id: string): Promise<AccountEntity | null> {
    if (!UUID.test(id)) return null;
    return this.tx.manager.findOneBy(AccountEntity, { id });
  }

  /** Loads and row-locks an account for a state change (inside a transaction). */
  async lockById(id: string): Promise<AccountEntity | null> {
    if (!UUID.test(id)) return null;
    return this.tx.manager.findOne(AccountEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  findActive(kind: AccountKind, keyHash: string, organisationId?: string): Promise<AccountEntity | null> {
    return this.tx.manager.findOneBy(AccountEntity, {
      kind,
      keyHash,
      status: AccountStatus.Active,
      ...(organisationId !== undefined && { organisationId }),
    });
  }

  /** Whether any active staff account holds the role (the first platform admin is created only once). */
  async anyActiveStaffWithRole(role: string): Promise<boolean> {
    return this.tx.manager
      .createQueryBuilder(AccountEntity, 'account')
      .where('account.kind = :kind AND account.status = :status AND :role = ANY(account.staff_roles)', {
        kind: AccountKind.Staff,
        status: AccountStatus.Active,
        role,
      })
      .getExists();
  }

  findActivePersonByPhone(phoneHash: string): Promise<AccountEntity | null> {
    return this.tx.manager.findOneBy(AccountEntity, { kind: AccountKind.Person, phoneHash, status: AccountStatus.Active });
  }

  async update(account: AccountEntity, changes: Partial<Omit<AccountEntity, 'id' | 'kind'>>): Promise<AccountEntity> {
    try {
      return await this.tx.manager.save(AccountEntity, Object.assign(account, changes));
    } catch (error) {
      const driver = error instanceof QueryFailedError ? (error.driverError as { code?: string; constraint?: string }) : undefined;
      if (driver?.code === UNIQUE_VIOLATION) throw new DuplicateAccountError(driver.constraint ?? 'unique');
      throw error;
    }
  }

  /** Deregistered accounts whose retention period has ended, row-locked; replicas skip each other's rows. */
  findErasable(now: Date, limit: number): Promise<AccountEntity[]> {
    return this.tx.manager.find(AccountEntity, {
      where: { status: AccountStatus.Deregistered, eraseAfter: LessThanOrEqual(now) },
      order: { eraseAfter: 'ASC' },
      take: limit,
      lock: { mode: 'pessimistic_write', onLocked: 'skip_locked' },
    });
  }

  /** Removes every piece of personal data; the row (id, kind, dates, level) stays for the audit trail. */
  async erase(account: AccountEntity): Promise<AccountEntity> {
    return this.update(account, {
      status: AccountStatus.Erased,
      keyHash: null,
      keyCipher: null,
      keyMasked: null,
      nameCipher: null,
      phoneHash: null,
      phoneCipher: null,
      passwordHash: null,
    });
  }

  /** Accounts holding any envelope not written with key version `current`, row-locked, skipping locked rows. */
  findEncryptedWithOldKeys(current: number, limit: number): Promise<AccountEntity[]> {
    const prefix = `v${current}.%`;
    return this.tx.manager
      .createQueryBuilder(AccountEntity, 'account')
      .where(
        `(account.key_cipher NOT LIKE :prefix OR account.name_cipher NOT LIKE :prefix OR account.phone_cipher NOT LIKE :prefix)`,
        { prefix },
      )
      .orderBy('account.id')
      .limit(limit)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
  }
}
