"""What the carry-forward asks of a reader of real text: every figure of last year's text, with the metric and
year (or the formula) it states, judged against the new metrics file — which also holds last year's values.

`FigureLinker` is the protocol; `CheckerLinker` implements it on the checker: its Claim reader (each figure
read once: kind, direction, year, the value a change belongs to), its self-consistency rules and its linker.
Three fallbacks are the carry's own, for what a change needs that checking does not: a change whose base year
the data lack (比2019年增加0.09亿元 when the file starts at 2020) takes the metric of the value it belongs to or
of its own words, and a fall the data hold as a negative value (降低1.69% = −1.69) is that value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

from drafter.checker.claims import read_claims
from drafter.checker.labels import LABEL_MIN, Labels
from drafter.checker.linking import link_all
from drafter.checker.reading import Reading, compare_year
from drafter.checker.rules import run_rules
from drafter.checker.text import normalize
from drafter.core.errors import DrafterError
from drafter.core.types import Metric, SourceData
from drafter.figures.derive import evaluate
from drafter.figures.numbers import convert, find_figures, matches_shown, same_family

REF = re.compile(r"^([\w.]+)@(\d{4})$")
CONVERTED = re.compile(r"^convert\(([\w.]+),(\d{4}),[^)]*\)$")  # the same value in another unit
# what may stand between a value and its change: 比上年增长, 同比下降, 比2019年增加了, the other figures of a list
RELATION_WORDS = re.compile(
    r"\d{4}\s*年|[\d.,%]+|[\s、，,；;：:（）()]|比上年|较上年|同比|上年|比|较|与|相比|分别|增长|增加|提高|提升|上升|"
    r"下降|减少|降低|回落|增幅|降幅|了|为|达到|达|个百分点|百分点|亿元|万元|元|万人|人|所|个|名"
)


@dataclass(frozen=True)
class LinkedFigure:
    """One number of the text and what it states."""

    start: int
    end: int
    text: str
    value: float
    unit: str
    decimals: int
    ignored: str = ""  # why it is not a figure: year, date, name, ordinal … ("" for a figure)
    status: str = "unsupported"  # the checker's verdict against the new metrics
    source: str = ""  # key@year, key.target, a formula (growth(key,2020,2021)), facts.x[k] …; "" = unlinked
    change: bool = False  # stated as a change (增长/下降/提高 …)
    down: bool = False  # stated as a fall (下降/减少/降低 …)
    message: str = ""


class FigureLinker(Protocol):
    def link(self, text: str, source: SourceData) -> tuple[LinkedFigure, ...]:
        """Every number of `text` in order, each linked to its source in `source` where the words allow;
        offsets are into `text` as given."""
        ...


class CheckerLinker:
    """The checker's claims, rules and links, plus the carry's fallbacks for changes."""

    def link(self, text: str, source: SourceData) -> tuple[LinkedFigure, ...]:
        normal = normalize(text)
        reading = Reading(normal, find_figures(normal.norm))
        claims = read_claims(reading)
        verdicts = run_rules(reading)
        links = link_all(reading, source)
        out = []
        for i, f in enumerate(reading.figures):
            start, end = reading.original_span(f)
            base = dict(
                start=start, end=end, text=text[start:end], value=f.value, unit=f.unit, decimals=f.decimals
            )
            if f.ignored:
                out.append(LinkedFigure(**base, ignored=f.ignored, status="ignored"))
                continue
            claim = claims.get(
                reading.run_of(i)[0]
            )  # 同比增长15.24%、14.70%: the list's first says what it is
            change = claim is not None and claim.kind == "change" and not claim.versus
            down = claim is not None and claim.direction < 0
            status, ref, message = _verdict(links.get(i), verdicts.get(i))
            if change and status not in ("verified", "derived"):
                found = _fallback(reading, i, source, links, down)
                ref, status = (
                    (found, "verified" if REF.match(found) else "derived") if found else (ref, status)
                )
            out.append(
                LinkedFigure(**base, status=status, source=ref, change=change, down=down, message=message)
            )
        return tuple(out)


def _fallback(reading: Reading, i: int, source: SourceData, links: dict, down: bool) -> str:
    """The carry's own reading of an unproven change: a fall held as a negative value, else the change of the
    value it belongs to (or of its own words) — taken only when it gives last year's figure or cannot be
    computed from last year's data at all."""
    found = (_fall_as_value(reading, i, source) if down else "") or _change_of(reading, i, source, links)
    return found if _agrees(found, reading.figures[i], source) else ""


