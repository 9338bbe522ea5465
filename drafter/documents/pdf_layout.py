"""PDF lines back into the paragraphs the writer typed.

Page furniture goes first: page numbers ("— 3 —", "-3-", "第3页 共7页"), running headers and footers (a line
that opens or closes most pages) and the 版记 block (抄送 / 印发 / 共印). Then a line joins the one before
it unless the one before ended short of the right margin, it is indented (first-line indent), centred on
its own, set in another size, or far below: so a figure broken over a line or a page break is one again.
Spaces that the layout put beside Chinese characters ("5.21 亿元") are dropped.
"""

from __future__ import annotations

import dataclasses
import re
import statistics
from collections import Counter
from dataclasses import dataclass

from drafter.documents.paragraphs import IMPRINT, drop_cjk_spaces, lay_out
from drafter.documents.types import Paragraph

_DASHES = r"\s\-—–－―~·•"
PAGE_NUMBER = re.compile(
    rf"^[{_DASHES}]*(?:第\s*)?\d{{1,4}}\s*页?(?:\s*[/／,，]?\s*共\s*\d{{1,4}}\s*页)?[{_DASHES}]*$"
    r"|^\d{1,4}\s*[/／]\s*\d{1,4}$|^page\s*\d+(?:\s*of\s*\d+)?$",
    re.I,
)
GAP_MARK = "\x1e"  # a gap between two glyphs with no space glyph in it (str.isspace() holds for it)
CELL_MARK = "\x1d"  # a gap wide enough to part two cells of a table row (str.isspace() holds for it too)
_SPACED = re.compile(r"[0-9A-Za-z]")  # two lines ending and starting with these join with a space
_CLOSING = ("。", "：", ":", "；", ";", "！", "？")
EDGE_LINES = 2
MARGIN_BAND = (
    0.07  # a line in the top or bottom 7% of the page is a header or footer (body text starts lower)
)
_WORD = r"[0-9A-Za-z\u00c0-\u024f.%．·\-]"  # digits and Latin (pinyin too): LibreOffice does not break inside
_NUMBERS = rf"{_WORD}+(?:[、，,/～~—\-]{_WORD}+)*"
# the first piece LibreOffice/Word would not break: a number or word, or one character with the ASCII run and
# the closing punctuation that stick to it ("为:9.14%、4.43%、3.94%、", a run LibreOffice keeps together)
_FIRST_PIECE = re.compile(
    rf"[“‘(（《]*(?:{_NUMBERS}|.[!-~]*)(?:[、，；,;][0-9][!-~]*)*[、，。；：,.;:）)”’》]*"
)


@dataclass(frozen=True)
class Line:
    """One line of a PDF page; coordinates in points, `top`/`bottom` measured from the top of the page."""

    text: str
    page: int
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    page_width: float
    page_height: float
    spans: tuple[
        tuple[float, float], ...
    ] = ()  # x0, x1 of each piece between CELL_MARKs (a table row's cells)


def paragraphs_from_lines(lines: list[Line]) -> tuple[tuple[Paragraph, ...], tuple[str, ...]]:
    """(paragraphs, notes) of a PDF's lines."""
    body, removed = strip_furniture(lines)
    body = wrapped_heads(body, table_rows(body))
    rows = table_rows(body)
    groups = join_lines(body, rows)
    blocks = [(_row(group[0]) if id(group[0]) in rows else _text(group), group[0].page) for group in groups]
    _, paragraphs = lay_out(blocks)
    notes = (
        f"页码、页眉页脚和版记已去除 / page numbers, running headers/footers and imprint removed: {removed} lines",
    )
    return paragraphs, notes if removed else ()


def _text(group: list[Line]) -> str:
    return settle_gaps(" ".join(_pieces(group)).replace(CELL_MARK, GAP_MARK))


def table_rows(lines: list[Line]) -> set[int]:
    """The lines (by id) that are table rows: three or more pieces set far apart (普通小学   1476   41), and a line
    of two such pieces next to one (学校类别   学校数（所） above them). Each stands alone, its cells between tabs."""
    marks = [line.text.strip().count(CELL_MARK) for line in lines]
    rows = {k for k, n in enumerate(marks) if n >= 2}
    grown = True
    while grown:
        near = {
            k
            for k, n in enumerate(marks)
            if n == 1
            and k not in rows
            and any(j in rows and lines[j].page == lines[k].page for j in (k - 1, k + 1))
        }
        grown = bool(near)
        rows |= near
    return {id(lines[k]) for k in rows}


