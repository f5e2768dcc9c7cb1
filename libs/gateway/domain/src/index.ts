export { API_PREFIX, ROUTED_SERVICES, UNROUTABLE_SEGMENTS, resolveRoute, type RoutedService, type RouteResolution } from './routing';
export {
  DEFAULT_PUBLIC_ROUTES,
  PublicRouteSyntaxError,
  isPublicRoute,
  parsePublicRoutes,
  pathSegments,
  type ProxiedMethod,
  type PublicRoute,
} from './public-routes';
export { clientAddress, clientProtocol } from './client-address';
export { bearerToken } from './bearer';
export { CircuitBreaker, type CircuitBreakerOptions, type CircuitDecision, type CircuitState } from './circuit-breaker';
export { mergeOpenApi, SHARED_BEARER_SCHEME, type Json, type MergedOpenApiInfo, type ServiceOpenApi } from './openapi-merge';
export { EDGE_STORED_HEADERS, edgeCacheKey, edgeStorability, storedHeaders, type EdgeStorability } from './edge-cache-policy';
