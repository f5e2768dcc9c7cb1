import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { AccountEntity, AccountRepository, PersonalDataKind, PersonalDataProtector, SigningKeyRepository } from '@onewindow/identity/data-access';
import { TransactionHost } from '@onewindow/platform/persistence';
import { PeriodicTask } from '@onewindow/platform/service';

const BATCH = 200;
const INTERVAL_MS = 3_600_000;

/**
 * Data-key rotation, step two (ADR 0014): after a new version is added to IDENTITY_DATA_KEYS,
 * re-encrypts every envelope written under an older one, so the old key can then be removed.
 * Runs hourly and on several replicas at once (rows are claimed with SKIP LOCKED).
 */
@Injectable()
export class PersonalDataRekeyService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(PersonalDataRekeyService.name);
  private readonly task = new PeriodicTask('PersonalDataRekey', INTERVAL_MS, () => this.rekey());

  constructor(
    private readonly accounts: AccountRepository,
    private readonly signingKeys: SigningKeyRepository,
    private readonly protector: PersonalDataProtector,
    private readonly tx: TransactionHost,
  ) {}

  onApplicationBootstrap(): void {
    this.task.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.task.stop();
  }

  /** Returns how many accounts and signing keys were re-encrypted. */
  async rekey(): Promise<number> {
    const current = this.protector.currentVersion;
    let total = await this.tx.transaction(async () => {
      const keys = await this.signingKeys.findEncryptedWithOldKeys(current);
      for (const key of keys) await this.signingKeys.replacePrivateKeyCipher(key.kid, this.reencrypt('signing-key', key.privateKeyCipher));
      return keys.length;
    });
    for (;;) {
      const batch = await this.tx.transaction(async () => {
        const accounts = await this.accounts.findEncryptedWithOldKeys(current, BATCH);
        for (const account of accounts) await this.accounts.update(account, this.reencrypted(account));
        return accounts.length;
      });
      total += batch;
      if (batch < BATCH) break;
    }
    if (total > 0) this.logger.log(`Re-encrypted ${total} records with data key v${current}`);
    return total;
  }

  private reencrypted(account: AccountEntity): Partial<AccountEntity> {
    const kindOfKey: PersonalDataKind = account.kind === 'enterprise' ? 'credit-code' : 'citizen-id';
    return {
      keyCipher: account.keyCipher && this.reencrypt(kindOfKey, account.keyCipher),
      nameCipher: account.nameCipher && this.reencrypt('name', account.nameCipher),
      phoneCipher: account.phoneCipher && this.reencrypt('phone', account.phoneCipher),
    };
  }

  private reencrypt(kind: PersonalDataKind, envelope: string): string {
    return this.protector.needsReencryption(envelope) ? this.protector.encrypt(kind, this.protector.decrypt(kind, envelope)) : envelope;
  }
}
