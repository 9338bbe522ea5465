"""Check every figure of a text: a Finding per figure, never an exception for a bad figure.

Statuses (DESIGN.md): verified, derived, mismatch, unsupported, inconsistent, ignored — and unchecked
when no source data is given (the self-consistency rules still run on the text alone).
"""

from __future__ import annotations

import bisect
import gc
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

from drafter.checker import anachronism, parts
from drafter.checker.claims import claims_subject, name_stem, read_claims
from drafter.checker.judges import Judgement, judge_all
from drafter.checker.linking import link_all
from drafter.checker.lost import lost_years
from drafter.checker.reading import Reading
from drafter.checker.rules import run_rules
from drafter.checker.rules.base import Verdict
from drafter.checker.stale import stale_headings
from drafter.checker.tables import read_tables
from drafter.checker.text import Text, normalize
from drafter.core.types import CheckReport, Figure, Finding, SourceData
from drafter.figures.gaps import GAP, count_gaps
from drafter.figures.numbers import find_figures
from drafter.knowledge.terms import Anachronism

HEADING = re.compile(
    r"^\s*#*\s*(?:[一二三四五六七八九十]+\s?[、.．]|[（(][一二三四五六七八九十]+[)）]|\d{1,2}\s?[.、．](?!\d)|[（(]\d{1,2}[)）])"
)
IGNORED_WHY = {
    "year": "年份",
    "range-year": "年份区间",
    "date": "日期",
    "doc_number": "文号",
    "section_number": "序号",
    "ordinal": "序数/排名",
    "name": "名称或专有名词中的数字",
    "phone": "电话号码",
    "address": "地址或邮编",
    "duration": "时长",
    "age": "年龄段（人群名称中的数字）",
    "score_line": "分数线（人群名称中的数字）",
    "word": "数词（非统计数字）",
    "ratio": "比例式",
    "note": "注释编号",
    "url": "网址或邮箱中的数字",
}
FINDING_KEYS = (
    "section",
    "line",
    "start",
    "end",
    "text",
    "value",
    "unit",
    "status",
    "expected",
    "source",
    "message",
    "kind",
)


def headings(text: str) -> list[tuple[int, str]]:
    """(offset, heading) for each heading line: 一、 （一） 1. （1） and markdown #."""
    out: list[tuple[int, str]] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped.startswith("#") or HEADING.match(line):
            name = re.split(r"[。：:]", stripped.lstrip("#").strip(), maxsplit=1)[0]
            out.append((offset, name[:30].strip()))
        offset += len(line)
    return out


class _Locator:
    """Line numbers and nearest headings by character offset in the text read, and its words as given (a part of a
    long text: `base` its offset in the whole text, `lines_before` the lines before it; `sections` at offsets in
    the part)."""

    def __init__(
        self,
        text: str,
        sections: Sequence[tuple[int, str]] | None,
        source_text: Text,
        base: int = 0,
        lines_before: int = 0,
    ) -> None:
        self.source_text = source_text
        self.base = base
        self.lines_before = lines_before
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        marks = sorted(sections) if sections is not None else headings(text)
        self.offsets = [o for o, _ in marks]
        self.names = [n for _, n in marks]

    def line(self, offset: int) -> int:
        return self.lines_before + bisect.bisect_right(self.line_starts, offset)

    def section(self, offset: int) -> str:
        i = bisect.bisect_right(self.offsets, offset) - 1
        return self.names[i] if i >= 0 else ""


def _finding(
    loc: _Locator, f: Figure, status: str, expected: str = "", source: str = "", message: str = ""
) -> Finding:
    start, end = loc.source_text.span(f.start, f.end)  # (Reading.original_span: one call less)
    original = loc.source_text.original
    # positional, in Finding's field order: a finding per figure of the text
    return Finding(
        loc.section(start),
        loc.line(start),
        start + loc.base,
        end + loc.base,
        original[start:end],
        f.value,
        f.unit,
        status,
        expected,
        source,
        message,
    )


def _judge(loc: _Locator, f: Figure, verdict: Verdict | None, link: Any) -> Finding:
    if verdict is not None and verdict.status == "inconsistent":  # a year too (rules.years)
        return _finding(loc, f, "inconsistent", verdict.expected, f"rule:{verdict.rule}", verdict.message)
    if f.ignored:
        return _finding(loc, f, "ignored", message=IGNORED_WHY.get(f.ignored, f.ignored))
    if verdict is not None and verdict.status == "inconsistent":
        return _finding(loc, f, "inconsistent", verdict.expected, f"rule:{verdict.rule}", verdict.message)
    if link is not None and link.status in ("verified", "derived", "ignored"):
        return _finding(loc, f, link.status, link.expected, link.source, link.message)
    if verdict is not None and not (verdict.searched and link is not None and link.status == "mismatch"):
        return _finding(loc, f, "derived", "", verdict.source, verdict.message or "由文中其他数字算出")
    if link is None:
        return _finding(loc, f, "unchecked", message="未提供来源数据：只做了自洽检查 / no metrics given")
    return _finding(loc, f, link.status, link.expected, link.source, link.message)


