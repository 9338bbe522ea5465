"""export.redline: tracked revisions on an existing .docx — Word-valid elements, formatting kept, and LibreOffice's
accept-all gives the new text, reject-all the old."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree
from office_review import review, soffice

from drafter.export.docx_revisions import W, paragraph_text, paragraphs, read_body, w
from drafter.export.redline import NewParagraphs, Revision, redline

WHEN = dt.datetime(2025, 3, 1, 9, 30, tzinfo=dt.UTC)
OLD = [
    "一、总体情况",
    "2021年全市共有学校30所，在校生12.5万人，比2020年增长3.2%。",
    "召开专题会议4次。",
]


def sample(path: Path) -> Path:
    """Three paragraphs; the second split into runs of different formatting, a figure across a run boundary."""
    document = docx.Document()
    document.add_paragraph(OLD[0], style="Heading 1")
    p = document.add_paragraph()
    p.add_run("2021年全市共有学校3").bold = True
    p.add_run("0所，在校生")
    italic = p.add_run("12.5万人")
    italic.italic = True
    italic.font.name = "仿宋_GB2312"
    p.add_run("，比2020年增长3.2%。")
    document.add_paragraph(OLD[2])
    document.save(path)
    return path


def revise(text: str, old: str, new: str, paragraph: int = 1, status: str = "updated") -> Revision:
    start = text.index(old)
    return Revision(paragraph, start, start + len(old), old, new, status)


REVISIONS = [
    revise(OLD[1], "2021", "2022"),
    revise(OLD[1], "30所", "32所"),
    revise(OLD[1], "12.5万人", "12.5万人", status="kept-for-review"),
    revise(OLD[1], "2020", "2021"),
    revise(OLD[1], "增长", "下降"),
    revise(OLD[1], "3.2%", "1.4%", status="recomputed"),
    revise(OLD[2], "4次", "4次", paragraph=2, status="kept-for-review"),
]
NEW = [
    "一、总体情况",
    "2022年全市共有学校32所，在校生12.5万人，比2021年下降1.4%。",
    "召开专题会议4次。",
    "新增一段。",
]


@pytest.fixture
def redlined(tmp_path: Path) -> Path:
    data = redline(
        sample(tmp_path / "old.docx").read_bytes(),
        REVISIONS,
        [NewParagraphs(after=2, texts=("新增一段。",), like=(2,))],
        when=WHEN,
    )
    out = tmp_path / "redline.docx"
    out.write_bytes(data)
    return out


def document_xml(path: Path):
    with zipfile.ZipFile(path) as package:
        return etree.fromstring(package.read("word/document.xml"))


def test_accepted_text_is_the_new_text_and_every_change_is_tracked_by_drafter(redlined):
    assert [b.text for b in read_body(redlined).blocks] == NEW
    root = document_xml(redlined)
    marks = [e for tag in ("ins", "del", "rPrChange") for e in root.iter(w(tag))]
    assert len(list(root.iter(w("del")))) == 5  # 2021, 30所 (two runs, one w:del), 2020, 增长, 3.2%
    assert all(m.get(w("author")) == "Drafter" and m.get(w("date")) == "2025-03-01T09:30:00Z" for m in marks)
    ids = [m.get(w("id")) for m in marks]
    assert len(ids) == len(set(ids))


def test_revision_elements_are_word_valid(redlined):
    root = document_xml(redlined)
    for ins in root.iter(w("ins")):
        if ins.getparent().tag == w("rPr"):
            continue  # an inserted paragraph mark
        runs = ins.findall(w("r"))
        assert runs and all(r.find(w("rPr")) is not None and r[0].tag == w("rPr") for r in runs)
    for deletion in root.iter(w("del")):
        if deletion.getparent().tag == w("rPr"):
            continue
        assert not list(deletion.iter(w("t")))
        assert list(deletion.iter(w("delText")))
    for rpr in root.iter(w("rPr")):
        change = rpr.find(w("rPrChange"))
        if change is not None:
            assert rpr[-1] is change and change.find(w("rPr")) is not None
            assert rpr.find(w("highlight")).get(w("val")) == "yellow"


def test_formatting_of_the_old_runs_is_kept(redlined):
    p = paragraphs(document_xml(redlined).find(w("body")))[1]
    inserted = {
        "".join(r.itertext()): r.find(w("rPr")) for ins in p.iter(w("ins")) for r in ins.findall(w("r"))
    }
    assert inserted["2022"].find(w("b")) is not None  # took the bold of “2021年全市共有学校3”
    assert inserted["32所"].find(w("b")) is not None  # its first old run was the bold “3”
    assert inserted["1.4%"].find(w("b")) is None
    kept = [r for r in p.findall(w("r")) if "".join(r.itertext()) == "12.5万人"][0]
    assert kept.find(w("rPr")).find(w("i")) is not None
    assert kept.find(w("rPr")).find(w("rFonts")).get(w("ascii")) == "仿宋_GB2312"


@pytest.mark.parametrize(
    "old, start, end, new, expected",
    [
        ("2021年全市", 0, 4, "2022", "2022年全市"),  # at the start
        ("学校30所", 2, 5, "三十二所", "学校三十二所"),  # at the end
        ("学校30所", 0, 6, "全部重写", "全部重写"),  # the whole paragraph
        ("学校30所", 2, 2, "共有", "学校共有30所"),  # a pure insertion
        ("学校30所", 2, 4, "", "学校所"),  # a pure deletion
    ],
)
def test_spans_anywhere_in_a_paragraph(tmp_path, old, start, end, new, expected):
    document = docx.Document()
    document.add_paragraph(old)
    document.save(tmp_path / "one.docx")
    data = redline(
        (tmp_path / "one.docx").read_bytes(), [Revision(0, start, end, old[start:end], new)], when=WHEN
    )
    (tmp_path / "out.docx").write_bytes(data)
    assert read_body(tmp_path / "out.docx").blocks[0].text == expected


def test_a_wrong_span_or_overlapping_spans_are_refused(tmp_path):
    data = sample(tmp_path / "old.docx").read_bytes()
    with pytest.raises(ValueError, match="not '40所'"):
        redline(data, [Revision(1, 9, 12, "40所", "41所")])
    with pytest.raises(ValueError, match="overlapping"):
        redline(data, [Revision(1, 9, 12, "30所", "x"), Revision(1, 10, 12, "0所", "y")])


def test_other_parts_of_the_package_are_copied_unchanged(tmp_path, redlined):
    old = zipfile.ZipFile(tmp_path / "old.docx")
    new = zipfile.ZipFile(redlined)
    assert old.namelist() == new.namelist()
    for name in old.namelist():
        if name != "word/document.xml":
            assert old.read(name) == new.read(name), name


@pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_accepts_to_the_new_text_and_rejects_to_the_old(tmp_path, redlined):
    accepted = review(redlined, "Accept", tmp_path)
    rejected = review(redlined, "Reject", tmp_path)
    assert accepted.split("\n")[: len(NEW)] == NEW
    assert rejected.split("\n")[: len(OLD)] == OLD
    assert "新增一段" not in rejected


def test_paragraph_text_reads_w_ins_and_skips_w_del():
    xml = (
        f'<w:p xmlns:w="{W}"><w:r><w:t>比上年</w:t></w:r><w:del w:id="1"><w:r><w:delText>增长</w:delText></w:r>'
        '</w:del><w:ins w:id="2"><w:r><w:t>下降</w:t></w:r></w:ins><w:hyperlink><w:r><w:t>2%</w:t></w:r>'
        "</w:hyperlink></w:p>"
    )
    assert paragraph_text(etree.fromstring(xml)) == "比上年下降2%"


def test_the_result_opens_in_python_docx(redlined):
    assert len(docx.Document(io.BytesIO(redlined.read_bytes())).paragraphs) == len(NEW)
