"""The review's tables: summary.json (for scripts), summary.xlsx (to print and annotate), index.html (to click)."""

from __future__ import annotations

import io
from pathlib import Path

import jinja2

from drafter.core.files import write_bytes_atomic, write_json_atomic, write_text_atomic
from drafter.review.types import Row

HERE = Path(__file__).parent
COLUMNS = (  # header, width in characters (a Chinese character counts two)
    ("文件 file", 22),
    ("标题 title", 30),
    ("地区 region", 9),
    ("年度 year", 7),
    ("数字 figures", 8),
    ("需改正 to fix", 8),
    ("无法核对 unsupported", 10),
    ("错误表述 wrong claims", 9),
    ("前三个问题 first findings", 48),
    ("说明 notes", 34),
)
LINE_HEIGHT = 16  # points per wrapped line (LibreOffice and WPS: 11 pt text)


def ordered(rows: list[Row]) -> list[Row]:
    """Errors first, then the most to fix, then the most that could not be checked, then by name: the order a
    reviewer works in."""
    return sorted(
        rows, key=lambda r: (r.status != "error", -(r.to_fix + r.wrong_claims), -r.not_checkable, r.file)
    )


def cells(row: Row) -> list[object]:
    figures = row.summary["figures"] if row.summary else ""
    notes = row.error if row.status == "error" else "; ".join(row.notes)
    return [
        row.file,
        row.title,
        row.region,
        row.year,
        figures,
        row.to_fix if row.summary else "",
        row.not_checkable if row.summary else "",
        row.wrong_claims if row.summary else "",
        "\n".join(row.findings),
        notes,
    ]


def write_summary_json(out: Path, rows: list[Row], pending: list[str] | None = None) -> Path:
    """{"reports": [...], "complete": true}; an interrupted run says "complete": false and lists the reports not
    yet checked."""
    path = out / "summary.json"
    data: dict[str, object] = {"reports": [row.summary_json() for row in sorted(rows, key=lambda r: r.file)]}
    data.update(complete=pending is None)
    if pending is not None:
        data["pending"] = sorted(pending)
    write_json_atomic(path, data)
    return path


def write_xlsx(out: Path, rows: list[Row]) -> Path:
    """One row per report, the most to fix first, header frozen, filters on, fitted to a landscape page."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    book = Workbook()
    sheet = book.active
    sheet.title = "审核结果 review"
    sheet.append([name for name, _ in COLUMNS])
    for row in ordered(rows):
        sheet.append(cells(row))
        if row.status == "checked":
            sheet.cell(sheet.max_row, 1).hyperlink = f"{row.file}.check.html"
    for index, (_, width) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[sheet.cell(1, index).column_letter].width = width
    for line in sheet.iter_rows():
        for cell in line:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.row_dimensions[line[0].row].height = LINE_HEIGHT * _lines(line)
        if isinstance(line[5].value, int) and line[5].value > 0:
            line[5].fill = PatternFill("solid", fgColor="FFC9C9")
        elif line[0].row > 1 and line[4].value == "":
            line[8].fill = PatternFill("solid", fgColor="FFE3A8")  # an error row: why it could not be read
    for cell in sheet[1]:
        cell.font, cell.fill = Font(bold=True), PatternFill("solid", fgColor="DDDDDD")
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    _print_setup(sheet)
    buffer = io.BytesIO()
    book.save(buffer)
    path = out / "summary.xlsx"
    write_bytes_atomic(path, buffer.getvalue())
    return path


def _lines(cells) -> int:
    """How many lines the tallest cell of a row wraps to (LibreOffice and WPS do not size rows themselves)."""
    tallest = 1
    for cell, (_, width) in zip(cells, COLUMNS, strict=False):
        parts = str(cell.value or "").split("\n")
        wides = (sum(2 if ord(ch) > 0x2E80 else 1 for ch in part) for part in parts)
        tallest = max(tallest, sum(1 + wide // max(width - 4, 1) for wide in wides))
    return tallest


def _print_setup(sheet) -> None:
    """A4 landscape, one page wide, the header row on every page."""
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"
    sheet.page_margins.left = sheet.page_margins.right = 0.4


def write_index(out: Path, rows: list[Row], *, title: str, notes: list[str]) -> Path:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(HERE / "templates")), autoescape=True)
    page = env.get_template("index.html.j2").render(
        title=title,
        rows=ordered(rows),
        columns=[name for name, _ in COLUMNS],
        notes=notes,
        checked=sum(1 for r in rows if r.status == "checked"),
        errors=sum(1 for r in rows if r.status == "error"),
        flagged=sum(1 for r in rows if r.needs_fixing),
        to_look=sum(1 for r in rows if r.only_unchecked),
    )
    path = out / "index.html"
    write_text_atomic(path, page)
    return path
