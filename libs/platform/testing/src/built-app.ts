import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

/** A TCP port free on 127.0.0.1 right now, for a process about to listen on it. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * The flags node runs a built app's `main.js` with: its `node-flags` file beside it (ADR 0033; one
 * flag or more per line, `#` for comments), in order; none when the app has no file. The container's
 * CMD and deploy/local/start.sh read the same file, so tests and benchmarks run the process ops run.
 */
export function nodeFlagsOf(mainJs: string): string[] {
  let text: string;
  try {
    text = readFileSync(path.join(path.dirname(mainJs), 'node-flags'), 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .filter((line) => line.trim() && !line.trimStart().startsWith('#'))
    .flatMap((line) => line.trim().split(/\s+/));
}
