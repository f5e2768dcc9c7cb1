import cors from '@fastify/cors';
import { Module } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig } from '@onewindow/platform/config';
import { GatewayConfig } from './gateway.config';
import { DocsController } from './openapi/docs.controller';
import { OpenApiAggregator } from './openapi/openapi-aggregator';
import { EdgeCache } from './cache/edge-cache';
import { EdgeProxy } from './proxy/edge-proxy';
import { Upstreams } from './proxy/upstreams';
import { EdgeAuthenticator } from './security/edge-authenticator';
import { RateLimiter } from './security/rate-limiter';
import { securityHeaders } from './security/security-headers';

/**
 * The gateway's behaviour. Needs, from EdgePlatformModule (`@onewindow/platform/service/edge`):
 * AppConfig<GatewayConfig>, the shared RedisClient, Metrics and AuthModule's AccessTokenVerifier.
 */
@Module({
  controllers: [DocsController],
  providers: [Upstreams, EdgeAuthenticator, RateLimiter, EdgeCache, EdgeProxy, OpenApiAggregator],
  exports: [EdgeProxy],
})
export class GatewayEdgeModule {}

/** Headers a browser front may send and read across origins. */
const CORS_REQUEST_HEADERS = ['authorization', 'content-type', 'idempotency-key', 'x-request-id', 'x-correlation-id', 'traceparent', 'tracestate'];
const CORS_EXPOSED_HEADERS = ['x-request-id', 'x-correlation-id', 'retry-after', 'location', 'www-authenticate'];

/**
 * Registers security headers, the CORS allowlist and the proxy route on the Fastify instance. Call
 * after the app is created and before `init()`/`listen()` (`bootstrapService`'s `beforeListen`).
 */
export async function configureGateway(app: NestFastifyApplication): Promise<void> {
  const config = app.get<AppConfig<GatewayConfig>>(AppConfig);
  const security = securityHeaders({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        // Would send the local HTTP Swagger UI's own assets to https; HSTS covers production.
        upgradeInsecureRequests: null,
      },
    },
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
    // Nothing the gateway serves is meant to be framed (same as frame-ancestors 'none').
    xFrameOptions: { action: 'deny' },
  });
  // On every response, the gateway's own and the proxied ones (set first, as helmet did).
  app.getHttpAdapter().getInstance().addHook('onRequest', (_request, reply, done) => {
    reply.headers(security);
    done();
  });
  await app.register(cors, {
    origin: config.get('CORS_ORIGINS'),
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: CORS_REQUEST_HEADERS,
    exposedHeaders: CORS_EXPOSED_HEADERS,
    credentials: false,
    maxAge: config.get('CORS_MAX_AGE_SECONDS'),
    strictPreflight: true,
  });
  await app.register(app.get(EdgeProxy).plugin());
}
