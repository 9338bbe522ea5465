"""Exports of a draft: draft.md (markdown), the 公文 Word file (docx), the checked HTML report (html).

`current_draft(out_dir)` is the draft as its editor last left it: draft.json with the hand edits of
draft.md laid over it, so `drafter export` re-exports after edits without touching draft.json.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from drafter.types import Draft

MARKDOWN_FILE = "draft.md"


def with_edits(draft: Draft, markdown: str) -> Draft:
    """`draft` with each section body replaced by its draft.md body where an editor changed it."""
    from drafter.sections import edited_sections

    edits = edited_sections(draft, markdown)
    sections = tuple(
        dataclasses.replace(s, text=edits[s.spec.id], status="edited") if s.spec.id in edits else s
        for s in draft.sections
    )
    return dataclasses.replace(draft, sections=sections)


def current_draft(out_dir: Path) -> Draft:
    """draft.json of OUT (InputError when missing or from another version) plus draft.md's hand edits."""
    from drafter.store import load_draft

    draft = load_draft(Path(out_dir))
    markdown = Path(out_dir) / MARKDOWN_FILE
    if not markdown.is_file():
        return draft
    try:
        return with_edits(draft, markdown.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return draft  # an unreadable draft.md is not worth failing an export for: draft.json is the source
