"""The review's tables: summary.json (for scripts), summary.xlsx (to print and annotate), index.html (to click)."""

from __future__ import annotations

import io
from pathlib import Path

import jinja2

from drafter.core.files import write_bytes_atomic, write_json_atomic, write_text_atomic
from drafter.review.types import Row

HERE = Path(__file__).parent
COLUMNS = (
    ("文件 file", 34),
    ("标题 title", 40),
    ("地区 region", 12),
    ("年度 year", 8),
    ("数字 figures", 10),
    ("存疑数字 flagged", 12),
    ("错误表述 wrong claims", 12),
    ("前三个问题 first findings", 70),
    ("说明 notes", 40),
)


def ordered(rows: list[Row]) -> list[Row]:
    """Errors first, then the most flagged, then by name: the order a reviewer works in."""
    return sorted(rows, key=lambda r: (r.status != "error", -(r.flagged + r.wrong_claims), r.file))


def cells(row: Row) -> list[object]:
    figures = row.summary["figures"] if row.summary else ""
    notes = row.error if row.status == "error" else "; ".join(row.notes)
    return [
        row.file,
        row.title,
        row.region,
        row.year,
        figures,
        row.flagged if row.summary else "",
        row.wrong_claims if row.summary else "",
        "\n".join(row.findings),
        notes,
    ]


def write_summary_json(out: Path, rows: list[Row]) -> Path:
    path = out / "summary.json"
    write_json_atomic(path, {"reports": [row.summary_json() for row in sorted(rows, key=lambda r: r.file)]})
    return path


def write_xlsx(out: Path, rows: list[Row]) -> Path:
    """One row per report, sorted by flagged, header frozen, filters on, fitted to a landscape page."""
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
    for cell in sheet[1]:
        cell.font, cell.fill = Font(bold=True), PatternFill("solid", fgColor="DDDDDD")
    for line in sheet.iter_rows(min_row=2):
        for cell in line:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        if isinstance(line[5].value, int) and line[5].value > 0:
            line[5].fill = PatternFill("solid", fgColor="FFC9C9")
        elif line[4].value == "":
            line[8].fill = PatternFill("solid", fgColor="FFE3A8")  # an error row: why it could not be read
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"
    buffer = io.BytesIO()
    book.save(buffer)
    path = out / "summary.xlsx"
    write_bytes_atomic(path, buffer.getvalue())
    return path


def write_index(out: Path, rows: list[Row], *, title: str, notes: list[str]) -> Path:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(HERE / "templates")), autoescape=True)
    page = env.get_template("index.html.j2").render(
        title=title,
        rows=ordered(rows),
        columns=[name for name, _ in COLUMNS],
        notes=notes,
        checked=sum(1 for r in rows if r.status == "checked"),
        errors=sum(1 for r in rows if r.status == "error"),
        flagged=sum(1 for r in rows if r.flagged or r.wrong_claims),
    )
    path = out / "index.html"
    write_text_atomic(path, page)
    return path
