"""A yearbook's 学生与专任教师的比例 row against the 在校学生数 and 专任教师 rows of the same level and year.

湖北's page (统计局, 2005/2012/2013): 普通高中 | 69 | 15 | 14 under 各类学校学生与专任教师的比例, while the same page
gives #高中 在校学生数 129.45 / 107.45 / 98.82 and 高中 专任教师 6.44 / 7.09 / 6.97 (万人): 15 and 14 are 107.45 ÷ 7.09
and 98.82 ÷ 6.97, so 69 is wrong (129.45 ÷ 6.44 = 20). A ratio cell is proven by the two cells of its level and
year; it is called wrong only when it is the one year of its row off and two others are proven so (that shows the
rows were matched right). 高校 are left out: their 生师比 divides 折合在校生, which such a page does not print.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafter.checker.labels import levels_of
from drafter.checker.reading import Reading
from drafter.checker.rules.base import Verdict, interval, judged, operands, ratio

NAME = "table_ratio_rows"
RATIO_ROW = re.compile(r"学生与专任教师的?比例?|生师比")
STUDENTS = re.compile(r"在校学生数|在校生数?")
TEACHERS = re.compile(r"专任教师")


def check(reading: Reading) -> Iterator[Verdict]:
    by_year: dict[int, list[int]] = {}  # the cells of each year heading, gathered once
    for j, year in reading.cell_years.items():
        by_year.setdefault(year, []).append(j)
    ratios: dict[str, list[tuple[int, int, int]]] = {}  # row -> (cell, students cell, teachers cell)
    for i, words in reading.cells.items():
        year = reading.cell_years.get(i)
        if year is None or not RATIO_ROW.search(words) or reading.figures[i].unit not in ("", ":1"):
            continue
        level = _level(RATIO_ROW.split(words)[-1])
        if level is None:
            continue
        students = _cell(reading, by_year[year], STUDENTS, level)
        teachers = _cell(reading, by_year[year], TEACHERS, level)
        if students is not None and teachers is not None:
            ratios.setdefault(words, []).append((i, students, teachers))
    for row in ratios.values():
        verdicts = [v for i, a, b in row if (v := _judge(reading, i, a, b)) is not None]
        proven = sum(v.status == "derived" for v in verdicts)
        wrong = len(verdicts) - proven
        for verdict in verdicts:  # one year off where two others hold: that cell, not the way it was read
            if verdict.status == "derived" or proven >= 2 and wrong == 1:
                yield verdict


def _level(words: str) -> frozenset[str] | None:
    """The one level a ratio row names (普通高中 → 高中); None when it names none or a stage of several."""
    named = levels_of(words) - {"普通中学", "中小学"}
    if len(named) != 1 or named == {"高校"}:
        return None  # 高校's 生师比 divides 折合在校生, which a yearbook's page does not print
    return named


def _cell(reading: Reading, cells: list[int], kind: re.Pattern[str], level: frozenset[str]) -> int | None:
    """The one of the year's cells whose words name the kind and, besides a stage it belongs to, just the level."""
    found = [
        j
        for j in cells
        if kind.search(words := reading.cells[j])
        and not RATIO_ROW.search(words)
        and _level(words) == level
        and not re.search(r"每万人|平均", words)
    ]
    return found[0] if len(found) == 1 else None


def _judge(reading: Reading, i: int, students: int, teachers: int) -> Verdict | None:
    f, a, b = reading.figures[i], reading.figures[students], reading.figures[teachers]
    if a.unit != b.unit:
        return None  # 在校学生数 in 万人 over 专任教师 in 人: not read alike
    exact = ratio(interval(a), interval(b))
    if exact is None:
        return None
    source = f"text:ratio({operands(reading, (students, teachers))})"
    return judged(i, NAME, exact, f, source, f"{a.text.strip()}÷{b.text.strip()}")
