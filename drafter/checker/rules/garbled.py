"""A figure with garbled characters in it: "21?5%" (a decimal point served as '?'), "???4人" (digits lost to
mojibake). What it says cannot be read, so it cannot be proven either; the clerk must look at the source."""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafter.checker.reading import Reading
from drafter.checker.rules.base import Verdict

NAME = "garbled"
GARBLE = "?？\ufffd"
# a run of them: a garbled number when it stands between two digits (21?5%) or is several right before one (???4人)
GARBLE_RUN = re.compile(f"[{GARBLE}]+")


def check(reading: Reading) -> Iterator[Verdict]:
    text = reading.text
    for run in GARBLE_RUN.finditer(text):  # (a scan for three characters, not a pattern tried at every digit)
        start, end = run.span()
        digit_after = end < len(text) and text[end].isdigit()
        if not digit_after or not (end - start >= 2 or start > 0 and text[start - 1].isdigit()):
            continue  # a question mark, not a garbled number
        touched = [  # the figures the garble stands in or beside
            i
            for i in reading.between(max(0, start - 12), end + 1)
            if reading.figures[i].start <= end + 1 and reading.figures[i].end >= start
        ]
        if not touched:
            continue
        said = text[
            min(start, reading.figures[touched[0]].start) : max(end, reading.figures[touched[-1]].end)
        ]
        # one finding for the whole garbled number, on its last figure (21?5% is read as 21 and 5%: 5% carries it)
        message = f"“{said}”中有乱码（?），原文可能丢了数字或小数点：请对照原件"
        yield Verdict(touched[-1], "inconsistent", NAME, message=message)
