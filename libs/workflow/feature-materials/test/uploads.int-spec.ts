import { randomBytes } from 'node:crypto';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AuthTestKit } from '@onewindow/platform/auth';
import { startTestService, TestService } from '@onewindow/platform/service/testing';
import { sha256Hex } from '@onewindow/platform/storage';
import { TestDatabase } from '@onewindow/platform/testing';
import { workflowMigrations } from '@onewindow/workflow/data-access';
import { MaterialsModule, UploadsService } from '../src';

const MiB = 1024 * 1024;

describe('uploads of application materials', () => {
  let service: TestService;
  let app: NestFastifyApplication;
  let idp: AuthTestKit.TestIdentityProvider;
  let db: TestDatabase;

  beforeAll(async () => {
    service = await startTestService({ name: 'workflow-uploads', imports: [MaterialsModule], migrations: workflowMigrations });
    ({ app, idp, db } = service);
  }, 120_000);
  afterAll(async () => service?.close());

  const citizen = (id = 'person-1') => idp.sign({ claims: { sub: id, roles: ['citizen'] } });
  const upload = async (token: string, body: Buffer | string, contentType = 'application/pdf') =>
    app.inject({ method: 'POST', url: '/uploads', payload: body, headers: { authorization: `Bearer ${token}`, 'content-type': contentType } });
  const stored = async () => (await db.dataSource.query(`SELECT count(*)::int AS n FROM upload`))[0].n as number;
  const objects = async () => (await db.dataSource.query(`SELECT count(*)::int AS n FROM stored_object`))[0].n as number;

  it('stores a PDF for its uploader and answers its SHA-256, size and expiry', async () => {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(4096)]);
    const response = await upload(await citizen(), pdf);
    expect(response.statusCode).toBe(201);
    const body = response.json<{ uploadId: string; sha256: string; size: number; contentType: string; expiresAt: string }>();
    expect(body).toMatchObject({ sha256: sha256Hex(pdf), size: pdf.length, contentType: 'application/pdf' });
    const hours = (Date.parse(body.expiresAt) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(23.9);
    expect(hours).toBeLessThanOrEqual(24);
    const [row] = await db.dataSource.query(`SELECT owner_id, attached_to FROM upload WHERE id = $1`, [body.uploadId]);
    expect(row).toEqual({ owner_id: 'person-1', attached_to: null });
  });

  it('accepts JPEG, PNG and OFD with parameters in the content type', async () => {
    const token = await citizen();
    for (const type of ['image/jpeg', 'image/png', 'application/ofd; charset=binary']) {
      expect((await upload(token, randomBytes(100), type)).statusCode).toBe(201);
    }
  });

  it('refuses a file over the limit with 413 naming file, storing nothing', async () => {
    const before = [await stored(), await objects()];
    const response = await upload(await citizen(), Buffer.alloc(10 * MiB + 1, 1));
    expect(response.statusCode).toBe(413);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ code: 'MATERIAL_FILE_TOO_LARGE', errors: [{ field: 'file' }] });
    expect([await stored(), await objects()]).toEqual(before);
  });

  it('refuses a body over the limit that does not announce its length, as the same problem', async () => {
    const before = await stored();
    const { Readable } = await import('node:stream');
    const chunks = Array.from({ length: 11 }, () => Buffer.alloc(MiB, 2));
    const response = await app.inject({
      method: 'POST',
      url: '/uploads',
      payload: Readable.from(chunks),
      headers: { authorization: `Bearer ${await citizen()}`, 'content-type': 'application/pdf', 'transfer-encoding': 'chunked' },
    });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ code: 'MATERIAL_FILE_TOO_LARGE', errors: [{ field: 'file' }] });
    expect(await stored()).toBe(before);
  });

  it('refuses other content types with 415 and an empty file with 400', async () => {
    const token = await citizen();
    const zip = await upload(token, randomBytes(100), 'application/zip');
    expect(zip.statusCode).toBe(415);
    expect(zip.json()).toMatchObject({ code: 'MATERIAL_UNSUPPORTED_TYPE', errors: [{ field: 'file' }] });
    const json = await app.inject({ method: 'POST', url: '/uploads', payload: { file: 'x' }, headers: { authorization: `Bearer ${token}` } });
    expect(json.statusCode).toBe(415);
    const empty = await upload(token, Buffer.alloc(0));
    expect(empty.statusCode).toBe(400);
    expect(empty.json()).toMatchObject({ code: 'MATERIAL_FILE_EMPTY', errors: [{ field: 'file' }] });
  });

  it('keeps file types off every other route', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/applications/00000000-0000-4000-8000-000000000000/materials',
      payload: randomBytes(10),
      headers: { authorization: `Bearer ${await citizen()}`, 'content-type': 'application/pdf' },
    });
    expect(response.statusCode).toBe(415);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });

  it('refuses reviewers, who never upload', async () => {
    const reviewer = await idp.sign({ claims: { sub: 'reviewer-1', roles: ['department_reviewer'], org: 'dept-010', dept: '010' } });
    expect((await upload(reviewer, randomBytes(10))).statusCode).toBe(403);
  });

  it('prunes expired unattached uploads with their stored objects, and nothing else', async () => {
    const token = await citizen('person-prune');
    const old = (await upload(token, randomBytes(64))).json<{ uploadId: string }>().uploadId;
    const fresh = (await upload(token, randomBytes(64))).json<{ uploadId: string }>().uploadId;
    await db.dataSource.query(`UPDATE upload SET expires_at = now() - interval '1 minute' WHERE id = $1`, [old]);
    const pruned = await app.get(UploadsService).pruneExpired(new Date());
    expect(pruned).toBeGreaterThanOrEqual(1);
    const left = await db.dataSource.query(`SELECT id FROM upload WHERE id = ANY($1::uuid[])`, [[old, fresh]]);
    expect(left).toEqual([{ id: fresh }]);
    const objectsLeft = await db.dataSource.query(`SELECT key FROM stored_object WHERE key = ANY($1)`, [[`uploads/${old}`, `uploads/${fresh}`]]);
    expect(objectsLeft).toEqual([{ key: `uploads/${fresh}` }]);
    expect(await app.get(UploadsService).pruneExpired(new Date())).toBe(0);
  });
});
