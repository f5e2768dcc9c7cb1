export { GatewayConfig, UPSTREAM_VARIABLE, gatewayAuthEnv } from './gateway.config';
export { GatewayException, GatewayExceptionCode } from './gateway.exception';
export { GatewayEdgeModule, configureGateway } from './gateway-edge.module';
export { EdgeProxy, PROXY_ROUTE, classifyUpstreamError } from './proxy/edge-proxy';
export { OpenApiAggregator } from './openapi/openapi-aggregator';
