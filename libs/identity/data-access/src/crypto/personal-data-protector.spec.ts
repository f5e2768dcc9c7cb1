import { randomBytes } from 'node:crypto';
import { PersonalDataProtector } from './personal-data-protector';

const key = () => randomBytes(32);

describe('personal data protection', () => {
  const hashKey = randomBytes(32);
  const v1 = key();
  const v2 = key();

  it('decrypts what it encrypted and never stores the plaintext', () => {
    const protector = new PersonalDataProtector({ dataKeys: new Map([[1, v1]]), hashKey, development: false });
    const envelope = protector.encrypt('citizen-id', '11010519491231002X');
    expect(envelope).not.toContain('11010519491231002X');
    expect(envelope.startsWith('v1.')).toBe(true);
    expect(protector.decrypt('citizen-id', envelope)).toBe('11010519491231002X');
  });

  it('encrypts with the newest key and still reads data written under an older one', () => {
    const before = new PersonalDataProtector({ dataKeys: new Map([[1, v1]]), hashKey, development: false });
    const old = before.encrypt('name', '张三');
    const after = new PersonalDataProtector({ dataKeys: new Map([[1, v1], [2, v2]]), hashKey, development: false });
    expect(after.decrypt('name', old)).toBe('张三');
    expect(after.needsReencryption(old)).toBe(true);
    const fresh = after.encrypt('name', '张三');
    expect(fresh.startsWith('v2.')).toBe(true);
    expect(after.needsReencryption(fresh)).toBe(false);
  });

  it('refuses a ciphertext moved to another kind of data or tampered with', () => {
    const protector = new PersonalDataProtector({ dataKeys: new Map([[1, v1]]), hashKey, development: false });
    const envelope = protector.encrypt('phone', '13800138000');
    expect(() => protector.decrypt('name', envelope)).toThrow();
    const [version, iv, body, tag] = envelope.split('.') as [string, string, string, string];
    const flipped = Buffer.from(body, 'base64url');
    flipped[0] = (flipped[0] as number) ^ 1;
    expect(() => protector.decrypt('phone', [version, iv, flipped.toString('base64url'), tag].join('.'))).toThrow();
  });

  it('refuses an envelope whose key version is no longer configured', () => {
    const old = new PersonalDataProtector({ dataKeys: new Map([[1, v1]]), hashKey, development: false }).encrypt('name', 'x');
    const withoutV1 = new PersonalDataProtector({ dataKeys: new Map([[2, v2]]), hashKey, development: false });
    expect(() => withoutV1.decrypt('name', old)).toThrow(/unknown key version/);
  });

  it('hashes equal values of one kind equally, and kinds apart', () => {
    const protector = new PersonalDataProtector({ dataKeys: new Map([[1, v1]]), hashKey, development: false });
    expect(protector.hash('citizen-id', 'A')).toBe(protector.hash('citizen-id', 'A'));
    expect(protector.hash('citizen-id', 'A')).not.toBe(protector.hash('phone', 'A'));
    const otherKey = new PersonalDataProtector({ dataKeys: new Map([[1, v1]]), hashKey: randomBytes(32), development: false });
    expect(otherKey.hash('citizen-id', 'A')).not.toBe(protector.hash('citizen-id', 'A'));
  });
});
