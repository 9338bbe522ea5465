"""A total against the levels of education it is split into, when they are printed in sentences of their own.

"全省教育经费总投入为2668.53亿元…1.全省学前教育经费总投入为219.75亿元… 2.…义务教育… 3.…高中阶段教育…
4.…高等教育… 5.全省其他教育经费总投入为81.40亿元": the five levels, closed by 其他, split the total, and
here they add up to 2675.30亿元. Only a complete split is summed: every level of LEVELS named with the
total's own name after it (学前 + 教育经费总投入), the first of each after the total and close to it. A
list without 其他, or with a level missing, may leave something out and is left alone.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from drafter.checker.claims import name_stem
from drafter.checker.reading import Reading
from drafter.checker.rules.base import Verdict, expected_text, interval, judged, operands, total
from drafter.core.types import Figure
from drafter.figures.numbers import same_family

NAME = "level_total"
LEVELS = ("学前", "义务", "高中阶段", "高等", "其他")
REACH = 4000  # characters after the total within which its levels are looked for
NUMBERING = re.compile(r"^(?:[（(]?[一二三四五六七八九十\d]+[)）.．、。]|其中)+")
LEVEL_NAME = re.compile(rf"^({'|'.join(LEVELS)})(.{{4,}})$")


def check(reading: Reading) -> Iterator[Verdict]:
    if "其他" not in reading.text:
        return  # no split is complete without it
    by_name: dict[tuple[str, str], list[int]] = {}  # (level, the rest of the name) -> figures, in order
    named: list[tuple[int, str]] = []
    for i, c in sorted(reading.claims.items()):
        if c.kind not in ("value", "total") or c.role == "base" or len(c.subject) < 4:
            continue
        stem = name_stem(NUMBERING.sub("", name_stem(c.subject)))  # 1.全国学前…: the place after the number
        if (m := LEVEL_NAME.match(stem)) is not None:
            by_name.setdefault((m.group(1), m.group(2)), []).append(i)
        else:
            named.append((i, stem))
    closed = {rest for level, rest in by_name if level == "其他"}
    totals: dict[str, list[int]] = {}
    for i, stem in named:
        totals.setdefault(stem, []).append(i)
    for i, stem in named:
        if stem not in closed:
            continue
        parts = _levels_after(reading, by_name, i, stem)
        later = totals[stem][bisect.bisect_right(totals[stem], i) :]
        if (
            parts
            and later
            and later[0] < min(parts)
            and reading.figures[later[0]].value != reading.figures[i].value
        ):
            continue  # another total of that name (another year's) before the levels: they are that one's
        if parts:
            f = reading.figures[i]
            whole = total([interval(reading.figures[j], f.unit) for j in parts])
            source = f"text:sum({operands(reading, parts)})"
            yield judged(i, NAME, whole, f, source, message=_says(reading, parts, whole, f))


def _levels_after(
    reading: Reading, by_name: dict[tuple[str, str], list[int]], i: int, stem: str
) -> list[int]:
    f = reading.figures[i]
    parts = []
    for level in LEVELS:
        found = by_name.get((level, stem), [])
        k = bisect.bisect_right(found, i)
        if k == len(found):
            return []
        j = found[k]
        p = reading.figures[j]
        if p.start - f.end > REACH or not same_family(p.unit, f.unit):
            return []
        parts.append(j)
    return parts


def _says(reading: Reading, parts: list[int], whole: tuple[float, float], f: Figure) -> str:
    value = expected_text(f, (whole[0] + whole[1]) / 2)
    names = "+".join(reading.figures[j].text.strip() for j in parts)
    return f"各级教育（{'、'.join(LEVELS)}）之和为{value}（{names}）"
