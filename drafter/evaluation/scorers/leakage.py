"""leakage: what slipped in from the exemplars — other regions' names, their officials, other reports'
文号, and spans of `leakage.copied_chars` or more characters copied from a knowledge file (with the file).

Text the case's own source data states (its region, issuer, basis, facts …) never counts as leakage,
nor do the stock phrases of `leakage.common_phrases` (以习近平新时代中国特色社会主义思想为指导 …) or text
from the knowledge files about the case's own region (its earlier report is not another region's).
value = 1 / (1 + leaks).
"""

from __future__ import annotations

import re
import threading

from drafter.evaluation.knowledge import DOC_NUMBER, Knowledge
from drafter.evaluation.scorers.base import Issue, Score, Subject
from drafter.evaluation.sourcetext import normalize, source_blob, source_strings

NAME = "leakage"
MASK = "\0"
CLAUSE_BREAK = re.compile(r"[，。；：、！？,;:（）()《》〈〉“”‘’\"]")
_INDEXES: dict[tuple[object, int], dict[int, str]] = {}
_LOCK = threading.Lock()


def shingle_index(knowledge: Knowledge, n: int) -> dict[int, tuple[str, ...]]:
    """hash of every n-character window of the knowledge texts -> the files it occurs in."""
    key = (knowledge.hash or id(knowledge), n)
    with _LOCK:
        if key not in _INDEXES:
            index: dict[int, tuple[str, ...]] = {}
            for source, text in knowledge.texts.items():
                for i in range(len(text) - n + 1):
                    h = hash(text[i : i + n])
                    if source not in index.get(h, ()):
                        index[h] = (*index.get(h, ()), source)
            _INDEXES[key] = index
        return _INDEXES[key]


def source_clauses(strings: tuple[str, ...], shortest: int = 6) -> tuple[str, ...]:
    """The source strings and their clauses, longest first: a writer may cut and join them."""
    pieces = {normalize(s) for s in strings}
    pieces |= {p for s in strings for p in CLAUSE_BREAK.split(normalize(s)) if len(p) >= shortest}
    return tuple(sorted((p for p in pieces if p), key=len, reverse=True))


def mask(text: str, clauses: tuple[str, ...]) -> str:
    """Text the source data states (and stock phrases) blanked out: no copied window lies on it or bridges it."""
    for clause in clauses:
        if clause in text:
            text = text.replace(clause, MASK * len(clause))
    return text


def _copied_from(window: str, knowledge: Knowledge, index: dict[int, tuple[str, ...]], own: str) -> str:
    """The first knowledge file (not the case's own region's) that holds `window`, "" for none."""
    if MASK in window:
        return ""
    return next(
        (
            src
            for src in index.get(hash(window), ())
            if knowledge.file_regions.get(src, "") != own and window in knowledge.texts[src]
        ),
        "",
    )


def copied_spans(
    text: str, knowledge: Knowledge, n: int, clauses: tuple[str, ...] = (), own_region: str = ""
) -> list[tuple[str, str]]:
    """(span, knowledge file) for every run of n+ characters found verbatim in a knowledge file, outside
    the text the source data states and outside the files about the case's own region."""
    text, index, spans = mask(normalize(text), clauses), shingle_index(knowledge, n), []
    start = end = -1
    source = ""
    for i in range(len(text) - n + 1):
        hit = _copied_from(text[i : i + n], knowledge, index, own_region)
        if hit:
            if i > end:
                if end > 0:
                    spans.append((text[start:end], source))
                start, source = i, hit
            end = i + n
    if end > 0:
        spans.append((text[start:end], source))
    return spans


def name_leaks(text: str, knowledge: Knowledge, allowed: str) -> list[Issue]:
    flat = normalize(text)
    issues = [
        Issue(f"other region: {r}", text=r)
        for r in sorted(knowledge.regions)
        if r in flat and r not in allowed
    ]
    issues += [
        Issue(f"official of another report: {o}", text=o)
        for o in sorted(knowledge.officials)
        if o in flat and o not in allowed
    ]
    numbers = {normalize(m.group()) for m in DOC_NUMBER.finditer(text)}
    issues += [
        Issue(f"文号 of another report: {d}", text=d)
        for d in sorted(numbers & knowledge.doc_numbers)
        if d not in allowed
    ]
    return issues


def _section_leaks(
    section: str, text: str, subject: Subject, allowed: str, clauses: tuple[str, ...]
) -> list[Issue]:
    knowledge: Knowledge = subject.knowledge
    issues = [Issue(i.message, section, i.text) for i in name_leaks(text, knowledge, allowed)]
    own = subject.draft.report.region
    for span, source in copied_spans(text, knowledge, subject.config.copied_chars, clauses, own):
        issues.append(Issue(f"{len(span)} characters copied from {source}", section, span, source))
    return issues


def score(subject: Subject) -> Score:
    if subject.knowledge is None:
        return Score(
            NAME, 0.0, False, {"error": "no knowledge loaded"}, (Issue("knowledge files not loaded"),)
        )
    allowed = source_blob(subject.source)
    clauses = source_clauses((*source_strings(subject.source), *subject.config.common_phrases))
    issues: list[Issue] = []
    per_section: dict[str, float] = {}
    for section, text in subject.section_texts().items():
        found = _section_leaks(section, text, subject, allowed, clauses)
        issues += found
        per_section[section] = 1 / (1 + len(found))
    copied = [i for i in issues if i.source]
    details = {
        "names": len(issues) - len(copied),
        "copied_spans": len(copied),
        "longest_copy": max((len(i.text) for i in copied), default=0),
    }
    return Score(NAME, 1 / (1 + len(issues)), not issues, details, tuple(issues), per_section)
