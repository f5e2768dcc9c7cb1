import { randomBytes } from 'node:crypto';
import { PersonalDataRekeyService } from '../src/accounts/personal-data-rekey.service';
import { IdentityHarness, newIdNumber, newPhone, PASSWORD } from './harness';

const key = () => randomBytes(32).toString('base64');

// Three generations of the service over one database: v1 only, v1 + v2, v2 only.
describe('identity: data-key rotation', () => {
  const v1 = `v1:${key()}`;
  const v2 = `v2:${key()}`;
  const hashKey = key();
  let identity: IdentityHarness | undefined;

  afterAll(async () => {
    await identity?.close();
  });

  it('reads data written under the old key, re-encrypts it under the new one, and works once the old key is gone', async () => {
    const person = { idNumber: newIdNumber(), name: '吴志强', phone: newPhone(), password: PASSWORD };
    identity = await IdentityHarness.start({ IDENTITY_DATA_KEYS: v1, IDENTITY_HASH_KEY: hashKey });
    expect((await identity.request('POST', '/accounts', { payload: person })).statusCode).toBe(201);
    const database = identity.db;
    await identity.close({ keepDatabase: true });

    identity = await IdentityHarness.start({ IDENTITY_DATA_KEYS: `${v1},${v2}`, IDENTITY_HASH_KEY: hashKey }, database);
    const before = await identity.db.dataSource.query(`SELECT key_cipher, name_cipher, phone_cipher FROM account`);
    expect(before.every((row: Record<string, string>) => Object.values(row).every((envelope) => envelope.startsWith('v1.')))).toBe(true);
    expect((await identity.request('POST', '/sessions', { payload: { idNumber: person.idNumber, password: PASSWORD } })).statusCode).toBe(200);
    expect(await identity.app.get(PersonalDataRekeyService, { strict: false }).rekey()).toBeGreaterThanOrEqual(2);
    const after = await identity.db.dataSource.query(`SELECT key_cipher, name_cipher, phone_cipher FROM account UNION ALL SELECT private_key_cipher, private_key_cipher, private_key_cipher FROM signing_key`);
    expect(after.every((row: Record<string, string>) => Object.values(row).every((envelope) => envelope.startsWith('v2.')))).toBe(true);
    await identity.close({ keepDatabase: true });

    identity = await IdentityHarness.start({ IDENTITY_DATA_KEYS: v2, IDENTITY_HASH_KEY: hashKey }, database);
    const session = await identity.request('POST', '/sessions', { payload: { phone: person.phone, password: PASSWORD } });
    expect(session.statusCode).toBe(200);
    const me = await identity.request('GET', '/accounts/me', { token: session.json<{ accessToken: string }>().accessToken });
    expect(me.json()).toMatchObject({ name: '吴*强', idNumber: `${person.idNumber.slice(0, 6)}********${person.idNumber.slice(14)}` });
  });
});
