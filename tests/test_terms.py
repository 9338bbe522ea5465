"""knowledge/terms.yaml and drafter.knowledge.terms: policies named before they began."""

import re
import sys
from pathlib import Path

import pytest
import yaml

from drafter.core.errors import InputError
from drafter.knowledge.terms import (
    TERMS_FILE,
    Term,
    anachronisms,
    load_terms,
    terms_after,
    timely,
    timely_heading,
)

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("text", "year", "found"),
    [
        ("深入落实“双减”政策，课后服务全覆盖", 2019, ["双减"]),
        ("深入落实“双减”政策", 2021, []),  # issued in the report's own year: allowed
        ("推动职业教育提质培优、增值赋能", 2019, ["提质培优"]),
        ("深化新时代教育督导体制机制改革", 2019, ["新时代教育督导体制机制改革"]),
        ("深化新时代教育督导体制机制改革", 2020, []),
        ("严格落实“公民同招”政策", 2018, ["公民同招"]),
        ("落实五项管理和县中振兴", 2020, ["五项管理", "县中振兴"]),
        ("教育经费实现“两个 只增不减”", 2017, ["两个 只增不减"]),  # a space inside
        ("新時代教育督導體制機制改革", 2019, ["教育督導體制機制改革"]),  # Traditional characters
        ("推进义务教育均衡发展，消除大班额", 2015, []),
    ],
)
def test_anachronisms(text, year, found):
    assert [a.text for a in anachronisms(text, year)] == found


def test_offsets_point_into_the_text_as_given():
    text = "2019年，我县落实“双减”要求。"
    (hit,) = anachronisms(text, 2019)
    assert text[hit.start : hit.end] == hit.text == "双减" and hit.since == "2021-07"
    assert "减轻义务教育阶段学生作业负担和校外培训负担" in hit.document


def test_a_month_makes_the_year_finer():
    assert anachronisms("职业教育提质培优", 2020) == []
    assert [a.term for a in anachronisms("职业教育提质培优", 2020, month=3)] == ["提质培优"]
    assert anachronisms("职业教育提质培优", 2020, month=10) == []


def test_terms_after_and_timely():
    names = {t.term for t in terms_after(2019)}
    assert {"双减", "提质培优", "五项管理", "县中振兴"} <= names and "公民同招" not in names
    assert timely("规范校外培训", 2019) and not timely("“双减”工作", 2019)


def test_every_entry_has_a_document_a_source_and_a_date():
    terms = load_terms()
    assert len(terms) >= 10
    for term in terms:
        assert term.document and term.sources, term.term
        assert re.fullmatch(r"\d{4}(-\d{2})?", term.since), term.term
        assert term.term in term.variants or term.term == "学前教育深化改革规范发展", term.term


def test_no_real_report_is_flagged_in_its_writing_year():
    """The seeds and the real excerpts name no policy before their evaluation round (no false alarm)."""
    sys.path.insert(0, str(ROOT / "bench"))
    from realtext import seen_paths  # no document of a blind split before its one score

    docs = seen_paths() if (ROOT / "eval" / "realtext" / "docs").is_dir() else []
    checked = 0
    for path in sorted((ROOT / "knowledge" / "reports").glob("*.md")) + docs:
        head, _, body = path.read_text(encoding="utf-8").partition("\n---\n")
        meta = yaml.safe_load(head.removeprefix("---\n")) or {}
        year = meta.get("round") or meta.get("year")
        if year:
            checked += 1
            assert anachronisms(body, int(year)) == [], path.name
    assert checked >= 9


def test_a_broken_table_is_an_input_error(tmp_path):
    path = tmp_path / "terms.yaml"
    path.write_text("terms:\n  - term: 双减\n    since: July 2021\n    document: x\n", encoding="utf-8")
    with pytest.raises(InputError, match="since"):
        load_terms(path)
    assert TERMS_FILE.is_file() and isinstance(load_terms()[0], Term)


@pytest.mark.parametrize(
    ("code", "heading", "year", "expected"),
    [
        ("double_reduction", "深入落实“双减”政策", 2021, "深入落实“双减”政策"),
        ("double_reduction", "深入落实“双减”政策", 2019, "减轻中小学生过重课业负担、规范校外培训"),
        ("preschool", "推进学前教育普及普惠", 2017, "推进学前教育普及和普惠性资源建设"),
        ("party", "坚持党对教育工作的全面领导", 2015, "坚持党对教育工作的全面领导"),
    ],
)
def test_timely_heading(code, heading, year, expected):
    assert timely_heading(code, heading, year) == expected


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (
            "一、2010年推进义务教育优质均衡发展的主要工作",
            [],
        ),  # 海淀区 2010: the phrase is older than the 督导评估
        ("我县申报创建义务教育优质均衡发展县", ["优质均衡发展县"]),
        ("开展县域义务教育优质均衡发展督导评估", ["优质均衡发展督导评估"]),
    ],
)
def test_youzhi_junheng_is_an_anachronism_only_as_the_2017_assessment(text, found):
    assert [a.text for a in anachronisms(text, 2015)] == found


def test_a_double_fall_is_not_the_double_reduction_policy():
    """扬州 2017 (holdout11, read after its blind score): 在参考人数、全省招生人数“双减少”的背景下 is no 双减."""
    assert anachronisms("在参考人数、全省招生人数“双减少”的背景下，本一上线人数大幅增长。", 2017) == []
    assert [a.term for a in anachronisms("全面落实“双减”，减少作业总量。", 2017)] == ["双减"]
