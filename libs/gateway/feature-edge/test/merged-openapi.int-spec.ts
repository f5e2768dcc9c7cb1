import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AuthTestKit } from '@onewindow/platform/auth';
import { deleteKeys, startGateway, testKeyPrefix, upstreamEnv } from './support/gateway';
import { TestUpstream } from './support/upstream';

const identityDocument = {
  openapi: '3.0.0',
  info: { title: 'identity', version: '1' },
  paths: {
    '/auth/login': {
      post: {
        operationId: 'login',
        requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/LoginRequest' } } } },
        responses: { '200': { description: 'Tokens' } },
      },
    },
    '/internal/accounts/{id}': { get: { operationId: 'internalAccount', responses: { '200': { description: 'Account' } } } },
  },
  components: { schemas: { LoginRequest: { type: 'object', properties: { password: { type: 'string' } } } } },
};

const catalogDocument = {
  openapi: '3.0.0',
  info: { title: 'catalog', version: '1' },
  paths: {
    '/public/items': {
      get: { operationId: 'listItems', responses: { '200': { content: { 'application/json': { schema: { $ref: '#/components/schemas/LoginRequest' } } }, description: 'Items' } } },
    },
  },
  components: { schemas: { LoginRequest: { type: 'string', nullable: true } } },
};

describe('merged OpenAPI document and Swagger UI', () => {
  const prefix = testKeyPrefix();
  let idp: AuthTestKit.TestIdentityProvider;
  let identity: TestUpstream;
  let catalog: TestUpstream;
  let gateway: NestFastifyApplication;

  beforeAll(async () => {
    idp = await AuthTestKit.TestIdentityProvider.start();
    identity = await TestUpstream.start('identity', identityDocument);
    catalog = await TestUpstream.start('catalog', catalogDocument);
    gateway = await startGateway({
      ...idp.env(),
      RATE_LIMIT_KEY_PREFIX: prefix,
      ...(await upstreamEnv({ identity: identity.url, catalog: catalog.url })),
      OPENAPI_CACHE_TTL_MS: '60000',
    });
  });

  afterAll(async () => {
    await gateway?.close();
    await identity?.close();
    await catalog?.close();
    await idp?.close();
    await deleteKeys(prefix);
  });

  it('serves one OpenAPI 3.1 document with both services’ paths under their prefixes and the missing services listed', async () => {
    const response = await gateway.inject({ method: 'GET', url: '/api/docs-json' });
    expect(response.statusCode).toBe(200);
    const document = response.json<{ openapi: string; paths: Record<string, unknown>; components: { schemas: Record<string, unknown> }; 'x-unavailable': string[] }>();
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths).sort()).toEqual(['/api/v1/catalog/public/items', '/api/v1/identity/auth/login']);
    expect(Object.keys(document.components.schemas).sort()).toEqual(['catalog.LoginRequest', 'identity.LoginRequest']);
    expect(document.components.schemas['catalog.LoginRequest']).toEqual({ type: ['string', 'null'] });
    expect(JSON.stringify(document.paths['/api/v1/identity/auth/login'])).toContain('#/components/schemas/identity.LoginRequest');
    expect(document['x-unavailable'].sort()).toEqual(['data-sharing', 'licence', 'logistics', 'payments', 'workflow']);
  });

  it('reuses the merged document within its time to live', async () => {
    const fetched = identity.requestsTo('/openapi.json').length;
    await gateway.inject({ method: 'GET', url: '/api/docs-json' });
    await gateway.inject({ method: 'GET', url: '/api/docs-json' });
    expect(identity.requestsTo('/openapi.json').length).toBe(fetched);
  });

  it('serves Swagger UI and its assets without a token, and nothing else of the package', async () => {
    const page = await gateway.inject({ method: 'GET', url: '/api/docs' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('/api/docs/swagger-ui-bundle.js');
    const bundle = await gateway.inject({ method: 'GET', url: '/api/docs/swagger-ui-bundle.js' });
    expect(bundle.statusCode).toBe(200);
    expect(bundle.headers['content-type']).toContain('javascript');
    const init = await gateway.inject({ method: 'GET', url: '/api/docs/init.js' });
    expect(init.body).toContain("url: '/api/docs-json'");
    const other = await gateway.inject({ method: 'GET', url: '/api/docs/package.json' });
    expect(other.statusCode).toBe(404);
    expect(other.headers['content-type']).toContain('application/problem+json');
  });
});
