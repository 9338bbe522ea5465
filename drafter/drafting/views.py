"""Plain views of the metrics for the writers: each metric with its slot names, its trend and its standard.

No figure is typed here: a view holds slot names (`fund.general_budget_edu@2021`, `growth(…)`) and the
verdicts the data support (up/down/flat as printed, better/worse, standard met or not, eliminated). The
offline templates choose their words from these fields; the model prompt lists the same verdicts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from drafter.core.types import Metric, ReportInfo, Slot, SourceData
from drafter.figures.numbers import find_figures, matches_shown, shown_decimals, to_base

LOWER_IS_BETTER = frozenset(
    {
        "moral.myopia_rate",
        "compulsory.large_class_count",
        "compulsory.large_class_share",
        "compulsory.dropouts",
        "private.compulsory_share",
        "highschool.large_class_count",
        "double_reduction.offcampus_institutions_before",
        "double_reduction.offcampus_institutions",
    }
)
# keys whose direction is known without a standard: more money, higher coverage, rates and shares
HIGHER_IS_BETTER = re.compile(r"^(fund|salary)\.|_(rate|coverage|share|enrolment_rate)$")
REGION_SUFFIXES = "省市县区旗州盟"
LEVEL_SUFFIX = {"province": "省", "city": "市", "county": "县"}


@dataclass(frozen=True)
class MetricView:
    """One metric as the writers see it: slot names, trend and standard, no numbers typed."""

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
    trend: str = ""  # up | down | flat (as printed: a change that rounds to 0 is flat) | "" one year only
    steady: str = ""  # up | down when every year of three or more moved that way (稳步提高 / 逐年下降)
    change: str = ""  # slot of the difference (count/money) or the 个百分点 change (rates)
    growth: str = ""  # slot of the growth rate (non-rates), "" when it prints as 0
    eliminated: bool = False  # fell to 0 from a positive value: 全部消除, not 下降100%
    polarity: int = 0  # 1 higher is better, -1 lower is better, 0 unknown (no verdict from the trend)
    target_relation: str = ""
    target_met: bool | None = None
    target_over: bool = (
        False  # the value is above the standard (a missed 不超过 / 等于 standard: 超过, not 低于)
    )
    to_clear: bool = False  # the standard is == 0 (辍学 动态清零): missed, it is 尚未实现动态清零
    target_gap: str = ""  # slot of how far above/below the standard (个百分点 for rates, % otherwise)
    target_label: str = ""  # e.g. 省定标准
    target: str = ""  # slot of the standard itself (key.target), "" when it is better not printed
    companion: str = ""  # slot of a stated growth metric (key_growth) told in the same clause
    companion_word: str = ""  # its words: 同比增长 / 较上年增长 / 增长
    companion_down: bool = False  # the stated growth is negative
    texts: tuple[str, ...] = ()  # every figure its clause prints, to skip what the user's facts already say
    told: bool = False  # the user's facts already state every figure its clause prints (by value, any unit)
    good: bool | None = None  # the trend is good news; None when flat, unknown polarity or one year
    is_zero: bool = False
    listed_part: bool = False  # one of the metrics right after a total that add up to it: told after 其中

    @property
    def bad(self) -> bool:
        """Below its standard, or moving the wrong way (the data's problems)."""
        return self.target_met is False or self.good is False or (self.companion_down and self.polarity > 0)

    @property
    def well(self) -> bool:
        """Meets its standard or moves the right way, and nothing bad (what 经验做法 may praise)."""
        return not self.bad and (self.target_met is True or self.good is True)


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


def polarity(m: Metric) -> int:
    if "civil_servant" in m.key or "公务员" in m.label and "教师" not in m.label:
        return 0  # the civil servants' pay teachers' pay is held against: no good news of education when it rises
    if m.target is not None:
        return -1 if m.target.relation in ("<=", "<", "==") else 1
    if m.key in LOWER_IS_BETTER:
        return -1
    return 1 if HIGHER_IS_BETTER.search(m.key) and not m.key.endswith("_growth") else 0


def _prints_zero(slots: dict[str, Slot], name: str) -> bool:
    slot = slots.get(name)
    return slot is not None and not re.search(r"[1-9]", slot.text)


def _trend_fields(m: Metric, slots: dict[str, Slot]) -> dict:
    years = m.years
    if len(years) < 2:
        return {}
    prev, latest = years[-2], years[-1]
    args = f"({m.key},{prev},{latest})"
    change = (
        _first(slots, f"pp_change{args}", f"diff{args}") if m.unit == "%" else _first(slots, f"diff{args}")
    )
    growth = "" if m.unit == "%" else _first(slots, f"growth{args}")
    delta = m.values[latest] - m.values[prev]
    trend = "flat" if delta == 0 or _prints_zero(slots, change) else "up" if delta > 0 else "down"
    if _prints_zero(slots, growth):
        growth = ""
    sign = polarity(m)
    return {
        "prev_year": prev,
        "prev": f"{m.key}@{prev}",
        "trend": trend,
        "steady": _steady(m),
        "change": change,
        "growth": growth,
        "eliminated": m.values[latest] == 0 and m.values[prev] > 0,
        "good": None if trend == "flat" or not sign else (trend == "up") == (sign > 0),
    }


def _steady(m: Metric) -> str:
    values = [m.values[y] for y in m.years]
    if len(values) < 3:
        return ""
    steps = [b - a for a, b in zip(values, values[1:], strict=False)]
    return "up" if all(s > 0 for s in steps) else "down" if all(s < 0 for s in steps) else ""


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
        "target_over": value > m.target.value,
        "to_clear": m.target.relation == "==" and m.target.value == 0,
        "target_gap": gap if value != m.target.value and not _prints_zero(slots, gap) else "",
        "target_label": m.target.label,
        "target": shown,
    }


