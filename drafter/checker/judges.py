"""How each kind of claim in words (checker.statements) is judged against the metrics, when they are given.

A judge returns (the positive claim holds, what the data show, the sources it was judged by), or None when
the data do not speak of the claim: no metric is named, or the one named lacks the year or the target.
Where the metrics are silent, the figures the text states beside the claim judge it (checker.stated).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from drafter.checker import stated
from drafter.checker.labels import CJK_SPACE, LABEL_MIN, Labels, other_class
from drafter.checker.reading import Reading
from drafter.checker.statements import Statement, find_statements
from drafter.checker.words import STATEMENTS
from drafter.core.taxonomy import two_no_decrease_key
from drafter.core.types import Metric, SourceData
from drafter.figures.numbers import format_figure

Verdict = stated.Verdict  # (the positive claim holds, what the data show, sources)
Judge = Callable[[Reading, Statement, SourceData | None, Labels | None], Verdict]

ALL_TARGETS = re.compile(r"(?:各项|全部|所有)(?:主要)?(?:目标|指标)|主要指标")
OPERATORS = stated.COMPARE
# what 两个只增不减 is of, named in a text: 一般公共预算教育支出/经费 and its per-student amounts
TWO_NO_DECREASE_SAID = r"一般公共预算教育|生均[\u4e00-\u9fff]{0,12}?教育(?:支出|经费|事业费)|生均经费"


@dataclass(frozen=True)
class Judgement:
    statement: Statement
    holds: bool
    expected: str  # what the data show
    source: str  # the metrics (key@year …) or text figures it was judged by


def judge_all(reading: Reading, source: SourceData | None) -> Iterator[Judgement]:
    """Each statement the data judge; of statements over the same words, the first kind that is judged."""
    labels = Labels.of(source) if source is not None else None
    judged: list[Judgement] = []
    for statement in sorted(find_statements(reading), key=lambda s: list(STATEMENTS).index(s.kind)):
        if any(j.statement.start < statement.end and statement.start < j.statement.end for j in judged):
            continue
        verdict = JUDGES[statement.kind](reading, statement, source, labels)
        if verdict is not None:
            holds, expected, refs = verdict
            judged.append(Judgement(statement, holds != statement.negated, expected, refs))
    yield from sorted(judged, key=lambda j: j.statement.start)


# ---------------------------------------------------------------- metrics
def _latest(m: Metric, source: SourceData) -> int:
    return source.report.period if source.report.period in m.values else max(m.values)


def _change(m: Metric, source: SourceData) -> tuple[Metric, float, str] | None:
    """(metric, change from the year before, refs) at the assessed year or the latest one."""
    years = sorted(m.values)
    year = source.report.period if source.report.period in m.values else (years[-1] if years else None)
    earlier = [y for y in years if year is not None and y < year]
    if m.key.endswith("_growth") and year is not None:
        return m, m.values[year], f"{m.key}@{year}"
    if year is None or not earlier:
        return None
    return m, m.values[year] - m.values[earlier[-1]], f"{m.key}@{earlier[-1]},{year}"


def _word(delta: float) -> str:
    return "比上年下降" if delta < 0 else ("与上年持平" if delta == 0 else "比上年增长")


def _moved(m: Metric, delta: float) -> str:
    """What the data show of m's move: 一般公共预算教育经费比上年增长; a metric of the growth itself (…较上年增长) by
    its value, not its label with 比上年增长 again (一般公共预算教育经费较上年增长比上年增长)."""
    if m.key.endswith("_growth") or GROWTH_LABEL.search(m.label):
        return f"{m.label}{format_figure(delta, m.unit)}"
    return f"{m.label}{_word(delta)}"


GROWTH_LABEL = re.compile(r"(?:比|较)上年(?:增长|下降|增加|减少)|增长率|增幅$")


def _named_metric(
    st: Statement,
    source: SourceData | None,
    labels: Labels | None,
    unit: str = "",
    target: bool = False,
) -> Metric | None:
    """The metric the claim's clause names, with what it names inside (实现《纲要》“达到95%”的目标)."""
    if source is None or labels is None:
        return None
    metrics = [
        m
        for m in source.metrics
        if m.values and (not unit or m.unit == unit) and (not target or m.target is not None)
    ]
    # (a space between two characters is no word: labels are read without one, 小学 学校数 as 小学学校数)
    words = CJK_SPACE.sub("", st.subject + re.sub(r"[“”《》\"]", "", st.obj))
    scored = [(labels.evidence(m.key, words + "|", words), m) for m in metrics if not other_class(words, m)]
    # of labels named as fully, the one the words name most of: 普通高中在校生 is 普通高中在校生, not 普通高中学校
    # (whose synonym 普通高中 they hold whole)
    # (the score rounded: 0.9999999999999999 is as full as 1.0, so 少数民族毕业生初次就业率 beats 少数民族毕业生)
    (score, _, _), best = max(
        scored, key=lambda t: (round(t[0][0], 9), t[0][1]), default=((0.0, 0.0, 0.0), None)
    )
    return best if score >= LABEL_MIN else None


