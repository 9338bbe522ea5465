"""`drafter section`: redraft one section of an OUT, keep hand edits (locked), re-check, show the diff."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, replace
from pathlib import Path

from drafter.core.config import Settings
from drafter.core.errors import BackendUnavailable, DrafterError, InputError, ModelFailed, PromptError
from drafter.core.types import CheckReport, Draft, Section
from drafter.drafting.backends.base import Backend
from drafter.drafting.compose import draft_section
from drafter.drafting.context import build_context
from drafter.drafting.plan import resolve_spec
from drafter.export.markdown import render_markdown, render_section, replace_chunk, split_markdown
from drafter.outdir.edits import edited_sections, import_hand_edits, read_markdown
from drafter.outdir.names import MD_FILE
from drafter.outdir.outputs import check_markdown, section_counts, write_all
from drafter.outdir.store import load_draft, save_draft
from drafter.source.load import load_source


@dataclass(frozen=True)
class RegenOutcome:
    draft: Draft
    check: CheckReport
    section: Section
    diff: str
    imported: tuple[str, ...] = ()  # ids of hand-edited sections found in draft.md and locked


@dataclass(frozen=True)
class SectionRow:
    id: str
    ordinal: str
    heading: str
    status: str
    counts: dict[str, int]


def section_diff(old: str, new: str, name: str) -> str:
    lines = difflib.unified_diff(
        old.splitlines(keepends=True),
        new.splitlines(keepends=True),
        fromfile=f"{name} (before)",
        tofile=f"{name} (after)",
    )
    return "".join(lines)


def _splice(md_text: str, section: Section, draft: Draft) -> tuple[str, str]:
    """(new draft.md, old chunk): only this section's chunk changes."""

    old = next((c.text for c in split_markdown(md_text) if c.section_id == section.spec.id), "")
    try:
        return replace_chunk(md_text, section), old
    except KeyError:  # the section is missing from draft.md: render the whole file again
        return render_markdown(draft), old


def _refuse_locked(out_dir: Path, draft: Draft, section: Section) -> None:
    save_draft(out_dir, draft)  # keep the imported hand edits even when refusing
    raise InputError(
        f"章节 {section.spec.numbered_heading or section.spec.id} 已手工修改并锁定 / section {section.spec.numbered_heading or section.spec.id} was edited by hand and is locked",
        path=str(Path(out_dir) / MD_FILE),
        hint="如要覆盖手工修改，请加 --force / add --force to overwrite the hand edits",
    )


def regenerate(
    out_dir: Path,
    ident: str,
    settings: Settings,
    *,
    instructions: str = "",
    force: bool = False,
    backend: Backend | None = None,
) -> RegenOutcome:
    out_dir = Path(out_dir)
    draft = load_draft(out_dir)
    md_text = read_markdown(out_dir, draft)
    draft, imported = import_hand_edits(draft, md_text)
    spec = resolve_spec(ident, [s.spec for s in draft.sections])
    current = draft.section(spec.id)
    if current.status == "locked" and not force:
        _refuse_locked(out_dir, draft, current)
    source = load_source(Path(draft.metrics_path))
    new = draft_section(
        spec, build_context(source, settings, backend), instructions=instructions, previous=current
    )
    if new.status == "failed":
        save_draft(out_dir, draft)
        raise _not_drafted(spec.numbered_heading or spec.id, new.provenance.error, new.provenance.error_kind)
    draft = replace(draft, sections=tuple(new if s.spec.id == spec.id else s for s in draft.sections))
    new_md, old_chunk = _splice(md_text, new, draft)
    check = write_all(out_dir, draft, new_md, source)
    diff = section_diff(old_chunk, render_section(new), spec.numbered_heading or spec.id)
    return RegenOutcome(draft=draft, check=check, section=new, diff=diff, imported=imported)


def list_sections(out_dir: Path) -> tuple[SectionRow, ...]:
    """Every section with its status (hand edits not yet imported show as "edited") and check counts."""

    draft = load_draft(out_dir)
    md_text = read_markdown(out_dir, draft)
    edited = edited_sections(draft, md_text)
    counts = section_counts(md_text, check_markdown(md_text, _source_or_none(draft)))
    return tuple(
        SectionRow(
            id=s.spec.id,
            ordinal=s.spec.ordinal,
            heading=s.spec.heading or _first_words(s.text),
            status="edited" if s.spec.id in edited and s.status != "locked" else s.status,
            counts=counts.get(s.spec.id, {}),
        )
        for s in draft.sections
    )


def _source_or_none(draft: Draft):  # -> SourceData | None

    try:
        return load_source(Path(draft.metrics_path)) if draft.metrics_path else None
    except InputError:
        return None


def _first_words(text: str) -> str:
    first = text.split("\n", 1)[0]
    return re.sub(r"\s+", " ", first)[:24]


def _not_drafted(heading: str, error: str, kind: str) -> DrafterError:
    """The section's failure as `drafter draft` says it: an unreachable model or a prompt that cannot fit is the
    user's to fix (exit 2), any other model failure is exit 3."""
    error_class = {BackendUnavailable.kind: BackendUnavailable, PromptError.kind: PromptError}.get(
        kind, ModelFailed
    )
    return error_class(
        f"章节 {heading} 没有起草成功 / section {heading} could not be drafted: {error}",
        hint="该章节保持原样；请再运行一次，或改用 --backend offline / the section was left as it was; run it "
        "again, or use --backend offline",
    )
