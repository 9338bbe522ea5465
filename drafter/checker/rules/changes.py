"""A stated change against the two values it compares: a growth rate, an amount of change, 年均 growth.

"事业收入5120.40万元，比上年4986.12万元增加134.28万元，增长2.69%": 134.28万元 and 2.69% are proven from
the two values; "6973所，比上年增加36所，增长0.52%": the growth from the value and its change; a previous
value off by 10,000 (元 for 万元) is named as a unit error on that value. Changes of rates are checker.rules.points'.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafter.checker.claims import POINTS, Claim, name_stem
from drafter.checker.reading import Reading, amount
from drafter.checker.rules.base import (
    Interval,
    Verdict,
    expected_text,
    growth,
    interval,
    judged,
    meets,
    mid,
    minus,
    operands,
    ratio,
    shown,
    signed,
    signed_shown,
    units_apart,
)
from drafter.checker.words import DOWN, UP
from drafter.figures.numbers import format_figure, same_family

NAME = "stated_change"
TO_VERB = re.compile(rf"({'|'.join(sorted(UP + DOWN, key=len, reverse=True))})(?:至|到)(?:\d{{4}}年的?)?$")


def check(reading: Reading) -> Iterator[Verdict]:
    odd = _odd_values(reading)
    yield from odd.values()
    for i, c in reading.claims.items():
        if c.kind == "change" and c.own is None and reading.figures[i].unit in (POINTS, ""):
            yield from _growth_in_another_unit(reading, c)
        if c.kind == "change" and c.own is None and reading.figures[i].unit == "%" and not c.yearly:
            yield from _growth_of_base_by_change(reading, c)
        if c.kind != "change" or c.rate_diff or c.own is None or reading.claims[c.own].is_rate:
            continue
        if c.own in odd:
            continue  # the value is the one to fix: its two changes agree with each other
        base, steps = _base_of(reading, c)
        if base is not None:
            yield from _against_base(reading, c, base, steps)
        elif reading.figures[i].unit == "%" and not c.yearly:
            yield from _against_sibling(reading, c)
    for c in reading.claims.values():
        if c.kind == "change" and c.yearly and reading.figures[c.index].unit == "%" and c.base is None:
            yield from _yearly_from_total(reading, c)
        elif c.kind != "change" and (found := _from_to(reading, c)) is not None:
            yield found


def _odd_values(reading: Reading) -> dict[int, Verdict]:
    """总收入21.72亿元，比上年18.39亿元增加2.88亿元，增长15.66%: the amount and the rate of the change agree with
    each other from the previous value (18.39 + 2.88 = 21.27, +15.66%), not with the value: the value is wrong."""
    out: dict[int, Verdict] = {}
    for own, changes in reading.changes_of.items():
        cs = [reading.claims[j] for j in changes]
        amounts = [c for c in cs if reading.figures[c.index].unit not in ("%", POINTS) and c.base is not None]
        rates = [c for c in cs if reading.figures[c.index].unit == "%" and c.base is not None]
        if len(amounts) != 1 or len(rates) != 1 or amounts[0].base != rates[0].base or amounts[0].yearly:
            continue
        d, g, base = amounts[0], rates[0], reading.figures[amounts[0].base]
        f, df = reading.figures[own], reading.figures[d.index]
        if not same_family(df.unit, f.unit) or not same_family(base.unit, f.unit):
            continue
        (lo_b, hi_b), (lo_x, hi_x) = interval(base, f.unit), interval(df, f.unit)
        implied = (lo_b + lo_x, hi_b + hi_x) if d.direction >= 0 else (lo_b - hi_x, hi_b - lo_x)
        if meets(implied, shown(f)):
            continue  # the value holds
        rate, stated = growth(implied, interval(base, f.unit)), signed_shown(reading.figures[g.index], g)
        if rate is None or not meets(rate, stated):
            continue  # the two changes do not agree either: the rule below says which is off
        actual = growth(interval(f), interval(base))
        if actual is not None and meets(actual, stated):
            continue  # the rate holds for the value too (14.9% of either): the amount is the odd one
        source = f"text:sum({operands(reading, (amounts[0].base, d.index))})"
        says = f"{base.text.strip()}与所述增加{df.text.strip()}、增长{reading.figures[g.index].text.strip()}"
        expected = expected_text(f, mid(implied))
        for factor, unit in units_apart(f.unit):
            if meets((implied[0] / factor, implied[1] / factor), shown(f)):
                expected = format_figure(f.value, unit, f.decimals)  # 1.75万元 for 1.75亿元: the unit is off
                says += "，单位可能有误"
        out[own] = Verdict(own, "inconsistent", NAME, expected, source, f"{says}：应为{expected}")
    return out


LISTED = re.compile(r"\s*[、和及]")  # a value listed after another (the next of 720元、940元)


def _from_to(reading: Reading, c: Claim) -> Verdict | None:
    """由12.7%下降到3.98%, 从29万人减少至6.5万人, 2020年…4818.3万人。2021年…增长到4805.2万人: the verb's
    direction against the two values."""
    lead = reading.lead(c.index)
    # (the verbs' pattern is searched only in words that hold its 至 or 到: most values' do not)
    verb = TO_VERB.search(lead) if "至" in lead or "到" in lead else None
    if not verb and not LISTED.match(lead):
        return None  # most values: no 增至/下降到 before them, nothing to look back for
    # 分别由650元、850元提高到720元、940元: the verb before the first end value
    ends = reading.run_of(c.index)
    verb = verb if ends[0] == c.index else TO_VERB.search(reading.lead(ends[0]))
    if not verb:
        return None
    prev = reading.in_sentence(ends[0])
    base = prev[-1] if prev and reading.claims[prev[-1]].role == "base" else None
    if base is None and not prev:
        base = _last_year_before(reading, c)
    if base is None:
        return None
    if len(starts := reading.run_of(base)) == len(ends) > 1:
        base = starts[ends.index(c.index)]  # the k-th end value is the k-th start value's
    elif ends[0] != c.index:
        return None
    old, new = reading.figures[base], reading.figures[c.index]
    if not same_family(old.unit, new.unit):
        return None
    down = any(verb.group(1).startswith(w) for w in DOWN)
    said = "下降" if down else "增长"
    if amount(new) == amount(old):  # 由14所增加到14所: one of the two was copied from the other
        way = "没有变化"
    elif down == (amount(new) < amount(old)):
        return None
    else:
        way = "是反方向"
    return Verdict(
        c.index,
        "inconsistent",
        NAME,
        "",
        "",
        f"文字说“{said}”，但从{old.text.strip()}到{new.text.strip()}{way}",
    )


def _last_year_before(reading: Reading, c: Claim) -> int | None:
    """The value of the same thing a year earlier, stated in an earlier sentence of the paragraph."""
    stem = name_stem(TO_VERB.sub("", c.subject))
    if c.year is None or len(stem) < 4:
        return None
    ps, _ = reading.paragraph(reading.figures[c.index].start)
    earlier = [
        j
        for j in reading.between(ps, reading.figures[c.index].start)
        if (cj := reading.claims.get(j)) is not None
        and cj.kind != "change"
        and cj.year == c.year - 1
        and same_family(reading.figures[j].unit, reading.figures[c.index].unit)
        and name_stem(re.sub(r"(?:达到|增至|降至|为)$", "", cj.subject)) == stem
    ]
    return earlier[-1] if earlier else None


def _base_of(reading: Reading, c: Claim) -> tuple[int | None, int]:
    """The previous value: stated beside the change, or the first of a 分别为 run ending in its own value."""
    if c.base is not None:
        return c.base, 1
    run = reading.run_of(c.own)
    s, _ = reading.sentence(reading.figures[c.own].start)
    head = reading.text[s : reading.figures[run[0]].start]
    listed = (
        len(reading.run_of(c.index)) > 1
    )  # 分别为4203亿元…13999亿元，分别增长2.39%…3.99%: one change per value
    if len(run) >= 2 and run[-1] == c.own and "分别" in head[-8:] and not listed:
        return run[0], len(run) - 1
    return None, 1


def _years_between(reading: Reading, c: Claim, base: int) -> int | None:
    """The years from the base value to the change's own value, when the text names both years."""
    start = c.base_year or reading.claims[base].year or reading.claims[base].base_year
    end = reading.claims[c.own].year or reading.stated_year(c.own) if c.own is not None else None
    return end - start if start and end and end > start else None


