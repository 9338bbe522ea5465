"""A per-student 公用经费 against the per-student 事业费 of the same level and year, and that 事业费 against the
per-student 教育经费: 公用经费 is a part of 事业费, and 事业费 of 教育经费 (which adds 基本建设 and the 附加).

A 经费统计公告 lists, level by level, 生均一般公共预算教育事业费 and then 生均一般公共预算公用经费 (the part of
the 事业费 that is not pay). "1.…生均…公用经费…(1)全区普通小学为7857.06元 … 2.…生均…教育事业费…(1)全区普通小学为
7316.71元": a 公用经费 larger than the 事业费 of its level and year is another amount under the 公用经费 label (here
the 生均一般公共预算教育经费). Each figure's amount and year are named by the words before it (the item's
lead-in "2021年全区普通小学…生均公共财政预算公用经费支出情况是：" counts), its level by its own words. A 事业费
larger than the 教育经费 of its level and year is flagged the same way.

A 事业费 printed as a total in 亿元 in the paragraph of a per-student 公用经费 in 元, and of its size
("普通高校一般公共预算教育事业费为20298.63亿元，…；…普通高等学校一般公共预算公用经费支出为8506.02元"), is the
per-student 事业费 that lost its 生均: a real total would be millions of times the per-student amount.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafter.checker.labels import levels_of
from drafter.checker.reading import Reading
from drafter.checker.rules.base import Verdict

NAME = "per_student_parts"
KIND = re.compile(r"生均[^。；;\n]{0,16}?(公用经费|事业费|教育经费)")
# each kind, then the kind it is a part of
WIDER = {"公用经费": "事业费", "事业费": "教育经费"}
SAID = {"公用经费": "公用经费", "事业费": "教育事业费", "教育经费": "教育经费"}
AS_WHAT = {"公用经费": "公用经费是事业费的一部分", "事业费": "事业费是教育经费的一部分"}
YEAR = re.compile(r"((?:19|20)\d\d)\s?年(?!度?[^，。；]{0,6}比)")
LOOK_BACK = 400  # characters before a figure in which its amount's name and year are looked for
LEVELS = ("小学", "初中", "高中", "中职", "幼儿园")


def check(reading: Reading) -> Iterator[Verdict]:
    # each kind's figures by (level, year)
    by_kind: dict[str, dict[tuple[str, int], list[int]]] = {kind: {} for kind in SAID}
    for i in reading.with_unit("元"):
        c = reading.claims[i]
        if c.kind != "value" or c.role == "base" or c.approx:
            continue
        named = _named(reading, i)
        if named is not None:
            kind, level, year = named
            by_kind[kind].setdefault((level, year), []).append(i)
    for kind, wider in WIDER.items():
        for key, found in by_kind[kind].items():
            whole = by_kind[wider].get(key, [])
            if len(whole) != 1:
                continue
            w = reading.figures[whole[0]]
            for i in found:
                f = reading.figures[i]
                if f.value > w.value:
                    yield Verdict(
                        i,
                        "inconsistent",
                        NAME,
                        "",
                        "",
                        f"生均{SAID[kind]}{f.text.strip()}大于同年{key[0]}生均{SAID[wider]}{w.text.strip()}："
                        f"{AS_WHAT[kind]}，两个数字必有一个有误（或是别的指标）",
                    )
    yield from _total_of_a_per_student_size(reading)


PER_STUDENT_SAID = re.compile(r"生均|每生|每名学生|人均|平均")  # the paragraph says what is per student
SPENT_SAID = re.compile(r"(事业费|公用经费)(?:支出)?(?:为|是|达到|达)?$")
TIMES_THE_PART = (1.0, 10.0)  # a per-student 事业费 is one to ten times its 公用经费


def _total_of_a_per_student_size(reading: Reading) -> Iterator[Verdict]:
    """事业费为20298.63亿元 … 公用经费支出为8506.02元 in one paragraph: the 事业费 is per student, in 元. Only in a
    paragraph that says 生均 (每生, 人均) of neither (the text dropped it): where the 元 amount is said per student, a
    total in 亿元 beside it is what it says (全省教育事业费1500亿元，生均公用经费1200元); a 公用经费 of 0元 is of no
    size."""
    for i in reading.with_unit("元"):
        said = SPENT_SAID.search(reading.clause(i))
        if said is None or said.group(1) != "公用经费" or reading.claims[i].kind != "value":
            continue
        part = reading.figures[i]
        ps, pe = reading.paragraph(part.start)
        if part.value <= 0 or PER_STUDENT_SAID.search(reading.text, ps, pe):
            continue
        for j in reading.between(ps, part.start):
            f = reading.figures[j]
            said = SPENT_SAID.search(reading.clause(j))
            if f.unit != "亿元" or said is None or said.group(1) != "事业费":
                continue  # (a county's 事业费 in 万元 is often one to ten times a per-student amount)
            low, high = TIMES_THE_PART
            if reading.claims[j].kind == "value" and low < f.value / part.value < high:
                yield Verdict(
                    j,
                    "inconsistent",
                    NAME,
                    f"{f.value:.{f.decimals}f}元",
                    "",
                    f"事业费{f.text.strip()}与同段的生均公用经费{part.text.strip()}大小相当：应是生均事业费，"
                    f"单位应为元（漏了“生均”）",
                )


def _named(reading: Reading, i: int) -> tuple[str, str, int] | None:
    """(公用经费 | 事业费 | 教育经费, the level, the year) figure i is, or None when its words do not say all three."""
    f = reading.figures[i]
    s, _ = reading.sentence(f.start)
    own = reading.text[s : f.start]
    level = [lv for lv in levels_of(own) if lv in LEVELS]
    if len(level) != 1 or len(reading.in_sentence(i)) > 0:
        return None  # the item names one level, and it is the first figure of its sentence
    before = reading.text[max(0, f.start - LOOK_BACK) : f.start]
    kinds = list(KIND.finditer(before))
    if not kinds:
        return None
    line_start = before.rfind("\n", 0, kinds[-1].start()) + 1  # the item block's heading line or lead-in
    years = list(YEAR.finditer(before, line_start))
    return (kinds[-1].group(1), level[0], int(years[-1].group(1))) if years else None
