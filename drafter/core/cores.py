"""How many processes may run side by side here: the cores this process may use (its CPU affinity), fewer when
the container or service it runs in has a CPU quota (cgroup v2 `cpu.max`, v1 `cpu.cfs_quota_us`). A process per
core beyond the quota only makes every one of them wait for its turn."""

from __future__ import annotations

import math
import os
from pathlib import Path

CGROUP_V2 = Path("/sys/fs/cgroup/cpu.max")  # "max 100000" (no quota) or "150000 100000" (1.5 cores)
CGROUP_V1 = (Path("/sys/fs/cgroup/cpu/cpu.cfs_quota_us"), Path("/sys/fs/cgroup/cpu/cpu.cfs_period_us"))


def usable_cores(v2: Path | None = None, v1: tuple[Path, Path] | None = None) -> int:
    """The cores this process may use, at least 1: its affinity, cut to the CPU quota rounded up (a quota of 1.5
    cores is two processes). `v2`, `v1`: the quota files (CGROUP_V2, CGROUP_V1)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux: no affinity, no cgroups
        return os.cpu_count() or 1
    quota = _quota(v2 or CGROUP_V2, v1 or CGROUP_V1)
    return max(1, min(cores, math.ceil(quota))) if quota is not None else max(1, cores)


def _quota(v2: Path, v1: tuple[Path, Path]) -> float | None:
    """The CPU quota in cores (None: none set, or none readable)."""
    try:
        limit, period = v2.read_text().split()[:2]
        return None if limit == "max" else int(limit) / int(period)
    except (OSError, ValueError):
        pass
    try:
        limit_us, period_us = (int(p.read_text().strip()) for p in v1)
    except (OSError, ValueError):
        return None
    return limit_us / period_us if limit_us > 0 and period_us > 0 else None
