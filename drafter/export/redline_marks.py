"""The marks of a tracked revision: ids/author/date of each revision element, a new run in the old run's look, a
highlight as a tracked formatting change (rejecting it restores the old look), a whole inserted paragraph."""

from __future__ import annotations

import copy
import datetime as dt

from lxml import etree

from drafter.export.docx_revisions import local, visible_runs, w

HIGHLIGHT = "yellow"
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


class Marks:
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


def new_run(template, text: str, highlight: bool):
    run = etree.Element(w("r"))
    rpr = template.find(w("rPr")) if template is not None else None
    rpr = copy.deepcopy(rpr) if rpr is not None else etree.Element(w("rPr"))
    for change in rpr.findall(w("rPrChange")):
        rpr.remove(change)
    if highlight:
        set_highlight(rpr)
    run.append(rpr)
    t = etree.SubElement(run, w("t"))
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return run


def highlight(run, marks: Marks) -> None:
    """Yellow highlight as a tracked formatting change: rejecting it restores the run's old formatting."""
    rpr = run.find(w("rPr"))
    if rpr is None:
        rpr = etree.Element(w("rPr"))
        run.insert(0, rpr)
    old = copy.deepcopy(rpr)
    for change in old.findall(w("rPrChange")):
        old.remove(change)
    set_highlight(rpr)
    change = marks.element("rPrChange")
    change.append(old)
    for stale in rpr.findall(w("rPrChange")):
        rpr.remove(stale)
    rpr.append(change)


def set_highlight(rpr) -> None:
    for old in rpr.findall(w("highlight")):
        rpr.remove(old)
    highlight = etree.Element(w("highlight"))
    highlight.set(w("val"), HIGHLIGHT)
    later = [c for c in rpr if local(c) not in BEFORE_HIGHLIGHT]
    if later:
        later[0].addprevious(highlight)
    else:
        rpr.append(highlight)


def insert_paragraphs(
    found: list, after: int, texts: tuple[str, ...], likes: tuple[int, ...], marks: Marks
) -> None:
    """New paragraphs after paragraph `after`, each in the look of paragraph `like`, their marks tracked too."""
    anchor = found[after]
    for text, like in zip(texts, likes, strict=True):
        paragraph = etree.Element(w("p"))
        ppr = found[like].find(w("pPr"))
        ppr = copy.deepcopy(ppr) if ppr is not None else etree.Element(w("pPr"))
        for change in ppr.findall(w("pPrChange")):
            ppr.remove(change)
        _mark_inserted(ppr, marks)
        paragraph.append(ppr)
        runs = visible_runs(found[like])
        inserted = marks.element("ins")
        inserted.append(new_run(runs[0][0] if runs else None, text, False))
        paragraph.append(inserted)
        anchor.addnext(paragraph)
        anchor = paragraph


def _mark_inserted(ppr, marks: Marks) -> None:
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
