"""Tracked revisions written onto an existing .docx, its own formatting kept: Word's and WPS's 审阅 pane walks them.

A `Revision` replaces a span of one paragraph's text: the runs are split where the span starts and ends, the old
runs are wrapped in `w:del` (their `w:t` become `w:delText`) and a `w:ins` follows with one run carrying the first
old run's `w:rPr`. A figure kept for review (new == old) is highlighted as a tracked formatting change
(`w:rPrChange`), so rejecting everything gives the old document back. `NewParagraphs` are inserted whole, their
paragraph marks tracked too. Offsets are into the text `docx_revisions.visible_runs` defines (ECMA-376 §17.13.5).
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from lxml import etree

from drafter.export.docx_revisions import (
    DOCUMENT,
    RUN_TEXT,
    body_of,
    local,
    paragraph_text,
    paragraphs,
    parse_xml,
    visible_runs,
    w,
)
from drafter.export.redline_marks import Marks, highlight, insert_paragraphs, new_run

AUTHOR = "Drafter"
REVIEW = "kept-for-review"


@dataclass(frozen=True)
class Revision:
    paragraph: int  # index into docx_revisions.paragraphs(body)
    start: int  # offsets into that paragraph's visible text
    end: int
    old: str  # the text at [start:end], checked before anything changes
    new: str  # its replacement; equal to `old` for a figure kept for review (highlighted only)
    status: str = "updated"  # updated | recomputed | kept-for-review


@dataclass(frozen=True)
class NewParagraphs:
    after: int  # the paragraph they follow
    texts: tuple[str, ...]
    like: tuple[int, ...]  # per text: the paragraph whose formatting it takes (e.g. a heading of its level)


def redline(
    docx: bytes,
    revisions: Iterable[Revision],
    inserts: Sequence[NewParagraphs] = (),
    *,
    author: str = AUTHOR,
    when: dt.datetime | None = None,
) -> bytes:
    """The .docx `docx` with every revision and insertion tracked; every other part copied as it was."""
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        document = parse_xml(package.read(DOCUMENT))
        marks = Marks(document, author, when or dt.datetime.now(dt.UTC))
        found = paragraphs(body_of(document))
        for index, group in _by_paragraph(revisions).items():
            for revision in sorted(group, key=lambda r: r.start, reverse=True):
                _revise(found[index], revision, marks)
        for insert in sorted(inserts, key=lambda i: i.after, reverse=True):
            insert_paragraphs(found, insert.after, insert.texts, insert.like, marks)
        xml = etree.tostring(document, xml_declaration=True, encoding="UTF-8", standalone=True)
        return _repack(package, xml)


def _by_paragraph(revisions: Iterable[Revision]) -> dict[int, list[Revision]]:
    groups: dict[int, list[Revision]] = {}
    for revision in revisions:
        groups.setdefault(revision.paragraph, []).append(revision)
    for group in groups.values():
        spans = sorted((r.start, r.end) for r in group)
        if any(a[1] > b[0] for a, b in zip(spans, spans[1:], strict=False)):
            raise ValueError(f"overlapping revisions in paragraph {group[0].paragraph}: {spans}")
    return groups


def _repack(package: zipfile.ZipFile, document_xml: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in package.infolist():
            target.writestr(info, document_xml if info.filename == DOCUMENT else package.read(info.filename))
    return out.getvalue()


# ------------------------------------------------------------------ one revision
def _revise(paragraph, revision: Revision, marks: Marks) -> None:
    text = paragraph_text(paragraph)
    if text[revision.start : revision.end] != revision.old:
        raise ValueError(
            f"paragraph {revision.paragraph} has {text[revision.start : revision.end]!r} at "
            f"{revision.start}:{revision.end}, not {revision.old!r}"
        )
    runs = _isolate(paragraph, revision.start, revision.end)
    if revision.new == revision.old:
        for run in runs:
            highlight(run, marks)
        return
    template = runs[0] if runs else _run_before(paragraph, revision.start)
    last = _delete(runs, marks) if runs else template
    inserted = marks.element("ins")
    inserted.append(new_run(template, revision.new, revision.status == REVIEW))
    if last is None:
        _first_content_slot(paragraph).addprevious(inserted)
    else:
        last.addnext(inserted)


def _isolate(paragraph, start: int, end: int) -> list:
    """The runs that hold exactly [start, end) of the paragraph's text, split out of longer runs."""
    for cut in (start, end):
        offset = 0
        for run, text in visible_runs(paragraph):
            if offset < cut < offset + len(text):
                _split_run(run, cut - offset)
                break
            offset += len(text)
    out, offset = [], 0
    for run, text in visible_runs(paragraph):
        if text and start <= offset and offset + len(text) <= end:
            out.append(run)
        offset += len(text)
    return out


def _split_run(run, at: int) -> None:
    """Split a run at character `at` of its text into two runs of the same formatting."""
    second = copy.deepcopy(run)
    pairs = [(a, b) for a, b in zip(run, second, strict=True) if local(a) != "rPr"]
    offset = 0
    for first_child, second_child in pairs:
        size = _length(first_child)
        if offset + size <= at:
            second.remove(second_child)
        elif offset >= at:
            run.remove(first_child)
        else:
            text = first_child.text or ""
            first_child.text, second_child.text = text[: at - offset], text[at - offset :]
            for child in (first_child, second_child):
                child.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        offset += size
    run.addnext(second)


def _length(child) -> int:
    name = local(child)
    if name not in RUN_TEXT:
        return 0
    return len(child.text or "") if RUN_TEXT[name] is None else len(RUN_TEXT[name])


def _delete(runs: list, marks: Marks):
    """Wrap the runs in w:del (one per parent: a hyperlink keeps its own); the last w:del is returned."""
    last = None
    for run in runs:
        if last is None or run.getparent() is not last.getparent() or run.getprevious() is not last:
            last = marks.element("del")
            run.addprevious(last)
        last.append(run)
        for child in run:
            if local(child) in ("t", "instrText"):
                child.tag = w("delText" if local(child) == "t" else "delInstrText")
    return last


def _run_before(paragraph, offset: int):
    """The run a pure insertion at `offset` follows (None at the start of the paragraph)."""
    before, position = None, 0
    for run, text in visible_runs(paragraph):
        if position + len(text) > offset:
            break
        before, position = run, position + len(text)
    return before


def _first_content_slot(paragraph):
    """The first child after w:pPr: where an insertion at offset 0 goes."""
    for child in paragraph:
        if local(child) != "pPr":
            return child
    placeholder = etree.SubElement(paragraph, w("r"))
    return placeholder
