"""Changes of rates: 个百分点 between two stated rates, and % where 个百分点 is meant.

"占比为7.9%，2021年为7.4%，较上年减少了0.5%": the change of a rate is 0.5个百分点 (as a relative change
it would be 6.3%); "教育支出增长高于财政经常性收入增长5.12%": a gap between two growth rates is in
个百分点 too; "毛入园率92.3%，比上年提高1.2个百分点" with 上年91.1% stated: proven.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafter.checker.claims import POINTS, Claim, rate_subject
from drafter.checker.reading import Reading
from drafter.checker.rules.base import (
    Verdict,
    expected_text,
    growth,
    interval,
    judged,
    meets,
    mid,
    minus,
    operands,
    signed_shown,
)
from drafter.checker.rules.series import no_move_of_its_rates
from drafter.checker.words import RATE_WORDS
from drafter.core.types import Figure
from drafter.figures.numbers import matches_shown, same_family, swapped_digits

NAME = "percent_for_points"
RATE_MOVE_IN_POINTS = "比率的升降应以“个百分点”表示，不是“%”"
COUNT_THEN_BASE = re.compile(r"\s*[，,]\s*(?:较|比)(?:上年|去年|上一年)(?:的|为)?\s*")
BASE_THEN_CHANGE = re.compile(r"\s*(?:增长|增加|减少|下降)了?\s*")
COUNT_THEN_CHANGE = re.compile(r"\s*[，,]\s*(?:较上年|比上年|同比)(?:增长|增加|减少|下降)了?\s*")


def check(reading: Reading) -> Iterator[Verdict]:
    for c in reading.claims.values():
        if c.kind != "change":
            continue
        if c.rate_diff:
            yield from _rate_gap(reading, c)
        elif c.own is not None and reading.claims[c.own].is_rate:
            yield from _rate_change(reading, c)
        elif reading.figures[c.index].unit == POINTS and c.own is None and _points_of_a_count(reading, c):
            f = reading.figures[c.index]
            yield Verdict(
                c.index,
                "inconsistent",
                NAME,
                expected_text(f, f.value, "%"),
                "",
                "数量的增减应以“%”表示，“个百分点”只用于比率",
            )
        elif reading.figures[c.index].unit == "%" and c.own is None and _bare_rate_change(reading, c):
            f = reading.figures[c.index]
            yield _points_meant(c, f, f.value)
    yield from _between_points(reading)
    yield from _gap_to_compared(reading)
    yield from _above_an_average(reading)


# 占报考生数的13%，比全省平均值高1%: a rate against an average (not printed) is higher by points
ABOVE_AVERAGE = re.compile(
    r"[，,]\s*(?:(?:比|较)[^，。；\d]{0,12}?(?:平均值|平均水平)(?:高|低)(?:出|了)?|(?:高于|低于|高出|超出)[^，。；\d]{0,12}?(?:平均值|平均水平))"
)


def _above_an_average(reading: Reading) -> Iterator[Verdict]:
    """A % right after a rate, said higher or lower than an average the text does not print (比全省平均值高1%,
    高于全国平均水平2.1%): the gap between two rates is in 个百分点 (武汉 2006, holdout11)."""
    for i in reading.with_unit("%"):
        f = reading.figures[i]
        if not ABOVE_AVERAGE.fullmatch(reading.lead(i)):
            continue
        before = reading.in_sentence(i)
        if before and reading.figures[before[-1]].unit == "%" and reading.claims[before[-1]].is_rate:
            yield _points_meant(
                reading.claims[i], f, f.value, "比率与平均水平之差应以“个百分点”表示，不是“%”"
            )


# 下降8.45个百分点，比全国平均水平(4.20%)高4.25个百分点: the words before the gap after a figure
GAP_WORD = re.compile(r"(?:高|低|多|少|快|慢)(?:了|出)?$")


def _between_points(reading: Reading) -> Iterator[Verdict]:
    """文盲率下降8.45个百分点，比全国平均水平(4.20%)高4.25个百分点: a % figure between two figures in 个百分点 that
    differ from it by the second (8.45 − 4.20 = 4.25) is itself a change in 个百分点."""
    for i in reading.with_unit("%"):
        f = reading.figures[i]
        before, nxt = reading.in_sentence(i), reading.next_in_sentence(i)
        if not before or nxt is None:
            continue
        a, z = reading.figures[before[-1]], reading.figures[nxt]
        if a.unit != POINTS or z.unit != POINTS or not GAP_WORD.search(reading.lead(nxt)):
            continue
        gap = minus(interval(a, "%"), interval(f, "%"))
        if meets(gap, interval(z, "%")) or meets((-gap[1], -gap[0]), interval(z, "%")):
            yield Verdict(
                i,
                "inconsistent",
                NAME,
                expected_text(f, f.value, POINTS),
                f"text:rate_diff({operands(reading, (before[-1], nxt))})",
                f"{a.text.strip()}与{f.text.strip()}相差{z.text.strip()}：{f.text.strip()}也是比率的升降，应以“个百分点”表示",
            )


# 覆盖率85%，比全国平均水平75%高出10个百分点: the words between the compared rate and the gap, and before that rate
GAP_AFTER_COMPARED = re.compile(r"[^，。；]{0,6}?(?<![提升])(?:高出|高|超出|低)了?")
COMPARED_BEFORE = re.compile(r"比[^，。；比]{0,16}$")


def _gap_to_compared(reading: Reading) -> Iterator[Verdict]:
    """已有85%的县通过认定，…，比国家要求的中西部地区75%的目标高出10个百分点: a gap in 个百分点 after a rate the
    sentence compares with (比…75%) is the rate before that one less it (a proof only: no near miss is called
    wrong; 比上年的 is a change, read above)."""
    for i in reading.with_unit(POINTS):
        before = reading.in_sentence(i)
        if len(before) < 2 or reading.claims[before[-1]].role == "base":
            continue
        a, b, f = reading.figures[before[-2]], reading.figures[before[-1]], reading.figures[i]
        if a.unit != "%" or b.unit != "%" or not GAP_AFTER_COMPARED.fullmatch(reading.lead(i)):
            continue
        # the printed rates' own difference, as printed: a gap one off (9 for 85% − 75%) is left to the data
        printed = matches_shown(f.value, f.decimals, abs(a.value - b.value))
        if printed and COMPARED_BEFORE.search(reading.lead(before[-1])):
            yield Verdict(i, "derived", NAME, source=f"text:rate_diff({operands(reading, before[-2:])})")


def _points_meant(c: Claim, f: Figure, value: float, message: str = RATE_MOVE_IN_POINTS) -> Verdict:
    """The change c printed in % where 个百分点 is meant: `value` as it should read, in 个百分点."""
    return Verdict(c.index, "inconsistent", NAME, expected_text(f, value, POINTS), "", message)


def _points_of_a_count(reading: Reading, c: Claim) -> bool:
    """在园幼儿24.78万人，较上年增长2.58个百分点: a count or an amount right before, and only 较上年增长 between —
    no rate named (毛入园率较上年提高2.58个百分点 is a rate's change)."""
    before = reading.in_sentence(c.index)
    if not before:
        return False
    value = reading.figures[before[-1]]
    if value.unit in ("%", POINTS, "") or reading.claims[before[-1]].kind == "change":
        return False
    if reading.claims[before[-1]].role == "base" and len(before) >= 2:
        return _amount_then_base(reading, before[-2], before[-1], c.index)
    return bool(COUNT_THEN_CHANGE.fullmatch(reading.text[value.end : reading.figures[c.index].start]))


def _amount_then_base(reading: Reading, own: int, base: int, i: int) -> bool:
    """教育支出8.52亿元，比上年的8.13亿元增长4.8个百分点: an amount, last year's amount of the same unit family, and only
    the change word after it."""
    o, b = reading.figures[own], reading.figures[base]
    return (
        same_family(o.unit, b.unit)
        and COUNT_THEN_BASE.fullmatch(reading.text, o.end, b.start) is not None
        and BASE_THEN_CHANGE.fullmatch(reading.text, b.end, reading.figures[i].start) is not None
    )


def _bare_rate_change(reading: Reading, c: Claim) -> bool:
    """大班额比例下降了16.2%: no figure before it, but the words right before name a rate — not a rate of change
    itself (增长率, 压减率96.5% of 培训机构, 下降率, 减少率: the relative change of a count, rightly in %)."""
    lead = reading.lead(c.index)
    return not reading.in_sentence(c.index) and bool(
        re.search(r"(?:比例|占比|比重|[^增减降长少]率)(?:比上年|较上年|同比)?[^，]{0,4}$", lead)
    )


def _rate_change(reading: Reading, c: Claim) -> Iterator[Verdict]:
    f, own = reading.figures[c.index], reading.figures[c.own]
    s, _ = reading.sentence(f.start)
    if f.unit == "%" and not (rate_subject(reading, c) or RATE_WORDS.search(reading.text[s : f.start])):
        return
    base = c.base
    if base is None and no_move_of_its_rates(reading, c):
        return
    points = minus(interval(own, "%"), interval(reading.figures[base], "%")) if base is not None else None
    if f.unit == POINTS:
        if points is None:
            return
        source = f"text:pp_change({operands(reading, (c.own, base))})"
        printed = signed_shown(f, c)
        yield judged(
            c.index, "pp_change", points, f, source, printed=printed, message="与所列两个比率之差不符"
        )
        return
    if points is not None:
        relative = growth(interval(own), interval(reading.figures[base]))
        printed = signed_shown(f, c)
        if (
            relative is not None
            and meets(relative, printed)
            and not _points_read_better(points, relative, printed)
        ):
            yield Verdict(
                c.index, "derived", "growth", source=f"text:growth({operands(reading, (c.own, base))})"
            )
            return
    counted = _count_growth(reading, c)
    if counted is not None:  # 硬上线592人，硬上线率为44.1%，比上年（硬上线441人、29.2%）增长34.2%: 592 ÷ 441
        yield Verdict(c.index, "derived", "growth", source=f"text:growth({operands(reading, counted)})")
        return
    value = (points[0] + points[1]) / 2 if points is not None else f.value
    yield _points_meant(c, f, value)


def _points_read_better(points: tuple[float, float], relative: tuple[float, float], printed) -> bool:
    """由90.1%提高到91.3%，提高了1.2%: the difference of the two rates is the printed figure itself, while their
    relative growth (1.33%) reaches it only at the edge of the rates' rounding — the points are what was meant."""
    return meets((mid(points),) * 2, printed) and not meets((mid(relative),) * 2, printed)


def _count_growth(reading: Reading, c: Claim) -> tuple[int, int] | None:
    """A count of the sentence and last year's count of the same unit after 上年 whose growth the % is: then it is
    the count's growth, printed after its rate, not the rate's change."""
    f = reading.figures[c.index]
    if f.unit != "%":
        return None
    before = [j for j in reading.in_sentence(c.index) if reading.figures[j].unit not in ("%", POINTS, "")]
    for k, new in enumerate(before):
        for old in before[k + 1 :]:
            a, b = reading.figures[new], reading.figures[old]
            if a.unit != b.unit or "上年" not in reading.text[a.end : b.start]:
                continue
            exact = growth(interval(a), interval(b))
            if exact is not None and meets(exact, signed_shown(f, c)):
                return new, old
    return None


def _rate_gap(reading: Reading, c: Claim) -> Iterator[Verdict]:
    """增长10.2%，高于财政经常性收入增长8.85%…1.35个百分点 / 增长高于…增长5.12%: a gap of growth rates."""
    f = reading.figures[c.index]
    if "negative" in c.notes and f.value:
        said = "高于" if c.direction > 0 else "低于"
        yield Verdict(
            c.index,
            "inconsistent",
            "rate_diff",
            "",
            "",
            f"文字说“{said}”，差值却为负数{f.text.strip()}：实际是反方向",
        )
        return
    if f.unit == "%":
        yield _points_meant(c, f, f.value, "两个增长率之差应以“个百分点”表示，不是“%”")
        return
    before = reading.in_sentence(c.index)
    rates = [j for j in before if reading.claims[j].kind == "change" and reading.figures[j].unit == "%"]
    if len(rates) < 2 and "gap after" in c.notes:
        # 增长21.98%，高于财政经常性收入15.20%的增长幅度，增长6.78个百分点: the second rate is named, not a change
        rates = [j for j in before if reading.figures[j].unit == "%"]
    proof_only = False
    if (
        len(rates) < 2
    ):  # 教育经费…增长8.32%；财政经常性收入…增长9.16%，…增长比例低于…0.84个百分点: in the paragraph
        start = reading.paragraph(f.start)[0]
        rates = [
            j
            for j in reading.between(start, f.start)
            if reading.claims[j].kind == "change" and reading.figures[j].unit == "%"
        ]
        proof_only = True  # rates found this far away prove the gap, they do not contradict it
    if len(rates) < 2:
        return
    a, b = reading.figures[rates[-2]], reading.figures[rates[-1]]
    gap = minus(signed_shown(a, reading.claims[rates[-2]]), signed_shown(b, reading.claims[rates[-1]]))
    gap = (abs(gap[0]), abs(gap[1])) if gap[0] >= 0 else (abs(gap[1]), abs(gap[0]))
    source = f"text:rate_diff({operands(reading, rates[-2:])})"
    printed = (f.value - 0.5 * 10.0**-f.decimals, f.value + 0.5 * 10.0**-f.decimals)
    verdict = judged(c.index, "rate_diff", gap, f, source, printed=printed, message="与两个增长率之差不符")
    # (rates that far away prove the gap; they contradict it only when it is theirs with two digits swapped:
    # 低于…0.48个百分点 after 8.32% and 9.16%)
    if verdict.status == "derived" or not proof_only or swapped_digits(f.text, verdict.expected):
        yield verdict
