"""Tables in real text: a cell's number is named by its row label and its column heading, in the unit its
column counts; a total row adds up the rows, a ratio column divides two columns (each with a wrong twin)."""

from __future__ import annotations

import pytest

from drafter.checker.check import check_text
from drafter.checker.tables import read_tables
from drafter.core.types import Metric, ReportInfo, SourceData
from drafter.figures.numbers import find_figures

REPORT = ReportInfo(region="某市", level="city", round=2025, period=2024, issuer="某市教育局")
DATA = SourceData(
    report=REPORT,
    metrics=(
        Metric("compulsory.primary_schools", "小学学校数", "所", {2024: 334}),
        Metric("compulsory.primary_classes", "小学班级数", "个", {2024: 8697}),
        Metric("compulsory.primary_students", "小学在校学生数", "人", {2024: 371009}),
        Metric("compulsory.primary_teachers", "小学专任教师数", "人", {2024: 18955}),
        Metric("compulsory.junior_schools", "初中学校数", "所", {2024: 147}),
        Metric("compulsory.junior_classes", "初中班级数", "个", {2024: 3672}),
        Metric("compulsory.junior_students", "初中在校学生数", "人", {2024: 171369}),
        Metric("compulsory.junior_teachers", "初中专任教师数", "人", {2024: 11775}),
    ),
)


def one_cell_per_line(
    primary_schools: str = "334", ratio: str = "19.57", total_classes: str = "12369"
) -> str:
    cells = ["类别", "学校数", "班级数", "在校学生数", "专任教师数", "学生与专任教师比"]
    cells += ["小学", primary_schools, "8697", "371009", "18955", ratio]
    cells += ["初中", "147", "3672", "171369", "11775", "14.55"]
    cells += ["总计", "481", total_classes, "542378", "30730", "17.65"]
    return (
        "2024年全市基础教育情况表\n\n" + "".join(f"{c} |\n" for c in cells) + "\n备注：数据来源于统计调查。\n"
    )


def statuses(text: str) -> dict[str, str]:
    return {f.text.strip(): f.status for f in check_text(text, DATA).findings if f.status != "ignored"}


def test_each_cell_is_named_by_its_row_and_column_and_counts_its_column_s_unit():
    norm = one_cell_per_line()
    figures, words = read_tables(norm, find_figures(norm))
    cell = next(i for i, f in enumerate(figures) if f.text == "8697")
    assert (words[cell], figures[cell].unit) == ("小学班级数", "个")


@pytest.mark.parametrize(("schools", "expected"), [("334", "verified"), ("343", "mismatch")])
def test_a_cell_is_checked_against_the_metric_its_row_and_column_name(schools, expected):
    got = statuses(one_cell_per_line(primary_schools=schools))
    assert got[schools] == expected
    assert got["371009"] == "verified" and got["11775"] == "verified"


@pytest.mark.parametrize(("classes", "expected"), [("12369", "derived"), ("12396", "unsupported")])
def test_a_total_row_adds_up_the_rows_and_a_count_of_classes_takes_no_schools(classes, expected):
    assert statuses(one_cell_per_line(total_classes=classes))[classes] == expected


@pytest.mark.parametrize(("ratio", "expected"), [("19.57", "derived"), ("19.75", "unsupported")])
def test_a_ratio_column_divides_its_row_s_students_by_its_teachers(ratio, expected):
    assert statuses(one_cell_per_line(ratio=ratio))[ratio] == expected


def test_markdown_rows_read_like_cells_on_lines():
    text = "| 类别 | 学校数 | 在校学生数 |\n|---|---|---|\n| 小学 | 334 | 371009 |\n| 初中 | 147 | 171369 |\n"
    got = statuses(text)
    assert got["334"] == "verified" and got["171369"] == "verified"


def test_a_row_with_a_cell_left_out_gives_its_numbers_no_column():
    cells = ["类别", "学校数", "班级数", "在校学生数", "专任教师数", "小学", "334", "8697", "18955"]
    cells += ["初中", "147", "3672", "171369", "11775"]
    norm = "".join(f"{c} |\n" for c in cells)
    figures, words = read_tables(norm, find_figures(norm))
    cell = next(i for i, f in enumerate(figures) if f.text == "18955")
    assert (words[cell], figures[cell].unit) == ("小学", "")
