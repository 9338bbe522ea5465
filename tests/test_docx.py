"""The 公文 Word export read back with python-docx/lxml: page, grid, fonts, styles, footers, tables, bad input."""

from __future__ import annotations

import dataclasses
import os
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from drafter.core import files
from drafter.core.errors import InputError
from drafter.core.types import Table
from drafter.export import docx_layout as layout
from drafter.export.docx import write_docx
from drafter.export.docx_text import control_chars, date_text, title_lines, width_chars
from drafter.outdir.store import load_draft

FIXTURE = Path(__file__).parent / "fixtures" / "draft"
TITLE = "阳泉市人民政府关于2021年度履行教育职责自评情况的报告"


@pytest.fixture(scope="module")
def draft():
    return load_draft(FIXTURE)


@pytest.fixture(scope="module")
def document(draft, tmp_path_factory):
    path = write_docx(draft, tmp_path_factory.mktemp("docx") / "draft.docx")
    return docx.Document(str(path))


def paragraph(document, text: str):
    return next(p for p in document.paragraphs if p.text.replace("\n", "") == text)


def fonts_of(element) -> dict[str, str]:
    rfonts = element.find(f".//{qn('w:rFonts')}")
    return {k: rfonts.get(qn(f"w:{k}")) for k in ("ascii", "hAnsi", "eastAsia")}


def size_of(element) -> int:
    return int(element.find(f".//{qn('w:rPr')}/{qn('w:sz')}").get(qn("w:val")))


def test_page_is_a4_with_gbt9704_margins(document):
    section = document.sections[0]
    expected = {
        "page_width": 210,
        "page_height": 297,
        "top_margin": 37,
        "bottom_margin": 35,
        "left_margin": 28,
        "right_margin": 26,
    }
    for name, mm in expected.items():
        assert abs(getattr(section, name) - Mm(mm)) < Mm(0.1), name


def test_doc_grid_holds_22_lines_of_28_characters(document):
    grid = document.sections[0]._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "linesAndChars"
    assert grid.get(qn("w:linePitch")) == "579"
    pitch_pt = 16 + int(grid.get(qn("w:charSpace"))) / 4096
    width_pt = layout.text_width_twips() / 20
    assert 28 * pitch_pt <= width_pt < 29 * pitch_pt
    assert 22 * 579 <= Mm(225).twips < 23 * 579


def test_body_is_fangsong_16pt_exact_lines_indented_two_characters(document):
    normal = document.styles["Normal"]
    assert fonts_of(normal.element) == dict.fromkeys(("ascii", "hAnsi", "eastAsia"), "仿宋_GB2312")
    assert normal.font.size == Pt(16)
    fmt = normal.paragraph_format
    assert fmt.line_spacing_rule.name == "EXACTLY" and fmt.line_spacing == Pt(28.95)
    ind = normal.element.pPr.find(qn("w:ind"))
    assert ind.get(qn("w:firstLineChars")) == "200"
    assert abs(int(ind.get(qn("w:firstLine"))) - 2 * 16 * 20) < 20  # two characters in twips
    # 28 condensed characters fit the line whatever the editor does with the grid
    spacing = int(normal.element.rPr.find(qn("w:spacing")).get(qn("w:val"))) / 20
    assert 28 * (16 + spacing) <= layout.text_width_twips() / 20 < 29 * (16 + spacing)


@pytest.mark.parametrize(
    ("text", "style", "font", "half_points", "align"),
    [
        (TITLE, "公文标题", "方正小标宋简体", 44, WD_ALIGN_PARAGRAPH.CENTER),
        ("一、自查情况", "一级标题", "黑体", 32, WD_ALIGN_PARAGRAPH.JUSTIFY),
        ("（一）坚持党对教育工作的全面领导", "二级标题", "楷体_GB2312", 32, WD_ALIGN_PARAGRAPH.JUSTIFY),
        ("六、下一步工作打算", "一级标题", "黑体", 32, WD_ALIGN_PARAGRAPH.JUSTIFY),
    ],
)
def test_headings_have_their_level_style(document, text, style, font, half_points, align):
    para = paragraph(document, text)
    assert para.style.name == style
    assert fonts_of(para.style.element)["eastAsia"] == font
    assert size_of(para.style.element) == half_points
    assert para.style.paragraph_format.alignment == align


def test_numbered_paragraphs_use_fangsong_with_a_bold_lead(document):
    para = next(p for p in document.paragraphs if p.text.startswith("1. 教育工作领导体制不断健全。"))
    assert para.style.name == "三级标题"
    assert fonts_of(para.style.element)["eastAsia"] == "仿宋_GB2312"
    assert para.runs[0].text == "1. 教育工作领导体制不断健全。" and para.runs[0].bold
    assert not para.runs[1].bold
    fourth = next(p for p in document.paragraphs if p.text.startswith("（1）严格学籍管理"))
    assert fourth.style.name == "四级标题"


