"""Write an OUT directory: draft.json (the source of truth), draft.md, draft.docx and check.json, atomically."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from drafter.checker.check import check_text, report_to_json
from drafter.core.files import json_bytes, write_files_atomic
from drafter.core.secrets import redact
from drafter.core.types import STATUSES, CheckReport, Draft, SourceData
from drafter.export.docx import docx_bytes
from drafter.export.markdown import render_markdown, split_markdown
from drafter.outdir.names import CHECK_FILE, DOCX_FILE, DRAFT_FILE, MD_FILE
from drafter.outdir.store import draft_to_dict

_COMMENT = re.compile(r"<!--.*?-->", re.S)


def without_comments(md_text: str) -> str:
    """draft.md with its HTML comments blanked (same length: offsets stay right). A failed section's
    comment says why in words and numbers ("cut off after 2048 tokens"); those are not figures."""
    return _COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), md_text)


def check_markdown(md_text: str, source: SourceData | None, path: str = "") -> CheckReport:
    report = check_text(without_comments(md_text), source)
    return replace(report, path=path) if path else report


def write_all(
    out_dir: Path, draft: Draft, md_text: str, source: SourceData | None, report: CheckReport | None = None
) -> CheckReport:
    """Check the markdown (unless `report` is its check already), then write every file of OUT together,
    every registered secret redacted: all of them or, on a full disk or a refused folder, none
    (drafter.core.files.write_files_atomic)."""

    out_dir = Path(out_dir)
    draft, redacted = redact_draft(draft), redact(md_text)
    if report is None or redacted != md_text:  # a secret removed moves the offsets: check again
        report = check_markdown(redacted, source, str(out_dir / MD_FILE))
    write_files_atomic(
        {
            out_dir / DRAFT_FILE: json_bytes(draft_to_dict(draft)),
            out_dir / MD_FILE: redacted.encode("utf-8"),
            out_dir / CHECK_FILE: json_bytes(report_to_json(report)),
            out_dir / DOCX_FILE: docx_bytes(draft, flagged_by_section(redacted, report)),
        }
    )
    return report


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
