"""A fall said of a negative amount: "坐位体前屈平均值男生下降了-1.75厘米". Read literally a fall of −1.75 is a
rise of 1.75, against the sentence before it (均有所下降): the word or the sign is wrong, and only the clerk can
say which. (A negative growth, 增长-3.17%, is how 统计公告 print a fall and is left alone.)"""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafter.checker.reading import Reading
from drafter.checker.rules.base import Verdict

NAME = "double_sign"
# a word of falling, then a minus sign right before the figure (下降了-1.75 / 减少 －3人)
FALL_THEN_MINUS = re.compile(r"(下降|减少|降低|下滑|回落|缩小)了?\s*[-－−]\s*$")
SIGN = "-－−"


def check(reading: Reading) -> Iterator[Verdict]:
    text = reading.text
    # (few signs in a report: the figures after them looked at only)
    for sign in re.finditer(f"[{SIGN}]", text):
        start = sign.start()
        fall = FALL_THEN_MINUS.search(text, max(0, start - 4), start + 1)
        if fall is None:
            continue
        after = [i for i in reading.between(start, start + 3) if reading.figures[i].start <= start + 2]
        if not after:
            continue
        i = after[0]
        f = reading.figures[i]
        said = text[fall.start() : f.end]
        plain = f.text.lstrip(SIGN + " ")
        message = f"“{said}”：{fall.group(1)}了一个负数等于上升，方向词和负号只能留一个（{fall.group(1)}{plain}，或上升{plain}）"
        yield Verdict(i, "inconsistent", NAME, expected=f"{fall.group(1)}{plain}", message=message)
