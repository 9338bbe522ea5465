"""Hand edits: the sections an editor changed in draft.md, laid over draft.json or imported and locked.

`current_draft(out_dir)` is the draft as its editor last left it: draft.json with the hand edits of
draft.md laid over it, so `drafter export` re-exports after edits without touching draft.json.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from drafter.core.types import Draft, Provenance
from drafter.export.markdown import body_hash, normalize_body, parse_markdown, render_markdown
from drafter.outdir.names import MD_FILE
from drafter.outdir.store import load_draft


def edited_sections(draft: Draft, md_text: str) -> dict[str, str]:
    """Section id → body for every section whose text in draft.md differs from draft.json."""
    bodies = parse_markdown(md_text)
    return {
        s.spec.id: normalize_body(bodies[s.spec.id])
        for s in draft.sections
        if s.spec.id in bodies and body_hash(bodies[s.spec.id]) != body_hash(s.text)
    }


def import_hand_edits(draft: Draft, md_text: str) -> tuple[Draft, tuple[str, ...]]:
    """The draft with hand-edited sections taken from draft.md and locked against regeneration."""
    edits = edited_sections(draft, md_text)
    if not edits:
        return draft, ()
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    mark = Provenance(backend="hand", started_at=now, note="edited by hand in draft.md; locked")
    sections = tuple(
        dataclasses.replace(s, text=edits[s.spec.id], status="locked", history=(*s.history, mark))
        if s.spec.id in edits
        else s
        for s in draft.sections
    )
    return dataclasses.replace(draft, sections=sections), tuple(edits)


def read_markdown(out_dir: Path, draft: Draft) -> str:
    path = Path(out_dir) / MD_FILE
    return path.read_text(encoding="utf-8") if path.is_file() else render_markdown(draft)


def with_edits(draft: Draft, markdown: str) -> Draft:
    """`draft` with each section body replaced by its draft.md body where an editor changed it."""
    edits = edited_sections(draft, markdown)
    sections = tuple(
        dataclasses.replace(s, text=edits[s.spec.id], status="edited") if s.spec.id in edits else s
        for s in draft.sections
    )
    return dataclasses.replace(draft, sections=sections)


def current_draft(out_dir: Path) -> Draft:
    """draft.json of OUT (InputError when missing or from another version) plus draft.md's hand edits."""
    draft = load_draft(Path(out_dir))
    markdown = Path(out_dir) / MD_FILE
    if not markdown.is_file():
        return draft
    try:
        return with_edits(draft, markdown.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return draft  # an unreadable draft.md is not worth failing an export for: draft.json is the source
