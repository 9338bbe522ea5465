"""Claims made in words, judged against the data: 实现“两个只增不减”, 不低于当地公务员, 全面消除大班额, 零辍学,
实现全覆盖, 达到/未达到目标, 稳步提高/有所下降.

A claim is judged from the metrics when they are given, else from the text's own change figures (a
"两个只增不减" beside "生均…下降1.2%"). A claim in a plan (确保, 力争 …), a hedged one (基本实现), one about
several things at once, or one the data cannot judge is left alone: only a claim the data can prove or
disprove becomes a finding.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from drafter.checker.claims import Claim
from drafter.checker.labels import LABEL_MIN, Labels
from drafter.checker.reading import Reading
from drafter.checker.words import FUTURE, STATEMENTS
from drafter.core.types import Metric, SourceData
from drafter.figures.numbers import format_figure

ELIMINATED_COUNT = re.compile(r"化解|消除|减少|解决|清理")  # 化解大班额317个 counts what was removed
NEGATED = re.compile(r"(?:未|没有|尚未|未能|仍未|不够|不到位|未达到|低于)")
HEDGED = re.compile(r"基本|总体|大体|部分")
PLANNED = re.compile(
    r"(?:出台|制定|印发|确保|力争|争取|要|将|必须|推动|落实|全面落实|认真落实|严格落实|坚持)$"
)
ACHIEVED = re.compile(r"实现|做到|达到|保证了|确保了|保持了|落实到位")
DENIED_AFTER = re.compile(
    r"(?:要求|目标|的要求|的目标)?(?:落实)?(?:不到位|未(?:能)?(?:实现|达到|完成|落实)|没有(?:实现|达到|落实))"
)
NAME_AFTER = re.compile(r"(?:工作|方案|行动|计划|任务|工程|专项|规划|办法|意见|通知)")
BUDGET_KEY = "fund.general_budget_edu"
PER_STUDENT = re.compile(r"^fund\.per_student_(?!.*(?:growth|operating|public|standard))")


@dataclass(frozen=True)
class Statement:
    """A claim in words: where it stands (normalised offsets), what kind, and whether it is denied."""

    start: int
    end: int
    kind: str
    negated: bool
    subject: str  # the words before the claim in its clause: what it is about
    words: str = ""  # the claim as printed (normalised)


@dataclass(frozen=True)
class Judgement:
    statement: Statement
    holds: bool
    expected: str  # what the data show
    source: str  # the metrics (key@year …) or text figures it was judged by


def find_statements(reading: Reading) -> list[Statement]:
    found = []
    for kind, pattern in STATEMENTS.items():
        for m in pattern.finditer(reading.text):
            statement = _statement(reading, kind, m)
            if statement is not None:
                found.append(statement)
    return sorted(found, key=lambda s: s.start)


def _statement(reading: Reading, kind: str, m: re.Match[str]) -> Statement | None:
    s, e = reading.sentence(m.start())
    before, after = reading.text[s : m.start()], reading.text[m.end() : e]
    clause = re.split(r"[，：；]", before)[-1]
    if (
        FUTURE.search(before)
        or PLANNED.search(before.rstrip("“”\"'「『"))
        or HEDGED.search(clause[-6:] + m.group(0))
    ):
        return None
    if re.search(r"《[^》]*$", before) or NAME_AFTER.match(after):
        return None  # 《…全面消除大班额工作方案》, "全覆盖"任务: names, not claims
    negated = _denied(kind, m.group(0), clause, after)
    if kind == "two_no_decrease" and not negated and not ACHIEVED.search(clause[-8:] + m.group(0)):
        return None  # 严格落实“两个只增不减”要求: a commitment, not a result
    return Statement(m.start(), m.end(), kind, negated, clause, m.group(0))


def _denied(kind: str, words: str, clause: str, after: str) -> bool:
    """未实现“两个只增不减” / 目标未实现 / 低于标准 / 教师工资低于公务员: the claim says it was not achieved."""
    if kind == "not_below_civil_servant":
        return bool(re.search(r"(?<![不未])低于", words))
    if kind == "target":
        return bool(re.search(r"未|没有|尚未", words))  # 低于/高于 the standard: judged with its relation
    return bool(NEGATED.search(clause[-4:]) or DENIED_AFTER.match(after))


# ---------------------------------------------------------------- judging
def judge_all(reading: Reading, source: SourceData | None) -> Iterator[Judgement]:
    labels = Labels(source) if source is not None else None
    for statement in find_statements(reading):
        judged = JUDGES[statement.kind](reading, statement, source, labels)
        if judged is not None:
            holds, expected, refs = judged
            yield Judgement(statement, holds != statement.negated, expected, refs)


Verdict = tuple[bool, str, str] | None  # (the positive claim holds, what the data show, sources)


def _two_no_decrease(
    reading: Reading, st: Statement, source: SourceData | None, labels: Labels | None
) -> Verdict:
    if source is not None:
        metrics = [m for m in source.metrics if m.key == BUDGET_KEY or PER_STUDENT.match(m.key)]
        changes = [c for c in (_change(m, source) for m in metrics) if c is not None]
        if changes:
            fell = [c for c in changes if c[1] < 0]
            shown = "；".join(f"{m.label}{_word(d)}" for m, d, _ in (fell or changes)[:3])
            return not fell, shown, ",".join(ref for _, _, ref in changes)
    return _from_text_changes(reading, st, r"一般公共预算教育|生均")


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


def _from_text_changes(reading: Reading, st: Statement, subject: str) -> Verdict:
    """The change figures of the paragraph whose subject matches: any fall disproves an 只增不减 claim."""
    ps, pe = reading.paragraph(st.start)
    changes = [
        (c, reading.figures[i])
        for i in reading.between(ps, pe)
        if (c := reading.claims[i]).kind == "change"
        and not c.versus
        and re.search(subject, c.subject + (reading.claims[c.own].subject if c.own is not None else ""))
    ]
    if not changes:
        return None
    fell = [(c, f) for c, f in changes if c.direction < 0 and f.value != 0]
    shown = (
        "；".join(f"{_name(reading, c)}下降{f.text.strip()}" for c, f in fell[:3]) or "文中所列各项均为增长"
    )
    return not fell, shown, "text:" + ",".join(f.text.strip() for _, f in changes[:6])


def _name(reading: Reading, c: Claim) -> str:
    own = reading.claims[c.own].subject if c.own is not None else ""
    return own or c.subject or "…"


def _civil_servant(
    reading: Reading, st: Statement, source: SourceData | None, labels: Labels | None
) -> Verdict:
    teacher, civil = (
        source.metric(k) if source else None for k in ("salary.teacher_avg", "salary.civil_servant_avg")
    )
    if teacher is None or civil is None:
        return None
    years = sorted(set(teacher.values) & set(civil.values))
    if not years:
        return None
    y = years[-1]
    t, c = teacher.values[y], civil.values[y]
    shown = f"{y}年教师{format_figure(t, teacher.unit)}，公务员{format_figure(c, civil.unit)}"
    return t >= c, shown, f"salary.teacher_avg@{y},salary.civil_servant_avg@{y}"


def _zero(keys: tuple[str, ...], words: str) -> object:
    def judge(reading: Reading, st: Statement, source: SourceData | None, labels: Labels | None) -> Verdict:
        if source is not None:
            for key in keys:
                m = source.metric(key)
                if m is not None and m.values:
                    y = source.report.period if source.report.period in m.values else max(m.values)
                    return (
                        m.values[y] == 0,
                        f"{y}年{m.label}{format_figure(m.values[y], m.unit)}",
                        f"{key}@{y}",
                    )
        return _count_in_text(reading, st, words)

    return judge


def _count_in_text(reading: Reading, st: Statement, words: str) -> Verdict:
    """大班额仍有12个 / 辍学学生3人 stated beside the claim: the claim is wrong when the count is not 0."""
    s, e = reading.sentence(st.start)
    for i in reading.between(s, e):
        f, c = reading.figures[i], reading.claims[i]
        lead = reading.lead(i)
        if (
            c.kind in ("value", "total")
            and re.search(words, lead[-10:])
            and not ELIMINATED_COUNT.search(lead)
        ):
            return f.value == 0, f"文中为{f.text.strip()}", f"text:{f.text.strip()}"
    return None


def _named_metric(
    st: Statement, source: SourceData | None, labels: Labels | None, unit: str = ""
) -> Metric | None:
    if source is None or labels is None:
        return None
    scored = [
        (labels.score(m.key, st.subject + "|", st.subject), m)
        for m in source.metrics
        if m.values and (not unit or m.unit == unit)
    ]
    score, best = max(scored, key=lambda t: t[0], default=(0.0, None))
    return best if score >= LABEL_MIN else None


def _full_coverage(
    reading: Reading, st: Statement, source: SourceData | None, labels: Labels | None
) -> Verdict:
    inside = [reading.figures[i] for i in reading.between(st.start, st.end) if reading.figures[i].unit == "%"]
    if inside:  # 实现了乡镇公办幼儿园100%全覆盖
        return inside[0].value >= 100, f"文中为{inside[0].text.strip()}", f"text:{inside[0].text.strip()}"
    m = _named_metric(st, source, labels, "%")
    if m is None or source is None:
        return None
    y = source.report.period if source.report.period in m.values else max(m.values)
    return m.values[y] >= 100, f"{y}年{m.label}{format_figure(m.values[y], m.unit)}", f"{m.key}@{y}"


def _target(reading: Reading, st: Statement, source: SourceData | None, labels: Labels | None) -> Verdict:
    m = _named_metric(st, source, labels)
    if m is None or m.target is None or source is None:
        return None
    y = source.report.period if source.report.period in m.values else max(m.values)
    value, target, relation = m.values[y], m.target.value, m.target.relation
    actual = {
        ">=": value >= target,
        ">": value > target,
        "<=": value <= target,
        "<": value < target,
        "==": value == target,
    }.get(relation, value >= target)
    below, above = "低于" in st.words, bool(re.search(r"高于|超过|超出", st.words))
    says_met = not (below and relation in (">=", ">")) and not (above and relation in ("<=", "<"))
    shown = f"{y}年{m.label}{format_figure(value, m.unit)}，标准{format_figure(target, m.unit)}"
    return actual == says_met, shown, f"{m.key}@{y},{m.key}.target"  # 低于10‰的目标 meets a "<=" standard


def _direction(reading: Reading, st: Statement, source: SourceData | None, labels: Labels | None) -> Verdict:
    up = not re.search(r"下降|减少|降低|回落", st.words)
    s, e = reading.sentence(st.start)
    if re.search(r"[均都]$", st.subject) or "分别" in reading.text[s:e]:
        return None  # 各级…均比上年有所增长: said of a list at once
    m = _named_metric(st, source, labels)
    if m is not None and source is not None:
        changed = _change(m, source) if not m.key.endswith("_growth") else None
        if changed is not None:
            _, delta, ref = changed
            holds = delta > 0 if up else delta < 0
            return holds, f"{m.label}{_word(delta)}", ref
    s, e = reading.sentence(st.start)
    nearby = [
        (c, reading.figures[i])
        for i in reading.between(s, e)
        if (c := reading.claims[i]).kind == "change" and not c.versus
    ]
    if len(nearby) != 1 or nearby[0][1].value == 0:
        return None  # no figure, or several: the words may sum them up in ways the figures do not
    c, f = nearby[0]
    holds = (c.direction > 0) if up else (c.direction < 0)
    return holds, f"文中为{'下降' if c.direction < 0 else '增长'}{f.text.strip()}", f"text:{f.text.strip()}"


JUDGES = {
    "two_no_decrease": _two_no_decrease,
    "not_below_civil_servant": _civil_servant,
    "eliminated_large_class": _zero(
        ("compulsory.large_class_count", "compulsory.large_class_share"), r"大班额"
    ),
    "eliminated_super_large_class": _zero(("compulsory.super_large_class_count",), r"超大班额"),
    "zero_dropout": _zero(("compulsory.dropouts",), r"辍学|失学"),
    "full_coverage": _full_coverage,
    "target": _target,
    "direction": _direction,
}
