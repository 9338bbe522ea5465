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

AUTHOR = "Drafter"
HIGHLIGHT = "yellow"
REVIEW = "kept-for-review"
# CT_RPr: the order Word requires inside w:rPr (w:rPrChange comes last); what precedes w:highlight
BEFORE_HIGHLIGHT = frozenset(
    {
        "rStyle",
        "rFonts",
        "b",
        "bCs",
        "i",
        "iCs",
        "caps",
        "smallCaps",
        "strike",
        "dstrike",
        "outline",
        "shadow",
    }
    | {"emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing", "w", "kern"}
    | {"position", "sz", "szCs"}
)


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


class _Marks:
    """w:id, w:author and w:date of every revision element written; ids continue after the document's own."""

    def __init__(self, document, author: str, when: dt.datetime) -> None:
        ids = [int(v) for e in document.iter() if (v := e.get(w("id"), "")).isdigit()]
        self.next_id = max(ids, default=0) + 1
        self.author, self.date = author, when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

    def element(self, tag: str):
        element = etree.Element(w(tag))
        element.set(w("id"), str(self.next_id))
        element.set(w("author"), self.author)
        element.set(w("date"), self.date)
        self.next_id += 1
        return element


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
        marks = _Marks(document, author, when or dt.datetime.now(dt.UTC))
        found = paragraphs(body_of(document))
        for index, group in _by_paragraph(revisions).items():
            for revision in sorted(group, key=lambda r: r.start, reverse=True):
                _revise(found[index], revision, marks)
        for insert in sorted(inserts, key=lambda i: i.after, reverse=True):
            _insert(found, insert, marks)
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
def _revise(paragraph, revision: Revision, marks: _Marks) -> None:
    text = paragraph_text(paragraph)
    if text[revision.start : revision.end] != revision.old:
        raise ValueError(
            f"paragraph {revision.paragraph} has {text[revision.start : revision.end]!r} at "
            f"{revision.start}:{revision.end}, not {revision.old!r}"
        )
    runs = _isolate(paragraph, revision.start, revision.end)
    if revision.new == revision.old:
        for run in runs:
            _highlight(run, marks)
        return
    template = runs[0] if runs else _run_before(paragraph, revision.start)
    last = _delete(runs, marks) if runs else template
    inserted = marks.element("ins")
    inserted.append(_new_run(template, revision.new, revision.status == REVIEW))
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


def _delete(runs: list, marks: _Marks):
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


def _new_run(template, text: str, highlight: bool):
    run = etree.Element(w("r"))
    rpr = template.find(w("rPr")) if template is not None else None
    rpr = copy.deepcopy(rpr) if rpr is not None else etree.Element(w("rPr"))
    for change in rpr.findall(w("rPrChange")):
        rpr.remove(change)
    if highlight:
        _set_highlight(rpr)
    run.append(rpr)
    t = etree.SubElement(run, w("t"))
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return run


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


# ------------------------------------------------------------------ highlighting, inserted paragraphs
def _highlight(run, marks: _Marks) -> None:
    """Yellow highlight as a tracked formatting change: rejecting it restores the run's old formatting."""
    rpr = run.find(w("rPr"))
    if rpr is None:
        rpr = etree.Element(w("rPr"))
        run.insert(0, rpr)
    old = copy.deepcopy(rpr)
    for change in old.findall(w("rPrChange")):
        old.remove(change)
    _set_highlight(rpr)
    change = marks.element("rPrChange")
    change.append(old)
    for stale in rpr.findall(w("rPrChange")):
        rpr.remove(stale)
    rpr.append(change)


def _set_highlight(rpr) -> None:
    for old in rpr.findall(w("highlight")):
        rpr.remove(old)
    highlight = etree.Element(w("highlight"))
    highlight.set(w("val"), HIGHLIGHT)
    later = [c for c in rpr if local(c) not in BEFORE_HIGHLIGHT]
    if later:
        later[0].addprevious(highlight)
    else:
        rpr.append(highlight)


def _insert(found: list, insert: NewParagraphs, marks: _Marks) -> None:
    anchor = found[insert.after]
    for text, like in zip(insert.texts, insert.like, strict=True):
        paragraph = etree.Element(w("p"))
        ppr = found[like].find(w("pPr"))
        ppr = copy.deepcopy(ppr) if ppr is not None else etree.Element(w("pPr"))
        for change in ppr.findall(w("pPrChange")):
            ppr.remove(change)
        _mark_inserted(ppr, marks)
        paragraph.append(ppr)
        runs = visible_runs(found[like])
        inserted = marks.element("ins")
        inserted.append(_new_run(runs[0][0] if runs else None, text, False))
        paragraph.append(inserted)
        anchor.addnext(paragraph)
        anchor = paragraph


def _mark_inserted(ppr, marks: _Marks) -> None:
    """w:pPr/w:rPr/w:ins: the paragraph mark itself is an insertion (w:rPr sits before w:sectPr/w:pPrChange)."""
    rpr = ppr.find(w("rPr"))
    if rpr is None:
        rpr = etree.Element(w("rPr"))
        tail = [c for c in ppr if local(c) in ("sectPr", "pPrChange")]
        if tail:
            tail[0].addprevious(rpr)
        else:
            ppr.append(rpr)
    for old in [c for c in rpr if local(c) in ("ins", "del")]:
        rpr.remove(old)
    rpr.insert(0, marks.element("ins"))
