"""Word .docx: the body's paragraphs and table rows in document order, heading levels from styles or numbering."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

from drafter.core.errors import InputError
from drafter.core.inputs import check_zip
from drafter.documents.paragraphs import guess_title, heading_level, without_imprint
from drafter.documents.types import Document, Format, Paragraph

_STYLE_LEVEL = re.compile(r"(?:heading|标题)\s*(\d)", re.I)


def read_docx(path: Path, data: bytes, *, fmt: Format = "docx", shown_as: str = "") -> Document:
    """The .docx in `data` (the bytes read once from `path`); `shown_as` names the user's file when `data` is a
    conversion of it (.doc/.wps)."""
    name = shown_as or str(path)
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise InputError(
            "不是 .docx 文件 / not a .docx file (not a zip package)",
            path=name,
            hint="请用 Word/WPS 打开后另存为 .docx，或核对 .md/.txt / open it in Word/WPS and save as .docx, or check a .md/.txt",
        )
    check_zip(Path(name), data=data)
    _refuse_a_plain_zip(data, name)
    document = _open(data, name)
    paragraphs: list[Paragraph] = []
    offset = 0
    # a table row keeps its tabs at either end: an empty first or last cell still holds its column
    blocks = [(text.strip(" \n\r\u3000"), level) for text, level in _blocks(document) if text.strip()]
    kept = len(without_imprint([text for text, _ in blocks]))
    for text, style_level in blocks[:kept]:
        level = style_level or heading_level(text)
        paragraphs.append(Paragraph(text=text, start=offset, heading=level))
        offset += len(text) + 1
    return Document(
        path=name,
        format=fmt,
        text="\n".join(p.text for p in paragraphs),
        paragraphs=tuple(paragraphs),
        title=_title(document, paragraphs),
    )


def _refuse_a_plain_zip(data: bytes, name: str) -> None:
    """A zip of other files renamed to .docx is said to be one (python-docx's KeyError named a missing part)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if any(member.startswith("word/") for member in archive.namelist()):
            return
    raise InputError(
        "是一个 zip 压缩包，里面没有 Word 正文 / is a zip archive with no Word document in it",
        path=name,
        hint="请解压后核对其中的报告，或索取 Word/WPS 保存的 .docx / unzip it and check the reports inside, or ask "
        "for the .docx Word/WPS saved",
    )


def _open(data: bytes, name: str):
    import docx

    try:
        return docx.Document(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - python-docx raises a dozen kinds on a damaged file
        raise InputError(
            f"无法读取的 Word 文档 / not a readable Word document ({type(exc).__name__}: {' '.join(str(exc).split())[:100]})",
            path=name,
            hint="请用 Word/WPS 打开后另存为 .docx / open it in Word/WPS and save as .docx",
        ) from None


def _blocks(document) -> Iterator[tuple[str, int]]:
    """(text, heading level from the style) for each paragraph and each table row, in body order."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph as DocxParagraph

    # the heading level per style id: python-docx looks a paragraph's style up among all of them each time
    levels: dict[str | None, int] = {}
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = DocxParagraph(child, document)
            if child.style not in levels:  # (the w:pStyle of the paragraph, None for the default)
                levels[child.style] = _style_level(paragraph)
            yield paragraph.text, levels[child.style]
        elif tag == "tbl":
            seen: list[object] = []
            for row in Table(child, document).rows:
                yield "\t".join(_unique_cells(row, seen)), 0


def _unique_cells(row, seen: list[object]) -> list[str]:
    """Cell texts of a row, one per column; a merged cell (the same cell again, across or down) is read once and
    leaves its other columns empty, so every row keeps its columns (学校数（所） over 合计 / 其中民办)."""
    texts: list[str] = []
    for cell in row.cells:
        if any(cell._tc is other for other in seen):
            texts.append("")
            continue
        seen.append(cell._tc)
        texts.append(cell.text.replace("\n", " "))
    return texts


def _style_level(paragraph) -> int:
    style = paragraph.style
    name = style.name if style is not None else ""
    match = _STYLE_LEVEL.search(name or "")
    return min(int(match.group(1)), 4) if match else 0


def _title(document, paragraphs: list[Paragraph]) -> str:
    """The title in the file's properties, else the one its first paragraphs give (a damaged properties part,
    as a fuzzer made one, is no title: the text is still read)."""
    try:
        properties = document.core_properties
        stated = properties.title or ""
        # python-docx's own default for a file with no properties part (LibreOffice writes such): no title
        if stated == "Word Document" and properties.last_modified_by == "python-docx":
            stated = ""
    except (AttributeError, KeyError, ValueError):
        stated = ""
    return stated.strip() or guess_title(paragraphs)
