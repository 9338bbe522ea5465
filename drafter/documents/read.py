"""`read_document(path) -> Document`: every report format behind one call, every file through core.inputs."""

from __future__ import annotations

from pathlib import Path

from drafter.core.errors import InputError
from drafter.core.inputs import read_bytes
from drafter.documents.types import Document

TEXT_SUFFIXES = (".md", ".txt", ".markdown", ".text", "")
SUFFIXES = (".pdf", ".doc", ".wps", ".html", ".htm", ".docx", *TEXT_SUFFIXES)
WHAT = "report (.pdf .doc .wps .html .docx .md .txt)"
MAX_CHARS = (
    300_000  # a report is 5,000–60,000 characters; the checker reads 300,000 in ~2 s (1,000,000: ~20 s)
)


def readable(path: Path) -> bool:
    """True for a file whose name says it is a report format Drafter reads."""
    return path.suffix.lower() in SUFFIXES and path.suffix != "" and not path.name.startswith((".", "~$"))


def read_document(path: Path) -> Document:
    """The report at `path` as the checker reads it; InputError (one line + fix) for anything unreadable."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError(
            f"无法核对 {suffix} 文件 / cannot check a {suffix} file",
            path=str(path),
            hint="请用 .pdf .doc .wps .html .docx .md 或 .txt / use .pdf, .doc, .wps, .html, .docx, .md or .txt",
        )
    data = read_bytes(path, what=WHAT)
    _refuse_an_image(path, suffix, data)
    document = _read(path, suffix, data) if data.strip() else None
    if document is None or not document.text.strip():
        raise InputError(
            "报告是空的（没有文字）/ the report is empty (no text)",
            path=str(path),
            hint="请确认文件是否选对 / check the file you meant to check",
        )
    if len(document.text) > MAX_CHARS:
        raise InputError(
            f"共 {len(document.text):,} 字，超过一份报告的篇幅 / holds {len(document.text):,} characters, more than one report ({MAX_CHARS:,} at most)",
            path=str(path),
            hint="请一次核对一份报告（多份报告：`drafter check 文件夹 -o 审核结果`）/ check one report at a time (a folder of reports: `drafter check FOLDER -o REVIEW`)",
        )
    return document


IMAGE_MAGIC = (  # the first bytes of the picture formats a scan or a phone photo is saved as
    (b"\xff\xd8\xff", "JPEG"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
)


def image_kind(data: bytes) -> str:
    """JPEG, PNG, GIF, TIFF or WEBP when the bytes are a picture (whatever the file is called), else ""."""
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    return next((kind for magic, kind in IMAGE_MAGIC if data.startswith(magic)), "")


def _refuse_an_image(path: Path, suffix: str, data: bytes) -> None:
    """A photo or scan renamed to .pdf/.docx is said to be a picture, not called damaged."""
    kind = image_kind(data)
    if kind:
        named = suffix.lstrip(".").upper() or "text"
        raise InputError(
            f"这是一张 {kind} 图片，不是 {named} 文件；扫描件须先做文字识别（OCR），或索取 Word/WPS 导出的 PDF、.docx "
            f"/ is a {kind} image, not a {named} file: a scan needs OCR first (or ask for the exported PDF or .docx)",
            path=str(path),
        )


def _read(path: Path, suffix: str, data: bytes) -> Document:
    if suffix == ".pdf":
        from drafter.documents.pdf import read_pdf

        return read_pdf(path, data)
    if suffix in (".doc", ".wps"):
        from drafter.documents.legacy import read_legacy

        return read_legacy(path, data, "doc" if suffix == ".doc" else "wps")
    if suffix in (".html", ".htm"):
        from drafter.documents.html import read_html

        return read_html(path, data)
    if suffix == ".docx":
        from drafter.documents.docx import read_docx

        return read_docx(path, data)
    from drafter.documents.text import read_text

    return read_text(path, data)
