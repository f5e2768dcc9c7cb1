import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AuthTestKit } from '@onewindow/platform/auth';
import { startTestService, TestService } from '@onewindow/platform/service/testing';
import { sha256Hex } from '@onewindow/platform/storage';
import { TestDatabase } from '@onewindow/platform/testing';
import { workflowMigrations } from '@onewindow/workflow/data-access';
import { ApplicationsModule } from '../src';
import { foodLicenceCopy, recordItemCopy } from './support/item-copies';

const WINDOW = '350123-admin-service-centre-window-enterprise-licensing';
const serial = () => String(Math.floor(Math.random() * 10_000)).padStart(4, '0');

const MATERIALS = [
  { name: '食品经营许可申请书', form: 'ELECTRONIC', copies: 1, originalRequired: false, source: 'APPLICANT' },
  { name: '经营场所使用证明', form: 'PAPER_OR_ELECTRONIC', copies: 1, originalRequired: true, source: 'RETAINED_PROOF', proofCode: 'RP-003' },
  { name: '营业执照', form: 'ELECTRONIC', copies: 1, originalRequired: false, source: 'E_LICENCE', licenceType: 'BUSINESS_LICENCE' },
  { name: '户籍信息', form: 'ELECTRONIC', copies: 1, originalRequired: false, source: 'DEPARTMENT_DATA', dataResource: 'household-register' },
];

interface UploadBody {
  uploadId: string;
  sha256: string;
}
interface Material {
  id: string;
  name: string;
  source: string;
  size: number | null;
  sha256: string | null;
  contentType: string | null;
  round: number;
  verified: boolean;
  licenceId: string | null;
}

