"""Last year's sections carried forward paragraph by paragraph: the sections are read as one text (headings as
lines, so each figure keeps its context; Traditional characters read through a Simplified copy of the same length),
linked, carried (`forward.carry`), and the edits cut back into each paragraph as FigureChange records."""

from __future__ import annotations

from dataclasses import dataclass, replace

from drafter.carry.edits import Edit, apply
from drafter.carry.facts import fact_edits
from drafter.carry.forward import carry
from drafter.carry.front import basis_edit
from drafter.carry.last_read import simplified
from drafter.carry.linker import FigureLinker
from drafter.carry.types import REVIEW, CarriedSection, FigureChange, LastSection
from drafter.core.cn_dates import shift_year
from drafter.core.types import SourceData
from drafter.figures.numbers import find_figures

FRONT = frozenset({"header", "title", "addressee", "signature"})  # carried by `front`, not here
REPORT_YEAR_KINDS = frozenset({"opening"})  # there last year's years are the round and period: they move on


@dataclass(frozen=True)
class _Line:
    section: int  # index into the sections given
    paragraph: int  # index into its paragraphs; -1 for its heading
    start: int  # where the line starts in the joined text


def carry_body(
    sections: list[LastSection], new: SourceData, linker: FigureLinker, shift: int = 1
) -> dict[str, CarriedSection]:
    """Section id → the section carried forward, for every section but the 版头, title, 主送机关 and 落款."""
    text, lines = _joined(sections)
    simple = simplified(text)
    edits = carry(simple, linker.link(simple, past_view(new, shift)), new, shift)
    by_line: dict[int, list[Edit]] = {}
    for e in edits:
        k = _line_of(lines, e.start)
        if lines[k].paragraph >= 0:
            by_line.setdefault(k, []).append(_restore(e, text, simple))
    out = {}
    plan_parts = {s.spec.id for s in sections if s.spec.kind == "plans"}
    plan_children = {n for n, s in enumerate(sections) if s.spec.parent in plan_parts}
    for n, section in enumerate(sections):
        if section.spec.kind in FRONT:
            continue
        out[section.spec.id] = _carried(section, n, lines, by_line, new, plan_children)
    return out


def past_view(new: SourceData, shift: int) -> SourceData:
    """The new metrics as last year's report knew them: only the years up to its period, which is its default
    year (a figure that did not change is not taken for this year's)."""
    period = new.report.period - shift
    metrics = tuple(
        replace(m, values={y: v for y, v in m.values.items() if y <= period})
        for m in new.metrics
        if any(y <= period for y in m.values)
    )
    report = replace(new.report, period=period, round=new.report.round - shift)
    return replace(new, report=report, metrics=metrics)


def _joined(sections: list[LastSection]) -> tuple[str, list[_Line]]:
    parts, lines, offset = [], [], 0
    for n, section in enumerate(sections):
        if section.spec.kind in FRONT:
            continue
        own = ([(-1, section.heading.text)] if section.heading else []) + list(
            enumerate(p.text for p in section.paragraphs)
        )
        for k, line in own:
            lines.append(_Line(n, k, offset))
            parts.append(line)
            offset += len(line) + 1
    return "\n".join(parts), lines


def _line_of(lines: list[_Line], offset: int) -> int:
    k = 0
    while k + 1 < len(lines) and lines[k + 1].start <= offset:
        k += 1
    return k


def _restore(e: Edit, text: str, simple: str) -> Edit:
    """The edit on the text as printed: only the part that really changes is taken from the Simplified copy."""
    old, simple_old = text[e.start : e.end], simple[e.start : e.end]
    if old == simple_old:
        return e
    head = len(_common_prefix(simple_old, e.new))
    tail = len(_common_prefix(simple_old[head:][::-1], e.new[head:][::-1]))
    new = (
        old[:head] + e.new[head : len(e.new) - tail] + old[len(old) - tail :] if e.new != simple_old else old
    )
    return Edit(e.start, e.end, old, new, e.status, e.kind, e.source, e.reason)


def _common_prefix(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[:n]


def _carried(
    section: LastSection,
    n: int,
    lines: list[_Line],
    by_line: dict[int, list[Edit]],
    new: SourceData,
    plan_children: set[int],
) -> CarriedSection:
    texts, changes = [], []
    plans = section.spec.kind == "plans" or n in plan_children
    for k, line in enumerate(lines):
        if line.section != n or line.paragraph < 0:
            continue
        old = section.paragraphs[line.paragraph].text
        edits = [_report_year(e) if section.spec.kind in REPORT_YEAR_KINDS else e for e in by_line.get(k, [])]
        edits = [_local(e, line.start) for e in edits]
        if plans:
            edits = [_as_plan(e) for e in edits if e.kind != "word"]
        if section.spec.kind not in REPORT_YEAR_KINDS:
            edits = fact_edits(old, new, section.spec.indicator or "", edits)
        basis = basis_edit(old, new.report) if section.spec.kind == "opening" else None
        if basis is not None and not any(e.start < basis.end and basis.start < e.end for e in edits):
            edits = sorted([*edits, basis], key=lambda e: e.start)
        new_text, starts = apply(old, edits)
        for e, where in zip(edits, starts, strict=True):
            changes.append(_change(section.spec.id, line.paragraph, e, where))
        texts.append(new_text)
    changes += table_reviews(section)
    return CarriedSection(section, tuple(texts), tuple(changes))


def _as_plan(e: Edit) -> Edit:
    """Figures of 下一步工作 are targets and plans, not last year's results: never carried, always reviewed."""
    if e.status == REVIEW or e.kind not in ("figure", "year"):
        return e
    return Edit(
        e.start,
        e.end,
        e.old,
        e.old,
        REVIEW,
        e.kind,
        reason="下一步工作中的目标或计划数字 / a target in the plans",
    )


def _report_year(e: Edit) -> Edit:
    """In the opening, last year's round and period are simply the new ones."""
    if e.kind != "year" or e.status != REVIEW:
        return e
    return Edit(e.start, e.end, e.old, shift_year(e.old, 1), "updated", "year", reason="评价年度顺延")


def _local(e: Edit, offset: int) -> Edit:
    return Edit(e.start - offset, e.end - offset, e.old, e.new, e.status, e.kind, e.source, e.reason)


def _change(section_id: str, paragraph: int, e: Edit, new_start: int) -> FigureChange:
    return FigureChange(
        section=section_id,
        paragraph=paragraph,
        start=e.start,
        end=e.end,
        old=e.old,
        new=e.new,
        status=e.status,
        kind=e.kind,
        source=e.source,
        reason=e.reason,
        new_start=new_start,
    )


def table_reviews(section: LastSection) -> list[FigureChange]:
    """Figures in last year's tables are not linked yet: each one is listed for review."""
    out = []
    for t, table in enumerate(section.tables):
        for r, row in enumerate((table.header, *table.rows)):
            for cell in row:
                for f in find_figures(cell):
                    if not f.ignored:
                        out.append(FigureChange(
                            section=section.spec.id, paragraph=-1, start=f.start, end=f.end, old=f.text, new=f.text,
                            status=REVIEW, kind="table", reason=f"表{t + 1}第{r + 1}行：表格中的数字尚未自动更新 / a table figure",
                        ))  # fmt: skip
    return out
