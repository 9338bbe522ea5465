"""Write an OUT directory: draft.json (the source of truth), draft.md, draft.docx and check.json, atomically."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from drafter.checker.check import check_text, report_to_json
from drafter.core.files import write_json_atomic, write_text_atomic
from drafter.core.secrets import redact
from drafter.core.types import STATUSES, CheckReport, Draft, SourceData
from drafter.export.docx import write_docx
from drafter.export.markdown import render_markdown, split_markdown
from drafter.outdir.names import CHECK_FILE, DOCX_FILE, MD_FILE
from drafter.outdir.store import save_draft

_COMMENT = re.compile(r"<!--.*?-->", re.S)


def without_comments(md_text: str) -> str:
    """draft.md with its HTML comments blanked (same length: offsets stay right). A failed section's
    comment says why in words and numbers ("cut off after 2048 tokens"); those are not figures."""
    return _COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), md_text)


def check_markdown(md_text: str, source: SourceData | None, path: str = "") -> CheckReport:
    report = check_text(without_comments(md_text), source)
    return replace(report, path=path) if path else report


def write_all(out_dir: Path, draft: Draft, md_text: str, source: SourceData | None) -> CheckReport:
    """Check the markdown, then write every file of OUT; each write is atomic."""

    out_dir = Path(out_dir)
    draft = redact_draft(draft)
    md_text = redact(md_text)
    report = check_markdown(md_text, source, str(out_dir / MD_FILE))
    save_draft(out_dir, draft)
    write_text_atomic(out_dir / MD_FILE, md_text)
    write_json_atomic(out_dir / CHECK_FILE, report_to_json(report))
    write_docx(draft, out_dir / DOCX_FILE)
    return report


def redact_draft(draft: Draft) -> Draft:
    """The draft with every registered secret redacted from its text (draft.docx is written from it)."""
    sections = tuple(
        s if redact(s.text) == s.text else replace(s, text=redact(s.text)) for s in draft.sections
    )
    return replace(draft, sections=sections)


def write_outputs(out_dir: Path, draft: Draft, source: SourceData | None) -> CheckReport:
    return write_all(out_dir, draft, render_markdown(draft), source)


def section_counts(md_text: str, report: CheckReport) -> dict[str, dict[str, int]]:
    """Per section id: how many figures of each checker status fall inside its chunk of draft.md."""

    chunks = split_markdown(md_text)
    counts = {c.section_id: dict.fromkeys(("figures", *STATUSES), 0) for c in chunks}
    for finding in report.findings:
        chunk = next((c for c in chunks if c.start <= finding.start < c.end), None)
        if chunk is not None:
            counts[chunk.section_id]["figures"] += 1
            counts[chunk.section_id][finding.status] += 1
    return counts
