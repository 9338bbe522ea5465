"""Years and claims of a carried text: a year moves on where a carried figure of its sentence is stated for it (or
it is the year the figure's paragraph states before it, not a 比2019年 comparison); last year's own years elsewhere,
and claims of growth (只增不减 …) in a paragraph where a figure now falls, go to the review list."""

from __future__ import annotations

import re

from drafter.carry.edits import Edit, NewFigure
from drafter.carry.linker import LinkedFigure
from drafter.core.cn_dates import CN_YEAR, cn_number
from drafter.core.types import SourceData

YEAR_DIGITS = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
SENTENCE_END = re.compile(r"[。！？；;!?\n]")  # half-width too: scraped reports use both
DOWN_WORDS = frozenset({"下降", "减少", "降低", "回落", "降幅", "低于"})
LAST_YEARS_WORK = "去年报告中的年份：这句写的可能是去年的工作 / last year's year"


def year_edits(
    text: str,
    figures: tuple[LinkedFigure, ...],
    carried: list[tuple[LinkedFigure, NewFigure]],
    new: SourceData,
    shift: int,
) -> list[Edit]:
    """Years moved on where carried figures are stated for them; last year's own years elsewhere for review."""
    years = [f for f in figures if f.ignored == "year" and YEAR_DIGITS.match(f.text)]
    moved = {y.start: _shifted(y, shift) for f, found in carried for y in _years_of(text, years, f, found)}
    moved |= {
        y.start: _shifted(y, shift, LEAD_IN_MOVED) for y in _lead_in_years(text, years, figures, new, shift)
    }
    review = {new.report.period - 1, new.report.period}
    flagged = [
        Edit(y.start, y.end, y.text, y.text, "kept-for-review", "year", reason=LAST_YEARS_WORK)
        for y in years
        if y.start not in moved and int(y.text[:4]) in review
    ]
    return list(moved.values()) + flagged + _spelled_years(text, figures, review)


def _spelled_years(text: str, figures: tuple[LinkedFigure, ...], review: set[int]) -> list[Edit]:
    """Last year's years in Chinese numerals (二〇二一年，市委…), which the checker does not read as years: for
    review, never silently kept as if they were this year's."""
    taken = [(f.start, f.end) for f in figures if not f.ignored]  # 二〇二一年 holds the word 一年
    return [
        Edit(m.start(), m.end(), m[0], m[0], "kept-for-review", "year", reason=LAST_YEARS_WORK)
        for m in CN_YEAR.finditer(text)
        if cn_number(m[0]) in review
        and not any(s < m.end() and m.start() < e for s, e in taken)
        and text.rfind("《", 0, m.start()) <= text.rfind("》", 0, m.start())  # not in a document's name
    ]


CLAIMS = re.compile(r"只增不减|逐年增加|逐年提高|持续增长|稳步增长|稳步提高|均有增长|全部增长")


def claim_edits(text: str, edits: list[Edit]) -> list[Edit]:
    """A claim of growth (只增不减, 逐年增加 …) in a paragraph where a carried figure now falls: for review.
    (Judging such claims against the data is the checker's claim reading; this only keeps them from passing.)"""
    falls = [e.start for e in edits if e.kind == "word" and e.new in DOWN_WORDS]
    out = []
    for m in CLAIMS.finditer(text):
        start, end = text.rfind("\n", 0, m.start()) + 1, text.find("\n", m.end())
        end = len(text) if end < 0 else end
        if any(start <= at < end for at in falls):
            out.append(
                Edit(
                    m.start(),
                    m.end(),
                    m[0],
                    m[0],
                    "kept-for-review",
                    "claim",
                    reason="新数据中有下降：这一判断可能不再成立 / a figure now falls",
                )
            )
    return out


def _years_of(text: str, years: list[LinkedFigure], f: LinkedFigure, found: NewFigure) -> list[LinkedFigure]:
    """The years carried figure f is stated for: in its sentence, its years and the one it is compared with;
    before its sentence, the year its paragraph states for it."""
    if not found.old_years:
        return []
    sentence, stated = _sentence(text, f.start), _stated(text, years, f)
    lo, hi = min(found.old_years) - 1, max(found.old_years)
    return [
        y
        for y in years
        if (sentence[0] <= y.start < sentence[1] and lo <= int(y.text[:4]) <= hi)
        or (y is stated and int(y.text[:4]) in found.old_years)
    ]


def _shifted(y: LinkedFigure, shift: int, reason: str = "年份随数据顺延") -> Edit:
    new_text = str(int(y.text[:4]) + shift) + y.text[4:]
    return Edit(y.start, y.end, y.text, new_text, "updated", "year", reason=reason)


# a sentence that says what the report is about and leads into what follows (2020年我市履行教育职责的主要情况如下：
# / 从2020年的数据看，以下方面成效较为明显：): its years are the report's period and its comparison year
LEAD_IN = re.compile(r"如下|(?:从|由|就)[^，。；：:]{0,16}看")
LEAD_IN_MOVED = "报告所述年度顺延 / the report's own period moves on"


def _lead_in_years(
    text: str, years: list[LinkedFigure], figures: tuple[LinkedFigure, ...], new: SourceData, shift: int
) -> list[LinkedFigure]:
    """Last year's period (and the year it was compared with) in a lead-in sentence with no figure of its own:
    the sentence speaks of the report, so its years move on with the report."""
    period = new.report.period - shift
    out = []
    for y in years:
        if int(y.text[:4]) not in (period - 1, period):
            continue
        start, end = _sentence(text, y.start)
        if not LEAD_IN.search(text[start:end].rstrip()):
            continue
        if not any(start <= f.start < end and not f.ignored for f in figures):
            out.append(y)
    return out


def _stated(text: str, years: list[LinkedFigure], f: LinkedFigure) -> LinkedFigure | None:
    """The year a figure's paragraph states before it (not a 比2019年 comparison)."""
    para_start = text.rfind("\n", 0, f.start) + 1
    before = [
        y
        for y in years
        if para_start <= y.start < f.start
        and not re.search(r"[比较与同]\s*$", text[max(0, y.start - 2) : y.start])
    ]
    return before[-1] if before else None


def _sentence(text: str, offset: int) -> tuple[int, int]:
    start = max((m.end() for m in SENTENCE_END.finditer(text, 0, offset)), default=0)
    end = SENTENCE_END.search(text, offset)
    return start, end.start() if end else len(text)
