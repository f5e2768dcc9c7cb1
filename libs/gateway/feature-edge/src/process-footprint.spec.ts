import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../../../..');

/**
 * Packages a process that owns no database and consumes no events has no use for (ADR 0035).
 * (@nestjs/microservices is not among them: @nestjs/core loads it whenever it is installed.)
 */
const DATA_PACKAGES = ['typeorm', 'pg', 'kafkajs', 'cloudevents'];

/**
 * Loads, in a fresh node process, what the gateway's app module and main.ts import, then (as the
 * check that this one can fail) the data services' platform, and lists which of DATA_PACKAGES each
 * step brought into the process.
 */
function packagesLoaded(): { edge: string[]; dataService: string[] } {
  const script = `
    const loaded = () => [...new Set(Object.keys(require.cache).map((f) => (f.match(/node_modules\\/((?:@[^/]+\\/)?[^/]+)\\//) || [])[1]).filter(Boolean))];
    require('@onewindow/platform/service/edge');
    require('@onewindow/platform/http');
    require('@onewindow/gateway/feature-edge');
    const edge = loaded();
    require('@onewindow/platform/service');
    process.stdout.write(JSON.stringify({ edge, dataService: loaded() }));
  `;
  const result = spawnSync(process.execPath, ['-r', 'ts-node/register', '-r', 'tsconfig-paths/register', '-e', script], {
    cwd: root,
    env: { ...process.env, TS_NODE_PROJECT: 'tsconfig.base.json', TS_NODE_TRANSPILE_ONLY: 'true' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (result.status !== 0) throw new Error(`loading the gateway's modules failed: ${result.stderr}`);
  const { edge, dataService } = JSON.parse(result.stdout) as { edge: string[]; dataService: string[] };
  const data = (names: string[]) => DATA_PACKAGES.filter((name) => names.includes(name));
  return { edge: data(edge), dataService: data(dataService) };
}

describe("the gateway's process", () => {
  it('loads no database or Kafka code; the data services platform does', () => {
    const { edge, dataService } = packagesLoaded();
    expect(edge).toEqual([]);
    expect(dataService).toEqual(expect.arrayContaining(['typeorm', 'pg', 'kafkajs']));
  }, 60_000);
});
