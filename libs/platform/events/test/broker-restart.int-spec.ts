import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { waitFor } from '@onewindow/platform/testing';
import { Harness } from './harness';

const infra = join(__dirname, '../../../../deploy/local/infra.sh');

/**
 * Restarts the real local broker (deploy/local/infra.sh). Integration targets run one at a time
 * (`--parallel=1`), so no other suite loses its broker under it.
 */
describe('event stream across a broker restart', () => {
  let h: Harness;

  beforeEach(async () => {
    h = await new Harness().setUp();
  });

  afterEach(() => h.tearDown());

  it('applies every event exactly once and in order when the broker restarts mid-stream', async () => {
    await (await h.newRelay()).start();
    await h.newConsumer('c1').start();

    const publishing = (async () => {
      for (let round = 0; round < 20; round++) {
        await h.publishCredits(10, 1, 'R', round);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    })();
    await waitFor('the stream to be flowing', async () => (await h.effectCount()).rows >= 20);
    await promisify(execFile)('bash', [infra, 'restart-kafka'], { timeout: 120_000 });
    await publishing;

    // On a timeout, the last probe says where the stream stopped: at the relay (unpublished) or the consumer.
    await waitFor(
      'all 200 events applied',
      async () => {
        const applied = (await h.effectCount()).distinct;
        if (applied === 200) return true;
        throw new Error(`${applied} of 200 applied, ${await h.pendingOutbox()} still unpublished in the outbox`);
      },
      { timeoutMs: 120_000 },
    );
    expect(await h.effectCount()).toEqual({ rows: 200, distinct: 200 });
    expect(await h.pendingOutbox()).toBe(0);
    expect(await h.outOfOrderLedgers()).toEqual([]);
  }, 240_000);
});
