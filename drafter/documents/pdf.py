"""PDF with a text layer, through PDFium (pypdfium2): each page's lines with their boxes, then laid out.

Only this module talks to pypdfium2. A scan (pages but no text) and an encrypted or damaged file are
InputErrors of one line; rotated characters (a seal's ring of text, a watermark) are not read.
"""

from __future__ import annotations

import ctypes
import dataclasses
import math
import re
from pathlib import Path

from drafter.core.errors import InputError
from drafter.documents.paragraphs import guess_title
from drafter.documents.pdf_layout import (
    CELL_MARK,
    GAP_MARK,
    PAGE_NUMBER,
    Line,
    paragraphs_from_lines,
    visible,
)
from drafter.documents.types import Document

MIN_CHARS_PER_PAGE = 20  # fewer printable characters than this on average: a scan without a text layer
MAX_PAGES = 2000
_ROTATED = 0.05  # radians; upright text has angle 0
GAP = 0.2  # a gap wider than this share of the font size between two glyphs is a space
CELL_GAP = 1.5  # …and wider than this, the gap between two cells of a table row
BASELINE = 0.25  # two pieces whose lower edges differ by less than this share of the font size share a line
MAX_PIECE_GAP = 3.0  # …and that stand at most this many font sizes apart are pieces of one line
SHORT_PIECE = 4  # a piece of at most this many characters (年, 3, 月15, 日) is joined to its neighbour
_DATE = re.compile(
    r"(?:\d{4}|[〇○零一二三四五六七八九]{4})年[\d一二三四五六七八九十]{1,3}月(?:[\d一二三四五六七八九十]{1,3}日)?"
)


def read_pdf(path: Path, data: bytes) -> Document:
    import pypdfium2 as pdfium

    document = _open(pdfium, path, data)
    try:
        pages = len(document)
        if pages > MAX_PAGES:
            raise InputError(
                f"共 {pages} 页 / has {pages} pages",
                path=str(path),
                hint="这不是一份报告，请检查文件 / this is not a report; check the file",
            )
        lines = [line for index in range(pages) for line in _page_lines(pdfium, document[index], index + 1)]
    finally:
        document.close()
    if sum(len(line.text.strip()) for line in lines) < MIN_CHARS_PER_PAGE * max(pages, 1):
        raise InputError(
            f"共 {pages} 页但没有文字层：是扫描件或图片 / has {pages} page(s) but no text layer: a scan or a picture of the report",
            path=str(path),
            hint="请索取由 Word/WPS 导出的 PDF 或 .docx；扫描件须先做文字识别（OCR）/ ask for the PDF exported from Word/WPS, or the .docx; Drafter does not read images (no OCR)",
        )
    paragraphs, notes = paragraphs_from_lines(lines)
    return Document(
        path=str(path),
        format="pdf",
        text="\n".join(p.text for p in paragraphs),
        paragraphs=paragraphs,
        title=guess_title(paragraphs),
        pages=pages,
        notes=notes,
    )


def warm_up() -> None:
    """Load PDFium and lay out one empty page, so that a process forked afterwards starts with it ready."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument.new()
    try:
        page = document.new_page(595, 842)
        page.get_textpage().close()
        page.close()
    finally:
        document.close()


def _open(pdfium, path: Path, data: bytes):
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise InputError(
                "PDF 已加密（需要密码才能打开）/ the PDF is encrypted (it needs a password to open)",
                path=str(path),
                hint="请另存一份无密码的副本，或索取未加密的 PDF 或 .docx / save a copy without a password, or ask for the unprotected PDF or the .docx",
            ) from None
        raise InputError(
            "无法读取的 PDF（文件损坏或不是 PDF）/ not a readable PDF (damaged or not a PDF)",
            path=str(path),
            hint="请重新下载或导出 / download or export it again",
        ) from None


def _page_lines(pdfium, page, number: int) -> list[Line]:
    """The page's text lines in reading order, each with its box; rotated characters left out."""
    width, height = page.get_size()
    textpage = page.get_textpage()
    try:
        lines: list[Line] = []
        chars: list[tuple[str, tuple[float, float, float, float] | None, float]] = []
        char_at = _CharReader(pdfium, textpage)
        for index in range(textpage.count_chars()):
            char = char_at(index)
            if char is None:
                continue
            if char[0] == "\n" or _below(chars, char):
                lines += _line(chars, number, width, height)
                chars = [] if char[0] == "\n" else [char]
            else:
                chars.append(char)
        lines += _line(chars, number, width, height)
        return join_pieces(lines)
    finally:
        textpage.close()
        page.close()


def join_pieces(lines: list[Line]) -> list[Line]:
    """Pieces of one line that PDFium gave as lines of their own (a seal stamped over a date, drawn between
    its pieces, makes 2024 / 年 / 3 / 月15 / 日) joined again: consecutive lines on one baseline, each starting
    just right of the one before, when one of the two is a short piece or together they are a date."""
    out: list[Line] = []
    for line in lines:
        if out and _one_line(out[-1], line):
            out[-1] = _merged(out[-1], line)
        else:
            out.append(line)
    return out


