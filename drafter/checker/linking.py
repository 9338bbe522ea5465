"""Link each figure to its source: a metric value, a derived figure, a target or a fact — by the words around it.

A value figure is linked by `checker.value_linking`; a change figure (增长/下降 …) is judged against the
derived change of the metric it speaks of, named in its own words or by the figure it follows.
Which words name which metric is `checker.labels`; the sentence structure read here is `checker.reading`.
"""

from __future__ import annotations

import re
from dataclasses import replace

from drafter.checker.finders import WEAK_LABEL
from drafter.checker.labels import LABEL_MIN
from drafter.checker.links import Link
from drafter.checker.reading import Reading, compare_year
from drafter.checker.sums import value_slack
from drafter.checker.value_linking import (
    CHANGE_KEYS,
    CHANGE_LABEL,
    FULL_LABEL,
    WRONG_WAY,
    ValueLinker,
    said_down,
)
from drafter.checker.words import GROWTH_RATE_BEFORE
from drafter.core.errors import DrafterError
from drafter.core.types import Derived, Figure, Metric, SourceData
from drafter.figures.derive import evaluate
from drafter.figures.numbers import convert, format_figure, round_half_up, same_family

GROWTH_NAMED = re.compile(
    r"增幅|增速|增长率|增长幅度|增长速度|降幅"
)  # the change of a growth rate is said of it


