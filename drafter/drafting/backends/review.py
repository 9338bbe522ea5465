"""Judging a cleaned reply: what makes it unusable, in words the retry prompt can show the model.

Problems, in the order they are looked for: empty, garbled, unknown_slots (a name the section was not
given), foreign (sentences in another language: Japanese kana, four English words in a row), broken_slots (a `[[` or `]]` left over), doubled_unit (`[[a@2020]]亿元` where the slot already
prints 亿元: "21.09亿元亿元"), placeholder (an exemplar's `X亿元`, `xx市`, `20XX年`), year_mismatch (a
slot of another year than the one its sentence names: "2020年…[[a@2019]]", whatever the two values are),
typed_figures (a figure typed with its unit that is in no slot and not in the user's facts or instructions).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from drafter.core.types import Slot, SourceData
from drafter.drafting.backends.base import SectionRequest
from drafter.drafting.backends.replies import SLOT, is_garbled

UNIT_WORDS = (
    "个百分点",
    "百分点",
    "平方米",
    "万人",
    "亿元",
    "万元",
    "元",
    "%",
    "％",
    "亿",
    "万",
    "所",
    "个",
    "人",
    "名",
    "班",
)
_PLACEHOLDER = re.compile(
    r"(?<![A-Za-z])(?:\d{0,4}[XxＸｘ×]{1,4}(?:\.[XxＸｘ×\d]+)?|某某)"
    r"(?=亿元|万元|元|个百分点|%|％|所|个|人|名|班|市|县|区|省|年|月|日|项|次|万)"
)
_SENTENCE_END = re.compile(r"[。！？；;!?\n]")
_KANA = re.compile(r"[\u3041-\u309f\u30a1-\u30fa]{2,}")  # kana: Japanese, never in a Chinese report
_ENGLISH = re.compile(
    r"[A-Za-z]{2,}(?:[ ,;:'’\-]+[A-Za-z]{2,}){3,}"
)  # four words: a sentence, not STEAM or 5G
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年|(上年|上一年|去年|前一年)")
_COMPARE_BEFORE = re.compile(r"(比|较|相比|对比|同|与|和)\s*$")
_NEAR = 4  # characters between a comparison year and its slot: 较2019年的[[a@2019]]


@dataclass(frozen=True)
class Problem:
    code: str  # "" when the reply is usable
    details: tuple[str, ...] = ()  # the slot names or the text at fault

    def __bool__(self) -> bool:
        return bool(self.code)


OK = Problem("")


def judge(
    text: str,
    slots: Mapping[str, Slot],
    known: frozenset[str] | None = None,
    given: frozenset[str] | None = None,
) -> Problem:
    """The first problem of a cleaned reply; `known` are every name the filler accepts (default: `slots`);
    `given`, the numbers the user's own words hold (facts, instructions): any other figure typed is a problem."""
    if not text.strip():
        return Problem("empty")
    if is_garbled(text):
        return Problem("garbled")
    names = known if known is not None else frozenset(slots)
    unknown = tuple(dict.fromkeys(m.group(1) for m in SLOT.finditer(text) if m.group(1) not in names))
    if unknown:
        return Problem("unknown_slots", unknown)
    for check in (foreign, broken_slots, doubled_units, placeholders):
        found = check(text, slots)
        if found:
            return found
    mismatched = year_mismatches(text)
    if mismatched or given is None:
        return mismatched
    return typed_figures(text, given)


# a figure typed with its unit, outside any slot (2021年 is a year, not a figure: 年 is no unit here)
_TYPED = re.compile(
    r"(?<![\d.@\[])(\d+(?:\.\d+)?)\s?(?=个百分点|百分点|%|％|亿元|万元|元|万人|人次|人|所|个|名|班|平方米|项|次|家|万|亿)"
)
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def typed_figures(text: str, given: frozenset[str]) -> Problem:
    """新建改扩建学校17所 typed by the model: a figure that is in no slot and not in the user's own words (the facts
    and instructions it was given) comes from nowhere — an exemplar's, or made up. The checker may even find it
    equal to some unrelated value."""
    rest = SLOT.sub("", text)
    found = [
        rest[max(0, m.start() - 6) : m.end() + 2] for m in _TYPED.finditer(rest) if m.group(1) not in given
    ]
    return Problem("typed_figures", tuple(dict.fromkeys(found))[:5]) if found else OK


