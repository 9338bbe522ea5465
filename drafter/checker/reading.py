"""The checked text as the claim reader, the rules and the linker see it: figures, sentences, paragraphs.

`Reading` holds the normalised text (checker.text), every number found in it and the sentence/paragraph/
article bounds; `read_claims` (checker.claims) adds one Claim per figure that is not ignored. Offsets here
are offsets of the normalised text; `Reading.original_span` maps them back for the findings.
"""

from __future__ import annotations

import bisect
import re
from functools import cached_property

from drafter.checker.text import Text
from drafter.checker.words import COMPARE_TAIL, DOCUMENT_TITLE, SENTENCE_END
from drafter.core.types import Figure, Metric
from drafter.figures.numbers import ASIDE, ASIDE_LONGEST, format_figure, to_base

ARTICLE = re.compile(r"(?m)^\s*第[一二三四五六七八九十]+篇")
STATEMENT_END = re.compile(r"[。！？\n]")
# a listed change may carry its own word when the list goes both ways: 分别增长12.63%、下降2.25%和增长12.83%
_OWN_WORD = r"(?:增长|增加|提高|提升|上升|下降|减少|降低|回落|下滑)?了?"
LIST_SEP = re.compile(rf"[、和及与]{_OWN_WORD}")
CLAUSE_BREAK = re.compile(r"[，,：:；;]")  # the marks between a figure's own clause and the words before it
FROM_YEAR = re.compile(r"(?:由|从)\d{4}")  # 由2016年的12.7%下降到3.98%: 2016 is the base's year only
LIST_SEP_AFTER_EACH = re.compile(rf"[、，和及与]{_OWN_WORD}")  # 分别提高到650元，850元和1000元
LIST_SEP_LONGEST = 4  # a separator and a two-character change word and 了: 、增长了
SECTION_HEAD = re.compile(
    r"——\s*([^\d。，；：\n]{1,8})。"  # ——小学。 inside a line
    r"|^[ \t#]*(?:[一二三四五六七八九十]+\s?[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d{1,2}\s?[.、．](?!\d))?"
    r"\s*([^\d。，；：:\n]{1,12})\s*$",  # a heading line: 二、义务教育 / （一）小学
    re.M,
)


