"""A total against the parts listed with it.

"改建3.2万平方米，新建9.6万平方米，合计12.8万平方米" and "共建立党组织391个，其中党委21个、党总支22个、
党支部348个" are proven; a 其中 list is summed only when it claims to split its total (共/合计 before it,
分别 in it) or when its parts add up to more than the total. A subset ("教职工3093人，其中专任教师2802人")
and a breakdown of another quantity are left alone.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from drafter.checker.claims import Claim, complementary, part_words
from drafter.checker.labels import levels_of
from drafter.checker.reading import Reading
from drafter.checker.rules.base import (
    BIGGER,
    COUNTS,
    SMALLER,
    Interval,
    Verdict,
    expected_text,
    interval,
    meets,
    operands,
    shown,
    total,
)
from drafter.core.types import Figure
from drafter.figures.numbers import format_figure, same_family

NAME = "listed_total"
SWAPPED_NOTE = "；只差相邻两位数字的顺序，可能是录入时颠倒"  # a list short of its total by a swap (`swapped`)
# 医疗机构728家，其中，二级医疗机构1家、…、医务室1家 (twelve kinds): a list this long names every kind, not its main
# ones: short of its total by one mistyped digit of the total (728 for 727) it is wrong (one part's digit retyped
# explains too many gaps when most parts are 1家)
MANY_PARTS = 8
HALF = 0.5  # a 共…其中 list that adds up to less than half its total lists some parts only, it is no typo


def check(reading: Reading) -> Iterator[Verdict]:
    yield from _odd_unit_in_bracket(reading)
    yield from _split_again(reading)
    for c in reading.claims.values():
        if not c.parts or c.kind != "total" or c.approx or any(reading.claims[j].approx for j in c.parts):
            continue
        f = reading.figures[c.index]
        parts = [interval(reading.figures[j], f.unit) for j in c.parts]  # each part's once, not once per sum
        sums = [total(parts[:n]) for n in range(1, len(parts) + 1)]
        whole = sums[-1]
        n = _first_matching(sums, f)
        if n:
            yield Verdict(c.index, "derived", NAME, source=f"text:sum({operands(reading, c.parts[:n])})")
        elif _another_adds_up(reading, c.index, c.parts):
            continue
        elif (wrong_unit := _unit_error(reading, c.index, c.parts)) is not None:
            yield wrong_unit
        elif not meets(whole, shown(f)) and (
            c.exhaustive and whole[1] >= f.value * HALF or whole[0] > shown(f)[1]
        ):
            short = whole[1] < shown(f)[0]
            if not short or c.summed or _one_typo(reading, c.index, c.parts):
                yield _wrong(reading, c.index, c.parts, whole)
        elif len(c.parts) >= MANY_PARTS and whole[1] < shown(f)[0] and _total_retyped(f, whole):
            yield _wrong(reading, c.index, c.parts, whole)
        elif whole[1] < shown(f)[0] and (twin := _complete_twin(reading, c)) is not None:
            yield _wrong(reading, c.index, c.parts, whole, twin)
        elif len(c.parts) >= 2 and whole[1] >= f.value * HALF and swapped(reading, c.index, c.parts):
            yield _wrong(reading, c.index, c.parts, whole, note=SWAPPED_NOTE)


# levels_of's places and owners: what a second split is by
NOT_STAGES = frozenset({"城区", "乡镇", "公办", "民办"})


def _split_again(reading: Reading) -> Iterator[Verdict]:
    """合计45所。其中城区学校12所，农村学校35所: the second split of a total added up from the items before it, a
    pair that is all there is (城区/农村, 公办/民办), adds up to it. (Other lists may count traits that overlap:
    其中标准化学校40所，寄宿制学校20所.)"""
    for c in reading.claims.values():
        if not c.split or c.approx or any(reading.claims[j].approx for j in c.split):
            continue
        f = reading.figures[c.index]
        whole = total([interval(reading.figures[j], f.unit) for j in c.split])
        if any(levels_of(part_words(reading, j)) - NOT_STAGES for j in c.split):
            continue  # 小学28所、初中14所，合计42所。其中农村小学20所，城区小学8所: a split of one of its items
        if not meets(whole, shown(f)) and complementary(reading, list(c.split)):
            yield _wrong(reading, c.index, c.split, whole)


def _first_matching(sums: list, f) -> int:
    """A list that goes on past its total (其中小学…初中…高中…，在园幼儿…): the first two or more parts that
    add up to it (0 when none)."""
    return next((n + 1 for n, s in enumerate(sums) if n >= 1 and meets(s, shown(f))), 0)  # n parts: sums[n-1]


def _another_adds_up(reading: Reading, i: int, parts: tuple[int, ...]) -> bool:
    """共录取考生28698人，第一次网报志愿，共录取考生25723名，第二次征集志愿，共录取考生2975名: read as a total of the
    figures before it, 2975 is wrong; but the figures add up with another of them as the total (28698 = 25723 + 2975),
    and the text is read wrong, not written wrong."""
    figures = [i, *parts]
    starts = {j: reading.figures[j].start for j in figures}
    if len(figures) < 3 or any(starts[j] > starts[i] for j in parts):
        return (
            False  # only a total read from the figures before it (a 其中 part is never larger than its total)
        )
    first = min(figures, key=starts.__getitem__)  # the one the others may be the parts of: the first printed
    unit = reading.figures[i].unit
    others = total([interval(reading.figures[j], unit) for j in figures if j != first])
    return meets(others, interval(reading.figures[first], unit))


def _unit_error(reading: Reading, i: int, parts: tuple[int, ...]) -> Verdict | None:
    """投入3298万元，包括…889万元、…1000元、…1409万元: the list adds up once one part is read in the unit
    10,000 times larger or smaller (元 for 万元) — that part's unit is the error, not the total."""
    f = reading.figures[i]
    if len(parts) < 2:
        return None
    for j in parts:
        p = reading.figures[j]
        for unit in (BIGGER.get(p.unit, ""), SMALLER.get(p.unit, "")):
            if unit != f.unit:
                continue  # only the odd one out: a part in 元 among 万元, read in the total's unit
            fixed = replace(p, unit=unit)
            whole = total([interval(fixed if k == j else reading.figures[k], f.unit) for k in parts])
            if meets(whole, shown(f)):
                right = format_figure(p.value, unit, p.decimals)
                return Verdict(
                    j,
                    "inconsistent",
                    "unit_error",
                    right,
                    f"text:sum({operands(reading, parts)})",
                    f"单位可能有误：按{right}计算，各项之和才等于{f.text.strip()}",
                )
    return None


