"""Parallel yearly lists of a paragraph, read place by place.

"2002-2004年的教育经费支出总额分别为13595万元、13563万元、16620万元，…拨款三年分别为8820万元、9137万元、
10199万元，预算内教育经费拨款占教育经费支出的比例分别为65%、67%、63%": the k-th share is the k-th part over the
k-th whole (10199/16620 = 61.4%, not 63%).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafter.checker.reading import Reading, amount
from drafter.checker.rules.base import Verdict, interval, judged, operands, ratio
from drafter.figures.numbers import same_family

NAME = "parallel_series"
SHARE_NAMED = re.compile(r"([\u4e00-\u9fff]{2,16}?)占([\u4e00-\u9fff]{2,16}?)的?(?:比例|比重)")
YEARS_SPAN = re.compile(r"(\d{4})\s*[-—–~至到]\s*(\d{4})年")
YEARS_COUNTED = re.compile(r"([两二三四五六七八九])年")
YEAR_COUNTS = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def check(reading: Reading) -> Iterator[Verdict]:
    for c in reading.claims.values():
        run = reading.run_of(c.index)
        if c.index != run[0] or len(run) < 2 or not _yearly(reading, c.index, len(run)):
            continue
        if c.kind == "share":
            yield from _shares(reading, run)


def _yearly(reading: Reading, i: int, n: int) -> bool:
    """The sentence (or its paragraph before it) counts n years: 2002-2004年 / 三年."""
    f = reading.figures[i]
    before = reading.text[reading.paragraph(f.start)[0] : f.start]
    spans = [int(b) - int(a) + 1 for a, b in YEARS_SPAN.findall(before)]
    counted = [YEAR_COUNTS[m] for m in YEARS_COUNTED.findall(before)]
    return n in spans + counted


def _lists_before(reading: Reading, run: list[int]) -> list[list[int]]:
    """The other lists of as many values in the paragraph before `run`, each from its first figure."""
    found: list[list[int]] = []
    start = reading.figures[run[0]].start
    for j in reading.between(reading.paragraph(start)[0], start):
        other = reading.run_of(j)
        if j == other[0] and len(other) == len(run) and reading.claims[j].kind == "value":
            found.append(other)
    return found


def _subject(reading: Reading, j: int) -> str:
    return reading.claims[j].subject or reading.lead(j)


def _shares(reading: Reading, run: list[int]) -> Iterator[Verdict]:
    m = SHARE_NAMED.search(_subject(reading, run[0]))
    if m is None:
        return
    lists = _lists_before(reading, run)
    parts = [ls for ls in lists if m.group(1) in _subject(reading, ls[0])]
    if len(parts) != 1:
        return
    wholes = [
        ls
        for ls in lists
        if m.group(2) in _subject(reading, ls[0]) and ls != parts[0] and _each_larger(reading, ls, parts[0])
    ]
    if len(wholes) != 1:
        return
    for i, part, whole in zip(run, parts[0], wholes[0], strict=True):
        p, w = reading.figures[part], reading.figures[whole]
        exact = ratio(interval(p), interval(w))
        if exact is not None:
            source = f"text:share({operands(reading, (part, whole))})"
            says = f"{p.text.strip()}÷{w.text.strip()}"
            yield judged(i, NAME, (exact[0] * 100, exact[1] * 100), reading.figures[i], source, says)


def _each_larger(reading: Reading, wholes: list[int], parts: list[int]) -> bool:
    pairs = [(reading.figures[w], reading.figures[p]) for w, p in zip(wholes, parts, strict=True)]
    return all(same_family(w.unit, p.unit) and w.unit != "%" and amount(w) > amount(p) for w, p in pairs)
