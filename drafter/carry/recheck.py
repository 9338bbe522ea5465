"""The carried draft read by the checker before it is written: a carried figure the checker does not prove in its
new sentence (a total whose old parts were kept, a unit error carried along) goes on the review list, its new
value kept and highlighted; so does a claim in words the new data no longer bear out (实现“两个只增不减” when
the budget now falls, 全覆盖 at 99%)."""

from __future__ import annotations

from dataclasses import replace

from drafter.carry.types import REVIEW, FigureChange
from drafter.core.types import PROBLEM_STATUSES, CheckReport, Draft, Finding
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
    problems = {f.start: f for f in report.findings if f.status in PROBLEM_STATUSES and f.kind != "claim"}
    out = []
    for c in changes:
        at = offsets.get((c.section, c.paragraph))
        finding = problems.get(at + c.new_start) if at is not None and c.new_start >= 0 else None
        if c.status in ("updated", "recomputed") and c.kind == "figure" and finding is not None:
            reason = f"核对未通过 / the checker flags it ({finding.status}): {finding.message}".strip()
            c = replace(c, status=REVIEW, reason=reason)
        out.append(c)
    for finding in (f for f in report.findings if f.kind == "claim" and f.status == "mismatch"):
        out = _claim_review(finding, offsets, out, draft)
    order = {s.spec.id: n for n, s in enumerate(draft.sections)}
    return sorted(out, key=lambda c: (order.get(c.section, 0), c.paragraph, c.start))


def _claim_review(
    finding: Finding, offsets: dict[tuple[str, int], int], changes: list[FigureChange], draft: Draft
) -> list[FigureChange]:
    """A claim of carried text the new data do not bear out: the figures changed inside it go on the review
    list, or, where none is, the claim's own words do."""
    place = next(
        (
            (key, at)
            for key, at in offsets.items()
            if at <= finding.start < at + len(draft.section(key[0]).paragraphs[key[1]])
        ),
        None,
    )
    if place is None or draft.section(place[0][0]).provenance.backend != "carried":
        return changes
    (section, k), at = place
    new_start, new_end = finding.start - at, finding.end - at
    reason = f"这一判断与新数据不符 / the new data do not bear it out: {finding.expected}"
    inside = [
        c for c in changes if c.section == section and c.paragraph == k and _overlaps(c, new_start, new_end)
    ]
    if inside:
        return [
            replace(c, status=REVIEW, reason=reason) if c in inside and c.status != REVIEW else c
            for c in changes
        ]
    shift = sum(
        len(c.new) - len(c.old)
        for c in changes
        if (c.section, c.paragraph) == (section, k) and c.new_start < new_start
    )
    start = new_start - shift
    claim = FigureChange(
        section,
        k,
        start,
        start + len(finding.text),
        finding.text,
        finding.text,
        REVIEW,
        "claim",
        finding.source,
        reason,
        new_start,
    )
    return [*changes, claim]


def _overlaps(c: FigureChange, start: int, end: int) -> bool:
    return c.new_start >= 0 and c.new_start < end and start < c.new_start + len(c.new)