describe('materials of an application', () => {
  let service: TestService;
  let idp: AuthTestKit.TestIdentityProvider;
  let db: TestDatabase;
  let app: NestFastifyApplication;
  const itemCode = `350123-010-01-${serial()}-1`;

  beforeAll(async () => {
    service = await startTestService({ name: 'workflow-materials', imports: [ApplicationsModule], migrations: workflowMigrations });
    ({ app, idp, db } = service);
    await recordItemCopy(
      app,
      foodLicenceCopy(itemCode, {
        content: { name: '食品经营许可证核发', materials: MATERIALS, servicePoints: ['COUNTY_HALL'], hallWindow: 'ENTERPRISE_LICENSING' },
      }),
    );
  }, 120_000);
  afterAll(async () => service?.close());

  const citizen = (id: string) => idp.sign({ claims: { sub: id, roles: ['citizen'] } });
  const clerk = () => idp.sign({ claims: { sub: `clerk@${WINDOW}`, roles: ['window_clerk'], org: WINDOW } });
  const reviewer = (dept: string) => idp.sign({ claims: { sub: `reviewer-${dept}`, roles: ['department_reviewer'], org: `dept-${dept}`, dept } });
  const call = async (method: 'GET' | 'POST', url: string, token: string, payload?: object) =>
    app.inject({ method, url, payload, headers: { authorization: `Bearer ${token}`, 'idempotency-key': randomUUID() } });
  const upload = async (token: string, bytes: Buffer = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(2048)])) => {
    const response = await app.inject({
      method: 'POST',
      url: '/uploads',
      payload: bytes,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/pdf' },
    });
    expect(response.statusCode).toBe(201);
    return { ...response.json<UploadBody>(), bytes };
  };
  const complete = async (token: string) => [
    { name: '食品经营许可申请书', uploadId: (await upload(token)).uploadId },
    { name: '经营场所使用证明', uploadId: (await upload(token)).uploadId },
  ];
  const casesOf = async (applicant: string) =>
    (await db.dataSource.query(`SELECT count(*)::int AS n FROM application WHERE applicant_id = $1`, [applicant]))[0].n as number;
  const attachedTo = async (uploadId: string) => (await db.dataSource.query(`SELECT attached_to FROM upload WHERE id = $1`, [uploadId]))[0]?.attached_to;

  it('files an online case with every material, lists them and serves each file with the same SHA-256', async () => {
    const token = await citizen('person-complete');
    const form = await upload(token);
    const proof = await upload(token);
    const submitted = await call('POST', '/applications', token, {
      itemCode,
      channel: 'ONLINE',
      materials: [
        { name: '食品经营许可申请书', uploadId: form.uploadId },
        { name: '经营场所使用证明', uploadId: proof.uploadId },
      ],
    });
    expect(submitted.statusCode).toBe(201);
    const { id } = submitted.json<{ id: string }>();
    expect(await attachedTo(form.uploadId)).toBe(id);

    const listed = await call('GET', `/applications/${id}/materials`, token);
    expect(listed.statusCode).toBe(200);
    const materials = listed.json<Material[]>();
    expect(materials.map((m) => [m.name, m.source, m.round, m.verified, m.size, m.sha256])).toEqual(
      expect.arrayContaining([
        ['食品经营许可申请书', 'UPLOAD', 0, true, form.bytes.length, sha256Hex(form.bytes)],
        ['经营场所使用证明', 'UPLOAD', 0, true, proof.bytes.length, sha256Hex(proof.bytes)],
      ]),
    );
    const material = materials.find((m) => m.name === '食品经营许可申请书');
    const content = await call('GET', `/applications/${id}/materials/${material?.id}/content`, token);
    expect(content.statusCode).toBe(200);
    expect(content.headers['content-type']).toBe('application/pdf');
    expect(sha256Hex(content.rawPayload)).toBe(form.sha256);

    const accepted = await call('POST', `/applications/${id}/acceptance`, await clerk(), {});
    expect(accepted.statusCode).toBe(200);
    const byReviewer = await call('GET', `/applications/${id}/materials/${material?.id}/content`, await reviewer('010'));
    expect(sha256Hex(byReviewer.rawPayload)).toBe(form.sha256);
    expect((await call('GET', `/applications/${id}/materials`, await reviewer('009'))).statusCode).toBe(403);
    expect((await call('GET', `/applications/${id}/materials`, await citizen('person-nosy'))).statusCode).toBe(404);
  });

  it('refuses a material the item does not list, naming it, with no case filed and the upload still free', async () => {
    const token = await citizen('person-stranger-material');
    const materials = [...(await complete(token)), { name: '身份证复印件', uploadId: (await upload(token)).uploadId }];
    const response = await call('POST', '/applications', token, { itemCode, channel: 'ONLINE', materials });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({
      code: 'MATERIALS_INVALID',
      errors: [{ field: 'materials[2].name', reason: `is not a material of item ${itemCode}` }],
    });
    expect(await casesOf('person-stranger-material')).toBe(0);
    for (const m of materials) expect(await attachedTo(m.uploadId)).toBeNull();
  });

  it("refuses someone else's upload and a material read from department data", async () => {
    const token = await citizen('person-borrower');
    const theirs = await upload(await citizen('person-lender'));
    const [form] = await complete(token);
    const borrowed = await call('POST', '/applications', token, {
      itemCode,
      channel: 'ONLINE',
      materials: [form, { name: '经营场所使用证明', uploadId: theirs.uploadId }],
    });
    expect(borrowed.statusCode).toBe(400);
    expect(borrowed.json()).toMatchObject({ errors: [{ field: 'materials[1].uploadId', reason: 'is not an upload of yours' }] });
    const departmentData = await call('POST', '/applications', token, {
      itemCode,
      channel: 'ONLINE',
      materials: [...(await complete(token)), { name: '户籍信息', uploadId: (await upload(token)).uploadId }],
    });
    expect(departmentData.json()).toMatchObject({ errors: [{ field: 'materials[2].name' }] });
    expect(await casesOf('person-borrower')).toBe(0);
  });

  it('refuses an online case missing required materials with 422 listing each', async () => {
    const token = await citizen('person-incomplete');
    const response = await call('POST', '/applications', token, { itemCode, channel: 'ONLINE' });
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({
      code: 'MATERIALS_INCOMPLETE',
      errors: [
        { field: 'materials', reason: 'must include 食品经营许可申请书' },
        { field: 'materials', reason: 'must include 经营场所使用证明' },
      ],
    });
    expect(await casesOf('person-incomplete')).toBe(0);
  });

  it('validates the shape of each material: exactly one of uploadId and licenceId', async () => {
    const token = await citizen('person-shape');
    const neither = await call('POST', '/applications', token, { itemCode, channel: 'ONLINE', materials: [{ name: '营业执照' }] });
    expect(neither.statusCode).toBe(400);
    expect(neither.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'materials[0].uploadId' }] });
    const both = await call('POST', '/applications', token, {
      itemCode,
      channel: 'ONLINE',
      materials: [{ name: '营业执照', uploadId: randomUUID(), licenceId: 'BL-350123-0001' }],
    });
    expect(both.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'materials[0].uploadId' }] });
  });

  it('takes a case in at the window without materials (originals checked on paper)', async () => {
    const response = await call('POST', '/applications', await clerk(), { itemCode, channel: 'COUNTY_HALL', applicantId: 'person-at-window' });
    expect(response.statusCode).toBe(201);
  });

  it('attaches an e-licence reference unverified while no licence store is configured, and only for an e-licence material', async () => {
    const token = await citizen('person-licence');
    const response = await call('POST', '/applications', token, {
      itemCode,
      channel: 'ONLINE',
      materials: [...(await complete(token)), { name: '营业执照', licenceId: 'BL-350123-2026-000123' }],
    });
    expect(response.statusCode).toBe(201);
    const materials = (await call('GET', `/applications/${response.json<{ id: string }>().id}/materials`, token)).json<Material[]>();
    expect(materials.find((m) => m.name === '营业执照')).toMatchObject({
      source: 'E_LICENCE',
      licenceId: 'BL-350123-2026-000123',
      verified: false,
      sha256: null,
    });

    const wrong = await call('POST', '/applications', await citizen('person-licence-wrong'), {
      itemCode,
      channel: 'ONLINE',
      materials: [{ name: '食品经营许可申请书', licenceId: 'BL-350123-2026-000123' }],
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ errors: [{ field: 'materials[0].licenceId' }] });
    expect(await casesOf('person-licence-wrong')).toBe(0);
  });

  it('attaches replacements in a supplement round, and only then', async () => {
    const token = await citizen('person-supplement');
    const submitted = await call('POST', '/applications', token, { itemCode, channel: 'ONLINE', materials: await complete(token) });
    const { id } = submitted.json<{ id: string }>();
    const tooEarly = await call('POST', `/applications/${id}/materials`, token, { materials: [{ name: '经营场所使用证明', uploadId: (await upload(token)).uploadId }] });
    expect(tooEarly.statusCode).toBe(409);
    expect((await call('POST', `/applications/${id}/supplement-request`, await clerk(), { missing: ['经营场所使用证明'] })).statusCode).toBe(200);

    const stranger = await call('POST', `/applications/${id}/materials`, await citizen('person-other'), {
      materials: [{ name: '经营场所使用证明', uploadId: (await upload(await citizen('person-other'))).uploadId }],
    });
    expect(stranger.statusCode).toBe(404);
    const notInItem = await call('POST', `/applications/${id}/materials`, token, { materials: [{ name: '平面图', uploadId: (await upload(token)).uploadId }] });
    expect(notInItem.json()).toMatchObject({ code: 'MATERIALS_INVALID', errors: [{ field: 'materials[0].name' }] });

    const replacement = await upload(token);
    const attached = await call('POST', `/applications/${id}/materials`, token, { materials: [{ name: '经营场所使用证明', uploadId: replacement.uploadId }] });
    expect(attached.statusCode).toBe(201);
    const rounds = attached.json<Material[]>().filter((m) => m.name === '经营场所使用证明').map((m) => [m.round, m.sha256]);
    expect(rounds).toEqual([
      [0, expect.any(String)],
      [1, replacement.sha256],
    ]);
    expect((await call('POST', `/applications/${id}/resubmission`, token)).json()).toMatchObject({ status: 'SUBMITTED' });
  });
});