def check_text(
    text: str,
    source: SourceData | None = None,
    *,
    sections: Sequence[tuple[int, str]] | None = None,
    path: str = "",
) -> CheckReport:
    """Check every figure of `text` against `source` (or against itself only, when `source` is None).

    `sections` optionally gives (offset, heading) pairs when the headings are not part of the text.
    """
    with _collector_paused():
        chunks = parts.cut(text)
        if len(chunks) == 1:
            return _check(text, source, sections, path)
        # a long text: every part told the headings of the whole, each part's findings those it owns; what is read
        # from the whole text (the year it was written, headings alike) found here
        marks = sorted(sections) if sections is not None else headings(text)
        reports, whole = parts.run(
            chunks,
            lambda part: _check_part(text, part, source, marks),
            lambda: _whole_text_claims(text, source, marks),
        )
        found = [f for report in reports for f in report.findings] + whole
        findings = tuple(sorted(found, key=lambda f: f.start))
        return CheckReport(findings=findings, path=path, gaps=sum(report.gaps for report in reports))


def _whole_text_claims(
    text: str, source: SourceData | None, marks: Sequence[tuple[int, str]]
) -> list[Finding]:
    """The findings read from a whole text, not a part: anachronisms (against the year the text was written) and
    headings whose year an alike heading elsewhere prints newer."""
    normal = normalize(text)
    return _text_wide_claims(_Locator(text, marks, normal), text, normal, source)


def _text_wide_claims(loc: _Locator, text: str, normal: Text, source: SourceData | None) -> list[Finding]:
    """The findings that read all of `text`: anachronisms and stale headings."""
    found = [_anachronism_finding(loc, a, year) for a, year in anachronism.find(text, source)]
    return found + [
        _stale_heading_finding(loc, start, end, year) for start, end, year in stale_headings(normal.norm)
    ]


def _check_part(
    text: str, part: parts.Part, source: SourceData | None, marks: Sequence[tuple[int, str]]
) -> CheckReport:
    """The findings part owns, read from its text and margins, at offsets and lines of the whole text."""
    before = [k for k, (offset, _) in enumerate(marks) if offset <= part.start]
    within = marks[before[-1] if before else 0 :]
    sections = [(offset - part.start, name) for offset, name in within if offset < part.end]
    lines_before = text.count("\n", 0, part.start)
    report = _check(text[part.start : part.end], source, sections, "", part, lines_before)
    return replace(report, findings=tuple(f for f in report.findings if part.owns(f.start)))


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector paused while a text is checked. The checker keeps many small objects (figures,
    claims, scores kept per words) until it returns, and every collection walks all of them again: 7–10% of the
    time on one large document, a larger share the larger the document. Collection resumes on return."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _check(
    text: str,
    source: SourceData | None,
    sections: Sequence[tuple[int, str]] | None,
    path: str,
    part: parts.Part | None = None,
    lines_before: int = 0,
) -> CheckReport:
    """The findings of `text` (of `part` of a long text: at the whole text's offsets, gaps counted in what the
    part owns)."""
    normal = normalize(text)
    tables = read_tables(normal.norm, find_figures(normal.norm))
    reading = Reading(normal, tables.figures)
    reading.cells, reading.cell_years = tables.words, tables.years
    reading.cell_ratios, reading.cell_sums = tables.ratios, tables.sums
    reading.cut_at_end = part is not None and part.end > part.own_end  # (a margin: no document ends there)
    read_claims(reading)
    verdicts = run_rules(reading)
    links: dict[int, Any] = link_all(reading, source) if source is not None else {}
    base = part.start if part is not None else 0
    loc = _Locator(text, sections, normal, base, lines_before)
    figures = _repeats(
        reading, [_judge(loc, f, verdicts.get(i), links.get(i)) for i, f in enumerate(reading.figures)]
    )
    claims = [_claim_finding(loc, j) for j in judge_all(reading, source)]
    claims += [_lost_year_finding(loc, start, end) for start, end in lost_years(normal.norm)]
    if part is None:  # (a part's are read from the whole text: _whole_text_claims)
        claims += _text_wide_claims(loc, text, normal, source)
    findings = tuple(sorted(figures + claims, key=lambda f: f.start))
    if part is None:
        return CheckReport(findings=findings, path=path, gaps=count_gaps(normal.norm))
    gaps = [normal.span(*gap.span())[0] + base for gap in GAP.finditer(normal.norm)]
    return CheckReport(findings=findings, path=path, gaps=sum(part.owns(at) for at in gaps))


