"""Last year's value printed without the unit this year's value has: "为730.48亿元,比上年的691.92增长5.58%"
(山西 2020), "报名总数为29938人,比去年的31653减少了1715人". The reader takes the unit over, so the arithmetic is
checked; the missing unit is still an error of the text that the clerk must fix.

A unit printed once for a pair said before it (上年9120.55，本年9433.10元) is written so on purpose and is left alone.

A count of people or schools printed with decimals and no unit at all ("中小学校在校学生共8.1，其中公办学校在校生3.07")
has lost its 万: no count is a fraction. So has a population printed as a small whole number with no unit
("常住人口138，实际服务人口280"): no place a report speaks of has a few hundred people.

A rate printed without its % among rates of its paragraph that carry it ("…专业升学率31.67%，…专业升学率为20.16%，
…专业升学率为17.02，…专业升学率4.76%") is flagged the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafter.checker.reading import Reading
from drafter.checker.rules.base import Verdict
from drafter.figures.numbers import base_after_value

NAME = "unit_missing"
BARE = re.compile(r"[\d.,，\s]+")  # a figure's own text that holds no unit
RATE_SAID = re.compile(r"(?:率|比例|比重|占比)(?:为|是|达到|达)?$")  # 专业升学率为 / 占比
RATES_BESIDE = 2  # rates with their % in the paragraph before a bare one is called a rate missing it


def check(reading: Reading) -> Iterator[Verdict]:
    text, figures = reading.text, reading.figures
    for k in range(1, len(reading.active)):
        a, b = figures[reading.active[k - 1]], figures[reading.active[k]]
        if not b.unit or b.unit != a.unit or not BARE.fullmatch(text, b.start, b.end):
            continue  # (most figures: their unit is printed)
        if BARE.fullmatch(text, a.start, a.end) or not base_after_value(text, a, b):
            continue  # this year's value bare as well (a text that lost every unit): nothing to compare with
        said = b.text.strip() + b.unit  # as printed, with the unit (12,530.03元)
        message = f"上年的数缺单位：应写“{said}”（本年的数是{a.text.strip()}）"
        yield Verdict(reading.active[k], "inconsistent", NAME, said, "", message)
    yield from _rates_without_percent(reading)
    yield from _counts_without_unit(reading)
    yield from _population_without_unit(reading)


def _rates_without_percent(reading: Reading) -> Iterator[Verdict]:
    """A bare decimal under 100 said as a rate (专业升学率为17.02,) where the paragraph's other rates carry %."""
    figures = reading.figures
    for i, f in enumerate(figures):
        if f.unit or f.decimals == 0 or not 0 < f.value < 100 or not RATE_SAID.search(reading.lead(i)):
            continue
        if f.end < len(reading.text) and reading.text[f.end] in "%％":
            continue
        ps, pe = reading.paragraph(f.start)
        beside = sum(
            figures[j].unit == "%" and bool(RATE_SAID.search(reading.lead(j)))
            for j in reading.between(ps, pe)
        )
        if beside >= RATES_BESIDE:
            said = f"{f.text.strip()}%"
            yield Verdict(i, "inconsistent", NAME, said, "", f"比率缺“%”：应写“{said}”（同段其他比率都带%）")


# 在校学生共 / 在园幼儿 / 专任教师为 / 常住人口: the things a count counts, right before it
COUNT_SAID = re.compile(
    r"(?:学生|在校生|幼儿|教师|教职工|职工|人口|人数)(?:总数|数)?(?:共计|共有|共|总计|合计)?(?:为|是|有|达到|达|约)?$"
)
# 按折合学生数36654.8计 / 平均每班学生 / 生均: weighted counts and averages are fractions
NO_COUNT = re.compile(r"折合|折算|平均|人均|生均|每")
AFTER_COUNT = (
    "，,。；;、)）"  # what follows a whole figure (a figure at the end of a cut excerpt may be cut itself)
)


def _counts_without_unit(reading: Reading) -> Iterator[Verdict]:
    """A count printed with decimals and no unit (在校学生共8.1，): it has lost its 万."""
    text = reading.text
    for i, f in enumerate(reading.figures):
        lead = reading.lead(i)
        if f.unit or f.decimals == 0 or f.ignored or not COUNT_SAID.search(lead) or NO_COUNT.search(lead):
            continue
        if f.end >= len(text) or text[f.end] not in AFTER_COUNT:
            continue
        said = f"{f.text.strip()}万"
        yield Verdict(i, "inconsistent", NAME, said, "", f"人数、校数不会是小数：缺单位，可能应为“{said}”")


POPULATION_SAID = re.compile(r"人口(?:总数|数)?(?:为|是|有|达到|达|约)?$")
FEWEST_PEOPLE = 1000  # a population said under this, with no unit, is in 万
SMALL_PLACE = re.compile(r"教学点|村|学校|校|社区|小区|组")  # places that may have a few hundred people


def _population_without_unit(reading: Reading) -> Iterator[Verdict]:
    """A population printed as a whole number under 1000 with no unit (常住人口138，): it has lost its 万."""
    text = reading.text
    for i, f in enumerate(reading.figures):
        if (
            f.ignored
            or f.decimals
            or not 0 < f.value < FEWEST_PEOPLE
            or not BARE.fullmatch(text, f.start, f.end)
        ):
            continue  # (the reader gives a bare count after 人口 the unit 人)
        if not POPULATION_SAID.search(reading.lead(i)) or NO_COUNT.search(reading.clause(i)):
            continue
        if (
            SMALL_PLACE.search(reading.clause(i))
            or "万人" in reading.text[slice(*reading.paragraph(f.start))]
        ):
            continue  # 该教学点服务人口800 is a school's; （单位：万人）, 常住人口（万人）: the unit is said elsewhere
        if f.end >= len(text) or text[f.end] not in AFTER_COUNT:
            continue
        said = f"{f.text.strip()}万"
        yield Verdict(
            i,
            "inconsistent",
            NAME,
            said,
            "",
            f"人口缺单位：只有{f.text.strip()}人不像一个地方的人口，可能应为“{said}”",
        )
