import fc from 'fast-check';
import { resolveRoute } from './routing';

describe('resolveRoute', () => {
  it('strips /api/v1/<service> and keeps the rest of the path and the query as sent', () => {
    expect(resolveRoute('/api/v1/identity/auth/login')).toEqual({ kind: 'upstream', service: 'identity', path: '/auth/login', query: '' });
    expect(resolveRoute('/api/v1/data-sharing/open/datasets?page=2&q=%E5%8C%BB')).toEqual({
      kind: 'upstream',
      service: 'data-sharing',
      path: '/open/datasets',
      query: '?page=2&q=%E5%8C%BB',
    });
    expect(resolveRoute('/api/v1/catalog')).toMatchObject({ kind: 'upstream', path: '/' });
    expect(resolveRoute('/api/v1/catalog/items/')).toMatchObject({ kind: 'upstream', path: '/items/' });
  });

  it('finds nothing outside the prefix or for an unknown service', () => {
    for (const url of ['/api/v2/identity/x', '/identity/auth/login', '/api/v1/gateway/x', '/api/v1/', '/api/v1', '/api/v1/IDENTITY/x']) {
      expect(resolveRoute(url)).toEqual({ kind: 'not-found' });
    }
  });

  it('never forwards a service’s internal routes, probes or metrics, however they are spelt', () => {
    for (const url of [
      '/api/v1/workflow/internal/cases',
      '/api/v1/workflow/internal',
      '/api/v1/workflow/Internal/cases',
      '/api/v1/workflow/%69nternal/cases',
      '/api/v1/workflow/%49NTERNAL/cases',
      '/api/v1/workflow/./internal/cases',
      '/api/v1/workflow//internal/cases',
      '/api/v1/workflow/x/../internal/cases',
      '/api/v1/workflow/x/%2e%2e/internal/cases',
      '/api/v1/workflow/x%2F..%2Finternal/cases',
      '/api/v1/workflow/health/ready',
      '/api/v1/workflow/metrics',
      '/api/v1/workflow/%zz',
      '/api/v1/workflow/cases/a%00b',
      '/api/v1/workflow/cases/a%0d%0aX-Injected:%201',
      '/api/v1/workflow/cases/a%5C..%5Cinternal',
    ]) {
      expect(resolveRoute(url)).toEqual({ kind: 'not-found' });
    }
  });

  it('never yields an upstream path whose decoded first segment is internal, health or metrics', () => {
    const segment = fc.stringMatching(/^[a-zA-Z0-9%._-]{0,12}$/);
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 4 }), (segments) => {
        const result = resolveRoute(`/api/v1/licence/${segments.join('/')}`);
        if (result.kind !== 'upstream') return;
        const first = decodeURIComponent(result.path.split('/')[1] ?? '').toLowerCase();
        expect(['internal', 'health', 'metrics']).not.toContain(first);
        expect(result.path.split('/').map((s) => decodeURIComponent(s))).not.toContain('..');
      }),
    );
  });
});
