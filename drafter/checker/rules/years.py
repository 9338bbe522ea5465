"""A list's lead year left over from last year's report.

"2021年全区普通小学、普通初中、普通高中生均…支出情况是：" twice, then "2020年全区普通小学…支出情况是：" over a list
compared with 上年 like the others: the report was copied from last year's and one year was not re-typed. The
year is a figure the checker otherwise ignores; this rule only questions a lead year that one year less than
two or more leads of the same shape, once.

And one year said twice in a sentence for two values (入学率2021年为99.27，2021年为98.98，2021年为99.24) or a range
from a year to itself (2021-2021年均为100): a copy of an older report whose years were all replaced by one.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from drafter.checker.reading import Reading
from drafter.checker.rules.base import Verdict

NAME = "stale_year"
# a sentence opening with its year and its place that introduces a list: 2021年全区普通小学…情况是：
LEAD = re.compile(r"(?:全|我)[省市县区旗州盟][^。；\n]{2,80}?[：:][ \t]*$", re.M)
COMPARED = re.compile(r"比上年|较上年|与上年")
LEADS_REACH = 1500  # characters around a lead in which the leads it is held against stand (one document's)
LIST_REACH = 300  # characters after a lead in which its list compares with the year before


# the words between a year and the value it is said of: 2021年为99.27 / 2021年达98.98%
YEAR_SAYS = re.compile(r"(?:为|是|达到|达)?")
RANGE_DASH = re.compile(r"\s?[-—–~至到]{1,2}\s?")


def check(reading: Reading) -> Iterator[Verdict]:
    yield from _stale_leads(reading)
    yield from _one_year_for_many(reading)


def _one_year_for_many(reading: Reading) -> Iterator[Verdict]:
    """A year said again in its sentence for another value, or a range whose two years are one: each year after the
    first is questioned."""
    said: dict[
        tuple[int, int], list[tuple[int, float]]
    ] = {}  # (sentence, year) -> [(year figure, its value)]
    figures = reading.figures
    for i, f in enumerate(figures[:-1]):
        nxt = figures[i + 1]
        if f.ignored == "range-year" and nxt.ignored == "year" and nxt.value == f.value:
            if RANGE_DASH.fullmatch(reading.text, f.end, nxt.start):
                yield _replaced(i + 1, int(f.value), "从一年到同一年")
        elif f.ignored == "year" and not nxt.ignored and YEAR_SAYS.fullmatch(reading.text, f.end, nxt.start):
            said.setdefault((reading.sentence(f.start)[0], int(f.value)), []).append((i, nxt.value))
    for (_, year), values in said.items():
        if len({v for _, v in values}) > 1:
            for i, _ in values[1:]:
                yield _replaced(i, year, f"一句里{len(values)}次写{year}年、各说一个不同的数")


def _replaced(i: int, year: int, how: str) -> Verdict:
    return Verdict(
        i, "inconsistent", NAME, message=f"{how}：年份可能被统一替换了（原文应是逐年的年份），请核对"
    )


def _stale_leads(reading: Reading) -> Iterator[Verdict]:
    leads = [
        (i, int(f.value)) for i, f in enumerate(reading.figures) if f.ignored == "year" and _leads(reading, i)
    ]
    if len(leads) < 3:
        return
    for i, year in leads:
        f = reading.figures[i]
        near = Counter(y for j, y in leads if abs(reading.figures[j].start - f.start) <= LEADS_REACH)
        if (
            near[year] == 1
            and near[year + 1] >= 2
            and COMPARED.search(reading.text, f.end, f.end + LIST_REACH)
        ):
            yield Verdict(
                i,
                "inconsistent",
                NAME,
                f"{year + 1}年",
                message=f"同样的各段都写{year + 1}年，这一段写{year}年：可能是沿用上一年报告留下的年份",
            )


def _leads(reading: Reading, i: int) -> bool:
    """The year (with its 年) opens its sentence, after a line's start or a heading's full stop, and the sentence
    introduces a list (ends with ：)."""
    f = reading.figures[i]
    before = reading.text[max(0, f.start - 1) : f.start]
    return before in ("", "\n", "。") and LEAD.match(reading.text, f.end) is not None
