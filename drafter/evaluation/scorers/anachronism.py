"""anachronism: policies and terms a draft names before they began (knowledge/terms.yaml), e.g. 双减 (2021-07)
in a report on 2019.

What the region did (every part but 六、下一步) is judged against the assessed year (report.period); the
plans, written in the round year, against the round and the signature month. value = 1 / (1 + found).
"""

from __future__ import annotations

from drafter.evaluation.scorers.base import Issue, Score, Subject
from drafter.knowledge.terms import anachronisms

NAME = "anachronism"


def _year_of(subject: Subject, kind: str) -> tuple[int, int]:
    report = subject.draft.report
    if kind == "plans":
        return report.round, report.date.month if report.date else 12
    return report.period, 12


def score(subject: Subject) -> Score:
    kinds = {s.spec.id: s.spec.kind for s in subject.draft.sections}
    issues: list[Issue] = []
    per_section: dict[str, float] = {}
    for section, text in subject.section_texts().items():
        year, month = _year_of(subject, kinds.get(section, ""))
        hits = anachronisms(text, year, month=month)
        issues += [
            Issue(f"{h.text}: {h.since}《{h.document}》, after {year}", section=section, text=h.text)
            for h in hits
        ]
        per_section[section] = 1 / (1 + len(hits))
    n = len(issues)
    return Score(NAME, 1 / (1 + n), n == 0, {"found": n}, tuple(issues), per_section)
