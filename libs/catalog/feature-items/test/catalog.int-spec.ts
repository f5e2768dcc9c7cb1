import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Module } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { catalogEntities, catalogMigrations } from '@onewindow/catalog/data-access';
import { eventCatalog } from '@onewindow/contracts/events';
import { AuthTestKit } from '@onewindow/platform/auth';
import { DatabaseConfig } from '@onewindow/platform/config';
import { SchemaValidator } from '@onewindow/platform/events';
import { createServiceApp, EDGE_CACHE_PURGE_CHANNEL } from '@onewindow/platform/http';
import { serviceMigrations, ServicePlatformModule } from '@onewindow/platform/service';
import { createTestDatabase, testKafka, TestDatabase, TopicProbe, uniqueName, waitFor } from '@onewindow/platform/testing';
import { Redis } from 'ioredis';
import { CatalogFeatureModule, CatalogImporter } from '../src';

interface DemoItem {
  code: string;
  departmentCode: string;
  type: string;
  content: Record<string, unknown> & { name: string; materials: Array<Record<string, unknown>> };
}
const demo = JSON.parse(readFileSync(join(__dirname, '../../../../deploy/demo/catalog/catalog.json'), 'utf8')) as {
  items: DemoItem[];
  retainedProofs: unknown[];
};
const demoItem = (name: string): DemoItem => {
  const found = demo.items.find((i) => i.content.name === name);
  if (!found) throw new Error(`demo item ${name} missing`);
  return found;
};

const PUBLISHED = 'gov.onewindow.catalog.item.published.v1';
const RETIRED = 'gov.onewindow.catalog.item.retired.v1';
const ITEM_TOPIC = 'onewindow.catalog.item';

