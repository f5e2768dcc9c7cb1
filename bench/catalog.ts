/**
 * Catalogue benchmark: public search and item read with 10,000 published items, cached and
 * uncached, directly against the built catalog app (`dist/apps/catalog`) and through the built gateway
 * (`dist/apps/gateway`), each run as `npm start` runs it (`npm run bench:catalog` builds both first).
 * A script, not a test: prints figures and goals, never fails on a timing. Writes nothing but
 * `bench/results/catalog-<timestamp>.json`.
 *
 * For each scenario: a closed-loop run at BENCH_CONNECTIONS finds the saturation rate, then an
 * open-loop run at half of it (evenly spaced arrivals, latency from each request's due time: bench/open-loop.ts,
 * in a generator process of its own: bench/open-loop-process.ts) measures p50/p99 (issue 4's goals, through
 * the gateway: search p99 ≤ 50 ms, cached item read p99 ≤ 10 ms; the service's own rows show what the
 * gateway adds and carry no goal).
 * "Uncached" bumps the cache generation and purges the gateway's edge cache every 20 ms during the
 * run, so nearly every request renders from PostgreSQL, as right after a publication.
 *
 * The measured run lasts BENCH_MEASURE_S (30 s) and its p99 is also given per 10 s, with how long the
 * target's event loop waited for a CPU that other threads held. The machine's own disturbances (a
 * DAMON monitor, services OneWindow does not use) are listed at the start; `bash bench/system.sh run --
 * npm run bench:catalog` pauses them for the run (docs/benchmarks.md, "The machine under the benchmark").
 *
 * Items are seeded straight into the tables (no events: nothing of this run reaches Kafka consumers).
 * Settings: BENCH_ITEMS (10000), BENCH_CONNECTIONS (32), BENCH_DURATION_S (10, the closed-loop runs); BENCH_QUERY_ONLY=1
 * stops after timing the search query alone; BENCH_ONLY=<text> runs only the scenarios whose
 * "<target> <scenario>" contains it (e.g. "service search, uncached"); BENCH_CPU_PROF_DIR=<dir> writes
 * CPU profiles of the catalog and gateway processes there (node --cpu-prof); BENCH_GATEWAY_NODE_OPTIONS
 * adds node/V8 flags to the gateway (e.g. "--trace-gc") and BENCH_GATEWAY_STDOUT=<file> keeps its output
 * (BENCH_CATALOG_NODE_OPTIONS and BENCH_CATALOG_STDOUT the same for the catalog service);
 * BENCH_OPEN_LOOP_TRACE=<file> writes each measured request's due time, latency and send lag to
 * <file>.<scenario> (to set beside the gateway's --trace-gc).
 *
 * CPU placement (BENCH_PIN, on unless "0"; Linux with `taskset` and at least two CPUs): the gateway
 * gets the last CPU to itself, as a pod with its one-CPU limit would (k8s/base/gateway), and this
 * process, the load generator, the others; the catalog service, PostgreSQL and Redis stay free to run
 * anywhere. Unpinned, the generator and the gateway take turns on the same cores and the gateway's
 * tail measures the scheduler as much as the gateway.
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { CatalogItemRepository, catalogEntities, catalogMigrations } from '@onewindow/catalog/data-access';
import { formatItemCode, ITEM_TYPE_CODES, ItemContent, ItemType, queryTokens, weightedTokens } from '@onewindow/catalog/domain';
import { CATALOG_SURROGATE_KEY } from '@onewindow/catalog/feature-items';
import { AuthTestKit } from '@onewindow/platform/auth';
import { EDGE_CACHE_PURGE_CHANNEL } from '@onewindow/platform/http';
import { TransactionHost } from '@onewindow/platform/persistence';
import { serviceMigrations } from '@onewindow/platform/service';
import { createTestDatabase, freePort, nodeFlagsOf, TestDatabase, uniqueName } from '@onewindow/platform/testing';
import { Redis } from 'ioredis';
import { openLoopProcess } from './open-loop-process';

interface Histogram {
  p50: number;
  p99: number;
  average: number;
}
interface AutocannonResult {
  latency: Histogram;
  requests: { average: number; total: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}
interface AutocannonOptions {
  url: string;
  connections: number;
  duration: number;
  requests: Array<{ method: 'GET'; setupRequest: (request: { path: string }) => { path: string } }>;
}
type Autocannon = (options: AutocannonOptions) => Promise<AutocannonResult>;
const autocannon = createRequire(__filename)('autocannon') as Autocannon;

function envInt(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? Math.floor(value) : fallback;
}

const config = {
  items: envInt('BENCH_ITEMS', 10_000),
  connections: envInt('BENCH_CONNECTIONS', 32),
  durationS: envInt('BENCH_DURATION_S', 10),
  /** The open loop's measured run: long enough that one stall of ~150 ms (a full collection) is not 1 % of it. */
  measureS: envInt('BENCH_MEASURE_S', 30),
};