class Reading:
    """A text, its figures and its sentence/paragraph/article bounds (claims are added by read_claims)."""

    def __init__(self, text: Text, figures: tuple[Figure, ...]) -> None:
        self.source_text = text
        self.text = text.norm
        self.figures = figures
        self.active = [i for i, f in enumerate(figures) if not f.ignored]
        self._pos = {i: k for k, i in enumerate(self.active)}
        self._sent_ends = [m.start() for m in SENTENCE_END.finditer(self.text)]
        self._starts = [figures[i].start for i in self.active]
        self._sentences: dict[int, tuple[int, int]] = {}
        self._leads: dict[int, str] = {}
        self._next: dict[int, int | None] = {}  # an active figure -> the next one of its sentence
        self._lay_out()
        self._clauses: dict[int, str] = {}
        self._tails: dict[int, str] = {}
        self._around: dict[tuple[int, bool], list[int]] = {}
        self._years: dict[int, int | None] = {}
        self._runs: dict[int, list[int]] = {}
        self.claims: dict = {}  # figure index -> Claim, filled by checker.claims.read_claims
        self.total_of: dict[int, int] = {}  # a listed part -> its total (filled by read_claims)
        self.changes_of: dict[int, list[int]] = {}  # a value -> the changes stated of it
        self.cells: dict[int, str] = {}  # a figure in a table cell -> its row label and column heading
        self.cell_years: dict[int, int] = {}  # a figure in a table cell under a year heading -> that year
        # a table's 生师比 cell and the two cells it divides; a 合计 cell and the cells of its column it adds up
        self.cell_ratios: tuple[tuple[int, int, int], ...] = ()
        self.cell_sums: tuple[tuple[int, tuple[int, ...]], ...] = ()
        # the text is a part of a longer one cut inside a document (checker.parts): what follows its end is unread
        self.cut_at_end = False

    def _lay_out(self) -> None:
        """Each active figure's sentence, its lead and the next figure of its sentence, found in one pass over the
        figures and the sentence ends in text order: every figure's are asked for, most of them many times (a
        bisection and a look-up per figure and question, before)."""
        ends, text, figures = self._sent_ends, self.text, self.figures
        k, prev_end, prev_sentence = 0, -1, (-1, -1)
        for pos, i in enumerate(self.active):
            f = figures[i]
            while k < len(ends) and ends[k] < f.start:
                k += 1  # (as bisect_left: the first sentence end at or after the figure's start)
            sentence = self._sentences[f.start] = (
                (ends[k - 1] + 1 if k else 0),
                (ends[k] if k < len(ends) else len(text)),
            )
            s = sentence[0]
            self._leads[i] = text[max(s, prev_end) if sentence == prev_sentence else s : f.start]
            nxt = self.active[pos + 1] if pos + 1 < len(self.active) else None
            self._next[i] = nxt if nxt is not None and figures[nxt].end <= sentence[1] else None
            prev_end, prev_sentence = f.end, sentence

    def original_span(self, f: Figure) -> tuple[int, int]:
        return self.source_text.span(f.start, f.end)

    def position(self, i: int) -> int:
        """Index of active figure i in `active`."""
        return self._pos[i]

    def sentence(self, offset: int) -> tuple[int, int]:
        """(start, end) of the sentence holding `offset`, kept per offset: a figure's is asked for ten times."""
        found = self._sentences.get(offset)
        if found is None:
            i = bisect.bisect_left(self._sent_ends, offset)
            start = self._sent_ends[i - 1] + 1 if i > 0 else 0
            end = self._sent_ends[i] if i < len(self._sent_ends) else len(self.text)
            found = self._sentences[offset] = start, end
        return found

    def context_start(self, offset: int) -> int:
        """Where the statement holding `offset` begins: the last 。！？ or line break (a ； keeps the context)."""
        k = bisect.bisect_left(self._statement_ends, offset)
        return self._statement_ends[k - 1] + 1 if k else 0

    @cached_property
    def _statement_ends(self) -> list[int]:
        return [m.start() for m in STATEMENT_END.finditer(self.text)]

    def paragraph(self, offset: int) -> tuple[int, int]:
        start = self.text.rfind("\n", 0, offset) + 1
        end = self.text.find("\n", offset)
        return start, (len(self.text) if end < 0 else end)

    @cached_property
    def section_heads(self) -> tuple[list[int], list[str]]:
        """Where each section heading ends (——小学。, 二、义务教育), and its words; kept with the text it was read
        from (a cache keyed by the text would compare a whole equal text on every look-up)."""
        heads = [(m.end(), m.group(1) or m.group(2) or "") for m in SECTION_HEAD.finditer(self.text)]
        return [end for end, _ in heads], [words for _, words in heads]

    @cached_property
    def articles(self) -> list[int]:
        return document_starts(self.text)

    def article(self, offset: int) -> int:
        return bisect.bisect_right(self.articles, offset) - 1

    def in_sentence(self, i: int, before: bool = True) -> list[int]:
        """Active figure indexes in the sentence of figure i, before (or after) it."""
        key = (i, before)
        found = self._around.get(key)
        if found is None:
            found = self._around[key] = self._in_sentence(i, before)
        return found

    def _in_sentence(self, i: int, before: bool) -> list[int]:
        s, e = self.sentence(self.figures[i].start)
        pos = self._pos[i] if i in self._pos else bisect.bisect_left(self.active, i)
        if before:  # the active figures start in text order: the first of the sentence is found by bisection
            return self.active[bisect.bisect_left(self._starts, s, 0, pos) : pos]
        hi = pos + 1
        while hi < len(self.active) and self.figures[self.active[hi]].end <= e:
            hi += 1
        return self.active[pos + 1 : hi]

    def next_in_sentence(self, i: int) -> int | None:
        """The first of `in_sentence(i, before=False)`, without listing the rest of the sentence."""
        if i in self._next:
            return self._next[i]  # (every active figure's, laid out once)
        _, e = self.sentence(self.figures[i].start)
        pos = self._pos[i] if i in self._pos else bisect.bisect_left(self.active, i)  # as _in_sentence
        if pos + 1 < len(self.active) and self.figures[self.active[pos + 1]].end <= e:
            return self.active[pos + 1]
        return None

    def lead(self, i: int) -> str:
        """Text between the previous active figure (or the sentence start) and figure i."""
        found = self._leads.get(i)  # asked for some fifteen times per figure: one look-up when kept
        if found is not None:
            return found
        f = self.figures[i]
        s, _ = self.sentence(f.start)
        pos = self._pos[i] if i in self._pos else bisect.bisect_left(self.active, i)  # as _in_sentence
        # the last of in_sentence(i), without listing them: the active figure before i, if in its sentence
        prev = self.active[pos - 1] if pos > 0 and self._starts[pos - 1] >= s else None
        found = self._leads[i] = self.text[
            max(s, self.figures[prev].end if prev is not None else s) : f.start
        ]
        return found

    def clause(self, i: int) -> str:
        """The words of figure i's own clause: its lead after the last comma or colon (教育经费总投入为 of
        …，教育经费总投入为X亿元)."""
        found = self._clauses.get(i)
        if found is None:
            found = self._clauses[i] = CLAUSE_BREAK.split(self.lead(i))[-1]
        return found

    @cached_property
    def _all_starts(self) -> list[int]:
        return [f.start for f in self.figures]  # figures are in text order

    def figures_in(self, start: int, end: int) -> tuple[Figure, ...]:
        """Every figure that starts in [start, end), ignored ones too (做到“不低于4%”: a quoted 4%)."""
        lo, hi = bisect.bisect_left(self._all_starts, start), bisect.bisect_left(self._all_starts, end)
        return self.figures[lo:hi]

    def with_unit(self, unit: str) -> list[int]:
        """The active figures printed in `unit`, in text order: a rule that reads one unit only (%, 个百分点, 元)
        walks these, not every figure (the figures are grouped by unit once)."""
        return self._by_unit.get(unit, [])

    @cached_property
    def _by_unit(self) -> dict[str, list[int]]:
        grouped: dict[str, list[int]] = {}
        for i in self.active:
            grouped.setdefault(self.figures[i].unit, []).append(i)
        return grouped

    def between(self, start: int, end: int) -> list[int]:
        """The active figures that start in [start, end)."""
        lo, hi = bisect.bisect_left(self._starts, start), bisect.bisect_left(self._starts, end)
        return self.active[lo:hi]

    def tail(self, i: int) -> str:
        """Text between figure i and the next active figure (or the sentence end)."""
        found = self._tails.get(i)
        if found is None:
            found = self._tails[i] = self._tail(i)
        return found

    def _tail(self, i: int) -> str:
        f = self.figures[i]
        _, e = self.sentence(f.start)
        nxt = self.next_in_sentence(i)
        return self.text[f.end : min(e, self.figures[nxt].start) if nxt is not None else e]

    def is_change(self, i: int) -> bool:
        claim = self.claims.get(i)
        return claim is not None and claim.kind == "change"

    def goes_down(self, i: int) -> bool:
        claim = self.claims.get(i)
        return claim is not None and claim.direction < 0

    def run_of(self, i: int) -> list[int]:
        """The figures listed with i: same unit, separated only by 、/和/及 (6.00%、7.14%、5.59%和9.69%)."""
        found = self._runs.get(i)
        if found is None:
            found = self._runs[i] = self._run_of(i)
        return found

    def _run_of(self, i: int) -> list[int]:
        act, unit = self.active, self.figures[i].unit
        pos = self.position(i)
        after, before = self._past_asides
        near = self._close_pairs
        if not (pos - 1 in near or pos in near or pos in after or pos in before):
            return act[pos : pos + 1]  # most figures: no neighbour of its unit a separator away

        s, _ = self.sentence(self.figures[i].start)
        sep = LIST_SEP_AFTER_EACH if self.text.find("分别", s, self.figures[i].start) >= 0 else LIST_SEP

        def joined(k: int, n: int) -> bool:
            a, b = self.figures[act[k]], self.figures[act[n]]
            between = ASIDE.sub("", self.text[a.end : b.start]) if k in after else self.text[a.end : b.start]
            return a.unit == unit and b.unit == unit and bool(sep.fullmatch(between))

        run = [pos]
        while (k := before.get(run[0], run[0] - 1)) >= 0 and joined(k, run[0]):
            run.insert(0, k)
        while (n := after.get(run[-1], run[-1] + 1)) < len(act) and joined(run[-1], n):
            run.append(n)
        return [act[k] for k in run]

    @cached_property
    def _past_asides(self) -> tuple[dict[int, int], dict[int, int]]:
        """A listed figure with an aside in brackets right after it (提高4.35（2020年为87.6%，2024年为91.95%）、
        1.23、…): its position → the position of the first figure past the aside, and back."""
        after: dict[int, int] = {}
        for k, i in enumerate(self.active):
            end = self.figures[i].end
            if not self.text.startswith("（", end):
                continue
            close = self.text.find("）", end, end + ASIDE_LONGEST)
            n = bisect.bisect_left(self._starts, close + 1) if close >= 0 else len(self.active)
            if close >= 0 and n > k + 1 and n < len(self.active):
                after[k] = n
        return after, {n: k for k, n in after.items()}

    @cached_property
    def _close_pairs(self) -> frozenset[int]:
        """The positions k whose active figures k and k+1 are of one unit and no more apart than the longest
        list separator (、增长了): the only neighbours a run may join, found once for the whole text."""
        pairs = zip(self.active[:-1], self.active[1:], strict=True)
        return frozenset(
            k
            for k, (i, j) in enumerate(pairs)
            if self.figures[i].unit == self.figures[j].unit
            and self.figures[j].start - self.figures[i].end <= LIST_SEP_LONGEST
        )

    def stated_year(self, i: int) -> int | None:
        """The year mentioned before figure i in its paragraph, skipping comparison years (比2019年)."""
        if i not in self._years:
            self._years[i] = self.cell_years.get(i) or self._stated_year(i)
        return self._years[i]

    def _stated_year(self, i: int) -> int | None:
        f = self.figures[i]
        ps = self.text.rfind("\n", 0, f.start) + 1  # the paragraph's start (its end is not looked for)
        for j in range(i - 1, -1, -1):
            g = self.figures[j]
            if g.start < ps:
                break
            if g.ignored != "year":
                if j in self._years:  # its own look back goes on from here, in this paragraph
                    return self._years[j]
                continue
            before = self.text[max(0, g.start - 4) : g.end + 1]
            if not COMPARE_TAIL.search(before) and not FROM_YEAR.search(before):
                return self._school_year(g)
        return None

    def _school_year(self, g: Figure) -> int:
        """The year figure g names: of 2016-2017学年, the school year's first calendar year."""
        if SCHOOL_YEAR_END.match(self.text, g.end):
            first = SCHOOL_YEAR_START.search(self.text, max(0, g.start - 8), g.start)
            if first is not None:
                return int(first.group(1))
        return int(g.value)


