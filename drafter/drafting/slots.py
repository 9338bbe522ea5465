"""Figure slots: every metric value and derived figure gets a name a model writes as [[name]]; code fills it."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from drafter.core.errors import DrafterError
from drafter.core.types import Derived, Metric, SectionSpec, Slot, SourceData
from drafter.figures.derive import evaluate
from drafter.figures.numbers import format_figure

SLOT = re.compile(r"\[\[\s*([^\[\]\n]{1,200}?)\s*\]\]")
ALL_METRIC_KINDS = frozenset({"rectification", "experience", "problems", "plans"})


@dataclass(frozen=True)
class Filled:
    text: str
    unknown: tuple[str, ...] = ()  # slot names that name nothing: left in the text as written
    used: tuple[str, ...] = ()


def metric_ref(key: str, year: int) -> str:
    return f"{key}@{year}"


def _format(value: float, unit: str, decimals: int | None = None) -> str:
    return format_figure(value, unit, decimals)


def metric_slots(metric: Metric) -> list[Slot]:
    return [
        Slot(
            name=metric_ref(metric.key, year),
            text=_format(value, metric.unit),
            label=f"{year}年{metric.label}",
            value=float(value),
            unit=metric.unit,
        )
        for year, value in sorted(metric.values.items())
    ] + _magnitudes(metric)


def magnitude_ref(key: str, year: int) -> str:
    """The slot of a stated growth's size without its sign: 比上年下降[[abs(key@2024)]] for a growth of -0.16%."""
    return f"abs({metric_ref(key, year)})"


def _magnitudes(metric: Metric) -> list[Slot]:
    if not metric.key.endswith("_growth"):
        return []
    return [
        Slot(
            name=magnitude_ref(metric.key, year),
            text=_format(-value, metric.unit),
            label=f"{year}年{metric.label}{NEGATIVE_NOTE}",
            value=float(value),
            unit=metric.unit,
        )
        for year, value in sorted(metric.values.items())
        if value < 0
    ]


SIGNED = ("diff(", "growth(", "pp_change(", "exceed_target(", "exceed_target_pct(")
FIXED_PRECISION = ("growth(",)  # growth rates print their two decimals always: 下降2.00% beside 增长7.16%
NEGATIVE_NOTE = "（为负：正文写“减少/下降/低于”加此数）"


def _trimmed(text: str) -> str:
    """A computed figure without trailing zeros: 20.00% → 20%, 1.20个百分点 → 1.2个百分点."""
    match = re.match(r"^(\d+)\.(\d+)(.*)$", text, re.S)
    if not match:
        return text
    fraction = match.group(2).rstrip("0")
    return f"{match.group(1)}{'.' + fraction if fraction else ''}{match.group(3)}"


def target_slot(metric: Metric) -> Slot | None:
    """The standard a metric is compared with, as a slot `key.target` (the checker verifies it as such)."""
    if metric.target is None:
        return None
    value = float(metric.target.value)
    return Slot(
        name=f"{metric.key}.target",
        text=_format(value, metric.unit),
        label=f"{metric.label}{metric.target.label or '的标准'}",
        value=value,
        unit=metric.unit,
    )


def derived_slot(d: Derived) -> Slot:
    """A change is written as a magnitude after 增加/减少 (比上年下降1.2%), so its slot text has no sign."""
    name = compact(d.formula)
    signed = name.startswith(SIGNED) and d.value < 0
    label = (d.label or d.formula) + (NEGATIVE_NOTE if signed else "")
    value = abs(d.value) if signed else d.value
    return Slot(
        name=name,
        text=_format(value, d.unit, d.decimals)
        if name.startswith(FIXED_PRECISION)
        else _trimmed(_format(value, d.unit, d.decimals)),
        label=label,
        value=float(d.value),
        unit=d.unit,
    )


def compact(name: str) -> str:
    """Slot names compare without spaces: `growth(a, 2020,2021)` == `growth(a,2020,2021)`."""
    return re.sub(r"\s+", "", name)


def slot_table(source: SourceData, derived: Iterable[Derived]) -> dict[str, Slot]:
    """Every slot of a report by name: each metric value (every year), then each derived figure."""
    table: dict[str, Slot] = {}
    for metric in source.metrics:
        table.update((s.name, s) for s in metric_slots(metric))
        if (target := target_slot(metric)) is not None:
            table[target.name] = target
    for d in derived:
        table.setdefault(compact(d.formula), derived_slot(d))
    return table


def _keys_of(slot_name: str) -> set[str]:
    """Metric keys a slot refers to: `a.b@2021` → {a.b}; `growth(a.b,2020,2021)` → {a.b}."""
    return set(re.findall(r"[a-z_]+\.[a-z0-9_]+", slot_name))


def section_slots(spec: SectionSpec, table: Mapping[str, Slot]) -> tuple[Slot, ...]:
    """The slots a section's prompt offers: its indicator's, or all of them for the summary parts."""
    if spec.kind in ALL_METRIC_KINDS:
        return tuple(table.values())
    if spec.kind != "indicator":
        return ()
    prefix = f"{spec.indicator}."
    return tuple(
        s for name, s in table.items() if (keys := _keys_of(name)) and all(k.startswith(prefix) for k in keys)
    )


def _evaluate(name: str, source: SourceData | None) -> Slot | None:
    """A slot the table lacks but the formula registry can still compute (e.g. another year pair)."""
    if source is None or "(" not in name:
        return None

    try:
        return derived_slot(evaluate(name, source))
    except (DrafterError, ValueError, KeyError, ZeroDivisionError):
        return None


def fill_slots(
    text: str, slots: Mapping[str, Slot] | Iterable[Slot], source: SourceData | None = None
) -> Filled:
    """Replace each [[name]] by its formatted figure; unknown names stay as written and are reported."""
    table = dict(slots) if isinstance(slots, Mapping) else {s.name: s for s in slots}
    unknown: list[str] = []
    used: list[str] = []

    def replace(match: re.Match[str]) -> str:
        name = compact(match.group(1))
        slot = table.get(name) or _evaluate(name, source)
        if slot is None:
            unknown.append(match.group(1))
            return match.group(0)
        used.append(name)
        return slot.text

    return Filled(SLOT.sub(replace, text), tuple(dict.fromkeys(unknown)), tuple(dict.fromkeys(used)))


def slot_names(text: str) -> tuple[str, ...]:
    return tuple(compact(m.group(1)) for m in SLOT.finditer(text))
