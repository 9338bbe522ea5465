"""redline.docx of a carried report: last year's own .docx (or, for a .md/.txt, a plain 公文 .docx made from its
text with export.docx) with every change of changes.json as a tracked revision, review figures highlighted and the
sub-sections the writer added inserted whole. Offsets go from a section's paragraph to its Word paragraph."""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Iterable

from drafter.carry.types import REVIEW, FigureChange, LastParagraph, LastSection
from drafter.core.types import Draft, ReportInfo, Section
from drafter.export.docx import build_document
from drafter.export.docx_revisions import (
    DOCUMENT,
    WordParagraph,
    body_from_parts,
    body_of,
    package_parts,
    paragraph_text,
    paragraphs,
    parse_xml,
)
from drafter.export.docx_sections import section_blocks
from drafter.export.docx_text import clean
from drafter.export.redline import NewParagraphs, Revision, redline


def plain_docx(sections: list[LastSection], report: ReportInfo) -> tuple[bytes, list[LastSection]]:
    """Last year's text as a plain 公文 .docx, and its sections with each paragraph's place in that file."""
    bare = dataclasses.replace(report, issuer_mark="", doc_number="", addressee="", date=None)
    draft = Draft(
        bare,
        tuple(Section(s.spec, "\n".join(p.text for p in s.paragraphs), tables=s.tables) for s in sections),
    )
    buffer = io.BytesIO()
    build_document(draft).save(buffer)
    data = buffer.getvalue()
    written = [
        b
        for b in body_from_parts(package_parts(data)).blocks
        if isinstance(b, WordParagraph) and b.text.strip()
    ]
    tagged = [b for b in section_blocks(draft) if isinstance(b.block, WordParagraph)]
    places: dict[str, list[WordParagraph]] = {}
    headings: dict[str, int] = {}
    for tag, block in zip(tagged, written, strict=False):
        places.setdefault(tag.section_id, []).append(block)
        if tag.heading:
            headings[tag.section_id] = block.index
    return data, [_anchored(s, places.get(s.spec.id, []), headings.get(s.spec.id, -1)) for s in sections]


def _anchored(section: LastSection, blocks: list[WordParagraph], heading: int) -> LastSection:
    """Each paragraph matched, in order, to the Word paragraph that prints it."""
    if section.heading is not None:
        section = dataclasses.replace(
            section, heading=dataclasses.replace(section.heading, anchor=heading, offset=0)
        )
    out, k = [], 0
    for p in section.paragraphs:
        j = next((j for j in range(k, len(blocks)) if blocks[j].text.strip() == clean(p.text).strip()), None)
        if j is None:
            out.append(p)
            continue
        lead = len(blocks[j].text) - len(blocks[j].text.lstrip())
        out.append(dataclasses.replace(p, anchor=blocks[j].index, offset=lead))
        k = j + 1
    return dataclasses.replace(section, paragraphs=tuple(out))


def redline_docx(
    docx: bytes,
    sections: list[LastSection],
    changes: Iterable[FigureChange],
    added: list[tuple[Section, str]],
    when=None,
) -> tuple[bytes, int]:
    """(redline.docx, how many changes could not be placed in the file)."""
    found = paragraphs(body_of(parse_xml(package_parts(docx)[DOCUMENT])))
    by_id = {s.spec.id: s for s in sections}
    revisions, missed = [], 0
    for c in changes:
        if c.kind == "table" or c.paragraph < 0 or (c.status != REVIEW and not c.changed):
            continue
        revision = _revision(c, by_id[c.section].paragraphs[c.paragraph], found)
        missed += revision is None
        if revision is not None:
            revisions.append(revision)
    return redline(docx, revisions, _inserts(added, by_id, sections), when=when), missed


def _inserts(
    added: list[tuple[Section, str]], by_id: dict[str, LastSection], sections: list[LastSection]
) -> list[NewParagraphs]:
    """The added sub-sections as inserted paragraphs; one added after another joins its insertion."""
    out: list[NewParagraphs] = []
    owner: dict[str, int] = {}
    for section, after in added:
        new = _insert(section, after, by_id, sections)
        if after in owner:
            k = owner[after]
            texts, likes = _texts(section, sections, out[k].like[0])
            out[k] = NewParagraphs(out[k].after, out[k].texts + texts, out[k].like + likes)
            owner[section.spec.id] = k
        elif new is not None:
            owner[section.spec.id] = len(out)
            out.append(new)
    return out


def _revision(c: FigureChange, p: LastParagraph, found: list) -> Revision | None:
    if p.anchor < 0 or p.anchor >= len(found):
        return None
    start, end = p.offset + c.start, p.offset + c.end
    if paragraph_text(found[p.anchor])[start:end] != c.old:
        return (
            None  # the paragraph in the file differs from what was read (a pending change ran two together)
        )
    return Revision(p.anchor, start, end, c.old, c.new, c.status)


def _insert(
    section: Section, after: str, by_id: dict[str, LastSection], sections: list[LastSection]
) -> NewParagraphs | None:
    before = by_id.get(after)
    anchors = [
        p.anchor
        for p in ((before.heading,) if before and before.heading else ())
        + (before.paragraphs if before else ())
        if p and p.anchor >= 0
    ]
    if not anchors:
        return None
    texts, likes = _texts(section, sections, anchors[-1])
    return NewParagraphs(anchors[-1], texts, likes)


def _texts(
    section: Section, sections: list[LastSection], fallback: int
) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """The heading and paragraphs of an added section, each with a paragraph of last year whose look it takes."""
    heading_like = next(
        (s.heading.anchor for s in sections if s.spec.depth == 2 and s.heading and s.heading.anchor >= 0),
        fallback,
    )
    body_like = next(
        (p.anchor for s in sections if s.spec.depth == 2 for p in s.paragraphs if p.anchor >= 0), fallback
    )
    texts = (section.spec.numbered_heading, *section.paragraphs)
    return texts, (heading_like, *(body_like for _ in section.paragraphs))