def given_numbers(source: SourceData, *texts: str) -> frozenset[str]:
    """Every number written in the user's own words — the facts of every indicator, the lists (整改, 问题, 措施,
    经验), the metrics' labels and `texts` (an editor's instructions, the heading): a reply may copy them."""
    said = [f for facts in source.facts.values() for f in facts]
    said += [*source.rectification, *source.problems, *source.plans, *source.experiences, *texts]
    said += [m.label for m in source.metrics]  # 56人以上大班额: a label's own number
    return frozenset(n for text in said for n in _NUMBER.findall(text or ""))


def given_in(request: SectionRequest) -> frozenset[str]:
    """`given_numbers` of a section request: its source's words, the editor's instructions and its heading."""
    return given_numbers(request.source, request.instructions, request.spec.heading)


def foreign(text: str, slots: Mapping[str, Slot] | None = None) -> Problem:
    """Sentences of another language than the report's (a model answering in Japanese or English): the
    Chinese characters in them pass as prose, so they were drafted as they came."""
    rest = SLOT.sub("", text)
    pieces = [_around(rest, m) for m in _KANA.finditer(rest)][:1] + _ENGLISH.findall(rest)[:2]
    return Problem("foreign", tuple(pieces)) if pieces else OK


def _around(text: str, match: re.Match[str]) -> str:
    return text[max(0, match.start() - 8) : match.end() + 8]


def broken_slots(text: str, slots: Mapping[str, Slot] | None = None) -> Problem:
    rest = SLOT.sub("", text)
    pieces = re.findall(r".{0,12}(?:\[\[|\]\]|［［|］］).{0,12}", rest)
    return Problem("broken_slots", tuple(pieces)) if pieces else OK


def _unit_tail(slot_text: str) -> str:
    return re.sub(r"^[\d.,\-+]+", "", slot_text)


def _doubles(tail: str, after: str) -> bool:
    """`after` starts with a unit the slot's own text already ends with (or begins: 亿 of 亿元)."""
    if not tail:
        return False
    return any(
        after.startswith(u) and (u == tail or tail.endswith(u) or tail.startswith(u)) for u in UNIT_WORDS
    )


def doubled_units(text: str, slots: Mapping[str, Slot]) -> Problem:
    found = []
    for m in SLOT.finditer(text):
        slot = slots.get(m.group(1))
        if slot is not None and _doubles(_unit_tail(slot.text), text[m.end() : m.end() + 4]):
            found.append(f"[[{m.group(1)}]]{text[m.end() : m.end() + 4]}")
    return Problem("doubled_unit", tuple(found)) if found else OK


def placeholders(text: str, slots: Mapping[str, Slot] | None = None) -> Problem:
    found = [text[m.start() : m.end() + 2] for m in _PLACEHOLDER.finditer(SLOT.sub("", text))]
    return Problem("placeholder", tuple(dict.fromkeys(found))) if found else OK


def _slot_year(name: str) -> int | None:
    match = re.fullmatch(r"[a-z_]+\.[a-z0-9_]+@(\d{4})", name)
    return int(match.group(1)) if match else None


def _year_marks(sentence: str) -> list[tuple[int, int, bool]]:
    """(end offset, year, is a comparison base) for every year the sentence names, 上年 resolved."""
    marks: list[tuple[int, int, bool]] = []
    subject = None
    for m in _YEAR.finditer(sentence):
        compare = bool(_COMPARE_BEFORE.search(sentence[: m.start()]))
        if m.group(1):
            year = int(m.group(1))
        elif subject is not None:
            year, compare = subject - 1, True
        else:
            continue
        if not compare:
            subject = year
        marks.append((m.end(), year, compare))
    return marks


def _sentence_mismatches(sentence: str) -> list[str]:
    marks, found = _year_marks(sentence), []
    for m in SLOT.finditer(sentence):
        year = _slot_year(m.group(1))
        before = [mark for mark in marks if mark[0] <= m.start()]
        if year is None or not before:
            continue
        subject = next((y for _, y, compare in reversed(before) if not compare), None)
        end, last, compare = before[-1]
        near = compare and m.start() - end <= _NEAR
        if (near and year == last) or year == subject or (subject is None and not near):
            continue
        said = last if near else subject
        found.append(f"{said}年……[[{m.group(1)}]]")
    return found


def year_mismatches(text: str) -> Problem:
    found = [item for sentence in _SENTENCE_END.split(text) for item in _sentence_mismatches(sentence)]
    return Problem("year_mismatch", tuple(found)) if found else OK