describe('the item catalogue (real PostgreSQL, Redis and Kafka)', () => {
  // A service name of its own: its events' source and its Redis cache keys belong to this run only.
  const service = uniqueName('catalog').replace(/_/g, '-');
  let idp: AuthTestKit.TestIdentityProvider;
  let db: TestDatabase;
  let app: NestFastifyApplication;
  let probe: TopicProbe;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    idp = await AuthTestKit.TestIdentityProvider.start();
    db = await createTestDatabase({ entities: catalogEntities, migrations: serviceMigrations(catalogMigrations), prefix: 'ow_catalog' });
    const env = { SERVICE_NAME: service, DATABASE_URL: db.url, LOG_LEVEL: 'silent', ...idp.env() };
    Object.assign(process.env, env);
    @Module({
      imports: [
        ServicePlatformModule.forService({
          config: DatabaseConfig,
          database: { entities: catalogEntities, migrations: catalogMigrations },
          auth: { env: { ...process.env, ...env } },
        }),
        CatalogFeatureModule,
      ],
    })
    class CatalogTestModule {}
    app = await createServiceApp(CatalogTestModule);
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    probe = await new TopicProbe(testKafka()).start([ITEM_TOPIC]);
    const staff = (sub: string, roles: string[], dept?: string) =>
      idp.sign({ claims: { sub, roles, org: 'luoyuan', ...(dept ? { dept } : {}) } });
    tokens['market'] = await staff('admin-market', ['department_admin'], '010');
    tokens['police'] = await staff('admin-police', ['department_admin'], '003');
    tokens['platform'] = await staff('admin-platform', ['platform_admin']);
    tokens['clerk'] = await staff('clerk-1', ['window_clerk'], '010');
    const report = await app.get(CatalogImporter).load(demo, 'test-loader');
    expect(report).toEqual({ proofsAdded: demo.retainedProofs.length, itemsImported: demo.items.length, itemsSkipped: 0 });
  }, 120_000);
  /** Hears the purges the catalogue publishes for the gateways' edge caches. */
  const purgeSubscriber = new Redis({ host: '127.0.0.1', port: 6379, lazyConnect: true });

  afterAll(async () => {
    purgeSubscriber.disconnect();
    await probe?.stop();
    await app?.close();
    await db?.drop();
    await idp?.close();
  });

  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, options: { as?: string; body?: object; headers?: Record<string, string> } = {}) =>
    app.inject({
      method,
      url,
      ...(options.body ? { payload: options.body } : {}),
      headers: { ...(options.as ? { authorization: `Bearer ${tokens[options.as]}` } : {}), ...options.headers },
    });
  const count = async (sql: string, params: unknown[] = []) => ((await db.dataSource.query(sql, params)) as Array<{ n: number }>)[0]?.n;
  const eventsOf = (type: string, code: string) =>
    probe.messages.filter((m) => m.headers['ce_type'] === type && m.key === code && m.headers['ce_source'] === `/onewindow/${service}`);
  const validator = new SchemaValidator(eventCatalog);

  const newContent = (overrides: Record<string, unknown> = {}) => ({ ...structuredClone(demoItem('个体工商户设立登记').content), ...overrides });

  describe('demo catalogue', () => {
    it('loads at least 30 items across the ten departments once; loading again changes nothing', async () => {
      const again = await app.get(CatalogImporter).load(demo, 'test-loader');
      expect(again).toEqual({ proofsAdded: 0, itemsImported: 0, itemsSkipped: demo.items.length });
      expect(await count(`SELECT count(*)::int AS n FROM catalog_item WHERE published_version IS NOT NULL`)).toBe(demo.items.length);
      expect(demo.items.length).toBeGreaterThanOrEqual(30);
      const overview = (await call('GET', '/public/lists')).json<{ lists: Array<{ list: string; count: number; byDepartment: Record<string, number> }>; retainedProofs: number }>();
      const powers = overview.lists.find((l) => l.list === 'powers');
      expect(Object.keys(overview.lists.find((l) => l.list === 'licensing')?.byDepartment ?? {}).length).toBeGreaterThanOrEqual(9);
      expect(powers?.count).toBeGreaterThan(20);
      expect(overview.retainedProofs).toBe(demo.retainedProofs.length);
    });
  });

  describe('public search', () => {
    const top = async (q: string, extra = '') => {
      const response = await call('GET', `/public/items?q=${encodeURIComponent(q)}${extra}`);
      expect(response.statusCode).toBe(200);
      return response.json<{ total: number; items: Array<{ name: string; departmentCode: string; onlineLevel: string; lifeEvents: string[] }> }>();
    };

    it.each([
      ['我要办营业执照', ['个体工商户设立登记', '有限责任公司设立登记']],
      ['身份证丢了怎么补办', ['居民身份证换领、补领']],
      ['给孩子上户口', ['出生登记']],
      ['领结婚证', ['内地居民结婚登记']],
      ['申请公租房', ['公共租赁住房申请']],
      ['开饭店要办什么证', ['食品经营许可']],
      ['二手房过户', ['不动产转移登记']],
    ])('finds what a resident means by "%s" first', async (q, expected) => {
      const result = await top(q);
      expect(expected).toContain(result.items[0]?.name);
      for (const name of expected) expect(result.items.slice(0, 3).map((i) => i.name)).toContain(name);
    });

    it('finds every item naming 身份证 and ranks the identity card items above those that only mention it', async () => {
      const result = await top('身份证');
      expect(result.items.slice(0, 2).map((i) => i.name).sort()).toEqual(['居民身份证换领、补领', '居民身份证申领']);
    });

    it('filters by department, online level, life event and service point, and pages', async () => {
      const onSite = await top('', '&department=003&onlineLevel=ON_SITE');
      expect(onSite.total).toBeGreaterThan(0);
      expect(onSite.items.every((i) => i.departmentCode === '003' && i.onlineLevel === 'ON_SITE')).toBe(true);
      const births = await top('', `&lifeEvent=${encodeURIComponent('出生')}`);
      expect(births.items.map((i) => i.name)).toContain('出生登记');
      expect(births.items.every((i) => i.lifeEvents.includes('出生'))).toBe(true);
      const page1 = (await call('GET', '/public/items?pageSize=5&page=1')).json<{ total: number; items: Array<{ name: string }> }>();
      const page2 = (await call('GET', '/public/items?pageSize=5&page=2')).json<{ total: number; items: Array<{ name: string }> }>();
      expect(page1.total).toBe(demo.items.length);
      expect(page2.items.map((i) => i.name)).not.toContain(page1.items[0]?.name);
      expect((await call('GET', '/public/items?servicePoint=KIOSK&type=PUBLIC_SERVICE')).json<{ total: number }>().total).toBeGreaterThan(0);
    });

    it('refuses an unknown filter or an oversized query with 400 naming the field', async () => {
      const unknown = await call('GET', '/public/items?colour=red');
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'colour' }] });
      const oversized = await call('GET', `/public/items?q=${encodeURIComponent('证'.repeat(51))}`);
      expect(oversized.json()).toMatchObject({ errors: [{ field: 'q' }] });
      expect(oversized.headers['content-type']).toContain('application/problem+json');
    });
  });

  describe('publication', () => {
    it('publishes a new version: old ETag no longer matches, the event carries the whole version and validates, v1 stays readable', async () => {
      const { code } = demoItem('食品经营许可');
      const first = await call('GET', `/public/items/${code}`);
      expect(first.statusCode).toBe(200);
      const etag = first.headers['etag'] as string;
      expect(etag).toMatch(/^".+"$/);
      // Marked for the gateway's edge cache, which a publication purges (ADR 0031).
      expect(first.headers['surrogate-key']).toBe('catalog-public');
      expect(first.headers['surrogate-control']).toBe('max-age=300');
      const purges: string[] = [];
      purgeSubscriber.on('message', (_channel: string, key: string) => purges.push(key));
      await purgeSubscriber.subscribe(EDGE_CACHE_PURGE_CHANNEL);
      const searchNew = () => call('GET', `/public/items?q=${encodeURIComponent('小餐饮登记')}`);
      expect((await searchNew()).json()).toMatchObject({ total: 0 });
      const notModified = await call('GET', `/public/items/${code}`, { headers: { 'if-none-match': etag } });
      expect(notModified.statusCode).toBe(304);
      expect(notModified.body).toBe('');

      expect((await call('POST', `/items/${code}/drafts`, { as: 'market' })).json()).toMatchObject({ version: 2, state: 'DRAFT' });
      const previous = first.json<{ content: Record<string, unknown> & { process: { stages: Array<{ days: number }> } } }>().content;
      // A shorter promise needs stages that fit in it (ADR 0030): the review and the joint inspection lose a day each.
      const process = { ...previous.process, stages: previous.process.stages.map((stage) => ({ ...stage, days: stage.days - 1 })) };
      const content = { ...previous, promisedDays: 3, process, aliases: ['食品经营许可证', '开餐馆许可', '开饭店办证', '小餐饮登记'] };
      expect((await call('PUT', `/items/${code}/draft`, { as: 'market', body: { content } })).statusCode).toBe(200);
      expect((await call('POST', `/items/${code}/submit`, { as: 'market' })).json()).toMatchObject({ state: 'IN_REVIEW' });
      const badDate = await call('POST', `/items/${code}/approve`, { as: 'platform', body: { effectiveFrom: '2026-12-01T08:00:00Z' } });
      expect(badDate.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'effectiveFrom' }] });
      purges.length = 0;
      const approved = await call('POST', `/items/${code}/approve`, { as: 'platform', body: { effectiveFrom: '2026-12-01' } });
      expect(approved.statusCode).toBe(200);
      expect(approved.json()).toMatchObject({ version: 2, state: 'PUBLISHED', effectiveFrom: '2026-12-01' });
      await waitFor('the edge purge', () => purges.includes('catalog-public'));

      const after = await call('GET', `/public/items/${code}`, { headers: { 'if-none-match': etag } });
      expect(after.statusCode).toBe(200);
      expect(after.json()).toMatchObject({ version: 2, content: { promisedDays: 3 } });
      expect(after.headers['etag']).not.toBe(etag);
      expect((await searchNew()).json<{ items: Array<{ code: string }> }>().items[0]?.code).toBe(code);
      expect((await call('GET', `/public/items/${code}/versions/1`)).json()).toMatchObject({ version: 1, state: 'RETIRED', content: { promisedDays: 5 } });

      const message = await waitFor('the published v2 event on Kafka', () =>
        eventsOf(PUBLISHED, code).find((m) => (JSON.parse(m.value ?? '{}') as { version?: number }).version === 2),
      );
      const payload = JSON.parse(message.value ?? '') as Record<string, unknown>;
      expect(() => validator.assertValid(PUBLISHED, payload)).not.toThrow();
      expect(payload).toMatchObject({ code, version: 2, previousVersion: 1, departmentCode: '010', type: 'LICENSING', effectiveFrom: '2026-12-01' });
      expect(payload['content']).toEqual(after.json<{ content: unknown }>().content);
      expect(message.headers).toMatchObject({ ce_actor: 'user:admin-platform' });

      const diff = await call('GET', `/items/${code}/diff?from=1&to=2`, { as: 'market' });
      expect(diff.json<{ changes: unknown[] }>().changes).toEqual([
        { field: 'aliases[3]', kind: 'ADDED', after: '小餐饮登记' },
        { field: 'process.stages[0].days', kind: 'CHANGED', before: 2, after: 1 },
        { field: 'process.stages[1].days', kind: 'CHANGED', before: 3, after: 2 },
        { field: 'promisedDays', kind: 'CHANGED', before: 5, after: 3 },
      ]);
      const history = (await call('GET', `/items/${code}/versions`, { as: 'platform' })).json<{ versions: Array<{ state: string }> }>();
      expect(history.versions.map((v) => v.state)).toEqual(['RETIRED', 'PUBLISHED']);
    });

    it('never edits a published version: 409, and the stored version is unchanged', async () => {
      const { code } = demoItem('个体工商户设立登记');
      const response = await call('PUT', `/items/${code}/draft`, { as: 'market', body: { content: newContent({ promisedDays: 0 }) } });
      expect(response.statusCode).toBe(409);
      expect(response.json()).toMatchObject({ code: 'VERSION_NOT_EDITABLE' });
      expect(await count(`SELECT (content->>'promisedDays')::int AS n FROM catalog_item_version WHERE item_code = $1 AND version = 1`, [code])).toBe(1);
      // Even a direct write is refused by the database.
      await expect(db.dataSource.query(`UPDATE catalog_item_version SET content = '{}' WHERE item_code = $1`, [code])).rejects.toThrow(/immutable/);
    });

    it('refuses to publish an item asking for proofs outside the retained-proof list, naming each one, and changes nothing', async () => {
      const content = newContent({
        name: '个体工商户变更登记',
        materials: [
          { name: '经营场所使用证明', form: 'PAPER', copies: 1, originalRequired: true, source: 'APPLICANT' },
          { name: '居委会出具的居住证明', form: 'PAPER', copies: 1, originalRequired: true, source: 'RETAINED_PROOF', proofCode: 'ZM-404' },
          { name: '出生医学证明', form: 'PAPER', copies: 1, originalRequired: true, source: 'RETAINED_PROOF', proofCode: 'ZM-001' },
          { name: '亲属关系证明', form: 'PAPER', copies: 1, originalRequired: true, source: 'RETAINED_PROOF', proofCode: 'ZM-405' },
        ],
      });
      const created = await call('POST', '/items', { as: 'market', body: { departmentCode: '010', type: 'LICENSING', content } });
      expect(created.statusCode).toBe(201);
      const { code } = created.json<{ code: string }>();
      expect(code).toMatch(/^350123-010-01-\d{4}-[0-9X]$/);
      await call('POST', `/items/${code}/submit`, { as: 'market' });
      const outboxBefore = await count(`SELECT count(*)::int AS n FROM outbox_event`);

      const refused = await call('POST', `/items/${code}/approve`, { as: 'platform', body: {} });
      expect(refused.statusCode).toBe(422);
      expect(refused.json()).toMatchObject({
        code: 'PROOF_NOT_RETAINED',
        errors: [
          { field: 'content.materials[1].proofCode', reason: expect.stringContaining('居委会出具的居住证明') },
          { field: 'content.materials[3].proofCode', reason: expect.stringContaining('亲属关系证明') },
        ],
      });
      expect(refused.json<{ detail: string }>().detail).toContain('ZM-404');
      expect(await count(`SELECT count(*)::int AS n FROM outbox_event`)).toBe(outboxBefore);
      expect((await call('GET', `/items/${code}/versions/1`, { as: 'market' })).json()).toMatchObject({ state: 'IN_REVIEW' });
      expect((await call('GET', `/public/items/${code}`)).statusCode).toBe(404);

      // Once the platform admin lists the proofs, the same version publishes.
      for (const proofCode of ['ZM-404', 'ZM-405']) {
        const added = await call('POST', '/retained-proofs', { as: 'platform', body: { code: proofCode, name: '证明', issuer: '县民政局', legalBasis: '《测试依据》' } });
        expect(added.statusCode).toBe(201);
      }
      expect((await call('POST', `/items/${code}/approve`, { as: 'platform', body: {} })).statusCode).toBe(200);
      const inUse = await call('DELETE', '/retained-proofs/ZM-404', { as: 'platform' });
      expect(inUse.json()).toMatchObject({ code: 'RETAINED_PROOF_IN_USE' });
      expect(await count(`SELECT count(*)::int AS n FROM catalog_retained_proof WHERE code = 'ZM-404'`)).toBe(1);
    });

    it('refuses to publish an unsound process definition with 422 naming each field, and publishes nothing', async () => {
      const task = (departmentCode: string, extra: Record<string, unknown> = {}) => ({ departmentCode, kind: 'REVIEW', role: 'department_reviewer', ...extra });
      const process = {
        version: 1,
        acceptance: { roles: ['window_clerk'] },
        preReviewDays: 0,
        stages: [
          { name: '并联审查', days: 1, tasks: [task('003'), task('099'), task('003')] },
          { name: '联合核查', days: 1, tasks: [{ departmentCode: '009', kind: 'JOINT_INSPECTION', role: 'department_admin', withDepartments: ['009'] }] },
        ],
      };
      const created = await call('POST', '/items', { as: 'market', body: { departmentCode: '010', type: 'LICENSING', content: newContent({ name: '小作坊登记', process }) } });
      expect(created.statusCode).toBe(201);
      const { code } = created.json<{ code: string }>();
      expect((await call('POST', `/items/${code}/submit`, { as: 'market' })).statusCode).toBe(200);
      const outboxBefore = await count(`SELECT count(*)::int AS n FROM outbox_event`);

      const refused = await call('POST', `/items/${code}/approve`, { as: 'platform', body: {} });
      expect(refused.statusCode).toBe(422);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.json()).toMatchObject({ code: 'PROCESS_DEFINITION_INVALID' });
      expect(refused.json<{ errors: Array<{ field: string }> }>().errors.map((e) => e.field)).toEqual([
        'content.process.stages[0].tasks[1].departmentCode',
        'content.process.stages[0].tasks[2].departmentCode',
        'content.process.stages[1].tasks[0].withDepartments[0]',
        'content.process.stages',
        'content.process.stages',
      ]);
      expect(await count(`SELECT count(*)::int AS n FROM outbox_event`)).toBe(outboxBefore);
      expect((await call('GET', `/items/${code}/versions/1`, { as: 'market' })).json()).toMatchObject({ state: 'IN_REVIEW' });
      expect((await call('GET', `/public/items/${code}`)).statusCode).toBe(404);
    });

    it('publishes a version without a process definition with the default one, stored and carried in the event', async () => {
      const created = await call('POST', '/items', { as: 'market', body: { departmentCode: '010', type: 'LICENSING', content: newContent({ name: '个体工商户注销登记' }) } });
      const { code } = created.json<{ code: string }>();
      expect(created.json<{ content: Record<string, unknown> }>().content['process']).toBeUndefined();
      await call('POST', `/items/${code}/submit`, { as: 'market' });
      expect((await call('POST', `/items/${code}/approve`, { as: 'platform', body: {} })).statusCode).toBe(200);
      const expected = {
        version: 1,
        acceptance: { roles: ['window_clerk'] },
        preReviewDays: 0,
        stages: [{ name: '审查', days: 1, tasks: [{ departmentCode: '010', kind: 'REVIEW', role: 'department_reviewer' }] }],
      };
      expect((await call('GET', `/public/items/${code}`)).json()).toMatchObject({ content: { process: expected } });
      const message = await waitFor('the published event', () => eventsOf(PUBLISHED, code)[0]);
      const payload = JSON.parse(message.value ?? '') as { content: { process?: unknown } };
      expect(() => validator.assertValid(PUBLISHED, payload)).not.toThrow();
      expect(payload.content.process).toEqual(expected);
    });

    it('carries the definition the demo food licence was published with', async () => {
      const food = demoItem('食品经营许可');
      const published = (await call('GET', `/public/items/${food.code}/versions/1`)).json<{ content: { process: { stages: Array<{ tasks: unknown[] }> } } }>();
      expect(published.content.process).toEqual(food.content['process']);
      expect(published.content.process.stages[1]?.tasks).toEqual([
        { departmentCode: '010', kind: 'JOINT_INSPECTION', role: 'department_reviewer', withDepartments: ['009'] },
      ]);
    });

    it('lets only platform admins keep the retained-proof list, and shows changes to it at once', async () => {
      const proof = { code: 'ZM-900', name: '临时证明', issuer: '县民政局', legalBasis: '《测试依据》' };
      expect((await call('POST', '/retained-proofs', { as: 'market', body: proof })).statusCode).toBe(403);
      const listed = async () => (await call('GET', '/public/lists/retained-proofs')).json<{ items: Array<{ code: string }> }>().items.map((p) => p.code);
      expect(await listed()).not.toContain('ZM-900');
      // A row written behind the service's back stays invisible: the answer comes from Redis …
      await db.dataSource.query(`INSERT INTO catalog_retained_proof (code, name, issuer, legal_basis, created_by) VALUES ('ZM-901', 'x', 'x', 'x', 'sql')`);
      expect(await listed()).not.toContain('ZM-901');
      // … until a change through the service drops the cached answers.
      expect((await call('POST', '/retained-proofs', { as: 'platform', body: proof })).statusCode).toBe(201);
      expect(await listed()).toEqual(expect.arrayContaining(['ZM-900', 'ZM-901']));
      expect((await call('POST', '/retained-proofs', { as: 'platform', body: proof })).json()).toMatchObject({ code: 'RETAINED_PROOF_EXISTS' });
      expect(await listed()).toContain('ZM-900');
      expect((await call('DELETE', '/retained-proofs/ZM-900', { as: 'platform' })).statusCode).toBe(204);
      expect(await listed()).not.toContain('ZM-900');
      expect((await call('DELETE', '/retained-proofs/ZM-900', { as: 'platform' })).json()).toMatchObject({ code: 'RETAINED_PROOF_NOT_FOUND' });
      expect((await call('POST', '/retained-proofs', { as: 'platform', body: { ...proof, code: 'zm 1' } })).json()).toMatchObject({ errors: [{ field: 'code' }] });
    });

    it('retires an item: gone from the public reads, the event is on Kafka, and it shows in the changes', async () => {
      const since = new Date().toISOString();
      const { code } = demoItem('小型造纸及制浆项目');
      const before = await call('GET', `/public/lists/investment-negative`);
      expect(before.json<{ count: number }>().count).toBe(2);
      const retired = await call('POST', `/items/${code}/retire`, { as: 'platform', body: { reason: '已并入省级负面清单' } });
      expect(retired.json()).toMatchObject({ state: 'RETIRED' });
      expect((await call('GET', `/public/items/${code}`)).statusCode).toBe(404);
      expect((await call('GET', `/public/lists/investment-negative`)).json<{ count: number }>().count).toBe(1);
      const changes = (await call('GET', `/public/changes?since=${encodeURIComponent(since)}`)).json<{ changes: unknown[] }>();
      expect(changes.changes).toContainEqual(expect.objectContaining({ code, change: 'RETIRED' }));
      const message = await waitFor('the retired event on Kafka', () => eventsOf(RETIRED, code)[0]);
      const payload = JSON.parse(message.value ?? '') as Record<string, unknown>;
      expect(() => validator.assertValid(RETIRED, payload)).not.toThrow();
      expect(payload).toMatchObject({ code, version: 1, reason: '已并入省级负面清单', content: { name: '小型造纸及制浆项目' } });
    });
  });

  describe('access', () => {
    it('confines a department admin to their own department, and lets only platform admins approve', async () => {
      const itemsBefore = await count(`SELECT count(*)::int AS n FROM catalog_item`);
      const elsewhere = await call('POST', '/items', { as: 'market', body: { departmentCode: '003', type: 'PUBLIC_SERVICE', content: newContent() } });
      expect(elsewhere.statusCode).toBe(403);
      expect(await count(`SELECT count(*)::int AS n FROM catalog_item`)).toBe(itemsBefore);
      const { code } = demoItem('出生登记');
      expect((await call('POST', `/items/${code}/drafts`, { as: 'market' })).statusCode).toBe(403);
      expect((await call('GET', `/items/${code}/versions`, { as: 'market' })).statusCode).toBe(403);
      expect((await call('POST', `/items/${code}/drafts`, { as: 'police' })).statusCode).toBe(201);
      expect((await call('POST', `/items/${code}/submit`, { as: 'police' })).statusCode).toBe(200);
      expect((await call('POST', `/items/${code}/approve`, { as: 'police', body: {} })).statusCode).toBe(403);
      const queue = (await call('GET', '/items?state=IN_REVIEW', { as: 'platform' })).json<{ items: Array<{ code: string; latestState: string }> }>();
      expect(queue.items).toContainEqual(expect.objectContaining({ code, latestState: 'IN_REVIEW' }));
      const own = (await call('GET', '/items?pageSize=100', { as: 'market' })).json<{ total: number; items: Array<{ departmentCode: string }> }>();
      expect(own.total).toBeGreaterThan(0);
      expect(own.items.every((i) => i.departmentCode === '010')).toBe(true);
      expect((await call('GET', '/items?department=003', { as: 'market' })).statusCode).toBe(403);
      expect((await call('POST', `/items/${code}/reject`, { as: 'platform', body: { note: '请补充常见问题' } })).json()).toMatchObject({ state: 'DRAFT' });
      expect((await call('POST', '/items', { as: 'clerk', body: { departmentCode: '010', type: 'LICENSING', content: newContent() } })).statusCode).toBe(403);
      expect((await call('POST', '/items', { body: { departmentCode: '010', type: 'LICENSING', content: newContent() } })).statusCode).toBe(401);
    });
  });

  describe('bad input: 400 problem+json naming the field, nothing stored', () => {
    const create = (content: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
      call('POST', '/items', { as: 'market', body: { departmentCode: '010', type: 'LICENSING', content, ...extra } });

    it.each<[string, () => Record<string, unknown>, Record<string, unknown>, string]>([
      ['an unknown field in a material', () => newContent({ materials: [{ ...demoItem('个体工商户设立登记').content.materials[1], colour: 'red' }] }), {}, 'content.materials[0].colour'],
      ['an unknown top-level field', () => newContent(), { priority: 1 }, 'priority'],
      ['an oversized name', () => newContent({ name: '长'.repeat(101) }), {}, 'content.name'],
      ['too many aliases', () => newContent({ aliases: Array.from({ length: 21 }, (_, i) => `别名${i}`) }), {}, 'content.aliases'],
      ['a charged fee without legal basis', () => newContent({ fee: { kind: 'FIXED', name: '工本费', amountFen: 1000 } }), {}, 'content.fee.legalBasis'],
      ['a fee in fractional fen', () => newContent({ fee: { kind: 'FIXED', name: '工本费', amountFen: 10.5, legalBasis: 'x' } }), {}, 'content.fee.amountFen'],
      ['a per-unit fee without unit', () => newContent({ fee: { kind: 'PER_UNIT', name: '测绘费', amountFenPerUnit: 30, legalBasis: 'x' } }), {}, 'content.fee.unit'],
      ['a promised limit beyond the statutory one', () => newContent({ statutoryDays: 5, promisedDays: 6 }), {}, 'content.promisedDays'],
      ['an unknown department', () => newContent(), { departmentCode: '999' }, 'departmentCode'],
      [
        'a process task with a malformed department code',
        () =>
          newContent({
            process: {
              version: 1,
              acceptance: { roles: ['window_clerk'] },
              preReviewDays: 0,
              stages: [{ name: '审查', days: 1, tasks: [{ departmentCode: '010', kind: 'REVIEW', role: 'department_reviewer' }, { departmentCode: '10', kind: 'REVIEW', role: 'department_reviewer' }] }],
            },
          }),
        {},
        'content.process.stages[0].tasks[1].departmentCode',
      ],
      ['an unknown acceptance role', () => newContent({ process: { version: 1, acceptance: { roles: ['citizen'] }, preReviewDays: 0, stages: [] } }), {}, 'content.process.acceptance.roles'],
      ['a proof material without its list code', () => newContent({ materials: [{ name: '某证明', form: 'PAPER', copies: 1, originalRequired: true, source: 'RETAINED_PROOF' }] }), {}, 'content.materials[0].proofCode'],
    ])('refuses %s', async (_case, content, extra, field) => {
      const itemsBefore = await count(`SELECT count(*)::int AS n FROM catalog_item`);
      const response = await create(content(), extra);
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json<{ errors: Array<{ field: string }> }>().errors.map((e) => e.field)).toContain(field);
      expect(await count(`SELECT count(*)::int AS n FROM catalog_item`)).toBe(itemsBefore);
    });

    it('refuses invalid item codes in paths, including a wrong check character', async () => {
      const valid = demoItem('出生登记').code;
      const wrongCheck = valid.slice(0, -1) + (valid.endsWith('0') ? '1' : '0');
      for (const code of ['abc', wrongCheck, '350121-010-01-0001-0']) {
        const response = await call('GET', `/public/items/${code}`);
        expect(response.statusCode).toBe(400);
        expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'code' }] });
      }
      const edit = await call('PUT', `/items/${wrongCheck}/draft`, { as: 'market', body: { content: newContent() } });
      expect(edit.json()).toMatchObject({ errors: [{ field: 'code' }] });
    });
  });

  describe('lists', () => {
    it('exports each list per department and county-wide as JSON and CSV with the same rows', async () => {
      const json = (await call('GET', '/public/lists/licensing?department=010')).json<{ count: number; items: Array<{ code: string; departmentCode: string }> }>();
      expect(json.count).toBeGreaterThan(0);
      expect(json.items.every((i) => i.departmentCode === '010')).toBe(true);
      const csv = await call('GET', '/public/lists/licensing?department=010&format=csv');
      expect(csv.headers['content-type']).toContain('text/csv');
      const lines = csv.body.trim().split('\r\n');
      expect(lines[0]).toContain('事项编码');
      expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(json.items.map((i) => i.code));
      const proofs = (await call('GET', '/public/lists/retained-proofs')).json<{ count: number }>();
      expect(proofs.count).toBeGreaterThanOrEqual(demo.retainedProofs.length);
      expect((await call('GET', '/public/lists/everything')).statusCode).toBe(400);
    });
  });
});
