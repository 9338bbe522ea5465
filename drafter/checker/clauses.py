"""The checked text as the rules and the linker read it: sentences, clauses, lists and years around a figure.

`Doc` holds a text, its figures and their sentence/paragraph/article bounds; the functions below read the
structures built on them (the values a change refers to, a total's “其中” list, a run of listed figures,
the year a figure is stated for). `Issue` is what a self-consistency rule reports on one figure.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property

from drafter.core.types import Figure, Metric
from drafter.figures.numbers import format_figure, same_family, to_base

CHANGE_VERB = re.compile(
    r"(增长|增加|提高|提升|上升|下降|减少|降低|回落|减少了|增长率|降幅|增幅)(?:了|为|达到|达)?\s*$"
)
DOWN_WORDS = ("下降", "减少", "降低", "回落", "降幅")
ARTICLE = re.compile(r"(?m)^\s*第[一二三四五六七八九十]+篇")
SENTENCE_END = re.compile(r"[。！？；\n]")
COMPARE_YEAR = re.compile(r"(?:比|较|与|同)\s*$")
LIST_SEP = re.compile(r"\s*[、和及与]\s*")


@dataclass(frozen=True)
class Issue:
    index: int  # into Doc.figures
    expected: str
    message: str
    rule: str


class Doc:
    """A text, its figures and its sentence/paragraph/article bounds."""

    def __init__(self, text: str, figures: tuple[Figure, ...]) -> None:
        self.text = text
        self.figures = figures
        self.active = [i for i, f in enumerate(figures) if not f.ignored]
        self._pos = {i: k for k, i in enumerate(self.active)}
        self._sent_ends = [m.start() for m in SENTENCE_END.finditer(text)]

    def position(self, i: int) -> int:
        """Index of active figure i in `active`."""
        return self._pos[i]

    def sentence(self, offset: int) -> tuple[int, int]:
        i = bisect.bisect_left(self._sent_ends, offset)
        start = self._sent_ends[i - 1] + 1 if i > 0 else 0
        end = self._sent_ends[i] if i < len(self._sent_ends) else len(self.text)
        return start, end

    def paragraph(self, offset: int) -> tuple[int, int]:
        start = self.text.rfind("\n", 0, offset) + 1
        end = self.text.find("\n", offset)
        return start, (len(self.text) if end < 0 else end)

    @cached_property
    def articles(self) -> list[int]:
        return [0] + [m.start() for m in ARTICLE.finditer(self.text)]

    def article(self, offset: int) -> int:
        return bisect.bisect_right(self.articles, offset) - 1

    def in_sentence(self, i: int, before: bool = True) -> list[int]:
        """Active figure indexes in the sentence of figure i, before (or after) it."""
        s, e = self.sentence(self.figures[i].start)
        pos = self._pos[i] if i in self._pos else bisect.bisect_left(self.active, i)
        if before:
            lo = pos
            while lo > 0 and self.figures[self.active[lo - 1]].start >= s:
                lo -= 1
            return self.active[lo:pos]
        hi = pos + 1
        while hi < len(self.active) and self.figures[self.active[hi]].end <= e:
            hi += 1
        return self.active[pos + 1 : hi]

    def lead(self, i: int) -> str:
        """Text between the previous active figure (or the sentence start) and figure i."""
        f = self.figures[i]
        s, _ = self.sentence(f.start)
        prev = self.in_sentence(i)
        return self.text[max(s, self.figures[prev[-1]].end if prev else s) : f.start]

    def is_change(self, i: int) -> bool:
        return bool(CHANGE_VERB.search(self.lead(i)[-12:]))

    def goes_down(self, i: int) -> bool:
        """The words right before change figure i say it fell (下降, 减少 …)."""
        return any(w in self.lead(i)[-8:] for w in DOWN_WORDS)


def show(f: Figure, value: float, unit: str | None = None) -> str:
    return format_figure(value, unit if unit is not None else f.unit, f.decimals)


def amount(f: Figure) -> float:
    """The figure in its unit family's base unit (亿元 → 元, 万人 → 人)."""
    return to_base(f.value, f.unit)[0]


