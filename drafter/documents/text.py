"""Plain text and markdown: the file's text exactly as decoded (UTF-8, else GB18030/UTF-16, said in a note)."""

from __future__ import annotations

from pathlib import Path

from drafter.core.inputs import TEXT_NOTES, decode_text
from drafter.documents.paragraphs import guess_title, split_lines
from drafter.documents.types import Document


def read_text(path: Path, data: bytes) -> Document:
    text, encoding = decode_text(data, path)
    note = TEXT_NOTES.get(encoding, "")
    paragraphs = split_lines(text)
    return Document(
        path=str(path),
        format="text",
        text=text,
        paragraphs=paragraphs,
        title=guess_title(paragraphs),
        notes=(note,) if note else (),
    )
