"""Sentences of one shape, one per year: a change said without its base, and a figure that is the ratio of two
others in every sentence but one.

"XX学年度学校有18个教学班，学生1126名，成班率达到62.56，学生增长率为23.6；XX学年度学校有18个教学班，学生1171名，…，
学生比上年增长5": the sentences open alike, the change names 学生, and the count 学生 of its sentence grew from the
count 学生 of the sentence before: 1126 ÷ 912 − 1 = 23.5%, 1171 ÷ 1126 − 1 = 4.0%. A change printed without its
% is read as a growth in %; it is wrong only when it is neither that growth nor the difference of the two counts.

"…15个教学班，学生912名，成班率达到60.8；…18个教学班，学生1126名，成班率达到62.56；…1171名，…65.1；…1271名，…70.11；
…1258名，…70": at one place of each sentence a bare figure is the pupils per class (912 ÷ 15 = 60.8) in four of
five sentences; 1271 ÷ 18 = 70.61, not 70.11. Only a figure that holds in three or more sentences and fails in
exactly one is called wrong.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafter.checker.reading import Reading
from drafter.checker.rules.base import (
    Verdict,
    expected_text,
    growth,
    interval,
    judged,
    meets,
    minus,
    operands,
    shown,
    signed_shown,
)
from drafter.figures.numbers import same_family

NAME = "parallel_growth"
CHANGE_WORDS = re.compile(
    r"(?:比上年|较上年|比去年|较去年|同比)?(?:增长率|增幅|增长|增加|提高|下降|减少)(?:为|了|达到|达)?$"
)
COUNTED = ("人", "名", "所", "个", "班", "元", "万元", "亿元", "万人")
OPENING = 3  # characters (digits and XX left out) two sentences of one shape open with alike


def check(reading: Reading) -> Iterator[Verdict]:
    yield from _growths(reading)
    for group in _shaped_runs(reading):
        yield from _odd_ratio(reading, group)


def _growths(reading: Reading) -> Iterator[Verdict]:
    for c in reading.claims.values():
        f = reading.figures[c.index]
        if c.kind != "change" or c.own is not None or f.unit not in ("", "%"):
            continue
        found = _own_and_base(reading, c.index)
        if found is None:
            continue
        own, base = found
        o, b = reading.figures[own], reading.figures[base]
        exact = growth(interval(o), interval(b))
        if exact is None:
            continue
        source = f"text:growth({operands(reading, (own, base))})"
        if not f.unit and meets(minus(interval(o), interval(b)), signed_shown(f, c)):
            yield Verdict(c.index, "derived", NAME, source=f"text:change({operands(reading, (own, base))})")
            continue
        says = f"{o.text.strip()}÷{b.text.strip()}−1"
        yield judged(c.index, NAME, exact, f, source, says, unit="%", printed=signed_shown(f, c))


def _own_and_base(reading: Reading, i: int) -> tuple[int, int] | None:
    """The count named by the change's words in its sentence, and the count of that name in the sentence before,
    when the two sentences open alike."""
    clause = reading.clause(i)
    m = CHANGE_WORDS.search(clause)
    if m is None or m.start() < 2:
        return None
    name = clause[: m.start()]
    s, _ = reading.sentence(reading.figures[i].start)
    own = _named(reading, reading.in_sentence(i), name)
    prev, _ = reading.sentence(max(s - 2, 0))
    if own is None or prev == s or _opening(reading, prev) != _opening(reading, s):
        return None
    base = _named(reading, reading.between(prev, s), name)
    if base is None or not same_family(reading.figures[base].unit, reading.figures[own].unit):
        return None
    return own, base


def _named(reading: Reading, idxs: list[int], name: str) -> int | None:
    return next(
        (
            j
            for j in reversed(idxs)
            if reading.clause(j) == name and reading.figures[j].unit in COUNTED and not reading.is_change(j)
        ),
        None,
    )


NOT_OPENING = re.compile(r"[\dXx×＊*\s]")  # digits, XX and spaces: no part of how a sentence opens


def _opening(reading: Reading, s: int) -> str:
    words = NOT_OPENING.sub("", reading.text[s : s + 12])
    return words[:OPENING]


MIN_RUN = 4  # sentences of one shape in a row, of which all but one must hold
EXACT = ("人", "名", "所", "个", "班", "间", "家")


def _shaped_runs(reading: Reading) -> Iterator[list[list[int]]]:
    """Runs of consecutive sentences that open alike and whose first figures have the same units in the same
    order: the active figures of each sentence."""
    run: list[list[int]] = []
    last: tuple[str, tuple[str, ...]] | None = None
    end = -1
    for i in reading.active:
        if reading.figures[i].start < end:
            continue  # a figure of the sentence just read
        span = reading.sentence(reading.figures[i].start)
        end = span[1]
        idxs = reading.between(*span)
        key = (_opening(reading, span[0]), tuple(reading.figures[j].unit for j in idxs[:3]))
        if run and key == last and len(idxs) >= 3:
            run.append(idxs)
            continue
        if len(run) >= MIN_RUN:
            yield run
        run, last = ([idxs], key) if len(idxs) >= 3 else ([], None)
    if len(run) >= MIN_RUN:
        yield run


def _odd_ratio(reading: Reading, run: list[list[int]]) -> Iterator[Verdict]:
    """The bare figure at one place of every sentence against the ratio of the exact counts at two other places."""
    width = min(len(idxs) for idxs in run)
    for t in range(width):
        if any(reading.figures[idxs[t]].unit or reading.is_change(idxs[t]) for idxs in run):
            continue
        for a in range(width):
            for b in range(width):
                if len({t, a, b}) < 3 or not all(
                    _exact(reading, idxs[a]) and _exact(reading, idxs[b]) for idxs in run
                ):
                    continue
                fits = [_fits(reading, idxs[t], idxs[a], idxs[b]) for idxs in run]
                if fits.count(False) == 1 and fits.count(True) >= MIN_RUN - 1:
                    k, ok = fits.index(False), fits.index(True)
                    yield _odd(reading, [run[k][x] for x in (t, a, b)], [run[ok][x] for x in (t, a, b)])
                    return


def _exact(reading: Reading, j: int) -> bool:
    f = reading.figures[j]
    return f.unit in EXACT and f.decimals == 0 and f.value > 0 and not reading.is_change(j)


def _fits(reading: Reading, t: int, a: int, b: int) -> bool:
    f = reading.figures[t]
    value = reading.figures[a].value / reading.figures[b].value
    return meets((value, value), shown(f))


def _odd(reading: Reading, odd: list[int], held: list[int]) -> Verdict:
    """The odd sentence's figure, with one of the others as the example it is held against."""
    t, a, b = (reading.figures[j] for j in odd)
    e, x, y = (reading.figures[j].text.strip() for j in held)
    value = a.value / b.value
    return Verdict(
        odd[0],
        "inconsistent",
        NAME,
        expected_text(t, value),
        f"text:ratio({operands(reading, odd[1:])})",
        f"同样的各句中这一项都是句中两个数之比（如{x}÷{y}={e}），这一句{a.text.strip()}÷{b.text.strip()}="
        f"{expected_text(t, value)}",
    )
