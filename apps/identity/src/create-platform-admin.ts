import { NestFactory } from '@nestjs/core';
import { IdentityException, PlatformAdminBootstrap } from '@onewindow/identity/feature-accounts';
import { AppModule } from './app.module';

const write = (stream: NodeJS.WriteStream, entry: Record<string, unknown>) => stream.write(`${JSON.stringify({ service: 'identity', ...entry })}\n`);

/**
 * Operator command: creates the first platform admin (organisation 350123) from
 * PLATFORM_ADMIN_ID_NUMBER, PLATFORM_ADMIN_NAME and PLATFORM_ADMIN_PASSWORD, unless one exists.
 * The password is an initial one, to be changed at first login.
 */
async function main(): Promise<void> {
  const missing = ['PLATFORM_ADMIN_ID_NUMBER', 'PLATFORM_ADMIN_NAME', 'PLATFORM_ADMIN_PASSWORD'].filter((name) => !process.env[name]);
  if (missing.length > 0) {
    write(process.stderr, { level: 'fatal', msg: 'Missing variables', missing });
    process.exitCode = 1;
    return;
  }
  const app = await NestFactory.createApplicationContext(AppModule, { logger: false });
  try {
    const id = await app.get(PlatformAdminBootstrap).createIfNone({
      idNumber: process.env['PLATFORM_ADMIN_ID_NUMBER'] as string,
      name: process.env['PLATFORM_ADMIN_NAME'] as string,
      password: process.env['PLATFORM_ADMIN_PASSWORD'] as string,
    });
    write(process.stdout, { level: 'info', msg: id ? 'Platform admin created' : 'A platform admin exists already; nothing done', accountId: id });
  } catch (error) {
    const problem = error instanceof IdentityException ? { code: error.code, detail: error.detail, errors: error.errors } : { error: (error as Error).message };
    write(process.stderr, { level: 'fatal', msg: 'Platform admin not created', ...problem });
    process.exitCode = 1;
  } finally {
    // The outbox relay may still be handing the event to Kafka; it is safe to stop it (the event stays
    // in the outbox for the service's own relay), so never wait for it for long.
    setTimeout(() => process.exit(), 30_000).unref();
    await app.close();
  }
}

void main();
