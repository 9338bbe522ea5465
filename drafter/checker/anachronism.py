"""Policies a report names before they existed: 双减 (2021-07) in a report written in 2020.

The year compared is the year the report was written — `report.round` (and the month of `report.date`)
when source data are given, else the latest year the text itself names — so a 2020 report on 2019 may
rightly name the 2020 督导 reform (knowledge/terms.yaml).
"""

from __future__ import annotations

import re

from drafter.core.types import SourceData
from drafter.knowledge.terms import Anachronism, anachronisms

# a year 19xx/20xx followed by 年, not the end of a longer number (the lookbehind after the first digit: a pattern
# opening with a digit is searched for in C, one opening with a lookbehind is tried at every character)
YEAR = re.compile(r"(2(?<!\d2)0[0-4]\d|1(?<!\d1)9[89]\d)\s?年")
# 与2014年相比, 比2014年, 自2014年以来: a year compared with or counted from says nothing of when the text was written
COMPARED_BEFORE = re.compile(r"(?:与|和|比|较|自|从|同)\s?$")
COMPARED_AFTER = re.compile(r"(?:[（(][^）)]{0,8}[）)])?\s?(?:相比|比较|以来|起)")


def written_year(text: str, source: SourceData | None) -> tuple[int, int] | None:
    """(year, month) the report was written, or None when nothing says."""
    if source is not None and source.report.round:
        date = source.report.date
        return source.report.round, (date.month if date and date.year == source.report.round else 12)
    years = [
        int(m.group(1))
        for m in YEAR.finditer(text)
        if not COMPARED_BEFORE.search(text, max(0, m.start() - 2), m.start())
        and not COMPARED_AFTER.match(text, m.end())
    ]
    return (max(years), 12) if years else None


def find(text: str, source: SourceData | None) -> list[tuple[Anachronism, int]]:
    """Every anachronism of the text as given, with the year it was judged against."""
    when = written_year(text, source)
    if when is None:
        return []
    year, month = when
    return [(a, year) for a in anachronisms(text, year, month=month)]
