"""Each deterministic scorer passes the good hand-made draft and flags a bad one (one row per defect)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from eval_helpers import BODY, GOOD_FINDINGS, finding, make_draft, make_subject, without

from drafter.core.types import Section, SectionSpec
from drafter.evaluation.scorers import (
    DETERMINISTIC,
    anachronism,
    coverage,
    figures,
    header,
    leakage,
    placeholders,
    repetition,
    sameness,
    structure,
    style,
)


@pytest.mark.parametrize("name", list(DETERMINISTIC))
def test_good_draft_passes_every_scorer(name):
    score = DETERMINISTIC[name](make_subject())
    assert score.passed, [i.message for i in score.issues]
    assert score.value == 1.0


# ---------------------------------------------------------------- figures
@pytest.mark.parametrize("status", ["mismatch", "unsupported", "inconsistent", "unchecked"])
def test_figures_flags_each_problem_status(status):
    score = figures.score(make_subject(findings=(*GOOD_FINDINGS, finding(status))))
    assert not score.passed
    assert score.value == pytest.approx(3 / 4)
    assert score.details[status] == 1
    assert score.sections["preschool"] == pytest.approx(1 / 2) and score.sections["fund"] == 1.0
    if status != "unchecked":
        assert score.issues[0].message.startswith(f"{status}: 9.9%")


def test_figures_ignores_years_and_doc_numbers():
    score = figures.score(make_subject(findings=(*GOOD_FINDINGS, finding("ignored", "2021年"))))
    assert score.passed and score.details["ignored"] == 1


# ---------------------------------------------------------------- coverage
COVERAGE_BAD = [
    (
        "indicator without sub-section",
        dict(draft=without(make_draft(), "preschool")),
        "indicators",
        "indicator preschool has metrics",
    ),
    (
        "latest value missing",
        dict(draft=make_draft(fund="我市坚持把教育摆在优先发展的战略位置。"), findings=()),
        "values",
        "一般公共预算教育支出 2021年",
    ),
    (
        "value at lower precision",
        dict(draft=make_draft(fund="2021年全市一般公共预算教育支出21.1亿元。"), findings=()),
        "values",
        "21.09亿元",
    ),
    ("problems part missing", dict(draft=without(make_draft(), "problems")), "parts", "part problems"),
    ("signature missing", dict(draft=without(make_draft(), "signature")), "parts", "part signature"),
    (
        "rectification items but no part",
        dict(draft=without(make_draft(), "rectification")),
        "parts",
        "part rectification",
    ),
    ("empty plans", dict(draft=make_draft(plans="")), "parts", "part plans"),
]


@pytest.mark.parametrize(
    ("why", "kwargs", "share", "message"), COVERAGE_BAD, ids=[r[0] for r in COVERAGE_BAD]
)
def test_coverage_flags(why, kwargs, share, message):
    score = coverage.score(make_subject(**kwargs))
    assert not score.passed
    assert score.details[share] < 1.0
    assert any(message in i.message for i in score.issues), [i.message for i in score.issues]


def test_coverage_matches_a_converted_unit():
    draft = make_draft(fund="2021年全市一般公共预算教育支出210900万元。")
    assert coverage.score(make_subject(draft=draft, findings=())).details["values"] == 1.0


def test_coverage_reads_expect_yaml():
    from drafter.evaluation.dataset import Expect

    expect = Expect(contains=("高于省定标准",), not_contains=("大班额问题",), no_sections=("experience",))
    score = coverage.score(make_subject(expect=expect))
    assert [i.message for i in score.issues] == [
        "section experience should not be there",
        "text that should not be there: 大班额问题",
    ]


# ---------------------------------------------------------------- structure
def _renumber(draft, section_id, ordinal):
    import dataclasses

    return dataclasses.replace(
        draft,
        sections=tuple(
            dataclasses.replace(s, spec=dataclasses.replace(s.spec, ordinal=ordinal))
            if s.spec.id == section_id
            else s
            for s in draft.sections
        ),
    )


def _swap(draft, a, b):
    """Sections a and b change places; their ordinals stay where they were."""
    import dataclasses

    by_id = {s.spec.id: s for s in draft.sections}
    swapped = {a: by_id[b], b: by_id[a]}
    return dataclasses.replace(
        draft,
        sections=tuple(
            dataclasses.replace(
                swapped[s.spec.id], spec=dataclasses.replace(swapped[s.spec.id].spec, ordinal=s.spec.ordinal)
            )
            if s.spec.id in swapped
            else s
            for s in draft.sections
        ),
    )


STRUCTURE_BAD = [
    ("skipped part number", _renumber(make_draft(), "results", "四"), "numbering"),
    ("repeated sub-section", _renumber(make_draft(), "preschool", "（一）"), "numbering"),
    ("1. after a skip", make_draft(fund="1. 经费投入。\n3. 经费管理。"), "numbering"),
    ("parts out of order", _swap(make_draft(), "problems", "plans"), "order"),
    ("no title", make_draft(title="青屏市教育工作情况"), "title"),
    (
        "title names the wrong year",
        make_draft(title="青屏市人民政府关于2020年度履行教育职责自评情况的报告"),
        "title_period",
    ),
    ("no addressee", make_draft(addressee=None), "addressee"),
    ("no opening", make_draft(opening="我市教育工作取得新成效。"), "opening"),
    ("no date", make_draft(signature="青屏市人民政府"), "date"),
    ("date outside round", make_draft(signature="青屏市人民政府\n2023年3月20日"), "date"),
    ("year after the round", make_draft(plans="力争2025年全面实现优质均衡。"), "years"),
]


@pytest.mark.parametrize(("why", "draft", "check"), STRUCTURE_BAD, ids=[r[0] for r in STRUCTURE_BAD])
def test_structure_flags(why, draft, check):
    score = structure.score(make_subject(draft=draft))
    assert not score.passed
    assert score.details[check] is False
    assert sum(v is False for v in score.details.values()) >= 1


@pytest.mark.parametrize(
    "text",
    ["1. 加大投入。\n（1）新建学校。\n（2）改扩建学校。\n2. 加强管理。", "一是加大投入。二是加强管理。"],
)
def test_structure_accepts_deeper_numbering(text):
    assert structure.score(make_subject(draft=make_draft(fund=text))).details["numbering"] is True


def test_structure_allows_a_future_year_the_source_states():
    import dataclasses

    from eval_helpers import SOURCE

    source = dataclasses.replace(SOURCE, plans=("力争2025年全面实现优质均衡",))
    score = structure.score(
        make_subject(draft=make_draft(plans="力争2025年全面实现优质均衡。"), source=source)
    )
    assert score.details["years"] is True


# ---------------------------------------------------------------- leakage
LEAKS = [
    ("other region", "学习借鉴长治市的经验，进一步加大投入。", "other region: 长治市"),
    ("official", "省长马兴瑞听取相关情况汇报。", "official of another report: 省长马兴瑞"),
    (
        "doc number",
        "印发《实施意见》（阳政办函〔2021〕174号）。",
        "文号 of another report: 阳政办函〔2021〕174号",
    ),
    (
        "copied span",
        "全市公办普通高职高专生均一般公共预算教育经费超出省定标准，入园难、入园贵的问题得到有效缓解。",
        "characters copied from reports/000_yangquan.md",
    ),
]


@pytest.mark.parametrize(("why", "text", "message"), LEAKS, ids=[r[0] for r in LEAKS])
def test_leakage_flags(why, text, message):
    score = leakage.score(make_subject(draft=make_draft(experience=text)))
    assert not score.passed and score.value < 1.0
    hits = [i for i in score.issues if message in i.message]
    assert hits and hits[0].section == "experience"


def test_leakage_reports_the_copied_span_and_its_source():
    text = "全市公办普通高职高专生均一般公共预算教育经费超出省定标准，入园难、入园贵的问题得到有效缓解。我市另有特色。"
    (issue,) = leakage.score(make_subject(draft=make_draft(experience=text))).issues
    assert issue.source == "reports/000_yangquan.md"
    assert (
        issue.text
        == "全市公办普通高职高专生均一般公共预算教育经费超出省定标准，入园难、入园贵的问题得到有效缓解"
    )


def test_leakage_allows_what_the_source_states():
    # 云岭省 is a knowledge region, but this case's addressee names it; the basis 文号 is its own
    assert "云岭省" in BODY["addressee"]
    assert leakage.score(make_subject()).passed


def test_short_common_phrases_are_not_copies():
    assert leakage.score(make_subject(draft=make_draft(experience="积极推进优质均衡发展。"))).passed


# ---------------------------------------------------------------- placeholders
PLACEHOLDERS = [
    ("unfilled slot", "毛入园率达到[[preschool.gross_enrolment_rate@2021]]。"),
    ("XX", "XX市教育局牵头开展。"),
    ("lowercase xx", "共新建幼儿园xx所。"),
    ("X before a name", "X教督委统一部署。"),
    ("stars", "投入资金***万元。"),
    ("empty brackets", "依据【】文件要求。"),
    ("fill-in note", "具体数据（待补充）。"),
    ("jinja marker", "我市{{ region }}高度重视。"),
    ("TODO", "TODO 补充数据。"),
]


@pytest.mark.parametrize(("why", "text"), PLACEHOLDERS, ids=[r[0] for r in PLACEHOLDERS])
def test_placeholders_flags(why, text):
    score = placeholders.score(make_subject(draft=make_draft(experience=text)))
    assert not score.passed and score.details["found"] == 1
    assert score.issues[0].section == "experience" and score.value == 0.5


# ---------------------------------------------------------------- style
STYLE_BAD = [
    ("first person singular", "我认为我市教育工作做得很好。", "banned_ok"),
    ("internet slang", "我市教育工作硬核出圈。", "banned_ok"),
    ("English word", "我市教育工作 performance 良好。", "banned_ok"),
    ("run-on sentence", "我市" + "，持续加大教育投入" * 30 + "。", "max_ok"),
]


@pytest.mark.parametrize(("why", "text", "check"), STYLE_BAD, ids=[r[0] for r in STYLE_BAD])
def test_style_flags(why, text, check):
    score = style.score(make_subject(draft=make_draft(experience=text)))
    assert not score.passed and score.value == 0.75


def test_style_flags_prose_without_connectives():
    plain = {
        k: "教育工作有成绩。"
        for k in (
            "opening",
            "self_check",
            "rectification",
            "fund",
            "preschool",
            "compulsory",
            "experience",
            "problems",
            "plans",
        )
    }
    score = style.score(make_subject(draft=make_draft(**plain)))
    assert score.details["connective_share"] == 0.0 and not score.passed


def test_style_allows_configured_latin_words():
    assert style.score(make_subject(draft=make_draft(experience="一是推进PPP项目建设。"))).passed


def test_copies_of_the_source_data_stock_phrases_and_the_own_report_are_not_leaks():
    import dataclasses

    from eval_helpers import KNOWLEDGE, SOURCE

    copied = "全市公办普通高职高专生均一般公共预算教育经费超出省定标准，入园难、入园贵的问题得到有效缓解。"
    draft = make_draft(experience=copied)
    as_fact = dataclasses.replace(
        SOURCE,
        experiences=(
            "全市公办普通高职高专生均一般公共预算教育经费超出省定标准",
            "入园难、入园贵的问题得到有效缓解",
        ),
    )
    assert leakage.score(make_subject(draft=draft, source=as_fact)).passed  # cut and joined facts
    own = dataclasses.replace(KNOWLEDGE, file_regions={"reports/000_yangquan.md": "青屏市"}, hash="own")
    assert leakage.score(make_subject(draft=draft, knowledge=own)).passed  # the case's own earlier report
    stock_text = "我市坚持以习近平新时代中国特色社会主义思想为指导，全面推进教育事业发展"
    stock = dataclasses.replace(KNOWLEDGE, texts={"reports/x.md": stock_text}, hash="stock")
    subject = make_subject(draft=make_draft(experience=stock_text + "。"), knowledge=stock)
    assert leakage.score(subject).passed  # masked by leakage.common_phrases
    bare = dataclasses.replace(subject.config, common_phrases=())
    assert not leakage.score(dataclasses.replace(subject, config=bare)).passed


# ---------------------------------------------------------------- anachronism, repetition, header, sameness
@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("我市深入落实“双减”政策，全面消除大班额。", ["双减"]),  # 2021-07, after a report on 2019
        ("我市推动职业教育提质培优，实施县中振兴。", ["提质培优", "县中振兴"]),
        ("我市扎实推进义务教育优质均衡发展。", []),  # 2017
    ],
)
def test_anachronism_judges_the_assessed_year(text, found):
    report = dataclasses.replace(make_draft().report, period=2019, round=2020)
    draft = dataclasses.replace(make_draft(compulsory=text), report=report)
    score = anachronism.score(make_subject(draft=draft))
    assert [i.text for i in score.issues] == found
    assert score.passed is (not found)


def test_anachronism_lets_plans_use_the_round_year():
    report = dataclasses.replace(make_draft().report, period=2020, round=2021, date=dt.date(2021, 11, 1))
    draft = dataclasses.replace(make_draft(plans="下一步，持续巩固“双减”成果。"), report=report)
    assert anachronism.score(make_subject(draft=draft)).passed
    late = dataclasses.replace(make_draft(fund="2020年我市深入落实“双减”政策。"), report=report)
    assert not anachronism.score(make_subject(draft=late)).passed


REPEATED = [
    (
        "a sentence twice",
        dict(problems="一是城乡教育资源配置仍不均衡。一是城乡教育资源配置仍不均衡。"),
        "sentence printed twice",
    ),
    (
        "a figure twice",
        dict(fund="全市一般公共预算教育支出21.09亿元；全市一般公共预算教育支出21.09亿元。"),
        "figure printed twice",
    ),
    ("a 0% change", dict(fund="比2020年减少1万元，下降0%。"), "0% or 100%"),
    ("a -100% change", dict(compulsory="大班额0个，比上年减少12个，下降100%。"), "0% or 100%"),
    (
        "the lead twice",
        dict(fund="2021年，全市一般公共预算教育支出21.09亿元；2021年，全市初中生均支出9000元。"),
        "lead",
    ),
]


@pytest.mark.parametrize(("why", "bodies", "message"), REPEATED, ids=[r[0] for r in REPEATED])
def test_repetition_flags(why, bodies, message):
    score = repetition.score(make_subject(draft=make_draft(**bodies)))
    assert not score.passed and any(message in i.message for i in score.issues), [
        i.message for i in score.issues
    ]


def test_repetition_leaves_the_users_own_statements_alone():
    fact = "市委常委会专题研究教育工作4次，市政府常务会研究教育工作4次"
    source = dataclasses.replace(make_subject().source, facts={"party": (fact,)})
    subject = make_subject(draft=make_draft(party=fact + "。"), source=source)
    assert repetition.score(subject).passed


HEADERS = [
    ("title issuer differs from 落款", dict(signature="青屏市人民政府办公室\n2022年3月20日"), "落款"),
    ("addressee without its place", dict(addressee="省人民政府教育督导委员会办公室："), "addressee"),
]


@pytest.mark.parametrize(("why", "bodies", "message"), HEADERS, ids=[r[0] for r in HEADERS])
def test_header_flags(why, bodies, message):
    score = header.score(make_subject(draft=make_draft(**bodies)))
    assert not score.passed and message in score.issues[0].message


def test_header_wants_a_signer_on_an_upward_report_and_accepts_a_gap():
    report = dataclasses.replace(make_draft().report, doc_number="青府〔2022〕3号")
    spec = SectionSpec(id="header", kind="header")
    for text, passed in (
        ("青屏市人民政府\n青府〔2022〕3号", False),
        ("青屏市人民政府\n青府〔2022〕3号　　签发人：王某", True),
        ("青屏市人民政府\n青府〔2022〕3号　　签发人：【待补充：签发人姓名】", True),
        ("青屏市人民政府办公室\n青府〔2022〕3号　　签发人：王某", False),  # 版头 names another issuer
    ):
        draft = make_draft()
        draft = dataclasses.replace(draft, report=report, sections=(Section(spec, text), *draft.sections))
        assert header.score(make_subject(draft=draft)).passed is passed, text


def test_sameness_measures_shared_prose_without_numbers_names_and_gaps():
    a = make_draft(fund="青屏市坚持把教育摆在优先发展的战略位置，2021年投入21.09亿元。【待补充：举措】")
    other = dataclasses.replace(a.report, region="南屏县", issuer="南屏县人民政府")
    b = dataclasses.replace(
        make_draft(fund="南屏县坚持把教育摆在优先发展的战略位置，2020年投入9.8亿元。【待补充：会议】"),
        report=other,
    )
    assert sameness.prose(a) == sameness.prose(b)  # only names, numbers and gaps differ
    different = make_draft(**{k: "本段写的是完全不同的内容，各地情况各不相同。" + k for k in BODY})
    scores = sameness.cross_case({"a": a, "b": b, "c": different})
    assert scores["a"].details["max_shared"] == 1.0 and scores["a"].details["with"] == "b"
    assert not scores["a"].passed and scores["a"].issues
    assert scores["c"].details["max_shared"] < 0.4 and scores["c"].passed


def test_claims_counts_the_claims_judged_and_lists_the_wrong_ones():
    from drafter.core.types import Finding
    from drafter.evaluation.scorers import claims

    right = Finding("fund", 1, 0, 0, "实现“两个只增不减”", None, "", "verified", kind="claim")
    wrong = Finding(
        "compulsory",
        1,
        0,
        0,
        "全面消除大班额",
        None,
        "",
        "mismatch",
        expected="56人以上大班额12个",
        kind="claim",
    )
    assert claims.score(make_subject()).details == {"claims": 0, "wrong": 0}
    score = claims.score(make_subject(findings=(*GOOD_FINDINGS, right, wrong)))
    assert not score.passed and score.value == 0.5 and score.details == {"claims": 2, "wrong": 1}
    assert score.issues[0].text == "全面消除大班额" and "56人以上大班额12个" in score.issues[0].message