describe('materials of an application, with a licence store that fails', () => {
  let service: TestService;
  let licenceStore: Server;
  const itemCode = `350123-010-01-${serial()}-2`;

  beforeAll(async () => {
    // The licence service answers 500 to every lookup.
    licenceStore = createServer((_request, response) => void response.writeHead(500).end());
    await new Promise<void>((resolve) => licenceStore.listen(0, '127.0.0.1', () => resolve()));
    process.env['LICENCE_URL'] = `http://127.0.0.1:${(licenceStore.address() as AddressInfo).port}`;
    try {
      service = await startTestService({ name: 'workflow-materials-licence', imports: [ApplicationsModule], migrations: workflowMigrations });
    } finally {
      delete process.env['LICENCE_URL'];
    }
    await recordItemCopy(
      service.app,
      foodLicenceCopy(itemCode, { content: { name: '食品经营许可证核发', materials: MATERIALS.filter((m) => m.source === 'E_LICENCE') } }),
    );
  }, 120_000);
  afterAll(async () => {
    await service?.close();
    await new Promise((resolve) => licenceStore?.close(resolve));
  });

  it('answers 503 and stores nothing when the licence store cannot confirm a reference', async () => {
    const token = await service.idp.sign({ claims: { sub: 'person-licence-down', roles: ['citizen'] } });
    const response = await service.app.inject({
      method: 'POST',
      url: '/applications',
      payload: { itemCode, channel: 'ONLINE', materials: [{ name: '营业执照', licenceId: 'BL-350123-2026-000123' }] },
      headers: { authorization: `Bearer ${token}`, 'idempotency-key': randomUUID() },
    });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({ code: 'LICENCE_STORE_UNAVAILABLE' });
    const [{ n }] = await service.db.dataSource.query(`SELECT count(*)::int AS n FROM application WHERE applicant_id = 'person-licence-down'`);
    expect(n).toBe(0);
  });
});
