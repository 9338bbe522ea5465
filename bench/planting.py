"""Plant one error at a time into a real text (eval/realtext) that has a complete metrics file.

Where an error may go is decided without the checker: a value error goes on a figure whose printed number
is a value of the complete metrics file (same unit family), a computed-figure error on a figure the hand
annotations list as the result of a relation (growth, share, sum, 个百分点 …), and an invented figure is a
new clause. Each plant returns the new text and the span of the planted figure in it.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

import cn2an
from realtext import RealDoc

from drafter.core.types import Figure, Metric, SourceData
from drafter.figures.numbers import find_figures, format_number, round_half_up, same_family, to_base

EXCEEDS = re.compile(r"(?:超出|高出|超过|高于)[^，。；,;]{0,12}(?:标准|目标|要求)[^，。；,;]{0,4}$")
TYPES = (
    "digit_typo",
    "other_year",
    "wrong_growth",
    "percent_for_points",
    "unit_error",
    "wrong_share",
    "rounding",
    "other_metric",
    "invented",
    "total_sum",
    "chinese_numeral",
    "exceed_target",
)
MONEY_SWAP = {"亿元": "万元", "万元": "亿元", "元": "万元", "万人": "人", "人": "万人"}
COUNT_UNITS = ("所", "个", "人", "名", "家", "项", "次", "班")
INVENTED = (
    "，全年新建校园足球场地{n}块",
    "，组织教师赴外地研修{n}批次",
    "，建成心理健康辅导室{n}间",
    "，开展家长学校专题培训{n}场",
)


@dataclass(frozen=True)
class Plant:
    kind: str
    text: str  # the whole text with the error in it
    start: int  # the planted figure in `text`
    end: int
    was: str
    now: str


@dataclass(frozen=True)
class Spot:
    figure: Figure  # offsets in the original text (the texts here are parsed as given)
    metric: Metric | None = None
    year: int | None = None
    relation: str = ""  # the kind of relation whose result it is, from the annotations
    exceeds: bool = False  # stated as the excess over a standard (超出/高出…标准37.3%)


def spots(doc: RealDoc, source: SourceData) -> list[Spot]:
    """Every figure of the text that an error can be planted on, with what it is known to be."""
    results = sorted(
        {(r.start, r.kind) for r in doc.relations if not r.defect}
    )  # sorted: a set would plant by hash order
    defects = [(d.start, d.end) for d in doc.defects]
    out = []
    for f in find_figures(doc.text):
        if f.ignored or any(a <= f.start < b for a, b in defects):
            continue
        relation = next((k for s, k in results if s <= f.start < s + len(f.text) + 8 and s <= f.start), "")
        metric, year = _value_of(f, source)
        exceeds = bool(EXCEEDS.search(doc.text[max(0, f.start - 16) : f.start]))
        if metric is not None or relation or exceeds:
            out.append(Spot(f, metric, year, relation, exceeds))
    return out


def _value_of(f: Figure, source: SourceData) -> tuple[Metric | None, int | None]:
    """The metric value the printed number is (same unit family, same shown value), when exactly one is."""
    found = [
        (m, y)
        for m in source.metrics
        for y, v in m.values.items()
        if same_family(m.unit, f.unit)
        and abs(to_base(v, m.unit)[0] - to_base(f.value, f.unit)[0])
        < 1e-6 * max(1, abs(to_base(v, m.unit)[0]))
    ]
    return found[0] if len(found) == 1 else (None, None)


def plant(kind: str, doc: RealDoc, source: SourceData, spot: Spot, rng: random.Random) -> Plant | None:
    new = PLANTERS[kind](spot, source, rng)
    if new is None or new == spot.figure.text:
        return None
    f = spot.figure
    start, end = f.start, f.start + len(new)
    if kind == "invented":  # the new clause's number is the planted figure
        number = re.search(r"\d+[^\d，。；]*$", new)
        start, end = f.start + number.start(), f.start + len(new)
    return Plant(kind, doc.text[: f.start] + new + doc.text[f.end :], start, end, f.text, new)


def eligible(kind: str, spot: Spot) -> bool:
    f, rel = spot.figure, spot.relation
    return {
        "digit_typo": spot.metric is not None and len(re.sub(r"\D", "", f.text)) >= 2,
        "other_year": spot.metric is not None and len(spot.metric.values) >= 2,
        "wrong_growth": rel in ("growth", "growth_by_change", "change") and f.unit == "%",
        "percent_for_points": f.unit == "个百分点",
        "unit_error": spot.metric is not None and f.unit in MONEY_SWAP,
        "wrong_share": rel == "share" and f.unit == "%",
        "rounding": spot.metric is not None and f.decimals >= 1,
        "other_metric": spot.metric is not None,
        "invented": spot.metric is not None,
        "total_sum": rel == "sum",
        "chinese_numeral": spot.metric is not None
        and f.unit in COUNT_UNITS
        and f.decimals == 0
        and 2 <= f.value <= 99,
        "exceed_target": rel == "gap" or spot.exceeds,
    }[kind]


def _number(f: Figure, value: float) -> str:
    """`value` printed like f (same decimals, same unit, the same text around the number)."""
    digits = re.search(r"-?\d[\d,]*(?:\.\s?\d+)?", f.text)
    if digits is None:
        return f.text
    return f.text[: digits.start()] + format_number(value, f.decimals) + f.text[digits.end() :]


def _digit_typo(spot: Spot, source: SourceData, rng: random.Random) -> str | None:
    text = spot.figure.text
    places = [k for k, c in enumerate(text) if c.isdigit()]
    k = rng.choice(places)
    digit = str((int(text[k]) + rng.choice((1, 2, 3, 7))) % 10)
    if k == places[0] and digit == "0":
        digit = "9"
    return text[:k] + digit + text[k + 1 :]


def _other_year(spot: Spot, source: SourceData, rng: random.Random) -> str | None:
    m = spot.metric
    others = [
        v
        for y, v in m.values.items()
        if y != spot.year and round_half_up(v, spot.figure.decimals) != spot.figure.value
    ]
    return _number(spot.figure, rng.choice(others)) if others else None


def _shift(spot: Spot, source: SourceData, rng: random.Random) -> str | None:
    f = spot.figure
    step = max(10.0**-f.decimals, abs(f.value) * rng.uniform(0.05, 0.2))
    value = f.value + rng.choice((-1, 1)) * max(step, 0.3 if f.unit in ("%", "个百分点") else step)
    return _number(f, abs(value)) if abs(value) > 0 else None


def _points_as_percent(spot: Spot, source: SourceData, rng: random.Random) -> str | None:
    return spot.figure.text.replace("个百分点", "%").replace("百分点", "%")


def _unit_error(spot: Spot, source: SourceData, rng: random.Random) -> str | None:
    f = spot.figure
    return f.text[: len(f.text) - len(f.unit)] + MONEY_SWAP[f.unit] if f.text.endswith(f.unit) else None


def _rounding(spot: Spot, source: SourceData, rng: random.Random) -> str | None:
    """One decimal fewer, truncated where rounding would differ (2.69% → 2.6%, not 2.7%)."""
    f = spot.figure
    d = f.decimals - 1
    truncated = int(f.value * 10**d) / 10**d
    if abs(truncated - round_half_up(f.value, d)) < 1e-9:
        return None
    return _number(Figure(f.start, f.end, f.text, truncated, f.unit, d, ""), truncated)


def _other_metric(spot: Spot, source: SourceData, rng: random.Random) -> str | None:
    f = spot.figure
    others = [
        v
        for m in source.metrics
        if m is not spot.metric and m.unit == f.unit
        for v in m.values.values()
        if round_half_up(v, f.decimals) != f.value
    ]
    return _number(f, rng.choice(others)) if others else None


def _invented(spot: Spot, source: SourceData, rng: random.Random) -> str | None:
    return spot.figure.text + rng.choice(INVENTED).format(n=rng.randint(7, 48))


def _chinese(spot: Spot, source: SourceData, rng: random.Random) -> str | None:
    f = spot.figure
    value = int(f.value) + rng.choice((1, 2, 3))
    return cn2an.an2cn(value) + f.unit


PLANTERS = {
    "digit_typo": _digit_typo,
    "other_year": _other_year,
    "wrong_growth": _shift,
    "percent_for_points": _points_as_percent,
    "unit_error": _unit_error,
    "wrong_share": _shift,
    "rounding": _rounding,
    "other_metric": _other_metric,
    "invented": _invented,
    "total_sum": _shift,
    "chinese_numeral": _chinese,
    "exceed_target": _shift,
}
