"""Carrying 清河县's 2023 report into 2024 (the new user's trial): last year's conclusions the new data contradict are
restated from the data or listed for review, recomputed growth rates take the writer's precision, the report's own
period moves on in lead-in sentences, and last year's facts and 文号 give way to the new ones or go for review."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest
from carry_helpers import write

from drafter.carry.run import run_carry
from drafter.core.config import Settings

SETTINGS = Settings.load(backend="offline", quiet=True)

LAST_MD = """\
清河县人民政府关于2023年度履行教育职责自评情况的报告

邢台市人民政府教育督导委员会办公室：

根据《2024年对县级人民政府履行教育职责的评价方案》（冀教督〔2024〕3号）要求，我县组织开展了2023年度履行教育职责自查自评工作。现将有关情况报告如下：

一、自查自评工作开展情况

由县政府教育督导委员会办公室牵头，会同21个部门对照评价方案逐项自查。

三、履行教育职责情况

2023年我县履行教育职责的主要情况如下：

（一）坚持党对教育工作的全面领导

按照党委统一领导、党政齐抓共管的要求，县委常委会、县政府常务会议专题研究教育工作6次，出台《清河县关于进一步加强中小学校党的建设工作的实施意见》（清发〔2023〕12号）。

（二）优先保障教育经费投入

2023年，全县一般公共预算教育支出为9.13亿元，比2022年增加0.61亿元，增长7.16%；小学生均一般公共预算教育支出为11820元，比2022年增加585元，增长5.21%。初中生均一般公共预算教育支出为15102元，比2022年减少308元，下降2%。

初中生均一般公共预算教育支出比上年下降，“两个只增不减”要求尚未落实到位。

（三）保障教师工资待遇

2023年，全县中小学教师年平均工资收入为98600元；当地公务员年平均工资收入为97800元。

中小学教师平均工资收入水平不低于当地公务员平均工资收入水平。

四、经验做法和特色亮点

从2023年的数据看，以下方面成效较为明显：

1.推进学前教育普及普惠。学前三年毛入园率比上年提高。

五、存在的问题和不足

我县履行教育职责还存在以下问题：一是初中生均一般公共预算教育支出比上年下降，“两个只增不减”要求未落实到位；二是学位供给不足。

清河县人民政府

2024年3月15日
"""

NEW_YAML = """\
report:
  region: 清河县
  level: county
  round: 2025
  period: 2024
  issuer: 清河县人民政府
  date: 2025-03-18
  basis: 《2025年对县级人民政府履行教育职责的评价方案》（冀教督〔2025〕2号）
  superior: 邢台市
