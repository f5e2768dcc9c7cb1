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
import { writeFileSync } from 'node:fs';
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
  /** Writes one line per request, "<due, epoch ms> <latency ms> <send lag ms>", to this file. */
  traceFile?: string;
  /** Also reports the p99 of each window of this many seconds (by due time); 10 unless set. */
  windowS?: number;
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
  /**
   * How late the generator itself sent its requests (its own event loop's lag), p99 and max: a stall of
   * the generator is charged to the target like any other, so a figure here near the p99 above says the
   * run measured the generator, not the target.
   */
  sendLagP99Ms: number;
  sendLagMaxMs: number;
  /** The p99 of the requests due in each window of `windowS` seconds, in order: how steady the run was. */
  windowP99Ms: number[];
}

export function openLoop(options: OpenLoopOptions): Promise<OpenLoopResult> {
  const target = new URL(options.base);
  const agent = options.agent ?? openLoopAgent(options.connections);
  const total = Math.max(1, Math.floor(options.rate * options.durationS));
  const spacingMs = 1000 / options.rate;
  const windowMs = (options.windowS ?? 10) * 1000;
  // One slot per request, allocated up front: recording a result allocates nothing, so the
  // generator's own collections (which it would charge to the target) stay as few as its requests make.
  const latencies = new Float64Array(total).fill(NaN);
  const sendLags = new Float64Array(total);
  let non2xx = 0;
  let errors = 0;
  let settled = 0;
  let next = 0;

  return new Promise((resolve) => {
    const finish = () => {
      if (!options.agent) agent.destroy();
      if (options.traceFile) {
        const lines: string[] = [];
        for (let i = 0; i < total; i++) {
          const latency = latencies[i] as number;
          if (Number.isNaN(latency)) continue;
          lines.push(`${(performance.timeOrigin + start + i * spacingMs).toFixed(1)} ${latency.toFixed(2)} ${(sendLags[i] as number).toFixed(2)}`);
        }
        writeFileSync(options.traceFile, `${lines.join('\n')}\n`);
      }
      const windows: number[][] = [];
      for (let i = 0; i < total; i++) {
        const latency = latencies[i] as number;
        if (!Number.isNaN(latency)) (windows[Math.floor((i * spacingMs) / windowMs)] ??= []).push(latency);
      }
      const completed = Array.from(latencies.filter((latency) => !Number.isNaN(latency))).sort((a, b) => a - b);
      const lags = Array.from(sendLags).sort((a, b) => a - b);
      resolve({
        scheduled: total,
        completed: completed.length,
        non2xx,
        errors,
        p50Ms: percentile(completed, 50),
        p99Ms: percentile(completed, 99),
        maxMs: completed[completed.length - 1] ?? NaN,
        sendLagP99Ms: percentile(lags, 99),
        sendLagMaxMs: lags[lags.length - 1] ?? NaN,
        windowP99Ms: windows.map((window) => percentile(window.sort((a, b) => a - b), 99)),
      });
    };
    const done = () => {
      settled += 1;
      if (settled === total) finish();
    };
    const send = (index: number) => {
      const dueAt = start + index * spacingMs;
      sendLags[index] = performance.now() - dueAt;
      const outgoing = request({ host: target.hostname, port: target.port, path: options.path(), method: 'GET', agent }, (response) => {
        response.on('data', () => undefined);
        response.on('end', () => {
          latencies[index] = performance.now() - dueAt;
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
        send(next);
        next += 1;
      }
      if (next < total) setTimeout(tick, Math.max(0, start + next * spacingMs - performance.now()));
    };
    tick();
  });
}

/** What `openLoopProcess` (bench/open-loop-process.ts) asks of a generator process: a warm-up, then the measured run. */
export interface OpenLoopRun {
  base: string;
  rate: number;
  warmUpS: number;
  durationS: number;
  /** Request paths, used in turn (the caller draws them as its scenario would). */
  paths: readonly string[];
  traceFile?: string;
}

/** The generator process's side: runs `run` on one agent (the warm-up's connections reused) and returns the measured figures. */
export async function runOpenLoop(run: OpenLoopRun): Promise<OpenLoopResult> {
  let next = 0;
  const path = () => run.paths[next++ % run.paths.length] as string;
  const agent = openLoopAgent();
  try {
    await openLoop({ base: run.base, rate: run.rate, durationS: run.warmUpS, path, agent });
    return await openLoop({ base: run.base, rate: run.rate, durationS: run.durationS, path, agent, ...(run.traceFile ? { traceFile: run.traceFile } : {}) });
  } finally {
    agent.destroy();
  }
}

// Started by openLoopProcess: one run asked for over IPC, its figures sent back.
if (require.main === module) {
  process.once('message', (run: OpenLoopRun) => {
    void runOpenLoop(run).then(
      (result) => process.send?.(result, () => process.exit(0)),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}
