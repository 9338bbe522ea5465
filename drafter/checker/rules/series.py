"""Parallel yearly lists of a paragraph, read place by place.

"2002-2004年的教育经费支出总额分别为13595万元、13563万元、16620万元，…拨款三年分别为8820万元、9137万元、
10199万元，预算内教育经费拨款占教育经费支出的比例分别为65%、67%、63%，分别比上年增长3%、4%、8%": the k-th
share is the k-th part over the k-th whole (10199/16620 = 61.4%, not 63%). The changes are no moves of the
ratio (65%→67% is 2 points or 3.1%, not 4%) but the growth of a list of amounts beside it (9137/8820 = +3.6%):
proven once at one place, that list judges the others (10199/9137 = +11.6%, not 8%); the first has no base.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafter.checker.claims import Claim
from drafter.checker.reading import Reading, amount
from drafter.checker.rules.base import (
    Verdict,
    growth,
    interval,
    judged,
    meets,
    minus,
    operands,
    ratio,
    signed_shown,
)
from drafter.figures.numbers import same_family

NAME = "parallel_series"
SHARE_NAMED = re.compile(r"([\u4e00-\u9fff]{2,16}?)占([\u4e00-\u9fff]{2,16}?)的?(?:比例|比重)")
YEARS_SPAN = re.compile(r"(\d{4})\s*[-—–~至到]\s*(\d{4})年")
YEARS_COUNTED = re.compile(r"([两二三四五六七八九])年")
YEAR_COUNTS = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def check(reading: Reading) -> Iterator[Verdict]:
    for c in reading.claims.values():
        if c.kind != "share" and (c.kind != "change" or reading.figures[c.index].unit != "%"):
            continue  # the only lists read place by place (asked first: most figures stop here)
        run = reading.run_of(c.index)
        if c.index != run[0] or len(run) < 2 or not _yearly(reading, c.index, len(run)):
            continue
        if c.kind == "share":
            yield from _shares(reading, run)
        elif c.kind == "change" and reading.figures[c.index].unit == "%":
            yield from _growths(reading, run)


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


def _growths(reading: Reading, run: list[int]) -> Iterator[Verdict]:
    """Changes listed against a list of amounts of the paragraph: judged when one place proves the list."""
    values = _amounts_grown(reading, run)
    for k in range(1, len(run)) if values else ():
        m = _move(reading, values, k)
        if m is not None:
            f = reading.figures[run[k]]
            new, old = (reading.figures[j].text.strip() for j in (values[k], values[k - 1]))
            source = f"text:growth({new},{old})"
            printed = _stated(reading, reading.claims[run[k]])
            yield judged(run[k], NAME, m, f, source, f"{new}÷{old}−1", printed=printed)


def _amounts_grown(reading: Reading, run: list[int]) -> list[int]:
    """The one list of amounts before the listed changes `run` whose growth one of them gives, else []."""
    found = []
    for values in _lists_before(reading, run):
        moves = [_move(reading, values, k) for k in range(1, len(run))]
        said = [_stated(reading, reading.claims[i]) for i in run[1:]]
        if any(m is not None and meets(m, s) for m, s in zip(moves, said, strict=True)):
            found.append(values)
    return found[0] if len(found) == 1 else []


def _move(reading: Reading, values: list[int], k: int) -> tuple[float, float] | None:
    new, old = reading.figures[values[k]], reading.figures[values[k - 1]]
    return None if new.unit == "%" else growth(interval(new), interval(old))


def _stated(reading: Reading, c: Claim) -> tuple[float, float]:
    return signed_shown(reading.figures[c.index], c)


def no_move_of_its_rates(reading: Reading, c: Claim) -> bool:
    """A listed change of a listed yearly rate that the rates disprove at one place and a list of amounts
    proves at another: 65%、67%、63% … 分别比上年增长3%、4%、8% (63% after 67% is a fall, not +8%; 9137/8820 is
    +3.6%): the changes are the amounts' growth, not the rates' moves."""
    run = reading.run_of(c.index)
    owns = [reading.claims[i].own for i in run]
    if len(run) < 2 or owns[0] is None or owns != reading.run_of(owns[0]):
        return False
    if not _yearly(reading, run[0], len(run)) or not _amounts_grown(reading, run):
        return False
    rates = [reading.figures[o] for o in owns if o is not None]
    for k in range(1, len(run)):
        said = _stated(reading, reading.claims[run[k]])
        points = minus(interval(rates[k], "%"), interval(rates[k - 1], "%"))
        relative = growth(interval(rates[k]), interval(rates[k - 1]))
        if not meets(points, said) and not (relative is not None and meets(relative, said)):
            return True
    return False
