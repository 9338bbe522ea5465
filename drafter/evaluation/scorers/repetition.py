"""repetition: what a reader sees twice or reads as dumped, not written.

- a sentence (8+ characters) printed twice anywhere in the draft;
- the same figure with the same words before it printed twice in one section (21.09亿元 told twice),
  outside the user's own statements (a fact may rightly say 5次 of two meetings);
- a change of 0% or 100% (比上年下降0%, 减少100%): 持平 and 全部消除 are what is meant;
- the year-and-area lead (2022年，全市) more than once in one paragraph.
value = 1 / (1 + found); gap markers are left out.
"""

from __future__ import annotations

import re
from collections import Counter

from drafter.evaluation.scorers.base import Issue, Score, Subject
from drafter.figures.gaps import without_gaps
from drafter.figures.numbers import find_figures

NAME = "repetition"
SENTENCE = re.compile(r"[^。！？\n]{8,}[。！？]")
ZERO_OR_ALL = re.compile(
    r"(?:增长|下降|增加|减少|提高|降低|上升|减)(?:了)?(?:0(?:\.0+)?|100(?:\.0+)?)(?:%|个百分点)(?!\d)"
)
LEAD = re.compile(r"\d{4}年，全[省市县区旗州]")
CONTEXT = 8  # characters before a figure that say what it is


def _repeated_sentences(lines: list[tuple[str, str]]) -> list[Issue]:
    seen: Counter[str] = Counter()
    issues = []
    for section, text in lines:
        for sentence in SENTENCE.findall(text):
            key = re.sub(r"\s+", "", sentence)
            seen[key] += 1
            if seen[key] == 2:
                issues.append(
                    Issue(f"sentence printed twice: {sentence[:40]}", section=section, text=sentence)
                )
    return issues


def _repeated_figures(section: str, text: str) -> list[Issue]:
    seen: Counter[tuple[str, str]] = Counter()
    issues = []
    for f in find_figures(text):
        if f.ignored:
            continue
        key = (text[max(0, f.start - CONTEXT) : f.start], f.text)
        seen[key] += 1
        if seen[key] == 2:
            issues.append(Issue(f"figure printed twice: {key[0]}{f.text}", section=section, text=f.text))
    return issues


def _paragraph_issues(section: str, paragraph: str) -> list[Issue]:
    issues = [
        Issue(f"change of 0% or 100%: {m.group(0)}", section, m.group(0))
        for m in ZERO_OR_ALL.finditer(paragraph)
    ]
    if len(LEAD.findall(paragraph)) > 1:
        issues.append(
            Issue(f"the year-and-area lead {LEAD.findall(paragraph)[0]} twice in a paragraph", section)
        )
    return issues


def _masked(text: str, statements: tuple[str, ...]) -> str:
    """The user's own statements blanked out (same length, so offsets hold)."""
    for statement in statements:
        text = text.replace(statement, "\u3000" * len(statement))
    return text


def _statements(subject: Subject) -> tuple[str, ...]:
    """The user's facts and list items as the writer prints them (trailing punctuation off), longest first."""
    source = subject.source
    if source is None:
        return ()
    lists = (*source.rectification, *source.problems, *source.plans, *source.experiences)
    items = [*lists, *(f for facts in source.facts.values() for f in facts)]
    cleaned = {re.sub(r"[。；;，,\s]+$", "", s.strip()) for s in items}
    return tuple(sorted((s for s in cleaned if len(s) >= 8), key=len, reverse=True))


def score(subject: Subject) -> Score:
    texts = {sid: without_gaps(text) for sid, text in subject.section_texts().items()}
    own = _statements(subject)
    issues = _repeated_sentences(list(texts.items()))
    for section, text in texts.items():
        issues += _repeated_figures(section, _masked(text, own))
        for paragraph in text.split("\n"):
            issues += _paragraph_issues(section, paragraph)
    per_section = {sid: 1 / (1 + sum(i.section == sid for i in issues)) for sid in texts}
    n = len(issues)
    return Score(NAME, 1 / (1 + n), n == 0, {"found": n}, tuple(issues), per_section)
