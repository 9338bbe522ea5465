"""A 部门决算 说明's share of the budget done against the gap it states between the accounts and the budget.

"支出总计1741.75万元…；完成年初预算100%，决算数大于预算数55.93万元" (天水 2017): every department's 决算说明 prints
this line for each kind of spending. The budget is the accounts less the gap (1685.82万元), so the share done is
1741.75 ÷ 1685.82 = 103.32%, not 100%. With no gap printed, 100% beside "决算数大于预算数" still cannot hold.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafter.checker.reading import Reading
from drafter.checker.rules.base import Verdict, interval, judged, ratio
from drafter.core.types import Figure
from drafter.figures.numbers import family

NAME = "budget_done"
DONE = re.compile(r"完成(?:了)?(?:年初|全年)?预算(?:数)?的?$")
# 决算数大于预算数55.93万元 / 决算数小于年初预算数 (no gap printed)
GAP = re.compile(r"\s*[，,；;]?\s*决算数?(大于|高于|超过|多于|小于|低于|少于)(?:年初)?预算数?")
MORE = ("大于", "高于", "超过", "多于")
LOOK_BACK = 80  # characters before the share in which its amount is said


def check(reading: Reading) -> Iterator[Verdict]:
    for i in reading.with_unit("%"):
        f = reading.figures[i]
        if not DONE.search(reading.lead(i)):
            continue
        gap = GAP.match(reading.text, f.end)
        if gap is None:
            continue  # (most 完成预算 shares: no gap said beside them)
        more = gap.group(1) in MORE
        after = reading.next_in_sentence(i)
        d = (
            reading.figures[after]
            if after is not None and reading.figures[after].start == gap.end()
            else None
        )
        total = _accounts_before(reading, i)
        if d is not None and total is not None and family(d.unit) == family(total.unit):
            diff = interval(d, total.unit)
            lo, hi = interval(total, total.unit)
            budget = (lo - diff[1], hi - diff[0]) if more else (lo + diff[0], hi + diff[1])
            done = ratio((lo, hi), budget)
            if done is not None:
                exact = (done[0] * 100, done[1] * 100)
                says = f"{total.text.strip()}÷（{total.text.strip()}{'−' if more else '+'}{d.text.strip()}）"
                yield judged(i, NAME, exact, f, f"text:share({total.text.strip()},budget)", says)
                continue
        if f.value == 100:
            side = "大于" if more else "小于"
            yield Verdict(i, "inconsistent", NAME, "", "", f"决算数{side}预算数，完成预算就不是100%")


def _accounts_before(reading: Reading, i: int) -> Figure | None:
    """The amount spent the share is of: the last amount in money before it in its paragraph, within a clause or
    two (支出总计1741.75万元，与上年相比减少53.7万元，降低2.99%；完成年初预算100%), no change."""
    f = reading.figures[i]
    start = max(reading.paragraph(f.start)[0], f.start - LOOK_BACK)
    for j in reversed(reading.between(start, f.start)):
        g = reading.figures[j]
        if family(g.unit) == "元" and not reading.is_change(j):
            return g
    return None
