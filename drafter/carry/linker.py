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

from drafter.checker.clauses import Doc, compare_year, stated_year
from drafter.checker.linking import link_all
from drafter.checker.rules import run_rules
from drafter.core.types import SourceData
from drafter.figures.numbers import find_figures, same_family

REF = re.compile(r"^([\w.]+)@(\d{4})$")


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
            change, down = doc.is_change(i), doc.goes_down(i)
            link = links.get(i)
            status, ref = (link.status, link.source) if link else ("unsupported", "")
            message = link.message if link else ""
            if i in issues:
                status, message = "inconsistent", issues[i].message
            if change and status not in ("verified", "derived") and not _formula(ref):
                ref = _change_from_subject(doc, i, source, links) or ref
                status = "derived" if _formula(ref) else status
            out.append(
                LinkedFigure(**base, status=status, source=ref, change=change, down=down, message=message)
            )
        return tuple(out)


def _formula(ref: str) -> bool:
    return "(" in ref


def _change_from_subject(doc: Doc, i: int, source: SourceData, links: dict) -> str:
    """growth/diff/pp_change of the metric the change follows, from the year it names (or the year before)."""
    subject = next(
        (j for j in reversed(doc.in_sentence(i)) if links.get(j) and REF.match(links[j].source)), None
    )
    if subject is None:
        return ""
    key, year = REF.match(links[subject].source).groups()
    metric = source.metric(key)
    if metric is None or stated_year(doc, i) not in (None, int(year)):
        return ""
    f = doc.figures[i]
    between = doc.text[doc.figures[subject].end : f.start]
    stated = [int(y) for y in re.findall(r"(\d{4})\s*年", between) if int(y) != int(year)]
    y0 = stated[-1] if stated else compare_year(between, metric, int(year)) or int(year) - 1
    if f.unit in ("个百分点", "百分点") or (f.unit == "%" and metric.unit == "%"):
        return f"pp_change({key},{y0},{year})" if metric.unit == "%" else ""
    if f.unit == "%":
        return f"growth({key},{y0},{year})"
    return f"diff({key},{y0},{year})" if same_family(f.unit, metric.unit) else ""
