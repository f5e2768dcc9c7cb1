#!/usr/bin/env python3
"""What an app's --trace-gc output says about its old generation from FROM_MS on.

usage: gc-growth.py GC_LOG [FROM_MS]  - young collections (count, mean pause, interval), every full
collection (heap before -> after, pause), and how fast the heap after successive young collections
grew: the bytes they promoted, which is what brings the next full collection.
"""
import re
import sys

LINE = re.compile(r'\s(\d+) ms: (Scavenge|Mark-Compact[^0-9]*|Minor Mark-Sweep)\s*([\d.]+) \(([\d.]+)\) -> ([\d.]+) \(([\d.]+)\) MB, ([\d.]+)')


def main() -> None:
    since = float(sys.argv[2]) if len(sys.argv) > 2 else 0
    events = []
    for line in open(sys.argv[1]):
        match = LINE.search(line)
        if match and int(match[1]) >= since:
            events.append((int(match[1]), match[2].strip(), float(match[3]), float(match[5]), float(match[7])))
    young = [e for e in events if e[1] == 'Scavenge']
    if len(young) > 1:
        interval = (young[-1][0] - young[0][0]) / (len(young) - 1)
        print(f'young collections: {len(young)}, mean pause {sum(e[4] for e in young) / len(young):.2f} ms, every {interval:.0f} ms')
    for at, kind, before, after, pause in (e for e in events if e[1] != 'Scavenge'):
        print(f'{kind} at {at / 1000:.1f} s: {before} -> {after} MB, pause {pause} ms')
    grown, last, first_at, last_at, steps = 0.0, None, None, None, 0
    for at, kind, _before, after, _pause in events:
        if kind != 'Scavenge':
            last = None
            continue
        if last is not None:
            grown += after - last
            steps += 1
            first_at = at if first_at is None else first_at
            last_at = at
        last = after
    if steps and last_at and first_at and last_at > first_at:
        seconds = (last_at - first_at) / 1000
        print(f'promoted: {grown:.1f} MB in {seconds:.0f} s, {grown / seconds:.3f} MB/s, {grown / steps:.3f} MB per young collection')


main()
