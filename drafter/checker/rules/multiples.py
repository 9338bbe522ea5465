"""A multiple against the two values it is of.

"招生数从2005年2.8万人增加到2010年的6.2万人，增长了1.2倍": 6.2 ÷ 2.8 − 1 = 1.21 (增长了 counts what was added);
"在校生6.2万人，是2005年2.8万人的2.2倍": 6.2 ÷ 2.8 = 2.21 (是…的 counts the whole). 增长了2.2倍 for the second is
the classic slip, and so is 是…的1.2倍 for the first.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafter.checker.reading import Reading
from drafter.checker.rules.base import Verdict, interval, judged, operands, ratio
from drafter.figures.numbers import same_family

NAME = "stated_multiple"
GREW_BY = re.compile(r"[，]?(?:增长|增加|提高|扩大|上升)了?$")
FROM_TO = re.compile(r"(?:增加|增长|提高|扩大|上升)?(?:到|至)(?:了)?(?:\d{4}年)?(?:的)?$")
TIMES_OF = re.compile(r"^的$")
IS_BEFORE = re.compile(r"[，]?(?:是|为|相当于|达到)(?:了)?(?:\d{4}年)?(?:的)?$")


def check(reading: Reading) -> Iterator[Verdict]:
    for i in reading.with_unit("倍"):
        f = reading.figures[i]
        before = reading.in_sentence(i)
        if len(before) < 2:
            continue
        a, b = before[-2], before[-1]
        fa, fb = reading.figures[a], reading.figures[b]
        if not same_family(fa.unit, fb.unit) or fa.unit in ("%", "倍", ""):
            continue
        lead = reading.lead(i)
        if GREW_BY.search(lead) and FROM_TO.search(reading.lead(b)):  # 从A增加到B，增长了X倍
            exact = ratio(interval(fb), interval(fa))
            if exact is not None:
                yield judged(
                    i,
                    NAME,
                    (exact[0] - 1, exact[1] - 1),
                    f,
                    f"text:multiple_growth({operands(reading, (b, a))})",
                    f"{fb.text.strip()}÷{fa.text.strip()}−1",
                )
        elif TIMES_OF.match(lead) and IS_BEFORE.search(reading.lead(b)):  # B，是A的X倍
            exact = ratio(interval(fa), interval(fb))
            if exact is not None:
                yield judged(
                    i,
                    NAME,
                    exact,
                    f,
                    f"text:multiple({operands(reading, (a, b))})",
                    f"{fa.text.strip()}÷{fb.text.strip()}",
                )
