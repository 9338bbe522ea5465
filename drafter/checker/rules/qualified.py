"""A total's qualified part (its 民办 count in brackets) against the same qualified part of each of its parts.

"专任教师8108人（民办563人）。其中，幼儿园专任教师1235人（民办1064人）…普通高中专任教师1194人（民办496人）"
(修水 2020): the 民办 teachers of the whole county cannot be fewer than the 民办 teachers of its 幼儿园 alone — nor
than those of all its parts together. Said of the total's bracket figure, with the parts' sum as the least it can be.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafter.checker.reading import Reading
from drafter.checker.rules.base import Verdict, expected_text
from drafter.figures.numbers import same_family

NAME = "qualified_part"
# the bracket right after a count that gives its part of one kind: （民办563人） / （其中民办学校81所）
QUALIFIED = re.compile(r"（(?:其中)?(民办|公办|农村|乡村|城镇|城区|女)[\u4e00-\u9fff]{0,4}$")


def check(reading: Reading) -> Iterator[Verdict]:
    for c in reading.claims.values():
        if c.kind != "total" or len(c.parts) < 2:
            continue
        own = _qualified(reading, c.index)
        if own is None:
            continue
        word, j = own
        parts = [q[1] for p in c.parts if (q := _qualified(reading, p)) is not None and q[0] == word]
        if not parts:
            continue
        f, least = reading.figures[j], sum(reading.figures[q].value for q in parts)
        if not same_family(f.unit, reading.figures[parts[0]].unit) or f.value >= least:
            continue
        listed = "+".join(reading.figures[q].text.strip() for q in parts)
        yield Verdict(
            j,
            "inconsistent",
            NAME,
            "≥" + expected_text(f, least),
            "",
            f"{word}{f.text.strip()}少于其中各项的{word}之和{expected_text(f, least)}（{listed}）",
        )


def _qualified(reading: Reading, i: int) -> tuple[str, int] | None:
    """(the kind, the figure) of the bracket right after figure i that gives its part of one kind."""
    f = reading.figures[i]
    if not reading.text.startswith("（", f.end):
        return None
    after = reading.in_sentence(i, before=False)
    if not after:
        return None
    j = after[0]
    m = QUALIFIED.match(reading.text, f.end, reading.figures[j].start)
    if m is None or m.end() != reading.figures[j].start:
        return None
    return m.group(1), j
