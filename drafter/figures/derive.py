"""The formula registry: every derived figure (change, growth, share, exceeds-target …) is computed here, never by a model.

Formula names are what a model writes in a slot, so they are short and exact (no spaces):
  diff(key,y0,y1)  growth(key,y0,y1)  yearly_growth(key,y0,y1)  pp_change(key,y0,y1)  share(num_key,den_key,year)
  exceed_target(key,year)  exceed_target_pct(key,year)  per_capita(num_key,den_key,year)
  sum(key1+key2+…,year)  convert(key,year,unit)
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from drafter.core.errors import InputError
from drafter.core.types import Derived, Metric, SourceData
from drafter.figures.numbers import convert as convert_unit
from drafter.figures.numbers import same_family, shown_decimals, to_base

_FORMULA = re.compile(r"^\s*([a-z_]+)\s*\((.*)\)\s*$")
MONEY_UNITS = ("元", "万元", "亿元")
PEOPLE_UNITS = ("人", "万人")


@dataclass(frozen=True)
class Formula:
    """One kind of derived figure: how a slot writes it, its short Chinese label, how it is computed."""

    name: str
    signature: str  # e.g. growth(key,y0,y1)
    label: str  # formatted with the metric's label, the years, the parts …
    compute: Callable[..., Derived]  # (source, formula, *args) -> Derived

    @property
    def arity(self) -> int:
        return self.signature.count(",") + 1


def _label(name: str) -> str:
    return FORMULAS[name].label


def ref(key: str, year: int) -> str:
    return f"{key}@{year}"


def _metric(source: SourceData, key: str, formula: str) -> Metric:
    metric = source.metric(key.strip())
    if metric is None:
        raise InputError(
            f"unknown metric key {key.strip()!r}",
            key=formula,
            hint="use a key from the metrics file, e.g. fund.general_budget_edu",
        )
    return metric


def _value(metric: Metric, year: int | str, formula: str) -> float:
    try:
        return float(metric.values[int(year)])
    except (KeyError, ValueError):
        raise InputError(
            f"{metric.key} has no value for {year}",
            key=formula,
            hint=f"years with values: {', '.join(map(str, metric.years))}",
        ) from None


def _decimals_of(*values: float) -> int:
    return max((shown_decimals(v) for v in values), default=0)


def _diff(src: SourceData, f: str, key: str, y0: str, y1: str) -> Derived:
    m = _metric(src, key, f)
    a, b = _value(m, y0, f), _value(m, y1, f)
    unit = "个百分点" if m.unit == "%" else m.unit
    return Derived(
        f,
        b - a,
        unit,
        (ref(m.key, int(y0)), ref(m.key, int(y1))),
        _label("diff").format(label=m.label, y0=y0, y1=y1),
        _decimals_of(a, b),
    )


def _growth(src: SourceData, f: str, key: str, y0: str, y1: str) -> Derived:
    m = _metric(src, key, f)
    a, b = _value(m, y0, f), _value(m, y1, f)
    if a == 0:
        raise InputError(
            f"{m.key}@{y0} is 0: no growth rate", key=f, hint="state the difference instead (diff)"
        )
    return Derived(
        f,
        (b - a) / a * 100,
        "%",
        (ref(m.key, int(y0)), ref(m.key, int(y1))),
        _label("growth").format(label=m.label, y0=y0, y1=y1),
        2,
    )


def _yearly_growth(src: SourceData, f: str, key: str, y0: str, y1: str) -> Derived:
    m = _metric(src, key, f)
    a, b, years = _value(m, y0, f), _value(m, y1, f), int(y1) - int(y0)
    if a <= 0 or b < 0 or years < 1:
        raise InputError(f"{m.key}: no yearly growth from {y0} to {y1}", key=f, hint="use growth")
    return Derived(
        f,
        ((b / a) ** (1 / years) - 1) * 100,
        "%",
        (ref(m.key, int(y0)), ref(m.key, int(y1))),
        _label("yearly_growth").format(label=m.label, y0=y0, y1=y1),
        2,
    )


def _pp_change(src: SourceData, f: str, key: str, y0: str, y1: str) -> Derived:
    m = _metric(src, key, f)
    if m.unit != "%":
        raise InputError(
            f"{m.key} is in {m.unit}, not %", key=f, hint="pp_change is for rates; use diff or growth"
        )
    a, b = _value(m, y0, f), _value(m, y1, f)
    return Derived(
        f,
        b - a,
        "个百分点",
        (ref(m.key, int(y0)), ref(m.key, int(y1))),
        _label("pp_change").format(label=m.label, y0=y0, y1=y1),
        max(1, _decimals_of(a, b)),
    )


def _ratio_parts(
    src: SourceData, f: str, num: str, den: str, year: str
) -> tuple[Metric, Metric, float, float]:
    n, d = _metric(src, num, f), _metric(src, den, f)
    a, b = to_base(_value(n, year, f), n.unit)[0], to_base(_value(d, year, f), d.unit)[0]
    if b == 0:
        raise InputError(
            f"{d.key}@{year} is 0", key=f, hint="a share or per-capita figure needs a non-zero denominator"
        )
    return n, d, a, b


def _share(src: SourceData, f: str, num: str, den: str, year: str) -> Derived:
    n, d, a, b = _ratio_parts(src, f, num, den, year)
    if not same_family(n.unit, d.unit):
        raise InputError(
            f"{n.unit} and {d.unit} cannot form a share", key=f, hint="use two metrics of one unit"
        )
    return Derived(
        f,
        a / b * 100,
        "%",
        (ref(n.key, int(year)), ref(d.key, int(year))),
        _label("share").format(y=year, num=n.label, den=d.label),
        1,
    )


def _per_capita(src: SourceData, f: str, num: str, den: str, year: str) -> Derived:
    n, d, a, b = _ratio_parts(src, f, num, den, year)
    unit = to_base(1, n.unit)[1]
    return Derived(
        f,
        a / b,
        unit,
        (ref(n.key, int(year)), ref(d.key, int(year))),
        _label("per_capita").format(y=year, num=n.label),
        2,
    )


def _target_of(m: Metric, f: str) -> float:
    if m.target is None:
        raise InputError(f"{m.key} has no target", key=f, hint="add target: {value: …} to the metric")
    return float(m.target.value)


def _exceed_target(src: SourceData, f: str, key: str, year: str) -> Derived:
    m = _metric(src, key, f)
    value, target = _value(m, year, f), _target_of(m, f)
    unit = "个百分点" if m.unit == "%" else m.unit
    return Derived(
        f,
        value - target,
        unit,
        (ref(m.key, int(year)), f"{m.key}.target"),
        _label("exceed_target").format(y=year, label=m.label),
        _decimals_of(value, target),
    )


def _exceed_target_pct(src: SourceData, f: str, key: str, year: str) -> Derived:
    m = _metric(src, key, f)
    value, target = _value(m, year, f), _target_of(m, f)
    if target == 0:
        raise InputError(f"{m.key} has a target of 0", key=f, hint="use exceed_target instead")
    return Derived(
        f,
        (value - target) / target * 100,
        "%",
        (ref(m.key, int(year)), f"{m.key}.target"),
        _label("exceed_target_pct").format(y=year, label=m.label),
        1,
    )


def _sum(src: SourceData, f: str, keys: str, year: str) -> Derived:
    metrics = [_metric(src, k, f) for k in keys.split("+")]
    unit = metrics[0].unit
    if any(not same_family(m.unit, unit) for m in metrics):
        raise InputError(
            "parts of a sum must share one unit family", key=f, hint="sum 元/万元/亿元 or 人/万人 only"
        )
    values = [convert_unit(_value(m, year, f), m.unit, unit) for m in metrics]
    labels = "、".join(m.label for m in metrics)
    return Derived(
        f,
        sum(values),
        unit,
        tuple(ref(m.key, int(year)) for m in metrics),
        _label("sum").format(y=year, labels=labels),
        _decimals_of(*values),
    )


def _convert(src: SourceData, f: str, key: str, year: str, unit: str) -> Derived:
    m = _metric(src, key, f)
    if not same_family(m.unit, unit.strip()):
        raise InputError(f"cannot convert {m.unit} to {unit.strip()}", key=f, hint="元/万元/亿元 or 人/万人")
    value = convert_unit(_value(m, year, f), m.unit, unit.strip())
    return Derived(
        f,
        value,
        unit.strip(),
        (ref(m.key, int(year)),),
        _label("convert").format(y=year, label=m.label, unit=unit.strip()),
        shown_decimals(value),
    )


FORMULAS: dict[str, Formula] = {
    "diff": Formula("diff", "diff(key,y0,y1)", "{label}{y1}年比{y0}年增减", _diff),
    "growth": Formula("growth", "growth(key,y0,y1)", "{label}{y1}年比{y0}年增长率", _growth),
    "yearly_growth": Formula(
        "yearly_growth", "yearly_growth(key,y0,y1)", "{label}{y0}年至{y1}年年均增长率", _yearly_growth
    ),
    "pp_change": Formula(
        "pp_change", "pp_change(key,y0,y1)", "{label}{y1}年比{y0}年变化（百分点）", _pp_change
    ),
    "share": Formula("share", "share(num_key,den_key,year)", "{y}年{num}占{den}的比例", _share),
    "exceed_target": Formula(
        "exceed_target", "exceed_target(key,year)", "{y}年{label}超出标准", _exceed_target
    ),
    "exceed_target_pct": Formula(
        "exceed_target_pct", "exceed_target_pct(key,year)", "{y}年{label}超出标准的幅度", _exceed_target_pct
    ),
    "per_capita": Formula("per_capita", "per_capita(num_key,den_key,year)", "{y}年人均{num}", _per_capita),
    "sum": Formula("sum", "sum(key1+key2,year)", "{y}年{labels}合计", _sum),
    "convert": Formula("convert", "convert(key,year,unit)", "{y}年{label}（{unit}）", _convert),
}


def evaluate(formula: str, source: SourceData) -> Derived:
    """Compute one formula, e.g. `growth(fund.general_budget_edu,2020,2021)`; InputError if it is malformed."""
    compact = re.sub(r"\s+", "", formula)
    match = _FORMULA.match(compact)
    if not match or match.group(1) not in FORMULAS:
        raise InputError(
            f"not a formula: {formula!r}",
            key=formula,
            hint=f"use one of: {', '.join(f'{k}(…)' for k in FORMULAS)}",
        )
    spec = FORMULAS[match.group(1)]
    args = match.group(2).split(",")
    if len(args) != spec.arity or not all(args):
        raise InputError(
            f"{spec.name} takes {spec.arity} arguments", key=formula, hint=f"write it as {spec.signature}"
        )
    derived = spec.compute(source, compact, *args)
    return replace(derived, value=round(derived.value, 10))


# ---------------------------------------------------------------- every figure the metrics allow
def _changes(m: Metric) -> Iterator[str]:
    years = m.years
    pairs = set(zip(years, years[1:], strict=False)) | ({(years[0], years[-1])} if len(years) > 1 else set())
    for y0, y1 in sorted(pairs):
        yield f"diff({m.key},{y0},{y1})"
        yield f"pp_change({m.key},{y0},{y1})" if m.unit == "%" else f"growth({m.key},{y0},{y1})"


def _targets(m: Metric) -> Iterator[str]:
    if m.target is None:
        return
    for y in m.years:
        yield f"exceed_target({m.key},{y})"
        if m.unit != "%":
            yield f"exceed_target_pct({m.key},{y})"


def _conversions(m: Metric) -> Iterator[str]:
    family = MONEY_UNITS if m.unit in MONEY_UNITS else PEOPLE_UNITS if m.unit in PEOPLE_UNITS else ()
    for unit, y in itertools.product(family, m.years):
        if unit != m.unit:
            yield f"convert({m.key},{y},{unit})"


def is_average(m: Metric) -> bool:
    """生均/平均/标准 figures are not parts of a total."""
    return any(w in m.key for w in ("per_student", "avg", "per_capita")) or any(
        w in m.label for w in ("生均", "平均", "标准")
    )


def _pairs(source: SourceData) -> Iterator[str]:
    """Shares within an indicator, per-capita money over people, sums of every same-unit group."""
    totals = [m for m in source.metrics if not is_average(m) and m.unit != "%"]
    for a, b in itertools.permutations(totals, 2):
        for y in sorted(set(a.values) & set(b.values)):
            share_ok = to_base(a.values[y], a.unit)[0] <= to_base(b.values[y], b.unit)[0]
            if a.indicator == b.indicator and share_ok and same_family(a.unit, b.unit):
                yield f"share({a.key},{b.key},{y})"
            if to_base(1, a.unit)[1] == "元" and to_base(1, b.unit)[1] == "人":
                yield f"per_capita({a.key},{b.key},{y})"
    yield from _sums(source)


# sums of three or four metrics of a group are listed only while they are this many: a 资助 table's 82 counts in 人
# gave 1.8 million sums of four (110 s and 2.6 GB for a 2 KB text, new-user trial); pairs are always listed
MAX_SUMS = 20_000


def _sums(source: SourceData) -> Iterator[str]:
    groups: dict[tuple[str, str], list[Metric]] = {}
    for m in source.metrics:
        if m.unit != "%" and not is_average(m):
            groups.setdefault((m.indicator, to_base(1, m.unit)[1]), []).append(m)
    for members in groups.values():
        for size in range(2, min(len(members), 4) + 1):
            if size > 2 and math.comb(len(members), size) > MAX_SUMS:
                break
            for combo in itertools.combinations(members, size):
                for y in sorted(set.intersection(*(set(m.values) for m in combo))):
                    yield f"sum({'+'.join(m.key for m in combo)},{y})"


def formulas(source: SourceData) -> Iterator[str]:
    for m in source.metrics:
        if m.values:
            yield from _changes(m)
            yield from _targets(m)
            yield from _conversions(m)
    yield from _pairs(source)


def derive_all(source: SourceData) -> tuple[Derived, ...]:
    """Every derived figure the registry can compute from `source` (formulas that cannot be computed are skipped)."""
    out: list[Derived] = []
    for formula in dict.fromkeys(formulas(source)):
        try:
            out.append(evaluate(formula, source))
        except InputError:
            continue
    return tuple(out)
