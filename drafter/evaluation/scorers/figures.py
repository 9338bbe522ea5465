"""figures: the checker's verdict — the share of figures that are verified or derived.

Figures the checker ignores (years, 文号, ordinals) do not count. Every mismatch, unsupported or
inconsistent figure is listed as an issue with the checker's message.
"""

from __future__ import annotations

from drafter.core.types import PROBLEM_STATUSES, CheckReport
from drafter.evaluation.scorers.base import Issue, Score, Subject, share
from drafter.export.markdown import split_markdown

NAME = "figures"
GOOD = ("verified", "derived")
COUNTED = (*GOOD, *sorted(PROBLEM_STATUSES), "unchecked")


def section_ids(check: CheckReport, markdown: str) -> list[str]:
    """The section id of each finding, from its offset into draft.md (the checker names headings instead)."""
    if not markdown:
        return [f.section for f in check.findings]

    chunks = split_markdown(markdown)
    return [
        next((c.section_id for c in chunks if c.start <= f.start < c.end), f.section) for f in check.findings
    ]


def _by_section(check: CheckReport, markdown: str) -> dict[str, float]:
    tally: dict[str, list[int]] = {}
    for f, section in zip(check.findings, section_ids(check, markdown), strict=True):
        if f.status in COUNTED:
            good_total = tally.setdefault(section, [0, 0])
            good_total[0] += f.status in GOOD
            good_total[1] += 1
    return {section: share(g, t) for section, (g, t) in tally.items()}


def _issue(finding, section: str) -> Issue:
    why = finding.message or (f"expected {finding.expected}" if finding.expected else "")
    return Issue(
        f"{finding.status}: {finding.text}" + (f" — {why}" if why else ""),
        section=section,
        text=finding.text,
        source=finding.source,
    )


def score(subject: Subject) -> Score:
    if subject.check is None:
        return Score(NAME, 0.0, False, {"error": "no check report"}, (Issue("the draft was not checked"),))
    summary = subject.check.summary
    good = summary["verified"] + summary["derived"]
    counted = sum(summary[s] for s in COUNTED)
    value = share(good, counted)
    details = {k: summary[k] for k in ("figures", *COUNTED, "ignored")}
    sections = section_ids(subject.check, subject.markdown)
    issues = tuple(
        _issue(f, s)
        for f, s in zip(subject.check.findings, sections, strict=True)
        if f.status in PROBLEM_STATUSES
    )
    return Score(
        NAME,
        value,
        value == 1.0 and not issues,
        details,
        issues,
        _by_section(subject.check, subject.markdown),
    )