def _repeats(reading: Reading, findings: list[Finding]) -> list[Finding]:
    """A figure with no source of its own that repeats one the text proves or the data hold, under the same
    name (一般公共预算教育经费64469万元 stated again after the sum of its parts), is that figure again."""
    if not any(found.status == "unsupported" for found in findings):
        return findings  # nothing to prove again (a text checked alone has no unsupported figure)
    # the names of the figures that prove or may be proven: no other figure's is read
    names = [
        name_stem(claims_subject(reading, i))
        if found.status in ("verified", "derived", "unsupported")
        else ""
        for i, found in enumerate(findings)
    ]
    proven: dict[tuple[float, str, str], Finding] = {}
    for found, name in zip(findings, names, strict=True):
        if found.status in ("verified", "derived") and len(name) >= 4:
            proven.setdefault((found.value, found.unit, name), found)
    out = []
    for found, name in zip(findings, names, strict=True):
        twin = proven.get((found.value, found.unit, name)) if found.status == "unsupported" else None
        if twin is not None:
            found = replace(
                found,
                status="derived",
                source=f"text:same({twin.text.strip()}@{twin.line})",
                message=f"与第{twin.line}行的同一数字相同（{twin.message}）",
            )
        out.append(found)
    return out


def _anachronism_finding(loc: _Locator, a: Anachronism, year: int) -> Finding:
    message = f"“{a.term}”始于{a.since}（{a.document}），{year}年写的报告还不能提到它"
    return _words_finding(
        loc, a.start, a.end, "mismatch", f"{a.since}以后才有", f"term:{a.term}@{a.since}", message
    )


def _lost_year_finding(loc: _Locator, start: int, end: int) -> Finding:
    start, end = loc.source_text.span(start, end)
    return _words_finding(
        loc,
        start,
        end,
        "inconsistent",
        "某某年",
        "text:lost_year",
        "“年”前面缺少年份数字（原文可能丢失了），这句话里的数字无法确定是哪一年的",
    )


def _stale_heading_finding(loc: _Locator, start: int, end: int, year: int) -> Finding:
    start, end = loc.source_text.span(start, end)
    said = loc.source_text.original[start:end]
    return _words_finding(
        loc,
        start,
        end,
        "inconsistent",
        f"{year}{said[4:]}",
        "text:stale_heading",
        f"同一标题在文中另一处写作{year}年：“{said}”可能是沿用上年报告没有改",
    )


def _words_finding(
    loc: _Locator, start: int, end: int, status: str, expected: str, source: str, message: str
) -> Finding:
    """A finding on words, not on a figure (a claim, an anachronism, a lost year), at original offsets."""
    return Finding(
        section=loc.section(start),
        line=loc.line(start),
        start=start + loc.base,
        end=end + loc.base,
        text=loc.source_text.original[start:end],
        value=None,
        unit="",
        status=status,
        expected=expected,
        source=source,
        message=message,
        kind="claim",
    )


def _claim_finding(loc: _Locator, judged: Judgement) -> Finding:
    st = judged.statement
    start, end = loc.source_text.span(st.start, st.end)
    original = loc.source_text.original
    if original.count("“", start, end) > original.count("”", start, end) and original.startswith("”", end):
        end += 1  # 实现了教育经费“两个只增不减”: the claim's words with their closing quote
    if judged.holds:
        return _words_finding(loc, start, end, "verified", "", judged.source, f"数据显示：{judged.expected}")
    # (judged by the figures the text states beside it when no metric speaks of it: 初中生均…下降2.7%)
    against = "文中数字" if judged.source.startswith("text:") else "数据"
    message = f"与{against}不符：{judged.expected}"
    return _words_finding(loc, start, end, "mismatch", judged.expected, judged.source, message)


def finding_to_json(f: Finding) -> dict[str, Any]:
    return {key: getattr(f, key) for key in FINDING_KEYS}


def report_to_json(report: CheckReport) -> dict[str, Any]:
    """The check.json shape of DESIGN.md: {"summary": {...}, "findings": [...]}."""
    return {"summary": report.summary, "findings": [finding_to_json(f) for f in report.findings]}