# ---------------------------------------------------------------- the judges
def _two_no_decrease(
    reading: Reading, st: Statement, source: SourceData | None, labels: Labels | None
) -> Verdict:
    # the falls the text states beside the claim, of what the claim is of (生均公用经费 and 生均校舍面积 are no
    # 生均…教育支出)
    said = stated.no_decrease(reading, st, TWO_NO_DECREASE_SAID)
    if source is not None:
        judged = [m for m in source.metrics if two_no_decrease_key(m.key)]
        levels = [m for m in judged if not m.key.endswith("_growth")]
        rates = [m for m in judged if m.key.endswith("_growth")]
        changes = [c for c in (_change(m, source) for m in levels) if c is not None] or [
            c for c in (_change(m, source) for m in rates) if c is not None
        ]  # the growth rates stated in the metrics when no level has last year's value
        if changes:
            fell = [c for c in changes if c[1] < 0]
            if not fell and said is not None and not said[0]:
                return said  # the data hold no fall, the text states one beside the claim (初中生均…下降2.7%)
            shown = "；".join(_moved(m, d) for m, d, _ in (fell or changes)[:3])
            return not fell, shown, ",".join(ref for _, _, ref in changes)
    return said


def _civil_servant(
    reading: Reading, st: Statement, source: SourceData | None, labels: Labels | None
) -> Verdict:
    teacher, civil = (
        source.metric(k) if source else None for k in ("salary.teacher_avg", "salary.civil_servant_avg")
    )
    years = sorted(set(teacher.values) & set(civil.values)) if teacher and civil else []
    if not years:
        return stated.salary(reading, st)  # no data to judge it: the amounts the text states, if any
    y = years[-1]
    t, c = teacher.values[y], civil.values[y]
    shown = f"{y}年教师{format_figure(t, teacher.unit)}，公务员{format_figure(c, civil.unit)}"
    return t >= c, shown, f"salary.teacher_avg@{y},salary.civil_servant_avg@{y}"


def _zero(keys: tuple[str, ...], words: str) -> Judge:
    """大班额清零 / 辍学学生动态清零: the count is 0. A claim about some of them (建档立卡辍学学生) is judged
    only by a metric that counts those."""

    def judge(reading: Reading, st: Statement, source: SourceData | None, labels: Labels | None) -> Verdict:
        said = set(stated.SUBSET.findall(st.subject + st.words))
        if source is not None:
            for key in keys:
                m = source.metric(key)
                if m is not None and m.values and set(stated.SUBSET.findall(m.label)) == said:
                    y = _latest(m, source)
                    shown = f"{y}年{m.label}{format_figure(m.values[y], m.unit)}"
                    return m.values[y] == 0, shown, f"{key}@{y}"
        return stated.count(reading, st, words, said)

    return judge


def _full_coverage(
    reading: Reading, st: Statement, source: SourceData | None, labels: Labels | None
) -> Verdict:
    inside = stated.coverage(reading, st)
    if inside is not None:  # 实现了乡镇公办幼儿园100%全覆盖
        return inside
    m = _named_metric(st, source, labels, "%")
    if m is None or source is None:
        return None
    y = _latest(m, source)
    return m.values[y] >= 100, f"{y}年{m.label}{format_figure(m.values[y], m.unit)}", f"{m.key}@{y}"


def _all_achieved(
    reading: Reading, st: Statement, source: SourceData | None, labels: Labels | None
) -> Verdict:
    """全省104个县全部实现…: the metric counting those that did (实现…的县) against the count stated."""
    count = stated.count_before(reading, st)
    if count is None or source is None or labels is None:
        return None
    candidates = [m for m in source.metrics if m.values and m.unit == count.unit]
    scored = [(labels.score(m.key, st.obj + "|", st.obj), m) for m in candidates]
    score, m = max(scored, key=lambda t: t[0], default=(0.0, None))
    if m is None or score < LABEL_MIN:
        return None
    y = _latest(m, source)
    shown = f"{y}年{m.label}{format_figure(m.values[y], m.unit)}，文中共{count.text.strip()}"
    return m.values[y] >= count.value, shown, f"{m.key}@{y},text:{count.text.strip()}"


def _standard_kept(
    reading: Reading, st: Statement, source: SourceData | None, labels: Labels | None
) -> Verdict:
    """做到“不低于4%”: the value stated before it, else the metric whose target is that standard."""
    judged = stated.kept(reading, st)
    if judged is not None or source is None:
        return judged
    relation, m = stated.relation_of(st.words), _standard_metric(reading, st, source)
    if relation is None or m is None or m.target is None:
        return None
    y = _latest(m, source)
    shown = f"{y}年{m.label}{format_figure(m.values[y], m.unit)}"
    return OPERATORS[relation](m.values[y], m.target.value), shown, f"{m.key}@{y}"


