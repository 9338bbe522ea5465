"""A list of shares against the amounts of the things it lists, stated earlier in the text.

"教育经费总投入在学前教育、义务教育、高中阶段教育、高等教育和其他教育间的分配占比分别为5.65%、7.21%、…":
each level's amount (学前教育经费总投入为2802亿元 …) was printed before, and so was the whole (总投入为38866亿元);
the k-th share is the k-th item's amount over the whole. "公办园120所、民办园80所，分别占64.2%、…": the amounts
are the run right before the shares. A share that holds is `derived`; one that does not is `inconsistent` only
when the rest of the list proves the amounts and the whole were read right: every other share holds, or the
shares are exactly the right ones listed in another order.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from drafter.checker.labels import clause_of, unbracketed
from drafter.checker.reading import Reading, amount
from drafter.checker.rules.base import (
    Interval,
    Verdict,
    interval,
    judged,
    meets,
    operands,
    ratio,
    shown,
    total,
)
from drafter.figures.numbers import same_family

NAME = "listed_shares"
# the words between the listed items and 分别: 间的分配占比, 所占比重, 的比例 …
SHARE_TAIL = re.compile(r"(?:之?间)?的?(?:分配)?(?:所占|占)?(?:比重|比例|占比)$")
ITEM = re.compile(r"[\u4e00-\u9fff（）()]{2,12}")
LOOK_BACK = 80  # figures before the list's sentence that may be its amounts and its whole


def check(reading: Reading) -> Iterator[Verdict]:
    seen: set[int] = set()
    for i in reading.with_unit("%"):
        if i in seen or reading.claims[i].kind == "change":
            continue
        run = reading.run_of(i)
        seen.update(run)
        if len(run) >= 3 and all(not reading.is_change(j) for j in run):
            yield from _judge_list(reading, run)


def _judge_list(reading: Reading, run: list[int]) -> Iterator[Verdict]:
    first = reading.figures[run[0]]
    s, _ = reading.sentence(first.start)
    head = reading.text[s : first.start]
    cut = head.rfind("分别")
    if cut < 0 or len(head) - cut > 6:
        return
    parts = _listed_amounts(reading, run, head[:cut], s)
    if parts is None:
        parts = _amounts_of_a_whole_unsaid(reading, run, head[:cut], s)
        if parts is not None:
            yield from _of_their_sum(reading, run, parts)
        return
    best: tuple[int, bool, int, list[Interval]] | None = None  # hits, reordered, the whole, the shares
    for w in _wholes(reading, parts, first.start):
        maybe = [_share(reading, p, w) for p in parts]
        shares = [x for x in maybe if x is not None]
        if len(shares) != len(parts):
            continue
        hits = sum(meets(x, shown(reading.figures[j])) for x, j in zip(shares, run, strict=True))
        found = (hits, _reordered(reading, run, shares), w, shares)
        if best is None or found[:2] >= best[:2]:  # the most shares held; the nearest whole of as many
            best = found
    if best is None:
        return
    hits, reordered, w, shares = best
    n = len(run)
    if hits < n and hits < max(2, n - 1) and not reordered:
        return
    shifted = "，所列占比与项目错位" if hits < max(2, n - 1) else ""
    for j, p, exact in zip(run, parts, shares, strict=True):
        says = f"{reading.figures[p].text.strip()}÷{reading.figures[w].text.strip()}"
        verdict = judged(j, NAME, exact, reading.figures[j], f"text:share({operands(reading, (p, w))})", says)
        yield replace(verdict, message=verdict.message + shifted) if verdict.message else verdict


OF_UNSTATED_WHOLE = re.compile(r"^占[\u4e00-\u9fff]{2,12}?(?:总数|总量|总额|总计|总人数)?的?(?:比例|比重)?$")


def _amounts_of_a_whole_unsaid(reading: Reading, run: list[int], before: str, s: int) -> list[int] | None:
    """研究生、本科生、高职专科生分别为27859人、151604人和93708人，占招生总数的比例分别为10.2%、55.5%和34.3%: the
    run of as many amounts right before, of one unit, when the shares are of a whole the text does not state."""
    clause = re.split(r"[，,：:；;]", before)[-1].strip()
    prior = [j for j in reading.between(s, reading.figures[run[0]].start) if reading.figures[j].unit != "%"]
    if not OF_UNSTATED_WHOLE.match(clause) or len(prior) < len(run):
        return None
    amounts = prior[-len(run) :]
    if reading.run_of(amounts[0]) != amounts or any(reading.is_change(j) for j in amounts):
        return None
    unit = reading.figures[amounts[0]].unit
    return amounts if all(reading.figures[j].unit == unit for j in amounts) else None


def _of_their_sum(reading: Reading, run: list[int], parts: list[int]) -> Iterator[Verdict]:
    """Each share of the sum of the amounts, when the shares add up to all of it (100%, at their precision) or all
    but one of three or more hold: the list splits that whole. A share that does not hold is wrong only when the
    others hold."""
    printed = [shown(reading.figures[j]) for j in run]
    all_of_it = sum(lo for lo, _ in printed) <= 100 <= sum(hi for _, hi in printed)
    whole = total([interval(reading.figures[p]) for p in parts])
    shares = [ratio(interval(reading.figures[p]), whole) for p in parts]
    if any(x is None for x in shares):
        return
    exact = [(x[0] * 100, x[1] * 100) for x in shares if x is not None]
    hits = sum(meets(x, shown(reading.figures[j])) for x, j in zip(exact, run, strict=True))
    if hits < len(run) - 1 or not all_of_it and (hits == len(run) or len(run) < 3):
        return  # (all but one share hold on a list of three or more: the list splits that sum all the same)
    names = "+".join(reading.figures[p].text.strip() for p in parts)
    for j, p, x in zip(run, parts, exact, strict=True):
        says = f"{reading.figures[p].text.strip()}÷({names})"
        yield judged(
            j,
            NAME,
            x,
            reading.figures[j],
            f"text:share({reading.figures[p].text.strip()},sum({operands(reading, parts)}))",
            says,
        )


def _listed_amounts(reading: Reading, run: list[int], before: str, s: int) -> list[int] | None:
    """The amount of each listed item: the run of amounts right before 分别, or each item's amount stated
    earlier under its own name."""
    clause = re.split(r"[，,：:；;]", before)[-1]
    prior = reading.between(s, reading.figures[run[0]].start)
    if not clause.strip() and prior:  # 公办园120所、民办园80所，分别占…
        amounts = [j for j in prior if reading.figures[j].unit != "%" and not reading.is_change(j)][
            -len(run) :
        ]
        unit = reading.figures[amounts[0]].unit
        if len(amounts) == len(run) and all(reading.figures[j].unit == unit for j in amounts):
            return amounts
        return None
    if prior and reading.figures[prior[-1]].end > s + len(before) - len(clause):
        return None
    names = SHARE_TAIL.sub("", unbracketed(clause).strip())
    names = names.split("在", 1)[1] if "在" in names else names
    items = [x.strip() for x in re.split(r"[、和及与]", names)]
    if len(items) != len(run) or not all(ITEM.fullmatch(x) for x in items):
        return None
    amounts = [a for x in items if (a := _named_amount(reading, x, s)) is not None]
    if len(amounts) != len(items) or len(set(amounts)) != len(amounts):
        return None
    unit = reading.figures[amounts[0]].unit
    return amounts if all(same_family(reading.figures[a].unit, unit) for a in amounts) else None


def _named_amount(reading: Reading, item: str, s: int) -> int | None:
    """The nearest amount before offset s whose own clause names the item (学前教育经费总投入为2802亿元)."""
    for j in reversed(_before(reading, s)):
        f = reading.figures[j]
        if f.unit == "%" or reading.is_change(j) or reading.claims[j].role == "base":
            continue
        if unbracketed(clause_of(reading, j)).startswith(item) or _names_first(reading, j, item):
            return j
    return None


def _names_first(reading: Reading, j: int, item: str) -> bool:
    """全国高等教育经费总投入为…: the item after a region word at the clause start."""
    clause = unbracketed(clause_of(reading, j))
    k = clause.find(item)
    return 0 <= k <= 3 and not re.search(r"[其中为是]", clause[:k])


def _wholes(reading: Reading, parts: list[int], s: int) -> list[int]:
    """The amounts before the list that may be the whole: of the parts' unit family, larger than each."""
    unit = reading.figures[parts[0]].unit
    biggest = max(amount(reading.figures[p]) for p in parts)
    return [
        j
        for j in _before(reading, s)
        if j not in parts
        and same_family(reading.figures[j].unit, unit)
        and not reading.is_change(j)
        and amount(reading.figures[j]) > biggest
    ]


def _before(reading: Reading, s: int) -> list[int]:
    """The last LOOK_BACK figures of the article before offset s."""
    start = reading.articles[reading.article(s)]
    return reading.between(start, s)[-LOOK_BACK:]


def _share(reading: Reading, p: int, w: int) -> Interval | None:
    exact = ratio(interval(reading.figures[p]), interval(reading.figures[w]))
    return None if exact is None else (exact[0] * 100, exact[1] * 100)


def _reordered(reading: Reading, run: list[int], shares: list[Interval]) -> bool:
    """The printed shares are the right ones, in another order: each right share is printed once."""
    free = list(run)
    for exact in shares:
        k = next((k for k, j in enumerate(free) if meets(exact, shown(reading.figures[j]))), None)
        if k is None:
            return False
        free.pop(k)
    return True