def wrapped_heads(lines: list[Line], rows: set[int]) -> list[Line]:
    """A table's heading row whose cells wrap over two or three lines (在校学生数 / （人）) comes from the PDF as
    short pieces, some beside each other, some below: the pieces right above a row of cells are put back into
    one heading row, each column's pieces top to bottom, when that gives as many cells as the row below."""
    out = list(lines)
    k = 0
    width = 0  # the cells of the last row of the table
    while k < len(out):
        line = out[k]
        if id(line) not in rows:
            k += 1
            continue
        cells = line.text.strip().count(CELL_MARK) + 1
        if width > cells and (found := _row_band(out, k, width)) is not None:
            start, row = found  # 普通小学（含教学 / 点） beside 45  21560  1320: the label wrapped
            out[start : k + 1] = [row]
            rows.add(id(row))
            k = start + 1
            continue
        if cells >= 3 and (band := _head_band(out, k)) is not None:
            start, head = band
            out[start:k] = [head]
            k = start + 1
            continue
        width = cells if cells >= 3 else width
        k += 1
    return out


def _row_band(lines: list[Line], k: int, width: int) -> tuple[int, Line] | None:
    """A row with fewer cells than the table's, and the short lines right before it that stand beside it (a cell
    wrapped over lines, its first line level with the row): (where they start, the row rebuilt), or None."""
    row = lines[k]
    start = k
    while start > 0:
        before = lines[start - 1]
        pieces = before.text.strip().split(CELL_MARK)
        if before.page != row.page or CELL_MARK in before.text.strip() or visible(pieces[0]) > HEAD_PIECE:
            break
        if not row.top - 0.5 * row.size <= before.top <= row.top + 3 * row.size:
            break  # not beside the row: above it, or far below
        start -= 1
    if start == k:
        return None
    rebuilt = _rebuilt(lines[start : k + 1], width)
    return None if rebuilt is None else (start, dataclasses.replace(rebuilt, top=row.top))


_FIGURE = re.compile(r"[-+]?\d[\d,.\x1e]*%?|\d{4}\x1e?年")
HEAD_PIECE = 12  # a heading cell's line holds at most this many characters


def _head_band(lines: list[Line], k: int) -> tuple[int, Line] | None:
    """(where the heading band before row k starts, the heading row rebuilt), or None."""
    row = lines[k]
    cells = row.text.strip().count(CELL_MARK) + 1
    start = k
    while start > 0:
        before = lines[start - 1]
        pieces = before.text.strip().split(CELL_MARK)
        if before.page != row.page or any(visible(p) > HEAD_PIECE for p in pieces):
            break
        if 2 * sum(bool(_FIGURE.fullmatch(p.strip())) for p in pieces) >= len(pieces):
            break  # a row of figures above: the band is the heading's, and ends there
        if row.top - before.top > 4.5 * max(row.bottom - row.top, 1.0):
            break  # the band is at most three or four lines above the row
        start -= 1
    for first in range(start, k - 1):  # the longest band first: a short title line above may not belong
        head = _rebuilt(lines[first:k], cells)
        if head is not None:
            return first, head
    return None


def _rebuilt(band: list[Line], cells: int) -> Line | None:
    """The band's pieces as one row of `cells` columns (pieces whose x-ranges overlap are one cell, each starting
    on the band's first line and carried on below it), or None."""
    pieces: list[tuple[float, float, float, str]] = []  # x0, x1, top, text
    for line in band:
        texts = line.text.strip().split(CELL_MARK)
        spans = (
            line.spans if len(line.spans) == len(texts) else ((line.x0, line.x1),) if len(texts) == 1 else ()
        )
        if not spans:
            return None
        pieces += [
            (x0, x1, line.top, t.strip()) for (x0, x1), t in zip(spans, texts, strict=True) if t.strip()
        ]
    columns: list[list[tuple[float, float, float, str]]] = []
    for piece in sorted(pieces):
        if columns and piece[0] < max(p[1] for p in columns[-1]):
            columns[-1].append(piece)
        else:
            columns.append([piece])
    if len(columns) != cells or all(len(c) == 1 for c in columns):
        return None  # not this row's heading, or nothing wrapped
    top = min(p[2] for p in pieces)
    if any(sum(abs(p[2] - top) < 0.5 * band[0].size for p in c) != 1 for c in columns):
        return None  # a column with no piece on the first line: a heading over two columns (学校数 | 合计 其中民办)
    texts = ["".join(p[3] for p in sorted(c, key=lambda p: p[2])) for c in columns]
    spans = tuple((min(p[0] for p in c), max(p[1] for p in c)) for c in columns)
    first = band[0]
    return dataclasses.replace(
        first,
        text=CELL_MARK.join(texts),
        x0=spans[0][0],
        x1=spans[-1][1],
        top=min(line.top for line in band),
        bottom=max(line.bottom for line in band),
        spans=spans,
    )


