"""A Draft as a Word file laid out as a national 公文 (GB/T 9704-2012), written atomically.

The python-docx side: paragraphs, masthead, page numbers, signature and tables. The plain-text rules it
applies (cleaning, widths, title breaks, dates) are `docx_text`.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from drafter.core.files import write_bytes_atomic
from drafter.core.types import Draft, ReportInfo, Section, Table
from drafter.export import docx_layout as layout
from drafter.export.docx_text import clean, date_text, paragraphs, title_lines, width_chars
from drafter.figures.gaps import GAP, split_gaps

LEVEL1 = re.compile(r"^[一二三四五六七八九十]+、")
LEVEL2 = re.compile(r"^（[一二三四五六七八九十]+）")
LEVEL3 = re.compile(r"^\d{1,2}[.．](?!\d)")
LEVEL4 = re.compile(r"^（\d+）")
LEAD = re.compile(r"^(.{2,40}?[。：:])(.+)$")  # a short lead sentence such as `1. 教育优先发展。`
HEADING_STYLES = {1: "一级标题", 2: "二级标题", 3: "三级标题"}
STYLE_IDS = {spec.name: spec.style_id for spec in layout.STYLES}


def write_docx(draft: Draft, path: Path) -> Path:
    """Write `draft` as a 公文 .docx at `path` (temp file + rename); an unwritable place is an InputError."""
    write_bytes_atomic(Path(path), docx_bytes(draft))
    return Path(path)


def docx_bytes(draft: Draft) -> bytes:
    """The .docx file of `draft`, in memory."""
    buffer = io.BytesIO()
    build_document(draft).save(buffer)
    return buffer.getvalue()


def build_document(draft: Draft):
    document = Document()
    layout.define_styles(document)
    layout.setup_page(document.sections[0])
    add_page_numbers(document, document.sections[0])
    masthead = bool(draft.report.issuer_mark or draft.report.doc_number)
    if masthead:
        add_masthead(document, draft.report, signer_text(draft))
    for section in draft.sections:
        render_section(document, draft.report, section, masthead)
    return document


def render_section(document, report: ReportInfo, section: Section, masthead: bool) -> None:
    kind, lines = section.spec.kind, paragraphs(section)
    if kind == "header":
        for line in [] if masthead else lines:
            add_paragraph(document, line, "发文字号")
    elif kind == "title":
        add_title(document, lines or [clean(section.spec.heading)])
    elif kind == "addressee":
        for line in lines or [clean(report.addressee)]:
            _add_runs(add_paragraph(document, "", "主送机关"), line)
    elif kind == "signature":
        add_signature(document, report, lines)
    else:
        add_body(document, section, lines)


def add_masthead(document, report: ReportInfo, signer_line: str = "") -> None:
    """版头: red 发文机关标志 (the issuer of the title and 落款), 文号 centred — or, for an 上行文, 文号 left and
    签发人 right on one line — then the red separator line across the 版心."""
    add_paragraph(document, clean(report.issuer_mark or report.issuer), "发文机关标志")
    document.add_paragraph()
    last = add_paragraph(document, "", "发文字号")
    if signer_line:
        _signer_line(last, clean(report.doc_number), signer_line)
    else:
        last.add_run(clean(report.doc_number))
    border = layout.child(layout.child(last._p.get_or_add_pPr(), "w:pBdr"), "w:bottom")
    layout.set_attrs(border, val="single", sz=12, space=6, color=layout.RED)
    document.add_paragraph()  # 红色分隔线下空二行 before the title
    document.add_paragraph()


SIGNER = "签发人："


def signer_text(draft: Draft) -> str:
    """The 签发人 part of the header section's 文号 line (`签发人：王某` or its gap), "" when there is none."""
    header = draft.section("header")
    line = next((ln for ln in paragraphs(header) if SIGNER in ln), "") if header else ""
    return line[line.index(SIGNER) :] if line else ""