def _against_base(reading: Reading, c: Claim, base: int, steps: int) -> Iterator[Verdict]:
    f, own, old = reading.figures[c.index], reading.figures[c.own], reading.figures[base]
    if c.yearly and steps == 1:  # 由2019年的4.42亿元增长到2023年的5.86亿元，…年均增长7.3%: four years
        steps = _years_between(reading, c, base)
        if steps is None:
            return  # 年均 over years the text does not give: nothing to compute
    per_year = steps if c.yearly else 1
    if f.unit == "%":
        exact = growth(interval(own), interval(old))
        formula = "growth"
        if exact is not None and c.yearly and steps > 1:
            exact = (
                ((1 + exact[0] / 100) ** (1 / steps) - 1) * 100,
                ((1 + exact[1] / 100) ** (1 / steps) - 1) * 100,
            )
    else:
        diff = minus(interval(own, f.unit), interval(old, f.unit))
        exact, formula = (diff[0] / per_year, diff[1] / per_year), "diff"
    if exact is None:
        return
    source = f"text:{formula}({operands(reading, (c.own, base))})"
    if meets(exact, signed_shown(f, c)):
        yield Verdict(c.index, "derived", NAME, source=source, message="由文中前后两个数值算出")
        return
    unit_error = _unit_error(reading, c, base, steps)
    if unit_error is not None:
        yield unit_error
        return
    value = mid(exact)
    wrong_way = meets((-exact[1], -exact[0]), signed_shown(f, c))
    message = (
        "增减方向与所列数值相反" if wrong_way else f"与所列数值{own.text.strip()}、{old.text.strip()}不符"
    )
    # 24644.62元，比上年24843.16元，增长0.81%: a fall said as a rise (a 同口径 growth has its own basis)
    same_basis = "同口径" in reading.text[reading.sentence(f.start)[0] : f.start]
    if not wrong_way and not same_basis and value * signed(f, c) < 0:
        message += f"：所列数值是{'下降' if value < 0 else '增长'}{expected_text(f, value)}，方向也要改"
    yield Verdict(c.index, "inconsistent", NAME, expected_text(f, value), source, message)


