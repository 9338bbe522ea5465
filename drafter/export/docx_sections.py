"""Which paragraphs and tables of draft.docx belong to which section: the Word file is built section by section
exactly as `export.docx` builds it, and each section's blocks are read back as `docx_revisions` reads a file."""

from __future__ import annotations

from dataclasses import dataclass

from docx import Document

from drafter.core.types import Draft
from drafter.export import docx_layout as layout
from drafter.export.docx import add_masthead, masthead_of, render_section
from drafter.export.docx_revisions import (
    WordParagraph,
    WordTable,
    local,
    paragraph_style,
    paragraph_text,
    style_names,
    table_rows,
)

MASTHEAD = ""  # the section id of the 版头 lines, which come from the report, not from a section


@dataclass(frozen=True)
class SectionBlock:
    """One block of draft.docx with the id of the section that wrote it."""

    section_id: str
    block: WordParagraph | WordTable
    heading: bool = False  # the section's own heading line (一、… / （一）…)


def section_blocks(draft: Draft) -> list[SectionBlock]:
    """Every non-empty paragraph and every table of draft.docx, in order, tagged with its section."""
    document = Document()
    layout.define_styles(document)
    names = style_names(document.styles.element.xml.encode("utf-8"))
    body = document.element.body
    out: list[SectionBlock] = []
    head = masthead_of(draft)
    masthead = head is not None
    if head is not None:
        add_masthead(document, *head)
        out += _new_blocks(body, set(), MASTHEAD, "", names)
    for section in draft.sections:
        before = set(body)  # the elements themselves: holding them keeps lxml's proxies stable
        render_section(document, draft.report, section, masthead)
        heading = section.spec.numbered_heading if section.spec.depth else ""
        out += _new_blocks(body, before, section.spec.id, heading, names)
    return out


def _new_blocks(
    body, before: set, section_id: str, heading: str, names: dict[str, str]
) -> list[SectionBlock]:
    out: list[SectionBlock] = []
    for element in [e for e in body if e not in before]:
        if local(element) == "p" and paragraph_text(element).strip():
            para = WordParagraph(paragraph_text(element), paragraph_style(element, names), -1)
            is_heading = bool(heading) and not out and para.text.strip() == heading.strip()
            out.append(SectionBlock(section_id, para, is_heading))
        elif local(element) == "tbl":
            out.append(SectionBlock(section_id, WordTable(tuple(table_rows(element)))))
    return out