def visible(text: str) -> int:
    """The characters of the text that are not spaces (a line's pieces are measured so)."""
    return sum(1 for ch in text if not ch.isspace())


def _row(line: Line) -> str:
    """A table row as cells between tabs, the way Word and web tables are read."""
    return "\t".join(settle_gaps(cell.strip()) for cell in line.text.strip().split(CELL_MARK))


def settle_gaps(text: str) -> str:
    """Gaps the layout left between glyphs (GAP_MARK) are dropped beside Chinese characters ("5.21 亿元") and become
    spaces elsewhere ("PISA 2018"); the spaces the writer typed (real space glyphs) are kept as they are."""
    return drop_cjk_spaces(text, GAP_MARK).replace(GAP_MARK, " ")


def _pieces(group: list[Line]) -> list[str]:
    """Line texts to join: no separator between Chinese or digits, a space between two Latin words."""
    out: list[str] = []
    for line in group:
        text = line.text.strip()
        if out and not (_SPACED.match(out[-1][-1:]) and _SPACED.match(text[:1])):
            out[-1] += text
        else:
            out.append(text)
    return out


def strip_furniture(lines: list[Line]) -> tuple[list[Line], int]:
    """The lines without page numbers, running headers/footers and the closing 版记; and how many went."""
    edges = _edge_lines(lines)
    repeated = _repeated(lines, edges)
    pitch = _pitch(lines)
    keep = [line for line in lines if not (id(line) in edges and _furniture(line, edges, repeated, pitch))]
    while keep and (IMPRINT.search(keep[-1].text.strip()) or not keep[-1].text.strip()):
        keep.pop()
    return keep, len(lines) - len(keep)


def _furniture(line: Line, edges: dict[int, tuple[str, float]], repeated: set, pitch: float) -> bool:
    """A page number standing apart from the text, a line repeated at the same edge of most pages, or a line
    in the page's margin band."""
    middle = (line.top + line.bottom) / 2
    in_band = middle < MARGIN_BAND * line.page_height or middle > (1 - MARGIN_BAND) * line.page_height
    apart = edges[id(line)][1] > 1.4 * pitch
    number = apart and bool(PAGE_NUMBER.match(line.text.strip()))
    return number or in_band or _key(line, edges) in repeated


def _edge_lines(lines: list[Line]) -> dict[int, tuple[str, float]]:
    """id(line) → ("top" or "bottom", distance to the nearest line of its page) for the first and last lines
    of each page (by position)."""
    edges: dict[int, tuple[str, float]] = {}
    pages: dict[int, list[Line]] = {}  # each page's lines, in one pass (not one pass over all lines per page)
    for line in lines:
        pages.setdefault(line.page, []).append(line)
    for page_lines in pages.values():
        on_page = sorted(page_lines, key=lambda line: line.top)
        tops = [line.top for line in on_page]
        for index, line in enumerate(on_page):
            near = min(
                (abs(top - line.top) for other, top in enumerate(tops) if other != index),
                default=float("inf"),
            )
            if index < EDGE_LINES:
                edges[id(line)] = ("top", near)
            elif index >= len(on_page) - EDGE_LINES:
                edges[id(line)] = ("bottom", near)
    return edges


def _pitch(lines: list[Line]) -> float:
    gaps = [
        b.top - a.top for a, b in zip(lines, lines[1:], strict=False) if a.page == b.page and b.top > a.top
    ]
    return statistics.median(gaps) if gaps else 20.0


def _key(line: Line, edges: dict[int, tuple[str, float]]) -> tuple[str, str, int]:
    """Where and what: a running header stands at the same height on every page, with its digits changing."""
    return (
        edges.get(id(line), ("", 0.0))[0],
        re.sub(r"\d+", "#", re.sub(r"\s+", "", line.text)),
        round(line.top / 4),
    )


