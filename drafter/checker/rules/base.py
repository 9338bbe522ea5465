"""What every self-consistency rule returns (a Verdict on one figure) and the arithmetic they share.

Figures printed in a report are rounded, so a figure computed from them is known only within an interval:
each operand stands for anything within half a unit of its last shown digit (an integer count of people
or schools is exact), and the stated result is right when the interval of the exact result meets the
half-unit interval around what is printed. A rule says `inconsistent` only when they cannot meet.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from drafter.checker.claims import Claim
from drafter.checker.reading import Reading
from drafter.core.types import Figure
from drafter.figures.numbers import format_figure, to_base

EXACT_UNITS = frozenset(
    {
        "人",
        "名",
        "所",
        "个",
        "家",
        "项",
        "次",
        "班",
        "间",
        "台",
        "套",
        "座",
        "件",
        "条",
        "篇",
        "场",
        "场次",
        "人次",
    }
)
Interval = tuple[float, float]
# the unit 10,000 times larger / smaller: a unit typed wrong (元 for 万元) changes a figure by this much
COUNTS = ("所", "个", "人", "名", "家", "班", "间")  # the units of a count of things or people
BIGGER = {"元": "万元", "万元": "亿元", "人": "万人"}
SMALLER = {"万元": "元", "亿元": "万元", "万人": "人"}


def units_apart(unit: str) -> tuple[tuple[float, str], ...]:
    """The units 10,000 times larger and smaller than `unit` that a typo can put for it (万元: 亿元, 元), each
    with its size in `unit` (亿元: 1e4, 元: 1e-4); none where there is no such unit (人: 万人 alone)."""
    pairs = ((1e4, BIGGER.get(unit, "")), (1e-4, SMALLER.get(unit, "")))
    return tuple((factor, other) for factor, other in pairs if other)


@dataclass(frozen=True)
class Verdict:
    """A rule's judgement of one figure: proven from the figures beside it, or contradicted by them."""

    index: int  # into Reading.figures
    status: Literal["derived", "inconsistent"]
    rule: str
    expected: str = ""
    source: str = ""  # derived: text:<formula>(<the figures>)
    message: str = ""
    # derived by a search over the nearby figures, not a relation the words state, at a precision where a pair of
    # counts gives the rate by chance (高等教育毛入学率为26% and (32374 + 44676) ÷ 294725): the metric the words
    # name, when it differs, is believed over it
    searched: bool = False


def half_unit(f: Figure) -> float:
    """Half a unit of the last shown digit, in the figure's own unit (0 for an exact integer count)."""
    if f.decimals == 0 and f.unit in EXACT_UNITS and "余" not in f.text:
        return 0.0
    return 0.5 * 10.0**-f.decimals


def interval(f: Figure, unit: str | None = None) -> Interval:
    """The values the printed figure may stand for, in `unit` (same family) or in its base unit."""
    h = half_unit(f)
    lo, hi = to_base(f.value - h, f.unit)[0], to_base(f.value + h, f.unit)[0]
    if unit is not None:
        factor = to_base(1, unit)[0]
        lo, hi = lo / factor, hi / factor
    return lo, hi


def shown(f: Figure) -> Interval:
    """What the printed figure says, ± half a unit of its last digit, in its own unit."""
    h = 0.5 * 10.0**-f.decimals + 1e-9
    return f.value - h, f.value + h


def meets(a: Interval, b: Interval) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def ratio(a: Interval, b: Interval) -> Interval | None:
    """a / b for positive intervals; None when b may be 0."""
    if b[0] <= 0:
        return None
    cands = (a[0] / b[0], a[0] / b[1], a[1] / b[0], a[1] / b[1])
    return min(cands), max(cands)


def growth(new: Interval, old: Interval) -> Interval | None:
    """(new / old − 1) × 100."""
    r = ratio(new, old)
    return None if r is None else ((r[0] - 1) * 100, (r[1] - 1) * 100)


def minus(a: Interval, b: Interval) -> Interval:
    return a[0] - b[1], a[1] - b[0]


def total(parts: list[Interval]) -> Interval:
    return sum(p[0] for p in parts), sum(p[1] for p in parts)


def mid(a: Interval) -> float:
    return (a[0] + a[1]) / 2


def expected_text(f: Figure, value: float, unit: str | None = None) -> str:
    return format_figure(abs(value), unit if unit is not None else f.unit, f.decimals)


def operands(reading: Reading, idxs: tuple[int, ...] | list[int]) -> str:
    return ",".join(reading.figures[j].text.strip() for j in idxs)


def signed(f: Figure, claim: Claim) -> float:
    """A change as a signed number: 下降3.2% → −3.2; 增长-3.17% → −3.17."""
    return f.value * (claim.direction or 1)


def signed_shown(f: Figure, claim: Claim) -> Interval:
    lo, hi = shown(f)
    return (lo, hi) if claim.direction >= 0 else (-hi, -lo)


def judged(
    i: int,
    rule: str,
    exact: Interval,
    f: Figure,
    source: str,
    says: str = "",
    unit: str | None = None,
    printed: Interval | None = None,
    message: str = "",
) -> Verdict:
    """`derived` when the printed figure (by default `shown(f)`; a signed change passes its own) meets the
    exact interval, else `inconsistent` with the middle of it. The message is `says`=the expected figure
    (e.g. 53所÷101所=52.5%), or `message` as given."""
    if meets(exact, printed if printed is not None else shown(f)):
        return Verdict(i, "derived", rule, source=source)
    expected = expected_text(f, mid(exact), unit)
    return Verdict(
        i, "inconsistent", rule, expected, source, message or (f"{says}={expected}" if says else "")
    )
