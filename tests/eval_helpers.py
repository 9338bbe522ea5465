"""Hand-made drafts and source data for the eval scorer tests (tests/test_eval_*.py)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from drafter.core.types import (
    CheckReport,
    Draft,
    Finding,
    Metric,
    ReportInfo,
    Section,
    SectionSpec,
    SourceData,
    Target,
)
from drafter.evaluation.config import load_config
from drafter.evaluation.knowledge import Knowledge
from drafter.evaluation.scorers.base import Subject

REPORT = ReportInfo(
    region="青屏市",
    level="city",
    round=2022,
    period=2021,
    issuer="青屏市人民政府",
    date=dt.date(2022, 3, 20),
    addressee="云岭省人民政府教育督导委员会办公室",
    basis="《2022年对市县级政府履行教育职责的评价方案》（云政教督〔2022〕1号）",
)
METRICS = (
    Metric("fund.general_budget_edu", "一般公共预算教育支出", "亿元", {2020: 20.5, 2021: 21.09}),
    Metric("preschool.gross_enrolment_rate", "学前三年毛入园率", "%", {2021: 92.3}, Target(90, ">=")),
    Metric("compulsory.large_class_count", "56人以上大班额", "个", {2021: 0}),
)
SOURCE = SourceData(
    report=REPORT,
    metrics=METRICS,
    facts={"party": ("市委常委会专题研究教育工作4次",)},
    rectification=("上一轮评价指出的大班额问题已全部整改",),
)

BODY = {
    "title": "青屏市人民政府关于2021年度履行教育职责自评情况的报告",
    "addressee": "云岭省人民政府教育督导委员会办公室：",
    "opening": "根据《2022年对市县级政府履行教育职责的评价方案》（云政教督〔2022〕1号）要求，我市认真组织开展自查自评工作。"
    "现将有关情况报告如下：",
    "self_check": "市政府高度重视，由市政府教育督导委员会办公室牵头，会同有关部门对照评价方案逐项开展自查。",
    "rectification": "针对上一轮评价反馈问题，我市切实抓好整改落实，上一轮评价指出的大班额问题已全部整改。",
    "fund": "我市坚持把教育摆在优先发展的战略位置。2021年全市一般公共预算教育支出21.09亿元，比上年增加0.59亿元。",
    "preschool": "我市持续推进学前教育普及普惠，2021年学前三年毛入园率达到92.3%，高于省定标准2.3个百分点。",
    "compulsory": "我市扎实推进义务教育优质均衡发展，全面消除56人以上大班额。",
    "experience": "一是坚持高位推动，二是坚持统筹协调，形成了齐抓共管的工作格局。",
    "problems": "一是城乡教育资源配置仍不均衡；二是教师队伍结构性矛盾依然存在。",
    "plans": "下一步，我市将进一步加大教育投入，切实推动教育高质量发展。",
    "signature": "青屏市人民政府\n2022年3月20日",
}
SPECS = (
    SectionSpec("title", "title"),
    SectionSpec("addressee", "addressee"),
    SectionSpec("opening", "opening"),
    SectionSpec("self_check", "self_check", "自查自评工作开展情况", "一", 1),
    SectionSpec("rectification", "rectification", "上一轮评价反馈问题整改情况", "二", 1),
    SectionSpec("results", "results", "履行教育职责情况", "三", 1),
    SectionSpec("fund", "indicator", "优先保障教育经费投入", "（一）", 2, "fund", "results"),
    SectionSpec("preschool", "indicator", "推进学前教育普及普惠", "（二）", 2, "preschool", "results"),
    SectionSpec("compulsory", "indicator", "推动义务教育优质均衡发展", "（三）", 2, "compulsory", "results"),
    SectionSpec("experience", "experience", "经验做法和特色亮点", "四", 1),
    SectionSpec("problems", "problems", "存在的问题和不足", "五", 1),
    SectionSpec("plans", "plans", "下一步工作打算", "六", 1),
    SectionSpec("signature", "signature"),
)
GOOD_FINDINGS = (
    Finding("fund", 1, 0, 0, "21.09亿元", 21.09, "亿元", "verified", source="fund.general_budget_edu@2021"),
    Finding(
        "fund", 1, 0, 0, "0.59亿元", 0.59, "亿元", "derived", source="diff(fund.general_budget_edu,2020,2021)"
    ),
    Finding(
        "preschool", 1, 0, 0, "92.3%", 92.3, "%", "verified", source="preschool.gross_enrolment_rate@2021"
    ),
)


def make_draft(**changes: str) -> Draft:
    """The good draft, with the bodies named in `changes` replaced (None drops the section)."""
    body = {**BODY, **changes}
    sections = tuple(
        Section(spec, body.get(spec.id, "")) for spec in SPECS if body.get(spec.id, "") is not None
    )
    return Draft(report=REPORT, sections=sections)


def make_subject(draft: Draft | None = None, findings=GOOD_FINDINGS, **kwargs) -> Subject:
    from drafter.core.config import PROJECT_ROOT
    from drafter.core.taxonomy import load_taxonomy

    base = dict(
        draft=draft or make_draft(),
        config=load_config(PROJECT_ROOT / "eval" / "config.yaml"),
        source=SOURCE,
        check=CheckReport(tuple(findings)),
        knowledge=KNOWLEDGE,
        taxonomy=load_taxonomy(PROJECT_ROOT / "knowledge" / "taxonomy.yaml"),
    )
    return Subject(**{**base, **kwargs})


def finding(status: str, text: str = "9.9%", section: str = "preschool") -> Finding:
    return Finding(section, 1, 0, 0, text, 9.9, "%", status, message=f"planted {status}")


def without(draft: Draft, section_id: str) -> Draft:
    return dataclasses.replace(draft, sections=tuple(s for s in draft.sections if s.spec.id != section_id))


KNOWLEDGE = Knowledge(
    regions=frozenset({"阳泉市", "长治市", "安岳县", "云岭省"}),
    officials=frozenset({"省长马兴瑞"}),
    doc_numbers=frozenset({"阳政办函〔2021〕174号", "晋政教督〔2021〕1号"}),
    texts={
        "reports/000_yangquan.md": "强化各级政府分级负责机制，全市公办普通高职高专生均一般公共预算教育经费超出省定标准，"
        "入园难、入园贵的问题得到有效缓解，巩固义务教育基本均衡成果，积极推进优质均衡发展。"
    },
    hash="test",
)


# ---------------------------------------------------------------- a stand-in for drafter.drafting.run.run_draft
GOOD_METRICS = """report: {region: 青屏市, level: city, round: 2022, period: 2021, issuer: 青屏市人民政府, date: 2022-03-20,
  addressee: 云岭省人民政府教育督导委员会办公室, basis: 《2022年对市县级政府履行教育职责的评价方案》（云政教督〔2022〕1号）}
