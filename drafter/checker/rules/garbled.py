"""A figure with garbled characters in it: "21?5%" (a decimal point served as '?'), "???4人" (digits lost to
mojibake). What it says cannot be read, so it cannot be proven either; the clerk must look at the source."""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafter.checker.reading import Reading
from drafter.checker.rules.base import Verdict

NAME = "garbled"
GARBLE = "?？\ufffd"
# a garble between two digits (21?5%) or several right before one (???4人)
GARBLED = re.compile(rf"\d[{GARBLE}]+\d|[{GARBLE}]{{2,}}\d")


def check(reading: Reading) -> Iterator[Verdict]:
    if not any(c in reading.text for c in GARBLE):
        return  # (most texts: one pass in C for each of three characters, not a pattern tried at every digit)
    for match in GARBLED.finditer(reading.text):
        touched = [  # the figures the garble stands in or beside
            i
            for i in reading.between(max(0, match.start() - 12), match.end())
            if reading.figures[i].start <= match.end() and reading.figures[i].end >= match.start()
        ]
        if not touched:
            continue
        start = min(match.start(), reading.figures[touched[0]].start)
        said = reading.text[start : max(match.end(), reading.figures[touched[-1]].end)]
        # one finding for the whole garbled number, on its last figure (21?5% is read as 21 and 5%: 5% carries it)
        message = f"“{said}”中有乱码（?），原文可能丢了数字或小数点：请对照原件"
        yield Verdict(touched[-1], "inconsistent", NAME, message=message)