metrics:
  - {key: fund.general_budget_edu, label: 一般公共预算教育支出, unit: 亿元, values: {2022: 8.52, 2023: 9.13, 2024: 9.48}}
  - {key: fund.per_student_primary, label: 小学生均一般公共预算教育支出, unit: 元, values: {2022: 11235, 2023: 11820, 2024: 12260}}
  - {key: fund.per_student_junior, label: 初中生均一般公共预算教育支出, unit: 元, values: {2022: 15410, 2023: 15102, 2024: 15890}}
  - {key: salary.teacher_avg, label: 中小学教师年平均工资收入, unit: 元, values: {2023: 98600, 2024: 101200}}
  - {key: salary.civil_servant_avg, label: 当地公务员年平均工资收入, unit: 元, values: {2023: 97800, 2024: 102000}}
  - {key: preschool.gross_enrolment_rate, label: 学前三年毛入园率, unit: "%", values: {2022: 92.1, 2023: 93.6, 2024: 94.8}}
{facts}
self_check: ["由县政府教育督导委员会办公室牵头，会同21个部门对照评价方案逐项自查"]
"""
PARTY_2024 = "县委常委会、县政府常务会议专题研究教育工作6次，出台《清河县基础教育扩优提质行动实施方案》（清政办〔2024〕8号）"
FACTS = f'facts:\n  party: ["{PARTY_2024}"]'


def _carry(tmp_path: Path, facts: str = FACTS):
    new = write(tmp_path, "清河县2024.yaml", NEW_YAML.replace("{facts}", facts))
    last = write(tmp_path, "qh2023.md", LAST_MD)
    out = tmp_path / "out"
    outcome = run_carry(new, last, out, SETTINGS)
    changes = json.loads((out / "changes.json").read_text(encoding="utf-8"))
    with zipfile.ZipFile(out / "redline.docx") as z:
        redline = z.read("word/document.xml").decode("utf-8")
    return outcome, changes, (out / "draft.md").read_text(encoding="utf-8"), redline


@pytest.fixture(scope="module")
def qinghe(tmp_path_factory):
    return _carry(tmp_path_factory.mktemp("qh"))


def _revised(redline: str, tag: str) -> list[str]:
    """The text of each w:ins or w:del of redline.docx."""
    found = re.findall(rf"<w:{tag} [^>]*>(.*?)</w:{tag}>", redline, re.S)
    return ["".join(re.findall(r"<w:(?:t|delText)[^>]*>([^<]*)<", x)) for x in found]


def test_a_contradicted_fund_conclusion_is_restated_from_the_new_data(qinghe):
    outcome, changes, md, redline = qinghe
    fund = outcome.draft.section("fund").paragraphs
    assert fund[-1] == "教育经费投入实现“两个只增不减”。"  # every fund figure rose in 2024
    assert "尚未落实到位" not in outcome.draft.section("fund").text
    change = next(c for c in changes["changes"] if c["section"] == "fund" and c["kind"] == "claim")
    assert (change["old"], change["new"], change["status"]) == (
        "初中生均一般公共预算教育支出比上年下降，“两个只增不减”要求尚未落实到位。",
        "教育经费投入实现“两个只增不减”。",
        "recomputed",
    )
    assert "初中生均一般公共预算教育支出比上年下降，“两个只增不减”要求尚未落实到位。" in _revised(
        redline, "del"
    )
    assert "教育经费投入实现“两个只增不减”。" in _revised(redline, "ins")


def test_a_contradicted_salary_conclusion_is_restated_too(qinghe):
    outcome = qinghe[0]
    assert outcome.draft.section("salary").paragraphs[-1] == (
        "中小学教师平均工资收入水平低于当地公务员平均工资收入水平，需进一步加大保障力度。"
    )


def test_a_contradicted_claim_without_a_sentence_of_the_writer_stays_for_review(qinghe):
    outcome, changes, md, _ = qinghe
    problems = next(r for r in changes["review"] if r["section"] == "problems")
    assert {i["text"] for i in problems["items"]} >= {"比上年下降", "“两个只增不减”要求"}
    assert "待核实 / for review (2): 比上年下降、“两个只增不减”要求" in md
    wrong = [f for f in outcome.check.findings if f.kind == "claim" and f.status == "mismatch"]
    assert {f.section for f in wrong} == {"五、存在的问题和不足"}  # none left unflagged elsewhere


def test_a_recomputed_growth_rate_takes_the_writers_precision(qinghe):
    outcome, changes, _, _ = qinghe
    assert "比2023年增加788元，增长5.22%。" in outcome.draft.section("fund").text  # last year printed 下降2%
    assert "增长3.83%" in outcome.draft.section("fund").text


def test_the_reports_own_period_moves_on_in_lead_in_sentences(qinghe):
    outcome, changes, md, _ = qinghe
    assert outcome.draft.section("results").text == "2024年我县履行教育职责的主要情况如下："
    assert outcome.draft.section("experience").paragraphs[0] == "从2024年的数据看，以下方面成效较为明显："
    years = [
        c for c in changes["changes"] if c["kind"] == "year" and c["section"] in ("results", "experience")
    ]
    assert [(c["old"], c["new"], c["status"]) for c in years] == [("2023年", "2024年", "updated")] * 2


def test_the_new_facts_replace_last_years_statement_and_its_document_number(qinghe):
    outcome, changes, _, redline = qinghe
    party = outcome.draft.section("party").text
    assert PARTY_2024 in party and "清发〔2023〕12号" not in party
    change = next(c for c in changes["changes"] if c["kind"] == "fact")
    assert (change["new"], change["source"], change["status"]) == (PARTY_2024, "facts.party[0]", "updated")
    assert PARTY_2024 in _revised(redline, "ins")


def test_without_new_facts_last_years_document_number_is_for_review(tmp_path):
    outcome, changes, md, _ = _carry(tmp_path, facts="")
    party = next(r for r in changes["review"] if r["section"] == "party")
    assert "清发〔2023〕12号" in [i["text"] for i in party["items"]]
    assert "清发〔2023〕12号" in md.split("<!-- section: party -->")[1].split("\n")[1]  # the 待核实 note
