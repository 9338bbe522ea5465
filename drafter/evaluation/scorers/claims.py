"""claims: the checker's verdict on claims made in words (实现“两个只增不减”, 不低于当地公务员, 全面消除大班额,
零辍学, 全覆盖, 达到/未达到目标, 稳步提高 …), judged against the data (findings of kind "claim").

value = share of the judged claims the data bear out (1.0 when none is judged); every wrong claim is an
issue with the checker's message. A claim the data cannot judge is not reported by the checker.
"""

from __future__ import annotations

from drafter.core.types import PROBLEM_STATUSES
from drafter.evaluation.scorers.base import Issue, Score, Subject, share
from drafter.evaluation.scorers.figures import section_ids

NAME = "claims"


def score(subject: Subject) -> Score:
    if subject.check is None:
        return Score(NAME, 1.0, True, {"claims": 0, "wrong": 0})
    sections = section_ids(subject.check, subject.markdown)
    claims = [(f, s) for f, s in zip(subject.check.findings, sections, strict=True) if f.kind == "claim"]
    wrong = [(f, s) for f, s in claims if f.status in PROBLEM_STATUSES]
    issues = tuple(
        Issue(f"{f.text} — {f.message or f.expected}", section=s, text=f.text, source=f.source)
        for f, s in wrong
    )
    value = share(len(claims) - len(wrong), len(claims))
    return Score(NAME, value, not wrong, {"claims": len(claims), "wrong": len(wrong)}, issues)
