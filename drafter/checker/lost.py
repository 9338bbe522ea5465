"""Numbers the text lost on its way to the page: a 年 with no year before it.

…新增教学班500多个；年，区委、区政府一次性安排三年大会战教育重点项目21个 — the year is gone (served-text
corruption, or a slip of the writer), and with it the date of every figure of the sentence. Found on the
normalised text, after a mark or at a line's start, right before a comma.
"""

from __future__ import annotations

import re

LOST_YEAR = re.compile(r"(?m)(?:(?<=[；，。：、])|^)[ \t]*(年)(?=，)")


def lost_years(norm: str) -> list[tuple[int, int]]:
    """(start, end) of each 年 whose year is lost, in the normalised text."""
    return [m.span(1) for m in LOST_YEAR.finditer(norm)]