def _values(doc: Doc, idxs: list[int], unit: str) -> list[Figure]:
    return [doc.figures[j] for j in idxs if same_family(doc.figures[j].unit, unit) and not doc.is_change(j)]


def series(doc: Doc, i: int) -> list[Figure]:
    """The values a change figure refers to: year-tagged values, a 分别为 list, or 由A…到B."""
    f = doc.figures[i]
    prev = doc.in_sentence(i)
    unit = "%" if f.unit == "个百分点" else f.unit
    if f.unit == "%" and prev and doc.figures[prev[-1]].unit != "%":
        unit = doc.figures[prev[-1]].unit
    vals = [v for v in _values(doc, prev, unit) if v.unit != "%" or unit == "%"]
    if len(vals) < 2:
        return []
    s, _ = doc.sentence(f.start)
    head = doc.text[s : vals[0].start]
    between = [doc.text[a.end : b.start] for a, b in zip(vals, vals[1:], strict=False)]
    if "分别为" in head[-12:] and all(len(b.strip(" 、和")) == 0 for b in between):
        return vals
    if all(re.search(r"\d{4}\s?年", b) for b in between) and re.search(r"\d{4}\s?年", head):
        return vals[-2:]
    if re.search(r"[由从][^，。；]{0,20}$", head) and re.search(r"(?:到|至)[^，。；]{0,10}$", between[-1]):
        return vals[-2:]
    return []


def parts_after(doc: Doc, i: int) -> list[Figure]:
    """Figures listed after “其中” that follow total i in its sentence (same unit family, no % or changes)."""
    f = doc.figures[i]
    after = doc.in_sentence(i, before=False)
    _, e = doc.sentence(f.start)
    stop = next((doc.figures[j].start for j in after if doc.figures[j].unit == "%"), e)
    tail = doc.text[f.end : stop]
    if not re.match(r"\s*[，,（(]?\s*其中", tail):
        return []
    if re.match(r"\s*[（(]", tail) and re.search(r"[)）]", tail):
        stop = f.end + re.search(r"[)）]", tail).start()
    return [
        doc.figures[j]
        for j in after
        if doc.figures[j].end <= stop and same_family(doc.figures[j].unit, f.unit) and not doc.is_change(j)
    ]


def run_of(doc: Doc, i: int) -> list[int]:
    """The figures listed with i: same unit, separated only by 、/和/及 (6.00%、7.14%、5.59%和9.69%)."""
    act, unit = doc.active, doc.figures[i].unit

    def joined(k: int) -> bool:  # active figures k and k+1 are neighbours of one list
        a, b = doc.figures[act[k]], doc.figures[act[k + 1]]
        return a.unit == unit and b.unit == unit and bool(LIST_SEP.fullmatch(doc.text[a.end : b.start]))

    lo = hi = doc.position(i)
    while lo > 0 and joined(lo - 1):
        lo -= 1
    while hi + 1 < len(act) and joined(hi):
        hi += 1
    return act[lo : hi + 1]


def stated_year(doc: Doc, i: int) -> int | None:
    """The year mentioned before the figure in its paragraph, skipping comparison years (比2019年)."""
    f = doc.figures[i]
    ps, _ = doc.paragraph(f.start)
    for j in range(i - 1, -1, -1):
        g = doc.figures[j]
        if g.start < ps:
            break
        if g.ignored == "year" and not COMPARE_YEAR.search(doc.text[max(0, g.start - 3) : g.start]):
            return int(g.value)
    return None


def compare_year(between: str, m: Metric, y1: int) -> int | None:
    """The year a change is measured from: the one named (比2019年) or the metric's year before y1."""
    stated = [int(y) for y in re.findall(r"(\d{4})\s*年", between) if int(y) != y1]
    if stated:  # 比2019年: that year, or nothing to compare with when the metrics lack it
        return stated[-1] if stated[-1] in m.values else None
    earlier = [y for y in m.values if y < y1]
    return max(earlier) if earlier else None