def test_every_style_names_its_east_asian_font_and_no_theme_font(document):
    styles_xml = document.styles.element.xml
    body_xml = document.element.xml
    for theme in ("asciiTheme", "eastAsiaTheme", "hAnsiTheme"):
        assert theme not in styles_xml and theme not in body_xml
    for rfonts in document.styles.element.iter(qn("w:rFonts")):
        assert rfonts.get(qn("w:eastAsia")), rfonts.getparent().getparent().get(qn("w:styleId"))
    defaults = document.styles.element.find(qn("w:docDefaults"))
    assert fonts_of(defaults)["eastAsia"] == "仿宋_GB2312"


def test_addressee_is_flush_left(document):
    para = paragraph(document, "山西省人民政府教育督导委员会办公室：")
    assert para.style.name == "主送机关"
    assert para.style.paragraph_format.first_line_indent == 0


def test_signature_and_date_are_right_aligned_after_a_blank_line(document):
    texts = [p.text for p in document.paragraphs]
    at = len(texts) - 1 - texts[::-1].index("阳泉市人民政府")
    issuer, date = document.paragraphs[at], document.paragraphs[at + 1]
    assert texts[at - 1] == "" and texts[at - 2] == "特此报告。"
    assert date.text == "2022年3月20日"
    assert issuer.style.name == "发文机关署名" and date.style.name == "成文日期"
    for para in (issuer, date):
        assert para.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    date_gap = int(date._p.pPr.find(qn("w:ind")).get(qn("w:rightChars")))
    issuer_gap = int(issuer._p.pPr.find(qn("w:ind")).get(qn("w:rightChars")))
    assert date_gap == 400  # 右空四字
    centre = (issuer_gap / 100 + width_chars(issuer.text) / 2, date_gap / 100 + width_chars(date.text) / 2)
    assert centre[0] == pytest.approx(centre[1], abs=0.01)  # the issuer is centred over the date


@pytest.mark.parametrize(
    ("title", "lines"),
    [
        (TITLE, ["阳泉市人民政府关于2021年度", "履行教育职责自评情况的报告"]),
        (
            "抚顺市人民政府关于2021年度履行教育职责情况自查报告",
            ["抚顺市人民政府关于2021年度", "履行教育职责情况自查报告"],
        ),
        (
            "长治市人民政府办公室关于长治市履行教育职责的自评报告",
            ["长治市人民政府办公室关于", "长治市履行教育职责的自评报告"],
        ),
        ("关于履行教育职责的报告", ["关于履行教育职责的报告"]),
        (
            "一个没有任何可以断开的词语而且非常非常非常非常非常长的标题文字",
            ["一个没有任何可以断开的词语而且非常非常非常非常非常长的标题文字"],
        ),
    ],
)
def test_long_titles_break_into_two_balanced_lines_at_a_word(title, lines, document):
    assert title_lines(title) == lines


def test_title_paragraph_holds_the_line_break(document):
    title = paragraph(document, TITLE)
    assert title.text == "阳泉市人民政府关于2021年度\n履行教育职责自评情况的报告"
    assert len(title._p.findall(f".//{qn('w:br')}")) == 1


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("2022年03月20日", "2022年3月20日"),
        ("2022 年 3 月 5 日", "2022年3月5日"),
        ("二〇二二年三月二十日", "2022年3月20日"),
        ("二〇二一年十二月三十一日", "2021年12月31日"),
        ("二〇二一年十月五日", "2021年10月5日"),
        ("二○二二年一月九日", "2022年1月9日"),
        ("阳泉市人民政府", None),
    ],
)
def test_date_lines_are_printed_in_arabic_numerals_without_zeros(line, expected):
    assert date_text(line) == expected


def test_page_numbers_are_page_fields_outside_odd_right_even_left(document):
    assert document.settings.odd_and_even_pages_header_footer
    section = document.sections[0]
    for footer, side in ((section.footer, "right"), (section.even_page_footer, "left")):
        para = footer.paragraphs[0]
        xml = para._p.xml
        assert 'w:fldCharType="begin"' in xml and "PAGE" in xml and 'w:fldCharType="end"' in xml
        assert para.text.startswith("— ") and para.text.endswith(" —")
        assert para._p.pPr.find(qn("w:jc")).get(qn("w:val")) == side
        run = para.runs[0]._r
        assert fonts_of(run) == dict.fromkeys(("ascii", "hAnsi", "eastAsia"), "宋体")
        assert size_of(run) == 28  # 四号


