import { randomUUID } from 'node:crypto';
import { Module } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createServiceApp } from '@onewindow/platform/http';
import { EdgePlatformModule } from '@onewindow/platform/service/edge';
import { Redis } from 'ioredis';
import type { RoutedService } from '@onewindow/gateway/domain';
import { configureGateway, GatewayConfig, GatewayEdgeModule, UPSTREAM_VARIABLE } from '../../src';
import { refusedUrl } from './upstream';

/**
 * A gateway built exactly as apps/gateway wires it, from `env` on top of the process environment.
 * Every call with the same `RATE_LIMIT_KEY_PREFIX` shares rate-limit counters through the real Redis,
 * like replicas do.
 */
export async function startGateway(env: Record<string, string>): Promise<NestFastifyApplication> {
  const full = { ...process.env, SERVICE_NAME: 'gateway', LOG_LEVEL: 'silent', ...env };
  Object.assign(process.env, full);
  @Module({
    imports: [EdgePlatformModule.forEdge({ config: GatewayConfig, auth: { env: full } }), GatewayEdgeModule],
  })
  class TestGatewayModule {}
  const app = await createServiceApp(TestGatewayModule);
  await configureGateway(app);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

/** A rate-limit key prefix no other run shares, and a way to delete its keys afterwards. */
export function testKeyPrefix(): string {
  return `test:gateway:${randomUUID()}:`;
}

export async function deleteKeys(prefix: string): Promise<void> {
  const redis = new Redis({ host: '127.0.0.1', port: 6379 });
  try {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
  } finally {
    await redis.quit();
  }
}

let addressCounter = 0;
/** A documentation-range client address (RFC 5737) unique within the run, sent as X-Forwarded-For. */
export function nextClientAddress(): string {
  addressCounter += 1;
  return `198.51.${Math.floor(addressCounter / 250)}.${(addressCounter % 250) + 1}`;
}

/** Every UPSTREAM_*_URL: the given services' URLs, and for the others an address that refuses connections. */
export async function upstreamEnv(urls: Partial<Record<RoutedService, string>>): Promise<Record<string, string>> {
  const refused = await refusedUrl();
  return Object.fromEntries(
    (Object.entries(UPSTREAM_VARIABLE) as Array<[RoutedService, string]>).map(([service, variable]) => [variable, urls[service] ?? refused]),
  );
}
