"""The data of carrying last year's report forward: last year's paragraphs and sections, and every change made."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from drafter.core.types import SectionSpec, Table

ChangeStatus = Literal["updated", "recomputed", "kept", "kept-for-review"]
ChangeKind = Literal["figure", "year", "word", "basis", "date", "doc_number", "table", "claim", "fact"]
REVIEW: ChangeStatus = "kept-for-review"


@dataclass(frozen=True)
class LastParagraph:
    """One paragraph of last year's report as read, and where it sits in last year's .docx."""

    text: str
    anchor: int = -1  # index into docx_revisions.paragraphs() of the .docx it is in; -1 when not known yet
    offset: int = 0  # where `text` starts inside that Word paragraph (an inline heading splits one)
    style: str = ""  # the Word style's name, "" for text files


@dataclass(frozen=True)
class LastTable:
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class LastSection:
    spec: SectionSpec
    paragraphs: tuple[LastParagraph, ...]
    heading: LastParagraph | None = None  # the heading as printed (一、… / (一)…), None for unnumbered parts
    tables: tuple[Table, ...] = ()


@dataclass(frozen=True)
class LastReport:
    path: str
    sections: tuple[LastSection, ...]
    year: int  # the year it reports on: from its title, else its most frequent year
    docx: bytes = b""  # the file itself when it is a .docx (the redline is written onto it)
    pending: int = 0  # tracked changes still pending in that .docx (read as accepted)
    traditional: bool = False  # written (partly) in Traditional characters


@dataclass(frozen=True)
class FigureChange:
    """One figure (or year, word, 文号 …) of last year's text and what became of it."""

    section: str  # section id
    paragraph: int  # index into the section's paragraphs
    start: int  # offsets into last year's paragraph text
    end: int
    old: str
    new: str  # equal to `old` when kept
    status: ChangeStatus
    kind: ChangeKind = "figure"
    source: str = ""  # the new figure's metric ref or formula (`fund.general_budget_edu@2022`, `growth(…)`)
    reason: str = ""  # why it is kept for review, or what else the editor should know
    new_start: int = -1  # where `new` starts in the new paragraph text (-1: not in a paragraph, e.g. a table)

    @property
    def changed(self) -> bool:
        return self.new != self.old


@dataclass(frozen=True)
class CarriedSection:
    last: LastSection
    paragraphs: tuple[str, ...]  # the new texts, one per paragraph of `last`
    changes: tuple[FigureChange, ...]
