"""What machine a benchmark ran on, and how much of its CPU the host took back while it ran.

On a virtual machine, CPU time is only comparable between runs when the host
lends the same processor and takes none of it away ("steal"): the same code
measured 0.7 MB/s on one host of the project's machine kind and 2.2 MB/s on
another. Every figure printed with this line says which case it was.
"""

from __future__ import annotations

import os
import platform
import sys
from pathlib import Path

_STAT = Path("/proc/stat")
_CPUINFO = Path("/proc/cpuinfo")


def processor() -> str:
    """The CPU's model name where Linux tells it, else what ``platform`` knows."""
    if _CPUINFO.exists():
        for line in _CPUINFO.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("model name"):
                return line.partition(":")[2].strip()
    return platform.processor() or platform.machine()


def description() -> str:
    """One line: processor, cores, Python, platform."""
    return f"{processor()}, {os.cpu_count()} cores, Python {sys.version.split()[0]}, {sys.platform}"


def cpu_ticks() -> tuple[int, int] | None:
    """All CPU ticks and stolen ticks since boot, from the first line of /proc/stat; None off Linux."""
    if not _STAT.exists():
        return None
    fields = [int(x) for x in _STAT.read_text(encoding="ascii").split("\n", 1)[0].split()[1:]]
    steal = fields[7] if len(fields) > 7 else 0
    return sum(fields[:8]), steal  # guest time is already counted in user time


def stolen_share(before: tuple[int, int] | None, after: tuple[int, int] | None) -> float | None:
    """The share of CPU time the host took between two ``cpu_ticks()`` readings."""
    if before is None or after is None or after[0] == before[0]:
        return None
    return (after[1] - before[1]) / (after[0] - before[0])
