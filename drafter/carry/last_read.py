"""Last year's report as paragraphs and tables: a .docx as Word shows it (tracked changes accepted, each paragraph
with its place in the file; .doc/.wps converted to one first), a PDF or saved web page as drafter.documents reads
it, a .md/.txt line by line (front matter and markdown marks dropped).

Traditional characters stay as printed; `simplified` gives a character-for-character Simplified copy (same length,
so offsets hold) for the readers that only know Simplified words.
"""

from __future__ import annotations

import re
import tempfile
from functools import lru_cache
from pathlib import Path

from drafter.carry.types import LastParagraph, LastTable
from drafter.core.errors import InputError
from drafter.core.inputs import TEXT_NOTES, decode_text, read_bytes
from drafter.documents.legacy import convert_to_docx
from drafter.documents.read import content_suffix, read_document
from drafter.export.docx_revisions import WordParagraph, read_body

TEXT_SUFFIXES = (".md", ".markdown", ".txt", ".text")
DOCUMENTS = (".pdf", ".html", ".htm")  # read by drafter.documents
SPREADSHEETS = (".xlsx", ".xls", ".xlsm", ".csv", ".ods", ".et")
LAST_SUFFIXES = (
    ".docx",
    ".pdf",
    ".doc",
    ".wps",
    *DOCUMENTS[1:],
    *TEXT_SUFFIXES,
)  # every form LAST is read from
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
    if suffix in DOCUMENTS:
        return _document_blocks(path)
    data = read_bytes(path, what="last year's report (.docx, .pdf, .doc, .wps, .html, .md or .txt)")
    holds = content_suffix(suffix, data)  # a .doc WPS saved as 报告.docx, a PDF mailed as 报告.docx …
    if holds in DOCUMENTS:
        return _document_blocks(path)
    if holds in (".doc", ".wps"):
        return _converted_blocks(path, data, holds)
    if holds == ".docx":
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
    if path.is_dir():
        raise InputError(
            "这是文件夹，不是去年的报告 / is a folder, not last year's report",
            path=str(path),
            hint="请给出报告文件本身（.docx .pdf .doc .wps .html .md 或 .txt）/ give the report file itself (.docx, .pdf, "
            ".doc, .wps, .html, .md or .txt)",
        )
    if suffix in SPREADSHEETS:
        raise InputError(
            "这是表格，不是去年的报告 / is a spreadsheet, not last year's report",
            path=str(path),
            hint="请给出 .docx .pdf .doc .wps .html .md 或 .txt 格式的报告 / give the report as .docx, .pdf, .doc, .wps, .html, .md or .txt",
        )
    if suffix not in LAST_SUFFIXES:
        raise InputError(
            f"无法读取 {suffix or '无扩展名的'} 文件 / cannot read a {suffix or 'suffix-less'} file",
            path=str(path),
            hint="请用 .docx .pdf .doc .wps .html .md 或 .txt / use .docx, .pdf, .doc, .wps, .html, .md or .txt",
        )


def _document_blocks(path: Path) -> tuple[list[Block], bytes, int, str]:
    """A PDF or a saved web page through drafter.documents: its paragraphs (page numbers, running headers and the
    site's menus gone); the redline is then laid out as a plain 公文, like a .md/.txt one."""
    document = read_document(path)
    return [LastParagraph(p.text) for p in document.paragraphs], b"", 0, document.note


def _converted_blocks(path: Path, data: bytes, suffix: str) -> tuple[list[Block], bytes, int, str]:
    """An old Word/WPS file converted to .docx by LibreOffice, then read (and later revised) as that .docx."""
    converted = convert_to_docx(path, data, "doc" if suffix == ".doc" else "wps")
    with tempfile.TemporaryDirectory(prefix="drafter-last-") as tmp:
        target = Path(tmp) / "last.docx"
        target.write_bytes(converted)
        body = read_body(target)
    blocks = [_paragraph(b) if isinstance(b, WordParagraph) else LastTable(b.rows) for b in body.blocks]
    note = f"converted from {suffix} by LibreOffice"
    return [b for b in blocks if not isinstance(b, LastParagraph) or b.text], converted, 0, note


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
