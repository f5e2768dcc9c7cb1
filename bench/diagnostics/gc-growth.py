#!/usr/bin/env python3
"""What an app's --trace-gc output says about its old generation from FROM_MS on.

usage: gc-growth.py GC_LOG [FROM_MS]  - young collections (count, mean pause, interval), every full
collection (heap before -> after, pause), and how fast the heap after successive young collections
grew: the bytes they promoted, which is what brings the next full collection.
"""
import sys

from gclog import read


def main() -> None:
    origin, collections = read(sys.argv[1], float(sys.argv[2]) if len(sys.argv) > 2 else 0)
    offset = origin or 0
    young = [c for c in collections if c.young]
    if len(young) > 1:
        interval = (young[-1].at_ms - young[0].at_ms) / (len(young) - 1)
        print(f'young collections: {len(young)}, mean pause {sum(c.pause_ms for c in young) / len(young):.2f} ms, every {interval:.0f} ms')
    for c in collections:
        if not c.young:
            print(f'{c.kind} at {(c.at_ms - offset) / 1000:.1f} s: {c.before_mb} -> {c.after_mb} MB, pause {c.pause_ms} ms')
    # Growth of the heap between young collections with no full one between them.
    grown, steps, first, last, previous = 0.0, 0, None, None, None
    for c in collections:
        if not c.young:
            previous = None
            continue
        if previous is not None:
            grown += c.after_mb - previous.after_mb
            steps += 1
            first = first or c
            last = c
        previous = c
    if steps and first and last and last.at_ms > first.at_ms:
        seconds = (last.at_ms - first.at_ms) / 1000
        print(f'promoted: {grown:.1f} MB in {seconds:.0f} s, {grown / seconds:.3f} MB/s, {grown / steps:.3f} MB per young collection')


main()
