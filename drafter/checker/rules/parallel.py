"""A change said without its base in one of several sentences of one shape, one per year: of the count named alike
in the sentence before.

"XX学年度学校有18个教学班，学生1126名，成班率达到62.56，学生增长率为23.6；XX学年度学校有18个教学班，学生1171名，…，
学生比上年增长5": the sentences open alike, the change names 学生, and the count 学生 of its sentence grew from the
count 学生 of the sentence before: 1126 ÷ 912 − 1 = 23.5%, 1171 ÷ 1126 − 1 = 4.0%. A change printed without its
% is read as a growth in %; it is wrong only when it is neither that growth nor the difference of the two counts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafter.checker.reading import Reading
from drafter.checker.rules.base import Verdict, growth, interval, judged, meets, minus, operands, signed_shown
from drafter.figures.numbers import same_family

NAME = "parallel_growth"
CHANGE_WORDS = re.compile(
    r"(?:比上年|较上年|比去年|较去年|同比)?(?:增长率|增幅|增长|增加|提高|下降|减少)(?:为|了|达到|达)?$"
)
COUNTED = ("人", "名", "所", "个", "班", "元", "万元", "亿元", "万人")
OPENING = 3  # characters (digits and XX left out) two sentences of one shape open with alike


def check(reading: Reading) -> Iterator[Verdict]:
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


def _opening(reading: Reading, s: int) -> str:
    words = re.sub(r"[\dXx×＊*\s]", "", reading.text[s : s + 12])
    return words[:OPENING]
