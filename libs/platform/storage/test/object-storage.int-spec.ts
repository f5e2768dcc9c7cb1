import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { TransactionHost } from '@onewindow/platform/persistence';
import { createTestDatabase, TestDatabase } from '@onewindow/platform/testing';
import S3rver from 's3rver';
import { CorruptObjectError, ObjectStorage, objectStorageTable, PostgresObjectStorage, S3ObjectStorage, sha256Hex } from '../src';

class ObjectTable1764489600000 {
  name = 'ObjectTable1764489600000';
  up = objectStorageTable.up;
  down = objectStorageTable.down;
}

const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from(randomUUID().repeat(2000))]);

/** The behaviour every adapter keeps. */
function behavesAsObjectStorage(storage: () => ObjectStorage) {
  it('returns what was put, with its SHA-256 and size', async () => {
    const key = `uploads/${randomUUID()}`;
    const stored = await storage().put(key, pdf, 'application/pdf');
    expect(stored).toEqual({ key, sha256: sha256Hex(pdf), size: pdf.length });
    const read = await storage().get(key);
    expect(read?.contentType).toBe('application/pdf');
    expect(read?.sha256).toBe(sha256Hex(pdf));
    expect(read?.bytes.equals(pdf)).toBe(true);
  });

  it('answers null for a missing key and deletes idempotently', async () => {
    const key = `uploads/${randomUUID()}`;
    expect(await storage().get(key)).toBeNull();
    await storage().put(key, Buffer.from([0xff, 0xd8, 0xff]), 'image/jpeg');
    await storage().delete(key);
    await storage().delete(key);
    expect(await storage().get(key)).toBeNull();
  });
}

describe('PostgresObjectStorage on the real PostgreSQL', () => {
  let db: TestDatabase;
  let storage: PostgresObjectStorage;

  beforeAll(async () => {
    db = await createTestDatabase({ entities: [], migrations: [ObjectTable1764489600000], prefix: 'ow_storage' });
    storage = new PostgresObjectStorage(new TransactionHost(db.dataSource));
  });
  afterAll(async () => db?.drop());

  behavesAsObjectStorage(() => storage);

  it('refuses to return bytes that no longer match their SHA-256', async () => {
    const key = `uploads/${randomUUID()}`;
    await storage.put(key, pdf, 'application/pdf');
    await db.dataSource.query(`UPDATE stored_object SET bytes = overlay(bytes placing '\\x00'::bytea from 20) WHERE key = $1`, [key]);
    await expect(storage.get(key)).rejects.toBeInstanceOf(CorruptObjectError);
  });

  it('rolls the object back with the transaction it was written in', async () => {
    const tx = new TransactionHost(db.dataSource);
    const inTx = new PostgresObjectStorage(tx);
    const key = `uploads/${randomUUID()}`;
    await expect(
      tx.transaction(async () => {
        await inTx.put(key, pdf, 'application/pdf');
        throw new Error('the upload record failed');
      }),
    ).rejects.toThrow('the upload record failed');
    expect(await storage.get(key)).toBeNull();
  });
});

describe('S3ObjectStorage against an S3-compatible server', () => {
  const bucket = 'onewindow-materials';
  let server: S3rver;
  let directory: string;
  let storage: S3ObjectStorage;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'ow-s3-'));
    server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket, configs: [] }] });
    const { port } = await server.run();
    storage = new S3ObjectStorage({
      endpoint: `http://127.0.0.1:${port}`,
      region: 'us-east-1',
      bucket,
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
      forcePathStyle: true,
    });
  });
  afterAll(async () => {
    storage?.destroy();
    await server?.close();
    if (directory) await rm(directory, { recursive: true, force: true });
  });

  behavesAsObjectStorage(() => storage);

  it('refuses to return bytes that no longer match the SHA-256 recorded with them', async () => {
    const key = `uploads/${randomUUID()}`;
    await storage.put(key, pdf, 'application/pdf');
    const damaged = Buffer.from(pdf);
    damaged[20] = 0;
    // The server's own file of the object, damaged on disk behind the store's back.
    await writeFile(join(directory, bucket, `${key}._S3rver_object`), damaged);
    await expect(storage.get(key)).rejects.toBeInstanceOf(CorruptObjectError);
  });
});
