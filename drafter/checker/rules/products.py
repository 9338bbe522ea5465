"""A figure that is the product of two others its sentence gives: an amount drawn at a rate, and an amount per day or
month over the days or months counted.

"2023年土地出让收益3.2亿元，按10%计提教育资金3200万元": 3.2亿元 × 10%; "按不低于城市教育费附加10%的比例计提，2023年
城市教育费附加收入8600万元，计提860万元": at least 8600万元 × 10%. "营养餐补助标准每生每天5元，全年按200天计，每生每年
1000元": 5元 × 200. The rate and the amount per day are standards, stated exactly; the amount drawn from is printed,
known within half its last digit.
"""

from __future__ import annotations

from collections.abc import Iterator

from drafter.checker.reading import Reading
from drafter.checker.rules.base import (
    Verdict,
    expected_text,
    interval,
    judged,
    meets,
    operands,
    shown,
    units_apart,
)
from drafter.checker.words import (
    DRAWN_AT,
    DRAWN_AT_AFTER,
    DRAWN_BEFORE,
    PAID_BEFORE,
    PER_HEAD_PERIOD,
    PER_HEAD_YEAR,
    PER_PERIOD,
    PER_YEAR,
    PERIODS_AFTER,
)
from drafter.figures.numbers import family, format_figure, to_base

NAME = "stated_product"


def check(reading: Reading) -> Iterator[Verdict]:
    for i in reading.active:
        f = reading.figures[i]
        if family(f.unit) != "元" or reading.is_change(i):
            continue
        clause = reading.clause(i)
        if DRAWN_BEFORE.search(clause):
            yield from _drawn(reading, i)
            continue
        if PER_YEAR.search(clause):
            yield from _per_year(reading, i)
        if PAID_BEFORE.search(clause):
            yield from _per_head(reading, i)


def _sentence_figures(reading: Reading, i: int) -> list[int]:
    return reading.in_sentence(i) + reading.in_sentence(i, before=False)


def _drawn(reading: Reading, i: int) -> Iterator[Verdict]:
    """The amount drawn against the rate it is drawn at and the one other amount of its sentence."""
    others = _sentence_figures(reading, i)
    rates = [j for j in others if reading.figures[j].unit == "%" and _drawn_at(reading, j)]
    amounts = [j for j in others if family(reading.figures[j].unit) == "元" and not reading.is_change(j)]
    if len(rates) != 1 or len(amounts) != 1:
        return
    rate, base = reading.figures[rates[0]], amounts[0]
    lo, hi = interval(reading.figures[base], reading.figures[i].unit)
    exact = (lo * rate.value / 100, hi * rate.value / 100)
    source = f"text:product({operands(reading, (base, rates[0]))})"
    says = f"{reading.figures[base].text.strip()}×{rate.text.strip()}"
    least = DRAWN_AT.search(reading.lead(rates[0]))
    if least is not None and least.group("least"):
        yield from _at_least(reading, i, exact, source, says)
        return
    yield _unit_error(reading, i, exact, source, says) or judged(
        i, NAME, exact, reading.figures[i], source, says
    )


def _unit_error(
    reading: Reading, i: int, exact: tuple[float, float], source: str, says: str
) -> Verdict | None:
    """按10%计提教育资金3200元 of 3.2亿元: the product in the unit 10,000 times larger or smaller (万元 for 元)."""
    f = reading.figures[i]
    for factor, unit in units_apart(f.unit):
        if meets((exact[0] / factor, exact[1] / factor), shown(f)):
            right = format_figure(f.value, unit, f.decimals)
            return Verdict(i, "inconsistent", NAME, right, source, f"单位可能有误：{says}={right}")
    return None


def _drawn_at(reading: Reading, j: int) -> bool:
    """A rate said as the one an amount is drawn at: 按10%计提 / 按不低于城市教育费附加10%的比例计提."""
    f = reading.figures[j]
    return bool(DRAWN_AT.search(reading.lead(j)) and DRAWN_AT_AFTER.match(reading.text, f.end))


def _at_least(
    reading: Reading, i: int, exact: tuple[float, float], source: str, says: str
) -> Iterator[Verdict]:
    """按不低于…10%的比例计提: any amount from the rate's share up is right."""
    f = reading.figures[i]
    if shown(f)[1] >= exact[0]:
        yield Verdict(i, "derived", NAME, source=source)
        return
    expected = "≥" + expected_text(f, exact[0])
    yield Verdict(i, "inconsistent", NAME, expected, source, f"{says}{expected}")


def _per_year(reading: Reading, i: int) -> Iterator[Verdict]:
    """The amount per year against the amount per day or month before it and the days or months counted."""
    before = reading.in_sentence(i)
    per = [
        j for j in before if family(reading.figures[j].unit) == "元" and PER_PERIOD.search(reading.lead(j))
    ]
    counted = [j for j in before if _periods(reading, j)]
    if len(per) != 1 or len(counted) != 1 or _heads_between(reading, per[0], i):
        return  # (每人每月500元…惠及乡村教师2380人，全年发放1428万元: paid for all of them, not one's year)
    a, n, f = reading.figures[per[0]], reading.figures[counted[0]], reading.figures[i]
    value = a.value * n.value * to_base(1, a.unit)[0] / to_base(1, f.unit)[0]
    source = f"text:product({operands(reading, (per[0], counted[0]))})"
    yield judged(i, NAME, (value, value), f, source, f"{a.text.strip()}×{n.value:g}")


def _heads_between(reading: Reading, a: int, b: int) -> bool:
    return any(
        reading.figures[j].unit in ("人", "名")
        for j in reading.between(reading.figures[a].end, reading.figures[b].start)
    )


def _periods(reading: Reading, j: int) -> bool:
    """A count of days or months (200天; 12个月, read as 12 个 before 月)."""
    f = reading.figures[j]
    return f.unit == "天" or f.unit == "个" and PERIODS_AFTER.match(reading.text, f.end) is not None


def _per_head(reading: Reading, i: int) -> Iterator[Verdict]:
    """在校生46人，生均公用经费按每生每年6000元拨付，全年拨付27.6万元: the amount paid against the one standard per head
    and year before it and the one count of people of its sentence; a standard per head and day or month (每生每天5元)
    is times the one count of days or months the sentence states (全年200天)."""
    before = reading.in_sentence(i)
    per = [j for j in before if family(reading.figures[j].unit) == "元" and _per_head_standard(reading, j)]
    heads = [j for j in before if reading.figures[j].unit in ("人", "名") and not reading.is_change(j)]
    if len(per) != 1 or len(heads) != 1 or reading.claims[heads[0]].approx:
        return
    factors = [per[0], heads[0]]
    if PER_HEAD_PERIOD.search(reading.lead(per[0])):
        counted = [j for j in before if _periods(reading, j)]
        if len(counted) != 1:
            return
        factors.append(counted[0])
    a, f = reading.figures[per[0]], reading.figures[i]
    value = a.value * to_base(1, a.unit)[0] / to_base(1, f.unit)[0]
    for j in factors[1:]:
        value *= reading.figures[j].value
    source = f"text:product({operands(reading, tuple(factors))})"
    says = "×".join(
        reading.figures[j].text.strip()
        + ("月" if j == factors[-1] and reading.figures[j].unit == "个" else "")
        for j in factors
    )
    yield judged(i, NAME, (value, value), f, source, says)  # 500元×2380人×12个月


def _per_head_standard(reading: Reading, j: int) -> bool:
    lead = reading.lead(j)
    return bool(PER_HEAD_YEAR.search(lead) or PER_HEAD_PERIOD.search(lead))