def _signer_line(paragraph, doc_number: str, signer: str) -> None:
    """文号 one character in from the left, 签发人 one character in from the right (GB/T 9704 上行文)."""
    ppr = paragraph._p.get_or_add_pPr()
    layout.set_attrs(layout.child(ppr, "w:jc"), val="left")
    tab = layout.child(layout.child(ppr, "w:tabs"), "w:tab")
    layout.set_attrs(tab, val="right", pos=layout.text_width_twips() - layout.indent_twips(1))
    layout.set_attrs(layout.child(ppr, "w:ind"), left=layout.indent_twips(1), firstLine=0)
    paragraph.add_run(doc_number)
    paragraph.add_run("\t" + SIGNER)
    name = signer.removeprefix(SIGNER)
    _add_runs(paragraph, name, font=layout.FONT_H2)


def _add_runs(paragraph, text: str, font: str | None = None) -> None:
    """Runs of `text`, each gap marker (【待补充：…】) highlighted yellow so the editor finds it."""
    for piece, is_gap in split_gaps(text):
        run = paragraph.add_run(piece)
        if font:
            layout.set_fonts(run._r.get_or_add_rPr(), font)
        if is_gap:
            layout.set_attrs(layout.child(run._r.get_or_add_rPr(), "w:highlight"), val="yellow")


def add_title(document, lines: list[str]) -> None:
    """The title, a long one broken where the words allow into two balanced lines (回行词意完整、排列对称)."""
    for line in lines:
        paragraph = add_paragraph(document, "", "公文标题")
        for i, part in enumerate(title_lines(line)):
            if i:
                paragraph.add_run().add_break()
            paragraph.add_run(part)
    document.add_paragraph()


def add_paragraph(document, text: str = "", style: str | None = None):
    """document.add_paragraph with the style set by its id: python-docx finds a style by its name (and
    compares it with the default) by walking every style, ~3 ms a paragraph."""
    paragraph = document.add_paragraph(text)
    if style is not None:
        paragraph._p.get_or_add_pPr().style = STYLE_IDS[style]
    return paragraph


def add_body(document, section: Section, lines: list[str]) -> None:
    spec = section.spec
    if spec.depth and spec.numbered_heading:
        add_paragraph(document, clean(spec.numbered_heading), HEADING_STYLES.get(spec.depth, "三级标题"))
    for line in lines:
        add_text_paragraph(document, line)
    for table in section.tables:
        add_table(document, table)


def add_text_paragraph(document, line: str) -> None:
    """A body paragraph; numbered ones get their level's style, a short lead sentence its font."""
    lead = LEAD.match(line)
    if LEVEL1.match(line) or LEVEL2.match(line):
        style = "一级标题" if LEVEL1.match(line) else "二级标题"
        if not lead or len(line) <= 40:
            add_paragraph(document, line, style)
            return
        paragraph = add_paragraph(document)
        font = layout.FONT_H1 if style == "一级标题" else layout.FONT_H2
        layout.set_fonts(paragraph.add_run(lead.group(1))._r.get_or_add_rPr(), font)
        paragraph.add_run(lead.group(2))
        return
    style = "三级标题" if LEVEL3.match(line) else "四级标题" if LEVEL4.match(line) else None
    paragraph = add_paragraph(document, "", style)
    if style == "三级标题" and lead:
        paragraph.add_run(lead.group(1)).bold = True
        _add_runs(paragraph, lead.group(2))
    else:
        _add_runs(paragraph, line)


# ------------------------------------------------------------------ page numbers
def add_page_numbers(document, section) -> None:
    """`— N —` in 4号 宋体 on the outer side: odd pages right, even pages left (one character in)."""
    document.settings.odd_and_even_pages_header_footer = True
    section.footer.is_linked_to_previous = False
    section.even_page_footer.is_linked_to_previous = False
    _page_number(section.footer, "right")
    _page_number(section.even_page_footer, "left")


def _page_number(footer, side: str) -> None:
    paragraph = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    paragraph.style = "页码"
    ppr = paragraph._p.get_or_add_pPr()
    layout.set_attrs(layout.child(ppr, "w:jc"), val=side)
    layout.set_attrs(
        layout.child(ppr, "w:ind"), **{f"{side}Chars": 100, side: layout.PAGE_NO_HALF_POINTS * 10}
    )
    paragraph.add_run("— ")
    _add_page_field(paragraph)
    paragraph.add_run(" —")
    for run in paragraph.runs:
        layout.set_fonts(run._r.get_or_add_rPr(), layout.FONT_PAGE)
        layout.set_size(run._r.get_or_add_rPr(), layout.PAGE_NO_HALF_POINTS)


