"""What the review stage hands around: the reports found, the metrics chosen, one row per report."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal


@dataclass(frozen=True)
class Report:
    """A file to check: where it is, and its name in REVIEW (relative to the folder given)."""

    path: Path
    name: str


@dataclass(frozen=True)
class MetricsFile:
    region: str
    path: Path
    problem: str = ""  # why the file could not be loaded (its first problem); "" when it is good
    not_used: tuple[str, ...] = ()  # older files of the same region, passed over for this one


@dataclass(frozen=True)
class MetricsPlan:
    """Which metrics file each report is checked against: none, one for all, or matched by region name."""

    mode: Literal["none", "one", "by_region"]
    files: tuple[MetricsFile, ...] = ()  # one per region (an invalid one only where no good one is)
    passed_over: tuple[Path, ...] = ()  # files not used (older ones of a region): not reports either
    warnings: tuple[str, ...] = ()  # one line each: an invalid file, several files for one region


@dataclass(frozen=True)
class Row:
    """One report's line in summary.json, summary.xlsx and index.html."""

    file: str
    status: Literal["checked", "error"]
    error: str = ""
    summary: dict[str, int] | None = None  # exactly the summary object of the report's own check.json
    title: str = ""
    region: str = ""
    year: str = ""
    flagged: int = 0  # figures whose status is mismatch, unsupported or inconsistent
    wrong_claims: int = 0  # claims in words that the data contradict
    findings: tuple[str, ...] = ()  # the first three problems, in words
    notes: tuple[str, ...] = ()  # reader notes, which metrics file, …
    warnings: tuple[str, ...] = ()  # also printed on stderr: the report never names its metrics' region
    sha256: str = ""
    seconds: float = 0.0
    reused: bool = False

    @property
    def to_fix(self) -> int:
        """Figures the text or the data contradict (mismatch, inconsistent): what the county must correct."""
        return (self.summary or {}).get("mismatch", 0) + (self.summary or {}).get("inconsistent", 0)

    @property
    def needs_fixing(self) -> bool:
        """A figure to correct or a claim the data contradict: the reports a review counts "to fix"."""
        return bool(self.to_fix or self.wrong_claims)

    @property
    def only_unchecked(self) -> bool:
        """Nothing to fix, but figures no source could confirm: the reports to look at."""
        return not self.needs_fixing and self.not_checkable > 0

    @property
    def not_checkable(self) -> int:
        """Figures no source could confirm (unsupported): to look at, not necessarily wrong."""
        return (self.summary or {}).get("unsupported", 0)

    def summary_json(self) -> dict[str, Any]:
        """The row of summary.json: {"file", "status", "error", "summary"}."""
        return {"file": self.file, "status": self.status, "error": self.error, "summary": self.summary}
