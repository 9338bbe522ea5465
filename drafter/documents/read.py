"""`read_document(path) -> Document`: every report format behind one call, every file through core.inputs."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from drafter.core.errors import InputError
from drafter.core.inputs import decode_text, read_bytes
from drafter.documents.types import Document

TEXT_SUFFIXES = (".md", ".txt", ".markdown", ".text", "")
SUFFIXES = (".pdf", ".doc", ".wps", ".html", ".htm", ".docx", *TEXT_SUFFIXES)
WHAT = "report (.pdf .doc .wps .html .docx .md .txt)"
# a report is 5,000–100,000 characters; a collection of them (about 3 MB) is checked in parts on every core, in a
# few seconds (checker.parts); more is no document one reviews at once
MAX_CHARS = 1_000_000


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
    _refuse_a_password(path, data)
    holds = content_suffix(suffix, data)
    document = _read(path, holds, data) if data.strip() else None
    if document is not None and holds != suffix:
        document = dataclasses.replace(document, notes=(_renamed_note(suffix, holds), *document.notes))
    if document is None or not document.text.strip():
        raise InputError(
            "报告是空的（没有文字）/ the report is empty (no text)",
            path=str(path),
            hint="请确认文件是否选对 / check the file you meant to check",
        )
    if len(document.text) > MAX_CHARS:
        raise InputError(
            f"共 {len(document.text):,} 字，超过一次可核对的篇幅（至多 {MAX_CHARS:,} 字）/ holds {len(document.text):,} characters, more than one check reads ({MAX_CHARS:,} at most)",
            path=str(path),
            hint="请把报告分成几个文件放进一个文件夹，再核对文件夹：`drafter check 文件夹 -o 审核结果` / split it into files in a folder and check the folder: `drafter check FOLDER -o REVIEW`",
        )
    return document


HANZI = re.compile("[\u4e00-\u9fff]")
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the first bytes of an old Word (.doc) or WPS (.wps) file
KIND_WORDS = {
    ".pdf": (" PDF 文件", "a PDF file"),
    ".doc": ("旧版 Word/WPS 文件（.doc）", "an old Word/WPS file (.doc)"),
    ".docx": (" Word 文件（.docx）", "a Word file (.docx)"),
    ".html": ("网页（.html）", "a web page (.html)"),
    ".txt": ("纯文本", "plain text"),
}


def content_suffix(suffix: str, data: bytes) -> str:
    """The format a document holds when its name says another one Drafter reads: a .doc that WPS saved as
    报告.docx, a web page a government site serves as 报告.doc, a PDF mailed as 报告.docx, plain text saved as
    报告.pdf. Text files keep theirs."""
    if suffix not in (".pdf", ".doc", ".wps", ".docx"):
        return suffix
    if data.startswith(b"%PDF"):
        return ".pdf"
    if data.startswith(OLE):
        return suffix if suffix in (".doc", ".wps") else ".doc"
    if data.startswith(b"PK\x03\x04") and b"word/" in data:
        return ".docx"
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html")) or (
        b"<html" in head and b"<body" in data[:65536].lower()
    ):
        return ".html"
    return ".txt" if _is_text(data) else suffix


def _is_text(data: bytes) -> bool:
    """True for bytes that decode as a Chinese text (a report copied from a web page and saved as 报告.pdf): no
    control character at its start, where a damaged Office or PDF file has its signature, and some 汉字 (a
    download that saved "404 Not Found" stays a damaged file, not a report with nothing to flag)."""
    try:
        text, _ = decode_text(data, Path("-"))
    except InputError:
        return False
    head = text[:4096]
    return CONTROL.search(head) is None and len(HANZI.findall(head)) >= 10


def _refuse_a_password(path: Path, data: bytes) -> None:
    """A Word file with a password to open is no zip but an OLE file holding an EncryptedPackage: said so, not
    read as an old .doc (nor called "not a .docx file")."""
    if data.startswith(OLE) and "EncryptedPackage".encode("utf-16-le") in data:
        raise InputError(
            "文件设有打开密码 / the file is protected by a password",
            path=str(path),
            hint="请在 Word/WPS 中去掉密码后另存一份，或索取未加密的文件 / save a copy without the password in "
            "Word/WPS, or ask for the unprotected file",
        )


def _renamed_note(suffix: str, holds: str) -> str:
    chinese, english = KIND_WORDS[holds]
    return f"文件名是 {suffix}，内容其实是{chinese}，已按 {holds} 读取 / named {suffix} but holds {english}: read as one"


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
