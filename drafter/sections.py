"""`drafter section`: redraft one section of an OUT, keep hand edits (locked), re-check, show the diff."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, replace
from pathlib import Path

from drafter.backends.base import Backend
from drafter.config import Settings
from drafter.errors import BackendError, InputError
from drafter.export.markdown import body_hash, normalize_body, parse_markdown, render_markdown, render_section
from drafter.outputs import MD_FILE
from drafter.store import load_draft, save_draft
from drafter.types import CheckReport, Draft, Provenance, Section, SectionSpec

ASCII_PARENS = str.maketrans({"(": "（", ")": "）"})


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


def _ident_forms(spec: SectionSpec) -> set[str]:
    forms = {spec.id, spec.indicator, spec.heading, spec.numbered_heading, spec.ordinal}
    if spec.depth == 1:
        forms.add(f"{spec.ordinal}、")
    return {f for f in forms if f}


def resolve_spec(ident: str, specs: tuple[SectionSpec, ...] | list[SectionSpec]) -> SectionSpec:
    """A section by ordinal (四, （三）, (三)), heading text, section id or indicator code."""
    wanted = ident.strip().translate(ASCII_PARENS)
    exact = [s for s in specs if wanted in _ident_forms(s)]
    if not exact and len(wanted) >= 2:
        exact = [s for s in specs if s.heading and wanted in s.heading]
    if len(exact) == 1:
        return exact[0]
    valid = ", ".join(f"{s.ordinal or s.id} ({s.id}{'：' + s.heading if s.heading else ''})" for s in specs)
    problem = "matches several sections" if exact else "names no section"
    raise InputError(f"--section {ident!r} {problem}", key="--section", hint=f"use one of: {valid}")


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
        replace(s, text=edits[s.spec.id], status="locked", history=(*s.history, mark))
        if s.spec.id in edits
        else s
        for s in draft.sections
    )
    return replace(draft, sections=sections), tuple(edits)


def read_markdown(out_dir: Path, draft: Draft) -> str:
    path = Path(out_dir) / MD_FILE
    return path.read_text(encoding="utf-8") if path.is_file() else render_markdown(draft)


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
    from drafter.export.markdown import replace_chunk, split_markdown

    old = next((c.text for c in split_markdown(md_text) if c.section_id == section.spec.id), "")
    try:
        return replace_chunk(md_text, section), old
    except KeyError:  # the section is missing from draft.md: render the whole file again
        return render_markdown(draft), old


def _refuse_locked(out_dir: Path, draft: Draft, section: Section) -> None:
    save_draft(out_dir, draft)  # keep the imported hand edits even when refusing
    raise InputError(
        f"section {section.spec.numbered_heading or section.spec.id} was edited by hand and is locked",
        path=str(Path(out_dir) / MD_FILE),
        hint="add --force to overwrite the hand edits",
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
    from drafter.compose import draft_section
    from drafter.draft import build_context
    from drafter.metrics import load_source
    from drafter.outputs import write_all

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
        raise BackendError(
            f"section {spec.numbered_heading or spec.id} could not be drafted: {new.provenance.error}",
            hint="the section was left as it was; try again, or use --backend offline",
        )
    draft = replace(draft, sections=tuple(new if s.spec.id == spec.id else s for s in draft.sections))
    new_md, old_chunk = _splice(md_text, new, draft)
    check = write_all(out_dir, draft, new_md, source)
    diff = section_diff(old_chunk, render_section(new), spec.numbered_heading or spec.id)
    return RegenOutcome(draft=draft, check=check, section=new, diff=diff, imported=imported)


def list_sections(out_dir: Path) -> tuple[SectionRow, ...]:
    """Every section with its status (hand edits not yet imported show as "edited") and check counts."""
    from drafter.outputs import check_markdown, section_counts

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
    from drafter.metrics import load_source

    try:
        return load_source(Path(draft.metrics_path)) if draft.metrics_path else None
    except InputError:
        return None


def _first_words(text: str) -> str:
    first = text.split("\n", 1)[0]
    return re.sub(r"\s+", " ", first)[:24]
