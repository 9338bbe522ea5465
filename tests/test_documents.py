"""read_document: every format gives the text the checker reads; PDF lines become paragraphs again."""

from __future__ import annotations

import io
import shutil
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from report_files import convert, soffice, split_front, write_docx, write_html

from drafter.checker.check import check_text
from drafter.core.errors import InputError
from drafter.documents.paragraphs import drop_cjk_spaces, heading_level
from drafter.documents.pdf_layout import CELL_MARK, GAP_MARK, Line, paragraphs_from_lines
from drafter.documents.read import read_document

ROOT = Path(__file__).resolve().parent.parent
needs_soffice = pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed")
REPORT = """\
某县人民政府关于2022年度履行教育职责自评情况的报告
市人民政府教育督导委员会办公室：
一、自查情况
我县高度重视，会同12个部门对照38项具体内容开展自查。
二、工作成效
（一）经费保障
2022年全县一般公共预算教育支出5.21亿元，比上年的5.00亿元增长4.2%。
（二）特殊教育
特殊教育招生人数450人，适龄残疾儿童少年入学率97.5%。
"""


def figures(text: str) -> Counter:
    return Counter(("".join(f.text.split()), f.value, f.unit, f.status) for f in check_text(text).findings)


# ------------------------------------------------------------------ shared helpers


@pytest.mark.parametrize(
    ("line", "level"),
    [
        ("一、自查情况", 1),
        ("（二）经费保障", 2),
        ("(二)经费保障", 2),
        ("3.师资队伍", 3),
        ("（4）学前教育", 4),
        ("## 标题", 2),
        ("2022年全县一般公共预算", 0),
        ("3.5亿元用于", 0),
        ("我县高度重视", 0),
    ],
)
def test_heading_levels_follow_gongwen_numbering(line, level):
    assert heading_level(line) == level


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("5.21 亿元", "5.21亿元"),
        ("2021 年 11 月 12 日", "2021年11月12日"),
        ("格 纪律 ” ，", "格纪律”，"),
        ("PISA 2018 results", "PISA 2018 results"),
        ("增长 4.2 %", "增长4.2 %"),
    ],
)
def test_spaces_beside_chinese_characters_are_layout(raw, clean):
    assert drop_cjk_spaces(raw) == clean


# ------------------------------------------------------------------ PDF layout, line by line


def line(text, page=1, x0=80.0, x1=511.0, top=200.0, size=16.0):
    """A line as pdf.py hands it on: the spaces in `text` stand for gaps the layout left between glyphs."""
    return Line(
        text=text.replace(" ", GAP_MARK),
        page=page,
        x0=x0,
        x1=x1,
        top=top,
        bottom=top + size,
        size=size,
        page_width=595.0,
        page_height=842.0,
    )


def body_lines(*rows):
    """Lines of one text block: (text, page, x0, x1, top) rows; a long paragraph so the margins are clear."""
    filler = [
        line("我县高度重视教育工作，会同各部门对照评价方案逐项开展自查自评", top=130.0 + 26 * i)
        for i in range(4)
    ]
    return filler + [line(text, page=page, x0=x0, x1=x1, top=top) for text, page, x0, x1, top in rows]


