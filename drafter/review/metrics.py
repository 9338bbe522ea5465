"""Which metrics file each report is checked against: one for all, or one per region matched by name."""

from __future__ import annotations

from pathlib import Path

from drafter.core.errors import InputError
from drafter.review.types import MetricsFile, MetricsPlan
from drafter.source.load import load_source

METRICS_SUFFIXES = (".yaml", ".yml", ".json", ".xlsx")
REGION_WINDOW = 400  # characters at the start of a report in which its region is named (title, issuer)


def plan_metrics(paths: list[Path]) -> MetricsPlan:
    """One file → used for every report; several files or a folder → matched to reports by region name."""
    if not paths:
        return MetricsPlan(mode="none")
    files = [f for path in paths for f in (_metrics_in(path) if path.is_dir() else [path])]
    if not files:
        raise InputError(
            "no metrics file in this folder", path=str(paths[0]), hint="give .yaml, .json or .xlsx files"
        )
    loaded = [MetricsFile(region=load_source(path).report.region, path=path) for path in files]
    if len(loaded) == 1:
        return MetricsPlan(mode="one", files=tuple(loaded))
    return MetricsPlan(mode="by_region", files=tuple(loaded))


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
