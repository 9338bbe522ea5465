"""One text carried a year forward: each linked figure replaced by the new period's figure computed by code, the
years it is stated for moved on, 增长/下降 following the new sign; every figure that cannot be proven kept as it
was and listed for review (待核实). Works on one string (a report's body) and returns the edits, in its offsets.

The rules: a value `key@Y` becomes `key@Y+1`; a formula `growth(key,2019,2020)` becomes `growth(key,2020,2021)`
(the old current-year value is the new comparison base), evaluated by `figures.derive`; a standard (`key.target`)
and a statement of the new metrics file (`facts…`) stay. A year moves on when a carried figure of its sentence is
stated for it (or it is the year a carried figure's paragraph states before it).
"""

from __future__ import annotations

import re

from drafter.carry.edits import Edit, NewFigure
from drafter.carry.linker import REF, LinkedFigure
from drafter.carry.years import DOWN_WORDS, YEAR_DIGITS, claim_edits, year_edits
from drafter.core.errors import DrafterError
from drafter.core.types import SourceData
from drafter.figures.derive import evaluate
from drafter.figures.numbers import convert, format_number, same_family

# linked and proven against last year's values (a rule may still question it: then the new figure is rechecked);
# a `mismatch` (the words name a metric whose value differs) is not trusted: it goes to the review list
CARRIED = frozenset({"verified", "derived", "inconsistent"})
SIGNED = frozenset({"diff", "growth", "pp_change", "exceed_target", "exceed_target_pct"})
# formulas printed at the writer's fixed precision whatever last year showed (增长5%, recomputed as 5.22%,
# is written 增长5.22%, as a fresh draft writes it): see drafting/slots.FIXED_PRECISION
FIXED_PRECISION = frozenset({"growth"})
FLIPS = {
    "增长": "下降", "增加": "减少", "提高": "降低", "提升": "下降", "上升": "下降", "增幅": "降幅",
    "下降": "增长", "减少": "增加", "降低": "提高", "回落": "上升", "降幅": "增幅",
    "超出": "低于", "高出": "低于", "高于": "低于", "超过": "低于", "低于": "高于",
}  # fmt: skip
DIRECTION = re.compile("|".join(sorted(FLIPS, key=len, reverse=True)))
APPROXIMATE = re.compile(r"余|多")  # right after the number
APPROXIMATE_BEFORE = re.compile(r"(?:约|近|逾|超过|将近)\s*$")
NUMBER = re.compile(r"\d[\d,]*(?:\.\s?\d+)?")
STATEMENTS = ("facts.", "rectification", "problems", "plans", "experiences")
FUTURE = re.compile(r"确保|力争|争取|计划|预计|目标|下一步|今后|三年内|到20\d\d年|将")


def carry(text: str, figures: tuple[LinkedFigure, ...], new: SourceData, shift: int = 1) -> list[Edit]:
    """The edits that carry `text` forward by `shift` years: figures, their years and direction words, and the
    review items (status kept-for-review, new == old). Edits never overlap; they come sorted by offset."""
    edits: list[Edit] = []
    carried: list[tuple[LinkedFigure, NewFigure]] = []
    words: dict[
        tuple[int, int], list[tuple[LinkedFigure, str]]
    ] = {}  # a 增长/下降 word → what each figure needs
    for f in figures:
        if f.ignored:
            continue
        found = new_figure(f, new, shift, text[max(0, f.start - 3) : f.start])
        if not isinstance(found, str) and found.status != "kept" and _future(text, f):
            found = "计划或目标中的数字 / a plan or target, not a result"
        if isinstance(found, str):
            edits.append(_review(f, f.source, found))
            continue
        figure_edits, need = _figure_edits(text, f, found)
        edits += figure_edits
        if need is not None:
            words.setdefault(need[0], []).append((f, need[1]))
        carried.append((f, found))
    edits = _shared_words(text, edits, words)
    edits += _target_words(text, carried, figures, edits)
    edits += year_edits(text, figures, carried, new, shift)
    edits += claim_edits(text, edits)
    return sorted(edits, key=lambda e: e.start)


