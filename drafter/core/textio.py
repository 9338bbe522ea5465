"""Read a draft to check: .md / .txt as text (UTF-8, else GB18030/UTF-16 with a note), .docx as its paragraphs."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from drafter.core.errors import InputError
from drafter.core.inputs import TEXT_NOTES, check_zip, decode_text, read_bytes

TEXT_SUFFIXES = (".md", ".txt", ".markdown", "")
MAX_CHARS = (
    300_000  # a report is 5,000–60,000 characters; the checker reads 300,000 in ~2 s (1,000,000: ~20 s)
)


@dataclass(frozen=True)
class DraftText:
    text: str
    path: str
    note: str = ""  # e.g. "read as GB18030 (not UTF-8)"


def _docx_text(path: Path, data: bytes) -> str:
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise InputError(
            "not a .docx file (not a zip package)",
            path=str(path),
            hint="open it in Word/WPS and save as .docx, or check a .md/.txt",
        )
    check_zip(path, data=data)
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
        lines = [p.text for p in document.paragraphs]
        for table in document.tables:
            lines += ["\t".join(cell.text for cell in row.cells) for row in table.rows]
    except Exception as exc:  # noqa: BLE001 - python-docx raises a dozen kinds on a damaged file
        raise InputError(
            f"not a readable Word document ({type(exc).__name__}: {' '.join(str(exc).split())[:100]})",
            path=str(path),
            hint="open it in Word/WPS and save as .docx",
        ) from None
    return "\n".join(lines)


def read_draft(path: Path) -> DraftText:
    """The text to check; InputError for a missing, empty or unreadable file."""
    path = Path(path)
    data = read_bytes(path, what=".md, .txt or .docx report")
    suffix = path.suffix.lower()
    if suffix == ".docx":
        text, note = _docx_text(path, data), ""
    elif suffix in TEXT_SUFFIXES or suffix == ".text":
        text, encoding = decode_text(data, path)
        note = TEXT_NOTES.get(encoding, "")
    else:
        raise InputError(f"cannot check a {suffix} file", path=str(path), hint="use .md, .txt or .docx")
    if not text.strip():
        raise InputError("the draft is empty", path=str(path), hint="check the file you meant to check")
    if len(text) > MAX_CHARS:
        raise InputError(
            f"holds {len(text):,} characters, more than one report ({MAX_CHARS:,} at most)",
            path=str(path),
            hint="check one report at a time (a folder of reports: `drafter check FOLDER -o REVIEW`)",
        )
    return DraftText(text=text, path=str(path), note=note)