/** CPUs for the gateway and for everything else of this benchmark, when they can be separated. */
function cpuPlacement(): { gateway: string; generator: string; all: string } | undefined {
  const cpus = availableParallelism();
  if (process.env['BENCH_PIN'] === '0' || process.platform !== 'linux' || cpus < 2) return undefined;
  if (spawnSync('taskset', ['-V']).status !== 0) return undefined;
  return { gateway: String(cpus - 1), generator: cpus === 2 ? '0' : `0-${cpus - 2}`, all: `0-${cpus - 1}` };
}
const placement = cpuPlacement();

/** Sets the CPUs `pid` may run on (and its threads'); false if taskset refused. */
function pin(pid: number, cpus: string): boolean {
  return spawnSync('taskset', ['-a', '-p', '-c', cpus, String(pid)], { stdio: 'ignore' }).status === 0;
}

const TOWNSHIPS = ['凤山镇', '松山镇', '起步镇', '中房镇', '飞竹镇', '鉴江镇', '碧里乡', '白塔乡', '洪洋乡', '西兰乡', '霍口畲族乡'];
const QUERIES = ['营业执照', '办身份证', '上户口', '结婚证', '公租房', '食品经营许可', '二手房过户', '社保卡', '低保', '施工许可', '护照', '失业金'];

interface DemoItem {
  departmentCode: string;
  type: ItemType;
  content: ItemContent;
}

async function seed(db: TestDatabase, count: number): Promise<string[]> {
  const demo = JSON.parse(readFileSync(path.join(__dirname, '../deploy/demo/catalog/catalog.json'), 'utf8')) as { items: DemoItem[] };
  const serials = new Map<string, number>();
  const codes: string[] = [];
  const batch = 500;
  for (let start = 0; start < count; start += batch) {
    const items: unknown[] = [];
    const versions: unknown[] = [];
    const postings: unknown[] = [];
    for (let i = start; i < Math.min(count, start + batch); i++) {
      const base = demo.items[i % demo.items.length] as DemoItem;
      const key = `${base.departmentCode}:${base.type}`;
      const serial = (serials.get(key) ?? 0) + 1;
      serials.set(key, serial);
      const code = formatItemCode({ divisionCode: '350123', departmentCode: base.departmentCode, typeCode: ITEM_TYPE_CODES[base.type], serial });
      const name = i < demo.items.length ? base.content.name : `${TOWNSHIPS[i % TOWNSHIPS.length]}${base.content.name}（${Math.floor(i / demo.items.length)}）`;
      const content = { ...base.content, name };
      for (const [token, weight] of weightedTokens(content)) postings.push({ token, item_code: code, weight });
      items.push({
        code,
        department_code: base.departmentCode,
        type: base.type,
        serial,
        name,
        online_level: content.onlineLevel,
        life_events: content.lifeEvents,
        service_points: content.servicePoints,
      });
      versions.push({ item_code: code, content });
      codes.push(code);
    }
    await db.dataSource.query(
      `INSERT INTO catalog_item (code, department_code, type, serial, latest_version, published_version, name, online_level, life_events,
                                 service_points, changed_at)
       SELECT code, department_code, type, serial, 1, 1, name, online_level, life_events, service_points, now()
         FROM jsonb_to_recordset($1::jsonb) AS x(code text, department_code text, type text, serial int, name text, online_level text,
              life_events text[], service_points text[])`,
      [JSON.stringify(items)],
    );
    await db.dataSource.query(
      `INSERT INTO catalog_item_version (item_code, version, state, content, created_by, published_at, published_by, effective_from)
       SELECT item_code, 1, 'PUBLISHED', content, 'bench', now(), 'bench', current_date FROM jsonb_to_recordset($1::jsonb) AS x(item_code text, content jsonb)`,
      [JSON.stringify(versions)],
    );
    await db.dataSource.query(
      `INSERT INTO catalog_search_token (token, item_code, weight) SELECT token, item_code, weight FROM jsonb_to_recordset($1::jsonb) AS x(token text, item_code text, weight smallint)`,
      [JSON.stringify(postings)],
    );
  }
  await db.dataSource.query('VACUUM ANALYZE');
  return codes;
}

