#!/usr/bin/env python3
"""Lines the open loop's slow requests up with the target's collections.

usage: gc-vs-trace.py GC_LOG TRACE [THRESHOLD_MS]
GC_LOG: the target's --trace-gc output with bench/diagnostics/time-origin.cjs preloaded;
TRACE: a BENCH_OPEN_LOOP_TRACE file ("<due, epoch ms> <latency ms> <send lag ms>" per request).
Prints the largest clusters of requests slower than THRESHOLD_MS (10) with the full collections and
the young collections over 3 ms that began up to 300 ms before them, and the generator's own lag.
"""
import re
import sys

LINE = re.compile(r'\s(\d+) ms: (Scavenge|Mark-Compact[^0-9]*|Minor[^0-9]*)\s*([\d.]+) \(([\d.]+)\) -> ([\d.]+) \(([\d.]+)\) MB, ([\d.]+)')
MARKING = re.compile(r'biggest step ([\d.]+) ms, walltime since start of marking (\d+) ms')


def main() -> None:
    log = open(sys.argv[1]).read()
    origin = float(re.search(r'TIME_ORIGIN ([\d.]+)', log)[1])
    collections = []
    for line in log.splitlines():
        match = LINE.search(line)
        if match:
            marking = MARKING.search(line)
            collections.append((origin + int(match[1]), match[2].strip(), float(match[3]), float(match[5]), float(match[7]), marking.groups() if marking else None))
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
        near = [c for c in collections if first - 300 <= c[0] <= last + 50 and (c[1] != 'Scavenge' or c[4] > 3)]
        described = '; '.join(
            f"{c[1]} {c[0] - first:+.0f} ms, pause {c[4]} ms" + (f", biggest marking step {c[5][0]} ms over {c[5][1]} ms" if c[5] else '')
            for c in near
        )
        print(
            f"at {(first - start) / 1000:6.2f} s: {len(cluster):4d} requests over {last - first:4.0f} ms, "
            f"max {max(r[1] for r in cluster):6.1f} ms, send lag max {max(r[2] for r in cluster):5.1f} ms  {described}"
        )
    full = [c for c in collections if c[1].startswith('Mark') and start <= c[0] <= requests[-1][0]]
    print('full collections in the run:', ', '.join(f"{(c[0] - start) / 1000:.1f} s ({c[2]} -> {c[3]} MB)" for c in full) or 'none')


main()