def _add_page_field(paragraph) -> None:
    """A complex PAGE field (begin, instruction, separate, cached 1, end): Word, WPS and LibreOffice read it."""
    parts = (
        ("w:fldChar", {"fldCharType": "begin"}),
        ("w:instrText", " PAGE "),
        ("w:fldChar", {"fldCharType": "separate"}),
        ("w:t", "1"),
        ("w:fldChar", {"fldCharType": "end"}),
    )
    for tag, content in parts:
        run = paragraph.add_run()
        element = OxmlElement(tag)
        if isinstance(content, dict):
            layout.set_attrs(element, **content)
        else:
            element.text = content
            element.set(qn("xml:space"), "preserve")
        run._r.append(element)


# ------------------------------------------------------------------ 落款
def add_signature(document, report: ReportInfo, lines: list[str]) -> None:
    """A blank line, the issuer centred over the date, the date right with 4 characters to spare."""
    dates = [d for d in map(date_text, lines) if d] or [line for line in lines if GAP.fullmatch(line.strip())]
    issuers = [line for line in lines if not date_text(line) and line not in dates] or [clean(report.issuer)]
    date = dates[-1] if dates else _report_date(report)
    document.add_paragraph()
    for issuer in filter(None, issuers):
        gap = max(0.0, 4 + (width_chars(date) - width_chars(issuer)) / 2) if date else 0.0
        _right_indent(add_paragraph(document, issuer, "发文机关署名"), gap)
    if date:  # a date not given yet is its gap marker, highlighted like every other
        paragraph = add_paragraph(document, "", "成文日期")
        _add_runs(paragraph, date.strip())
        _right_indent(paragraph, 4)


def _report_date(report: ReportInfo) -> str:
    return f"{report.date.year}年{report.date.month}月{report.date.day}日" if report.date else ""


def _right_indent(paragraph, chars: float) -> None:
    ind = layout.child(paragraph._p.get_or_add_pPr(), "w:ind")
    layout.set_attrs(ind, rightChars=round(chars * 100), right=layout.indent_twips(chars))


# ------------------------------------------------------------------ tables
def column_widths(table: Table, columns: int) -> list[int]:
    """Twips per column, proportional to the widest cell (CJK counts double), summing to the 版心 width."""
    rows = (table.header, *table.rows)
    need = [
        2 + max(2.0, *(width_chars(row[i]) if i < len(row) else 0 for row in rows)) for i in range(columns)
    ]
    total = layout.text_width_twips()
    widths = [int(total * n / sum(need)) for n in need]
    widths[-1] += total - sum(widths)
    return widths


def add_table(document, table: Table) -> None:
    if table.caption:
        add_paragraph(document, clean(table.caption), "表格标题")
    columns = max(len(table.header), *(len(r) for r in table.rows)) if table.rows else len(table.header)
    rows = [table.header, *table.rows]
    grid = document.add_table(rows=len(rows), cols=columns)
    widths = column_widths(table, columns)
    _table_properties(grid, widths)
    for r, row in enumerate(rows):
        for c in range(columns):
            cell = grid.cell(r, c)
            layout.set_attrs(layout.child(cell._tc.get_or_add_tcPr(), "w:tcW"), w=widths[c], type="dxa")
            paragraph = cell.paragraphs[0]
            paragraph.style = "表格文字"
            paragraph.add_run(clean(row[c]) if c < len(row) else "").bold = r == 0 or None


def _table_properties(grid, widths: list[int]) -> None:
    """Borders, fixed layout, centred, and the widths both as w:tblW and w:gridCol (WPS reads the latter)."""
    tbl_pr = grid._tbl.tblPr
    layout.set_attrs(layout.child(tbl_pr, "w:tblW"), w=sum(widths), type="dxa")
    layout.set_attrs(layout.child(tbl_pr, "w:jc"), val="center")
    layout.set_attrs(layout.child(tbl_pr, "w:tblLayout"), type="fixed")
    borders = layout.child(tbl_pr, "w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        layout.set_attrs(layout.child(borders, f"w:{edge}"), val="single", sz=4, space=0, color="000000")
    for col, width in zip(grid._tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
        layout.set_attrs(col, w=width)