metrics:
  - {key: fund.general_budget_edu, label: 一般公共预算教育支出, unit: 亿元, values: {2020: 20.5, 2021: 21.09}}
  - {key: preschool.gross_enrolment_rate, label: 学前三年毛入园率, unit: "%", values: {2021: 92.3}, target: {value: 90}}
  - {key: compulsory.large_class_count, label: 56人以上大班额, unit: 个, values: {2021: 0}}
facts: {party: [市委常委会专题研究教育工作4次]}
rectification: [上一轮评价指出的大班额问题已全部整改]
"""


class FakeDrafter:
    """Stands in for drafter.drafting.run.run_draft: validates the metrics, saves the hand-made good draft."""

    def __init__(self, fail_on: str = "", **changes: str) -> None:
        self.calls: list[str] = []
        self.fail_on, self.changes = fail_on, changes

    def __call__(self, metrics_path, out_dir, settings, *, progress=True):
        from drafter.export.markdown import render_markdown
        from drafter.outdir.outputs import check_markdown
        from drafter.source.load import load_source

        source = load_source(Path(metrics_path))
        self.calls.append(Path(out_dir).name)
        if self.fail_on and Path(out_dir).name == self.fail_on:
            raise KeyboardInterrupt
        from drafter.drafting.run import DraftOutcome
        from drafter.outdir.store import save_draft

        draft = make_draft(**self.changes)
        save_draft(Path(out_dir), draft)
        check = check_markdown(render_markdown(draft), source)
        return DraftOutcome(draft=draft, check=check, failed=(), out_dir=Path(out_dir))