# 巩固率95.43%，完成95%省定目标 / 覆盖率78.5%，未达到80%的目标: the verb, then the standard it is measured against
TARGET = re.compile(
    r"[，,]?(?:均|已|已经)?(未|没有|尚未)?(达到|完成|实现|超过|高于|低于)了?(?:省定|国家|市定|县定)?"
)
REACHED = {
    "达到": "未达到",
    "完成": "未完成",
    "实现": "未实现",
    "超过": "低于",
    "高于": "低于",
    "低于": "高于",
}


def _target_words(
    text: str,
    carried: list[tuple[LinkedFigure, NewFigure]],
    figures: tuple[LinkedFigure, ...],
    edits: list[Edit],
) -> list[Edit]:
    """完成/达到/未达到 the standard printed right after a carried level follow its new value (the standard itself
    is the new data's target when linked, else as printed): 94.23%，完成95%省定目标 → 94.23%，未完成95%省定目标."""
    out = []
    new_of = {e.start: e.new for e in edits if e.kind == "figure"}
    later = sorted((g for g in figures if not g.ignored), key=lambda g: g.start)
    for f, found in carried:
        value = _number(new_of.get(f.start, ""))
        if found.signed or f.change or value is None:
            continue
        verb = TARGET.match(text, f.end)
        if verb is None:
            continue
        standard = next((g for g in later if g.start >= verb.end()), None)
        if standard is None or standard.start - verb.end() > 6 or standard.unit != f.unit:
            continue
        level = _number(new_of.get(standard.start, standard.text))
        if level is None:
            continue
        said_above = (verb.group(2) != "低于") != bool(verb.group(1))  # 达到95% / 未达到95%, 低于95%
        if (value >= level) == said_above:
            continue
        start = verb.start(1) if verb.group(1) else verb.start(2)
        word = verb.group(2) if verb.group(1) else REACHED[verb.group(2)]  # 未达到 → 达到, 达到 → 未达到
        reason = "新数与标准的关系变了 / the new value now stands on the other side of the standard"
        out.append(
            Edit(start, verb.end(2), text[start : verb.end(2)], word, "recomputed", "word", reason=reason)
        )
    return out


def _number(printed: str) -> float | None:
    found = NUMBER.search(printed)
    return float(found.group(0).replace(",", "").replace(" ", "")) if found else None


def _review(f: LinkedFigure, source: str, reason: str) -> Edit:
    return Edit(f.start, f.end, f.text, f.text, "kept-for-review", source=source, reason=reason)


def _shared_words(text: str, edits: list[Edit], words: dict) -> list[Edit]:
    """One 增长/下降 word serves every figure listed after it (分别增长6.00%、7.14%): turned when they all fall
    now, kept when they all rise. When they go both ways, the shared word serves the first figure and every later
    one is written with its own word (同比增长15.24%、下降2.10%), so no figure keeps last year's value."""
    out = list(edits)
    for (start, end), needs in words.items():
        needs = sorted(needs, key=lambda n: n[0].start)
        word = needs[0][1]
        if word != text[start:end]:
            out.append(
                Edit(start, end, text[start:end], word, "recomputed", "word", reason="增减方向随新数据改变")
            )
        if len({w for _, w in needs}) == 1:
            continue
        own = {f.start: w for f, w in needs[1:]}
        reason = "这一组数有增有减，逐项写明增减 / the list now goes both ways: each figure has its own word"
        out = [
            Edit(e.start, e.end, e.old, own[e.start] + e.new, e.status, e.kind, e.source, reason)
            if e.start in own and e.kind == "figure"
            else e
            for e in out
        ]
    return out


def new_figure(f: LinkedFigure, new: SourceData, shift: int, before: str = "") -> NewFigure | str:
    """The new period's figure for a linked one, or why there is none (a reason for the review list)."""
    if f.status not in CARRIED or not f.source:
        return f.message or "找不到对应的指标 / not linked to a metric"
    if f.source.startswith(STATEMENTS) or f.source.endswith(".label"):
        return NewFigure(f.value, f.unit, f.source, "kept", ())  # stated in the new metrics file's own words
    if APPROXIMATE_BEFORE.search(before):
        return "约数（近/约/超过）：请按新数据改写 / an approximate figure: reword it"
    if f.source.endswith(".target"):
        metric = new.metric(f.source.removesuffix(".target"))
        if metric is None or metric.target is None:
            return "新数据中没有这个标准 / the new metrics give no such standard"
        same = (
            metric.target.value == convert(f.value, f.unit, metric.unit)
            if same_family(f.unit, metric.unit)
            else False
        )
        return NewFigure(metric.target.value, metric.unit, f.source, "kept" if same else "updated", ())
    if ref := REF.match(f.source):
        return _value(ref[1], int(ref[2]), new, shift)
    return _formula(f.source, new, shift)


