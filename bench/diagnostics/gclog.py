"""Reads node's --trace-gc output (shared by gc-growth.py and gc-vs-trace.py)."""
import re
from typing import NamedTuple, Optional, Tuple

LINE = re.compile(r'\s(\d+) ms: (Scavenge|Mark-Compact[^0-9]*|Minor[^0-9]*)\s*([\d.]+) \(([\d.]+)\) -> ([\d.]+) \(([\d.]+)\) MB, ([\d.]+)')
MARKING = re.compile(r'biggest step ([\d.]+) ms, walltime since start of marking (\d+) ms')
ORIGIN = re.compile(r'TIME_ORIGIN ([\d.]+)')


class Collection(NamedTuple):
    at_ms: float
    """ms since the process started, plus the time origin when one was printed (epoch ms)."""
    kind: str
    """Scavenge (young), Mark-Compact (full; "(reduce)" when the memory reducer asked for it)."""
    before_mb: float
    after_mb: float
    pause_ms: float
    marking: Optional[Tuple[str, str]]
    """A full collection's biggest incremental marking step (ms) and its marking walltime (ms)."""

    @property
    def young(self) -> bool:
        return self.kind == 'Scavenge'


def read(path: str, since_ms: float = 0) -> Tuple[Optional[float], list]:
    """The time origin (epoch ms, from bench/diagnostics/time-origin.cjs) if printed, and every
    collection from `since_ms` (process time) on, with `at_ms` in epoch ms when the origin is known."""
    text = open(path).read()
    origin_match = ORIGIN.search(text)
    origin = float(origin_match[1]) if origin_match else None
    collections = []
    for line in text.splitlines():
        match = LINE.search(line)
        if not match or int(match[1]) < since_ms:
            continue
        marking = MARKING.search(line)
        collections.append(Collection(
            (origin or 0) + int(match[1]), match[2].strip(), float(match[3]), float(match[5]), float(match[7]),
            marking.groups() if marking else None,
        ))
    return origin, collections
