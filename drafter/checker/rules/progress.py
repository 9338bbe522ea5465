"""A count said to be done (已开工, 已完工, 已建成 …) against the stages it is split into.

"2011年全市已开工项目90所，其中省考任务45所。截至11月底，投入使用43所，主体完工23所，主体在建16所，基础施工3所，
未开工5所" (咸阳 2011): the five stages add up to 90 exactly, and one of them is 未开工 — so the 90 are all the
projects, not those started (85). Said only when the stages after it, in its paragraph, add up to it exactly and
one of them is the not-done stage of the very word the count is said with.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafter.checker.reading import Reading
from drafter.checker.rules.base import Verdict, expected_text, operands
from drafter.figures.numbers import same_family

NAME = "done_count"
DONE = re.compile(
    r"已(开工|完工|竣工|建成|投入使用|完成)[^，。；]{0,8}$"
)  # the word a count is said to be done with
MIN_STAGES = 3  # stages listed before the list is taken for a split of the count


def check(reading: Reading) -> Iterator[Verdict]:
    for i in reading.active:
        f = reading.figures[i]
        done = DONE.search(reading.clause(i))
        if done is None or f.decimals or reading.claims[i].kind not in ("value", "total"):
            continue
        _, end = reading.paragraph(f.start)
        after = [
            j
            for j in reading.between(f.end, end)
            if same_family(reading.figures[j].unit, f.unit) and reading.claims[j].kind != "change"
        ]
        not_done = re.compile(f"(?:未|尚未|没有){done.group(1)}$")
        for k, j in enumerate(after):
            if not not_done.search(reading.clause(j)):
                continue
            # the run of stages that ends with the not-done one and adds up to the count exactly
            for start in range(k - MIN_STAGES + 1, -1, -1):
                run = after[start : k + 1]
                if sum(reading.figures[p].value for p in run) == f.value:
                    rest = f.value - reading.figures[j].value
                    said = reading.figures[j].text.strip()
                    yield Verdict(
                        i,
                        "inconsistent",
                        NAME,
                        expected_text(f, rest),
                        f"text:sum({operands(reading, tuple(run))})",
                        f"所列各阶段之和为{f.text.strip()}，其中包括“{reading.clause(j)}{said}”："
                        f"已{done.group(1)}的应为{expected_text(f, rest)}，或{f.text.strip()}是全部项目",
                    )
                    break
            break
