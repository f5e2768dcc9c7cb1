// Preload for a benchmarked app (BENCH_GATEWAY_NODE_OPTIONS="-r ./bench/diagnostics/heap-sample.cjs"):
// samples the app's allocations with V8's sampling heap profiler from HEAP_SAMPLE_DELAY_MS after start
// until SIGTERM/SIGINT/SIGUSR2, then writes the profile to HEAP_SAMPLE_OUT (a .heapprofile that Chrome
// DevTools opens; bench/diagnostics/heap-sites.py sums it by allocation site).
// HEAP_SAMPLE_MAJOR=1 keeps the objects that only a full collection freed, HEAP_SAMPLE_MINOR=1 those a
// young collection freed: with MAJOR=1 and MINOR unset, the profile is what the old generation grew by.
'use strict';
const inspector = require('node:inspector');
const { writeFileSync } = require('node:fs');

const session = new inspector.Session();
session.connect();
const out = process.env.HEAP_SAMPLE_OUT || `/tmp/heap-${process.pid}.heapprofile`;
let started = false;
let written = false;

function start() {
  session.post('HeapProfiler.enable');
  session.post(
    'HeapProfiler.startSampling',
    {
      samplingInterval: Number(process.env.HEAP_SAMPLE_INTERVAL || 8192),
      includeObjectsCollectedByMajorGC: process.env.HEAP_SAMPLE_MAJOR === '1',
      includeObjectsCollectedByMinorGC: process.env.HEAP_SAMPLE_MINOR === '1',
    },
    (error) => {
      if (error) process.stderr.write(`heap-sample: ${error.message}\n`);
      else started = true;
    },
  );
}

function stop() {
  if (!started || written) return;
  written = true;
  session.post('HeapProfiler.stopSampling', (error, result) => {
    if (error) process.stderr.write(`heap-sample: ${error.message}\n`);
    else writeFileSync(out, JSON.stringify(result.profile));
  });
}

const delay = Number(process.env.HEAP_SAMPLE_DELAY_MS || 0);
if (delay > 0) setTimeout(start, delay).unref();
else start();
process.prependListener('SIGTERM', stop);
process.prependListener('SIGINT', stop);
process.on('SIGUSR2', stop);
