#!/usr/bin/env python3
"""Sums a sampling heap profile (.heapprofile, bench/diagnostics/heap-sample.cjs) by allocation site.

usage: heap-sites.py PROFILE [TOP]  - prints the TOP (25) sites by sampled bytes, then the TOP stacks
(six frames, innermost first).
"""
import collections
import json
import sys


def main() -> None:
    profile = json.load(open(sys.argv[1]))
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    sites: collections.Counter = collections.Counter()
    stacks: collections.Counter = collections.Counter()
    total = 0
    pending = [(profile['head'], [])]
    while pending:
        node, path = pending.pop()
        frame = node['callFrame']
        name = f"{frame['functionName'] or '(anonymous)'} {frame['url'].split('/')[-1]}:{frame['lineNumber'] + 1}:{frame['columnNumber'] + 1}"
        here = path + [name]
        if node['selfSize']:
            total += node['selfSize']
            sites[name] += node['selfSize']
            stacks[' < '.join(reversed(here[-6:]))] += node['selfSize']
        pending.extend((child, here) for child in node.get('children', []))
    print(f'sampled: {total / 1e6:.1f} MB')
    for name, size in sites.most_common(top):
        print(f'{size / 1e6:8.2f} MB  {name}')
    print('stacks:')
    for stack, size in stacks.most_common(top):
        print(f'{size / 1e6:8.2f} MB  {stack}')


main()
