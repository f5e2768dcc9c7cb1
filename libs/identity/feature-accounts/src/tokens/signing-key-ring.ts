import { errors, importJWK, JWK, JWTVerifyGetKey } from 'jose';

export interface PublishedKey {
  readonly kid: string;
  readonly alg: string;
  readonly jwk: JWK;
}

type VerificationKey = Awaited<ReturnType<typeof importJWK>>;

/** Reloads of the key set triggered by unknown `kid`s happen at most this often. */
const RELOAD_COOLDOWN_MS = 1_000;

/**
 * The public keys identity verifies its own access tokens with. Created before the Nest module (the
 * platform's AuthModule takes `keySource` at definition time) and filled from the database by
 * SigningKeyService; a token naming a key it does not know (another replica rotated) triggers a reload.
 */
export class SigningKeyRing {
  private keys = new Map<string, { alg: string; key: VerificationKey }>();
  private loader?: () => Promise<readonly PublishedKey[]>;
  private lastLoad = 0;

  readonly keySource: JWTVerifyGetKey = async (header) => {
    const kid = header.kid ?? '';
    if (!this.keys.has(kid) && this.loader && Date.now() - this.lastLoad >= RELOAD_COOLDOWN_MS) {
      await this.load();
    }
    const entry = this.keys.get(kid);
    if (!entry || entry.alg !== header.alg) throw new errors.JWKSNoMatchingKey();
    return entry.key;
  };

  /** Sets where keys come from and loads them. */
  async attach(loader: () => Promise<readonly PublishedKey[]>): Promise<void> {
    this.loader = loader;
    await this.load();
  }

  async load(): Promise<void> {
    if (!this.loader) return;
    this.lastLoad = Date.now();
    const published = await this.loader();
    const next = new Map<string, { alg: string; key: VerificationKey }>();
    for (const key of published) next.set(key.kid, { alg: key.alg, key: await importJWK(key.jwk, key.alg) });
    this.keys = next;
  }
}
