"""The offline writer: deterministic 公文 prose from a SectionRequest's structured fields, no network.

All phrasing lives in prompts/offline/<kind>.j2; this module only prepares plain views of the data
(each metric with its slot names, its trend and its standard) so the templates can choose the words.
Figures are written as [[slot]] names, exactly as a model would, and the shared slot filler turns
them into formatted numbers — so every figure the offline writer prints is sourced.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, replace

from drafter.core.config import Settings
from drafter.core.types import Metric, ReportInfo, Slot, SourceData
from drafter.drafting.backends.base import Completion, SectionRequest
from drafter.drafting.prompts import load_prompts
from drafter.figures.numbers import find_figures, matches_shown, shown_decimals, to_base

LOWER_IS_BETTER = frozenset(
    {
        "moral.myopia_rate",
        "compulsory.large_class_count",
        "compulsory.dropouts",
        "private.compulsory_share",
        "highschool.large_class_count",
        "double_reduction.offcampus_institutions_before",
    }
)
REGION_SUFFIXES = "省市县区旗州盟"
LEVEL_SUFFIX = {"province": "省", "city": "市", "county": "县"}


@dataclass(frozen=True)
class MetricView:
    """One metric as the templates see it: slot names, trend and standard, no numbers typed."""

    key: str
    indicator: str
    label: str
    unit: str
    is_rate: bool
    latest_year: int
    latest: str  # slot name of the latest value
    value: float = 0.0  # the latest value: for comparisons in templates, never printed
    prev_year: int = 0
    prev: str = ""  # slot name of the year before (or the nearest earlier year)
    trend: str = ""  # up | down | flat | "" (one year only)
    change: str = ""  # slot of the difference (count/money) or the 个百分点 change (rates)
    growth: str = ""  # slot of the growth rate (non-rates)
    target_relation: str = ""
    target_met: bool | None = None
    target_gap: str = ""  # slot of how far above/below the standard (个百分点 for rates, % otherwise)
    target_label: str = ""  # e.g. 省定标准
    target: str = ""  # slot of the standard itself (key.target), "" when it is better not printed
    companion: str = ""  # slot of a stated growth metric (key_growth) told in the same clause
    companion_word: str = ""  # its words: 同比增长 / 较上年增长 / 增长
    texts: tuple[str, ...] = ()  # every figure its clause prints, to skip what the user's facts already say
    told: bool = False  # the user's facts already state every figure its clause prints (by value, any unit)
    good: bool | None = None  # the trend is good news (lower-is-better metrics invert it)
    is_zero: bool = False


def _first(slots: dict[str, Slot], *names: str) -> str:
    return next((n for n in names if n in slots), "")


def _meets(value: float, relation: str, target: float) -> bool:
    return {
        ">=": value >= target,
        ">": value > target,
        "<=": value <= target,
        "<": value < target,
        "==": abs(value - target) < 1e-9,
    }.get(relation, value >= target)


def _trend_slots(m: Metric, y0: int, y1: int, slots: dict[str, Slot]) -> tuple[str, str]:
    """(change, growth) slot names: 个百分点 for rates, difference and growth rate for the rest."""
    args = f"({m.key},{y0},{y1})"
    if m.unit == "%":
        return _first(slots, f"pp_change{args}", f"diff{args}"), ""
    return _first(slots, f"diff{args}"), _first(slots, f"growth{args}")


def _target_fields(m: Metric, slots: dict[str, Slot]) -> dict:
    if m.target is None:
        return {}
    year = m.latest_year
    value = m.values[year]
    pct, plain = f"exceed_target_pct({m.key},{year})", f"exceed_target({m.key},{year})"
    gap = _first(slots, plain) if m.unit == "%" else _first(slots, pct, plain)
    shown = f"{m.key}.target" if _target_printable(m, slots) else ""
    return {
        "target_relation": m.target.relation,
        "target_met": _meets(value, m.target.relation, m.target.value),
        "target_gap": gap if value != m.target.value else "",
        "target_label": m.target.label,
        "target": shown,
    }


def _target_printable(m: Metric, slots: dict[str, Slot]) -> bool:
    """Print the standard itself unless its label already says it, or a value of the metric rounds to it
    (a 90% standard beside 90.1% reads as the 90.1% rounded: say 超出标准 without the number)."""

    slot = slots.get(f"{m.key}.target")
    if (
        slot is None
        or m.target is None
        or re.sub(r"\D", "", slot.text) in re.sub(r"\D", " ", m.target.label).split()
    ):
        return False
    target = float(m.target.value)
    return not any(matches_shown(target, shown_decimals(target), float(v)) for v in m.values.values())


def metric_view(m: Metric, slots: dict[str, Slot]) -> MetricView:
    years = m.years
    latest = years[-1]
    fields: dict = {
        "key": m.key,
        "indicator": m.indicator,
        "label": m.label,
        "unit": m.unit,
        "is_rate": m.unit == "%",
        "latest_year": latest,
        "latest": f"{m.key}@{latest}",
        "value": float(m.values[latest]),
        "is_zero": m.values[latest] == 0,
    }
    if len(years) > 1:
        prev = years[-2]
        delta = m.values[latest] - m.values[prev]
        trend = "up" if delta > 0 else "down" if delta < 0 else "flat"
        change, growth = _trend_slots(m, prev, latest, slots)
        lower = m.key in LOWER_IS_BETTER or (m.target is not None and m.target.relation in ("<=", "<", "=="))
        good = None if trend == "flat" else (trend == "down") == lower
        fields.update(
            prev_year=prev, prev=f"{m.key}@{prev}", trend=trend, change=change, growth=growth, good=good
        )
    fields.update(_target_fields(m, slots))
    return MetricView(**fields)


def self_reference(report: ReportInfo) -> tuple[str, str]:
    """(我市, 全市) — from the region's own suffix, else from its level."""
    last = report.region[-1:] if report.region else ""
    suffix = last if last and last in REGION_SUFFIXES else LEVEL_SUFFIX.get(report.level, "市")
    if report.region.endswith("自治区"):
        suffix = "区"
    return f"我{suffix}", f"全{suffix}"


