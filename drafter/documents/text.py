"""Plain text and markdown: the file's text exactly as decoded (UTF-8, else GB18030/UTF-16, said in a note).

A markdown file's front matter (a `---` line, key: value lines, a `---` line, at the very top: Jekyll, Hugo,
Obsidian and this project's own knowledge/reports) is no part of the report: it is blanked out, every character
but its line breaks made a space, so the report's offsets and line numbers stay those of the file.
"""

from __future__ import annotations

import re
from pathlib import Path

from drafter.core.inputs import TEXT_NOTES, decode_text
from drafter.documents.paragraphs import guess_title, split_lines
from drafter.documents.types import Document

MARKDOWN = (".md", ".markdown")
FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(?:.*\r?\n){0,200}?---[ \t]*(?:\r?\n|\Z)")
FRONT_NOTE = (
    "文件开头的 YAML 头信息（--- … ---）不属于报告正文，未核对 / the front matter (--- … ---) was not checked"
)


def read_text(path: Path, data: bytes) -> Document:
    text, encoding = decode_text(data, path)
    notes = [TEXT_NOTES.get(encoding, "")]
    front = FRONT_MATTER.match(text) if path.suffix.lower() in MARKDOWN else None
    if front is not None:
        text = re.sub(r"[^\r\n]", " ", front.group(0)) + text[front.end() :]
        notes.append(FRONT_NOTE)
    paragraphs = split_lines(text)
    return Document(
        path=str(path),
        format="text",
        text=text,
        paragraphs=paragraphs,
        title=guess_title(paragraphs),
        notes=tuple(n for n in notes if n),
    )
