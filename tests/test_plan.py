from dataclasses import replace

import pytest
from draft_helpers import write_metrics

from drafter.core.config import Settings
from drafter.core.taxonomy import load_taxonomy
from drafter.drafting.plan import chinese_number, is_formulaic, plan_sections
from drafter.source.load import load_source


@pytest.fixture
def taxonomy():
    return load_taxonomy(Settings.load().knowledge_dir / "taxonomy.yaml")


@pytest.fixture
def source(tmp_path):
    return load_source(write_metrics(tmp_path))


@pytest.mark.parametrize(
    ("n", "text"), [(1, "一"), (9, "九"), (10, "十"), (12, "十二"), (20, "二十"), (23, "二十三")]
)
def test_chinese_number(n, text):
    assert chinese_number(n) == text


def test_plan_order_and_numbering(source, taxonomy):
    specs = plan_sections(source, taxonomy)
    assert [s.id for s in specs] == [
        "title",
        "addressee",
        "opening",
        "self_check",
        "rectification",
        "results",
        "party",
        "fund",
        "teachers",
        "preschool",
        "compulsory",
        "experience",
        "problems",
        "plans",
        "signature",
    ]
    numbered = [s.numbered_heading for s in specs if s.depth == 1]
    assert numbered == [
        "一、自查自评工作开展情况",
        "二、上一轮评价反馈问题整改情况",
        "三、履行教育职责情况",
        "四、经验做法和特色亮点",
        "五、存在的问题和不足",
        "六、下一步工作打算",
    ]
    subs = [s for s in specs if s.depth == 2]
    assert [s.ordinal for s in subs] == ["（一）", "（二）", "（三）", "（四）", "（五）"]
    assert subs[3].numbered_heading == "（四）推进学前教育普及普惠" and subs[3].parent == "results"


def test_first_round_has_no_rectification_and_renumbers(source, taxonomy):
    early = replace(source, report=replace(source.report, round=2021))
    parts = [s for s in plan_sections(early, taxonomy) if s.depth == 1]
    assert "rectification" not in [s.id for s in parts]
    assert [s.ordinal for s in parts] == ["一", "二", "三", "四", "五"]
    assert parts[1].id == "results"


def test_rectification_given_before_2022_is_planned(source, taxonomy):
    early = replace(source, report=replace(source.report, round=2021), rectification=("整改了大班额问题",))
    assert "rectification" in [s.id for s in plan_sections(early, taxonomy)]


def test_header_only_with_issuer_mark_or_doc_number(source, taxonomy):
    assert plan_sections(source, taxonomy)[0].id == "title"
    marked = replace(source, report=replace(source.report, doc_number="示政函〔2022〕1号"))
    assert plan_sections(marked, taxonomy)[0].id == "header"


def test_formulaic_kinds(source, taxonomy):
    kinds = {s.id: is_formulaic(s) for s in plan_sections(source, taxonomy)}
    assert kinds["title"] and kinds["signature"] and kinds["opening"]
    assert not kinds["preschool"] and not kinds["problems"]
