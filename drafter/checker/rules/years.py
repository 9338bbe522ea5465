"""A list's lead year left over from last year's report.

"2021年全区普通小学、普通初中、普通高中生均…支出情况是：" twice, then "2020年全区普通小学…支出情况是：" over a list
compared with 上年 like the others: the report was copied from last year's and one year was not re-typed. The
year is a figure the checker otherwise ignores; this rule only questions a lead year that one year less than
two or more leads of the same shape, once.
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


def check(reading: Reading) -> Iterator[Verdict]:
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
