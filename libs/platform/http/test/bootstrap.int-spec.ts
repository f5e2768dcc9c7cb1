import { createServer, Server } from 'node:net';
import { Module } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ConfigError, ConfigModule, loadConfig, PlatformConfig } from '@onewindow/platform/config';
import { freePort } from '@onewindow/platform/testing';
import { bootstrapService } from '../src';
import { TestAppModule } from './fixtures/test-app.module';

/** Runs a failing boot with process.exit and stderr replaced; returns the exit code and stderr lines. */
async function failedBoot(
  boot: () => Promise<unknown>,
): Promise<{ exitCode: unknown; lines: string[]; error: unknown }> {
  const exit = jest.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
  const write = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  let error: unknown;
  try {
    await boot();
  } catch (e) {
    error = e;
  }
  const result = {
    exitCode: exit.mock.calls[0]?.[0],
    lines: write.mock.calls.map((call) => String(call[0])),
    error,
  };
  write.mockRestore();
  exit.mockRestore();
  return result;
}

describe('bootstrapService', () => {
  it('listens on 0.0.0.0 at PORT when given the module class itself', async () => {
    const port = await freePort();
    @Module({
      imports: [ConfigModule.forRoot(PlatformConfig, { SERVICE_NAME: 'boot-test', PORT: String(port) })],
    })
    class BootAppModule {}

    const app: NestFastifyApplication = await bootstrapService(BootAppModule, {
      logDestination: { write: () => undefined },
    });
    try {
      expect(app.getHttpServer().address()).toMatchObject({ address: '0.0.0.0', port });
      const response = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(response.status).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('reports invalid configuration as one JSON line naming each variable and exits with code 1', async () => {
    const { exitCode, lines, error } = await failedBoot(() =>
      bootstrapService(() => TestAppModule.with([], { SERVICE_NAME: 'Not A Name', PORT: 'eighty' })),
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect(exitCode).toBe(1);
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0] ?? '') as {
      level: string;
      msg: string;
      problems: { variable: string; reason: string }[];
    };
    expect(line).toMatchObject({ level: 'fatal', msg: 'Invalid configuration' });
    expect(line.problems.map((p) => p.variable).sort()).toEqual(['PORT', 'SERVICE_NAME']);
    expect(line.problems.every((p) => p.reason.length > 0)).toBe(true);
  });

  it('reports a configuration error raised while Nest builds providers the same way, without Nest printing a stack', async () => {
    @Module({
      providers: [
        { provide: 'LATE_CONFIG', useFactory: () => loadConfig(PlatformConfig, { LOG_LEVEL: 'loud' }) },
      ],
    })
    class LateConfigModule {}

    const { exitCode, lines } = await failedBoot(() =>
      bootstrapService(() => ({
        module: LateConfigModule,
        imports: [ConfigModule.forRoot(PlatformConfig, { SERVICE_NAME: 'late' })],
      })),
    );
    expect(exitCode).toBe(1);
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0] ?? '') as { msg: string; problems: { variable: string }[] };
    expect(line.msg).toBe('Invalid configuration');
    expect(line.problems.map((p) => p.variable).sort()).toEqual(['LOG_LEVEL', 'SERVICE_NAME']);
  });

  it('reports any other boot failure as one JSON line without a stack and exits with code 1', async () => {
    const port = await freePort();
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(port, '0.0.0.0', resolve));
    try {
      const { exitCode, lines } = await failedBoot(() =>
        bootstrapService(() => TestAppModule.with([], { SERVICE_NAME: 'busy', PORT: String(port) })),
      );
      expect(exitCode).toBe(1);
      expect(lines).toHaveLength(1);
      const line = JSON.parse(lines[0] ?? '') as Record<string, unknown>;
      expect(line).toMatchObject({
        level: 'fatal',
        msg: 'Service failed to start',
        err: { code: 'EADDRINUSE' },
      });
      expect(lines[0]).not.toMatch(/\bat \S+:\d+:\d+/);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});
