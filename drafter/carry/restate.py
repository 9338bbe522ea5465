"""Carried conclusions the new data contradict, restated from the data where the writer has a sentence for them:
last year's 初中生均…比上年下降，“两个只增不减”要求尚未落实到位。 becomes this year's verdict (教育经费投入实现“两个只增不减”。)
and 不低于当地公务员 the salary verdict, as a fresh draft would state them. Only a sentence of its own (no figure
in it, nothing but the contradicted claim changed) in the indicator's own sub-section is restated; every other
contradicted claim stays on the review list (recheck.flag_unproven)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from drafter.carry.types import REVIEW, FigureChange
from drafter.core.types import Draft, Section
from drafter.figures.numbers import find_figures

SENTENCE_END = re.compile(r"[。！？!?]")
TOPICS = {"fund": ("只增不减", "逐年增长"), "salary": ("公务员",)}  # what a verdict sentence speaks of
RESTATED = "判断按新数据重写 / the conclusion restated from the new data"

Verdict = Callable[[str], str]  # indicator -> the writer's verdict sentence for the new data ("" if none)


def restate_verdicts(
    draft: Draft, changes: list[FigureChange], verdict: Verdict
) -> tuple[Draft, list[FigureChange]]:
    """The draft and changes with each contradicted verdict sentence of a carried fund/salary section restated."""
    for section in draft.sections:
        indicator = section.spec.indicator
        if indicator not in TOPICS or section.provenance.backend != "carried":
            continue
        for k in sorted({c.paragraph for c in changes if _contradicted(c, section.spec.id)}):
            draft, changes = _restate(draft, changes, section.spec.id, k, verdict(indicator))
    return draft, changes


def _contradicted(c: FigureChange, section_id: str) -> bool:
    return c.section == section_id and c.kind == "claim" and c.status == REVIEW and c.new_start >= 0


def _restate(
    draft: Draft, changes: list[FigureChange], section_id: str, k: int, sentence: str
) -> tuple[Draft, list[FigureChange]]:
    section = draft.section(section_id)
    paragraphs = list(section.paragraphs)
    if not sentence or k >= len(paragraphs):
        return draft, changes
    text = paragraphs[k]
    mine = [c for c in changes if c.section == section_id and c.paragraph == k]
    for c in sorted((c for c in mine if _contradicted(c, section_id)), key=lambda c: -c.new_start):
        if c not in mine:  # restated already with another claim of its sentence
            continue
        start, end = _sentence(text, c.new_start)
        inside = [d for d in mine if d.new_start >= 0 and start <= d.new_start < end]
        old = text[start:end]
        if not _restatable(old, inside, TOPICS[section.spec.indicator]) or old == sentence:
            continue
        shift = sum(len(d.new) - len(d.old) for d in mine if 0 <= d.new_start < start)
        change = FigureChange(
            section_id, k, start - shift, start - shift + len(old), old, sentence, "recomputed", "claim",
            c.source, RESTATED, start,
        )  # fmt: skip
        grown = len(sentence) - len(old)
        changes = [
            replace(d, new_start=d.new_start + grown) if d in mine and d.new_start >= end else d
            for d in changes
            if d not in inside
        ] + [change]
        mine = [d for d in mine if d not in inside]
        text = text[:start] + sentence + text[end:]
    paragraphs[k] = text
    return _with_text(draft, section, "\n".join(paragraphs)), changes


def _restatable(old: str, inside: list[FigureChange], topics: tuple[str, ...]) -> bool:
    """A verdict sentence of its own: it speaks of the verdict's topic, prints no figure, and nothing in it but
    contradicted claims was changed."""
    if not any(t in old for t in topics) or any(not f.ignored for f in find_figures(old)):
        return False
    return all(d.kind == "claim" and d.status == REVIEW for d in inside)


def _sentence(text: str, at: int) -> tuple[int, int]:
    start = max((m.end() for m in SENTENCE_END.finditer(text, 0, at)), default=0)
    end = SENTENCE_END.search(text, at)
    return start, end.end() if end else len(text)


def _with_text(draft: Draft, section: Section, text: str) -> Draft:
    sections = tuple(replace(s, text=text) if s is section else s for s in draft.sections)
    return replace(draft, sections=sections)
