"""Which metrics file each report is checked against: one for all, or one per region matched by name."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from pathlib import Path

from drafter.core.errors import InputError
from drafter.review.types import MetricsFile, MetricsPlan
from drafter.review.words import region_of
from drafter.source.load import load_source, read_raw, validate_file

METRICS_SUFFIXES = (".yaml", ".yml", ".json", ".xlsx")
REGION_WINDOW = 400  # characters at the start of a report in which its region is named (title, issuer)


def plan_metrics(paths: list[Path]) -> MetricsPlan:
    """One file → used for every report; several files or a folder → matched to reports by region name."""
    if not paths:
        return MetricsPlan(mode="none")
    files = [f for path in paths for f in (_metrics_in(path) if path.is_dir() else [path])]
    if not files:
        raise InputError(
            "文件夹中没有数据文件 / no metrics file in this folder",
            path=str(paths[0]),
            hint="请给出 .yaml .json 或 .xlsx 文件 / give .yaml, .json or .xlsx files",
        )
    if len(files) == 1:  # the one file for every report: a problem in it is the user's to fix first
        return MetricsPlan(
            mode="one",
            files=(
                MetricsFile(region=load_source(files[0], for_checking=True).report.region, path=files[0]),
            ),
        )
    return _by_region([_loaded(path) for path in files])


def _loaded(path: Path) -> MetricsFile:
    """The file with its region; an invalid one with its first problem and the region it names if any."""
    try:
        return MetricsFile(region=load_source(path, for_checking=True).report.region, path=path)
    except InputError as exc:
        problem = (validate_file(path, for_checking=True) or [exc.render()])[0].removeprefix(f"{path}: ")
        return MetricsFile(region=_region_named(path), path=path, problem=" ".join(problem.split()))


def _region_named(path: Path) -> str:
    """The region an invalid file names: its report.region if it can be read at all, else its file name's."""
    try:
        region = read_raw(path, log_notes=False)[0].get("report", {}).get("region")
    except (InputError, AttributeError):
        region = None
    return region.strip() if isinstance(region, str) and region.strip() else region_of(path.stem)


def _by_region(loaded: list[MetricsFile]) -> MetricsPlan:
    """One file per region: the newest good one, the others passed over and said so; a region with no good
    file keeps its invalid one, so that its reports say why they were not checked against it."""
    files: list[MetricsFile] = []
    passed: list[Path] = []
    warnings = [
        f"{m.path}: 数据文件无效，未使用 / invalid metrics file, not used: {m.problem}"
        for m in loaded
        if m.problem
    ]
    for region, same in _grouped(loaded).items():
        good = sorted((m for m in same if not m.problem), key=_age)
        if not region or not good:
            files += same
            continue
        older = good[:-1]
        files.append(dataclasses.replace(good[-1], not_used=tuple(m.path.name for m in older)))
        passed += [m.path for m in same if m is not good[-1]]
        if older:
            warnings.append(_several(region, good))
    return MetricsPlan(
        mode="by_region", files=tuple(files), passed_over=tuple(passed), warnings=tuple(warnings)
    )


def _grouped(loaded: Iterable[MetricsFile]) -> dict[str, list[MetricsFile]]:
    groups: dict[str, list[MetricsFile]] = {}
    for m in loaded:
        groups.setdefault(m.region, []).append(m)
    return groups


def _age(m: MetricsFile) -> tuple[float, str]:
    return m.path.stat().st_mtime, m.path.name


def _several(region: str, good: list[MetricsFile]) -> str:
    names = ", ".join(m.path.name for m in good)
    return (
        f"{region}: {len(good)} 个数据文件，使用最新的 {good[-1].path.name} / {len(good)} metrics files for one region "
        f"({names}): using the newest by modification time, {good[-1].path}"
    )


def _metrics_in(folder: Path) -> list[Path]:
    return sorted(
        p for p in folder.rglob("*") if p.suffix.lower() in METRICS_SUFFIXES and not p.name.startswith(".")
    )


def choose(plan: MetricsPlan, title: str, text: str) -> MetricsFile | None:
    """The metrics file for a report: the only one, or the one whose region the report names first."""
    if plan.mode == "one":
        return plan.files[0]
    if plan.mode == "none":
        return None
    head = f"{title}\n{text[:REGION_WINDOW]}"
    named = [(head.find(f.region), -len(f.region), f) for f in plan.files if f.region and f.region in head]
    return min(named, key=lambda t: (t[0], t[1]))[2] if named else None
