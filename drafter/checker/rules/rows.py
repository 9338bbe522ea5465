"""A table row of years whose one cell is ten times (or a tenth of) the others: a digit typed twice or lost.

"中等專業學校 | 633148 | 58658 | 58464 | 63949 | 68230" (a city's 在校学生数 by year): the other years stay within a
small band, and 633148 is 10.8 times their middle — a count of students does not grow tenfold in a year and fall
back the next. Said only when the rest of the row is steady and the odd cell is 8–12 times off.
"""

from __future__ import annotations

from collections.abc import Iterator
from statistics import median

from drafter.checker.reading import Reading
from drafter.checker.rules.base import Verdict
from drafter.figures.numbers import format_figure

NAME = "row_outlier"
STEADY = 1.6  # the other years of the row lie within this ratio of one another
TENFOLD = (8.0, 12.0)  # how far off the odd cell is: a digit typed twice, or lost


def check(reading: Reading) -> Iterator[Verdict]:
    rows: dict[str, list[int]] = {}
    for i in reading.cell_years:
        rows.setdefault(reading.cells.get(i, ""), []).append(i)
    for label, cells in rows.items():
        values = [(i, reading.figures[i].value) for i in cells if reading.figures[i].value > 0]
        if not label or len(values) < 4:
            continue
        for i, v in values:
            others = [w for j, w in values if j != i]
            if max(others) / min(others) > STEADY:
                continue
            middle = median(others)
            ratio = v / middle
            if TENFOLD[0] <= ratio <= TENFOLD[1] or TENFOLD[0] <= 1 / ratio <= TENFOLD[1]:
                f = reading.figures[i]
                yield Verdict(
                    i,
                    "inconsistent",
                    NAME,
                    "",
                    "",
                    f"是同一行其他年份（约{format_figure(middle, f.unit, f.decimals)}）的{ratio:.1f}倍：可能多打或漏打了一位数字",
                )
                break  # one odd cell per row