def _one_line(before: Line, line: Line) -> bool:
    size = max(before.size, line.size, 1.0)
    if before.page != line.page or abs(before.bottom - line.bottom) > BASELINE * size:
        return False
    if not -BASELINE * size <= line.x0 - before.x1 <= MAX_PIECE_GAP * size:
        return False
    first, second = before.text.strip(), line.text.strip()
    if any(PAGE_NUMBER.match(p) and not p.isdigit() for p in (first, second)):
        return False  # a page number ("— 3 —") beside a footer stays apart, to be taken off as furniture
    joined = "".join(ch for ch in first + second if not ch.isspace())
    return min(visible(first), visible(second)) <= SHORT_PIECE or bool(_DATE.fullmatch(joined))


def _merged(before: Line, line: Line) -> Line:
    gap = line.x0 - before.x1
    size = max(before.size, 1.0)
    mark = CELL_MARK if gap > size * CELL_GAP else GAP_MARK if gap > size * GAP else ""
    spans = before.spans or ((before.x0, before.x1),)
    more = line.spans or ((line.x0, line.x1),)
    if mark == CELL_MARK:
        spans += more
    else:  # the piece carries on the last cell
        spans = (*spans[:-1], (spans[-1][0], more[0][1]), *more[1:])
    return dataclasses.replace(
        before,
        spans=spans,
        text=before.text + mark + line.text,
        x1=max(before.x1, line.x1),
        top=min(before.top, line.top),
        bottom=max(before.bottom, line.bottom),
    )


def _below(chars, char) -> bool:
    """The character stands on another line than the last one placed (PDFium joins a line that ends in "-")."""
    placed = next((c for c in reversed(chars) if c[1] is not None), None)
    if placed is None or char[1] is None:
        return False
    return char[1][3] < placed[1][1] or char[1][1] > placed[1][3]  # no vertical overlap at all


class _CharReader:
    """The characters of one page's text: (character, box or None for a space the reader generated, font size), None
    for one to skip. PDFium's functions are looked up once per page, and one box is filled for every character."""

    def __init__(self, pdfium, textpage) -> None:
        raw = pdfium.raw
        self.textpage = textpage.raw
        self.unicode, self.generated = raw.FPDFText_GetUnicode, raw.FPDFText_IsGenerated
        self.angle, self.font_size = raw.FPDFText_GetCharAngle, raw.FPDFText_GetFontSize
        self.loose_box, self.box = raw.FPDFText_GetLooseCharBox, raw.FS_RECTF()
        self.box_ref, self.error = ctypes.byref(self.box), pdfium.PdfiumError

    def __call__(self, index: int):
        textpage = self.textpage
        code = self.unicode(textpage, index)
        if code in (0, 0xFFFE, 0xFFFF) or code == 13:  # "\r" of "\r\n"
            return None
        char = "-" if code == 2 else chr(code) if code < 0x110000 else "\ufffd"  # 2: PDFium's line-end hyphen
        if char == "\n" or self.generated(textpage, index) == 1:
            return (char if char == "\n" else " ", None, 0.0)
        angle = self.angle(textpage, index)
        if angle > 0 and abs(math.sin(angle)) > _ROTATED:
            return None
        # the font's box (loose): one height for "一", "、" and "2"
        if not self.loose_box(textpage, index, self.box_ref):
            raise self.error("Failed to get charbox.")  # (as pypdfium2's get_charbox)
        box = self.box
        return (char, (box.left, box.bottom, box.right, box.top), self.font_size(textpage, index))


def _line(chars, page: int, width: float, height: float) -> list[Line]:
    """One Line from its characters, sorted left to right (fallback-font glyphs such as quotes come out of
    order), with a space wherever two glyphs stand apart by more than a third of the font size."""
    glyphs = sorted(
        ((char, box, size) for char, box, size in chars if box is not None), key=lambda g: g[1][0]
    )
    if not glyphs:
        return []
    sizes = sorted(size for _, _, size in glyphs)
    text = glyphs[0][0]
    spans = [[glyphs[0][1][0], glyphs[0][1][2]]]
    for (_, before, size), (char, box, _) in zip(glyphs, glyphs[1:], strict=False):
        gap = box[0] - before[2]
        if gap > max(size, 1.0) * CELL_GAP:
            text += CELL_MARK
            spans.append([box[0], box[2]])
        elif gap > max(size, 1.0) * GAP:
            text += GAP_MARK
        text += char
        spans[-1][1] = max(spans[-1][1], box[2])
    return [
        Line(
            text=text,
            page=page,
            x0=glyphs[0][1][0],
            x1=max(box[2] for _, box, _ in glyphs),
            top=height - max(box[3] for _, box, _ in glyphs),
            bottom=height - min(box[1] for _, box, _ in glyphs),
            size=sizes[len(sizes) // 2],
            page_width=width,
            page_height=height,
            spans=tuple((a, b) for a, b in spans),
        )
    ]
