"""A rate of a stated count of people or schools that no whole number of them gives.

"专任教师110人，专任教师学历合格率为91.35%": 100/110 is 90.91% and 101/110 is 91.82% — no count of the 110 teachers
is 91.35% of them. "在职教师57人，其中大专学历52人，学历合格率92%": 52/57 = 91.2%, 53/57 = 93.0%, nothing is 92%.
The rate is of the count right before it when its own words open with that count's name and say what of it is
counted (专任教师学历合格率; 竣工32个，竣工率 is the rate of 竣工 itself, of a count not here), or of the
total of the 其中 part right before it when it is named like the part (学历 of 大专学历 in 学历合格率). A share of
another whole (占…) and a rate of anything else are left alone; a count is exact, so one that fits is no proof.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator

from drafter.checker.labels import chinese_bigrams
from drafter.checker.reading import Reading
from drafter.checker.rules.base import Verdict, expected_text, shown

NAME = "rate_of_count"
COUNTED = ("人", "名", "所", "个", "班", "家")
RATE_CLAUSE = re.compile(r"^(?P<name>[\u4e00-\u9fff]{0,16}?)[\u4e00-\u9fff]{0,10}率(?:为|是|达到|达)?$")
VERB = re.compile(r"(?:为|有|共|达到|达)$")
RATE_END = re.compile(r"率(?:为|是|达到|达)?$")


def check(reading: Reading) -> Iterator[Verdict]:
    for i in reading.with_unit("%"):
        c, f = reading.claims[i], reading.figures[i]
        if c.kind != "rate" or c.approx or "占" in reading.clause(c.index):
            continue
        base = _base(reading, c.index)
        if base is None:
            continue
        n = int(reading.figures[base].value)
        near = _nearest(n, shown(f))
        if near is not None:
            yield _not_of(reading, c.index, base, near)


def _base(reading: Reading, i: int) -> int | None:
    """The count the rate is taken of: the count right before it named by the rate's first words, or the total
    of the 其中 part right before it that the rate is named like."""
    clause = reading.clause(i)
    before = reading.in_sentence(i)
    if not before or not RATE_CLAUSE.match(clause):
        return None
    prev = before[-1]
    name = VERB.sub("", reading.clause(prev))
    if len(name) >= 2 and clause.startswith(name) and len(RATE_END.sub("", clause)) - len(name) >= 2:
        return (
            prev if _exact(reading, prev) else None
        )  # 专任教师110人，专任教师学历合格率为91.35% (not 竣工32个，竣工率)
    total = reading.total_of.get(prev)
    if (
        total is not None
        and _exact(reading, total)
        and chinese_bigrams(clause) & chinese_bigrams(reading.clause(prev))
    ):
        return total  # 在职教师57人，其中大专学历52人，学历合格率92%
    return None


def _exact(reading: Reading, j: int) -> bool:
    g, c = reading.figures[j], reading.claims[j]
    return g.unit in COUNTED and g.decimals == 0 and not c.approx and c.kind != "change" and g.value >= 1


def _nearest(n: int, printed: tuple[float, float]) -> tuple[int, int] | None:
    """None when some whole k of n is within the printed rate; else the two counts on either side of it."""
    lo, hi = printed
    k_lo, k_hi = math.ceil(lo * n / 100 - 1e-9), math.floor(hi * n / 100 + 1e-9)
    if k_lo <= k_hi or not 0 <= lo <= 100:
        return None
    return k_hi, k_lo


def _not_of(reading: Reading, i: int, base: int, near: tuple[int, int]) -> Verdict:
    f, w = reading.figures[i], reading.figures[base]
    n = int(w.value)
    below, above = (k for k in near)
    sides = "、".join(f"{k}÷{n}={expected_text(f, k / n * 100)}" for k in (below, above) if 0 <= k <= n)
    closest = min((k for k in (below, above) if 0 <= k <= n), key=lambda k: abs(k / n * 100 - f.value))
    return Verdict(
        i,
        "inconsistent",
        NAME,
        expected_text(f, closest / n * 100),
        f"text:share(?,{w.text.strip()})",
        f"{w.text.strip()}中没有哪个整数能占{f.text.strip()}（{sides}）",
    )