class Linker(ValueLinker):
    """Decides each figure's status: a change figure by its derived change first, then as a value."""

    def __init__(self, doc: Reading, source: SourceData) -> None:
        super().__init__(doc, source)
        self.links: dict[int, Link] = {}  # the figures linked so far: a change refers to one of them
        self._lead_metrics: dict[str, Metric | None] = {}  # per words between two figures (_named_by_lead)

    def link(self, i: int) -> Link:
        """A change figure is judged against its derived change first, then (增长率为6.00%) as a value."""
        claim = self.doc.claims.get(i)
        versus = (
            claim is not None and claim.versus
        )  # 高于全国平均水平1.2个百分点: no change of its own metric
        link = self.link_change(i) if self.doc.is_change(i) and not versus else None
        value = self.link_value(i) if link is None or link.status != "verified" else link
        other = link is not None and link.key and value.key and value.key != link.key
        if (
            link is None
            or value.status == "verified"
            and self._named(i, value.key)
            and not other  # 中职…17786.25元，比上年增长10.33%: not another metric's growth that happens to be 10.33%
            or link.status not in ("verified", "derived")
            and value.status == "derived"
            and not (
                link.message.startswith(WRONG_WAY) and value.key == link.key
            )  # 下降2.46%和8.33%: both fell
        ):
            link = value
        self.links[i] = link
        return link

    def _named(self, i: int, key: str) -> bool:
        near, sent = self.words(i)
        return self.label_score(key, near, sent) >= LABEL_MIN

    def link_change(self, i: int) -> Link | None:
        """The metric and years change figure i speaks of, judged by their derived change (None: no subject)."""
        doc, f = self.doc, self.doc.figures[i]
        run = doc.run_of(i)
        subject = self._subject(i, run)
        own = self.links.get(subject) if subject is not None else None
        mine = self.source.metric(own.key) if own is not None and own.status == "verified" else None
        if mine is not None and not any(y < own.year for y in mine.values):
            found = self._own_growth(i, mine, own.year)  # its growth, with no earlier value to compute it
            if found is not None:
                return found
        named = self._named_in_lead(i) if len(run) < 2 or run.index(i) == 0 else None
        if named is not None:
            m, y1 = named
            between = doc.lead(i)
        elif subject is not None:
            link = self.links[subject]
            m, y1 = self.source.metric(link.key) or self._derived_metric(subject, link), link.year
            between = doc.text[doc.figures[subject].end : f.start]
        else:
            return None
        y0 = compare_year(between, m, y1) if m else None
        if m is None or y0 is None or _rate_of_a_rate(doc, i, m) or _change_of_a_change(doc, i, m):
            return None
        return self._judge_change(i, m, y0, y1)

    def _own_growth(self, i: int, m: Metric, year: int) -> Link | None:
        """普通初中生均…支出为9664.01元，比上年度增长20.09%, last year's value not in the data: the growth is
        a figure of its own of that metric (its `_growth` key, or its label with 增长 after it)."""
        f = self.doc.figures[i]
        growth = [
            g
            for g in self.source.metrics
            if g.unit == "%"
            and year in g.values
            and (
                g.key == m.key + "_growth"
                or g.label.startswith(m.label)
                and CHANGE_LABEL.search(g.label[len(m.label) :])
            )
        ]
        if len(growth) != 1 or f.unit != "%":
            return None
        g = growth[0]
        if self.fits(i, g.values[year], signed=not said_down(g)):
            return Link("verified", f"{g.key}@{year}", message=f"{year}年{g.label}", key=g.key, year=year)
        return self.mismatch(f, g, year, f"{m.label}的增长，来源数据不同")

    def _subject(self, i: int, run: list[int]) -> int | None:
        """The linked figure a change refers to: the last one before it in its sentence, or, for a later
        change of a run (增长6.00%、7.14%), the matching one of the values listed before the run's first."""
        doc = self.doc
        claim = doc.claims.get(i)
        if claim is not None and claim.own is not None and self._keyed(claim.own):
            # the claim reader matched it: 支出21.80亿元、生均经费130元，分别下降…、增长…; 89410万元，比上年的
            # 131870.68万元减少32.20% (the change is of the value, not of the previous value after it)
            return claim.own
        subject = next(
            (
                j
                for j in reversed(doc.in_sentence(i))
                if self._keyed(j) and (not doc.is_change(j) or self.links[j].status == "verified")
            ),
            None,
        )
        if len(run) > 1 and run.index(i) > 0:
            first_subject = self.links.get(run[0])
            bases = [j for j in doc.in_sentence(run[0]) if j in self.links and not doc.is_change(j)]
            if first_subject is not None and len(bases) >= len(run):
                subject = bases[-len(run) :][run.index(i)]
        return subject

    def _keyed(self, j: int) -> bool:
        return j in self.links and bool(self.links[j].key)

    def _named_in_lead(self, i: int) -> tuple[Metric, int] | None:
        """毛入园率比上年提高1.2个百分点: the change names its own metric between the figures."""
        m = self._named_by_lead(self.doc.lead(i))
        return (m, self.year_for(m, self.doc.stated_year(i))) if m is not None else None

    def _named_by_lead(self, lead: str) -> Metric | None:
        """The metric the words between two figures name best (None: none named well enough), kept per words:
        most changes are said alike (，比上年增长)."""
        if lead not in self._lead_metrics:
            named = self.labels.named_by(lead)
            metrics = [m for m in self.source.metrics if m.values and m.key in named]
            evidence = self.labels.evidence_all(
                [m.key for m in metrics], lead, ""
            )  # the words looked up once
            scored = [(evidence[m.key][0], m) for m in metrics]
            score, m = max(scored, key=lambda t: t[0], default=(0.0, None))
            self._lead_metrics[lead] = m if m is not None and score >= LABEL_MIN else None
        return self._lead_metrics[lead]

    def _derived_metric(self, i: int, link: Link) -> Metric | None:
        """The values of a sum of metrics (义务教育 = 小学 + 初中) or of a share of one in another, as one
        metric, for the change stated of it (比上年增加60568人, 比上年提高3.05个百分点)."""
        kind = link.source.split("(", 1)[0]
        parts = [self.source.metric(k) for k in link.key.split("|")] if kind in ("sum", "share") else []
        if len(parts) < 2 or None in parts:
            return None
        years = set.intersection(*(set(m.values) for m in parts))
        if kind == "share":
            part, whole = parts
            values = {
                y: convert(part.values[y], part.unit, whole.unit) / whole.values[y] * 100
                for y in years
                if whole.values[y]
            }
            return Metric(f"{part.key}/{whole.key}", f"{part.label}占{whole.label}的比例", "%", values)
        values = {y: sum(convert(m.values[y], m.unit, parts[0].unit) for m in parts) for y in years}
        whole = self._named_whole(i, parts)
        if (
            whole is not None
        ):  # 全市在校生: last year's total is in the data, this year's is the sum of the parts
            values = {y: convert(v, whole.unit, parts[0].unit) for y, v in whole.values.items()} | values
        return Metric(
            "+".join(m.key for m in parts), "与".join(m.label for m in parts), parts[0].unit, values
        )

    def _within_rounding(self, i: int, d: Derived, m: Metric, years: tuple[int, int]) -> bool:
        """The printed change is the data's change (d) once each value it is the difference of may be off by half a
        unit of its last shown digit (a sum of metrics: each part's values), in its direction."""
        f = self.doc.figures[i]
        value = convert(d.value, d.unit, f.unit)
        if value == 0 or (value < 0) != self.doc.goes_down(i):
            return False
        parts = [self.source.metric(k) for k in m.key.split("+")] if "+" in m.key else [m]
        if None in parts or any(y not in p.values for p in parts for y in years):
            return False
        slack = sum(value_slack(p, y, f.unit) for p in parts for y in years)
        return slack > 0 and abs(abs(value) - f.value) <= slack + 0.5 * 10.0**-f.decimals + 1e-9

    def _named_whole(self, i: int, parts: list[Metric]) -> Metric | None:
        """The metric figure i's words name, of its unit, when it is none of the parts and has no value of the
        years the parts have."""
        near, sent = self.words(i)
        if any(self.label_score(m.key, near, sent) >= FULL_LABEL for m in parts):
            return None  # 普通高等学校和成人高等学校2689所: a part named in full beside it is its sibling, not a part
        keys = {m.key for m in parts}
        years = set.intersection(*(set(m.values) for m in parts))
        # named in part is enough when alone (高中段…；招生3133人，比上年增加321人)
        named = sorted(
            (
                (score, m)
                for m in self.compatible(self.doc.figures[i])
                if m.key not in keys
                and not years & set(m.values)
                and (score := self.label_score(m.key, near, sent)) >= WEAK_LABEL
            ),
            key=lambda t: -t[0],
        )
        if len(named) == 1:
            return named[0][1]
        # 全国招收研究生51.09万人，比上年增加6.45万人 where 在学研究生 and 毕业研究生 are named in part too: the one named
        # best, by its label in full
        top = [m for score, m in named if score >= LABEL_MIN and score == named[0][0]]
        return top[0] if len(top) == 1 else None

    def _judge_change(self, i: int, m: Metric, y0: int, y1: int) -> Link | None:
        f = self.doc.figures[i]
        kinds = ("pp_change", "diff", "growth") if m.unit == "%" else ("growth", "diff")
        claim = self.doc.claims.get(i)
        if claim is not None and claim.yearly and y1 - y0 > 1 and f.unit == "%" and m.unit != "%":
            kinds = (
                "yearly_growth",
                "diff",
            )  # 2012年至2016年…年均增幅10.66%: a year's growth, not the four's
        source = (
            self.source
            if self.source.metric(m.key)
            else replace(self.source, metrics=(*self.source.metrics, m))
        )
        cands = [d for k in kinds if (d := _try(f"{k}({m.key},{y0},{y1})", source))]
        for d in cands:
            if same_family(f.unit, d.unit) and self.fits(i, abs(convert(d.value, d.unit, f.unit))):
                if d.value != 0 and (d.value < 0) != self.doc.goes_down(i):
                    said = f"{WRONG_WAY}（{d.label}为{d.value:+g}）"
                    return Link("mismatch", d.formula, _the_other_way(f, d.value), said, m.key, y1)
                return Link("derived", d.formula, message=d.label, key=m.key, year=y1)
        diff = next((d for d in cands if d.formula.startswith("diff(") and same_family(f.unit, d.unit)), None)
        if diff is not None and self._within_rounding(i, diff, m, (y0, y1)):
            # 比上年增加79.46亿元 where the data's rounded amounts give 79.47: the change of the unrounded ones
            said = f"{diff.label}（来源数据为四舍五入后的数，相差在其末位以内）"
            return Link("derived", diff.formula, message=said, key=m.key, year=y1)
        pp = next((d for d in cands if d.unit == "个百分点"), None)
        if f.unit == "%" and pp is not None and self.fits(i, abs(pp.value)):
            shown = format_figure(abs(pp.value), "个百分点", f.decimals)
            return Link("mismatch", pp.formula, shown, f"比率的升降应为{shown}，不是“%”", m.key, y1)
        if cands and not any(same_family(f.unit, d.unit) for d in cands):
            return None  # 新建校舍15.69万平方米，新增8649个标准学位: 个 is no change of an area; a value of its own
        primary = next((d for d in cands if same_family(f.unit, d.unit)), cands[0] if cands else None)
        if primary is None:
            return Link("unsupported", message="无法从来源数据计算这个变化")
        unit = primary.unit if not same_family(f.unit, primary.unit) else f.unit
        shown = format_figure(
            abs(round_half_up(convert(primary.value, primary.unit, unit), f.decimals)), unit, f.decimals
        )
        if unit != f.unit:
            shown = format_figure(abs(primary.value), primary.unit, max(f.decimals, 1))
        return Link("mismatch", primary.formula, shown, f"{primary.label}应为{shown}", m.key, y1)