SCHOOL_YEAR_END = re.compile(r"\s?学年")
SCHOOL_YEAR_START = re.compile(r"((?:19|20)\d{2})\s?[-—–/／~至]\s?$")  # 2016-2017学年: before the 2017


def show(f: Figure, value: float, unit: str | None = None) -> str:
    return format_figure(value, unit if unit is not None else f.unit, f.decimals)


def amount(f: Figure) -> float:
    """The figure in its unit family's base unit (亿元 → 元, 万人 → 人)."""
    return to_base(f.value, f.unit)[0]


def document_starts(text: str) -> list[int]:
    """Where each document of a text begins: 0, 第二篇, and each title line (…自评报告, …统计公告) after a sentence
    was said (a report's own title opens it, below its 文号 and 签发人 at most)."""
    found = {m.start() for m in ARTICLE.finditer(text)}
    said = text.find("。")
    if said >= 0:
        found |= {m.start() for m in DOCUMENT_TITLE.finditer(text, said)}
    return [0, *sorted(found - {0})]


def compare_year(between: str, m: Metric, y1: int) -> int | None:
    """The year a change is measured from: the one named (比2019年) or the metric's year before y1."""
    stated = [int(y) for y in re.findall(r"(\d{4})\s*年", between) if int(y) != y1]
    if stated:  # 比2019年: that year, or nothing to compare with when the metrics lack it
        return stated[-1] if stated[-1] in m.values else None
    earlier = [y for y in m.values if y < y1]
    return max(earlier) if earlier else None
