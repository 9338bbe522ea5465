"""A stage's figure against the same figure of each of its levels, printed in the paragraphs after it.

"全县义务教育中小学30所。校舍总面积57.74万平方米，较上年增加0.56万平方米；…图书146.13万册，较上年增加1.34万册
… ——小学。…图书81.27万册，比上年增加0.93万册。——初中。…图书64.87万册，比上年增加0.43万册": 义务教育 is 小学
and 初中, so each of its amounts (and each change of them) is the sum of the two levels' amounts of the same
name. A sum that holds is `derived`. One that fails is `inconsistent` only when at least two other figures of
the same stage, in its paragraph, add up from the same levels: that proves the levels split the stage in this text (a 义务教育 that
also counts 九年一贯制 or 特殊教育 schools would fail them all, and nothing is said).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafter.checker.claims import name_stem
from drafter.checker.labels import levels_of, paragraph_level, section_level
from drafter.checker.reading import Reading
from drafter.checker.rules.base import Verdict, interval, judged, operands, total
from drafter.checker.words import LEVEL_MADE_OF
from drafter.figures.numbers import same_family

NAME = "stage_parts"
REACH = 3000  # characters after the stage's figure within which its levels' figures are looked for
NOT_ADDED = re.compile(r"均|率|比|占|平均|每")  # per-student amounts, rates and ratios do not add up
LEVEL_WORD = re.compile(
    r"义务教育|中小学|高中阶段|高中段|普通高中|高中|初中|小学|中等职业教育|中等职业|中职|学校|教育|阶段|普通|——"
)
OPENING_WORD = re.compile(r"^(?:其中|共有|共计|共)")  # 其中普通小学49所: no part of the name
SCHOOLS_OF_A_LEVEL = frozenset({"中小学"})  # 义务教育中小学30所: the schools of the stage named, not a level
PROOFS_NEEDED = 2  # other figures of the stage that add up before one that does not is called wrong


def check(reading: Reading) -> Iterator[Verdict]:
    levels = _levels(reading)
    keys: dict[int, tuple[str, str, int] | None] = {}  # each figure's name, read once
    of_level: dict[str, list[int]] = {}  # the figures of each level, in text order (each stage reads its own)
    for i, lv in levels.items():
        of_level.setdefault(lv, []).append(i)
    for stage, parts in LEVEL_MADE_OF.items():
        sums = [
            (i, found) for i in of_level.get(stage, []) if (found := _parts(reading, levels, keys, i, parts))
        ]
        by_statement: dict[int, list[Verdict]] = {}  # the stage's figures of one paragraph prove each other
        for i, found in sums:
            by_statement.setdefault(reading.paragraph(reading.figures[i].start)[0], []).append(
                _judge(reading, i, found)
            )
        for verdicts in by_statement.values():
            proofs = sum(v.status == "derived" for v in verdicts)
            for verdict in verdicts:
                if verdict.status == "derived" or proofs >= PROOFS_NEEDED:
                    yield verdict


def _levels(reading: Reading) -> dict[int, str]:
    """Each figure's paragraph's level (`_level`), the figures taken in text order, a paragraph looked up once."""
    levels: dict[int, str] = {}
    end, level = -1, ""
    for i in sorted(reading.claims):
        start = reading.figures[i].start
        if start > end:
            begin, end = reading.paragraph(start)
            level = _level(reading, begin, end)
        levels[i] = level
    return levels


def _level(reading: Reading, ps: int, pe: int) -> str:
    """The one level a paragraph is about: named in its words before its first figure (全县义务教育中小学30所。…;
    ——小学。校数17所; 普通高中学校5所), else, when they name none, by the section heading it is under."""
    first = reading.between(ps, pe)
    head_end = reading.figures[first[0]].start if first else ps
    named = paragraph_level(reading, head_end, ignored=SCHOOLS_OF_A_LEVEL, unbracket=True)
    if named is not None:
        return next(iter(levels_of(named)), "")
    heading = levels_of(section_level(reading, ps)) - SCHOOLS_OF_A_LEVEL
    return next(iter(heading)) if len(heading) == 1 else ""


def _key(reading: Reading, i: int) -> tuple[str, str, int] | None:
    """What figure i counts (its name without place and level words) and whether it is a change, and which way."""
    c = reading.claims[i]
    f = reading.figures[i]
    if f.unit in ("%", "") or c.role == "base" or c.approx:
        return None
    if c.kind == "change":
        if c.own is None or c.versus or c.yearly:
            return None
        named = _name(reading, c.own)
        return (named, "change", c.direction) if named else None
    if c.kind not in ("value", "total"):
        return None
    named = _name(reading, i)
    return (named, "value", 0) if named else None


def _name(reading: Reading, i: int) -> str:
    words = LEVEL_WORD.sub("", name_stem(reading.claims[i].subject))
    words = OPENING_WORD.sub("", words)
    if not words and reading.figures[i].unit in ("所", "万所"):
        return "学校"  # 义务教育阶段学校77所 … 其中普通小学49所 … 其中普通初中28所: the schools of each
    return "" if len(words) < 2 or NOT_ADDED.search(words) else words


def _parts(
    reading: Reading,
    levels: dict[int, str],
    keys: dict[int, tuple[str, str, int] | None],
    i: int,
    parts: tuple[str, ...],
) -> list[int]:
    """The figure of the same name and kind in each level of the stage after figure i (at least two levels;
    a stage's level the text never treats, such as 技工, is left out)."""
    if i not in keys:
        keys[i] = _key(reading, i)
    key = keys[i]
    if key is None:
        return []
    f = reading.figures[i]
    found: dict[str, int] = {}
    left = False
    for j in reading.between(f.end, f.end + REACH):
        level = levels.get(j, "")
        if level == levels[i] and left:
            break  # the stage is stated again: its levels are no longer these
        left = left or level != levels[i]
        if level not in parts or level in found:
            continue
        if j not in keys:
            keys[j] = _key(reading, j)
        if keys[j] == key:
            if not same_family(reading.figures[j].unit, f.unit):
                return []
            found[level] = j
            if len(found) == len(parts):
                break  # every level found: the rest of the text is no part of this sum
    return [found[p] for p in parts if p in found] if len(found) >= 2 else []


def _judge(reading: Reading, i: int, parts: list[int]) -> Verdict:
    f = reading.figures[i]
    whole = total([interval(reading.figures[j], f.unit) for j in parts])
    says = "+".join(reading.figures[j].text.strip() for j in parts)
    return judged(i, NAME, whole, f, f"text:sum({operands(reading, parts)})", says)
