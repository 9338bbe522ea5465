import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from draft_helpers import write_metrics

from drafter.core.config import Settings
from drafter.core.taxonomy import load_taxonomy
from drafter.drafting.backends.base import SectionRequest
from drafter.drafting.backends.offline import OfflineBackend, self_reference, tidy
from drafter.drafting.plan import plan_sections
from drafter.drafting.slots import fill_slots, section_slots, slot_names, slot_table
from drafter.figures.derive import derive_all
from drafter.source.load import load_source

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


@pytest.fixture(scope="module")
def settings():
    return Settings.load()


@pytest.fixture
def source(tmp_path):
    return load_source(write_metrics(tmp_path))


def _write(source, settings, section_id, instructions="", backend=None):
    taxonomy = load_taxonomy(settings.knowledge_dir / "taxonomy.yaml")
    table = slot_table(source, derive_all(source))
    spec = next(s for s in plan_sections(source, taxonomy) if s.id == section_id)
    request = SectionRequest(
        spec=spec, messages=(), source=source, slots=section_slots(spec, table), instructions=instructions
    )
    raw = (backend or OfflineBackend(settings)).complete(request).text
    return raw, fill_slots(raw, table, source)


def test_indicator_weaves_figures_with_labels_and_comparisons(source, settings):
    raw, filled = _write(source, settings, "preschool")
    assert filled.unknown == ()
    assert (
        "2021年，全市学前三年毛入园率为[[preschool.gross_enrolment_rate@2021]]，比2020年提高"
        "[[pp_change(preschool.gross_enrolment_rate,2020,2021)]]，"
        "超出标准[[exceed_target(preschool.gross_enrolment_rate,2021)]]" in raw
    )
    # the 90% standard is not printed: 90.1% (2020) would read as it, rounded
    assert "2021年，全市学前三年毛入园率为91.2%，比2020年提高1.1个百分点，超出标准1.2个百分点" in filled.text
    assert "公办幼儿园在园幼儿占比为46.1%，低于50%的标准。" in filled.text
    assert filled.text.startswith("我市坚持公益普惠基本方向")
    assert "新建改扩建公办幼儿园12所。" in filled.text  # a single fact: no 一是


def test_falls_and_growth(source, settings):
    _, teachers = _write(source, settings, "teachers")
    assert "2021年，全市新招聘教师120名，比2020年减少30名，下降20%。" in teachers.text
    _, fund = _write(source, settings, "fund")
    assert "2021年，全市一般公共预算教育支出为22.35亿元，比2020年增加1.26亿元，增长5.97%" in fund.text
    assert "高职高专生均一般公共预算教育经费为16477.24元，超出12000元的省定标准37.3%" in fund.text
    assert "“两个只增不减”" in fund.text


def test_facts_become_an_enumeration(source, settings):
    _, party = _write(source, settings, "party")
    assert (
        "一是市委常委会、市政府常务会专题研究教育工作4次；二是全面推行中小学校党组织领导的校长负责制。"
        in party.text
    )


def test_problems_and_plans_come_from_the_data(source, settings):
    _, problems = _write(source, settings, "problems")
    assert "公办幼儿园在园幼儿占比为46.1%，尚未达到50%的标准要求" in problems.text
    assert "新招聘教师由2020年的150名变为2021年的120名，有所减少" in problems.text
    assert "学前三年毛入园率" not in problems.text  # above its standard and rising: not a problem
    _, plans = _write(source, settings, "plans")
    assert "推动公办幼儿园在园幼儿占比尽快达到50%的标准要求" in plans.text
    assert plans.text.count("\n") >= 3 and "\n1." in plans.text


def test_user_problems_replace_derived_ones(source, settings):
    given = replace(source, problems=("城区学位供给紧张。", "乡村教师流失"))
    _, problems = _write(given, settings, "problems")
    assert "一是城区学位供给紧张；二是乡村教师流失。" in problems.text
    assert "公办幼儿园在园幼儿占比" not in problems.text


@pytest.mark.parametrize(
    ("section_id", "expected"),
    [
        ("title", "示例市人民政府关于2021年度履行教育职责自评情况的报告"),
        ("addressee", "示例省人民政府教育督导委员会办公室："),
        ("signature", "示例市人民政府\n2022年3月20日"),
    ],
)
def test_formulaic_parts(source, settings, section_id, expected):
    assert _write(source, settings, section_id)[1].text == expected