def _unit_error(reading: Reading, c: Claim, base: int, steps: int) -> Verdict | None:
    """The change holds when the previous value is read 10,000 times larger or smaller (元 for 万元)."""
    f, own, old = reading.figures[c.index], reading.figures[c.own], reading.figures[base]
    if f.unit != "%" or steps != 1:
        return None
    lo, hi = interval(old)
    for factor, unit in units_apart(old.unit):
        exact = growth(interval(own), (lo * factor, hi * factor))
        if exact is not None and meets(exact, signed_shown(f, c)):
            right = format_figure(old.value, unit, old.decimals)
            return Verdict(
                base,
                "inconsistent",
                "unit_error",
                right,
                "",
                f"单位可能有误：按{right}计算，所述增幅{f.text.strip()}才成立",
            )
    return None


def _sibling_growth(reading: Reading, c: Claim) -> tuple[Interval, str, int] | None:
    """The growth of c's value from the change stated beside it (6973所，比上年增加36所): the exact interval,
    the source formula and the index of the change."""
    change = next(
        (
            j
            for j in reading.changes_of.get(c.own, ())
            if j != c.index and reading.figures[j].unit not in ("%", POINTS)
        ),
        None,
    )
    return None if change is None else _growth_by_change(reading, c.own, change)


def _growth_by_change(reading: Reading, value: int, change: int) -> tuple[Interval, str, int] | None:
    own, delta_f = reading.figures[value], reading.figures[change]
    sign = reading.claims[change].direction or 1
    delta = interval(delta_f)
    old = minus(interval(own), (delta[0] * sign, delta[1] * sign))
    exact = growth(interval(own), old) if old[0] > 0 else None
    if exact is None:
        return None
    return exact, f"text:growth({operands(reading, (value, change))})", change


def _against_sibling(reading: Reading, c: Claim) -> Iterator[Verdict]:
    """全省幼儿园6973所，比上年增加36所，增长0.52%: the growth from the value and the change beside it."""
    found = _sibling_growth(reading, c)
    if found is None:
        return
    exact, source, change = found
    f, own, delta_f = reading.figures[c.index], reading.figures[c.own], reading.figures[change]
    if meets(exact, signed_shown(f, c)):
        yield Verdict(c.index, "derived", NAME, source=source, message="由文中数值及其增量算出")
        return
    total = reading.total_of.get(c.own)
    of_total = _growth_by_change(reading, total, change) if total is not None else None
    if of_total is not None and meets(of_total[0], signed_shown(f, c)):
        # 共有332899名毕业生，其中…专科生137260名，比上一年增加26876名，增幅8.78%: the change after the list's last
        # part is the total's (陕西 2015), as its growth proves
        yield Verdict(c.index, "derived", NAME, source=of_total[1], message="由文中数值及其增量算出")
        return
    yield Verdict(
        c.index,
        "inconsistent",
        NAME,
        expected_text(f, mid(exact)),
        source,
        f"与{own.text.strip()}及增量{delta_f.text.strip()}不符",
    )