def test_masthead_is_red_and_centred_only_when_given(draft, document, tmp_path):
    mark = document.paragraphs[0]
    assert mark.text == "阳泉市人民政府" and mark.style.name == "发文机关标志"
    assert mark.style.font.color.rgb == docx.shared.RGBColor(0xFF, 0, 0)
    number = paragraph(document, "阳政函〔2022〕15号")
    assert number._p.pPr.find(f"{qn('w:pBdr')}/{qn('w:bottom')}").get(qn("w:color")) == "FF0000"
    # no issuer_mark, no doc_number and a header without a 文号: no 版头, and the issuing body is not printed
    # as a line of its own above the title that names it (it was, in the 文号's style)
    bare = _with_header(draft, "阳泉市人民政府", issuer_mark="", doc_number="")
    plain = docx.Document(str(write_docx(bare, tmp_path / "p.docx")))
    assert all(p.style.name not in ("发文机关标志", "发文字号") for p in plain.paragraphs)
    assert plain.paragraphs[0].style.name == "公文标题"


def test_the_masthead_prints_the_doc_number_the_header_holds(draft, tmp_path):
    """The 文号 as draft.md's header holds it: typed in by hand, or last year's carried for review while the new
    data give none. The Word file printed the data's (an empty 文号 line) or the 文号 as a plain line."""
    for report in ({"doc_number": ""}, {"issuer_mark": "", "doc_number": ""}):
        typed = _with_header(draft, "阳泉市人民政府\n阳政函〔2022〕31号", **report)
        document = docx.Document(str(write_docx(typed, tmp_path / "t.docx")))
        shown = [(p.text, p.style.name) for p in document.paragraphs if p.text][:3]
        assert shown[:2] == [("阳泉市人民政府", "发文机关标志"), ("阳政函〔2022〕31号", "发文字号")]
        assert shown[2][1] == "公文标题"


def test_metric_table_has_borders_bold_header_and_widths_for_word_and_wps(document):
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["项目", "2019年", "2020年", "增长率"]
    assert table.rows[1].cells[1].text == "21.00"
    assert all(r.bold for c in table.rows[0].cells for r in c.paragraphs[0].runs)
    tbl = table._tbl
    total = int(tbl.tblPr.find(qn("w:tblW")).get(qn("w:w")))
    grid = [int(g.get(qn("w:w"))) for g in tbl.tblGrid.findall(qn("w:gridCol"))]
    assert total == sum(grid) == layout.text_width_twips()
    assert grid[0] > grid[1]  # the label column is the widest
    cells = [int(c._tc.tcPr.find(qn("w:tcW")).get(qn("w:w"))) for c in table.rows[1].cells]
    assert cells == grid
    assert tbl.tblPr.find(f"{qn('w:tblBorders')}/{qn('w:insideH')}").get(qn("w:val")) == "single"
    assert paragraph(document, "表1 阳泉市教育经费投入情况").style.name == "表格标题"


def test_ragged_table_rows_are_padded(draft, tmp_path):
    table = Table("表2 测试", ("年份", "数值"), (("2021", "1", "多余"), ("2020",)))
    sections = tuple(
        dataclasses.replace(s, tables=(table,)) if s.spec.id == "fund" else s for s in draft.sections
    )
    out = docx.Document(str(write_docx(dataclasses.replace(draft, sections=sections), tmp_path / "t.docx")))
    rows = [[c.text for c in r.cells] for r in out.tables[0].rows]
    assert rows == [["年份", "数值", ""], ["2021", "1", "多余"], ["2020", "", ""]]


def test_control_characters_are_removed_and_reported(draft, tmp_path):
    bad = "一是强化\x0b统筹\x00协调\x1f。\r"
    sections = tuple(
        dataclasses.replace(s, text=bad) if s.spec.id == "experience" else s for s in draft.sections
    )
    broken = dataclasses.replace(draft, sections=sections)
    assert control_chars(broken) == (("experience", 4),)
    out = docx.Document(str(write_docx(broken, tmp_path / "c.docx")))
    assert "一是强化统筹协调。" in [p.text for p in out.paragraphs]
    assert control_chars(draft) == ()


def _make_unwritable(directory: Path, monkeypatch) -> None:
    directory.chmod(0o555)
    if os.geteuid() == 0:  # root ignores permission bits: make the temp file creation fail as it would

        def refuse(*args, **kwargs):
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr(files.tempfile, "mkstemp", refuse)


def test_read_only_directory_is_an_input_error_and_leaves_nothing(draft, tmp_path, monkeypatch):
    out = tmp_path / "ro"
    out.mkdir()
    _make_unwritable(out, monkeypatch)
    try:
        with pytest.raises(InputError) as err:
            write_docx(draft, out / "draft.docx")
        assert "cannot write" in err.value.render() and str(out) in err.value.render()
        assert list(out.iterdir()) == []
    finally:
        out.chmod(0o755)


