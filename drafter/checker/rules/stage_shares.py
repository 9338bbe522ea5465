"""A level's share of a stage whose whole is not printed, against the same count of the stage's other levels.

"全市普通高中…;去年招生36744人;在校生102234人。…去年中等职业教育招生61374人,…占高中阶段教育招生总数的62.57%;
中等职业教育在校生173398人,…占高中阶段教育在校生总数的62.91%": 高中阶段 is 普通高中 and 中职, so the 招生 share is
61374 ÷ (61374 + 36744) = 62.55% and the 在校生 share 173398 ÷ (173398 + 102234) = 62.91%. A share that holds is
`derived`. One that fails is `inconsistent` only when another share of the text, taken the same way, holds: that
proves the text's stage is made of these levels (a 中职 that leaves out 技工, or a stage that also counts 成人高中,
would fail them all, and nothing is said).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafter.checker.labels import kinds_of, levels_of, paragraph_level
from drafter.checker.reading import Reading
from drafter.checker.rules.base import Verdict, interval, judged, operands, ratio, total
from drafter.checker.words import LEVEL_MADE_OF
from drafter.figures.numbers import same_family

NAME = "stage_share"
# 占高中阶段教育招生总数的 / 占义务教育在校生的比例为: the whole a share is of, named in the words before it
WHOLE = re.compile(r"占([\u4e00-\u9fff]{4,16}?)(?:总数|总人数|人数)?的?(?:比例|比重)?(?:为|是|达到|达)?$")
COUNTS = ("人", "万人", "所", "个", "班")
LEFT_OUT = frozenset({"技工"})  # a level a stage may or may not count (中职 often holds it): never added
REACH = 3000  # characters either side of a share within which its stage's other levels are looked for
PROOFS_NEEDED = 1  # other shares of a stage that hold before one that does not is called wrong


def check(reading: Reading) -> Iterator[Verdict]:
    verdicts = [v for i in reading.with_unit("%") if (v := _judge(reading, i)) is not None]
    proofs = sum(v.status == "derived" for v in verdicts)
    for verdict in verdicts:
        if verdict.status == "derived" or proofs >= PROOFS_NEEDED:
            yield verdict


def _judge(reading: Reading, i: int) -> Verdict | None:
    c = reading.claims[i]
    if c.kind != "share" or c.approx:
        return None
    named = WHOLE.search(reading.lead(i))
    if named is None:
        return None
    stage = next((s for s in levels_of(named.group(1)) if s in LEVEL_MADE_OF), None)
    kinds = kinds_of(named.group(1))
    if stage is None or not kinds:
        return None
    parts = set(LEVEL_MADE_OF[stage]) - LEFT_OUT
    own = _own(reading, i, kinds, parts)
    if own is None:
        return None
    found = [own]
    for level in sorted(parts - {_level(reading, own)}):
        other = _the_count(reading, i, kinds, level, reading.figures[own].unit)
        if other is None:
            return None
        found.append(other)
    f = reading.figures[i]
    exact = ratio(interval(reading.figures[own]), total([interval(reading.figures[j]) for j in found]))
    if exact is None:
        return None
    levels = "+".join(reading.figures[j].text.strip() for j in found)
    says = f"{stage}={levels}：{reading.figures[own].text.strip()}÷{stage}"
    source = f"text:share({operands(reading, (own,))},sum({operands(reading, found)}))"
    return judged(i, NAME, (exact[0] * 100, exact[1] * 100), f, source, says)


def _counted(reading: Reading, j: int, kinds: frozenset[str]) -> bool:
    """Figure j is a count (not a change, base or approximation) of what the share's whole counts."""
    c = reading.claims.get(j)
    return (
        c is not None
        and reading.figures[j].unit in COUNTS
        and c.kind in ("value", "total")
        and c.role != "base"
        and not c.approx
        and kinds_of(reading.lead(j)) == kinds
    )


def _level(reading: Reading, j: int) -> str:
    """The one level figure j's words name (中等职业教育招生), else the one its paragraph names before it."""
    named = levels_of(reading.lead(j))
    if len(named) == 1:
        return next(iter(named))
    if named:
        return ""
    words = paragraph_level(reading, reading.figures[j].start)
    named = levels_of(words) if words else frozenset()
    return next(iter(named)) if len(named) == 1 else ""


def _own(reading: Reading, i: int, kinds: frozenset[str], parts: set[str]) -> int | None:
    """The count the share is of: the last count of the same kind before it in its sentence, of one of the
    stage's levels (去年中等职业教育招生61374人，比上年减少4537人，占…: 61374, past the change)."""
    s, _ = reading.sentence(reading.figures[i].start)
    for j in reversed(reading.between(s, reading.figures[i].start)):
        if _counted(reading, j, kinds):
            return j if _level(reading, j) in parts else None
    return None


def _the_count(reading: Reading, i: int, kinds: frozenset[str], level: str, unit: str) -> int | None:
    """The one count of this kind and level near the share (普通高中…去年招生36744人, a paragraph before); None when
    there is none or more than one (two years, or a school's and the county's)."""
    at = reading.figures[i].start
    found = [
        j
        for j in reading.between(max(0, at - REACH), at + REACH)
        if same_family(reading.figures[j].unit, unit)
        and _counted(reading, j, kinds)
        and _level(reading, j) == level
    ]
    return found[0] if len(found) == 1 else None
