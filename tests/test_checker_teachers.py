"""A university's 本科教学质量报告 on its teachers (holdout14, read after its blind score): weighted counts, shares of
a whole that a part before it is also a share of, counts split respectively, and a table of two heading rows whose
merged cells left empty cells at the end of both. Each shape with a wrong twin the checker must still flag."""

from __future__ import annotations

import pytest

from drafter.checker.check import check_text
from drafter.checker.tables import read_tables
from drafter.core.types import Metric, ReportInfo, SourceData
from drafter.figures.numbers import find_figures


def status_of(text: str, figure: str) -> tuple[str, str]:
    """(status, expected) of the first figure printed as `figure`."""
    found = next(f for f in check_text(text).findings if f.text.strip() == figure)
    return found.status, found.expected


COUNTS = "学校现有专任教师1,443人、外聘教师681人,{}。"


@pytest.mark.parametrize(
    ("text", "figure", "expected"),
    [
        # 折合: 外聘 count half (1443 + 681 × 0.5), no sum of the two
        (COUNTS.format("折合教师总数为1784人"), "1784人", ("unchecked", "")),
        (COUNTS.format("教师总数为2124人"), "2124人", ("derived", "")),
        (COUNTS.format("教师总数为2214人"), "2214人", ("inconsistent", "2124人")),
        # a weighted count may have a half
        ("学校现有专任教师1237人、外聘教师241人,折合教师总数为1357.5人。", "1357.5人", ("unchecked", "")),
        ("学校现有教师1357.5人。", "1357.5人", ("inconsistent", "1357.5万人")),
    ],
)
def test_a_weighted_count_is_no_sum_of_the_counts_before_it(text, figure, expected):
    assert status_of(text, figure) == expected


SHARES = (
    "具有高级职称的专任教师874人,占专任教师的比例为60.57%;"
    "具有研究生学位(硕士和博士)的专任教师1,348人,占专任教师的比例为{}。"
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 874 is itself a share of 专任教师: no whole of the next share of 专任教师 (1348 ÷ 874 is 154%)
        (SHARES.format("93.42%"), ("unchecked", "")),
        ("学校现有专任教师1,443人。" + SHARES.format("93.42%"), ("derived", "")),
        ("学校现有专任教师1,443人。" + SHARES.format("93.24%"), ("inconsistent", "93.42%")),
    ],
)
def test_a_part_said_as_a_share_of_a_whole_is_not_that_whole(text, expected):
    share = "93.24%" if "93.24%" in text else "93.42%"
    assert status_of(text, share) == expected


@pytest.mark.parametrize(
    ("text", "figure", "expected"),
    [
        # 其中 135 of the 教授 and 234 of the 副教授: each count's own part, 369 is no sum of 247's
        (
            "2015年我校专任教师中教授人数143人,副教授人数247人,其中为本科生授课教授人数135人,副教授234人。",
            "247人",
            ("unchecked", ""),
        ),
        # both parts of the 副教授
        (
            "2015年我校专任教师中教授人数143人,副教授人数247人,其中为本科生授课副教授234人,未授课副教授23人。",
            "247人",
            ("inconsistent", "257人"),
        ),
        # parts named like none of the counts before: the last one's, and too many
        (
            "全县小学教职工400人，初中教职工500人，其中专任教师300人、行政人员250人。",
            "500人",
            ("inconsistent", "550人"),
        ),
        ("全县教职工500人，其中专任教师300人、行政人员250人。", "500人", ("inconsistent", "550人")),
    ],
)
def test_parts_said_respectively_belong_each_to_its_own_count(text, figure, expected):
    assert status_of(text, figure) == expected


TEACHERS_TABLE = """表4 教师队伍职称、学位、年龄结构
项目 | 专任教师 | 外聘教师 | |||
数量 | 比例(%) | 数量 | 比例(%) | ||
总计 | 1443 | / | 681 | / | |
职称 | 正高级 | 304 | 21.07 | 441 | 64.76 |
其中教授 | 303 | 21 | 138 | 20.26 | |
副高级 | 570 | 39.5 | 120 | 17.62 | |
中级 | 511 | 35.41 | 75 | 11.01 | |
最高学位 | 博士 | 967 | 67.01 | 187 | 27.46 |
硕士 | 381 | 26.4 | 360 | 52.86 | |
"""


def test_two_heading_rows_with_empty_merged_cells_at_their_end_head_every_column():
    words = dict(zip(*_cells(TEACHERS_TABLE), strict=True))
    assert words["64.76"] == ("职称正高级外聘教师比例(%)", "%")
    assert words["441"] == ("职称正高级外聘教师数量", "")
    assert words["20.26"] == ("其中教授外聘教师比例(%)", "%")
    assert words["967"] == ("最高学位博士专任教师数量", "")
    # no share of the table is read as a count of persons with decimals
    assert not [f.text for f in check_text(TEACHERS_TABLE).problems]


