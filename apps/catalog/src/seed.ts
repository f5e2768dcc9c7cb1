import { readFileSync } from 'node:fs';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CatalogFeatureModule, CatalogImporter } from '@onewindow/catalog/feature-items';
import { DatabaseConfig } from '@onewindow/platform/config';
import { ServicePlatformModule } from '@onewindow/platform/service';
import { database } from './database';

/**
 * `node dist/apps/catalog/seed.js [file]` (run by `npm start` after migrations): loads the demo catalogue (default
 * deploy/demo/catalog/catalog.json) once, after migrations; items already present are skipped.
 * Same environment as the service (SERVICE_NAME, DATABASE_URL, Kafka, Redis); no token verification.
 */
async function main(): Promise<void> {
  const file = process.argv[2] ?? 'deploy/demo/catalog/catalog.json';
  @Module({ imports: [ServicePlatformModule.forService({ config: DatabaseConfig, database }), CatalogFeatureModule] })
  class DemoLoaderModule {}
  const app = await NestFactory.createApplicationContext(DemoLoaderModule, { logger: ['error'] });
  try {
    const report = await app.get(CatalogImporter).load(JSON.parse(readFileSync(file, 'utf8')), 'catalog-demo-loader');
    process.stdout.write(`${JSON.stringify({ level: 'info', msg: 'Demo catalogue loaded', file, ...report })}\n`);
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  const problems = (error as { errors?: unknown }).errors;
  process.stderr.write(`${JSON.stringify({ level: 'fatal', msg: 'Demo catalogue load failed', error: (error as Error).message, problems })}\n`);
  process.exitCode = 1;
});
