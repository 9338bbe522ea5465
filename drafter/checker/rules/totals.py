"""A total against the parts listed with it.

"改建3.2万平方米，新建9.6万平方米，合计12.8万平方米" and "共建立党组织391个，其中党委21个、党总支22个、
党支部348个" are proven; a 其中 list is summed only when it claims to split its total (共/合计 before it,
分别 in it) or when its parts add up to more than the total. A subset ("教职工3093人，其中专任教师2802人")
and a breakdown of another quantity are left alone.
"""

from __future__ import annotations

from collections.abc import Iterator

from drafter.checker.reading import Reading
from drafter.checker.rules.base import Verdict, expected_text, interval, meets, operands, shown, total

NAME = "listed_total"
HALF = 0.5  # a 共…其中 list that adds up to less than half its total lists some parts only, it is no typo


def check(reading: Reading) -> Iterator[Verdict]:
    for c in reading.claims.values():
        if not c.parts or c.kind != "total" or c.approx or any(reading.claims[j].approx for j in c.parts):
            continue
        f = reading.figures[c.index]
        sums = [
            total([interval(reading.figures[j], f.unit) for j in c.parts[:n]])
            for n in range(1, len(c.parts) + 1)
        ]
        whole = sums[-1]
        n = _first_matching(sums, f)
        if n:
            yield Verdict(c.index, "derived", NAME, source=f"text:sum({operands(reading, c.parts[:n])})")
        elif not meets(whole, shown(f)) and (
            c.exhaustive and whole[1] >= f.value * HALF or whole[0] > shown(f)[1]
        ):
            yield _wrong(reading, c.index, c.parts, whole)


def _first_matching(sums: list, f) -> int:
    """A list that goes on past its total (其中小学…初中…高中…，在园幼儿…): the first two or more parts that
    add up to it (0 when none)."""
    return next((n + 1 for n, s in enumerate(sums) if n >= 1 and meets(s, shown(f))), 0)  # n parts: sums[n-1]


def _wrong(reading: Reading, i: int, parts: tuple[int, ...], whole: tuple[float, float]) -> Verdict:
    f = reading.figures[i]
    value = (whole[0] + whole[1]) / 2
    names = "+".join(reading.figures[j].text.strip() for j in parts)
    source = f"text:sum({operands(reading, parts)})"
    return Verdict(
        i,
        "inconsistent",
        NAME,
        expected_text(f, value),
        source,
        f"所列各项之和为{expected_text(f, value)}（{names}）",
    )