def _one_typo(reading: Reading, i: int, parts: tuple[int, ...]) -> bool:
    """共有专任教师81025人，其中…(7 levels) adds up to 80953: a 共…其中 list may name its main items only, so a
    list that adds up to less is called wrong only when one mistyped digit explains it — one digit of a part
    or of the total changed, or two next to each other swapped (共建立党组织391个，其中…党支部338个: 348)."""
    return _adds_up_retyped(reading, i, parts, swaps_only=False)


def swapped(reading: Reading, i: int, parts: tuple[int, ...]) -> bool:
    """发放资助资金1532.6万元，其中学前教育126万元，义务教育阶段568.6万元，普通高中829万元: a 其中 list may name some
    parts only, but one that adds up to the total with two adjacent digits of it (or of a part) swapped (1523.6) is
    a retyped figure — by chance a partial list hits a swap of a figure of three or more digits rarely."""
    return _adds_up_retyped(reading, i, parts, swaps_only=True)


def _adds_up_retyped(reading: Reading, i: int, parts: tuple[int, ...], swaps_only: bool) -> bool:
    """The parts add up to the total once one of them, or the total, is retyped (`_retyped`)."""
    f = reading.figures[i]
    figures = [reading.figures[j] for j in parts]
    spans = [
        interval(q, f.unit) for q in figures
    ]  # the parts as printed, each read once (a sum per retyped part)
    for k, p in enumerate(figures):
        for typed in _retyped(p, swaps_only):
            if meets(total([*spans[:k], interval(typed, f.unit), *spans[k + 1 :]]), shown(f)):
                return True
    return _total_retyped(f, total(spans), swaps_only)


def _total_retyped(f: Figure, whole: Interval, swaps_only: bool = False) -> bool:
    """The parts add up to the total once the total is retyped (`_retyped`): 727 for the printed 728."""
    return any(meets(whole, shown(typed)) for typed in _retyped(f, swaps_only))


def _retyped(f: Figure, swaps_only: bool = False) -> Iterator[Figure]:
    """The figure with one digit changed or two adjacent digits swapped (only swapped, of three or more digits)."""
    digits = f"{f.value:.{f.decimals}f}"
    places = [k for k, ch in enumerate(digits) if ch.isdigit()]
    if swaps_only and len(digits.lstrip("0.")) < 3:
        return
    edits = (
        set()
        if swaps_only
        else {digits[:k] + d + digits[k + 1 :] for k in places for d in "0123456789" if d != digits[k]}
    )
    edits |= {
        digits[:a] + digits[b] + digits[a] + digits[b + 1 :]
        for a, b in zip(places, places[1:], strict=False)
        if b == a + 1 and digits[a] != digits[b]
    }
    for text in sorted(edits):
        if not (swaps_only and text.startswith("0") and len(text) > 1 and text[1] != "."):
            yield replace(f, value=float(text))


