"""Numbers the text lost on its way to the page: a 年 with no year before it.

…新增教学班500多个；年，区委、区政府一次性安排三年大会战教育重点项目21个 — the year is gone (served-text
corruption, or a slip of the writer), and with it the date of every figure of the sentence. Found on the
normalised text, after a mark or at a line's start, right before a comma.
"""

from __future__ import annotations

import re

YEAR_COMMA = re.compile("年，")  # searched for first: a 年 right before a comma is rare
LOST_BEFORE = re.compile(r"(?:^|[；，。：、\n])[ \t]*$")  # a mark or a line's start, then nothing but blanks


def lost_years(norm: str) -> list[tuple[int, int]]:
    """(start, end) of each 年 whose year is lost, in the normalised text."""
    return [
        (m.start(), m.start() + 1)
        for m in YEAR_COMMA.finditer(norm)
        if LOST_BEFORE.search(norm, max(0, m.start() - 4), m.start())
    ]