def _value(key: str, year: int, new: SourceData, shift: int) -> NewFigure | str:
    metric = new.metric(key)
    if metric is None or year + shift not in metric.values:
        return (
            f"新数据没有 {key} 的 {year + shift} 年值 / the new metrics have no {year + shift} value of {key}"
        )
    return NewFigure(metric.values[year + shift], metric.unit, f"{key}@{year + shift}", "updated", (year,))


def _formula(formula: str, new: SourceData, shift: int) -> NewFigure | str:
    years = tuple(int(y) for y in YEAR_DIGITS.findall(formula))
    moved = YEAR_DIGITS.sub(lambda m: str(int(m[1]) + shift), formula)
    try:
        derived = evaluate(moved, new)
    except DrafterError as exc:
        return f"无法按新数据计算 {moved}：{exc.message}"
    name = moved.split("(", 1)[0]
    decimals = derived.decimals if name in FIXED_PRECISION else None
    return NewFigure(
        derived.value, derived.unit, moved, "recomputed", years, signed=name in SIGNED, decimals=decimals
    )


def _future(text: str, f: LinkedFigure) -> bool:
    """The figure's clause speaks of a plan or target (力争…达到80%, 三年内培养50名)."""
    clause_start = max(text.rfind(c, 0, f.start) for c in "，,；;。\n") + 1
    return bool(FUTURE.search(text, clause_start, f.start))


# ------------------------------------------------------------------ one figure's edits
def figure_text(f: LinkedFigure, value: float, unit: str, decimals: int | None = None) -> str | None:
    """The figure as printed, with the new value at the printed precision (or the kind's own `decimals`, when
    it has one) and in the printed unit."""
    number = NUMBER.match(f.text)
    if number is None or not f.unit and unit:
        return None  # a Chinese numeral, or a bare number
    if not same_family(unit, f.unit) and not (unit == "个百分点" and f.unit == "%"):
        return None
    shown = abs(convert(value, unit, f.unit)) if same_family(unit, f.unit) else abs(value)
    rest = f.text[number.end() :]
    if APPROXIMATE.match(rest.lstrip()):  # 4900多万元: the new value cut to as many round digits (5300多万元)
        step = 10 ** (len(str(int(f.value))) - len(str(int(f.value)).rstrip("0"))) if f.value >= 10 else 1
        return format_number(shown // step * step, 0) + rest
    if unit == "个百分点" and f.unit == "%":
        rest = rest.replace("%", "个百分点", 1)
    return format_number(shown, f.decimals if decimals is None or unit != f.unit else decimals) + rest


def _figure_edits(text: str, f: LinkedFigure, found: NewFigure) -> tuple[list[Edit], tuple | None]:
    """The figure's edit, and for a change: ((start, end) of its 增长/下降 word, the word it needs now)."""
    printed = figure_text(f, found.value, found.unit, found.decimals)
    if printed is None:
        return [_review(f, found.source, "无法按原格式写出新数 / cannot print it as before")], None
    edit = Edit(f.start, f.end, f.text, printed, found.status, "figure", found.source)
    if not (found.signed or f.change):
        return [edit], None
    if found.value == 0:
        return [_review(f, found.source, "新数据无变化（0）：请改写这句 / no change now: reword")], None
    word = _direction_word(text, f)
    if word is None:
        if (found.value < 0) == f.down:
            return [edit], None
        return [
            _review(f, found.source, "增减方向变了，但找不到增长/下降等词 / the direction changed: reword")
        ], None
    falls_now = found.value < 0
    said_fall = word.group(0) in DOWN_WORDS
    need = FLIPS[word.group(0)] if falls_now != said_fall else word.group(0)
    return [edit], ((word.start(), word.end()), need)


def _direction_word(text: str, f: LinkedFigure):  # -> re.Match | None
    """The last 增长/下降/超出/低于 … of the figure's clause (for a listed figure: of the list's clause)."""
    clause_start = max(text.rfind(c, 0, f.start) for c in "，,；;。\n") + 1
    found = list(DIRECTION.finditer(text, clause_start, f.start))
    return found[-1] if found else None
