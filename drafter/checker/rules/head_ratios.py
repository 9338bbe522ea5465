"""A ratio printed as a:b against the two counts its sentence states: 生师比 / 师生比 and 普职比.

"全县小学在校生31250人，专任教师1929人，生师比为16.2:1": 31250 ÷ 1929 = 16.2. "学前教育专任教师1120人，在园幼儿
13200人，师生比为1:11.8": 13200 ÷ 1120 = 11.8. "普通高中在校生6210人，中职在校生2860人，普职比为6.8:3.2": the two
sides add up to 10 and 6210 ÷ (6210 + 2860) = 68.5% is 6.8 of them. The two numbers of a ratio are no figures of
their own (they are ignored as figures); the verdict is on the number that is not 1 (on the first of 普职比). Only when the sentence states
exactly one count of each side (a proof or a contradiction of those very counts, nothing guessed).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafter.checker.reading import Reading, amount
from drafter.checker.rules.base import Verdict, interval, judged, operands, ratio
from drafter.core.types import Figure

NAME = "head_ratio"
# 幼儿与专任教师之比为11.5:1: pupils per teacher said in words too
NAMED = re.compile(
    r"(生师比|师生比|普职比|职普比|(?:幼儿|学生|在校生|在园幼儿)与(?:专任)?教师之?比|(?:专任)?教师与(?:幼儿|学生|在校生)之?比)"
    r"(?:为|是|达到|达|约为)?\s*$"
)
COLON = re.compile(r"\s*[:：∶]\s*")
STUDENTS = re.compile(r"在校生|在校学生|学生|在园幼儿|幼儿")
TEACHERS = re.compile(r"专任教师|教师")
GENERAL = re.compile(r"普通高中|普高")
VOCATIONAL = re.compile(r"中职|中等职业|职业高中|职高")


def check(reading: Reading) -> Iterator[Verdict]:
    figures = reading.figures
    for k in range(len(figures) - 1):
        a, b = figures[k], figures[k + 1]
        if a.ignored != "ratio" or b.ignored != "ratio" or not COLON.fullmatch(reading.text, a.end, b.start):
            continue
        s, _ = reading.sentence(a.start)
        named = NAMED.search(reading.text, max(s, a.start - 16), a.start)
        if named is None:
            continue
        counts = [j for j in reading.between(s, reading.sentence(a.start)[1]) if _a_count(reading, j)]
        if named.group(1) in ("普职比", "职普比"):
            verdict = _general_to_vocational(reading, k, a, b, counts, named.group(1) == "职普比")
        else:
            verdict = _students_per_teacher(reading, k, a, b, counts)
        if verdict is not None:
            yield verdict


def _a_count(reading: Reading, j: int) -> bool:
    f = reading.figures[j]
    return (
        f.unit in ("人", "万人") and reading.claims[j].kind in ("value", "total") and not reading.is_change(j)
    )


def _one(
    reading: Reading, counts: list[int], words: re.Pattern[str], not_words: re.Pattern[str] | None = None
) -> int | None:
    """The one count of the sentence whose own words say `words` (and not `not_words`)."""
    found = [
        j
        for j in counts
        if words.search(reading.clause(j)) and not (not_words and not_words.search(reading.clause(j)))
    ]
    return found[0] if len(found) == 1 else None


def _students_per_teacher(
    reading: Reading, k: int, a: Figure, b: Figure, counts: list[int]
) -> Verdict | None:
    """16.2:1 (生师比) or 1:11.8 (师生比): the side that is not 1 is students per teacher."""
    if b.value == 1:
        at, side = k, a
    elif a.value == 1:
        at, side = k + 1, b
    else:
        return None
    students = _one(reading, counts, STUDENTS, TEACHERS)
    teachers = _one(reading, counts, TEACHERS)
    if students is None or teachers is None:
        return None
    s, t = reading.figures[students], reading.figures[teachers]
    exact = ratio(interval(s, "人"), interval(t, "人"))
    if exact is None or amount(s) <= amount(t):
        return None
    return judged(
        at,
        NAME,
        exact,
        side,
        f"text:ratio({operands(reading, (students, teachers))})",
        f"{s.text.strip()}÷{t.text.strip()}",
    )


def _general_to_vocational(
    reading: Reading, k: int, a: Figure, b: Figure, counts: list[int], reverse: bool
) -> Verdict | None:
    """6.8:3.2 (普职比) of ten: 普通高中's share of the two counts, in tenths."""
    if abs(a.value + b.value - 10) > 1e-9:
        return None
    general = _one(reading, counts, GENERAL)
    vocational = _one(reading, counts, VOCATIONAL)
    if general is None or vocational is None:
        return None
    g, v = reading.figures[general], reading.figures[vocational]
    first, second = (
        (interval(v, "人"), interval(g, "人")) if reverse else (interval(g, "人"), interval(v, "人"))
    )
    whole = (first[0] + second[0], first[1] + second[1])
    share = ratio(first, whole)
    if share is None:
        return None
    tenths = (share[0] * 10, share[1] * 10)
    names = (v, g) if reverse else (g, v)
    return judged(
        k,
        NAME,
        tenths,
        a,
        f"text:ratio({operands(reading, (general, vocational))})",
        f"{names[0].text.strip()}÷({g.text.strip()}+{v.text.strip()})×10",
    )
