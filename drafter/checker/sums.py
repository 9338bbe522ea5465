"""A figure that is the sum of two to four metric values: 义务教育阶段招生24636人 = 小学招生 + 初中招生.

Source data often hold the parts only (小学, 初中 …) while a report states their total. When no single value
or formula fits a figure, the values of the same year and unit family that its words may speak of are
added up, two to four at a time, the fewest parts first.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence

from drafter.core.types import Metric
from drafter.figures.numbers import convert

MAX_PARTS = 8  # 全市在校生 = 学前 + 小学 + 初中 + 高中 + 中职 + 技工 + 特教 + 高校
MAX_CANDIDATES = 10  # 2^10 sums at most, only for a figure nothing else explains


def metric_sum(
    unit: str,
    candidates: Sequence[Metric],
    year: int,
    fits: Callable[[float], bool],
    window: tuple[float, float] = (-math.inf, math.inf),
) -> tuple[Metric, ...] | None:
    """The fewest metrics whose values of `year` add up to the figure (in `unit`), or None.

    `window` bounds the totals `fits` may accept: a total outside it is dropped without asking `fits`."""
    usable = [m for m in candidates if year in m.values][:MAX_CANDIDATES]
    values = [convert(m.values[year], m.unit, unit) for m in usable]  # each converted once, not per sum
    lo, hi = window
    ordered = sorted(values)
    for size in range(2, min(len(usable), MAX_PARTS) + 1):
        if sum(ordered[:size]) > hi and ordered[0] >= 0:
            break  # the smallest values already add up to too much, and more parts to more
        if sum(ordered[-size:]) < lo:
            continue  # the largest values fall short
        found = [
            combo
            for combo, parts in zip(
                itertools.combinations(usable, size), itertools.combinations(values, size), strict=True
            )
            if lo <= (total := sum(parts)) <= hi and fits(total)
        ]
        if len(found) == 1:
            return found[0]
        if found:
            return None  # several sums fit: the figure says nothing certain
    return None