def _agrees(found: str, f, source: SourceData) -> bool:
    """A fallback formula is taken when it gives last year's printed figure, or when last year's data cannot
    compute it (the base year is missing); one that computes to another figure is not."""
    if not found or REF.match(found):
        return bool(found)
    try:
        derived = evaluate(found, source)
    except DrafterError:
        return True
    shown = (
        abs(convert(derived.value, derived.unit, f.unit))
        if same_family(derived.unit, f.unit)
        else abs(derived.value)
    )
    return matches_shown(f.value, f.decimals, shown)


def _verdict(link, verdict) -> tuple[str, str, str]:
    """(status, source, message): a contradiction by the text's own figures first, then the link to the data."""
    status, ref, message = (link.status, link.source, link.message) if link else ("unsupported", "", "")
    if verdict is not None and verdict.status == "inconsistent":
        return "inconsistent", ref, verdict.message
    return status, ref, message


def _value_ref(source: str) -> tuple[str, str] | None:
    """(key, year) of a figure stated as a metric's value: key@year, or convert(key,year,unit)."""
    found = REF.match(source) or CONVERTED.match(source)
    return (found[1], found[2]) if found else None


def _named(reading: Reading, i: int, source: SourceData) -> list[Metric]:
    """The metrics the words before change i name, best first (a longer label named wins a tie)."""
    lead, labels = reading.lead(i), Labels(source)
    scored = [(labels.evidence(m.key, lead, "")[:2], m) for m in source.metrics if m.values]
    return [m for (score, _), m in sorted(scored, key=lambda t: t[0], reverse=True) if score >= LABEL_MIN]


def _fall_as_value(reading: Reading, i: int, source: SourceData) -> str:
    """降低1.69% where the data hold the growth itself as −1.69: that metric's value, not a change of another."""
    f = reading.figures[i]
    year = reading.stated_year(i) or source.report.period
    for m in _named(reading, i, source):
        value = m.values.get(year)
        if (
            value is not None
            and value < 0
            and same_family(f.unit, m.unit)
            and matches_shown(f.value, f.decimals, -value)
        ):
            return f"{m.key}@{year}"
    return ""


def _own(reading: Reading, i: int, links: dict) -> int | None:
    """The value change i belongs to: for the k-th change of a list (分别增长5.97%、20.00%) the k-th of the values
    listed before it, else the Claim reader's `own`."""
    run = reading.run_of(i)
    if len(run) > 1:
        first = reading.figures[run[0]].start
        values = [
            j
            for j in reading.in_sentence(run[0])
            if reading.figures[j].end <= first and links.get(j) and _value_ref(links[j].source)
        ]
        return values[-len(run) :][run.index(i)] if len(values) >= len(run) else None
    claim = reading.claims.get(i)
    return claim.own if claim is not None else None


def _change_of(reading: Reading, i: int, source: SourceData, links: dict) -> str:
    """growth/diff/pp_change of the metric of the value the change belongs to (when nothing but 比上年增长
    stands between them), else of the metric its own words name."""
    own = _own(reading, i, links)
    ref = _value_ref(links[own].source) if own is not None and links.get(own) else None
    if ref is not None:
        between = reading.text[reading.figures[own].end : reading.figures[i].start]
        metric = source.metric(ref[0])
        if metric is not None and (len(RELATION_WORDS.sub("", between)) <= 2 or len(reading.run_of(i)) > 1):
            return _change_formula(reading, i, metric, between, int(ref[1]))
    named = _named(reading, i, source)
    year = reading.stated_year(i) or source.report.period
    if not named or year not in named[0].values:
        return ""
    return _change_formula(reading, i, named[0], reading.lead(i), year)


def _change_formula(reading: Reading, i: int, metric: Metric, between: str, year: int) -> str:
    """pp_change for a rate, growth for a %, diff in the metric's unit; from the year compared with (比2019年,
    比上年) or the year before."""
    f, claim = reading.figures[i], reading.claims.get(i)
    stated = [int(y) for y in re.findall(r"(\d{4})\s*年", between) if int(y) != year]
    named = claim.base_year if claim is not None and claim.base_year and claim.base_year != year else None
    y0 = stated[-1] if stated else named or compare_year(between, metric, year) or year - 1
    key = metric.key
    if f.unit in ("个百分点", "百分点") or (f.unit == "%" and metric.unit == "%"):
        return f"pp_change({key},{y0},{year})" if metric.unit == "%" else ""
    if f.unit == "%":
        return f"growth({key},{y0},{year})"
    return f"diff({key},{y0},{year})" if same_family(f.unit, metric.unit) else ""
