"""A figure that is the sum of two to four metric values: 义务教育阶段招生24636人 = 小学招生 + 初中招生.

Source data often hold the parts only (小学, 初中 …) while a report states their total. When no single value
or formula fits a figure, the values of the same year and unit family that its words may speak of are
added up, two to four at a time, the fewest parts first.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from drafter.core.types import Metric
from drafter.figures.numbers import convert, shown_decimals

BRACKETED = re.compile(r"[（(][^）)]*[）)]")
MAX_PARTS = 10  # 全市在校生 = 学前 + 小学 + 初中 + 高中 + 中职 + 技工 + 特教 + 本科 + 专科
MAX_CANDIDATES = 12  # 2^12 sums at most, only for a figure nothing else explains


def metric_sum(
    unit: str,
    candidates: Sequence[Metric],
    year: int,
    fits: Callable[[float, float], bool],
    window: tuple[float, float] = (-math.inf, math.inf),
) -> tuple[Metric, ...] | None:
    """The fewest metrics whose values of `year` add up to the figure (in `unit`), or None. `fits` is given
    the sum and how far it may be off when the values are themselves rounded (238.56 + 217.64 for 456.21).

    `window` bounds the totals `fits` may accept (widened by that slack): a total outside it is dropped
    without asking `fits`."""
    usable = [m for m in candidates if year in m.values][:MAX_CANDIDATES]
    values = [convert(m.values[year], m.unit, unit) for m in usable]  # each converted once, not per sum
    slacks = [value_slack(m, year, unit) for m in usable]
    lo, hi = window
    ordered, room = sorted(values), sum(slacks)
    for size in range(2, min(len(usable), MAX_PARTS) + 1):
        if sum(ordered[:size]) - room > hi and ordered[0] >= 0:
            break  # the smallest values already add up to too much, and more parts to more
        if sum(ordered[-size:]) + room < lo:
            continue  # the largest values fall short
        found = [
            combo
            for combo, parts, slack in zip(
                itertools.combinations(usable, size),
                itertools.combinations(values, size),
                itertools.combinations(slacks, size),
                strict=True,
            )
            if lo - (off := sum(slack)) <= (total := sum(parts)) <= hi + off
            and _siblings(combo)
            and fits(total, off)
        ]
        if len(found) == 1:
            return found[0]
        if found:
            return None  # several sums fit: the figure says nothing certain
    return None


def sum_bounds(unit: str, candidates: Sequence[Metric], year: int) -> tuple[float, float]:
    """The least and the most two or more of the candidates' values of `year` may add up to, widened by their
    rounding slack (−inf when a value is negative): `metric_sum` over any of them finds nothing outside."""
    usable = [m for m in candidates if year in m.values]
    values = sorted(convert(m.values[year], m.unit, unit) for m in usable)
    if len(values) < 2:
        return math.inf, -math.inf
    room = sum(value_slack(m, year, unit) for m in usable)
    smallest = values[0] + values[1] - room if values[0] >= 0 else -math.inf
    return smallest, sum(v for v in values[-MAX_PARTS:] if v > 0) + room


def in_reach(bounds: tuple[float, float], window: tuple[float, float]) -> bool:
    """Whether a sum within `bounds` (sum_bounds) may fall in `window`; kept a little wide of float rounding."""
    (smallest, largest), (lo, hi) = bounds, window
    margin = 1e-6 * (1.0 + abs(lo) + abs(hi))
    return smallest <= hi + margin and lo - margin <= largest


def _siblings(combo: Sequence[Metric]) -> bool:
    """No part is a breakdown of another: 普通高中学校(民办) is within 普通高中学校 and 公办幼儿园 within 幼儿园,
    not beside them (专任教师(高中) and 专任教师(职校) are siblings)."""
    for m, n in itertools.permutations(combo, 2):
        whole, part = m.label, _unbracketed(n.label)
        if whole != n.label and whole in (part, n.label) or whole != part and whole in part:
            return False
    return True


@lru_cache(maxsize=1024)
def _unbracketed(label: str) -> str:
    """The label without its brackets (every pair of a combination asks for it again)."""
    return BRACKETED.sub("", label)


def value_slack(m: Metric, year: int, unit: str) -> float:
    """Half a unit of the last shown digit of the value (0 for a whole number)."""
    value = m.values[year]
    return convert(0.5 * 10.0 ** -shown_decimals(value), m.unit, unit) if value % 1 else 0.0
