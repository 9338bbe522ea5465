"""Last year's report as paragraphs and tables: a .docx as Word shows it (tracked changes accepted, each paragraph
with its place in the file), a .md/.txt line by line (front matter and markdown marks dropped).

Traditional characters stay as printed; `simplified` gives a character-for-character Simplified copy (same length,
so offsets hold) for the readers that only know Simplified words.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from drafter.carry.types import LastParagraph, LastTable
from drafter.core.errors import InputError
from drafter.core.inputs import TEXT_NOTES, decode_text, read_bytes
from drafter.export.docx_revisions import WordParagraph, read_body

TEXT_SUFFIXES = (".md", ".markdown", ".txt", ".text")
SPREADSHEETS = (".xlsx", ".xls", ".xlsm", ".csv", ".ods", ".et")
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
MARKDOWN_LINE = re.compile(r"^\s*(?:#{1,6}\s+|<!--.*-->\s*$)")
LEAD_SPACE = re.compile(r"^[\s\u3000]*")

Block = LastParagraph | LastTable


def read_last(path: Path) -> tuple[list[Block], bytes, int, str]:
    """(blocks, the .docx bytes or b"", pending tracked changes, a note for the user); InputError when LAST is
    not something a report can be read from."""
    path = Path(path)
    suffix = path.suffix.lower()
    _refuse_suffix(path, suffix)
    data = read_bytes(path, what="last year's report (.docx, .md or .txt)")
    if suffix == ".docx":
        body = read_body(path)
        blocks = [_paragraph(b) if isinstance(b, WordParagraph) else LastTable(b.rows) for b in body.blocks]
        return (
            [b for b in blocks if not isinstance(b, LastParagraph) or b.text],
            data,
            body.insertions + body.deletions,
            "",
        )
    text, encoding = decode_text(data, path)
    return _text_blocks(text), b"", 0, TEXT_NOTES.get(encoding, "")


def _refuse_suffix(path: Path, suffix: str) -> None:
    if suffix in SPREADSHEETS:
        raise InputError(
            "is a spreadsheet, not last year's report",
            path=str(path),
            hint="give the report as .docx, .md or .txt",
        )
    if suffix == ".pdf":
        raise InputError(
            "PDF reports cannot be carried forward yet",
            path=str(path),
            hint="save it as .docx (Word/WPS: 另存为) or copy its text into a .txt file",
        )
    if suffix in (".doc", ".wps"):
        raise InputError(
            "is an old Word/WPS file", path=str(path), hint="open it in Word/WPS and save it as .docx"
        )
    if suffix != ".docx" and suffix not in TEXT_SUFFIXES:
        raise InputError(
            f"cannot read a {suffix or 'suffix-less'} file", path=str(path), hint="use .docx, .md or .txt"
        )


def _paragraph(block: WordParagraph) -> LastParagraph:
    lead = LEAD_SPACE.match(block.text).end()
    return LastParagraph(block.text[lead:].rstrip(), block.index, lead, block.style)


def _text_blocks(text: str) -> list[Block]:
    text = FRONT_MATTER.sub("", text.replace("\r\n", "\n").replace("\r", "\n"), count=1)
    out: list[Block] = []
    for line in text.split("\n"):
        if re.match(r"^\s*<!--.*-->\s*$", line):
            continue
        line = re.sub(r"^\s*#{1,6}\s+", "", line).strip().strip("\u3000")
        if line:
            out.append(LastParagraph(line))
    return out


# ------------------------------------------------------------------ Traditional characters
@lru_cache(maxsize=1)
def _converter():
    from opencc_purepy import OpenCC

    return OpenCC("t2s")


@lru_cache(maxsize=65536)
def _simple_char(ch: str) -> str:
    out = _converter().convert(ch) if ord(ch) >= 0x3400 else ch
    return out if len(out) == 1 else ch


def simplified(text: str) -> str:
    """Simplified characters, one for one: the same length as `text`, so every offset still holds."""
    return "".join(_simple_char(ch) for ch in text)


def is_traditional(text: str) -> bool:
    changed = sum(1 for a, b in zip(text, simplified(text), strict=True) if a != b)
    return changed >= 20 or changed > 0.01 * max(1, len(text))
