"""A total said as a pair (a count and an amount) against the items said below it in pairs of the same shape.

"全年共资助学生62972人次，发放资金5052.01万元。学前教育政府资助5875人次，发放资金235万元，…。义务教育…37598人次，
发放资金1346.45625万元，…": every item names its amount with the words of the total's amount (发放资金). When
the items' amounts add up to the total amount, the items are all there is, and their counts must add up to the
total count too (here 74118人次, not 62972). Items that do not add up to the total amount may leave some out:
then nothing is said. Counts of people (人) may count one person in two items and are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafter.checker.reading import Reading
from drafter.checker.rules.base import (
    Verdict,
    expected_text,
    interval,
    judged,
    meets,
    mid,
    operands,
    shown,
    total,
)
from drafter.checker.rules.totals import SWAPPED_NOTE, swapped
from drafter.checker.words import TOTAL_WORDS
from drafter.figures.numbers import family, same_family

NAME = "paired_total"
PAIRED = re.compile(
    r"[、，][\u4e00-\u9fff]{0,8}"
)  # 12560人次、资金1523.6万元 / 12560人次，发放资助资金1523.6万元
REACH = 2000  # characters after the total within which its items are said
ADDITIVE = ("人次", "万人次", "次", "所", "个", "项", "家", "班")  # counts whose items cannot overlap


def check(reading: Reading) -> Iterator[Verdict]:
    for i in reading.active:
        if family(reading.figures[i].unit) != "元" or i in reading.total_of or reading.is_change(i):
            continue  # the total amount is money (发放资金5052.01万元): most figures stop here
        before = reading.in_sentence(i)
        if not before:
            continue
        count = before[-1]
        if not TOTAL_WORDS.search(reading.lead(count)):  # (its clause is the end of its lead: most stop here)
            continue
        if not TOTAL_WORDS.search(reading.clause(count)) or reading.is_change(count):
            continue
        items = _items(reading, i)
        if len(items) < 3:
            items = _listed_items(reading, i)
        if len(items) < 2:
            continue
        f = reading.figures[i]
        whole = total([interval(reading.figures[j], f.unit) for j in items])
        if not meets(whole, shown(f)):  # the items may not be all of it — unless two digits were swapped
            if swapped(reading, i, tuple(items)):
                names = "+".join(reading.figures[j].text.strip() for j in items)
                why = f"所列各项之和为{expected_text(f, mid(whole))}（{names}）{SWAPPED_NOTE}"
                yield Verdict(
                    i,
                    "inconsistent",
                    NAME,
                    expected_text(f, mid(whole)),
                    f"text:sum({operands(reading, items)})",
                    why,
                )
            continue
        yield Verdict(i, "derived", NAME, source=f"text:sum({operands(reading, items)})")
        yield from _counts(reading, count, items)


def _items(reading: Reading, i: int) -> list[int]:
    """The later figures named by the total amount's own words (发放资金), of its unit: the items (their own parts,
    named otherwise — 资助金额 — are not; were they named alike, the sum would not fit and nothing is said)."""
    f, words = reading.figures[i], reading.clause(i)
    # 发放资助资金2896.7万元 … 学前教育资助2320人次、资金116万元: the items may name it by its last word
    names = {words[k:] for k in range(len(words) - 1)}
    if len(words) < 2 or reading.text.find(words[-2:], f.end, f.end + REACH) < 0:
        return []  # (most totals stop here: their words are not said again within reach)
    return [
        j
        for j in reading.between(f.end, f.end + REACH)
        if reading.clause(j).lstrip("、，,：:") in names
        and same_family(reading.figures[j].unit, f.unit)
        and not reading.is_change(j)
    ]


def _listed_items(reading: Reading, i: int) -> list[int]:
    """共资助学生12560人次、资金1523.6万元，其中学前教育2100人次、126万元，…: the parts of its 其中 list, each said
    after a count of its own, when the total amount is said as a pair (a list of three or more items named alike is
    `_items`')."""
    claim = reading.claims[i]
    if claim.kind != "total" or len(claim.parts) < 2 or not PAIRED.fullmatch(reading.lead(i)):
        return []
    return list(claim.parts)


def _counts(reading: Reading, count: int, items: list[int]) -> Iterator[Verdict]:
    """The total count against the counts said right before the items' amounts."""
    c = reading.figures[count]
    if c.unit not in ADDITIVE:
        return
    counts = []
    for j in items:
        before = reading.in_sentence(j)
        if (
            not before
            or not same_family(reading.figures[before[-1]].unit, c.unit)
            or reading.is_change(before[-1])
        ):
            return
        counts.append(before[-1])
    whole = total([interval(reading.figures[j], c.unit) for j in counts])
    names = "+".join(reading.figures[j].text.strip() for j in counts)
    yield judged(
        count,
        NAME,
        whole,
        c,
        f"text:sum({operands(reading, counts)})",
        message=f"所列各项之和为{expected_text(c, mid(whole))}（{names}），而各项金额之和正等于总金额",
    )
