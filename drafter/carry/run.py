"""`drafter draft NEW_METRICS --from LAST_REPORT -o OUT`: last year's report carried a year forward.

Read LAST into its own sections, refuse what cannot be carried (`validate`), carry the figures (`body`) and the
report's own particulars (`front`), let the usual writer draft the indicators the new data add, and write a normal
OUT (draft.json/.md/.docx, check.json) plus changes.json and redline.docx. A rerun on the same OUT keeps the
sections edited by hand (locked); an OUT that holds a draft made without --from is refused, nothing overwritten.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from drafter.carry.assemble import (
    WRITER_PARTS,
    Addition,
    additions,
    carried_section,
    dropped,
    now_iso,
    review_notes,
)
from drafter.carry.body import FRONT, carry_body
from drafter.carry.changes import CHANGES_FILE, REDLINE_FILE, changes_json
from drafter.carry.front import carry_front
from drafter.carry.last_read import is_traditional, read_last
from drafter.carry.last_sections import report_year, split_sections
from drafter.carry.linker import CheckerLinker, FigureLinker
from drafter.carry.recheck import flag_unproven
from drafter.carry.redline_map import plain_docx, redline_docx
from drafter.carry.restate import restate_verdicts
from drafter.carry.types import CarriedSection, FigureChange, LastReport, LastSection
from drafter.carry.validate import body_text, validate
from drafter.core.config import Settings
from drafter.core.errors import InputError
from drafter.core.files import write_bytes_atomic, write_json_atomic
from drafter.core.taxonomy import load_taxonomy
from drafter.core.types import CheckReport, Draft, Section, SectionSpec, SourceData
from drafter.drafting import stopped
from drafter.drafting.backends.base import Backend
from drafter.drafting.backends.offline import OfflineBackend
from drafter.drafting.compose import draft_section
from drafter.drafting.context import build_context
from drafter.drafting.run import existing_draft, metrics_hash
from drafter.export.markdown import render_markdown
from drafter.outdir.edits import import_hand_edits, read_markdown
from drafter.outdir.outputs import check_markdown, write_all
from drafter.source.load import load_source

SHIFT = 1  # years: last year's report, this year's data


@dataclass(frozen=True)
class CarryOutcome:
    draft: Draft
    check: CheckReport
    out_dir: Path
    changes: tuple[FigureChange, ...]
    added: tuple[str, ...] = ()
    dropped: tuple[str, ...] = ()
    kept_locked: tuple[str, ...] = ()  # sections edited by hand in an earlier run, kept
    notes: tuple[str, ...] = ()
    review: tuple[dict, ...] = ()  # changes.json's review list: per section, the items kept for review

    @property
    def exit_code(self) -> int:
        return self.check.exit_code


def read_report(last_path: Path, settings: Settings) -> tuple[LastReport, str]:
    blocks, docx, pending, note = read_last(Path(last_path))
    sections = split_sections(blocks, load_taxonomy(settings.knowledge_dir / "taxonomy.yaml"))
    last = LastReport(str(last_path), tuple(sections), report_year(sections), docx, pending)
    return replace(last, traditional=is_traditional(body_text(last))), note


def previous_carried(out_dir: Path) -> Draft | None:
    """The carried draft already in OUT (its hand edits imported and locked); InputError for any other draft."""
    previous = existing_draft(Path(out_dir))
    if previous is None:
        return None
    if not any(h.backend == "carried" for s in previous.sections for h in s.history):
        raise InputError(
            "此目录中的草稿是直接由数据起草的，不是沿用报告 / holds a draft made from the metrics alone, not carried from a report",
            path=str(out_dir),
            hint="-o 请给一个新目录 / choose a new directory for -o OUT",
        )
    return import_hand_edits(previous, read_markdown(Path(out_dir), previous))[0]


def run_carry(
    metrics_path: Path,
    last_path: Path,
    out_dir: Path,
    settings: Settings,
    *,
    linker: FigureLinker | None = None,
    backend: Backend | None = None,
    last_name: str | None = None,
) -> CarryOutcome:
    """`last_name`: LAST as the user knows it, when `last_path` is a temp copy (the web page's upload)."""
    out_dir = Path(out_dir)
    shown = last_name or str(last_path)
    with stopped.saying(stopped.before_drafting(out_dir)):
        new = load_source(Path(metrics_path))
        last, note = read_report(last_path, settings)
        validate(last, new)
        previous = previous_carried(out_dir)
        sections = list(last.sections)
        carried = carry_body(sections, new, linker or CheckerLinker(), SHIFT)
        carried |= {s.spec.id: carry_front(s, new.report) for s in sections if s.spec.kind in FRONT}
        changes = [c for s in sections for c in carried[s.spec.id].changes]
        adds = additions(sections, changes, new, load_taxonomy(settings.knowledge_dir / "taxonomy.yaml"))
        written = _writer_sections(adds, sections, new, settings, backend)
        draft, kept = _draft(
            sections, carried, adds, written, new, Path(metrics_path), Path(shown).name, previous
        )
    with stopped.saying(stopped.while_carrying_written(out_dir)):
        draft, changes, check = _write_draft(out_dir, draft, changes, kept, new, settings)
        notes = _notes(last, note.replace(str(last_path), shown), dropped(sections, new), changes)
        missed = _write_redline(out_dir, last, new, sections, changes, adds, draft)
        notes += (
            [f"{missed} changes could not be placed in redline.docx (see changes.json)"] if missed else []
        )
        record = changes_json(
            last_path=shown, metrics_path=str(metrics_path), last_year=last.year, shift=SHIFT,
            sections=sections, changes=changes, added=[a.spec.id for a in adds],
            dropped=dropped(sections, new), notes=notes,
        )  # fmt: skip
        write_json_atomic(out_dir / CHANGES_FILE, record)
    return CarryOutcome(
        draft, check, out_dir, tuple(changes), tuple(a.spec.id for a in adds),
        tuple(dropped(sections, new)), tuple(kept), tuple(notes), tuple(record["review"]),
    )  # fmt: skip


def _write_draft(
    out_dir: Path,
    draft: Draft,
    changes: list[FigureChange],
    kept: list[str],
    new: SourceData,
    settings: Settings,
) -> tuple[Draft, list[FigureChange], CheckReport]:
    """draft.json/.md/.docx and check.json; carried figures and claims the checker questions join the review list
    first, and a contradicted verdict the writer can state from the new data is restated."""
    plain = render_markdown(draft)
    changes = flag_unproven(draft, plain, check_markdown(plain, new), changes)
    writer = OfflineBackend(settings)
    locked = {s.spec.id for s in draft.sections if s.spec.id in kept}
    mine = [c for c in changes if c.section not in locked]
    draft, restated = restate_verdicts(draft, mine, lambda indicator: writer.verdict(new, indicator))
    changes = [c for c in changes if c.section in locked] + restated
    order = {s.spec.id: n for n, s in enumerate(draft.sections)}
    changes.sort(key=lambda c: (order.get(c.section, 0), c.paragraph, c.start))
    plain = render_markdown(draft)
    md_text = review_notes(plain, [c for c in changes if c.section not in kept])
    return draft, changes, write_all(out_dir, draft, md_text, new)


def _writer_sections(
    adds: list[Addition],
    sections: list[LastSection],
    new: SourceData,
    settings: Settings,
    backend: Backend | None,
) -> dict[str, Section]:
    """The usual writer's sections: each added indicator, and a title/opening/落款 last year's report lacks."""
    have = {s.spec.kind for s in sections}
    specs = [a.spec for a in adds] + [SectionSpec(kind, kind) for kind in WRITER_PARTS if kind not in have]
    if not specs:
        return {}
    ctx = build_context(new, settings, backend)
    return {spec.id: draft_section(spec, ctx) for spec in specs}


def _draft(
    sections: list[LastSection],
    carried: dict[str, CarriedSection],
    adds: list[Addition],
    written: dict[str, Section],
    new: SourceData,
    metrics_path: Path,
    last_name: str,
    previous: Draft | None,
) -> tuple[Draft, list[str]]:
    now = now_iso()
    ordered: list[Section] = []
    for spec_id in ("title", "opening"):
        if spec_id in written and not any(s.spec.kind == spec_id for s in sections):
            ordered.append(written[spec_id])
    for s in sections:
        if s.spec.kind == "signature":
            continue
        ordered.append(carried_section(carried[s.spec.id], last_name, now))
        ordered += [written[a.spec.id] for a in adds if a.after == s.spec.id] + _chained(
            adds, written, s.spec.id
        )
    signature = next((s for s in sections if s.spec.kind == "signature"), None)
    ordered.append(
        carried_section(carried[signature.spec.id], last_name, now) if signature else written["signature"]
    )
    ordered, kept = _keep_locked(ordered, previous)
    draft = Draft(
        report=new.report, sections=tuple(ordered), metrics_path=str(metrics_path.resolve()),
        created_at=previous.created_at if previous else now, metrics_hash=metrics_hash(metrics_path),
    )  # fmt: skip
    return draft, kept


def _chained(adds: list[Addition], written: dict[str, Section], first: str) -> list[Section]:
    """Additions that follow other additions, after the first one that follows `first`."""
    out, after = [], next((a.spec.id for a in adds if a.after == first), None)
    while after is not None:
        nxt = next((a for a in adds if a.after == after), None)
        if nxt is None:
            break
        out.append(written[nxt.spec.id])
        after = nxt.spec.id
    return out


def _keep_locked(sections: list[Section], previous: Draft | None) -> tuple[list[Section], list[str]]:
    if previous is None:
        return sections, []
    locked = {s.spec.id: s for s in previous.sections if s.status == "locked"}
    return [locked.get(s.spec.id, s) for s in sections], [s.spec.id for s in sections if s.spec.id in locked]


def _notes(last: LastReport, note: str, gone: list[str], changes: list[FigureChange]) -> list[str]:
    notes = [note] if note else []
    if last.pending:
        notes.append(f"{last.pending} tracked changes were still pending in LAST: read as if accepted")
    if last.traditional:
        notes.append("LAST is (partly) in Traditional characters: kept as printed, read through Simplified")
    if gone:
        notes.append("indicators not in the new data, kept for review: " + ", ".join(gone))
    if not any(c.status in ("updated", "recomputed") for c in changes if c.kind == "figure"):
        notes.append("no figure of LAST could be linked to the new metrics: every figure is kept for review")
    return notes


def _write_redline(
    out_dir: Path,
    last: LastReport,
    new: SourceData,
    sections: list[LastSection],
    changes: list[FigureChange],
    adds: list[Addition],
    draft: Draft,
) -> int:
    docx, anchored = (last.docx, sections) if last.docx else plain_docx(sections, new.report)
    added = [(draft.section(a.spec.id), a.after) for a in adds if draft.section(a.spec.id)]
    data, missed = redline_docx(docx, anchored, changes, added)
    write_bytes_atomic(out_dir / REDLINE_FILE, data)
    return missed
