import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { Agent, IncomingHttpHeaders, request } from 'node:http';
import path from 'node:path';
import { createTestDatabase, freePort, nodeFlagsOf, TestDatabase, uniqueName, waitFor } from '@onewindow/platform/testing';

const ROOT = path.resolve(__dirname, '../../../..');
const LOG_DIR = path.join(ROOT, 'tmp', 'e2e');

export type ServiceName = 'identity' | 'catalog' | 'workflow' | 'gateway';

interface Running {
  process: ChildProcess;
  port: number;
}

/**
 * The real services, built by Nx (`dist/apps/<app>`), each in its own process with its own fresh
 * database, migrated and seeded as `npm start` does, behind a real gateway. Logs go to tmp/e2e/.
 */
export class Stack {
  /** `env`: extra variables per service, e.g. higher gateway rate limits for a benchmark. */
  constructor(private readonly env: Partial<Record<ServiceName, Record<string, string>>> = {}) {}

  /** Kept-alive connections to the gateway, as a front's HTTP client keeps them. */
  readonly agent = new Agent({ keepAlive: true, maxSockets: 64 });
  private readonly running = new Map<ServiceName, Running>();
  private readonly databases: TestDatabase[] = [];
  private readonly ports = new Map<ServiceName, number>();

  get gatewayUrl(): string {
    return `http://127.0.0.1:${this.port('gateway')}`;
  }

  async start(): Promise<void> {
    mkdirSync(LOG_DIR, { recursive: true });
    for (const name of ['identity', 'catalog', 'workflow', 'gateway'] as const) this.ports.set(name, await freePort());
    const identityUrl = `http://127.0.0.1:${this.port('identity')}`;
    const common = {
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      JWKS_URL: `${identityUrl}/.well-known/jwks.json`,
      PATH: process.env['PATH'] ?? '',
    };
    // Every login of every run comes from 127.0.0.1 and the throttle's counts live in the shared Redis
    // for five minutes: lift the per-address budget so back-to-back runs do not refuse each other
    // (the throttle itself is tested in identity's suites).
    const defaults: Partial<Record<ServiceName, Record<string, string>>> = { identity: { LOGIN_ADDRESS_MAX_ATTEMPTS: '10000' } };
    for (const name of ['identity', 'catalog', 'workflow'] as const) {
      const db = await createTestDatabase({ entities: [], migrations: [], prefix: `ow_e2e_${name}` });
      await db.dataSource.destroy();
      this.databases.push(db);
      const env = { ...common, SERVICE_NAME: `${name}-e2e`, PORT: String(this.port(name)), DATABASE_URL: db.url, ...defaults[name], ...this.env[name] };
      this.runOnce(name, 'migrate', env);
      if (name === 'identity') this.runOnce(name, 'seed', env);
      this.spawn(name, env);
    }
    await this.waitReady('identity');
    // The catalogue's demo items are published through its outbox; the workflow learns them from Kafka.
    const catalogDb = this.databases[1];
    if (!catalogDb) throw new Error('catalog database missing');
    this.runOnce('catalog', 'seed', { ...common, SERVICE_NAME: 'catalog-e2e', PORT: String(this.port('catalog')), DATABASE_URL: catalogDb.url });
    const upstream = (name: ServiceName | 'closed') => (name === 'closed' ? 'http://127.0.0.1:9' : `http://127.0.0.1:${this.port(name)}`);
    this.spawn('gateway', {
      ...common,
      SERVICE_NAME: 'gateway-e2e',
      PORT: String(this.port('gateway')),
      UPSTREAM_IDENTITY_URL: upstream('identity'),
      UPSTREAM_CATALOG_URL: upstream('catalog'),
      UPSTREAM_WORKFLOW_URL: upstream('workflow'),
      UPSTREAM_LICENCE_URL: upstream('closed'),
      UPSTREAM_PAYMENTS_URL: upstream('closed'),
      UPSTREAM_LOGISTICS_URL: upstream('closed'),
      UPSTREAM_DATA_SHARING_URL: upstream('closed'),
      // Its own rate-limit counters: every run's requests come from 127.0.0.1, and a benchmark's
      // stack (limits lifted) must not leave this address over the limit for the next run.
      RATE_LIMIT_KEY_PREFIX: `${uniqueName('onewindow:e2e').replace(/_/g, '-')}:rate:`,
      ...this.env.gateway,
    });
    for (const name of ['catalog', 'workflow', 'gateway'] as const) await this.waitReady(name);
  }

  async stop(): Promise<void> {
    this.agent.destroy();
    await Promise.all(
      [...this.running.values()].map(
        ({ process: child }) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
            setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
          }),
      ),
    );
    for (const db of this.databases) await db.drop().catch(() => undefined);
  }

  private port(name: ServiceName): number {
    const port = this.ports.get(name);
    if (!port) throw new Error(`no port for ${name}`);
    return port;
  }

  private entry(name: ServiceName, file: string): string {
    return path.join(ROOT, 'dist', 'apps', name, `${file}.js`);
  }

  private runOnce(name: ServiceName, file: string, env: Record<string, string>): void {
    const result = spawnSync(process.execPath, [this.entry(name, file)], { cwd: ROOT, env, encoding: 'utf8', timeout: 120_000 });
    if (result.status !== 0) {
      throw new Error(`${name} ${file} failed (${result.status}): ${(result.stderr || result.stdout).slice(-2000)}`);
    }
  }

  private spawn(name: ServiceName, env: Record<string, string>): void {
    const log = createWriteStream(path.join(LOG_DIR, `${name}.log`));
    // STACK_CPU_PROF_DIR (benchmarks): each service writes a CPU profile there when it stops.
    const profileDir = process.env['STACK_CPU_PROF_DIR'];
    const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
    // The app's own node flags (ADR 0033), as its container and `npm start` run it.
    const main = this.entry(name, 'main');
    const child = spawn(process.execPath, [...profile, ...nodeFlagsOf(main), main], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    this.running.set(name, { process: child, port: this.port(name) });
  }

  private async waitReady(name: ServiceName): Promise<void> {
    const url = `http://127.0.0.1:${this.port(name)}/health/ready`;
    await waitFor(
      `${name} to be ready (log: tmp/e2e/${name}.log)`,
      async () => {
        const child = this.running.get(name)?.process;
        if (child && child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}`);
        return (await fetch(url)).ok;
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
  }
}

export interface Reply<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

/**
 * A front talking to the gateway, as the web, mobile or kiosk apps do. Plain node:http with kept-alive
 * connections rather than fetch: the benchmark drives hundreds of requests a second from this
 * process, on the cores the services use, and fetch costs about twice the CPU per request.
 */
export function call<T = Record<string, unknown>>(
  stack: Stack,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; idempotencyKey?: string } = {},
): Promise<Reply<T>> {
  const body = options.body !== undefined ? JSON.stringify(options.body) : undefined;
  return new Promise((resolve, reject) => {
    const outgoing = request(
      `${stack.gatewayUrl}${path}`,
      {
        method,
        agent: stack.agent,
        headers: {
          ...(body !== undefined ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {}),
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          ...(options.idempotencyKey ? { 'idempotency-key': options.idempotencyKey } : {}),
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          // Built when a test reads them: the benchmark never does.
          let headers: Headers | undefined;
          try {
            resolve({
              status: response.statusCode ?? 0,
              body: (text ? JSON.parse(text) : {}) as T,
              get headers() {
                return (headers ??= toHeaders(response.headers));
              },
            });
          } catch (error) {
            reject(error);
          }
        });
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

function toHeaders(incoming: IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming)) {
    for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, one);
  }
  return headers;
}
