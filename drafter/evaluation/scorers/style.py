"""style: the 公文 register — sentence length, share of sentences with 公文 connectives, banned phrases.

Four checks (limits and lists in eval/config.yaml `style`): mean sentence length, longest sentence,
share of sentences with a connective (坚持、进一步、一是 …), and no banned phrase (first person
singular, internet slang, English words outside `english_allowed` and not in the source data). value = share of checks passed.
"""

from __future__ import annotations

import re
from typing import get_args

from drafter.core.types import SectionKind
from drafter.evaluation.scorers.base import Issue, Score, Subject, share
from drafter.evaluation.sourcetext import source_blob

NAME = "style"
# prose sections: every kind but the fixed lines of a 公文 (header, title, addressee, signature)
BODY_KINDS = frozenset(get_args(SectionKind)) - {"header", "title", "addressee", "signature"}
SENTENCE_END = re.compile(r"(?<=[。！？!?])")
LATIN_WORD = re.compile(r"(?<![A-Za-z])[A-Za-z]{2,}(?![A-Za-z])")


def sentences(subject: Subject) -> list[tuple[str, str]]:
    """(section, sentence) for every body sentence; headings and formulaic lines are left out."""
    out = []
    for line in subject.lines:
        if line.heading or line.kind not in BODY_KINDS:
            continue
        out += [(line.section, s.strip()) for s in SENTENCE_END.split(line.text) if s.strip()]
    return out


def banned_hits(text: str, banned: tuple[str, ...], english_allowed: tuple[str, ...]) -> list[str]:
    hits = [phrase for phrase in banned if phrase and phrase.lower() in text.lower()]
    allowed = {w.lower() for w in english_allowed}
    hits += [w for w in dict.fromkeys(LATIN_WORD.findall(text)) if w.lower() not in allowed]
    return hits


def _banned_issues(subject: Subject) -> list[Issue]:
    cfg = subject.config.style
    allowed = (*cfg.english_allowed, *LATIN_WORD.findall(source_blob(subject.source)))
    issues = []
    for section, text in subject.section_texts().items():
        for hit in banned_hits(text, cfg.banned, allowed):
            issues.append(Issue(f"banned phrase or English word: {hit}", section=section, text=hit))
    return issues


def _measures(subject: Subject) -> tuple[float, tuple[str, str], float, int]:
    """(mean length, longest (section, sentence), share with a connective, sentence count)."""
    sents = sentences(subject)
    mean = sum(len(s) for _, s in sents) / len(sents) if sents else 0.0
    longest = max(sents, key=lambda x: len(x[1]), default=("", ""))
    connectives = subject.config.style.connectives
    with_connective = sum(any(c in s for c in connectives) for _, s in sents)
    return mean, longest, share(with_connective, len(sents)), len(sents)


def score(subject: Subject) -> Score:
    cfg = subject.config.style
    mean, longest, connective_share, count = _measures(subject)
    issues = _banned_issues(subject)
    checks = {
        "mean_ok": mean <= cfg.max_mean_sentence,
        "max_ok": len(longest[1]) <= cfg.max_sentence,
        "connectives_ok": connective_share >= cfg.min_connective_share,
        "banned_ok": not issues,
    }
    if not checks["max_ok"]:
        issues.append(
            Issue(
                f"sentence of {len(longest[1])} characters (limit {cfg.max_sentence})",
                section=longest[0],
                text=longest[1][:80],
            )
        )
    if not checks["mean_ok"]:
        issues.append(Issue(f"mean sentence length {mean:.1f} characters (limit {cfg.max_mean_sentence:g})"))
    if not checks["connectives_ok"]:
        issues.append(Issue(f"only {connective_share:.0%} of sentences use a 公文 connective"))
    details = {
        "sentences": count,
        "mean_sentence": round(mean, 1),
        "max_sentence": len(longest[1]),
        "connective_share": round(connective_share, 3),
        "banned": sum("banned" in i.message for i in issues),
    }
    return Score(NAME, sum(checks.values()) / len(checks), all(checks.values()), details, tuple(issues))
