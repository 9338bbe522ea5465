"""Hand edits: the sections an editor changed in draft.md, laid over draft.json or imported and locked.

`current_draft(out_dir)` is the draft as its editor last left it: draft.json with the hand edits of
draft.md laid over it, so `drafter export` re-exports after edits without touching draft.json. draft.md
is read as its editor saved it (any encoding, any line ends) or refused: an edit is never dropped silently.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from pathlib import Path

from drafter.core.errors import InputError
from drafter.core.inputs import TEXT_LIMITS, TEXT_NOTES, read_text
from drafter.core.types import Draft, Provenance
from drafter.export.markdown import body_hash, normalize_body, parse_markdown, render_markdown, split_markdown
from drafter.outdir.names import MD_FILE
from drafter.outdir.store import load_draft

log = logging.getLogger(__name__)


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
    """draft.md as its editor left it — UTF-8, or GB18030/UTF-16 as Notepad and WPS save it, line ends made
    \\n — or the rendered draft when there is none. InputError (before anything is written) when it is
    binary, too big, or holds none of the draft's section markers: its edits could not be placed."""
    path = Path(out_dir) / MD_FILE
    if not path.exists() and not path.is_symlink():
        return render_markdown(draft)
    text, encoding = read_text(path, TEXT_LIMITS, what="draft.md")
    if encoding != "utf-8":
        log.warning("%s: %s", path, TEXT_NOTES[encoding])
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if draft.sections and not split_markdown(text):
        raise InputError(
            "没有草稿的章节标记（<!-- section: … -->），无法定位修改 / holds none of the draft's section markers (<!-- section: … -->), so its edits cannot be placed",
            path=str(path),
            hint="请恢复标记行（或文件），或移走 draft.md 以直接使用 draft.json / restore the marker lines (or the file), or move draft.md away to use draft.json as it is",
        )
    return text


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
    return with_edits(draft, read_markdown(out_dir, draft))
