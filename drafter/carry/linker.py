"""What the carry-forward asks of a reader of real text: every figure of last year's text, with the metric and
year (or the formula) it states, judged against the new metrics file — which also holds last year's values.

`FigureLinker` is the protocol; `CheckerLinker` implements it on today's checker internals (clauses.Doc, the
self-consistency rules, linking.link_all). The checker's coming `Claim` reader replaces it: it reads each figure
once (value, kind, year and comparison year, subject words, related figures) and links it to a metric.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

from drafter.checker.clauses import Doc, compare_year, run_of, stated_year
from drafter.checker.labels import LABEL_MIN, Labels
from drafter.checker.linking import link_all
from drafter.checker.rules import run_rules
from drafter.core.types import SourceData
from drafter.figures.numbers import find_figures, matches_shown, same_family

REF = re.compile(r"^([\w.]+)@(\d{4})$")
# what may stand between a value and its change: 比上年增长, 同比下降, 比2019年增加了, the other figures of a list
RELATION_WORDS = re.compile(
    r"\d{4}\s*年|[\d.,%]+|[\s、，,；;：:（）()]|比上年|较上年|同比|上年|比|较|与|相比|分别|增长|增加|提高|提升|上升|"
    r"下降|减少|降低|回落|增幅|降幅|了|为|达到|达|个百分点|百分点|亿元|万元|元|万人|人|所|个|名"
)
CONVERTED = re.compile(r"^convert\(([\w.]+),(\d{4}),[^)]*\)$")  # the same value in another unit


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
        """Every number of `text` in order, each linked to its source in `source` where the words allow."""
        ...


class CheckerLinker:
    """Today's checker: the value and change linkers, then one fallback for a change whose base year the new
    metrics lack (比2019年增加0.09亿元 when the file starts at 2020): the value it follows names the metric."""

    def link(self, text: str, source: SourceData) -> tuple[LinkedFigure, ...]:
        doc = Doc(text, find_figures(text))
        issues = run_rules(doc)
        links = link_all(doc, source)
        out = []
        for i, f in enumerate(doc.figures):
            base = dict(
                start=f.start, end=f.end, text=f.text, value=f.value, unit=f.unit, decimals=f.decimals
            )
            if f.ignored:
                out.append(LinkedFigure(**base, ignored=f.ignored, status="ignored"))
                continue
            lead = run_of(doc, i)[0]  # in 同比增长15.24%、14.70% the second is a change too
            change, down = doc.is_change(i) or doc.is_change(lead), doc.goes_down(lead if lead != i else i)
            link = links.get(i)
            status, ref = (link.status, link.source) if link else ("unsupported", "")
            message = link.message if link else ""
            if i in issues:
                status, message = "inconsistent", issues[i].message
            if change and status not in ("verified", "derived") and not _formula(ref):
                found = _fall_as_value(doc, i, source) if down else ""
                found = (
                    found or _change_from_subject(doc, i, source, links) or _change_from_lead(doc, i, source)
                )
                ref, status = (
                    (found, "verified" if REF.match(found) else "derived") if found else (ref, status)
                )
            out.append(
                LinkedFigure(**base, status=status, source=ref, change=change, down=down, message=message)
            )
        return tuple(out)


def _formula(ref: str) -> bool:
    return "(" in ref


def _value_ref(source: str) -> tuple[str, str] | None:
    """(key, year) of a figure stated as a metric's value: key@year, or convert(key,year,unit)."""
    found = REF.match(source) or CONVERTED.match(source)
    return (found[1], found[2]) if found else None


def _named(doc: Doc, i: int, source: SourceData) -> list:
    """The metrics the words before change i name, best first (a longer label named wins a tie)."""
    lead, labels = doc.lead(i), Labels(source)
    scored = [(labels.evidence(m.key, lead, "")[:2], m) for m in source.metrics if m.values]
    return [m for (score, _), m in sorted(scored, key=lambda t: t[0], reverse=True) if score >= LABEL_MIN]


def _fall_as_value(doc: Doc, i: int, source: SourceData) -> str:
    """降低1.69% where the data hold the growth itself as −1.69: that metric's value, not a change of another."""
    f = doc.figures[i]
    year = stated_year(doc, i) or source.report.period
    for m in _named(doc, i, source):
        value = m.values.get(year)
        if (
            value is not None
            and value < 0
            and same_family(f.unit, m.unit)
            and matches_shown(f.value, f.decimals, -value)
        ):
            return f"{m.key}@{year}"
    return ""


def _change_from_lead(doc: Doc, i: int, source: SourceData) -> str:
    """较上年增长1.45% with no value before it: the metric its own words name (一般公共预算教育经费较上年增长)."""
    lead = doc.lead(i)
    named = _named(doc, i, source)
    score, metric = (1.0, named[0]) if named else (0.0, None)
    year = stated_year(doc, i) or source.report.period
    if metric is None or score < LABEL_MIN or year not in metric.values:
        return ""
    return _change_formula(doc.figures[i], metric, lead, year)


def _subject(doc: Doc, i: int, links: dict) -> int | None:
    """The value a change speaks of: the last linked value before it in its sentence; for the k-th change of a
    list (同比增长15.24%、14.70%), the k-th of the values listed before the list."""
    values = [
        j for j in doc.in_sentence(i) if links.get(j) and _value_ref(links[j].source) and not doc.is_change(j)
    ]
    run = run_of(doc, i)
    if len(run) > 1:
        before = [j for j in values if doc.figures[j].end <= doc.figures[run[0]].start]
        return before[-len(run) :][run.index(i)] if len(before) >= len(run) else None
    return values[-1] if values else None


def _change_from_subject(doc: Doc, i: int, source: SourceData, links: dict) -> str:
    """growth/diff/pp_change of the metric the change follows, from the year it names (or the year before)."""
    subject = _subject(doc, i, links)
    if subject is None:
        return ""
    key, year = _value_ref(links[subject].source)
    metric = source.metric(key)
    if metric is None or stated_year(doc, i) not in (None, int(year)):
        return ""
    return _change_formula(
        doc.figures[i], metric, doc.text[doc.figures[subject].end : doc.figures[i].start], int(year)
    )


def _change_formula(f, metric, between: str, year: int) -> str:
    """pp_change for a rate, growth for a %, diff in the metric's unit; from the year named (比2019年) or the year
    before."""
    stated = [int(y) for y in re.findall(r"(\d{4})\s*年", between) if int(y) != year]
    y0 = stated[-1] if stated else compare_year(between, metric, year) or year - 1
    key = metric.key
    if f.unit in ("个百分点", "百分点") or (f.unit == "%" and metric.unit == "%"):
        return f"pp_change({key},{y0},{year})" if metric.unit == "%" else ""
    if f.unit == "%":
        return f"growth({key},{y0},{year})"
    return f"diff({key},{y0},{year})" if same_family(f.unit, metric.unit) else ""
