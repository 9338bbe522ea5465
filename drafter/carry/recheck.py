"""The carried draft read by the checker before it is written: a carried figure the checker does not prove in its
new sentence (a total whose old parts were kept, a unit error carried along) goes on the review list too, its
new value kept and highlighted."""

from __future__ import annotations

from dataclasses import replace

from drafter.carry.types import REVIEW, FigureChange
from drafter.core.types import PROBLEM_STATUSES, CheckReport, Draft
from drafter.export.markdown import split_markdown


def paragraph_offsets(draft: Draft, md_text: str) -> dict[tuple[str, int], int]:
    """(section id, paragraph) → where that paragraph starts in draft.md."""
    chunks = {c.section_id: c for c in split_markdown(md_text)}
    out = {}
    for section in draft.sections:
        chunk, at = chunks.get(section.spec.id), 0
        for k, paragraph in enumerate(section.paragraphs if chunk else ()):
            found = chunk.text.find(paragraph, at)
            if found >= 0:
                out[(section.spec.id, k)] = chunk.start + found
                at = found + len(paragraph)
    return out


def flag_unproven(
    draft: Draft, md_text: str, report: CheckReport, changes: list[FigureChange]
) -> list[FigureChange]:
    offsets = paragraph_offsets(draft, md_text)
    problems = {f.start: f for f in report.findings if f.status in PROBLEM_STATUSES}
    out = []
    for c in changes:
        at = offsets.get((c.section, c.paragraph))
        finding = problems.get(at + c.new_start) if at is not None and c.new_start >= 0 else None
        if c.status in ("updated", "recomputed") and c.kind == "figure" and finding is not None:
            reason = f"核对未通过 / the checker flags it ({finding.status}): {finding.message}".strip()
            c = replace(c, status=REVIEW, reason=reason)
        out.append(c)
    return out