LAYOUTS = [
    (
        "a figure broken over a line is one figure",
        [("特殊教育招生人数 450", 1, 112.0, 511.0, 300.0), ("人，比上年增加 12 人。", 1, 80.0, 250.0, 326.0)],
        ["特殊教育招生人数450人，比上年增加12人。"],
    ),
    (
        "a figure broken over a page break, past the page number and the next page's header",
        [
            ("特殊教育招生人数 450", 1, 112.0, 511.0, 700.0),
            ("— 1 —", 1, 275.0, 320.0, 790.0),
            ("某县人民政府文件", 2, 230.0, 365.0, 30.0),
            ("人，比上年增加 12 人。", 2, 80.0, 250.0, 109.0),
            ("— 2 —", 2, 275.0, 320.0, 790.0),
        ],
        ["特殊教育招生人数450人，比上年增加12人。"],
    ),
    (
        "page numbers in the common styles are dropped",
        [
            ("全县共有学校 30 所。", 1, 112.0, 300.0, 300.0),
            ("-3-", 1, 280.0, 300.0, 790.0),
            ("第3页 共7页", 2, 260.0, 330.0, 790.0),
            ("- 4 -", 3, 280.0, 300.0, 790.0),
        ],
        ["全县共有学校30所。"],
    ),
    (
        "a heading and the indented paragraph under it stay apart",
        [("（二）特殊教育", 1, 112.0, 230.0, 300.0), ("特殊教育招生人数 450 人。", 1, 112.0, 330.0, 326.0)],
        ["（二）特殊教育", "特殊教育招生人数450人。"],
    ),
    (
        "a number that would not fit keeps the line open",
        [
            ("1.教育职责进一步优先落实。2021 年，市委第", 1, 112.0, 442.0, 300.0),
            ("155、156 次常委会研究教育工作。", 1, 80.0, 330.0, 326.0),
        ],
        ["1.教育职责进一步优先落实。2021年，市委第155、156次常委会研究教育工作。"],
    ),
    (
        "a lone number close under the text is the text's, not a page number",
        [("全县共有学校：", 1, 112.0, 230.0, 300.0), ("1", 1, 112.0, 122.0, 326.0)],
        ["全县共有学校：", "1"],
    ),
    (
        "table cells repeated at the top of pages are not running headers",
        [
            ("650 |", 1, 112.0, 150.0, 110.0),
            ("学校 |", 1, 112.0, 160.0, 600.0),
            ("334 |", 2, 112.0, 150.0, 110.0),
            ("班级 |", 2, 112.0, 160.0, 600.0),
        ],
        ["650 |", "学校|", "334 |", "班级|"],
    ),
    (
        "the 版记 at the end is not the report",
        [
            ("2022年3月20日", 1, 400.0, 511.0, 300.0),
            ("抄送：市委办公室，市人大常委会办公室。", 1, 80.0, 450.0, 340.0),
            ("市人民政府办公室 2022年3月20日印发", 1, 80.0, 420.0, 366.0),
            ("（共印50份）", 1, 80.0, 180.0, 392.0),
        ],
        ["2022年3月20日"],
    ),
]


@pytest.mark.parametrize(("why", "rows", "expected"), LAYOUTS, ids=[case[0] for case in LAYOUTS])
def test_pdf_lines_become_the_paragraphs_the_writer_typed(why, rows, expected):
    paragraphs, _ = paragraphs_from_lines(body_lines(*rows))
    assert [p.text for p in paragraphs[1:]] == expected


def merged_table_docx(path: Path, rows: list[tuple[str, str, str]]) -> None:
    """A .docx with one table: 学校数（所） merged over 合计 and 其中民办, 学校类别 over the two heading rows."""
    import docx

    document = docx.Document()
    document.add_paragraph("全市学校情况如下表。")
    table = document.add_table(rows=2 + len(rows), cols=3)
    table.cell(0, 1).merge(table.cell(0, 2))
    table.cell(0, 0).merge(table.cell(1, 0))
    table.cell(0, 0).text, table.cell(0, 1).text = "学校类别", "学校数（所）"
    table.cell(1, 1).text, table.cell(1, 2).text = "合计", "其中民办"
    for r, values in enumerate(rows, 2):
        for k, text in enumerate(values):
            table.cell(r, k).text = text
    document.save(path)


def test_a_table_row_in_a_pdf_stands_alone_with_its_cells_between_tabs():
    """Cells set far apart (CELL_MARK) are a table row: never joined to the line before or after, and read as
    Word and web tables are, one tab between cells."""
    rows = [("全市学校情况如下表，各类学校数和在校学生数均有增加", 1, 80.0, 511.0, 300.0)]
    lines = body_lines(*rows) + [
        line(CELL_MARK.join(["普通小学", "1476", "4526700"]), x0=80.0, x1=511.0, top=326.0),
        line(CELL_MARK.join(["普通初中", "603", "2103400"]), x0=80.0, x1=511.0, top=352.0),
    ]
    paragraphs, _ = paragraphs_from_lines(lines)
    assert [p.text for p in paragraphs[-2:]] == ["普通小学\t1476\t4526700", "普通初中\t603\t2103400"]


@needs_soffice
def test_a_word_table_read_back_from_pdf_is_checked_as_in_word(tmp_path):
    """学校数（所） merged over 合计 / 其中民办 and 学校类别 over two rows: the PDF loses the empty cells, the
    checker still puts each number under its heading (the 41/35 swap is found in both)."""
    from drafter.core.types import Metric, ReportInfo, SourceData

    merged_table_docx(tmp_path / "t.docx", [("普通小学", "1476", "41"), ("普通初中", "603", "35")])
    (pdf,) = convert([tmp_path / "t.docx"], "pdf", tmp_path)
    data = SourceData(
        report=ReportInfo(region="某市", level="city", round=2022, period=2021, issuer="某市人民政府"),
        metrics=(
            Metric("compulsory.primary_schools", "普通小学学校数", "所", {2021: 1476}),
            Metric("compulsory.junior_schools", "普通初中学校数", "所", {2021: 603}),
            Metric("private.primary_schools", "民办普通小学学校数", "所", {2021: 35}),
            Metric("private.junior_schools", "民办普通初中学校数", "所", {2021: 41}),
        ),
    )
    for path in (tmp_path / "t.docx", pdf):
        found = [(f.text.strip(), f.status) for f in check_text(read_document(path).text, data).findings]
        assert found == [("1476", "verified"), ("41", "mismatch"), ("603", "verified"), ("35", "mismatch")]


