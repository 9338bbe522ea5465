"""OUT/changes.json: every figure of last year's report and what became of it, and the editor's review list."""

from __future__ import annotations

from typing import Any

from drafter.carry.types import REVIEW, FigureChange, LastSection

CHANGES_FILE = "changes.json"
REDLINE_FILE = "redline.docx"
FORMAT = "drafter.changes"
STATUSES = ("updated", "recomputed", "kept", REVIEW)
CONTEXT = 16  # characters of text shown on each side of a review item


def changes_json(
    *,
    last_path: str,
    metrics_path: str,
    last_year: int,
    shift: int,
    sections: list[LastSection],
    changes: list[FigureChange],
    added: list[str],
    dropped: list[str],
    notes: list[str],
) -> dict[str, Any]:
    by_id = {s.spec.id: s for s in sections}
    return {
        "format": FORMAT,
        "version": 1,
        "from": last_path,
        "metrics": metrics_path,
        "years": {"last": last_year, "shift": shift},
        "summary": {status: sum(1 for c in changes if c.status == status) for status in STATUSES},
        "changes": [_change(c, by_id) for c in changes],
        "review": review_list(sections, changes),
        "added": added,
        "dropped": dropped,
        "notes": notes,
    }


def _heading(section: LastSection | None) -> str:
    return section.spec.numbered_heading if section else ""


def _change(c: FigureChange, by_id: dict[str, LastSection]) -> dict[str, Any]:
    return {
        "section": c.section,
        "heading": _heading(by_id.get(c.section)),
        "paragraph": c.paragraph,
        "start": c.start,
        "end": c.end,
        "old": c.old,
        "new": c.new,
        "status": c.status,
        "kind": c.kind,
        "source": c.source,
        "reason": c.reason,
    }


def review_list(sections: list[LastSection], changes: list[FigureChange]) -> list[dict[str, Any]]:
    """Per section, in report order: every item kept for review with its words around it."""
    out = []
    for section in sections:
        items = [c for c in changes if c.section == section.spec.id and c.status == REVIEW]
        if items:
            out.append(
                {
                    "section": section.spec.id,
                    "heading": _heading(section) or section.spec.id,
                    "items": [
                        {"text": c.old, "kind": c.kind, "reason": c.reason, "context": context(section, c)}
                        for c in items
                    ],
                }
            )
    return out


def context(section: LastSection, c: FigureChange) -> str:
    if c.paragraph < 0 or c.paragraph >= len(section.paragraphs):
        return c.old
    text = section.paragraphs[c.paragraph].text
    return text[max(0, c.start - CONTEXT) : c.end + CONTEXT]