def _growth_of_base_by_change(reading: Reading, c: Claim) -> Iterator[Verdict]:
    """一般公共预算教育经费较2022年的12.46亿元增加6200万元，增长5.98%: no value of this year in the sentence, but last
    year's right before the change of its unit, and the growth right after that change: 6200万元÷12.46亿元 = 4.98%."""
    prev = reading.in_sentence(c.index)
    if len(prev) < 2:
        return
    change, base = prev[-1], prev[-2]
    d, b = reading.claims[change], reading.claims[base]
    if d.kind != "change" or d.own is not None or b.role != "base" or b.kind == "change":
        return
    old, delta = reading.figures[base], reading.figures[change]
    if not same_family(old.unit, delta.unit) or old.unit in ("%", POINTS, "") or not d.direction:
        return
    exact = ratio(interval(delta), interval(old))
    if exact is None:
        return
    lo, hi = exact[0] * 100, exact[1] * 100
    exact = (lo, hi) if d.direction > 0 else (-hi, -lo)
    f = reading.figures[c.index]
    says = f"{delta.text.strip()}÷{old.text.strip()}"
    source = f"text:growth({operands(reading, (change, base))})"
    if meets((-exact[1], -exact[0]), signed_shown(f, c)) and not meets(exact, signed_shown(f, c)):
        yield Verdict(c.index, "inconsistent", NAME, f.text.strip(), source, "增减方向与所列数值相反")
        return  # 减少6200万元，增长4.98%
    yield judged(c.index, NAME, exact, f, source, says, printed=signed_shown(f, c))


def _growth_in_another_unit(reading: Reading, c: Claim) -> Iterator[Verdict]:
    """卫生保健人员118人，比上年增加10人，提高9.26个百分点: the growth of a count is a percentage (10/108 =
    9.26%), not 个百分点; 毕业生9587人，比上年减少243人，下降2.47: the same growth with its % left out, proven.
    Said only when the printed number is that growth, so the change of a rate named nearby is never questioned."""
    f, prev = reading.figures[c.index], reading.in_sentence(c.index)
    if not prev or (delta := reading.claims[prev[-1]]).kind != "change" or delta.own is None:
        return
    if {reading.figures[delta.own].unit, reading.figures[prev[-1]].unit} & {"%", POINTS, ""}:
        return
    found = _growth_by_change(reading, delta.own, prev[-1])
    if found is None or not meets(found[0], signed_shown(f, c)):
        return
    if f.unit == POINTS:
        yield Verdict(
            c.index,
            "inconsistent",
            "percent_for_points",
            expected_text(f, f.value, "%"),
            found[1],
            "数量的增长率应以“%”表示，不是“个百分点”",
        )
    else:
        yield Verdict(c.index, "derived", NAME, source=found[1], message="由文中数值及其增量算出（漏了“%”）")


def _yearly_from_total(reading: Reading, c: Claim) -> Iterator[Verdict]:
    """年均增长12.3%，2020年达到9410.76元，比2015年增长76.48%: ((1 + 76.48%)^(1/5) − 1) = 12.03%."""
    f = reading.figures[c.index]
    total = next(
        (
            j
            for j in reading.in_sentence(c.index, before=False) + reading.in_sentence(c.index)
            if (o := reading.claims[j]).kind == "change"
            and not o.yearly
            and reading.figures[j].unit == "%"
            and o.base_year
            and o.year
        ),
        None,
    )
    if total is None:
        return
    o, g = reading.claims[total], reading.figures[total]
    years = o.year - o.base_year
    if years < 2:
        return
    lo, hi = signed_shown(g, o)
    exact = (((1 + lo / 100) ** (1 / years) - 1) * 100, ((1 + hi / 100) ** (1 / years) - 1) * 100)
    source = f"text:cagr({g.text.strip()},{years}年)"
    said = f"{years}年累计增长{g.text.strip()}，年均应为{expected_text(f, mid(exact))}"
    yield judged(c.index, "cagr", exact, f, source, printed=signed_shown(f, c), message=said)
