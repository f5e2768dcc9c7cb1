import { Json, mergeOpenApi } from './openapi-merge';

type Doc = { [key: string]: Json };

const identity: Doc = {
  openapi: '3.0.0',
  info: { title: 'identity', version: '1' },
  security: [{ bearer: [] }],
  tags: [{ name: 'auth' }],
  paths: {
    '/auth/login': {
      post: {
        operationId: 'login',
        tags: ['auth'],
        security: [],
        requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/LoginDto' } } } },
        responses: { '200': { description: 'ok' }, default: { $ref: '#/components/responses/Problem' } },
      },
    },
    '/accounts/me': { get: { operationId: 'me', responses: { '200': { description: 'ok' } } } },
    '/internal/accounts/{id}': { get: { responses: { '200': { description: 'ok' } } } },
    '/health/ready': { get: { responses: { '200': { description: 'ok' } } } },
  },
  components: {
    schemas: {
      LoginDto: {
        type: 'object',
        properties: {
          name: { type: 'string', nullable: true },
          age: { type: 'integer', minimum: 0, exclusiveMinimum: true },
          org: { $ref: '#/components/schemas/Organisation' },
        },
      },
      Organisation: { type: 'object' },
    },
    responses: { Problem: { description: 'problem' } },
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key' } },
  },
};

const catalog: Doc = {
  openapi: '3.0.0',
  info: { title: 'catalog', version: '1' },
  paths: { '/public/items': { get: { operationId: 'list', responses: { '200': { $ref: '#/components/responses/Problem' } } } } },
  components: { schemas: { LoginDto: { type: 'string' } }, responses: { Problem: { description: 'other' } } },
};

describe('mergeOpenApi', () => {
  const merged = mergeOpenApi(
    [
      { service: 'identity', document: identity },
      { service: 'catalog', document: catalog },
      { service: 'payments', document: undefined },
    ],
    { title: 'OneWindow API', version: '1.0.0' },
  ) as Doc & { paths: Doc; components: { [type: string]: Doc } };

  it('is OpenAPI 3.1 and lists services whose document was unavailable', () => {
    expect(merged['openapi']).toBe('3.1.0');
    expect(merged['x-unavailable']).toEqual(['payments']);
  });

  it('puts every routable path under /api/v1/<service> and leaves internal, probe and metrics paths out', () => {
    expect(Object.keys(merged.paths).sort()).toEqual([
      '/api/v1/catalog/public/items',
      '/api/v1/identity/accounts/me',
      '/api/v1/identity/auth/login',
    ]);
  });

  it('prefixes component names per service so equal names do not clash, and rewrites references', () => {
    expect(Object.keys(merged.components['schemas'] ?? {}).sort()).toEqual(['catalog.LoginDto', 'identity.LoginDto', 'identity.Organisation']);
    expect(merged.components['responses']).toEqual({
      'identity.Problem': { description: 'problem' },
      'catalog.Problem': { description: 'other' },
    });
    const login = (merged.paths['/api/v1/identity/auth/login'] as Doc)['post'] as Doc;
    expect(JSON.stringify(login)).toContain('#/components/schemas/identity.LoginDto');
    expect(JSON.stringify(merged.paths['/api/v1/catalog/public/items'])).toContain('#/components/responses/catalog.Problem');
    const dto = merged.components['schemas']?.['identity.LoginDto'] as Doc;
    expect(JSON.stringify(dto)).toContain('#/components/schemas/identity.Organisation');
  });

  it('converts 3.0 nullable and boolean exclusive bounds to their 3.1 form', () => {
    const properties = (merged.components['schemas']?.['identity.LoginDto'] as Doc)['properties'] as Doc;
    expect(properties['name']).toEqual({ type: ['string', 'null'] });
    expect(properties['age']).toEqual({ type: 'integer', exclusiveMinimum: 0 });
  });

  it('prefixes operation ids and tags, and carries a service-wide security requirement onto its operations', () => {
    const me = (merged.paths['/api/v1/identity/accounts/me'] as Doc)['get'] as Doc;
    expect(me).toMatchObject({ operationId: 'identity_me', tags: ['identity'], security: [{ bearer: [] }] });
    const login = (merged.paths['/api/v1/identity/auth/login'] as Doc)['post'] as Doc;
    expect(login).toMatchObject({ operationId: 'identity_login', tags: ['identity: auth'], security: [] });
  });

  it('merges every service’s bearer scheme into one shared scheme and prefixes the others', () => {
    expect(merged.components['securitySchemes']).toEqual({
      bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
      'identity.apiKey': { type: 'apiKey', in: 'header', name: 'x-api-key' },
    });
  });
});
