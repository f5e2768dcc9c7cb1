import { NestFactory } from '@nestjs/core';
import { citizenIdCheckCharacter } from '@onewindow/domain/china-id';
import { PlatformAdminBootstrap } from '@onewindow/identity/feature-accounts';
import { AppModule } from './app.module';

/** A fictitious number (Luoyuan, born 1980-01-01), never a real person's. */
const DEMO_ADMIN_FIRST17 = '35012319800101999';

/**
 * Demo data for `npm start` (development only): a platform admin to log in with, documented in
 * apps/identity/README.md. Idempotent: does nothing once any platform admin exists.
 */
async function main(): Promise<void> {
  if (process.env['NODE_ENV'] !== 'development') {
    process.stdout.write(`${JSON.stringify({ service: 'identity', level: 'info', msg: 'Demo data is loaded in development only' })}\n`);
    return;
  }
  const app = await NestFactory.createApplicationContext(AppModule, { logger: false });
  try {
    const id = await app.get(PlatformAdminBootstrap).createIfNone({
      idNumber: DEMO_ADMIN_FIRST17 + citizenIdCheckCharacter(DEMO_ADMIN_FIRST17),
      name: '演示管理员',
      password: 'Demo-Admin-2026!',
    });
    process.stdout.write(`${JSON.stringify({ service: 'identity', level: 'info', msg: id ? 'Demo platform admin created' : 'Demo data present' })}\n`);
  } finally {
    setTimeout(() => process.exit(), 30_000).unref();
    await app.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${JSON.stringify({ service: 'identity', level: 'fatal', msg: 'Demo data failed', error: (error as Error).message })}\n`);
  process.exitCode = 1;
});