def wrapped_heads_docx(path: Path) -> None:
    """A .docx with a years-as-rows table whose narrow heading cells wrap (在校学生数 / （人）)."""
    import docx
    from docx.shared import Cm

    document = docx.Document()
    document.add_paragraph("表1  全县普通小学基本情况")
    rows = [
        ["年份", "学校数（所）", "在校学生数（人）", "专任教师数（人）", "学生与专任教师之比"],
        ["2021年", "45", "21560", "1320", "16.33"],
        ["2022年", "44", "21890", "1352", "16.19"],
    ]
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for k, text in enumerate(row):
            table.cell(r, k).text = text
            table.cell(r, k).width = Cm(2.0)
    document.save(path)


@needs_soffice
def test_a_heading_row_wrapped_over_lines_in_a_pdf_is_read_as_in_word(tmp_path):
    """A new user's table: in the PDF each heading cell's second line (（人）, 师之比) came as a line of its own and
    every cell below was unsupported; the heading row is rebuilt and the PDF checks as the .docx does."""
    from drafter.core.types import Metric, ReportInfo, SourceData

    wrapped_heads_docx(tmp_path / "t.docx")
    (pdf,) = convert([tmp_path / "t.docx"], "pdf", tmp_path)
    assert "年份\t学校数（所）\t在校学生数（人）\t专任教师数（人）\t学生与专任教师之比\n2021年\t45" in (
        read_document(pdf).text
    )
    data = SourceData(
        report=ReportInfo(region="某县", level="county", round=2022, period=2022, issuer="某县人民政府"),
        metrics=(
            Metric("compulsory.primary_schools", "普通小学学校数", "所", {2021: 45, 2022: 44}),
            Metric("compulsory.primary_students", "普通小学在校学生数", "人", {2021: 21560, 2022: 21890}),
            Metric("compulsory.primary_teachers", "普通小学专任教师数", "人", {2021: 1320, 2022: 1352}),
        ),
    )
    for path in (tmp_path / "t.docx", pdf):
        found = [(f.text.strip(), f.status) for f in check_text(read_document(path).text, data).findings]
        assert [s for _, s in found if s != "ignored"] == ["verified", "verified", "verified", "derived"] * 2


@needs_soffice
def test_a_row_label_wrapped_over_lines_in_a_pdf_keeps_its_row(tmp_path):
    """普通初中（含九年 / 一贯制学校） beside 18  10890  952: the label's lines were paragraphs of their own and the
    numbers a row without a name."""
    import docx
    from docx.shared import Cm

    document = docx.Document()
    rows = [
        ["类别", "学校数", "在校学生数", "专任教师数"],
        ["普通小学（含教学点）", "45", "21560", "1320"],
        ["普通初中（含九年一贯制学校）", "18", "10890", "952"],
        ["普通高中", "6", "8105", "576"],
    ]
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for k, text in enumerate(row):
            table.cell(r, k).text = text
            table.cell(r, k).width = Cm(2.2)
    document.save(tmp_path / "t.docx")
    (pdf,) = convert([tmp_path / "t.docx"], "pdf", tmp_path)
    assert read_document(pdf).text.split("\n") == ["\t".join(row) for row in rows]


def test_a_wrapped_centred_title_is_one_paragraph():
    lines = [
        line("阳泉市人民政府办公室关于阳泉市人民政府 2021 年履行", x0=80.0, x1=511.0, top=100.0),
        line("教育职责自评情况的报告", x0=207.0, x1=384.0, top=126.0),
        line("山西省人民政府教育督导委员会办公室：", x0=80.0, x1=370.0, top=170.0),
        *body_lines()[:4],
    ]
    paragraphs, _ = paragraphs_from_lines(lines)
    assert paragraphs[0].text == "阳泉市人民政府办公室关于阳泉市人民政府2021年履行教育职责自评情况的报告"


# ------------------------------------------------------------------ real files