def _clean(statement: str) -> str:
    return re.sub(r"[。；;，,\s]+$", "", statement.strip())


def metric_views(source: SourceData, slots: dict[str, Slot], indicator: str = "") -> list[MetricView]:
    chosen = [m for m in source.metrics if m.values and (not indicator or m.indicator == indicator)]
    return [_with_texts(v, slots) for v in pair_growth([metric_view(m, slots) for m in chosen])]


def _with_texts(v: MetricView, slots: dict[str, Slot]) -> MetricView:
    names = (v.latest, v.change, v.growth, v.target_gap, v.companion)
    return replace(v, texts=tuple(slots[n].text for n in names if n and n in slots))


def _growth_word(base: MetricView, growth: MetricView) -> str:
    rest = growth.label.removeprefix(base.label).removesuffix("率").removesuffix("为")
    return rest if rest.endswith(("增长", "增幅")) and len(rest) <= 6 else "比上年增长"


def pair_growth(views: list[MetricView]) -> list[MetricView]:
    """A stated growth metric (`<key>_growth`, same year) joins its base: 为6039.55元，增长31.28%."""
    by_key = {v.key: v for v in views}
    joined: dict[str, MetricView] = {}
    absorbed: set[str] = set()
    for v in views:
        base = by_key.get(v.key.removesuffix("_growth")) if v.key.endswith("_growth") else None
        if base is not None and base.latest_year == v.latest_year and not base.prev:
            joined[base.key] = replace(base, companion=v.latest, companion_word=_growth_word(base, v))
            absorbed.add(v.key)
    return [joined.get(v.key, v) for v in views if v.key not in absorbed]


def _amounts(text: str) -> set[tuple[float, str]]:
    """Every figure of a text as (value in its base unit, base unit): 1.3亿 and 1.3亿元 are the same amount."""

    amounts = (to_base(f.value, f.unit) for f in find_figures(text) if not f.ignored)
    return {(round(value, 6), unit) for value, unit in amounts}


def _mark_told(views: list[MetricView], facts: tuple[str, ...], slots: dict[str, Slot]) -> list[MetricView]:
    """A metric whose every printed figure (as printed) the facts already state is not told twice."""
    stated = _amounts("；".join(facts))
    if not stated:
        return views

    def told(v: MetricView) -> bool:
        printed = [
            slots[n].text for n in (v.latest, v.change, v.growth, v.target_gap, v.companion) if n in slots
        ]
        figures = _amounts("；".join(printed))
        return bool(figures) and figures <= stated

    return [replace(v, told=told(v)) for v in views]


def template_context(request: SectionRequest, slots: dict[str, Slot]) -> dict:
    source, spec = request.source, request.spec
    self_ref, area = self_reference(source.report)
    facts = source.facts.get(spec.indicator, ()) if spec.indicator else ()
    return {
        "report": source.report,
        "spec": spec,
        "self_ref": self_ref,
        "area": area,
        "level_word": LEVEL_SUFFIX.get(source.report.level, "市"),
        "metrics": _mark_told(metric_views(source, slots, spec.indicator), facts, slots)
        if spec.indicator
        else [],
        "all_metrics": metric_views(source, slots),
        "indicators": list(source.indicators()),
        "facts": [_clean(f) for f in facts],
        "rectification": [_clean(s) for s in source.rectification],
        "problems": [_clean(s) for s in source.problems],
        "plans": [_clean(s) for s in source.plans],
        "experiences": [_clean(s) for s in source.experiences],
        "instructions": request.instructions.strip(),
    }


PARAGRAPH = "¶"  # the templates' paragraph mark: their own line breaks and indentation are layout only


def tidy(text: str) -> str:
    """Template layout out: lines are joined, `¶` starts a paragraph; one paragraph per output line."""
    joined = "".join(ln.strip() for ln in text.splitlines())
    return "\n".join(p.strip() for p in joined.split(PARAGRAPH) if p.strip())


class OfflineBackend:
    """Writes each section from prompts/offline/<kind>.j2. Same request → same text."""

    name = "offline"

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings.load()
        self.model = "offline-templates"
        self.prompts = load_prompts(self.settings.prompts_dir)

    def template_name(self, kind: str) -> str:
        return f"offline/{kind}"

    def complete(self, request: SectionRequest) -> Completion:
        started = time.perf_counter()
        slots = {s.name: s for s in request.slots}
        text = self.prompts.render(self.template_name(request.spec.kind), **template_context(request, slots))
        return Completion(text=tidy(text), model=self.model, seconds=time.perf_counter() - started)
