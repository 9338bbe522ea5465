"""The fresh offline draft reads as a clerk would write it: growth rates at one precision, labels turned into
sentences (共有幼儿园62所, 资助学生21450人次, 大班额全部消除), every plan item with a bold lead, a gap where the date
goes. Drafted through the real drafting API (offline backend) and checked by the real checker."""

from __future__ import annotations

import docx
import pytest

from drafter.core.config import Settings
from drafter.drafting.run import run_draft

QINGHE_2023 = """\
report:
  region: 清河县
  level: county
  round: 2024
  period: 2023
  issuer: 清河县人民政府
  {date}
  superior: 邢台市
metrics:
  - {{key: fund.general_budget_edu, label: 一般公共预算教育支出, unit: 亿元, values: {{2022: 8.52, 2023: 9.13}}}}
  - {{key: fund.per_student_primary, label: 小学生均一般公共预算教育支出, unit: 元, values: {{2022: 11235, 2023: 11820}}}}
  - {{key: fund.per_student_junior, label: 初中生均一般公共预算教育支出, unit: 元, values: {{2022: 15410, 2023: 15102}}}}
  - {{key: preschool.gross_enrolment_rate, label: 学前三年毛入园率, unit: "%", values: {{2022: 92.1, 2023: 93.6}}}}
  - {{key: preschool.public_share, label: 公办幼儿园在园幼儿占比, unit: "%", values: {{2023: 54.2}}}}
  - {{key: preschool.inclusive_coverage, label: 普惠性幼儿园覆盖率, unit: "%", values: {{2023: 88.5}}}}
  - {{key: preschool.kindergartens, label: 幼儿园数, unit: 所, values: {{2023: 62}}}}
  - {{key: compulsory.consolidation_rate, label: 九年义务教育巩固率, unit: "%", values: {{2022: 98.9, 2023: 99.2}}}}
  - {{key: compulsory.large_class_count, label: 56人以上大班额, unit: 个, values: {{2022: 3, 2023: 0}}}}
  - {{key: student_aid.funds, label: 资助资金, unit: 万元, values: {{2023: 2365.4}}}}
  - {{key: student_aid.students, label: 资助学生人次, unit: 人次, values: {{2023: 21450}}}}
"""


@pytest.fixture(scope="module")
def drafted(tmp_path_factory):
    """(draft.md, draft.docx, check summary) of 清河县 2023 without a signature date."""
    root = tmp_path_factory.mktemp("qinghe")
    metrics = root / "清河县2023.yaml"
    metrics.write_text(QINGHE_2023.format(date=""), encoding="utf-8")
    outcome = run_draft(metrics, root / "out", Settings.load(), progress=False)
    md = (root / "out" / "draft.md").read_text(encoding="utf-8")
    return md, docx.Document(str(root / "out" / "draft.docx")), outcome.check.summary


def test_growth_rates_share_one_precision(drafted):
    md = drafted[0]
    assert "增长7.16%" in md
    assert "下降2.00%" in md and "下降2%" not in md  # −1.9987%: not 下降2% beside 增长7.16%


@pytest.mark.parametrize(
    ("wanted", "unwanted"),
    [
        ("全县共有幼儿园62所", "幼儿园数为62所"),  # a label ending in 数: 共有 + what is counted
        ("资助学生21450人次", "资助学生人次21450人次"),  # the unit word once
        ("56人以上大班额全部消除（比2022年减少3个）", "56人以上大班额0个"),  # a zero count of what must go
    ],
)
def test_labels_are_turned_into_sentences(drafted, wanted, unwanted):
    md = drafted[0]
    assert wanted in md
    assert unwanted not in md


def test_the_reworded_figures_still_check(drafted):
    summary = drafted[2]
    flagged = ("mismatch", "unsupported", "inconsistent", "wrong_claims")
    assert {k: summary[k] for k in flagged} == dict.fromkeys(flagged, 0)


def test_every_plan_item_has_a_bold_lead(drafted):
    paragraphs = drafted[1].paragraphs
    start = next(k for k, p in enumerate(paragraphs) if p.text.startswith("六、"))
    plans = [p for p in paragraphs[start:] if p.text[:1].isdigit()]
    assert len(plans) >= 2
    assert plans[0].text.startswith("1.加大教育投入力度。")
    for p in plans:
        assert p.runs[0].bold, p.text
        assert p.runs[0].text.endswith("。")


def test_a_missing_date_is_a_gap_in_the_signature(drafted):
    md, document, summary = drafted
    assert md.rstrip().endswith("清河县人民政府\n\n【待补充：成文日期（年月日）】")
    last = document.paragraphs[-1]
    assert last.text == "【待补充：成文日期（年月日）】"
    assert last.runs[0].font.highlight_color is not None
    assert document.paragraphs[-2].text == "清河县人民政府"
    assert summary["gaps"] >= 1