def test_failed_rename_keeps_the_old_file_and_no_temp_file(draft, tmp_path, monkeypatch):
    target = tmp_path / "draft.docx"
    target.write_bytes(b"old")

    def fail(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "replace", fail)
    with pytest.raises(InputError, match="No space left"):
        write_docx(draft, target)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["draft.docx"]


def test_missing_fonts_reads_fc_list(monkeypatch):
    class Done:
        stdout = "Noto Serif CJK SC,Noto Serif CJK SC Regular\n黑体,SimHei\n"

    monkeypatch.setattr(layout.shutil, "which", lambda name: "/usr/bin/fc-list")
    monkeypatch.setattr(layout.subprocess, "run", lambda *a, **k: Done())
    assert layout.missing_fonts() == ("仿宋_GB2312", "方正小标宋简体", "楷体_GB2312", "宋体")
    monkeypatch.setattr(layout.shutil, "which", lambda name: None)
    assert layout.missing_fonts() is None


def _with_header(draft, header_text: str, **report):
    sections = tuple(
        dataclasses.replace(s, text=header_text) if s.spec.kind == "header" else s for s in draft.sections
    )
    return dataclasses.replace(draft, report=dataclasses.replace(draft.report, **report), sections=sections)


def test_masthead_names_the_issuer_when_only_a_doc_number_is_given(draft, tmp_path):
    only_number = dataclasses.replace(draft, report=dataclasses.replace(draft.report, issuer_mark=""))
    document = docx.Document(str(write_docx(only_number, tmp_path / "n.docx")))
    mark = document.paragraphs[0]
    assert mark.text == draft.report.issuer and mark.style.name == "发文机关标志"


def test_an_upward_report_prints_the_signer_right_of_the_doc_number(draft, tmp_path):
    signed = _with_header(
        draft, "阳泉市人民政府\n阳政发〔2022〕15号　　签发人：王某", doc_number="阳政发〔2022〕15号"
    )
    document = docx.Document(str(write_docx(signed, tmp_path / "s.docx")))
    line = next(p for p in document.paragraphs if "签发人" in p.text)
    assert line.text == "阳政发〔2022〕15号\t签发人：王某"
    ppr = line._p.pPr
    assert ppr.find(f"{qn('w:jc')}").get(qn("w:val")) == "left"
    assert ppr.find(f"{qn('w:tabs')}/{qn('w:tab')}").get(qn("w:val")) == "right"
    name = line.runs[-1]
    assert name.text == "王某" and fonts_of(name._r)["eastAsia"] == layout.FONT_H2  # 楷体


def test_gap_markers_are_highlighted(draft, tmp_path):
    gap = "【待补充：本年度专题研究教育工作的会议（名称、次数）】"
    sections = tuple(
        dataclasses.replace(s, text=s.text + gap) if s.spec.id == "party" else s for s in draft.sections
    )
    document = docx.Document(
        str(write_docx(dataclasses.replace(draft, sections=sections), tmp_path / "g.docx"))
    )
    runs = [r for p in document.paragraphs for r in p.runs if "待补充" in r.text]
    assert [r.text for r in runs] == [gap]
    assert runs[0]._r.rPr.find(qn("w:highlight")).get(qn("w:val")) == "yellow"


def test_the_file_properties_name_the_issuer_and_the_title_not_the_library(document, draft):
    """A new user's trial: Word/WPS 属性 showed author 'python-docx', comments 'generated by python-docx' and a
    2013 date on an official document."""
    props = document.core_properties
    assert props.author == draft.report.issuer and props.last_modified_by == draft.report.issuer
    assert props.comments == "" and props.title == TITLE
    assert props.created.year >= 2021 and props.created == props.modified


def test_no_preview_picture_or_app_properties_of_the_librarys_template(draft, tmp_path):
    """A new user's trial: draft.docx carried python-docx's docProps/thumbnail.jpeg (the preview Explorer and
    Finder show: a page of another document) and app.xml naming 'Microsoft Macintosh Word' 14 and Normal.dotm."""
    path = write_docx(draft, tmp_path / "p.docx")
    with zipfile.ZipFile(path) as package:
        names, app = package.namelist(), package.read("docProps/app.xml").decode("utf-8")
        rels = package.read("_rels/.rels").decode("utf-8")
    assert not [n for n in names if "thumbnail" in n] and "thumbnail" not in rels
    assert "<Application>Drafter</Application>" in app and "Macintosh" not in app and "Normal.dotm" not in app
    assert docx.Document(str(path)).core_properties.title == TITLE
