"""Read a draft to check: .md / .txt as text (UTF-8, then GB18030 with a note), .docx as its paragraphs."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from drafter.core.errors import InputError

TEXT_SUFFIXES = (".md", ".txt", ".markdown", "")


@dataclass(frozen=True)
class DraftText:
    text: str
    path: str
    note: str = ""  # e.g. "read as GB18030 (not UTF-8)"


GB18030_NOTE = "不是 UTF-8，已按 GB18030 读取 / not UTF-8: read as GB18030"


def decode_text(data: bytes, path: Path) -> tuple[str, str]:
    """(text, encoding) of a user's text file: UTF-8 (a BOM is dropped), else GB18030 — what Chinese
    Windows tools save; the caller says so when it was GB18030."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError as exc:
        raise InputError(
            f"neither UTF-8 nor GB18030 (byte {exc.start})",
            path=str(path),
            hint="save the file as UTF-8 text",
        ) from None


def _docx_text(path: Path) -> str:
    if not zipfile.is_zipfile(path):
        raise InputError(
            "not a .docx file (not a zip package)",
            path=str(path),
            hint="open it in Word/WPS and save as .docx, or check a .md/.txt",
        )
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise InputError(
            f"not a Word document ({exc.__class__.__name__})",
            path=str(path),
            hint="open it in Word/WPS and save as .docx",
        ) from None
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        lines += ["\t".join(cell.text for cell in row.cells) for row in table.rows]
    return "\n".join(lines)


def read_draft(path: Path) -> DraftText:
    """The text to check; InputError for a missing, empty or unreadable file."""
    path = Path(path)
    if not path.is_file():
        raise InputError("no such file", path=str(path), hint="give the path of a .md, .txt or .docx draft")
    suffix = path.suffix.lower()
    if suffix == ".docx":
        text, note = _docx_text(path), ""
    elif suffix in TEXT_SUFFIXES or suffix == ".text":
        text, encoding = decode_text(path.read_bytes(), path)
        note = GB18030_NOTE if encoding == "gb18030" else ""
    else:
        raise InputError(f"cannot check a {suffix} file", path=str(path), hint="use .md, .txt or .docx")
    if not text.strip():
        raise InputError("the draft is empty", path=str(path), hint="check the file you meant to check")
    return DraftText(text=text, path=str(path), note=note)
