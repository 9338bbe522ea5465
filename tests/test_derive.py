"""The formula registry: each formula's value, unit, inputs and precision, and bad formulas."""

from __future__ import annotations

import pytest

from drafter.core.errors import InputError
from drafter.core.types import Metric, ReportInfo, SourceData, Target
from drafter.figures.derive import derive_all, evaluate
from drafter.figures.numbers import format_figure

SOURCE = SourceData(
    report=ReportInfo(region="阳泉市", level="city", round=2021, period=2021, issuer="阳泉市人民政府"),
    metrics=(
        Metric("fund.general_budget_edu", "一般公共预算教育支出", "亿元", {2019: 21.00, 2020: 21.09}),
        Metric(
            "fund.per_student_higher_vocational",
            "高职高专生均一般公共预算教育经费",
            "元",
            {2020: 16477.24},
            Target(12000),
        ),
        Metric(
            "preschool.gross_enrolment_rate", "学前三年毛入园率", "%", {2020: 91.1, 2021: 92.3}, Target(90)
        ),
        Metric("private.compulsory_students", "民办义务教育在校生", "人", {2021: 3534}),
        Metric("private.all_students", "义务教育阶段在校生", "人", {2021: 113369}),
        Metric("private.schools", "民办学校", "所", {2021: 0}),
        Metric("student_aid.funds", "资助资金", "万元", {2021: 4942.289}),
        Metric("student_aid.lunch", "免费午餐资金", "万元", {2021: 6697.85}),
    ),
)


@pytest.mark.parametrize(
    ("formula", "shown", "inputs"),
    [
        (
            "diff(fund.general_budget_edu,2019,2020)",
            "0.09亿元",
            ("fund.general_budget_edu@2019", "fund.general_budget_edu@2020"),
        ),
        (
            "growth(fund.general_budget_edu,2019,2020)",
            "0.43%",
            ("fund.general_budget_edu@2019", "fund.general_budget_edu@2020"),
        ),
        (
            "yearly_growth(fund.general_budget_edu,2019,2020)",  # over one year, the year's growth
            "0.43%",
            ("fund.general_budget_edu@2019", "fund.general_budget_edu@2020"),
        ),
        (
            "pp_change(preschool.gross_enrolment_rate,2020,2021)",
            "1.2个百分点",
            ("preschool.gross_enrolment_rate@2020", "preschool.gross_enrolment_rate@2021"),
        ),
        (
            "share(private.compulsory_students,private.all_students,2021)",
            "3.1%",
            ("private.compulsory_students@2021", "private.all_students@2021"),
        ),
        (
            "exceed_target(fund.per_student_higher_vocational,2020)",
            "4477.24元",
            ("fund.per_student_higher_vocational@2020", "fund.per_student_higher_vocational.target"),
        ),
        (
            "exceed_target_pct(fund.per_student_higher_vocational,2020)",
            "37.3%",  # 阳泉: 16477.24 vs 12000
            ("fund.per_student_higher_vocational@2020", "fund.per_student_higher_vocational.target"),
        ),
        (
            "exceed_target(preschool.gross_enrolment_rate,2021)",
            "2.3个百分点",
            ("preschool.gross_enrolment_rate@2021", "preschool.gross_enrolment_rate.target"),
        ),
        (
            "per_capita(student_aid.funds,private.all_students,2021)",
            "435.95元",
            ("student_aid.funds@2021", "private.all_students@2021"),
        ),
        (
            "sum(student_aid.funds+student_aid.lunch,2021)",
            "11640.139万元",
            ("student_aid.funds@2021", "student_aid.lunch@2021"),
        ),
        ("convert(fund.general_budget_edu,2020,万元)", "210900万元", ("fund.general_budget_edu@2020",)),
        ("convert(student_aid.funds,2021,亿元)", "0.4942亿元", ("student_aid.funds@2021",)),
        ("convert(private.all_students,2021,万人)", "11.3369万人", ("private.all_students@2021",)),
    ],
)
def test_each_formula(formula, shown, inputs):
    d = evaluate(formula, SOURCE)
    assert format_figure(d.value, d.unit, d.decimals) == shown
    assert d.inputs == inputs
    assert d.formula == formula and d.label


def test_spaces_in_a_formula_are_ignored():
    assert (
        evaluate("growth( fund.general_budget_edu, 2019, 2020 )", SOURCE).formula
        == "growth(fund.general_budget_edu,2019,2020)"
    )


@pytest.mark.parametrize(
    ("formula", "words"),
    [
        ("grow(fund.general_budget_edu,2019,2020)", "not a formula"),
        ("growth(fund.general_budget_edu,2019)", "takes 3 arguments"),
        ("growth(fund.nothing,2019,2020)", "unknown metric key"),
        ("growth(fund.general_budget_edu,2018,2020)", "no value for 2018"),
        ("pp_change(fund.general_budget_edu,2019,2020)", "not %"),
        ("share(private.compulsory_students,private.schools,2021)", "is 0"),
        ("exceed_target(private.schools,2021)", "has no target"),
        ("convert(fund.general_budget_edu,2020,人)", "cannot convert"),
        ("sum(student_aid.funds+private.all_students,2021)", "one unit family"),
    ],
)
def test_bad_formulas_raise_input_error(formula, words):
    with pytest.raises(InputError) as err:
        evaluate(formula, SOURCE)
    assert words in err.value.message


def test_derive_all_covers_the_registry_and_skips_nonsense():
    formulas = {d.formula for d in derive_all(SOURCE)}
    assert "growth(fund.general_budget_edu,2019,2020)" in formulas
    assert "pp_change(preschool.gross_enrolment_rate,2020,2021)" in formulas
    assert "growth(preschool.gross_enrolment_rate,2020,2021)" not in formulas  # rates change in 个百分点
    assert "exceed_target_pct(fund.per_student_higher_vocational,2020)" in formulas
    assert "share(private.compulsory_students,private.all_students,2021)" in formulas
    assert "share(private.all_students,private.compulsory_students,2021)" not in formulas  # a share is ≤ 100%
    assert not any("per_student" in f and f.startswith(("share", "sum")) for f in formulas)  # 生均 is no part
    assert "convert(fund.general_budget_edu,2020,万元)" in formulas


@pytest.mark.parametrize(("count", "sums"), [(10, 45 + 120 + 210), (40, 780 + 9880), (82, 3321)])
def test_sums_of_three_or_four_metrics_are_listed_only_while_few(count, sums):
    """A 资助 table's 82 counts in 人 gave 1.8 million sums of four: 110 s and 2.6 GB to check a 2 KB text. Sums
    of three or four of a group are listed while there are at most MAX_SUMS of them; pairs always."""
    from drafter.core.types import ReportInfo, SourceData
    from drafter.figures.derive import MAX_SUMS, _sums

    metrics = tuple(Metric(f"student_aid.n{k}", f"资助{k}", "人", {2022: k + 1}) for k in range(count))
    source = SourceData(
        report=ReportInfo(region="开州区", level="county", round=2023, period=2022, issuer="开州区人民政府"),
        metrics=metrics,
    )
    assert MAX_SUMS == 20_000
    assert len(list(_sums(source))) == sums
