"""Two totals split by the same items, printed item by item in pairs.

"全镇在校学生共有12990人,建档立卡学生为8044人,其中学前教育幼儿2309名,建档立卡幼儿1061人。小学在校学生7667人,建档立卡
小学生为2782人,初中在校学生为3014人,建档立卡中学生为1579人": each item gives its count, then the count of the group
the second total names (建档立卡). The first counts add up to the first total, so every item is there, and the second
counts must add up to the second total: 5422, not 8044. A list whose first counts do not add up to their total may
leave items out, and is left alone.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from drafter.checker.reading import Reading
from drafter.checker.rules.base import Verdict, expected_text, interval, meets, operands, shown, total
from drafter.figures.numbers import same_family

NAME = "paired_totals"
PAIRS_MIN = 3  # items: two could be any two groups that happen to add up
GROUP_MIN = 2  # characters of the group's name (建档立卡, 留守, 寄宿)
# before the group's name: words, not characters (共产党员 keeps its 共)
LEAD_WORDS = re.compile(r"^(?:[，,]|其中|共有|为)+")


def check(reading: Reading) -> Iterator[Verdict]:
    active = reading.active
    for k in range(len(active) - 2):
        first, second = active[k], active[k + 1]
        group = _group(reading, first, second)
        if group is None:
            continue
        items = _pairs(reading, itertools.islice(active, k + 2, None), reading.figures[first].unit, group)
        if items is None:
            continue
        alls, groups = items
        whole = total([interval(reading.figures[j], reading.figures[first].unit) for j in alls])
        if not meets(whole, shown(reading.figures[first])):
            continue
        yield Verdict(first, "derived", NAME, source=f"text:sum({operands(reading, alls)})")
        s = reading.figures[second]
        part = total([interval(reading.figures[j], s.unit) for j in groups])
        source = f"text:sum({operands(reading, groups)})"
        if meets(part, shown(s)):
            yield Verdict(second, "derived", NAME, source=source)
            continue
        value = (part[0] + part[1]) / 2
        names = "+".join(reading.figures[j].text.strip() for j in groups)
        why = (
            f"各项中{group}的数之和为{expected_text(s, value)}（{names}）；"
            f"同样各项的总数之和恰为{reading.figures[first].text.strip()}，可见所列各项已是全部"
        )
        yield Verdict(second, "inconsistent", NAME, expected_text(s, value), source, why)


def _group(reading: Reading, first: int, second: int) -> str | None:
    """The group the second total counts within the first's (建档立卡 of 全镇在校学生 / 建档立卡学生): the words its
    name adds before the noun both names end with. None unless the two are counts of one kind, one right after the
    other in a sentence, the second smaller."""
    a, b = reading.figures[first], reading.figures[second]
    if (
        reading.next_in_sentence(first) != second
        or a.unit == "%"
        or not same_family(a.unit, b.unit)
        or b.value >= a.value
        or reading.is_change(first)
        or reading.is_change(second)
    ):
        return None
    said_a, said_b = reading.claims[first].subject, reading.claims[second].subject
    common = 0
    while common < min(len(said_a), len(said_b)) and said_a[-1 - common] == said_b[-1 - common]:
        common += 1
    group = LEAD_WORDS.sub("", said_b[: len(said_b) - common])
    if common < GROUP_MIN or len(group) < GROUP_MIN or group in said_a:
        return None
    return group


def _pairs(
    reading: Reading, after: Iterator[int], unit: str, group: str
) -> tuple[list[int], list[int]] | None:
    """(the items' counts, their group's counts) of the pairs right after the totals in their paragraph: a count
    whose words do not name the group, then one whose words do, PAIRS_MIN times or more. None otherwise."""
    end = -1
    alls: list[int] = []
    groups: list[int] = []
    for j in after:
        f = reading.figures[j]
        if end < 0:
            _, end = reading.paragraph(f.start)
        if f.start >= end or not same_family(f.unit, unit) or reading.is_change(j):
            break
        named = group in reading.lead(j)
        if named != (len(alls) > len(groups)):
            break  # (the pairs alternate: the item, then its group)
        (groups if named else alls).append(j)
    if len(groups) != len(alls):
        alls = alls[: len(groups)]
    return (alls, groups) if len(groups) >= PAIRS_MIN else None
