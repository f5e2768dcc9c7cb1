import { DEFAULT_PUBLIC_ROUTES, isPublicRoute, parsePublicRoutes, PublicRouteSyntaxError } from './public-routes';

describe('public routes', () => {
  const routes = parsePublicRoutes(DEFAULT_PUBLIC_ROUTES);

  it('lets registration, login, refresh, discovery, catalogue browsing, licence verification and open data through', () => {
    expect(isPublicRoute(routes, 'POST', 'identity', '/sessions')).toBe(true);
    expect(isPublicRoute(routes, 'POST', 'identity', '/accounts')).toBe(true);
    expect(isPublicRoute(routes, 'POST', 'identity', '/sessions/refresh')).toBe(true);
    expect(isPublicRoute(routes, 'POST', 'identity', '/sessions/certificate/challenge')).toBe(true);
    expect(isPublicRoute(routes, 'POST', 'identity', '/oauth/token')).toBe(true);
    expect(isPublicRoute(routes, 'GET', 'workflow', '/appointments/slots')).toBe(true);
    expect(isPublicRoute(routes, 'GET', 'identity', '/.well-known/jwks.json')).toBe(true);
    expect(isPublicRoute(routes, 'GET', 'identity', '/.well-known/openid-configuration')).toBe(true);
    expect(isPublicRoute(routes, 'GET', 'catalog', '/public/items/350123-001')).toBe(true);
    expect(isPublicRoute(routes, 'HEAD', 'catalog', '/public/items')).toBe(true);
    expect(isPublicRoute(routes, 'GET', 'licence', '/public/verify/LIC-1')).toBe(true);
    expect(isPublicRoute(routes, 'GET', 'data-sharing', '/open/datasets')).toBe(true);
  });

  it('keeps other methods, services and paths protected', () => {
    expect(isPublicRoute(routes, 'GET', 'identity', '/sessions')).toBe(false);
    expect(isPublicRoute(routes, 'DELETE', 'identity', '/sessions/current')).toBe(false);
    expect(isPublicRoute(routes, 'POST', 'identity', '/accounts/me/deregistration')).toBe(false);
    expect(isPublicRoute(routes, 'GET', 'identity', '/accounts/me')).toBe(false);
    expect(isPublicRoute(routes, 'POST', 'workflow', '/appointments')).toBe(false);
    expect(isPublicRoute(routes, 'POST', 'catalog', '/public/items')).toBe(false);
    expect(isPublicRoute(routes, 'GET', 'workflow', '/public/items')).toBe(false);
    expect(isPublicRoute(routes, 'GET', 'catalog', '/publicity')).toBe(false);
    expect(isPublicRoute(routes, 'GET', 'catalog', '/items')).toBe(false);
  });

  it('matches decoded segments, a single-segment * and a trailing ** that also matches nothing', () => {
    const custom = parsePublicRoutes('GET catalog /items/*/guide\nGET,PUT payments /callbacks/**');
    expect(isPublicRoute(custom, 'GET', 'catalog', '/items/A-1/guide')).toBe(true);
    expect(isPublicRoute(custom, 'GET', 'catalog', '/items/A-1/x/guide')).toBe(false);
    expect(isPublicRoute(custom, 'GET', 'catalog', '/%69tems/A-1/guide')).toBe(true);
    expect(isPublicRoute(custom, 'PUT', 'payments', '/callbacks')).toBe(true);
    expect(isPublicRoute(custom, 'PUT', 'payments', '/callbacks/alipay/notify')).toBe(true);
  });

  it('refuses a malformed list naming the entry', () => {
    expect(() => parsePublicRoutes('GET catalog')).toThrow(PublicRouteSyntaxError);
    expect(() => parsePublicRoutes('FETCH catalog /x')).toThrow(/unknown method FETCH/);
    expect(() => parsePublicRoutes('GET billing /x')).toThrow(/unknown service billing/);
    expect(() => parsePublicRoutes('GET catalog x')).toThrow(/must start with/);
    expect(() => parsePublicRoutes('GET catalog /**/x')).toThrow(/last segment/);
  });
});