def _rate_of_a_rate(doc: Reading, i: int, m: Metric) -> bool:
    """…生均经费增长率为7.00%、9.54%: growth rates stated as values, not the growth of a growth rate."""
    return m.key.endswith("_growth") and bool(GROWTH_RATE_BEFORE.search(doc.lead(doc.run_of(i)[0])))


def _change_of_a_change(doc: Reading, i: int, m: Metric) -> bool:
    """A metric that is itself a change (…较上年增长, *_growth): its growth in % means nothing, and its change in
    个百分点 is stated only of a growth rate named so (增幅回落0.34个百分点), not of 近视率…下降0.7个百分点."""
    if not (m.key.endswith(CHANGE_KEYS) or CHANGE_LABEL.search(m.label[-6:])):
        return False
    if doc.figures[i].unit == "%":
        return True
    s, _ = doc.sentence(doc.figures[i].start)
    return not GROWTH_NAMED.search(doc.text[s : doc.figures[i].start])


def _the_other_way(f: Figure, value: float) -> str:
    """What a change said the wrong way should say: 下降0.8个百分点 for 提高0.8个百分点 where the data fell."""
    rate = f.unit in ("%", "‰", "个百分点", "个千分点")
    if value < 0:
        word = "下降" if rate else "减少"
    else:
        word = "提高" if f.unit.startswith("个") else "增长" if rate else "增加"
    return word + f.text.strip()


def _try(formula: str, source: SourceData) -> Derived | None:
    try:
        return evaluate(formula, source)
    except DrafterError:
        return None


def link_all(doc: Reading, source: SourceData) -> dict[int, Link]:
    """A Link for every active figure, in text order (change figures use the figure they follow)."""
    linker = Linker(doc, source)
    return {i: linker.link(i) for i in doc.active}
