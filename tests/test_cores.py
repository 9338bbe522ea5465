"""The processes run side by side are the cores the process may use, cut to a container's CPU quota."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from drafter.checker import parts
from drafter.core import cores
from drafter.core.cores import usable_cores

AFFINITY = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
pytestmark = pytest.mark.skipif(AFFINITY is None, reason="CPU affinity and cgroups are Linux's")


def v1_files(tmp_path: Path, quota: str, period: str = "100000") -> tuple[Path, Path]:
    q, p = tmp_path / "cpu.cfs_quota_us", tmp_path / "cpu.cfs_period_us"
    q.write_text(quota + "\n")
    p.write_text(period + "\n")
    return q, p


@pytest.mark.parametrize(
    ("cpu_max", "expected"),
    [
        ("max 100000", AFFINITY),  # no quota: every core the affinity gives
        ("50000 100000", 1),  # half a core: one process
        ("100000 100000", 1),
        ("150000 100000", min(AFFINITY or 1, 2)),  # 1.5 cores: two processes, no more than the affinity
        ("6400000 100000", AFFINITY),  # a quota above the cores given changes nothing
        ("1000 100000", 1),  # a hundredth of a core is still one process
        ("garbled", AFFINITY),  # unreadable: as no quota
        ("", AFFINITY),
    ],
)
def test_the_v2_quota_cuts_the_cores(tmp_path, cpu_max, expected):
    (tmp_path / "cpu.max").write_text(cpu_max + "\n")
    assert usable_cores(tmp_path / "cpu.max", (tmp_path / "none", tmp_path / "none")) == expected


@pytest.mark.parametrize(
    ("quota", "expected"), [("-1", AFFINITY), ("100000", 1), ("250000", min(AFFINITY or 1, 3))]
)
def test_the_v1_quota_counts_where_there_is_no_v2_file(tmp_path, quota, expected):
    assert usable_cores(tmp_path / "absent", v1_files(tmp_path, quota)) == expected


def test_no_cgroup_files_leaves_the_affinity(tmp_path):
    assert usable_cores(tmp_path / "absent", (tmp_path / "a", tmp_path / "b")) == AFFINITY


def test_a_long_text_is_checked_in_one_process_under_a_quota_of_one_core(tmp_path, monkeypatch):
    """In a container given one core, forking a worker per visible core only makes them take turns."""
    (tmp_path / "cpu.max").write_text("100000 100000\n")
    monkeypatch.setattr(cores, "CGROUP_V2", tmp_path / "cpu.max")
    monkeypatch.setattr(cores, "CGROUP_V1", (tmp_path / "absent", tmp_path / "absent"))
    assert parts.workers_for(8) == 1