@needs_soffice
def test_a_gongwen_pdf_gives_the_figures_and_sections_of_the_text(tmp_path):
    _, text = split_front((ROOT / "knowledge" / "reports" / "yangquan-2021.md").read_text(encoding="utf-8"))
    write_docx(text, tmp_path / "yq.docx", gongwen=True, header="阳泉市人民政府办公室")
    (pdf,) = convert([tmp_path / "yq.docx"], "pdf", tmp_path)
    document = read_document(pdf)
    assert document.format == "pdf" and document.pages >= 10
    assert "— 3 —" not in document.text and "阳泉市人民政府办公室\n阳泉市人民政府办公室" not in document.text
    assert "抄送" not in document.text and "page numbers" in document.note
    assert figures(document.text) == figures(text)
    sections = Counter(f.section.replace(" ", "") for f in check_text(document.text).findings)
    assert sections == Counter(f.section.replace(" ", "") for f in check_text(text).findings)
    assert document.title == "阳泉市人民政府办公室关于阳泉市人民政府2021年履行教育职责自评情况的报告"
    assert any(p.heading == 1 and p.text == "一、自查情况" for p in document.paragraphs)


@pytest.fixture(scope="module")
def old_word_file(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("doc")
    write_docx(REPORT, folder / "r.docx")
    (doc,) = convert([folder / "r.docx"], "doc", folder / "out")
    return doc


@needs_soffice
@pytest.mark.parametrize("suffix", [".doc", ".wps"])
def test_old_word_and_wps_files_are_read_through_libreoffice(tmp_path, old_word_file, suffix):
    target = tmp_path / f"县报告{suffix}"
    target.write_bytes(old_word_file.read_bytes())
    document = read_document(target)
    assert document.format == suffix[1:] and figures(document.text) == figures(REPORT)


def test_without_libreoffice_a_doc_file_gets_one_line(tmp_path, monkeypatch):
    path = tmp_path / "r.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(InputError, match="needs LibreOffice") as error:
        read_document(path)
    assert "save the file as .docx" in error.value.render()


def test_a_scan_and_an_encrypted_pdf_are_refused_with_one_line(tmp_path):
    import pypdfium2 as pdfium

    scan = pdfium.PdfDocument.new()
    scan.new_page(595, 842)
    buffer = io.BytesIO()
    scan.save(buffer)
    (tmp_path / "scan.pdf").write_bytes(buffer.getvalue())
    with pytest.raises(InputError, match="no text layer"):
        read_document(tmp_path / "scan.pdf")
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF")
    with pytest.raises(InputError, match="not a readable PDF"):
        read_document(tmp_path / "broken.pdf")


@needs_soffice
def test_an_encrypted_pdf_is_refused(tmp_path):
    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    options = '{"EncryptFile":{"type":"boolean","value":"true"},"DocumentOpenPassword":{"type":"string","value":"pw"}}'
    (pdf,) = convert([tmp_path / "a.txt"], f"pdf:writer_pdf_Export:{options}", tmp_path / "out")
    pdf = tmp_path / "out" / "a.pdf"
    with pytest.raises(InputError, match="encrypted"):
        read_document(pdf)


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_a_trs_page_gives_the_article_only(tmp_path, encoding):
    page = write_html(
        REPORT, tmp_path / "page.html", title="某县2022年度履行教育职责自评报告", encoding=encoding
    )
    document = read_document(page)
    assert document.text == "\n".join(line for line in REPORT.splitlines() if line)
    for junk in ("发布时间", "浏览次数", "ICP", "公网安备", "联系电话", "2023-08-25", "首页", "访问者"):
        assert junk not in document.text
    assert document.title == "某县2022年度履行教育职责自评报告"
    assert ("GB18030" in document.note) == (encoding == "gb18030")


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "<nav><a>首页</a></nav><article><p>全县学校30所。</p><p>在校生1.2万人。</p></article><footer>电话 0353-1234567</footer>",
            "全县学校30所。\n在校生1.2万人。",
        ),
        (
            "<div class='menu'><a href='/'>首页</a> <a>政务公开</a></div><div id='main'><div class='c'>"
            + "<p>全县共有学校30所，在校生12000人，比上年增加300人。</p>" * 6
            + "</div></div>"
            "<div class='links'><a>相关链接2023-02-16</a></div>",
            "\n".join(["全县共有学校30所，在校生12000人，比上年增加300人。"] * 6),
        ),
        (
            "<div class='TRS_Editor'><table><tr><td>学校</td><td>30所</td></tr><tr><td>学生</td><td>1.2万人</td></tr>"
            "</table></div>",
            "学校\t30所\n学生\t1.2万人",
        ),
    ],
    ids=["article element", "largest block of text", "table rows inside the TRS block"],
)
def test_the_article_is_found_without_a_trs_block(tmp_path, body, expected):
    (tmp_path / "p.htm").write_text(
        f"<html><head><title>t</title></head><body>{body}</body></html>", encoding="utf-8"
    )
    assert read_document(tmp_path / "p.htm").text == expected


def test_a_page_with_no_article_is_one_line(tmp_path):
    (tmp_path / "menu.html").write_text(
        "<html><body><ul><li><a>首页</a></li><li><a>政务公开</a></li></ul><p>浏览次数：12</p></body></html>",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="no article found"):
        read_document(tmp_path / "menu.html")


