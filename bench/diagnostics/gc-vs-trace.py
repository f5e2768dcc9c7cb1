#!/usr/bin/env python3
"""Lines the open loop's slow requests up with the target's collections.

usage: gc-vs-trace.py GC_LOG TRACE [THRESHOLD_MS]
GC_LOG: the target's --trace-gc output with bench/diagnostics/time-origin.cjs preloaded;
TRACE: a BENCH_OPEN_LOOP_TRACE file ("<due, epoch ms> <latency ms> <send lag ms>" per request).
Prints the largest clusters of requests slower than THRESHOLD_MS (10) with the full collections and
the young collections over 3 ms that began up to 300 ms before them, and the generator's own lag.
"""
import sys

from gclog import read


def main() -> None:
    origin, collections = read(sys.argv[1])
    if origin is None:
        sys.exit('no TIME_ORIGIN in the gc log: preload bench/diagnostics/time-origin.cjs')
    threshold = float(sys.argv[3]) if len(sys.argv) > 3 else 10
    requests = [tuple(map(float, line.split())) for line in open(sys.argv[2]) if line.strip()]
    start = requests[0][0]
    latencies = sorted(r[1] for r in requests)
    slow = [r for r in requests if r[1] > threshold]
    print(f'requests {len(requests)}, over {threshold} ms {len(slow)}, p99 {latencies[int(len(latencies) * 0.99)]:.1f} ms')
    clusters: list = []
    for request in slow:
        if clusters and request[0] - clusters[-1][-1][0] < 50:
            clusters[-1].append(request)
        else:
            clusters.append([request])
    for cluster in sorted(clusters, key=len, reverse=True)[:12]:
        first, last = cluster[0][0], cluster[-1][0]
        near = [c for c in collections if first - 300 <= c.at_ms <= last + 50 and (not c.young or c.pause_ms > 3)]
        described = '; '.join(
            f'{c.kind} {c.at_ms - first:+.0f} ms, pause {c.pause_ms} ms'
            + (f', biggest marking step {c.marking[0]} ms over {c.marking[1]} ms' if c.marking else '')
            for c in near
        )
        print(
            f'at {(first - start) / 1000:6.2f} s: {len(cluster):4d} requests over {last - first:4.0f} ms, '
            f'max {max(r[1] for r in cluster):6.1f} ms, send lag max {max(r[2] for r in cluster):5.1f} ms  {described}'
        )
    full = [c for c in collections if not c.young and start <= c.at_ms <= requests[-1][0]]
    print('full collections in the run:', ', '.join(f'{(c.at_ms - start) / 1000:.1f} s ({c.before_mb} -> {c.after_mb} MB)' for c in full) or 'none')


main()
