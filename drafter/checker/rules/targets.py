"""A figure against the standard stated beside it: 高于/低于/达到 the standard, by how much, and the gap left.

"16477.24元，超出省定12000元标准37.3%" (the excess is proven or not); "覆盖率78.5%，高于省定80%的目标"
(a contradiction); "毛入园率45.8%，距50%的目标还差4.2个百分点" (the gap to the standard).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafter.checker.reading import Reading, amount
from drafter.checker.rules.base import Verdict, expected_text, interval, meets, mid, minus, operands, shown
from drafter.checker.words import GAP_BEFORE, STANDARD_WORDS, TARGET_VERB
from drafter.figures.numbers import convert, format_figure, matches_shown, same_family, to_base

NAME = "stated_target"
CEILING = re.compile(r"(?:≤|<|＜|不超过|不高于|不大于)\s*$")
# 教师平均工资收入105632元，当地公务员平均工资收入102118元，高出3514元: the gap of the two figures before it, said
# with nothing between (高出全省2.1个百分点 compares with a figure not printed)
BARE_GAP = re.compile(  # 核定编制…，实有在编…，空编; …，教师工资高出 / 两者相差: what is compared may be named
    r"[，,]\s*(?:(?!比|较|同比|上年|去年)[\u4e00-\u9fff]){0,8}?(?:高出|多出|相差|差额|空编|缺编|超编)(?:为|是)?"
)
SHARE_OF_IT = re.compile(r"的\d")  # a share of the standard follows it
STANDARD_TAIL = re.compile(
    r"(?:的)?(?:国家|省定|省级|市定|规定|规划)?(?:的)?(?:标准|要求|指标|目标|水平)?[，]?(?:超出|高出|差额|相差|多出)?(?:为|是)?"
)  # 高于95%的省定标准2.6个百分点; 高于当地公务员平均工资收入10.98万元，差额0.28万元


def check(reading: Reading) -> Iterator[Verdict]:
    for i in reading.active:
        nxt = reading.next_in_sentence(i)  # the figures after it are listed only when a verb is between
        claim = reading.claims[i]
        if nxt is not None and claim.kind != "change" and not claim.approx and claim.role != "base":
            # (首次突破900亿元，达到913亿元: a threshold passed, then the value — no standard; 比上年的650元提高70元，
            # 达到720元: the value last year, then this year's)
            change = nxt if reading.claims[nxt].kind == "change" else None
            if change is not None:  # 巩固率98.6%，比上年提高0.3个百分点，高于省定95%的目标3.6个百分点
                nxt = reading.next_in_sentence(change)
            if nxt is None:
                continue
            a, b = reading.figures[change if change is not None else i], reading.figures[nxt]
            verb = TARGET_VERB.match(reading.text[a.end : b.start].lstrip("，"))
            if (
                verb
                and "，" not in reading.text[a.end : b.start].lstrip("，")[verb.end() :]
                and same_family(reading.figures[i].unit, b.unit)
                and (verb.group(1) != "完成" or _a_plan_done(reading, a.end, nxt))
            ):
                after = [j for j in reading.in_sentence(i, before=False) if j != change]
                yield from _against_standard(reading, i, after, verb.group(1))
        if GAP_BEFORE.search(reading.lead(i)) or BARE_GAP.fullmatch(reading.lead(i)):
            yield from _gap(reading, i)


# 完成年度目标35所 / 完成省定35所的目标任务: what 完成 is measured against (装饰完成8所，完成23所 counts stages)
PLAN_NAMED = re.compile(r"计划|任务|目标|标准|要求|指标")
PLAN_AFTER = re.compile(r"的?(?:年度|全年)?(?:计划|任务|目标|标准|要求|指标)")


def _a_plan_done(reading: Reading, since: int, j: int) -> bool:
    """完成 compares with a standard only when a plan or standard is named with the figure after it."""
    b = reading.figures[j]
    return bool(PLAN_NAMED.search(reading.text, since, b.start) or PLAN_AFTER.match(reading.text, b.end))


THAN_TAIL = re.compile(r"(高出|多出|超出|高|多|低|少)了?")  # 比…10.98万元高0.28万元: the way and the gap


def _than(reading: Reading, i: int, after: list[int]) -> Iterator[Verdict]:
    """教师年平均工资收入11.26万元，比当地公务员年平均工资收入10.98万元高0.28万元: the way the two figures differ
    (高 or 低 right after the second) and by how much."""
    a, b = reading.figures[i], reading.figures[after[0]]
    if len(after) < 2 or a.unit == "%" or not same_family(a.unit, b.unit):
        return  # (比上年提高…: changes are the changes rule's)
    x = reading.figures[after[1]]
    way = THAN_TAIL.fullmatch(reading.text, b.end, x.start)
    if way is None or not same_family(x.unit, a.unit):
        return
    up = way.group(1) not in ("低", "少")
    va, vb = amount(a), amount(b)
    if up and va < vb or not up and va > vb:
        yield Verdict(
            i, "inconsistent", NAME, "", "", f"{a.text.strip()}比{b.text.strip()}{way.group(1)}，方向矛盾"
        )
        return
    gap = (
        minus(interval(a, x.unit), interval(b, x.unit))
        if up
        else minus(interval(b, x.unit), interval(a, x.unit))
    )
    source = f"text:exceed({operands(reading, (i, after[0]))})"
    if meets(gap, shown(x)):
        yield Verdict(after[1], "derived", NAME, source=source)
    else:
        expected = expected_text(x, mid(gap))
        yield Verdict(
            after[1],
            "inconsistent",
            NAME,
            expected,
            source,
            f"{a.text.strip()}与{b.text.strip()}之差应为{expected}",
        )


# 国家50%和省政府55%: a second standard listed after the first, of whom it is (和省政府, 、省定)
MORE_STANDARD = re.compile(r"[和及、与][^，。；、\d]{0,8}")


def _more_standards(reading: Reading, after: list[int]) -> list[int]:
    """The standards listed after the first one (after[0]) of a 高于/达到 …: each joined to the one before by 和/及/、
    and a few words naming whose it is."""
    listed = []
    for prev, k in zip(after, after[1:], strict=False):
        if not MORE_STANDARD.fullmatch(reading.text[reading.figures[prev].end : reading.figures[k].start]):
            break
        listed.append(k)
    if listed:  # 达到90%和95%以上的学校分别占80%和35%: thresholds things are counted by, no standards
        end = reading.figures[listed[-1]].end
        if "分别" in re.split(r"[，,。；;]", reading.text[end : end + 40], maxsplit=1)[0]:
            return []
    return listed


def _breaks(verb: str, value: float, standard: float) -> bool:
    """The value is not what `verb` says of it against the standard (低于: under it; 高于, 达到 …: not under it)."""
    return value >= standard if verb == "低于" else value < standard


def _against_standard(reading: Reading, i: int, after: list[int], verb: str) -> Iterator[Verdict]:
    if verb == "比":
        yield from _than(reading, i, after)
        return
    a, b = reading.figures[i], reading.figures[after[0]]
    va, vb = amount(a), amount(b)
    if CEILING.search(reading.text[max(0, b.start - 4) : b.start]):
        return  # 均达到国家规定要求（小学≤0.65，初中≤0.55）: a ceiling is reached by staying under it
    if SHARE_OF_IT.match(reading.text, b.end):
        return  # 完成年度计划15万平方米的80%: how much of the standard was done, not that it was
    if _breaks(verb, va, vb):
        yield Verdict(i, "inconsistent", NAME, "", "", f"{a.text.strip()}与“{verb}{b.text.strip()}”矛盾")
        return
    for k in _more_standards(reading, after):  # 高于国家50%和省政府55%的规划指标: each standard listed
        c = reading.figures[k]
        if same_family(a.unit, c.unit) and _breaks(verb, va, amount(c)):
            said = f"{a.text.strip()}与“{verb}…{c.text.strip()}”矛盾"
            yield Verdict(i, "inconsistent", NAME, "", "", said)
            return
    if len(after) < 2 or not STANDARD_TAIL.fullmatch(reading.text[b.end : reading.figures[after[1]].start]):
        return
    x = reading.figures[after[1]]
    if x.unit == "%" == a.unit == b.unit:
        yield from _rate_over_in_percent(reading, i, after)
        return
    if x.unit == "个百分点" and a.unit not in ("%", "个百分点") and vb:
        # 16477.24元，超出省定12000元标准37.3个百分点: an amount exceeds its standard by a share of it, in %
        share = (va - vb) / vb * 100
        right = format_figure(
            x.value if matches_shown(x.value, x.decimals, share) else share, "%", x.decimals
        )
        said = f"({a.text.strip()}−{b.text.strip()})÷{b.text.strip()}={right}"
        why = f"金额超出标准的幅度是百分比（{said}），应写“%”，不是“个百分点”"
        source = f"text:exceed({operands(reading, (i, after[0]))})"
        yield Verdict(after[1], "inconsistent", NAME, right, source, why)
        return
    if x.unit == "%" and a.unit != "%":
        expected, unit = ((va - vb) / vb * 100 if vb else None), "%"
    elif x.unit == "个百分点" and a.unit == "%" or same_family(x.unit, a.unit) and x.unit != "%":
        expected, unit = (
            convert(va - vb, to_base(1, a.unit)[1], x.unit if x.unit != "个百分点" else "%"),
            x.unit,
        )
    else:
        return
    if expected is None:
        return
    source = f"text:exceed({operands(reading, (i, after[0]))})"
    over = f"÷{b.text.strip()}" if unit == "%" else ""  # an excess in % is of the standard: (a−b)÷b
    if meets((expected, expected), shown(x)) or _within(reading, i, after[0], after[1], unit):
        yield Verdict(after[1], "derived", NAME, source=source)
    else:
        yield Verdict(
            after[1],
            "inconsistent",
            NAME,
            expected_text(x, expected, unit),
            source,
            f"({a.text.strip()}−{b.text.strip()}){over}应为{expected_text(x, expected, unit)}",
        )


def _rate_over_in_percent(reading: Reading, i: int, after: list[int]) -> Iterator[Verdict]:
    """巩固率98.3%，高于省定95%的标准3.3%: a rate above a standard rate by their difference, printed in % — the gap of
    two rates is in 个百分点 (a relative excess, 3.5%, would be in %)."""
    a, b, x = (reading.figures[j] for j in (i, *after[:2]))
    points, relative = a.value - b.value, (a.value - b.value) / b.value * 100 if b.value else None
    if not matches_shown(x.value, x.decimals, points) or relative is None:
        return
    if matches_shown(x.value, x.decimals, relative):
        return
    right = format_figure(x.value, "个百分点", x.decimals)
    source = f"text:exceed({operands(reading, (i, after[0]))})"
    yield Verdict(after[1], "inconsistent", NAME, right, source, "比率与标准之差应以“个百分点”表示，不是“%”")


def _within(reading: Reading, i: int, j: int, k: int, unit: str) -> bool:
    """The excess holds for some value the two printed figures may stand for; a standard named as one (省定95%的
    目标, 95%的省定标准) is the number printed, not a rounded one: 98.6% is 3.6 points above it, never 3.8."""
    a, b, x = reading.figures[i], reading.figures[j], reading.figures[k]
    target = x.unit if x.unit != "个百分点" else "%"
    said = reading.text[a.end : x.start]
    if STANDARD_WORDS.search(said) and "水平" not in said:
        level = amount(b) if unit == "%" else convert(b.value, b.unit, target)
        held = (level, level)
    else:
        held = interval(b, target if unit != "%" else None)
    if unit == "%":
        lo_a, hi_a = interval(a)
        if held[0] <= 0:
            return False
        return meets(((lo_a - held[1]) / held[1] * 100, (hi_a - held[0]) / held[0] * 100), shown(x))
    return meets(minus(interval(a, target), held), shown(x))


def _gap(reading: Reading, i: int) -> Iterator[Verdict]:
    """距50%的目标还差4.2个百分点: the standard right before the gap, the value earlier in the sentence."""
    g = reading.figures[i]
    before = reading.in_sentence(i)
    if len(before) < 2:
        return
    standard, value = before[-1], before[-2]
    s, v = reading.figures[standard], reading.figures[value]
    unit = "%" if g.unit == "个百分点" else g.unit
    if not (same_family(s.unit, unit) and same_family(v.unit, unit)):
        return
    gap = minus(interval(s, unit), interval(v, unit))
    source = f"text:gap({operands(reading, (standard, value))})"
    if meets(gap, shown(g)) or meets((-gap[1], -gap[0]), shown(g)):
        yield Verdict(i, "derived", "gap", source=source)
    else:
        yield Verdict(
            i,
            "inconsistent",
            "gap",
            expected_text(g, abs((gap[0] + gap[1]) / 2)),
            source,
            f"{s.text.strip()}与{v.text.strip()}之差不符",
        )