def test_docx_headings_tables_and_imprint(tmp_path):
    import docx

    document = docx.Document()
    document.add_heading("一、工作成效", level=1)
    document.add_paragraph("全县共有学校30所。")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "在校生", "12000人"
    document.add_paragraph("二、存在问题")
    document.add_paragraph("抄送：市教育局。")
    document.save(tmp_path / "r.docx")
    read = read_document(tmp_path / "r.docx")
    assert read.text == "一、工作成效\n全县共有学校30所。\n在校生\t12000人\n二、存在问题"
    assert [p.heading for p in read.paragraphs] == [1, 0, 0, 1]
    assert read.text[read.paragraphs[2].start :].startswith("在校生")


@pytest.mark.parametrize(("encoding", "note"), [("utf-8", ""), ("gb18030", "GB18030"), ("utf-16", "UTF-16")])
def test_text_is_kept_exactly_with_a_note_for_its_encoding(tmp_path, encoding, note):
    (tmp_path / "r.txt").write_bytes(REPORT.encode(encoding))
    read = read_document(tmp_path / "r.txt")
    assert read.text == REPORT and (note in read.note if note else read.note == "")
    assert all(read.text[p.start : p.start + len(p.text)] == p.text for p in read.paragraphs)


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("r.pdf", b"", "empty"),
        ("r.rtf", b"{\\rtf1}", "cannot check a .rtf"),
        ("r.html", b"", "empty"),
        ("r.docx", b"PK\x03\x04nonsense", "not a .docx"),
        ("r.docx", "junk zip", "zip archive with no Word document"),
        ("r.pdf", b"404 Not Found", "not a readable PDF"),  # a failed download is no text report
    ],
)
def test_bad_files_are_one_line_each(tmp_path, name, content, words):
    """A trial: a zip of other files named .docx was "not a readable Word document (KeyError: "There is no item
    named '[Content_Types].xml' in the archive")"."""
    if content == "junk zip":
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("a.txt", "junk" * 100)
        content = buffer.getvalue()
    (tmp_path / name).write_bytes(content)
    with pytest.raises(InputError) as error:
        read_document(tmp_path / name)
    assert words in error.value.render() or words in str(error.value)
    assert "KeyError" not in error.value.render()


def test_shutil_sees_the_real_libreoffice_when_installed():
    assert soffice() == (shutil.which("soffice") or shutil.which("libreoffice"))


