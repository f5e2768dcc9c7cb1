import { randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { IdentityConfig, PersonalDataProtector, SigningKeyRepository } from '@onewindow/identity/data-access';
import { AppConfig } from '@onewindow/platform/config';
import { TransactionHost } from '@onewindow/platform/persistence';
import { exportJWK, exportPKCS8, generateKeyPair, importPKCS8, JWK } from 'jose';
import { PublishedKey, SigningKeyRing } from './signing-key-ring';

export const SIGNING_KEY_RING = Symbol('SigningKeyRing');
export const SIGNING_ALGORITHM = 'ES256';

/** The platform verifier's longest accepted token lifetime, plus margin for clocks and the signer cache. */
const PUBLISH_AFTER_RETIREMENT_MS = (900 + 180) * 1000;
/** How long a replica signs with the key it loaded before checking the database for a newer one. */
const SIGNER_CACHE_MS = 60_000;
const ROTATION_CHECK_MS = 3_600_000;

export interface Signer {
  readonly kid: string;
  readonly alg: typeof SIGNING_ALGORITHM;
  readonly key: Awaited<ReturnType<typeof importPKCS8>>;
}

/**
 * Access-token signing keys: one active ES256 key, rotated every SIGNING_KEY_ROTATION_DAYS (or on
 * demand); a retired key stays in the JWKS until every token it signed has expired (ADR 0015).
 */
@Injectable()
export class SigningKeyService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(SigningKeyService.name);
  private signer?: { value: Signer; loadedAt: number };
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly keys: SigningKeyRepository,
    private readonly protector: PersonalDataProtector,
    private readonly tx: TransactionHost,
    private readonly config: AppConfig<IdentityConfig>,
    @Inject(SIGNING_KEY_RING) private readonly ring: SigningKeyRing,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.rotateIfDue();
    await this.ring.attach(() => this.published());
    this.timer = setInterval(() => {
      this.rotateIfDue().catch((error: unknown) => this.logger.error(`Signing key rotation check failed: ${(error as Error).message}`));
    }, ROTATION_CHECK_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** Creates the first key, or rotates when the active one is older than the rotation period. */
  async rotateIfDue(): Promise<void> {
    const maxAgeMs = this.config.get('SIGNING_KEY_ROTATION_DAYS') * 86_400_000;
    await this.tx.transaction(async () => {
      await this.keys.lockRotation();
      const active = await this.keys.findActive();
      if (!active || Date.now() - active.createdAt.getTime() >= maxAgeMs) await this.replaceActiveKey();
    });
  }

  /** Retires the active key (it stays published) and activates a new one. Returns the new kid. */
  async rotate(): Promise<string> {
    const kid = await this.tx.transaction(async () => {
      await this.keys.lockRotation();
      return this.replaceActiveKey();
    });
    this.signer = undefined;
    await this.ring.load();
    return kid;
  }

  async currentSigner(): Promise<Signer> {
    if (this.signer && Date.now() - this.signer.loadedAt < SIGNER_CACHE_MS) return this.signer.value;
    const active = await this.keys.findActive();
    if (!active) throw new Error('no active signing key');
    const pem = this.protector.decrypt('signing-key', active.privateKeyCipher);
    const value: Signer = { kid: active.kid, alg: SIGNING_ALGORITHM, key: await importPKCS8(pem, SIGNING_ALGORITHM) };
    this.signer = { value, loadedAt: Date.now() };
    return value;
  }

  /** The JWKS: public keys only, the active one first. */
  async published(): Promise<PublishedKey[]> {
    const keys = await this.keys.findPublished(new Date());
    return keys.map((key) => ({ kid: key.kid, alg: key.alg, jwk: key.publicJwk }));
  }

  private async replaceActiveKey(): Promise<string> {
    const now = new Date();
    const active = await this.keys.findActive();
    if (active) await this.keys.retire(active.kid, now, new Date(now.getTime() + PUBLISH_AFTER_RETIREMENT_MS));
    const { publicKey, privateKey } = await generateKeyPair(SIGNING_ALGORITHM, { extractable: true });
    const kid = `${now.toISOString().slice(0, 10)}-${randomBytes(6).toString('hex')}`;
    const publicJwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: SIGNING_ALGORITHM, use: 'sig' };
    await this.keys.insert({
      kid,
      alg: SIGNING_ALGORITHM,
      publicJwk,
      privateKeyCipher: this.protector.encrypt('signing-key', await exportPKCS8(privateKey)),
    });
    this.logger.log(`Signing key ${kid} activated${active ? `, ${active.kid} retired` : ''}`);
    return kid;
  }
}