const pick = <T>(values: readonly T[]): T => values[Math.floor(Math.random() * values.length)] as T;

interface Scenario {
  name: string;
  /** Issue 4's goal, through the gateway. The service's own figures carry none: they show what the gateway adds. */
  goalP99Ms?: number;
  path: () => string;
  uncached: boolean;
}

interface Figures {
  scenario: string;
  target: string;
  saturationRps: number;
  halfRateRps: number;
  p50Ms: number;
  p99Ms: number;
  /** The generator's own lateness in sending (p99): near the p99 above, the run measured the generator. */
  generatorLagP99Ms: number;
  /** The p99 of each 10 s of the measured run, in order. */
  windowP99Ms: number[];
  /**
   * How long the target's event loop thread was ready to run but waited for a CPU (its run queue
   * delay, /proc/<pid>/schedstat) during the warm-up and measured run: the CPU was held by another
   * thread, its own (collector, I/O) or another process's.
   */
  cpuWaitMs?: number;
  non2xx: number;
  goalP99Ms?: number;
}

/** Nanoseconds the thread `pid` has waited on a run queue so far (Linux schedstat), or undefined. */
function runQueueWaitNs(pid: number | undefined): number | undefined {
  try {
    return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[1]);
  } catch {
    return undefined;
  }
}

async function run(base: string, scenario: Scenario, bump: () => Promise<void>, targetPid?: number): Promise<Omit<Figures, 'target'>> {
  const request = { method: 'GET' as const, setupRequest: (r: { path: string }) => ({ ...r, path: scenario.path() }) };
  let timer: NodeJS.Timeout | undefined;
  const withBumps = async <T>(work: () => Promise<T>): Promise<T> => {
    if (scenario.uncached) timer = setInterval(() => void bump(), 20);
    try {
      return await work();
    } finally {
      if (timer) clearInterval(timer);
    }
  };
  // Warm the connection pools and, for cached scenarios, the cache.
  await autocannon({ url: base, connections: config.connections, duration: 2, requests: [request] });
  const saturated = await withBumps(() => autocannon({ url: base, connections: config.connections, duration: config.durationS, requests: [request] }));
  const half = Math.max(1, Math.floor(saturated.requests.average / 2));
  // Evenly spaced arrivals at half the saturation rate, latency from each request's due time
  // (bench/open-loop.ts), after 2 s at that rate on the same connections to warm the generator's own
  // client; the generator runs in a process of its own (bench/open-loop-process.ts).
  const warmUpS = 2;
  const paths = Array.from({ length: Math.min(50_000, half * (warmUpS + config.measureS)) }, () => scenario.path());
  const traceFile = process.env['BENCH_OPEN_LOOP_TRACE'];
  const waitedBefore = runQueueWaitNs(targetPid);
  const measured = await withBumps(() =>
    openLoopProcess({ base, rate: half, warmUpS, durationS: config.measureS, paths, ...(traceFile ? { traceFile: `${traceFile}.${scenario.name.replace(/\W+/g, '-')}` } : {}) }),
  );
  const waitedAfter = runQueueWaitNs(targetPid);
  return {
    scenario: scenario.name,
    saturationRps: Math.round(saturated.requests.average),
    halfRateRps: half,
    p50Ms: Math.round(measured.p50Ms * 10) / 10,
    p99Ms: Math.round(measured.p99Ms * 10) / 10,
    generatorLagP99Ms: Math.round(measured.sendLagP99Ms * 10) / 10,
    windowP99Ms: measured.windowP99Ms.map((ms) => Math.round(ms * 10) / 10),
    ...(waitedBefore !== undefined && waitedAfter !== undefined ? { cpuWaitMs: Math.round((waitedAfter - waitedBefore) / 1e5) / 10 } : {}),
    non2xx: saturated.non2xx + measured.non2xx + measured.errors,
  };
}

/** `bench/system.sh show`, line by line: DAMON monitors and the services OneWindow does not use, running or paused. */
function machineState(): string[] {
  const shown = spawnSync('bash', [path.join(__dirname, 'system.sh'), 'show'], { encoding: 'utf8' });
  return (shown.stdout ?? '')
    .split('\n')
    .map((line) => line.replace(/^\[bench-system\] /, '').trim())
    .filter(Boolean);
}

