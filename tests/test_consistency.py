"""Warnings about data that are valid but disagree with themselves, and the 整改 indicator drafted in 二、."""

from __future__ import annotations

from pathlib import Path

from drafter.core.config import Settings
from drafter.drafting.run import run_draft
from drafter.source.load import load_source, source_warnings, validate_file

ROOT = Path(__file__).resolve().parent.parent

HEAD = "report: {region: 示例县, level: county, round: 2023, period: 2022, issuer: 示例县人民政府, date: 2023-03-20}\nmetrics:\n"


def write(tmp_path: Path, metrics: str) -> Path:
    path = tmp_path / "m.yaml"
    path.write_text(HEAD + metrics, encoding="utf-8")
    return path


def test_a_budget_smaller_than_one_of_its_amounts_is_a_warning_not_an_error():
    source = load_source(ROOT / "examples" / "anyue-2023.yaml")
    [line] = [w for w in source_warnings(source) if "smaller than" in w]
    assert (
        "fund.general_budget_edu@2023 = 142.689万元" in line
        and "13282.41万元" in line
        and "万元/亿元" in line
    )


def test_a_stated_growth_the_two_values_contradict(tmp_path):
    path = write(
        tmp_path,
        "  - {key: fund.general_budget_edu, label: 一般公共预算教育支出, unit: 亿元, values: {2022: 22.0, 2021: 20.0}}\n"
        "  - {key: fund.general_budget_edu_growth, label: 较上年增长, unit: '%', values: {2022: 12.5}}\n",
    )
    assert validate_file(path) == []
    [line] = source_warnings(load_source(path))
    assert "fund.general_budget_edu_growth@2022 = 12.5%" in line and "+10.00%" in line


def test_consistent_data_give_no_warning(tmp_path):
    path = write(
        tmp_path,
        "  - {key: fund.general_budget_edu, label: 一般公共预算教育支出, unit: 亿元, values: {2022: 22.0, 2021: 20.0}}\n"
        "  - {key: fund.general_budget_edu_growth, label: 较上年增长, unit: '%', values: {2022: 10.0}}\n",
    )
    assert source_warnings(load_source(path)) == []


def test_rectify_metrics_are_drafted_in_the_rectification_part(tmp_path):
    path = write(
        tmp_path,
        "  - {key: rectify.problems_listed, label: 上一轮评价反馈问题, unit: 个, values: {2022: 12}}\n"
        "  - {key: rectify.problems_rectified, label: 已完成整改的问题, unit: 个, values: {2022: 11}}\n"
        "  - {key: preschool.gross_enrolment_rate, label: 学前三年毛入园率, unit: '%', values: {2022: 91.2}}\n",
    )
    outcome = run_draft(path, tmp_path / "out", Settings.load(quiet=True), progress=False)
    rectification = outcome.draft.section("rectification")
    assert "上一轮评价反馈问题12个" in rectification.text and "11个" in rectification.text
    assert outcome.draft.section("rectify") is None  # not a sub-section of 三、
    assert outcome.check.summary["mismatch"] + outcome.check.summary["unsupported"] == 0


def test_a_file_with_no_metrics_is_valid_and_said(tmp_path):
    """A metrics file cut short before its metrics: list (a careless copy) drafted a report with no figure and
    said nothing; it stays valid, with a warning that asks whether the file is complete."""
    path = tmp_path / "cut.yaml"
    path.write_text(HEAD.removesuffix("metrics:\n") + "\n", encoding="utf-8")
    assert validate_file(path) == []
    assert [w for w in source_warnings(load_source(path)) if "没有任何指标" in w]


RATE = '  - {key: preschool.gross_enrolment_rate, label: 学前三年毛入园率, unit: "%", values: {2022: 91.2}}\n'


def test_the_templates_placeholder_region_is_said_once_and_the_file_stays_valid(tmp_path):
    """`drafter metrics template -o x.yaml` writes region: XX市; filled in but for that, it drafted a report
    titled XX市人民政府关于XX市人民政府…的报告 and said nothing."""
    path = tmp_path / "m.yaml"
    path.write_text(HEAD.replace("示例县", "XX市") + RATE, encoding="utf-8")
    assert validate_file(path) == []
    [line] = source_warnings(load_source(path))
    assert (
        "report.region, report.issuer: 'XX市'、'XX市人民政府'" in line
        and "write your region's own name" in line
    )
    assert not [w for w in source_warnings(load_source(write(tmp_path, RATE))) if "placeholder" in w]
