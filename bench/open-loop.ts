/**
 * An open-loop HTTP load generator for the benchmarks' "at half of saturation" figures: requests
 * start on an even schedule (one every 1000/rate ms, whatever the answers do) and each latency is
 * counted from the moment its request was due, so a stall delays and is charged to every request
 * scheduled behind it (no coordinated omission).
 *
 * Why not autocannon's `overallRate` (used before 2026-11-30): it gives each connection a budget per
 * second that it spends back to back, so every second starts with a burst at full concurrency, and
 * it then "corrects" each latency with an expected interval of ceil(1/rate) = 1 ms, adding a
 * synthetic sample for every millisecond of every answer: a slow answer weighs as many samples as it
 * lasted milliseconds. Its p99 at a fixed rate is therefore neither the experience of evenly arriving
 * residents nor a faithful histogram of the answers.
 */
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { percentile } from './stats';

export interface OpenLoopOptions {
  /** http://host:port of the target. */
  base: string;
  /** Requests per second, evenly spaced. */
  rate: number;
  durationS: number;
  /** The path of the next request. */
  path: () => string;
  /** Connections at most; requests beyond wait for one, and the wait counts in their latency. */
  connections?: number;
  /**
   * The connections to use, kept open afterwards: pass the warm-up's agent to the measured run, or
   * the measured run starts by opening its connections and charges that to the target.
   */
  agent?: Agent;
}

/** A keep-alive agent for `openLoop`; destroy it when done. */
export function openLoopAgent(connections = 256): Agent {
  return new Agent({ keepAlive: true, maxSockets: connections });
}

export interface OpenLoopResult {
  scheduled: number;
  completed: number;
  non2xx: number;
  errors: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export function openLoop(options: OpenLoopOptions): Promise<OpenLoopResult> {
  const target = new URL(options.base);
  const agent = options.agent ?? openLoopAgent(options.connections);
  const total = Math.max(1, Math.floor(options.rate * options.durationS));
  const spacingMs = 1000 / options.rate;
  const latencies: number[] = [];
  let non2xx = 0;
  let errors = 0;
  let settled = 0;
  let next = 0;

  return new Promise((resolve) => {
    const finish = () => {
      if (!options.agent) agent.destroy();
      latencies.sort((a, b) => a - b);
      resolve({
        scheduled: total,
        completed: latencies.length,
        non2xx,
        errors,
        p50Ms: percentile(latencies, 50),
        p99Ms: percentile(latencies, 99),
        maxMs: latencies[latencies.length - 1] ?? NaN,
      });
    };
    const done = () => {
      settled += 1;
      if (settled === total) finish();
    };
    const send = (dueAt: number) => {
      const outgoing = request({ host: target.hostname, port: target.port, path: options.path(), method: 'GET', agent }, (response) => {
        response.on('data', () => undefined);
        response.on('end', () => {
          latencies.push(performance.now() - dueAt);
          if ((response.statusCode ?? 0) < 200 || (response.statusCode ?? 0) > 299) non2xx += 1;
          done();
        });
        response.on('error', () => {
          errors += 1;
          done();
        });
      });
      outgoing.on('error', () => {
        errors += 1;
        done();
      });
      outgoing.end();
    };
    const start = performance.now();
    const tick = () => {
      const now = performance.now();
      while (next < total && start + next * spacingMs <= now) {
        send(start + next * spacingMs);
        next += 1;
      }
      if (next < total) setTimeout(tick, Math.max(0, start + next * spacingMs - performance.now()));
    };
    tick();
  });
}