def pdf_with_text(items: list[tuple[str, float, float, float]], path: Path) -> Path:
    """A one-page PDF of (text, x, y, angle in radians) text objects in Helvetica, drawn with PDFium itself."""
    import ctypes
    import math

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    pdf = pdfium.PdfDocument.new()
    page = pdf.new_page(595, 842)
    for text, x, y, angle in items:
        obj = raw.FPDFPageObj_NewTextObj(pdf.raw, b"Helvetica", ctypes.c_float(14))
        data = (text + "\0").encode("utf-16-le")
        raw.FPDFText_SetText(obj, (ctypes.c_ushort * (len(data) // 2)).from_buffer_copy(data))
        cos, sin = math.cos(angle), math.sin(angle)
        raw.FPDFPageObj_Transform(obj, cos, sin, -sin, cos, x, y)
        raw.FPDFPage_InsertObject(page.raw, obj)
    raw.FPDFPage_GenerateContent(page.raw)
    buffer = io.BytesIO()
    pdf.save(buffer)
    path.write_bytes(buffer.getvalue())
    return path


def test_a_seals_ring_of_text_is_not_read(tmp_path):
    import math

    text = [("Schools in the county: 450 in 2021, up 12.", 80, 700, 0.0), ("Pupils: 12000.", 80, 600, 0.0)]
    ring = [
        (char, 400 + 50 * math.cos(a), 300 + 50 * math.sin(a), a - math.pi / 2)
        for char, a in zip("SEAL9876", [math.pi * (0.2 + 0.08 * i) for i in range(8)], strict=True)
    ]
    document = read_document(pdf_with_text(text + ring, tmp_path / "sealed.pdf"))
    assert "450" in document.text and "12000" in document.text
    assert not any(char in document.text for char in "9876") and "SEAL" not in document.text.upper()


def test_a_word_table_with_merged_cells_keeps_its_columns(tmp_path):
    """学校数（所） merged over 合计 and 其中民办, 学校类别 over two rows: each merged cell is read once and leaves
    its other columns empty, so the numbers stay under their headings."""
    merged_table_docx(tmp_path / "t.docx", [("普通小学", "1476", "35")])
    text = read_document(tmp_path / "t.docx").text
    assert text.split("\n")[1:] == ["学校类别\t学校数（所）\t", "\t合计\t其中民办", "普通小学\t1476\t35"]


def test_a_web_table_with_paragraphs_in_its_cells_and_spans(tmp_path):
    """A bureau's page: <p> inside every <td>, 学校类别 over two rows, 学校数（所） over two columns. One line per
    row, one tab-separated text per column, a spanned place left empty."""
    cell = "<td{}><p>{}</p></td>"
    rows = [
        cell.format(' rowspan="2"', "学校类别") + cell.format(' colspan="2"', "学校数（所）"),
        cell.format("", "合计") + cell.format("", "其中民办"),
        cell.format("", "普通小学") + cell.format("", "1476") + cell.format("", "35"),
    ]
    body = "<div class='TRS_Editor'><p>" + "全县学校情况见下表。" * 20 + "</p><table>"
    body += "".join(f"<tr>{r}</tr>" for r in rows) + "</table></div>"
    (tmp_path / "p.htm").write_text(f"<html><body>{body}</body></html>", encoding="utf-8")
    lines = read_document(tmp_path / "p.htm").text.split("\n")[1:]
    assert lines == ["学校类别\t学校数（所）\t", "\t合计\t其中民办", "普通小学\t1476\t35"]


def test_table_rows_do_not_set_the_text_s_right_margin():
    """A new user's PDF: a centred title, the addressee, then a table whose rows end well short of the margin;
    measured with the rows, the title looked like a full line and swallowed the addressee."""
    head = [
        line("清河县人民政府关于2023年度履行教育职责自评情况的报告", x0=158.0, x1=454.0, top=73.0, size=11.0),
        line("市人民政府教育督导委员会办公室：", x0=90.0, x1=266.0, top=97.0, size=11.0),
        line(
            "根据评价方案要求，我县组织开展了自查自评工作，现将有关情况报告如下",
            x0=90.0,
            x1=513.0,
            top=122.0,
            size=11.0,
        ),
        line("一、履行教育职责情况", x0=90.0, x1=200.0, top=137.0, size=11.0),
    ]
    table = [
        line(
            CELL_MARK.join([str(year), "4.80", "6.67", "11900"]),
            x0=90.0,
            x1=456.0,
            top=160.0 + 15 * k,
            size=11.0,
        )
        for k, year in enumerate(range(2015, 2024))
    ]
    paragraphs, _ = paragraphs_from_lines([*head, *table])
    texts = [p.text for p in paragraphs]
    assert "清河县人民政府关于2023年度履行教育职责自评情况的报告" in texts
    assert "市人民政府教育督导委员会办公室：" in texts


def _text_objects(page) -> list[tuple[int, str]]:
    """(index, text) of the page's text objects, in the order they are drawn."""
    import ctypes

    import pypdfium2.raw as raw

    textpage = page.get_textpage()
    found = []
    for index in range(raw.FPDFPage_CountObjects(page.raw)):
        obj = raw.FPDFPage_GetObject(page.raw, index)
        if raw.FPDFPageObj_GetType(obj) != raw.FPDF_PAGEOBJ_TEXT:
            continue
        size = raw.FPDFTextObj_GetText(obj, textpage.raw, None, 0)
        buffer = ctypes.create_string_buffer(size)
        raw.FPDFTextObj_GetText(obj, textpage.raw, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)), size)
        found.append((index, buffer.raw.decode("utf-16-le").rstrip("\0").strip()))
    return found


def stamp_a_seal_after(pdf: Path, issuer: str) -> Path:
    """The PDF with a seal's ring of rotated letters drawn between the text objects after the `issuer` line (the
    date's pieces), as an electronic seal stamped over the signature date is: PDFium then ends a line after each."""
    import ctypes
    import math

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    document = pdfium.PdfDocument(pdf.read_bytes())
    page = document[0]
    objects = _text_objects(page)
    start = max(k for k, (_, text) in enumerate(objects) if text == issuer) + 1
    for turn, (index, _) in enumerate(reversed(objects[start:])):
        angle = math.pi * (0.7 + 0.08 * turn)  # the upper left of the ring: every letter well turned
        obj = raw.FPDFPageObj_NewTextObj(document.raw, b"Helvetica", ctypes.c_float(10))
        data = "S\0".encode("utf-16-le")
        raw.FPDFText_SetText(obj, (ctypes.c_ushort * (len(data) // 2)).from_buffer_copy(data))
        cos, sin = math.cos(angle - math.pi / 2), math.sin(angle - math.pi / 2)
        x, y = 130 + 40 * math.cos(angle), 640 + 40 * math.sin(angle)
        raw.FPDFPageObj_Transform(obj, cos, sin, -sin, cos, x, y)
        raw.FPDFPage_InsertObjectAtIndex(page.raw, obj, index + 1)
    raw.FPDFPage_GenerateContent(page.raw)
    buffer = io.BytesIO()
    document.save(buffer)
    document.close()
    stamped = pdf.with_name(f"{pdf.stem}-sealed.pdf")
    stamped.write_bytes(buffer.getvalue())
    return stamped


@needs_soffice
def test_a_signature_date_under_a_seal_is_one_line(tmp_path):
    """A new user's PDF gave 2024\\n年\\n3\\n月15\\n日: the seal drawn between the date's pieces made PDFium end a
    line after each. Pieces on one baseline, each just right of the one before, are one line again."""
    text = (
        "某县人民政府关于2023年度履行教育职责自评情况的报告\n"
        "全县共有中小学45所，在校学生12000人，比上年增加300人。\n某县人民政府\n2024年3月15日\n"
    )
    write_docx(text, tmp_path / "r.docx")
    (pdf,) = convert([tmp_path / "r.docx"], "pdf", tmp_path)
    sealed = stamp_a_seal_after(pdf, "某县人民政府")
    import pypdfium2 as pdfium

    raw_text = pdfium.PdfDocument(sealed.read_bytes())[0].get_textpage().get_text_range()
    assert "2024\r\nS" in raw_text and "月\r\nS" in raw_text  # PDFium splits the date (the case in hand)
    lines = read_document(sealed).text.split("\n")
    assert lines[-1] == "2024年3月15日", lines
    assert "S" not in read_document(sealed).text


def test_a_docx_whose_properties_part_is_damaged_is_still_read(tmp_path):
    """A fuzzer's file: the core properties part lost its content type (python-docx gives a bare Part, and
    `core_properties` raised AttributeError out of the reader); the text is read, the title guessed."""
    import zipfile

    import docx

    path = tmp_path / "t.docx"
    document = docx.Document()
    document.add_paragraph("某县人民政府关于2023年度履行教育职责的自评报告")
    document.add_paragraph("全县共有幼儿园68所。")
    document.core_properties.title = "x"
    document.save(path)
    damaged = tmp_path / "d.docx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(damaged, "w") as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(
                    b"application/vnd.openxmlformats-package.core-properties+xml", b"application/xml"
                )
            out.writestr(item, data)
    read = read_document(damaged)
    assert "全县共有幼儿园68所" in read.text and read.title.startswith("某县人民政府")


@pytest.mark.parametrize(
    ("lines", "title"),
    [
        (
            [
                "安府办〔2024〕7号",
                "安岳县人民政府办公室",
                "关于县政府履行教育职责的自查报告",
                "市政府教育督导委员会办公室：",
            ],
            "安岳县人民政府办公室关于县政府履行教育职责的自查报告",
        ),
        (
            [
                "阳泉市人民政府办公室",
                "阳泉市人民政府办公室 关于阳泉市人民政府2021年履行教育职责 自评情况的报告",
            ],
            "阳泉市人民政府办公室关于阳泉市人民政府2021年履行教育职责自评情况的报告",
        ),
        (  # draft.docx's own title as its PDF gives it: broken after 关于… (summary.xlsx had no region)
            [
                "阳泉市人民政府办公室",
                "阳政办函〔2021〕174号",
                "阳泉市人民政府办公室关于阳泉市人民政府",
                "2021年度履行教育职责自评情况的报告",
                "山西省人民政府教育督导委员会办公室：",
            ],
            "阳泉市人民政府办公室关于阳泉市人民政府2021年度履行教育职责自评情况的报告",
        ),
        (
            ["某县人民政府", "关于2023年度履行教育职责", "自评情况的报告", "市政府教育督导委员会办公室："],
            "某县人民政府关于2023年度履行教育职责自评情况的报告",
        ),
        (  # a sentence with 关于 above a title is no part of it
            ["关于上一轮整改，全县已完成", "2021年度履行教育职责自评情况的报告"],
            "2021年度履行教育职责自评情况的报告",
        ),
        (  # 湖南 2018 as published: broken before its last words, with no 关于 (the region guard missed it)
            ["湖南省人民政府履行教育职责", "", "情况自评报告", "", "一、基本情况"],
            "湖南省人民政府履行教育职责情况自评报告",
        ),
        (
            ["某某网站首页", "情况通报"],
            "情况通报",
        ),  # a line above that names no place or body is no part of it
    ],
)
def test_a_title_set_over_two_lines_or_joined_with_spaces_is_read_whole(tmp_path, lines, title):
    """A new user's trial: 安岳's title lost its issuer line above 关于 (so summary.xlsx had no region), 阳泉's kept the
    spaces of the lines it was joined from."""
    from drafter.documents.read import read_document

    path = tmp_path / "报告.txt"
    path.write_text("\n".join(lines) + "\n正文。\n", encoding="utf-8")
    assert read_document(path).title == title


FRONTED = "---\nsource: seeds/001.txt\nnotes:\n  - 占比7.9%→7.4%，应为0.5个百分点\n---\n关于某县履行教育职责情况的自评报告\n全县在校生2000人，其中小学1200人、初中800人。\n"


@pytest.mark.parametrize(
    ("name", "blanked"), [("报告.md", True), ("报告.markdown", True), ("报告.txt", False)]
)
def test_a_markdown_file_s_front_matter_is_not_read_as_the_report(tmp_path, name, blanked):
    """The demo's own knowledge/reports/*.md: their front matter's figures (7.9%, 001) were checked, and the
    title in summary.xlsx was `source: …`. Blanked, the report keeps the file's offsets and line numbers."""
    path = tmp_path / name
    path.write_text(FRONTED, encoding="utf-8")
    doc = read_document(path)
    assert len(doc.text) == len(FRONTED) and doc.text.count("\n") == FRONTED.count("\n")
    assert ("7.9%" in doc.text) is not blanked
    if blanked:
        assert doc.title == "关于某县履行教育职责情况的自评报告"
        assert any("front matter" in n for n in doc.notes)
        assert doc.text.index("全县") == FRONTED.index("全县")


@pytest.mark.parametrize(
    ("made", "named", "holds"),
    [
        ("page.html", "报告.doc", ".html"),  # a government site serves its page as a .doc to download
        ("r.docx", "报告.pdf", ".docx"),
        ("r.docx", "报告.wps", ".docx"),
    ],
)
def test_a_report_whose_name_says_another_format_is_read_as_what_it_holds(tmp_path, made, named, holds):
    """A trial: a web page saved as 报告.doc, a Word file mailed as 报告.pdf were refused as damaged ("not a
    readable PDF", "not a .docx file") though Drafter reads what they hold; they are read, with a note."""
    if made.endswith(".html"):
        source = write_html(
            REPORT, tmp_path / made, title="某县2023年度履行教育职责自评报告", encoding="gb18030"
        )
    else:
        source = write_docx(REPORT, tmp_path / made)
    path = tmp_path / named
    source.rename(path)
    document = read_document(path)
    assert "全县" in document.text and check_text(document.text, None).summary["figures"] > 0
    assert f"已按 {holds} 读取" in document.note and f"named {Path(named).suffix}" in document.note


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_a_text_file_named_pdf_is_read_as_text(tmp_path, encoding):
    """A trial: a report copied from a web page and saved as 报告.pdf was "not a readable PDF (damaged or not a
    PDF)"; it is read as the text it holds, with a note."""
    path = tmp_path / "报告.pdf"
    path.write_bytes(REPORT.encode(encoding))
    document = read_document(path)
    assert document.text == REPORT and check_text(document.text, None).summary["figures"] > 0
    assert "已按 .txt 读取" in document.note and "holds plain text" in document.note


def test_a_word_file_with_a_password_is_said_to_have_one(tmp_path):
    """An encrypted .docx is an OLE file: since such a file named .docx is read as the .doc it holds, the password
    must be said first (LibreOffice cannot open it either)."""
    ole = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\0" * 504
        + "EncryptedPackage".encode("utf-16-le")
        + b"\0" * 512
    )
    path = tmp_path / "加密报告.docx"
    path.write_bytes(ole)
    with pytest.raises(InputError) as err:
        read_document(path)
    assert "打开密码" in err.value.render() and "加密报告.docx" in err.value.render()


def test_a_docx_with_no_properties_part_takes_its_title_from_the_text(tmp_path):
    """A .docx saved by LibreOffice was titled 'Word Document' in the review's table and page (new-user trial): with no
    core-properties part, python-docx makes up its own default properties, titled 'Word Document'."""
    path = tmp_path / "tianjin-2023.docx"
    write_docx("关于2023年天津市教育经费执行情况统计公告\n全市教育经费总投入为100亿元。\n", path)
    with zipfile.ZipFile(path) as zin:
        items = {name: zin.read(name) for name in zin.namelist() if name != "docProps/core.xml"}
    rels = items["_rels/.rels"].decode("utf-8")
    start = rels.rfind(
        "<Relationship ", 0, rels.index("core-properties")
    )  # the package's link to it, dropped
    items["_rels/.rels"] = (rels[:start] + rels[rels.index("/>", start) + 2 :]).encode("utf-8")
    stripped = tmp_path / "stripped.docx"
    with zipfile.ZipFile(stripped, "w") as zout:
        for name, data in items.items():
            zout.writestr(name, data)
    doc = read_document(stripped)
    assert doc.title == "关于2023年天津市教育经费执行情况统计公告"
