// Preload for a benchmarked app: prints its time origin (epoch ms), so that --trace-gc's times (ms since
// the process started) line up with the open loop's trace (epoch ms): bench/diagnostics/gc-vs-trace.py.
'use strict';
process.stdout.write(`TIME_ORIGIN ${performance.timeOrigin}\n`);
