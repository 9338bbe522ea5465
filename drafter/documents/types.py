"""What a reader hands on: the text the checker reads, its paragraphs with heading levels, and notes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Format = Literal["pdf", "doc", "wps", "html", "docx", "text"]


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of the document; `heading` is 1–4 for 一、 （一） 1. （1） headings, 0 for body text."""

    text: str
    start: int  # character offset of the paragraph in Document.text
    heading: int = 0
    page: int = 0  # 1-based page of a PDF; 0 when the format has no pages


@dataclass(frozen=True)
class Document:
    """A report as the checker, `drafter draft --from` and the web page read it."""

    path: str
    format: Format
    text: (
        str  # what the checker reads; for .md/.txt the file's text as decoded (a .md's front matter blanked)
    )
    paragraphs: tuple[Paragraph, ...]
    title: str = ""
    pages: int = 0
    notes: tuple[str, ...] = ()  # e.g. "read as GB18030", "page numbers and running headers removed"

    @property
    def note(self) -> str:
        return "; ".join(self.notes)