def _repeated(lines: list[Line], edges: dict[int, tuple[str, float]]) -> set[tuple[str, str, int]]:
    """Edge lines (digits as #) that appear on at least two pages and half of all pages: headers/footers."""
    pages = len({line.page for line in lines})
    seen: dict[tuple[str, str, int], set[int]] = {}
    for line in lines:
        if id(line) in edges:
            seen.setdefault(_key(line, edges), set()).add(line.page)
    return {key for key, on in seen.items() if _wordy(key[1]) and len(on) >= 2 and len(on) >= pages / 2}


def _wordy(text: str) -> bool:
    """At least two letters or characters: a header, not a table cell such as "#|"."""
    return sum(ch.isalpha() for ch in text) >= 2


def join_lines(lines: list[Line], rows: set[int] | frozenset[int] = frozenset()) -> list[list[Line]]:
    """Lines grouped into paragraphs; a table row (`rows`, by id) stands alone."""
    if not lines:
        return []
    geometry = _Geometry(lines, rows)
    groups: list[list[Line]] = [[lines[0]]]
    for line in lines[1:]:
        if geometry.continues(groups[-1][-1], line):
            groups[-1].append(line)
        else:
            groups.append([line])
    return groups


class _Geometry:
    """The text block's margins, character width and line pitch, measured on the document's own lines."""

    def __init__(self, lines: list[Line], rows: set[int] | frozenset[int] = frozenset()) -> None:
        self.rows = rows
        # the margins and indents are the text's: a table's rows and their cells lie elsewhere
        lines = [line for line in lines if id(line) not in rows] or lines
        # a low and a high percentile, not the mode: in a short text most lines may be first lines (indented)
        # or last lines (short)
        self.left = _percentile([line.x0 for line in lines], 0.1)
        long = [line.x1 for line in lines if line.x1 - line.x0 > 0.5 * line.page_width]
        self.right = _percentile(long, 0.5) if long else max(line.x1 for line in lines)
        self.char = statistics.median(line.size for line in lines) or 12.0
        starts = Counter(round(line.x0) for line in lines if line.x0 > self.left + 0.5 * self.char)
        common = starts.most_common(1)
        self.indent = float(common[0][0]) if common and common[0][1] >= 2 else -1.0  # where first lines start
        # with first-line indents a line that is not indented carries on the paragraph unless the one before
        # ended well short of the margin; without them only a nearly full line does
        self.slack = 4.0 if common and common[0][1] >= 3 else 1.5
        gaps = [
            b.top - a.top
            for a, b in zip(lines, lines[1:], strict=False)
            if a.page == b.page and b.top > a.top
        ]
        self.pitch = statistics.median(gaps) if gaps else self.char * 1.5

    def continues(self, previous: Line, line: Line) -> bool:
        """True when `line` carries on the paragraph that `previous` ends."""
        if id(previous) in self.rows or id(line) in self.rows:
            return False  # a table row stands alone
        full = previous.x1 >= self.right - self.slack * self.char or self._wrapped(previous, line)
        indented = line.x0 > max(self.left + 0.8 * self.char, self.indent - 0.5 * self.char)
        same_size = abs(line.size - previous.size) <= 0.15 * self.char
        near = line.page != previous.page or line.top - previous.top <= 1.8 * self.pitch
        if same_size and near and self._centred(line) and (full or self._centred(previous)):
            return not previous.text.rstrip().endswith(_CLOSING)
        return full and not indented and same_size and near

    def _wrapped(self, previous: Line, line: Line) -> bool:
        """The line's first unbreakable piece ("155、", "“双减”，") would not have fitted after `previous`."""
        piece = _FIRST_PIECE.match(line.text.strip())
        if piece is None:
            return False
        width = sum(0.55 if ch.isascii() else 1.0 for ch in piece.group(0)) * self.char
        gap = self.right - previous.x1
        open_ended = not previous.text.rstrip().endswith(_CLOSING + ("，", ",", "、"))
        return gap < width + 0.5 * self.char or (open_ended and gap < 5 * self.char)

    def _centred(self, line: Line) -> bool:
        margin_left, margin_right = line.x0 - self.left, self.right - line.x1
        at_indent = abs(line.x0 - self.indent) < 0.5 * self.char  # a first line that happens to end short
        return margin_left > 1.5 * self.char and abs(margin_left - margin_right) < self.char and not at_indent


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(int(share * len(ordered)), len(ordered) - 1)]