def _target_printable(m: Metric, slots: dict[str, Slot]) -> bool:
    """Print the standard itself unless its label already says it, or a value of the metric rounds to it
    (a 90% standard beside 90.1% reads as the 90.1% rounded: say 高于标准 without the number)."""

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
    latest = m.latest_year
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
        "polarity": polarity(m),
    }
    fields.update(_trend_fields(m, slots))
    fields.update(_target_fields(m, slots))
    return MetricView(**fields)


def self_reference(report: ReportInfo) -> tuple[str, str]:
    """(我市, 全市) — from the region's own suffix, else from its level."""
    last = report.region[-1:] if report.region else ""
    suffix = last if last and last in REGION_SUFFIXES else LEVEL_SUFFIX.get(report.level, "市")
    if report.region.endswith("自治区"):
        suffix = "区"
    return f"我{suffix}", f"全{suffix}"


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
            word, down = _growth_word(base, v), v.value < 0
            if down:  # 比上年下降0.16%, not 比上年增长-0.16%
                word = word.replace("增长", "下降").replace("增幅", "降幅")
            slot = f"abs({v.latest})" if down else v.latest
            joined[base.key] = replace(base, companion=slot, companion_word=word, companion_down=down)
            absorbed.add(v.key)
    return [joined.get(v.key, v) for v in views if v.key not in absorbed]


def _amounts(text: str) -> set[tuple[float, str]]:
    """Every figure of a text as (value in its base unit, base unit): 1.3亿 and 1.3亿元 are the same amount."""

    amounts = (to_base(f.value, f.unit) for f in find_figures(text) if not f.ignored)
    return {(round(value, 6), unit) for value, unit in amounts}


def mark_told(views: list[MetricView], facts: tuple[str, ...], slots: dict[str, Slot]) -> list[MetricView]:
    """A metric whose latest value (as printed, any unit) the facts already state is not told again: the
    facts are the user's own account of it, and a change they chose not to state is not added. A change,
    growth or stated growth the facts already give is left out of the metric's clause."""
    stated = _amounts("；".join(facts))
    if not stated:
        return views

    def said(name: str) -> bool:
        figures = _amounts(slots[name].text) if name in slots else set()
        return bool(figures) and figures <= stated

    out = []
    for v in views:
        parts = {f: "" for f in ("change", "growth", "companion") if getattr(v, f) and said(getattr(v, f))}
        out.append(replace(v, told=said(v.latest), **parts))
    return out


CLAUSES = re.compile(r"[；;。]")


def mark_told_elsewhere(
    views: list[MetricView], other_facts: tuple[str, ...], slots: dict[str, Slot]
) -> list[MetricView]:
    """A metric whose latest value another indicator's facts state in a clause that names it by its whole label
    (（五）'s fact 2023年教育督导经费预算110万元已足额拨付到位 and （十四）'s metric 教育督导经费预算) is not told again in
    its own section: the report would say the same figure twice (new-user trial)."""
    clauses = [c for fact in other_facts for c in CLAUSES.split(fact)]
    out = []
    for v in views:
        named = [c for c in clauses if _names_label(c, v.label)] if not v.told and v.latest in slots else []
        figures = _amounts(slots[v.latest].text) if named else set()
        said = bool(figures) and any(figures <= _amounts(c) for c in named)
        out.append(replace(v, told=True) if said else v)
    return out