def test_opening_quotes_the_basis(source, settings):
    text = _write(source, settings, "opening")[1].text
    assert text.startswith("根据《2022年对市县级政府履行教育职责的评价方案》（示教督〔2022〕1号）要求，我市")
    assert text.endswith("现将有关情况报告如下：")


def test_deterministic(source, settings):
    assert _write(source, settings, "fund")[0] == _write(source, settings, "fund")[0]


def test_house_style_lives_in_templates(source, settings, tmp_path):
    prompts = tmp_path / "prompts"
    shutil.copytree(settings.prompts_dir, prompts)
    path = prompts / "offline" / "results.j2"
    path.write_text(
        path.read_text(encoding="utf-8").replace("主要情况如下：", "具体如下："), encoding="utf-8"
    )
    edited = replace(settings, prompts_dir=prompts)
    assert _write(source, edited, "results", backend=OfflineBackend(edited))[1].text.endswith("具体如下：")


def test_concise_instructions_drop_the_facts(source, settings):
    assert "一是" not in _write(source, settings, "party", instructions="简要一些")[1].text


@pytest.mark.parametrize(
    ("region", "level", "expected"),
    [
        ("阳泉市", "city", ("我市", "全市")),
        ("安岳县", "county", ("我县", "全县")),
        ("上党区", "county", ("我区", "全区")),
        ("广东省", "province", ("我省", "全省")),
        ("宁夏回族自治区", "province", ("我区", "全区")),
        ("示例", "county", ("我县", "全县")),
    ],
)
def test_self_reference(source, region, level, expected):
    assert self_reference(replace(source.report, region=region, level=level)) == expected


def test_tidy_joins_layout_lines_and_splits_paragraphs():
    assert tidy("  甲\n  乙¶\n丙\n¶¶  ") == "甲乙\n丙"


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_examples_use_known_slots_only(example, settings):
    source = load_source(example)
    taxonomy = load_taxonomy(settings.knowledge_dir / "taxonomy.yaml")
    table = slot_table(source, derive_all(source))
    backend = OfflineBackend(settings)
    for spec in plan_sections(source, taxonomy):
        request = SectionRequest(spec=spec, messages=(), source=source, slots=section_slots(spec, table))
        raw = backend.complete(request).text
        assert raw.strip(), spec.id
        assert set(slot_names(raw)) <= set(table), spec.id
        assert _typed_numbers(raw, source) == [], spec.id


def _typed_numbers(raw, source):
    """Digits the writer typed itself: anything but slots, years, list numbers and the user's own words."""
    text = re.sub(r"\[\[[^\]]*\]\]", "", raw)
    own = [
        *source.rectification,
        *source.problems,
        *source.plans,
        *source.experiences,
        *(f for facts in source.facts.values() for f in facts),
        source.report.basis,
        source.report.doc_number,
        source.report.region,
        source.report.issuer,
        source.report.issuer_mark,
        source.report.addressee,
    ]
    own += [m.label for m in source.metrics] + [m.target.label for m in source.metrics if m.target]
    for words in sorted(filter(None, own), key=len, reverse=True):
        text = text.replace(re.sub(r"[。；;，,\s]+$", "", words.strip()), "")
    text = re.sub(r"\d{4}年(\d{1,2}月\d{1,2}日)?", "", text)
    text = re.sub(r"(^|\n)\d+\.", "", text)
    return re.findall(r"\d+", text)


@pytest.mark.parametrize(
    ("fact", "told"),
    [
        ("全市一般公共预算教育经费投入21.09亿元", True),  # the same figure, the same unit
        ("全市一般公共预算教育经费投入210900万元", True),  # the same amount in another unit
        ("全市一般公共预算教育经费投入21.1亿元", False),  # another value: the metric is still told
        ("全市专项资金2800万", False),  # another figure altogether
    ],
)
def test_a_metric_the_facts_already_state_is_not_told_twice(fact, told):
    from drafter.core.types import Metric, ReportInfo, SourceData
    from drafter.drafting.backends.offline import _mark_told, metric_views

    source = SourceData(
        report=ReportInfo(region="阳泉市", level="city", round=2021, period=2020, issuer="阳泉市人民政府"),
        metrics=(Metric("fund.general_budget_edu", "一般公共预算教育经费", "亿元", {2020: 21.09}),),
    )
    slots = slot_table(source, derive_all(source))
    (view,) = _mark_told(metric_views(source, slots, "fund"), (fact,), slots)
    assert view.told is told
