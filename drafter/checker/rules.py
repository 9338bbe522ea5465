"""Self-consistency rules that need no metrics: figures that contradict the figures printed beside them.

Each rule returns Issues (figure index, expected, message). A rule fires only when the pattern is
unambiguous in the text; when in doubt it stays silent (precision over breadth). The rules on changes
and shares live here, those on totals and stated standards in `checker.totals`; the text structure
they read (`Doc`, a change's series, a total's “其中” list) is `checker.clauses`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafter.checker.clauses import Doc, Issue, amount, series, show
from drafter.checker.totals import listed_total, score_total, stated_target, total_below_part
from drafter.core.types import Figure
from drafter.figures.numbers import convert, matches_shown, same_family

RATE_WORDS = re.compile(r"(率|占比|比例|比重)")
SHARE_WORDS = re.compile(r"(占|比例|比重|率|占比)")


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
        rates = [v for v in series(doc, i) if v.unit == "%"]
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
def stated_change(doc: Doc) -> Iterator[Issue]:
    for i in doc.active:
        f = doc.figures[i]
        if not doc.is_change(i) or f.unit == "%" and doc.figures[(doc.in_sentence(i) or [i])[-1]].unit == "%":
            continue
        vals = series(doc, i)
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
    return expected != 0 and (expected < 0) != doc.goes_down(i)


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
    if matches_shown(f.value, f.decimals, _share(num, den)):
        return None
    return _share_issue(i, f, num, den)


def _share(part: Figure, whole: Figure) -> float:
    return amount(part) / amount(whole) * 100


def _share_issue(i: int, f: Figure, part: Figure, whole: Figure) -> Issue:
    ratio = _share(part, whole)
    return Issue(
        i, show(f, ratio), f"{part.text.strip()}÷{whole.text.strip()}={show(f, ratio)}", "stated_share"
    )


def _near_share(doc: Doc, i: int) -> Issue | None:
    """No pair of nearby counts gives P%, but one pair comes close: a mis-computed share (53/101 printed 52.3%)."""
    f, counts = doc.figures[i], _counts_before(doc, i)
    best: tuple[float, Figure, Figure] | None = None
    for a in counts:
        for b in counts:
            if a is b or not same_family(a.unit, b.unit) or not 0 < amount(a) < amount(b):
                continue
            ratio = _share(a, b)
            if matches_shown(f.value, f.decimals, ratio):
                return None
            gap = abs(ratio - f.value)
            if gap <= min(2.0, 0.05 * f.value) and (best is None or gap < best[0]):
                best = (gap, a, b)
    if best is None:
        return None
    return _share_issue(i, f, best[1], best[2])


def _counts_before(doc: Doc, i: int) -> list[Figure]:
    """The counts and amounts of figure i's sentence and the one before it, up to the figure."""
    f = doc.figures[i]
    s, _ = doc.sentence(f.start)
    ps, _ = doc.sentence(max(s - 2, 0))
    return [
        doc.figures[j]
        for j in doc.active
        if ps <= doc.figures[j].start < f.start
        and doc.figures[j].unit not in ("%", "个百分点", "", "年", "岁")
        and not doc.is_change(j)
    ]


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