LABEL_HELD = 0.8  # the share of a label's character pairs a clause holds to name it in other words


def _names_label(clause: str, label: str) -> bool:
    """The clause names the label: whole, or in other order (投资3.2289亿元，大力实施义务教育薄弱环节改善与能力提升工程 names
    义务教育薄弱环节改善与能力提升工程投资): most of its character pairs are in it."""
    if label in clause:
        return True
    pairs = set(_char_pairs(label))
    # (its head too: 初中专任教师学历合格率 is not named by 小学专任教师学历合格率100%, eight of its ten pairs)
    return (
        len(pairs) >= 4 and label[:2] in clause and sum(p in clause for p in pairs) >= LABEL_HELD * len(pairs)
    )


def mark_listed_parts(views: list[MetricView]) -> list[MetricView]:
    """教师招聘314人；公办中小学招聘教师130人；民办中小学招聘教师97人。民办幼儿园招聘教师87人 (a new user's trial: parts
    of a total told as if unrelated): the metrics right after a total, of its unit and year, that add up to it exactly
    are told after it as its 其中 list (…教师招聘314人，其中公办中小学招聘教师130人、…). Only plain values: a part with a
    change, a standard or a stated growth of its own is told in a clause of its own. The told ones (`told`) are
    skipped, as the template skips them."""
    shown = [k for k, v in enumerate(views) if not v.told]
    marked = set()
    for n, k in enumerate(shown):
        total = views[k]
        if not _may_total(total) or k in marked:
            continue
        run, added = [], 0.0
        for j in shown[n + 1 :]:
            v = views[j]
            if not _plain_part(v, total) or added + v.value > total.value * (1 + 1e-9):
                break
            run.append(j)
            added += v.value
            if abs(added - total.value) <= total.value * 1e-9 and len(run) >= 2:
                marked.update(run)
                break
    return [replace(v, listed_part=True) if k in marked else v for k, v in enumerate(views)]


# counts and amounts add up; per-student amounts (元), areas, rates and their moves do not
SUMMED_UNITS = ("人", "名", "所", "个", "次", "人次", "万人", "万人次", "万元", "亿元", "项", "家", "班")
NOT_SUMMED = re.compile(r"生均|人均|平均|标准|率|比例|占比|比重|提高|增长|下降|增幅")
# a total named by one of these, which its parts do not repeat, is one of several of a kind (省级平安校园3所，市级…2所，
# 县级…1所; 新建幼儿园4所，改扩建幼儿园3所): a sibling, not the whole
QUALIFIER = re.compile(
    r"^(?:国家级|省级|市级|县级|区级|新建|改扩建|改建|扩建|新认定|新增|公办|民办|城区|农村|城镇|乡村)"
)
SHARED_PAIRS = 2  # character pairs a part's label shares with its total's: it names the same thing


def _plain_part(v: MetricView, total: MetricView) -> bool:
    return (
        _may_total(v)  # (a count or an amount, as its total is)
        and v.unit == total.unit
        and v.latest_year == total.latest_year
        and not (v.change or v.growth or v.companion or v.target or v.target_relation or v.steady)
        and _names_alike(v.label, total.label)
    )


def _may_total(v: MetricView) -> bool:
    return v.unit in SUMMED_UNITS and not v.is_rate and v.value > 0 and not NOT_SUMMED.search(v.label)


def _names_alike(part: str, total: str) -> bool:
    """The part names what the total counts (公办中小学招聘教师 of 中小学（幼儿园）教师招聘: 中小, 小学, 招聘, 教师), and
    the total is no sibling named by a qualifier the part replaces (省级平安校园 of 市级平安校园)."""
    qualifier = QUALIFIER.match(total)
    if qualifier and qualifier.group() not in part:
        return False
    pairs = set(_char_pairs(total))
    return sum(p in pairs for p in _char_pairs(part)) >= SHARED_PAIRS


def _char_pairs(text: str) -> list[str]:
    """Each two characters in a row (digits and brackets too: 56人以上大班额, 中小学（幼儿园）教师招聘)."""
    return [text[k : k + 2] for k in range(len(text) - 1)]


def listed_units(views: list[MetricView]) -> list[list[MetricView]]:
    """The views as units that move together (a total and its listed parts; any other view alone), so that an
    emphasis (突出…) puts a total's 其中 list first with its total, not before it."""
    units: list[list[MetricView]] = []
    for v in views:
        head = next((u for u in reversed(units) if not u[0].told), None)
        if v.listed_part and head is not None:
            head.append(v)
        else:
            units.append([v])
    return units
