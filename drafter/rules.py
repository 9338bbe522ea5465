"""Self-consistency rules that need no metrics: figures that contradict the figures printed beside them.

Each rule returns Issues (figure index, expected, message). A rule fires only when the pattern is
unambiguous in the text; when in doubt it stays silent (precision over breadth).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from drafter.numbers import convert, format_figure, matches_shown, same_family, to_base
from drafter.types import Figure

CHANGE_VERB = re.compile(
    r"(增长|增加|提高|提升|上升|下降|减少|降低|回落|减少了|增长率|降幅|增幅)(?:了|为|达到|达)?\s*$"
)
DOWN_WORDS = ("下降", "减少", "降低", "回落", "降幅")
RATE_WORDS = re.compile(r"(率|占比|比例|比重)")
SHARE_WORDS = re.compile(r"(占|比例|比重|率|占比)")
TOTAL_WORDS = re.compile(r"共|合计|总计|总数|总共")
MONEY_TOTAL = re.compile(r"(一般公共预算教育(?:经费|支出)|财政性教育经费|教育经费(?:总)?投入)[^，。；]{0,8}$")
MONEY_PART = re.compile(r"(资金|经费|投入|支出|拨款|补助|拨付)")
NOT_PART = re.compile(r"(总投入|总额|总投资|生均|每生|每人|人均|标准|平均)")
ARTICLE = re.compile(r"(?m)^\s*第[一二三四五六七八九十]+篇")
SENTENCE_END = re.compile(r"[。！？；\n]")


@dataclass(frozen=True)
class Issue:
    index: int  # into Doc.figures
    expected: str
    message: str
    rule: str


class Doc:
    """A text, its figures and its sentence/paragraph/article bounds."""

    def __init__(self, text: str, figures: tuple[Figure, ...]) -> None:
        self.text = text
        self.figures = figures
        self.active = [i for i, f in enumerate(figures) if not f.ignored]
        self._pos = {i: k for k, i in enumerate(self.active)}
        self._sent_ends = [m.start() for m in SENTENCE_END.finditer(text)]

    def position(self, i: int) -> int:
        """Index of active figure i in `active`."""
        return self._pos[i]

    def sentence(self, offset: int) -> tuple[int, int]:
        i = bisect.bisect_left(self._sent_ends, offset)
        start = self._sent_ends[i - 1] + 1 if i > 0 else 0
        end = self._sent_ends[i] if i < len(self._sent_ends) else len(self.text)
        return start, end

    def paragraph(self, offset: int) -> tuple[int, int]:
        start = self.text.rfind("\n", 0, offset) + 1
        end = self.text.find("\n", offset)
        return start, (len(self.text) if end < 0 else end)

    @cached_property
    def articles(self) -> list[int]:
        return [0] + [m.start() for m in ARTICLE.finditer(self.text)]

    def article(self, offset: int) -> int:
        return bisect.bisect_right(self.articles, offset) - 1

    def in_sentence(self, i: int, before: bool = True) -> list[int]:
        """Active figure indexes in the sentence of figure i, before (or after) it."""
        s, e = self.sentence(self.figures[i].start)
        pos = self._pos[i] if i in self._pos else bisect.bisect_left(self.active, i)
        if before:
            lo = pos
            while lo > 0 and self.figures[self.active[lo - 1]].start >= s:
                lo -= 1
            return self.active[lo:pos]
        hi = pos + 1
        while hi < len(self.active) and self.figures[self.active[hi]].end <= e:
            hi += 1
        return self.active[pos + 1 : hi]

    def lead(self, i: int) -> str:
        """Text between the previous active figure (or the sentence start) and figure i."""
        f = self.figures[i]
        s, _ = self.sentence(f.start)
        prev = self.in_sentence(i)
        return self.text[max(s, self.figures[prev[-1]].end if prev else s) : f.start]

    def is_change(self, i: int) -> bool:
        return bool(CHANGE_VERB.search(self.lead(i)[-12:]))


def show(f: Figure, value: float, unit: str | None = None) -> str:
    return format_figure(value, unit if unit is not None else f.unit, f.decimals)


def _values(doc: Doc, idxs: list[int], unit: str) -> list[Figure]:
    return [doc.figures[j] for j in idxs if same_family(doc.figures[j].unit, unit) and not doc.is_change(j)]


# ---------------------------------------------------------------- % where 个百分点 is meant
def percent_for_points(doc: Doc) -> Iterator[Issue]:
    for i in doc.active:
        f = doc.figures[i]
        if f.unit != "%" or not doc.is_change(i) or "增长率" in doc.lead(i):
            continue
        prev = doc.in_sentence(i)
        if not prev or doc.figures[prev[-1]].unit != "%" or _changes_by(doc, prev[-1]):
            continue
        s, _ = doc.sentence(f.start)
        if not RATE_WORDS.search(doc.text[s : f.start]):
            continue
        rates = [v for v in _series(doc, i) if v.unit == "%"]
        if len(rates) >= 2 and _relative_ok(f, rates[-2].value, rates[-1].value):
            continue
        diff = abs(rates[-1].value - rates[-2].value) if len(rates) >= 2 else f.value
        yield Issue(
            i, show(f, diff, "个百分点"), "比率的升降应以“个百分点”表示，不是“%”", "percent_for_points"
        )


def _changes_by(doc: Doc, j: int) -> bool:
    """Figure j states a change (增长3%), not a rate (增长率为3%, 占比3%)."""
    return doc.is_change(j) and "率" not in doc.lead(j)[-6:]


def _relative_ok(f: Figure, a: float, b: float) -> bool:
    return a != 0 and matches_shown(f.value, f.decimals, abs(b - a) / a * 100)


# ---------------------------------------------------------------- stated change vs the stated values
def _series(doc: Doc, i: int) -> list[Figure]:
    """The values a change figure refers to: year-tagged values, a 分别为 list, or 由A…到B."""
    f = doc.figures[i]
    prev = doc.in_sentence(i)
    unit = "%" if f.unit == "个百分点" else f.unit
    if f.unit == "%" and prev and doc.figures[prev[-1]].unit != "%":
        unit = doc.figures[prev[-1]].unit
    vals = [v for v in _values(doc, prev, unit) if v.unit != "%" or unit == "%"]
    if len(vals) < 2:
        return []
    s, _ = doc.sentence(f.start)
    head = doc.text[s : vals[0].start]
    between = [doc.text[a.end : b.start] for a, b in zip(vals, vals[1:], strict=False)]
    if "分别为" in head[-12:] and all(len(b.strip(" 、和")) == 0 for b in between):
        return vals
    if all(re.search(r"\d{4}\s?年", b) for b in between) and re.search(r"\d{4}\s?年", head):
        return vals[-2:]
    if re.search(r"[由从][^，。；]{0,20}$", head) and re.search(r"(?:到|至)[^，。；]{0,10}$", between[-1]):
        return vals[-2:]
    return []


def stated_change(doc: Doc) -> Iterator[Issue]:
    for i in doc.active:
        f = doc.figures[i]
        if not doc.is_change(i) or f.unit == "%" and doc.figures[(doc.in_sentence(i) or [i])[-1]].unit == "%":
            continue
        vals = _series(doc, i)
        if not vals:
            continue
        a, b = vals[0], vals[-1]
        expected = _expected_change(doc, i, a, b, len(vals) - 1)
        if expected is not None and not matches_shown(f.value, f.decimals, abs(expected)):
            yield Issue(
                i,
                show(f, abs(expected)),
                f"与所列数值{a.text.strip()}、{b.text.strip()}不符",
                "stated_change",
            )
        elif expected is not None and _wrong_direction(doc, i, expected):
            yield Issue(i, show(f, abs(expected)), "增减方向与所列数值相反", "stated_change")


def _expected_change(doc: Doc, i: int, a: Figure, b: Figure, steps: int) -> float | None:
    f = doc.figures[i]
    va, vb = convert(a.value, a.unit, f.unit if f.unit not in ("%", "个百分点") else a.unit), 0.0
    vb = convert(b.value, b.unit, f.unit if f.unit not in ("%", "个百分点") else a.unit)
    per_year = 1 if "年均" not in doc.lead(i) else max(steps, 1)
    if f.unit == "%":
        return None if va == 0 else (vb - va) / va * 100
    return (vb - va) / per_year


def _wrong_direction(doc: Doc, i: int, expected: float) -> bool:
    down = any(w in doc.lead(i)[-8:] for w in DOWN_WORDS)
    return expected != 0 and (expected < 0) != down


# ---------------------------------------------------------------- share vs its stated parts
def stated_share(doc: Doc) -> Iterator[Issue]:
    for i in doc.active:
        f = doc.figures[i]
        s, _ = doc.sentence(f.start)
        if (
            f.unit != "%"
            or doc.is_change(i)
            or not SHARE_WORDS.search(doc.text[max(s, f.start - 40) : f.start])
        ):
            continue
        issue = _explicit_share(doc, i) or _near_share(doc, i)
        if issue:
            yield issue


def _explicit_share(doc: Doc, i: int) -> Issue | None:
    """A人，占…B人的P%: the pair is named by the sentence."""
    f, prev = doc.figures[i], doc.in_sentence(i)
    if (
        len(prev) < 2
        or not re.search(r"的\s*$", doc.lead(i))
        or "占" not in doc.text[doc.figures[prev[-2]].end : f.start]
    ):
        return None
    num, den = doc.figures[prev[-2]], doc.figures[prev[-1]]
    if not same_family(num.unit, den.unit) or num.unit == "%" or den.value == 0:
        return None
    ratio = to_base(num.value, num.unit)[0] / to_base(den.value, den.unit)[0] * 100
    if matches_shown(f.value, f.decimals, ratio):
        return None
    return Issue(i, show(f, ratio), f"{num.text.strip()}÷{den.text.strip()}={show(f, ratio)}", "stated_share")


def _near_share(doc: Doc, i: int) -> Issue | None:
    """No pair of nearby counts gives P%, but one pair comes close: a mis-computed share (53/101 printed 52.3%)."""
    f = doc.figures[i]
    s, _ = doc.sentence(f.start)
    ps, _ = doc.sentence(max(s - 2, 0))
    counts = [
        doc.figures[j]
        for j in doc.active
        if ps <= doc.figures[j].start < f.start
        and doc.figures[j].unit not in ("%", "个百分点", "", "年", "岁")
        and not doc.is_change(j)
    ]
    best: tuple[float, Figure, Figure] | None = None
    for a in counts:
        for b in counts:
            if (
                a is b
                or not same_family(a.unit, b.unit)
                or not 0 < to_base(a.value, a.unit)[0] < to_base(b.value, b.unit)[0]
            ):
                continue
            ratio = to_base(a.value, a.unit)[0] / to_base(b.value, b.unit)[0] * 100
            if matches_shown(f.value, f.decimals, ratio):
                return None
            gap = abs(ratio - f.value)
            if gap <= min(2.0, 0.05 * f.value) and (best is None or gap < best[0]):
                best = (gap, a, b)
    if best is None:
        return None
    _, a, b = best
    ratio = to_base(a.value, a.unit)[0] / to_base(b.value, b.unit)[0] * 100
    return Issue(i, show(f, ratio), f"{a.text.strip()}÷{b.text.strip()}={show(f, ratio)}", "stated_share")


# ---------------------------------------------------------------- totals vs their parts
def _parts_after(doc: Doc, i: int) -> list[Figure]:
    """Figures listed after “其中” that follow total i in its sentence (same unit family, no % or changes)."""
    f = doc.figures[i]
    after = doc.in_sentence(i, before=False)
    _, e = doc.sentence(f.start)
    stop = next((doc.figures[j].start for j in after if doc.figures[j].unit == "%"), e)
    tail = doc.text[f.end : stop]
    if not re.match(r"\s*[，,（(]?\s*其中", tail):
        return []
    if re.match(r"\s*[（(]", tail) and re.search(r"[)）]", tail):
        stop = f.end + re.search(r"[)）]", tail).start()
    return [
        doc.figures[j]
        for j in after
        if doc.figures[j].end <= stop and same_family(doc.figures[j].unit, f.unit) and not doc.is_change(j)
    ]


def listed_total(doc: Doc) -> Iterator[Issue]:
    for i in doc.active:
        f = doc.figures[i]
        if f.unit in ("%", "个百分点", "") or doc.is_change(i):
            continue
        parts = _parts_after(doc, i)
        if not parts:
            continue
        total = sum(convert(p.value, p.unit, f.unit) for p in parts)
        exhaustive = len(parts) >= 2 and TOTAL_WORDS.search(re.split(r"[，,：:]", doc.lead(i))[-1][-10:])
        approx = any(w in p.text for p in parts for w in ("余", "多"))
        if not approx and (
            total > f.value + 1e-9
            and not matches_shown(f.value, f.decimals, total)
            or exhaustive
            and not matches_shown(f.value, f.decimals, total)
        ):
            names = "+".join(p.text.strip() for p in parts)
            yield Issue(i, show(f, total), f"所列各项之和为{show(f, total)}（{names}）", "listed_total")


def score_total(doc: Doc) -> Iterator[Issue]:
    """总得分 96.15分 vs the 得分 lines that follow it."""
    for i in doc.active:
        f = doc.figures[i]
        if f.unit != "分" or not re.search(r"总(?:得)?分\s*(?:为|是|:|：)?\s*$", doc.lead(i)):
            continue
        art = doc.article(f.start)
        parts = [
            doc.figures[j]
            for j in doc.active
            if doc.figures[j].start > f.end
            and doc.figures[j].unit == "分"
            and doc.article(doc.figures[j].start) == art
            and re.search(
                r"得分\s*[:：]?\s*$", doc.text[max(0, doc.figures[j].start - 6) : doc.figures[j].start]
            )
        ]
        total = sum(p.value for p in parts)
        if len(parts) >= 2 and not matches_shown(f.value, f.decimals, total):
            yield Issue(i, show(f, total), f"{len(parts)}项得分之和为{show(f, total)}", "score_total")


def total_below_part(doc: Doc) -> Iterator[Issue]:
    """一般公共预算教育经费 smaller than one of the amounts it contains: a unit error (万元 for 亿元)."""
    money = [i for i in doc.active if to_base(1, doc.figures[i].unit)[1] == "元" and not doc.is_change(i)]
    for i in money:
        f = doc.figures[i]
        if not MONEY_TOTAL.search(doc.lead(i)) or re.search(r"(生均|人均|平均)", doc.lead(i)):
            continue
        parts = [
            doc.figures[j]
            for j in money
            if j != i and doc.article(doc.figures[j].start) == doc.article(f.start) and _is_part(doc, j)
        ]
        big = max(parts, key=lambda p: to_base(p.value, p.unit)[0], default=None)
        if big is not None and to_base(big.value, big.unit)[0] > to_base(f.value, f.unit)[0]:
            yield Issue(
                i,
                f"≥{big.text.strip()}",
                f"总额小于其中一项（{big.text.strip()}），单位可能有误",
                "total_below_part",
            )


def _is_part(doc: Doc, j: int) -> bool:
    lead = doc.lead(j)[-14:]
    return bool(MONEY_PART.search(lead)) and not NOT_PART.search(lead) and not MONEY_TOTAL.search(doc.lead(j))


# ---------------------------------------------------------------- exceeds / below a stated standard
TARGET_VERB = re.compile(
    r"^\s*[，,]?\s*(?:均|已|已经)?\s*(超出|超过|高于|低于|达到|完成|实现不低于|不低于|优于)"
)


def stated_target(doc: Doc) -> Iterator[Issue]:
    for i in doc.active:
        after = doc.in_sentence(i, before=False)
        if not after or doc.is_change(i):
            continue
        a, b = doc.figures[i], doc.figures[after[0]]
        verb = TARGET_VERB.match(doc.text[a.end : b.start])
        if not verb or "，" in doc.text[a.end + verb.end() : b.start] or not same_family(a.unit, b.unit):
            continue
        yield from _target_issues(doc, i, after, verb.group(1))


def _target_issues(doc: Doc, i: int, after: list[int], verb: str) -> Iterator[Issue]:
    a, b = doc.figures[i], doc.figures[after[0]]
    va, vb = to_base(a.value, a.unit)[0], to_base(b.value, b.unit)[0]
    if verb == "低于" and va >= vb or verb != "低于" and va < vb:
        yield Issue(i, "", f"{a.text.strip()}与“{verb}{b.text.strip()}”矛盾", "stated_target")
        return
    if len(after) < 2 or not re.fullmatch(
        r"\s*(?:的)?\s*(?:标准|要求|指标|目标|水平)?\s*[，,]?\s*(?:超出|高出)?\s*",
        doc.text[b.end : doc.figures[after[1]].start],
    ):
        return
    x = doc.figures[after[1]]
    if x.unit == "%" and a.unit != "%":
        expected, unit = (va - vb) / vb * 100 if vb else None, "%"
    elif x.unit == "个百分点" and a.unit == "%" or same_family(x.unit, a.unit) and x.unit != "%":
        expected, unit = (
            convert(va - vb, to_base(1, a.unit)[1], x.unit if x.unit != "个百分点" else "%"),
            x.unit,
        )
    else:
        return
    if expected is not None and not matches_shown(x.value, x.decimals, expected):
        yield Issue(
            after[1],
            show(x, expected, unit),
            f"({a.text.strip()}−{b.text.strip()})应为{show(x, expected, unit)}",
            "stated_target",
        )


RULES = (
    percent_for_points,
    stated_change,
    stated_share,
    listed_total,
    score_total,
    total_below_part,
    stated_target,
)


def run_rules(doc: Doc) -> dict[int, Issue]:
    """Every rule over the text; the first issue per figure wins."""
    issues: dict[int, Issue] = {}
    for rule in RULES:
        for issue in rule(doc):
            issues.setdefault(issue.index, issue)
    return issues
