"""Values that cannot be true for their unit are refused by `metrics validate` (and so never drafted)."""

from __future__ import annotations

from pathlib import Path

import hostile_files as hf
import pytest
import yaml

from drafter.source.load import validate_file
from drafter.source.plausible import value_problem

ROWS = [
    # key, label, unit, value, the problem ("" = plausible)
    ("fund.general_budget_edu", "一般公共预算教育经费", "亿元", 21.09, ""),
    ("fund.general_budget_edu", "一般公共预算教育经费", "亿元", -21.09, "negative amount"),
    ("fund.general_budget_edu", "一般公共预算教育经费", "亿元", 1e308, "not a plausible figure"),
    ("fund.general_budget_edu", "一般公共预算教育经费", "亿元", 2e7, "more than any region"),
    ("fund.per_student_primary", "小学生均公用经费", "元/生", -5, "negative amount"),
    ("fund.salary_gap", "教师与公务员工资差额", "元", -1200, ""),  # a difference may be negative
    ("compulsory.large_class_count", "56人以上大班额", "个", -3, "negative count"),
    ("compulsory.students", "义务教育在校生", "万人", 3e5, "more than any region"),
    ("compulsory.students", "义务教育在校生", "万人", 35.2, ""),
    ("facilities.area", "新建校舍面积", "万平方米", -2, "negative area"),
    ("preschool.public_share", "公办幼儿园在园幼儿占比", "%", 130, "above 100"),
    ("preschool.public_share", "公办幼儿园在园幼儿占比", "%", -1, "negative share"),
    ("preschool.gross_enrolment_rate", "学前三年毛入园率", "%", 104.5, ""),
    ("fund.primary_budget_done", "小学教育支出完成年初预算", "%", 100.4, ""),  # a 决算 may pass its budget
    ("fund.execution_rate", "预算执行率", "%", -3, "negative share"),
    ("fund.execution_rate", "预算执行率", "%", 1e6, "not plausible"),
    ("fund.execution_rate", "预算执行率", "%", 1004, "not plausible"),  # 100.4 with its point lost
    ("safety.fixed_rate", "安全隐患整改完成率", "%", 104, "above 100"),  # 完成 alone is no part of a plan
    ("preschool.gross_enrolment_rate", "学前三年毛入园率", "%", 350, "even a gross rate"),
    ("fund.general_budget_edu_growth", "一般公共预算教育支出较上年增长", "%", -3.2, ""),
    ("fund.general_budget_edu_growth", "一般公共预算教育支出较上年增长", "%", 1e6, "not plausible"),
    ("supervision.score", "评价总得分", "分", -4, "negative score"),
    ("other.index", "某指数", "点", -4, ""),  # a unit we know nothing about: only finite and not absurd
    ("other.index", "某指数", "点", 1e16, "not a plausible figure"),
]


@pytest.mark.parametrize(
    ("key", "label", "unit", "value", "problem"), ROWS, ids=[f"{r[3]:g}{r[2]}" for r in ROWS]
)
def test_a_value_must_be_possible_for_its_unit(key, label, unit, value, problem):
    found = value_problem({"key": key, "label": label, "unit": unit}, value)
    assert (problem in found) if problem else found == "", found


def test_the_issue_files_are_refused_with_key_and_fix(tmp_path):
    huge = hf.metrics_with(tmp_path, "huge.json", "fund.general_budget_edu", {2020: 1e308}, as_json=True)
    negative = hf.metrics_with(tmp_path, "negative.yaml", "fund.general_budget_edu", {2020: -21.09})
    for path, words in [
        (huge, "1e+308亿元 不合常理 / is not a plausible figure"),
        (negative, "-21.09亿元 为负数 / is a negative amount"),
    ]:
        (problem,) = validate_file(path)
        assert problem.startswith(f"{path}: metrics[2].values.2020: ") and words in problem


def test_a_target_must_be_possible_too(tmp_path):
    data = hf.example_data()
    metric = next(m for m in data["metrics"] if m["key"] == "preschool.public_share")
    metric["target"] = {"value": 150, "relation": ">="}
    path = tmp_path / "t.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    (problem,) = validate_file(path)
    assert ".target.value: 150% 超过 100" in problem and "is above 100" in problem


def test_every_example_and_eval_case_is_plausible():
    root = Path(__file__).resolve().parent.parent
    files = [*root.glob("examples/*.yaml"), *root.glob("eval/cases/*/metrics.*")]
    assert len(files) >= 10
    assert {str(f): validate_file(f) for f in files} == {str(f): [] for f in files}