def _target(reading: Reading, st: Statement, source: SourceData | None, labels: Labels | None) -> Verdict:
    """达到/实现/高于/低于 a target: every target of the metrics (各项目标, 主要指标), the metric the claim names,
    the standard stated in the claim against the value stated before it, a 完成率, or the metric whose target
    is the standard stated."""
    if ALL_TARGETS.search(st.words):
        return _all_targets(source)
    if stated.count_before(reading, st) is not None:
        return None  # 19个市(州)实现“…”目标任务: said of those 19, not of the whole region
    return (
        _metric_target(st, _named_metric(st, source, labels, target=True), source)
        or stated.standard(reading, st)
        or stated.completion(reading, st)
        or _metric_target(st, _standard_metric(reading, st, source), source)
    )


def _standard_metric(reading: Reading, st: Statement, source: SourceData | None) -> Metric | None:
    """The one metric whose target is the standard the claim states (“…控制在2%以内”的目标)."""
    inside = stated.standards(reading, st)
    if source is None or len(inside) != 1:
        return None
    f = inside[0]
    matching = [
        m for m in source.metrics if m.target and m.values and m.unit == f.unit and m.target.value == f.value
    ]
    return matching[0] if len(matching) == 1 else None


def _metric_target(st: Statement, m: Metric | None, source: SourceData | None) -> Verdict:
    if m is None or m.target is None or source is None:
        return None
    y = _latest(m, source)
    value, target, relation = m.values[y], m.target.value, m.target.relation
    actual = OPERATORS.get(relation, OPERATORS[">="])(value, target)
    below, above = st.verb == "低于", st.verb in ("高于", "超过", "超出")
    says_met = not (below and relation in (">=", ">")) and not (above and relation in ("<=", "<"))
    shown = f"{y}年{m.label}{format_figure(value, m.unit)}，标准{format_figure(target, m.unit)}"
    return actual == says_met, shown, f"{m.key}@{y},{m.key}.target"  # 低于10‰的目标 meets a "<=" standard


def _all_targets(source: SourceData | None) -> Verdict:
    """如期实现…各项主要目标 / 主要指标达到或超过全国平均水平: every metric that has a target meets it."""
    if source is None:
        return None
    judged = []
    for m in source.metrics:
        if m.target is not None and m.values:
            y = _latest(m, source)
            met = OPERATORS.get(m.target.relation, OPERATORS[">="])(m.values[y], m.target.value)
            judged.append((m, y, met))
    if not judged:
        return None
    missed = [(m, y) for m, y, met in judged if not met]
    shown = "；".join(
        f"{y}年{m.label}{format_figure(m.values[y], m.unit)}，标准{format_figure(m.target.value, m.unit)}"
        for m, y in (missed or [(m, y) for m, y, _ in judged])[:3]
        if m.target is not None
    )
    return not missed, shown, ",".join(f"{m.key}@{y},{m.key}.target" for m, y, _ in judged)


def _direction(reading: Reading, st: Statement, source: SourceData | None, labels: Labels | None) -> Verdict:
    up = not re.search(r"下降|减少|降低|回落", st.words)
    s, e = reading.sentence(st.start)
    if re.search(r"[均都]$", st.subject) or "分别" in reading.text[st.end : e]:
        return stated.listed(reading, st, up)  # 各级…均比上年有所增长，增幅分别为…: the list judges it
    m = _named_metric(st, source, labels)
    if m is not None and source is not None:
        changed = _change(m, source) if not m.key.endswith("_growth") else None
        if changed is not None:
            _, delta, ref = changed
            holds = delta > 0 if up else delta < 0
            return holds, f"{m.label}{_word(delta)}", ref
    return stated.direction(reading, st, up)


def _growth_versus(
    reading: Reading, st: Statement, source: SourceData | None, labels: Labels | None
) -> Verdict:
    return stated.growth_versus(reading, st)


JUDGES: dict[str, Judge] = {
    "two_no_decrease": _two_no_decrease,
    "not_below_civil_servant": _civil_servant,
    "eliminated_large_class": _zero(
        ("compulsory.large_class_count", "compulsory.large_class_share"), r"大班额"
    ),
    "eliminated_super_large_class": _zero(("compulsory.super_large_class_count",), r"超大班额"),
    "zero_dropout": _zero(("compulsory.dropouts", "compulsory.dropouts_registered_poor"), r"辍学|失学"),
    "full_coverage": _full_coverage,
    "all_achieved": _all_achieved,
    "standard_kept": _standard_kept,
    "growth_versus": _growth_versus,
    "target": _target,
    "direction": _direction,
}