def _cells(text: str) -> tuple[list[str], list[tuple[str, str]]]:
    """The cells' printed numbers and (their words, their unit), in text order."""
    from drafter.checker.text import normalize

    norm = normalize(text).norm
    tables = read_tables(norm, find_figures(norm))
    kept = [i for i in sorted(tables.words)]
    return (
        [tables.figures[i].text.strip() for i in kept],
        [(tables.words[i].replace("（", "(").replace("）", ")"), tables.figures[i].unit) for i in kept],
    )


DEGREES = (
    "学校现有专任教师1167人,外聘教师142人,生师比为19.45:1。\n"
    "1. 职称结构 专任教师中,正高职称教师208人、副高职称教师349人、中级职称教师522人,分别占17.82%、29.91%和44.73%。\n"
    "2. 学位结构 专任教师中,具有博士学位教师431人、硕士学位教师559人,分别占36.93%和{}。\n"
)


@pytest.mark.parametrize(
    ("share", "expected"),
    [
        ("47.90%", ("derived", "")),
        ("49.70%", ("inconsistent", "47.90%")),
    ],  # 49.70%: a real defect's digits swapped
)
def test_two_shares_of_a_whole_named_in_a_paragraph_before_its_numbered_heading(share, expected):
    assert status_of(DEGREES.format(share), share) == expected


TEACHING = (
    "2016-2017 学年我校专任教师中教授人数 123 人,副教授人数 254 人,其中为本科生授课教授人数 105 人,副教授211 人。"
    "各门课程中,副教授以上职称教师占主讲教师比例为46.66%,其中教授占主讲教师比例为16.88%。"
)
TEACHING_DATA = SourceData(
    report=ReportInfo(region="某大学", level="province", round=2018, period=2017, issuer="某大学"),
    metrics=(
        Metric("higher.professors", "专任教师中教授人数", "人", {2015: 143, 2016: 123, 2017: 157}),
        Metric("higher.lecturers_professor_share", "教授占主讲教师比例", "%", {2017: 16.88}),
        Metric("higher.lecturers_associate_share", "副教授占主讲教师比例", "%", {2017: 29.78}),
    ),
)


@pytest.mark.parametrize(
    ("figure", "expected"),
    [
        ("123 人", ("verified", "")),  # 2016-2017学年 is 2016's school year (the data's 2016), not 2017's
        ("46.66%", ("unsupported", "")),  # 副教授以上: 教授 and 副教授 together, no 副教授 share
        ("16.88%", ("verified", "")),
    ],
)
def test_a_school_year_and_a_group_with_all_above_it(figure, expected):
    found = next(f for f in check_text(TEACHING, TEACHING_DATA).findings if f.text.strip() == figure.strip())
    assert (found.status, found.expected) == expected


def test_a_planted_count_of_a_school_year_is_still_wrong():
    found = next(
        f for f in check_text(TEACHING.replace("123 人", "132 人"), TEACHING_DATA).findings if "132" in f.text
    )
    assert (found.status, found.expected) == ("mismatch", "123人")


JOINED = (
    "2015年我校专任教师中教授人数143人,副教授人数247人,其中为本科生授课教授人数135人,副教授234人,"
    "教授为本科生上课的比例为94.4%,副教授为本科生上课的比例为{}。教授、副教授讲授本科课程的比例为94.61%。"
)


@pytest.mark.parametrize(
    ("figure", "expected"),
    [
        ("94.74%", ("derived", "")),
        ("94.73%", ("inconsistent", "94.74%")),  # truncated, not rounded (a real defect)
    ],
)
def test_a_share_of_two_groups_together_is_no_near_miss_of_one_group_s(figure, expected):
    text = JOINED.format(figure)
    assert status_of(text, figure) == expected
    # the groups together: (135 + 234) ÷ (143 + 247) = 94.62%, not a near miss of 234 ÷ 247 = 94.74%
    assert status_of(text, "94.61%") == ("inconsistent", "94.62%")


@pytest.mark.parametrize(
    ("share", "expected"),
    [
        ("94.62%", ("derived", "")),
        ("94.61%", ("inconsistent", "94.62%")),  # truncated (a real defect)
        ("95.61%", ("inconsistent", "94.62%")),
    ],
)
def test_a_share_of_two_groups_together_is_their_parts_over_their_wholes(share, expected):
    assert status_of(JOINED.format("94.74%").replace("94.61%", share), share) == expected


def test_a_share_of_groups_with_a_third_count_of_one_is_left_alone():
    text = JOINED.format("94.74%").replace("副教授234人,", "副教授234人,教授中博士120人,")
    assert status_of(text, "94.61%")[0] != "inconsistent"
