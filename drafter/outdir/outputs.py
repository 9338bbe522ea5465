"""Write an OUT directory: draft.json (the source of truth), draft.md, draft.docx and check.json, atomically."""

from __future__ import annotations

import hashlib
import logging
import re
import time
from dataclasses import replace
from pathlib import Path

from drafter.checker.check import check_text, report_to_json
from drafter.core.files import json_bytes, write_bytes_atomic, write_files_atomic
from drafter.core.secrets import redact
from drafter.core.types import STATUSES, CheckReport, Draft, SourceData
from drafter.export.docx import docx_bytes
from drafter.export.markdown import render_markdown, split_markdown
from drafter.outdir.names import CHECK_FILE, DOCX_FILE, DOCX_MARK, DRAFT_FILE, MD_FILE
from drafter.outdir.store import draft_to_dict

_COMMENT = re.compile(r"<!--.*?-->", re.S)
log = logging.getLogger(__name__)
# seconds: a draft.docx saved this long after draft.json was written was saved by someone else
SAVED_LATER = 2.0


def without_comments(md_text: str) -> str:
    """draft.md with its HTML comments blanked (same length: offsets stay right). A failed section's
    comment says why in words and numbers ("cut off after 2048 tokens"); those are not figures."""
    return _COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), md_text)


def check_markdown(md_text: str, source: SourceData | None, path: str = "") -> CheckReport:
    report = check_text(without_comments(md_text), source)
    return replace(report, path=path) if path else report


def write_all(
    out_dir: Path,
    draft: Draft,
    md_text: str,
    source: SourceData | None,
    report: CheckReport | None = None,
    imported: Path | None = None,
) -> CheckReport:
    """Check the markdown (unless `report` is its check already), then write every file of OUT together,
    every registered secret redacted: all of them or, on a full disk or a refused folder, none
    (drafter.core.files.write_files_atomic). A draft.docx edited in Word since it was written is kept beside it
    (`keep_word_edits`), unless it is the file `imported` into this draft."""

    out_dir = Path(out_dir)
    draft, redacted = redact_draft(draft), redact(md_text)
    if report is None or redacted != md_text:  # a secret removed moves the offsets: check again
        report = check_markdown(redacted, source, str(out_dir / MD_FILE))
    docx = docx_bytes(draft, flagged_by_section(redacted, report))
    keep_word_edits(out_dir, imported)
    write_files_atomic(
        {
            out_dir / DRAFT_FILE: json_bytes(draft_to_dict(draft)),
            out_dir / MD_FILE: redacted.encode("utf-8"),
            out_dir / CHECK_FILE: json_bytes(report_to_json(report)),
            out_dir / DOCX_FILE: docx,
            out_dir / DOCX_MARK: hashlib.sha256(docx).hexdigest().encode("ascii"),
        }
    )
    return report


def keep_word_edits(out_dir: Path, imported: Path | None = None) -> Path | None:
    """draft.docx as someone saved it in Word or WPS since Drafter wrote it, copied beside it before it is written
    again (draft.word-edited-20261205-143000.docx), so no edit is lost; None when it is as Drafter wrote it. Told
    by the hash Drafter keeps of what it wrote; an OUT from before that hash, by a draft.docx saved after
    draft.json."""
    docx, mark = out_dir / DOCX_FILE, out_dir / DOCX_MARK
    try:
        if not docx.is_file():
            return None
        current = docx.read_bytes()
        if imported is not None and Path(imported).read_bytes() == current:
            return None  # its edits are the ones being brought in
        if mark.is_file():
            if hashlib.sha256(current).hexdigest() == mark.read_text(encoding="ascii").strip():
                return None
        elif not (out_dir / DRAFT_FILE).is_file() or (
            docx.stat().st_mtime <= (out_dir / DRAFT_FILE).stat().st_mtime + SAVED_LATER
        ):
            return None
    except (OSError, UnicodeDecodeError):
        return None  # (an unreadable mark or file: written over as before)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    copy = out_dir / f"draft.word-edited-{stamp}.docx"
    n = 2
    while copy.exists():  # (two rewrites within a second)
        copy, n = out_dir / f"draft.word-edited-{stamp}-{n}.docx", n + 1
    write_bytes_atomic(copy, current)
    command = f"drafter import {out_dir} {copy}"
    log.warning(
        "draft.docx 在 Word/WPS 中修改过，已另存为 %s（修改没有丢失）；要把修改并入草稿：%s / "
        "draft.docx had been edited in Word/WPS: kept as %s (nothing lost); to bring the edits into the draft: %s",
        copy.name,
        command,
        copy.name,
        command,
    )
    return copy


def redact_draft(draft: Draft) -> Draft:
    """The draft with every registered secret redacted from its text (draft.docx is written from it)."""
    sections = tuple(
        s if redact(s.text) == s.text else replace(s, text=redact(s.text)) for s in draft.sections
    )
    return replace(draft, sections=sections)


def write_outputs(out_dir: Path, draft: Draft, source: SourceData | None) -> CheckReport:
    return write_all(out_dir, draft, render_markdown(draft), source)


def flagged_by_section(md_text: str, report: CheckReport) -> dict[str, set[str]]:
    """Per section id: the figures of draft.md the checker flagged, as printed (to be marked in draft.docx)."""
    chunks = split_markdown(md_text)
    out: dict[str, set[str]] = {}
    for finding in report.problems:
        chunk = _chunk_at(chunks, finding.start)
        if chunk is not None and finding.kind == "figure" and finding.text.strip():
            out.setdefault(chunk.section_id, set()).add(finding.text.strip())
    return out


def section_counts(md_text: str, report: CheckReport) -> dict[str, dict[str, int]]:
    """Per section id: how many figures of each checker status fall inside its chunk of draft.md."""

    chunks = split_markdown(md_text)
    counts = {c.section_id: dict.fromkeys(("figures", *STATUSES), 0) for c in chunks}
    for finding in report.findings:
        chunk = _chunk_at(chunks, finding.start)
        if chunk is not None:
            counts[chunk.section_id]["figures"] += 1
            counts[chunk.section_id][finding.status] += 1
    return counts


def _chunk_at(chunks: list, offset: int):
    """The chunk of draft.md (one section's) that holds `offset`, or None."""
    return next((c for c in chunks if c.start <= offset < c.end), None)