def _wrong(
    reading: Reading,
    i: int,
    parts: tuple[int, ...],
    whole: tuple[float, float],
    twin: Claim | None = None,
    note: str = "",
) -> Verdict:
    f = reading.figures[i]
    value = (whole[0] + whole[1]) / 2
    names = "+".join(reading.figures[j].text.strip() for j in parts)
    source = f"text:sum({operands(reading, parts)})"
    why = f"所列各项之和为{expected_text(f, value)}（{names}）"
    if twin is not None:
        t = reading.figures[twin.index]
        why += f"；按同样各级列出的{twin.subject}{t.text.strip()}恰为其各项之和，可见所列各级已是全部"
    return Verdict(i, "inconsistent", NAME, expected_text(f, value), source, why + note)


TWIN_REACH = (
    400  # characters between two totals split by the same levels (基本情况's 学校 / 学生 / 教师 lines)
)


def _complete_twin(reading: Reading, c: Claim) -> Claim | None:
    """在校学生160765人。其中，幼儿…小学生…初中生…普高学生…中职学生…特教学生… adds up exactly; 专任教师8108人。其中，
    幼儿园…小学…初中…普通高中…中职学校…特教… the same six levels, 216 short: a total split by the same three or
    more levels as a nearby total whose parts add up to it lists every level too, so its shortfall is an error
    (a 共…其中 list alone may name its main items only)."""
    levels = _part_levels(reading, c.parts)
    if levels is None:
        return None
    f = reading.figures[c.index]
    # the figures within reach, in text order (the claims' order): not every claim of the text
    for j in reading.between(f.start - TWIN_REACH, f.start + TWIN_REACH + 1):
        other, o = reading.claims[j], reading.figures[j]
        if other is c or not other.parts or other.kind != "total" or abs(o.start - f.start) > TWIN_REACH:
            continue
        if _part_levels(reading, other.parts) == levels and meets(
            total([interval(reading.figures[j], o.unit) for j in other.parts]), shown(o)
        ):
            return other
    return None


def _part_levels(reading: Reading, parts: tuple[int, ...]) -> frozenset[str] | None:
    """The levels of a list's parts, one each and all different (None otherwise, or for fewer than three)."""
    levels = [levels_of(part_words(reading, j)) for j in parts]
    if len(levels) < 3 or any(len(x) != 1 for x in levels):
        return None
    found = frozenset(next(iter(x)) for x in levels)
    return found if len(found) == len(levels) else None


OPEN_BRACKET = ("（", "(")


def _odd_unit_in_bracket(reading: Reading) -> Iterator[Verdict]:
    """幼儿园4033人(公办1239所,民办2794人) (富民 2022 as published): the split in the bracket adds up to its total only
    with the part printed in another count's unit read in the total's (1239人): that unit is the error."""
    text, figures = reading.text, reading.figures
    for i in reading.active:
        f = figures[i]
        if f.unit not in COUNTS or not text.startswith(OPEN_BRACKET, f.end):
            continue
        close = min((k for k in (text.find("）", f.end), text.find(")", f.end)) if k > f.end), default=-1)
        inside = list(reading.between(f.end, close)) if close > 0 else []
        # (教学点校点7个 among schools in 所 is a part as it is, as 名 among 人)
        odd = [
            j
            for j in inside
            if not same_family(figures[j].unit, f.unit) and {figures[j].unit, f.unit} != {"所", "个"}
        ]
        if (
            len(inside) < 2
            or len(odd) != 1
            or any(figures[j].unit not in COUNTS for j in inside)
            or any(not same_family(figures[j].unit, f.unit) for j in inside if j not in odd)
        ):
            continue  # (幼儿园30所（教学班20个，专任教师10人）: classes and teachers, no split of the 30)
        p = figures[odd[0]]
        slack = 0.5 * 10.0 ** -max(figures[j].decimals for j in (i, *inside)) + 1e-9
        if p.value <= 0 or abs(sum(figures[j].value for j in inside) - f.value) > slack:
            continue
        right = format_figure(p.value, f.unit, p.decimals)
        yield Verdict(
            odd[0],
            "inconsistent",
            "unit_error",
            right,
            f"text:sum({operands(reading, tuple(inside))})",
            f"单位可能有误：按{right}计算，括号内各项之和才等于{f.text.strip()}",
        )
