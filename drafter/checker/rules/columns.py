"""A table's ratio column against the two cells of its row it divides, and its 合计 row against its column.

"| 类别 | 在校学生数 | 专任教师数 | 学生与专任教师比 |" / "| 小学 | 371009 | 18955 | 19.57 |": 371009 ÷ 18955 =
19.57, proven from the row itself (tables.py finds the columns: 生师比, A与B比, 平均班额). A 合计/总计 row's cell
that its column's other cells add up to is proven too; one that they miss by one mistyped digit is
inconsistent (and a ratio of it is not blamed); a bigger gap is left alone (a table may list part of its total).
"""

from __future__ import annotations

from collections.abc import Iterator

from drafter.checker.reading import Reading
from drafter.checker.rules.base import Verdict, interval, judged, operands, ratio, total

NAME = "table_columns"


def check(reading: Reading) -> Iterator[Verdict]:
    wrong_totals = set()
    for i, parts in reading.cell_sums:
        f = reading.figures[i]
        if f.ignored:
            continue
        cells = [reading.figures[j] for j in (i, *parts)]
        if all(
            c.decimals == 0 and not c.unit for c in cells
        ):  # whole numbers in a table count: they add exactly
            added = (sum(c.value for c in cells[1:]),) * 2
            printed = (f.value, f.value)
        else:
            added, printed = total([interval(reading.figures[j], f.unit) for j in parts]), None
        says = "+".join(reading.figures[j].text.strip() for j in parts)
        verdict = judged(i, NAME, added, f, f"text:sum({operands(reading, parts)})", says, printed=printed)
        if verdict.status == "inconsistent":
            wrong_totals.add(i)
        yield verdict
    for i, a, b in reading.cell_ratios:
        f = reading.figures[i]
        exact = ratio(interval(reading.figures[a]), interval(reading.figures[b]))
        if exact is None or f.ignored or {a, b} & wrong_totals:
            continue  # a ratio of a 合计 that does not add up: the 合计 is the one to fix
        source = f"text:ratio({operands(reading, (a, b))})"
        says = f"{reading.figures[a].text.strip()}÷{reading.figures[b].text.strip()}"
        yield judged(i, NAME, exact, f, source, says)
