"""Warnings about a metrics file that is valid but does not agree with itself, or names an indicator the
taxonomy does not know or a metric name one or two letters from a known one (the metric is still read and
used for checking).

- an education budget smaller than one of the amounts it contains (安岳: 一般公共预算教育经费142.689万元 while
  公用经费 are 13282.41万元): a unit or decimal-point error;
- a stated growth (`X_growth`) that the two values of X do not give.
"""

from __future__ import annotations

import re

from drafter.core.taxonomy import Taxonomy
from drafter.core.types import Metric, SourceData
from drafter.figures.numbers import family, format_figure, round_half_up, shown_decimals, to_base
from drafter.source.checks import indicator_problem

BUDGETS = ("fund.general_budget_edu", "fund.fiscal_edu", "fund.total_edu_investment")
NOT_A_PART = re.compile(
    r"生均|人均|平均|标准|一般公共预算支出|财政支出|预算支出|生产总值|GDP|收入|总投入|总额"
)


def warnings(source: SourceData, taxonomy: Taxonomy, path: str = "") -> list[str]:
    where = f"{path}: " if path else ""
    found = [
        *_placeholders(source),
        *_no_metrics(source),
        *_unknown(source, taxonomy),
        *_misspelled(source, taxonomy),
        *_known_label_other_key(source, taxonomy),
        *_below_part(source),
        *_growths(source),
    ]
    return [where + line for line in found]


PLACEHOLDER = re.compile(r"XX|ＸＸ|××|xx")


def _placeholders(source: SourceData) -> list[str]:
    """`region: XX市` as `drafter metrics template` wrote it: valid, and the title, opening and signature would
    all say XX市. One line for the fields still holding it."""
    fields = {"region": source.report.region, "issuer": source.report.issuer}
    held = {name: value for name, value in fields.items() if PLACEHOLDER.search(value)}
    if not held:
        return []
    keys = ", ".join(f"report.{name}" for name in held)
    values = "、".join(repr(value) for value in held.values())
    return [
        f"{keys}: {values} 仍是模板中的占位文字，报告的标题和落款会照写；请填写本地区的名称 / still the template's "
        "placeholder: the title and signature would print it — write your region's own name"
    ]


def _no_metrics(source: SourceData) -> list[str]:
    """A file with no metric at all — most often one cut short before its metrics: list — drafts a report with no
    figure; it is valid, and said."""
    if source.metrics:
        return []
    return [
        "metrics: 文件中没有任何指标（缺少 metrics: 或为空），起草的报告将没有数字；文件是否完整？ / the file holds no "
        "metrics: the draft will have no figures — is the file complete?"
    ]


def _unknown(source: SourceData, taxonomy: Taxonomy) -> list[str]:
    """metrics[3].key: unknown indicator 'fnd' … did you mean 'fund'? — the metric is still used for checking."""
    return [
        f"metrics[{i}].key: {indicator_problem(m.indicator, taxonomy, m.label)}; 该指标仍用于核对，但不单独成节 "
        "/ the metric is used for checking but gets no section of its own"
        for i, m in enumerate(source.metrics)
        if m.indicator not in taxonomy.codes
    ]


def _misspelled(source: SourceData, taxonomy: Taxonomy) -> list[str]:
    """metrics[3].key: 'preschool.gross_enrolment_rat' is one or two letters from a known metric — a typo
    would keep the figure out of the sentences and checks that use the known key."""
    out = []
    for i, m in enumerate(source.metrics):
        near = taxonomy.nearest_metrics(m.key)
        if near:
            out.append(
                f"metrics[{i}].key: 指标名 {m.key!r} 不在 knowledge/taxonomy.yaml 中，是否拼写错误？最接近的是 "
                f"{' / '.join(near)} / unknown metric name {m.key!r} → did you mean "
                f"{' or '.join(repr(k) for k in near)}? (the metric is still used as spelled)"
            )
    return out


def _known_label_other_key(source: SourceData, taxonomy: Taxonomy) -> list[str]:
    """metrics[3]: preschool.inclusive_rate labelled 普惠性幼儿园覆盖率, the label of preschool.inclusive_coverage — the
    key decides the sentence, the target and the checks that use the known one (a typo `_misspelled` is too far
    to see)."""
    by_label = {spec.label: spec.key for ind in taxonomy.indicators for spec in ind.metrics}
    keys = {m.key for m in source.metrics}
    out = []
    for i, m in enumerate(source.metrics):
        known = by_label.get(m.label)
        if known is None or known == m.key or known in keys or taxonomy.nearest_metrics(m.key):
            continue  # (the known key given too: two metrics of one name, said elsewhere if at all)
        if any(spec.key == m.key for ind in taxonomy.indicators for spec in ind.metrics):
            continue
        out.append(
            f"metrics[{i}].key: {m.key!r} 的名称“{m.label}”是标准指标 {known} 的名称，指标键是否应为 {known}？"
            f"（不改则该指标仍用于核对，但不按标准指标成句、比目标） / {m.key!r} is labelled {m.label!r}, the label of "
            f"the known metric {known!r}: did you mean {known!r}?"
        )
    return out


def _below_part(source: SourceData) -> list[str]:
    parts = [
        m
        for m in source.metrics
        if family(m.unit) == "元" and m.key not in BUDGETS and not NOT_A_PART.search(m.label)
    ]
    out = []
    for total in (source.metric(k) for k in BUDGETS):
        for year, value in total.values.items() if total else ():
            bigger = [
                (p, p.values[year])
                for p in parts
                if year in p.values and _base(p, p.values[year]) > _base(total, value)
            ]
            if bigger:
                part, amount = max(bigger, key=lambda b: _base(b[0], b[1]))
                shown = format_figure(value, total.unit), format_figure(amount, part.unit)
                out.append(
                    f"{total.key}@{year} = {shown[0]} 小于其中包含的 {part.key}@{year} = {shown[1]}，"
                    "请检查单位（万元/亿元）或小数点 / "
                    f"{total.key}@{year} = {shown[0]} is smaller than {part.key}@{year} = {shown[1]}, "
                    "one of the amounts it holds → check the unit (万元/亿元) or the decimal point"
                )
    return out


def _base(m: Metric, value: float) -> float:
    return to_base(value, m.unit)[0]


def _growths(source: SourceData) -> list[str]:
    out = []
    for stated in (m for m in source.metrics if m.key.endswith("_growth") and m.unit == "%"):
        base = source.metric(stated.key.removesuffix("_growth"))
        for year, growth in stated.values.items() if base else ():
            if year in base.values and year - 1 in base.values and base.values[year - 1]:
                exact = (base.values[year] / base.values[year - 1] - 1) * 100
                decimals = shown_decimals(growth)
                if abs(round_half_up(exact, decimals) - growth) > 0.5 * 10**-decimals + 1e-9:
                    went = f"{base.values[year - 1]:g} → {base.values[year]:g}{base.unit} ({exact:+.2f}%)"
                    out.append(
                        f"{stated.key}@{year} = {growth:g}%，但 {base.key} 为 {went}，请检查这三个数值之一 / "
                        f"{stated.key}@{year} = {growth:g}% but {base.key} went {went} → check one of the three values"
                    )
    return out
