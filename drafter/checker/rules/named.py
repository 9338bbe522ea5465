"""A count stated after the same count of each level, listed right before it in its paragraph.

"幼儿专任教师14551人…；小学专任教师32009人…；初中专任教师16591人…；…普通高校专任教师2540人。全市教职工数…99750人，
其中专任教师76413人": the levels' 专任教师 add up to the 专任教师 named without a level. Such a list may leave a level
out, so a sum that holds proves the figure (`derived`), and one that misses it by a mistyped digit or two digits
swapped (76431 for 76413) is `inconsistent`; a bigger gap is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafter.checker.claims import name_stem
from drafter.checker.labels import levels_of
from drafter.checker.reading import Reading
from drafter.checker.rules.base import Verdict, expected_text, interval, judged, operands, total
from drafter.figures.numbers import mistyped, same_family

NAME = "named_parts"
MIN_LEVELS = 3
TOTAL_CUE = re.compile(r"其中|^全|共|合计|总")
PLACE = re.compile(r"^(?:其中|全市|全县|全区|全省|全国|全旗|共有|共)+")
LEVEL_WORDS = re.compile(
    r"幼儿园|幼儿|学前|小学|初中|高中|中职|技工|特殊学校|特殊教育|特教|普通高校|高校|普通|中等职业|职业|学校"
)


def check(reading: Reading) -> Iterator[Verdict]:
    for i, c in reading.claims.items():
        f = reading.figures[i]
        if c.kind not in ("value", "total") or c.parts or c.role == "base" or c.approx:
            continue
        if not f.unit or not TOTAL_CUE.search(c.subject):
            continue  # 其中专任教师 / 全市教职工: a count said of the whole (most figures are not)
        name = PLACE.sub("", name_stem(c.subject))
        if len(name) < 2 or levels_of(name):
            continue
        parts = _levels_before(reading, i, name)
        if len(parts) < MIN_LEVELS:
            continue
        added = total([interval(reading.figures[j], f.unit) for j in parts])
        verdict = judged(i, NAME, added, f, f"text:sum({operands(reading, parts)})")
        if verdict.status == "derived" or mistyped(f.text, expected_text(f, (added[0] + added[1]) / 2)):
            yield verdict


def _levels_before(reading: Reading, i: int, name: str) -> list[int]:
    """The counts of `name` for distinct levels stated before figure i in its paragraph, nearest first
    gathered and returned in text order; changes and previous values left out."""
    f = reading.figures[i]
    ps, _ = reading.paragraph(f.start)
    found: list[int] = []
    seen: set[frozenset[str]] = set()
    for j in reversed(reading.between(ps, f.start)):
        cj, g = reading.claims[j], reading.figures[j]
        if cj.kind == "change" or cj.role == "base" or not same_family(g.unit, f.unit):
            continue
        stem = PLACE.sub("", name_stem(cj.subject))
        level = levels_of(stem)
        if not stem.endswith(name) or not level or level in seen or LEVEL_WORDS.sub("", stem) != name:
            continue
        seen.add(level)
        found.append(j)
    return sorted(found)
