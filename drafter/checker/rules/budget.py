"""An education budget smaller than one of the amounts it contains: a unit error (万元 for 亿元).

"2023年一般公共预算教育经费为142.689万元" while the same report lists 资助资金4942.289万元. The government's
whole budget (一般公共预算支出), its revenue or the GDP are not parts of the education budget.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafter.checker.reading import Reading, amount
from drafter.checker.rules.base import SMALLER, Verdict
from drafter.checker.words import OVER_YEARS_WORDS, YEARS_RANGE
from drafter.figures.numbers import family, to_base

NAME = "total_below_part"
TOO_SMALL = 1e7  # 元: no region's whole education budget is below ten million yuan
MONEY_TOTAL = re.compile(
    r"(一般公共预算教育(?:经费|支出)|财政性教育经费|教育经费(?:总)?(?:投入)?)[^，。；]{0,8}$"
)
MONEY_PART = re.compile(r"资金|经费|投入|支出|拨款|补助|拨付|发放")
NOT_PART = re.compile(
    r"总投入|总收入|总额|总投资|生均|每生|每人|人均|标准|平均|一般公共预算支出|财政支出|预算支出|总支出|生产总值|GDP|财政收入|"
    r"经常性收入|财政性教育经费|贷款"  # 发放国家助学贷款: a bank's money, not the budget's
)
LEVEL = re.compile(
    r"学前|义务|高中|高等|中等|中职|职业|高职|普通|其他|小学|初中|幼儿园|特殊|中央|地方|省级|市级|县级"
)


def check(reading: Reading) -> Iterator[Verdict]:
    money = [
        i
        for i in reading.active
        if family(reading.figures[i].unit) == "元" and reading.claims[i].kind != "change"
    ]
    biggest: dict[int, int] = {}  # article -> its largest part
    for j in money:
        article = reading.article(reading.figures[j].start)
        if _is_part(reading, j) and (
            article not in biggest or amount(reading.figures[j]) > amount(reading.figures[biggest[article]])
        ):
            biggest[article] = j
    for i in money:
        f = reading.figures[i]
        if not _is_total(reading, i):
            continue
        if f.unit == "元" and f.value < TOO_SMALL:
            yield Verdict(
                i,
                "inconsistent",
                NAME,
                f"{f.text.strip()[:-1]}万元",
                "",
                "一个地区的教育经费总额不会不到千万元：单位可能应为万元",
            )
            continue
        big = biggest.get(reading.article(f.start))
        if big is not None and big != i and amount(reading.figures[big]) > amount(f):
            yield _blamed(reading, i, big)


def _blamed(reading: Reading, total: int, part: int) -> Verdict:
    """The total (142.689万元 under 资助资金4942.289万元: too small for any region's budget) or the part (资助资金
    3265.8亿元 under 5.86亿元: the part a unit too big, 3265.8万元 fits) that has its unit wrong."""
    f, p = reading.figures[total], reading.figures[part]
    smaller = SMALLER.get(p.unit)
    if amount(f) >= TOO_SMALL and smaller and to_base(p.value, smaller)[0] <= amount(f):
        return Verdict(
            part,
            "inconsistent",
            NAME,
            f"{p.text.strip().removesuffix(p.unit)}{smaller}",
            "",
            f"大于教育经费总额（{f.text.strip()}）：单位可能应为{smaller}",
        )
    shown = p.text.strip()
    return Verdict(total, "inconsistent", NAME, f"≥{shown}", "", f"总额小于其中一项（{shown}），单位可能有误")


def _is_total(reading: Reading, i: int) -> bool:
    """一般公共预算教育经费 / 教育经费总投入 of the whole region (not per student, not one level's, not a base)."""
    lead = reading.lead(i)
    return bool(
        MONEY_TOTAL.search(lead)
        and not re.search(r"生均|人均|平均", lead)
        and reading.claims[i].role != "base"
        and not LEVEL.search(re.split(r"[，：]", lead)[-1])
    )


BRACKETED = re.compile(r"（[^（）]*）")


def _is_part(reading: Reading, j: int) -> bool:
    """An amount the budget contains: its own words, not those of a bracket before it (财政性教育经费（主要包括
    一般公共预算安排的教育经费…）为4453万 is no part)."""
    lead = BRACKETED.sub("", reading.lead(j))[-14:]
    return (
        bool(MONEY_PART.search(lead))
        and not NOT_PART.search(lead)
        and not MONEY_TOTAL.search(reading.lead(j))
        and not _over_years(reading, j)
    )


def _over_years(reading: Reading, j: int) -> bool:
    """2021年至2023年，全县累计投入教育资金25.6亿元: an amount spent over years is no part of one year's budget."""
    s, _ = reading.sentence(reading.figures[j].start)
    said = reading.text[s : reading.figures[j].start]
    return bool(OVER_YEARS_WORDS.search(said) or YEARS_RANGE.search(said))
