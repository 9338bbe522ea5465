"""What linking says of one figure: its status and source, the metric and year it was tied to."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Link:
    status: str  # verified | derived | mismatch | unsupported | ignored (a number inside a metric's name)
    source: str = ""
    expected: str = ""
    message: str = ""
    key: str = ""  # metric key the figure was tied to (for change figures after it)
    year: int = 0
