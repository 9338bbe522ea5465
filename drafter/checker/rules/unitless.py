"""Last year's value printed without the unit this year's value has: "为730.48亿元,比上年的691.92增长5.58%"
(山西 2020), "报名总数为29938人,比去年的31653减少了1715人". The reader takes the unit over, so the arithmetic is
checked; the missing unit is still an error of the text that the clerk must fix.

A unit printed once for a pair said before it (上年9120.55，本年9433.10元) is written so on purpose and is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafter.checker.reading import Reading
from drafter.checker.rules.base import Verdict
from drafter.figures.numbers import base_after_value

NAME = "unit_missing"
BARE = re.compile(r"[\d.,，\s]+")  # a figure's own text that holds no unit


def check(reading: Reading) -> Iterator[Verdict]:
    text, figures = reading.text, reading.figures
    for k in range(1, len(reading.active)):
        a, b = figures[reading.active[k - 1]], figures[reading.active[k]]
        if not b.unit or b.unit != a.unit or not BARE.fullmatch(text, b.start, b.end):
            continue  # (most figures: their unit is printed)
        if BARE.fullmatch(text, a.start, a.end) or not base_after_value(text, a, b):
            continue  # this year's value bare as well (a text that lost every unit): nothing to compare with
        said = b.text.strip() + b.unit  # as printed, with the unit (12,530.03元)
        message = f"上年的数缺单位：应写“{said}”（本年的数是{a.text.strip()}）"
        yield Verdict(reading.active[k], "inconsistent", NAME, said, "", message)
