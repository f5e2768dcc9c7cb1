import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { IdentitySecrets } from '../identity.config';

/** What a value is, bound into its keyed hash and its ciphertext so values never swap columns. */
export type PersonalDataKind = 'citizen-id' | 'credit-code' | 'name' | 'phone' | 'signing-key';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * AES-256-GCM encryption of personal data at rest and HMAC-SHA256 keyed hashes to look it up.
 * Envelope: `v<key version>.<iv>.<ciphertext>.<tag>` (base64url); the kind is the associated data.
 * New values use the highest key version; any configured version decrypts, so keys rotate by adding a
 * version, re-encrypting (`needsReencryption`), then removing the old one.
 */
export class PersonalDataProtector {
  /** The key version new envelopes are written with. */
  readonly currentVersion: number;

  constructor(private readonly secrets: IdentitySecrets) {
    if (secrets.dataKeys.size === 0) throw new Error('no data key configured');
    this.currentVersion = Math.max(...secrets.dataKeys.keys());
  }

  encrypt(kind: PersonalDataKind, plaintext: string): string {
    const key = this.secrets.dataKeys.get(this.currentVersion) as Buffer;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(kind));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [`v${this.currentVersion}`, iv.toString('base64url'), ciphertext.toString('base64url'), tag.toString('base64url')].join('.');
  }

  decrypt(kind: PersonalDataKind, envelope: string): string {
    const [version, iv, ciphertext, tag] = envelope.split('.');
    const key = version?.startsWith('v') ? this.secrets.dataKeys.get(Number(version.slice(1))) : undefined;
    if (!key || iv === undefined || ciphertext === undefined || tag === undefined) {
      throw new Error(`cannot decrypt ${kind}: unknown key version or malformed envelope`);
    }
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'), { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(kind));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  }

  needsReencryption(envelope: string): boolean {
    return !envelope.startsWith(`v${this.currentVersion}.`);
  }

  /** Hex HMAC-SHA256 of the kind and the value: equal values of a kind give equal hashes. */
  hash(kind: PersonalDataKind, value: string): string {
    return createHmac('sha256', this.secrets.hashKey).update(`${kind}:${value}`).digest('hex');
  }
}