interface App {
  url: string;
  child: ChildProcess;
}

/**
 * Starts a built app (`dist/apps/<name>/main.js`) as `npm start` and its container do: plain Node with
 * the app's own node flags (ADR 0033), then `extraFlags`, on `cpus` (taskset, so every thread V8 creates
 * at start-up stays there). BENCH_<NAME>_NODE_OPTIONS adds flags (e.g. "--trace-gc") and
 * BENCH_<NAME>_STDOUT=<file> keeps its standard output. Undefined when the app is not built or not ready.
 */
async function startApp(name: 'gateway' | 'catalog', env: Record<string, string>, options: { cpus?: string; extraFlags?: string[] } = {}): Promise<App | undefined> {
  const main = path.join(__dirname, `../dist/apps/${name}/main.js`);
  try {
    readFileSync(main);
  } catch {
    return undefined;
  }
  const port = await freePort();
  const profileDir = process.env['BENCH_CPU_PROF_DIR'];
  const upper = name.toUpperCase();
  const nodeArgs = [
    ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
    ...nodeFlagsOf(main),
    ...(options.extraFlags ?? []),
    ...(process.env[`BENCH_${upper}_NODE_OPTIONS`] ?? '').split(' ').filter(Boolean),
    main,
  ];
  const stdoutFile = process.env[`BENCH_${upper}_STDOUT`];
  const child = spawn(options.cpus ? 'taskset' : process.execPath, options.cpus ? ['-c', options.cpus, process.execPath, ...nodeArgs] : nodeArgs, {
    env: { ...process.env, ...env, PORT: String(port), LOG_LEVEL: 'error' },
    stdio: ['ignore', stdoutFile ? openSync(stdoutFile, 'w') : 'ignore', 'ignore'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 60; i++) {
    if (child.exitCode !== null) return undefined;
    try {
      if ((await fetch(`${url}/health/live`)).ok) return { url, child };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  child.kill('SIGTERM');
  return undefined;
}

async function main(): Promise<void> {
  if (placement && pin(process.pid, placement.generator)) {
    console.log(`CPUs: gateway ${placement.gateway}, load generator ${placement.generator}, catalog service, PostgreSQL and Redis any`);
  } else {
    console.log('CPUs: not pinned (BENCH_PIN=0, not Linux, one CPU or no taskset)');
  }
  // What else on the machine can disturb the figures (bench/system.sh; docs/benchmarks.md "The machine under the benchmark").
  const machine = machineState();
  for (const line of machine) console.log(`machine: ${line}`);
  const service = uniqueName('bench-catalog').replace(/_/g, '-');
  const idp = await AuthTestKit.TestIdentityProvider.start();
  const db = await createTestDatabase({ entities: catalogEntities, migrations: serviceMigrations(catalogMigrations), prefix: 'ow_catalog_bench' });
  const redis = new Redis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');
  let catalog: App | undefined;
  let gateway: App | undefined;
  try {
    const t0 = Date.now();
    const codes = await seed(db, config.items);
    console.log(`seeded ${codes.length} published items in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    // The search query alone, one at a time: what the database costs without HTTP, Redis or contention.
    const repository = new CatalogItemRepository(new TransactionHost(db.dataSource));
    const queryMs: Record<string, { ms: number; total: number }> = {};
    for (const q of QUERIES) {
      const runs: number[] = [];
      let total = 0;
      for (let i = 0; i < 20; i++) {
        const started = performance.now();
        total = (await repository.search({ tokens: queryTokens(q), limit: 20, offset: 0 })).total;
        runs.push(performance.now() - started);
      }
      runs.sort((a, b) => a - b);
      queryMs[q] = { ms: Number((runs[10] as number).toFixed(1)), total };
    }
    console.log(`search query alone (median of 20, ms / matches): ${Object.entries(queryMs).map(([q, f]) => `${q} ${f.ms}/${f.total}`).join(' · ')}`);
    if (process.env['BENCH_QUERY_ONLY']) return;
    // The built catalog app, as `npm start` runs it. No memory reducer: during the cached scenarios the
    // service sits idle, and V8 then shrinks its heap with full collections on the CPUs the gateway and
    // the generator use, which the gateway's window was charged for. In a cluster it has CPUs of its own.
    catalog = await startApp('catalog', { SERVICE_NAME: service, DATABASE_URL: db.url, ...idp.env() }, { cpus: placement?.all, extraFlags: ['--no-memory-reducer'] });
    if (!catalog) throw new Error('the catalog app did not start: is it built (npx nx build catalog) and is Kafka up (bash deploy/local/infra.sh up)?');
    const catalogUrl = catalog.url;
    gateway = await startApp(
      'gateway',
      {
        ...idp.env(),
        SERVICE_NAME: uniqueName('bench-gateway').replace(/_/g, '-'),
        UPSTREAM_CATALOG_URL: catalogUrl,
        RATE_LIMIT_PER_ADDRESS: '1000000',
        RATE_LIMIT_PER_USER: '1000000',
        // Its own counters, so this run's traffic from 127.0.0.1 never counts against another gateway.
        RATE_LIMIT_KEY_PREFIX: `${uniqueName('onewindow:bench').replace(/_/g, '-')}:rate:`,
      },
      { cpus: placement?.gateway },
    );
    if (!gateway) console.log('gateway not measured: dist/apps/gateway/main.js missing or not ready (npx nx build gateway)');

    const hot = codes.slice(0, 50);
    // Cached scenarios first (ADR 0034): the uncached ones purge every 20 ms, far beyond any real rate of
    // publication, and leave the gateway's old generation full of proxied requests and purged entries;
    // measured after them, a cached scenario was charged one or two full collections of that garbage.
    const scenarios: Scenario[] = [
      { name: 'search, cached', goalP99Ms: 50, uncached: false, path: () => `/public/items?q=${encodeURIComponent(pick(QUERIES))}` },
      { name: 'item read, cached', goalP99Ms: 10, uncached: false, path: () => `/public/items/${pick(hot)}` },
      {
        name: 'search, uncached',
        goalP99Ms: 50,
        uncached: true,
        path: () => `/public/items?q=${encodeURIComponent(pick(QUERIES))}&page=${1 + Math.floor(Math.random() * 3)}`,
      },
      { name: 'item read, uncached', uncached: true, path: () => `/public/items/${pick(codes)}` },
    ];
    // What a publication does (PublicCache.invalidate): a new generation and a purge of the gateways' edge caches.
    const bump = async () => {
      await redis.multi().incr(`${service}:public:generation`).publish(EDGE_CACHE_PURGE_CHANNEL, CATALOG_SURROGATE_KEY).exec();
    };
    const figures: Figures[] = [];
    const targets: Array<[string, string, string, number | undefined]> = [['service', catalogUrl, '', catalog.child.pid]];
    if (gateway) targets.push(['gateway', gateway.url, '/api/v1/catalog', gateway.child.pid]);
    for (const [target, url, prefix, pid] of targets) {
      for (const scenario of scenarios) {
        if (process.env['BENCH_ONLY'] && !`${target} ${scenario.name}`.includes(process.env['BENCH_ONLY'])) continue;
        const result = await run(url, { ...scenario, path: () => `${prefix}${scenario.path()}` }, bump, pid);
        const goalP99Ms = target === 'gateway' ? scenario.goalP99Ms : undefined;
        figures.push({ target, ...result, ...(goalP99Ms ? { goalP99Ms } : {}) });
        const goal = goalP99Ms ? ` (goal p99 ≤ ${goalP99Ms} ms: ${result.p99Ms <= goalP99Ms ? 'met' : 'MISSED'})` : '';
        console.log(
          `${target.padEnd(8)} ${scenario.name.padEnd(20)} saturation ${String(result.saturationRps).padStart(6)} req/s · at ${result.halfRateRps} req/s p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms${goal} · generator lag p99 ${result.generatorLagP99Ms} ms · p99 per 10 s ${result.windowP99Ms.join('/')} ms${result.cpuWaitMs !== undefined ? ` · waited for a CPU ${result.cpuWaitMs} ms` : ''}${result.non2xx ? ` · ${result.non2xx} non-2xx` : ''}`,
        );
      }
    }
    const dir = path.join(__dirname, 'results');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `catalog-${new Date().toISOString().replace(/:/g, '-').replace(/\.\d+Z$/, 'Z')}.json`);
    writeFileSync(file, `${JSON.stringify({ config, machine, queryMs, figures }, null, 2)}\n`);
    console.log(`wrote ${path.relative(process.cwd(), file)}`);
  } finally {
    gateway?.child.kill('SIGTERM');
    catalog?.child.kill('SIGTERM');
    await redis.quit();
    await db.drop();
    await idp.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
