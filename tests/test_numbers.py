"""Figures in Chinese report text: every form that is a figure, and every number that is not."""

from __future__ import annotations

import pytest

from drafter.figures.numbers import (
    find_figures,
    format_figure,
    matches_shown,
    mistyped,
    swapped_digits,
    to_base,
)


def figures(text: str) -> list[tuple[str, float, str, int]]:
    return [(f.text.strip(), f.value, f.unit, f.decimals) for f in find_figures(text) if not f.ignored]


def reasons(text: str) -> dict[str, str]:
    return {f.text.strip(): f.ignored for f in find_figures(text)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("投入21.09亿元", ("21.09亿元", 21.09, "亿元", 2)),  # units stay as printed
        ("经费16,477.24元", ("16,477.24元", 16477.24, "元", 2)),  # thousands separator
        ("全市１２３所学校", ("１２３所", 123, "所", 0)),  # full-width digits
        ("惠及学生3.5万人", ("3.5万人", 3.5, "万人", 1)),  # 万 multiplier kept in the unit
        ("毛入园率92.3%", ("92.3%", 92.3, "%", 1)),
        ("下降1.2个百分点", ("1.2个百分点", 1.2, "个百分点", 1)),
        ("建设认定30 所", ("30 所", 30, "所", 0)),  # a space before the unit
        ("建成三所幼儿园", ("三所", 3, "所", 0)),  # Chinese numerals via cn2an
        ("组建十二个集团", ("十二个", 12, "个", 0)),
        ("培训一百零五人", ("一百零五人", 105, "人", 0)),
        ("受益两千余人", ("两千余人", 2000, "人", 0)),  # 余 kept in the text
        ("招生13 万余人", ("13 万余人", 13, "万人", 0)),
        ("用地面积由1.13万余亩", ("1.13万余亩", 1.13, "万亩", 2)),  # 余 between 万 and any counted unit
        ("覆盖13万多所学校", ("13万多所", 13, "万所", 0)),
        ("配置教学仪器设备91万台套", ("91万台套", 91, "万台套", 0)),  # sets of equipment, counted as 套
        ("中等职业学校602家", ("602家", 602, "所", 0)),  # schools are counted in 所, whatever the word
        ("培训机构300家", ("300家", 300, "家", 0)),
        ("专项资金2800万", ("2800万", 2800, "万", 0)),
        ("资金752. 96万元", ("752. 96万元", 752.96, "万元", 2)),  # OCR space after the point
        ("死亡率0.5‰", ("0.5‰", 0.5, "‰", 1)),
        ("每年安排20萬元", ("20萬元", 20, "万元", 0)),  # Traditional 萬
        ("考核总得分为96.15分", ("96.15分", 96.15, "分", 2)),  # a score that is a figure
        ("全市考生平均分为612分", ("612分", 612, "分", 0)),
        ("开展送教活动1076场次", ("1076场次", 1076, "场次", 0)),  # sessions, not 场 (江苏 2020, the trial)
    ],
)
def test_each_figure_form(text, expected):
    assert figures(text) == [expected]


@pytest.mark.parametrize(
    ("text", "number", "why"),
    [
        ("2021年，全市", "2021年", "year"),
        ("2021-2022学年", "2021", "range-year"),
        ("2005、2008、2009年普通高等教育招生比例", "2008", "year"),  # a year listed before the one 年 follows
        ("根据（晋政教督〔2021〕1号）", "1", "doc_number"),
        ("《意见》（辽政发﹝2024﹞21号）", "21", "doc_number"),
        ("2022年3月20日", "20", "date"),
        ("（20111230中国人民银行公布人民币汇率中间价）", "20111230", "date"),  # eight digits
        ("二〇一二年广州市教育事业概况\n\n2012 12\n\n[广州市简况]", "12", "date"),  # a page's date line
        ("完成初中工程二期项目的审核", "二期", "ordinal"),  # the project's phase
        ("截至 6 月 15 日", "6", "date"),
        ("（3）确保教育经费", "3", "section_number"),
        ("1。全省学前教育经费总投入为219.75亿元", "1", "section_number"),  # 1. turned into 1。 by a converter
        ("落实两项工作；（3）确保经费", "3", "ordinal"),
        ("市委第155、156次常委会", "155", "ordinal"),
        ("市委第155、156次常委会", "156次", "ordinal"),
        ("市政府第70次、71次常务会", "71次", "ordinal"),
        ("确保“两个只增不减”", "两个", "name"),
        ("增强“四个意识”", "四个", "name"),
        ("制定《计划（2010—2020年）》", "2010", "name"),
        ("举报电话13912345678", "13912345678", "phone"),
        # a score line names a group of candidates (武昌 2015, 湖南 2013: holdout11, read after its blind score)
        ("今年高考过600分人数750人", "600分", "score_line"),
        ("占全市中心城区600分上线人数的45.1%", "600分", "score_line"),
        ("全市400分以上高分人数32人", "400分", "score_line"),
        ("消除56人以上大班额", "56人", "name"),
        ("超过66人的超大班额基本消除", "66人", "name"),
        ("（琼教〔202089号）", "202089", "doc_number"),  # a number cut short
        ("较上年增长13.68%(见附件1)", "1", "name"),
        ("基本情况见下表。\n表1 全县学校情况", "1", "name"),  # a table's number
        ("（伊政教督委发20235号）文件", "20235", "doc_number"),  # a 文号 whose brackets were lost
        ("加强党对教育工作的全面领导1 .党组织领导的校长负责制", "1", "section_number"),  # a list item run in
        ("在校生92.2万、占全区总人口的1/4", "4", "ratio"),  # a fraction
        ("增幅在全国31个省区市中排第8位", "31个", "name"),  # the country's provinces
        ("课后服务5+2全覆盖", "5", "name"),
        ("连续3年实现", "3年", "duration"),
        ("预留一所幼儿园", "一所", "word"),
        ("全省首批唯一一所书证融通试点", "一所", "word"),
        ("ESI 排名前 1%", "1%", "ordinal"),
        ("普职比约为66：34", "66", "ratio"),
        ("建成4A级组织", "4", "name"),
    ],
)
def test_what_is_not_a_figure(text, number, why):
    assert reasons(text)[number] == why


@pytest.mark.parametrize("text", ["目前34个项目全部开工", "此前5所学校已完工", "提前3年完成"])
def test_a_word_ending_in_qian_is_no_rank(text):
    """目前34个项目: 前 of 目前/此前/提前 makes no 前N rank (34个 went unchecked, and 竣工率 with it)."""
    assert all(f.ignored != "ordinal" for f in find_figures(text))


def test_section_numbers_at_line_start_are_ignored():
    text = "1. 教育职责进一步优先落实。\n（2）建立联系制度，投入30万元。"
    assert figures(text) == [("30万元", 30, "万元", 0)]
    assert {f.ignored for f in find_figures(text) if f.value in (1, 2)} == {"section_number"}


def test_a_range_gives_two_figures_with_its_unit():
    assert figures("按每人每月600-800元补助") == [("600", 600, "元", 0), ("800元", 800, "元", 0)]


def test_offsets_point_into_the_text():
    text = "全市幼儿园883所，在园幼儿94983人。"
    for f in find_figures(text):
        assert text[f.start : f.end] == f.text


@pytest.mark.parametrize(
    ("value", "unit", "decimals", "expected"),
    [
        (21.09, "亿元", None, "21.09亿元"),
        (0.43, "%", 2, "0.43%"),
        (1.2, "个百分点", None, "1.2个百分点"),
        (30, "所", None, "30所"),
        (30.0, "所", None, "30所"),  # integers without .0
        (6.0, "%", 2, "6.00%"),  # a fixed precision keeps its zeros
        (37.31033, "%", 1, "37.3%"),
        (0.125, "%", 2, "0.13%"),  # half up, not banker's rounding
    ],
)
def test_format_figure(value, unit, decimals, expected):
    assert format_figure(value, unit, decimals) == expected


@pytest.mark.parametrize(
    ("printed", "decimals", "actual", "ok"),
    [
        (91.2, 1, 91.24, True),
        (91.3, 1, 91.24, False),  # rounding beyond tolerance
        (21, 0, 21.09, True),  # 21 shown with 0 decimals covers [20.5, 21.5)
        (21, 0, 21.5, False),
        (52.3, 1, 52.48, False),
    ],
)
def test_tolerance_follows_the_shown_precision(printed, decimals, actual, ok):
    assert matches_shown(printed, decimals, actual) is ok


@pytest.mark.parametrize(
    ("value", "unit", "base"),
    [
        (21.09, "亿元", (2109000000, "元")),
        (900, "万元", (9000000, "元")),
        (3.5, "万人", (35000, "人")),
        (12, "名", (12, "人")),
        (5, "所", (5, "所")),
        (91, "万台套", (910000, "套")),  # the data count sets of equipment in 万套
    ],
)
def test_to_base(value, unit, base):
    got = to_base(value, unit)
    assert got[1] == base[1] and got[0] == pytest.approx(base[0])


@pytest.mark.parametrize(
    ("text", "number", "why"),
    [
        ("联系方式:李某 028—86110490", "86110490", "phone"),  # an area code joined by a dash
        ("邮编:610041", "610041", "address"),
        ("联系地址:成都市陕西街26号", "26", "address"),
        ("2)示范区普通初中为8477元", "2", "section_number"),  # a list number with only its closing bracket
    ],
)
def test_contact_lines_and_half_bracketed_list_numbers_are_not_figures(text, number, why):
    assert reasons(text)[number] == why


def test_list_numbers_that_lost_their_mark_are_section_numbers_only_in_a_sequence():
    listed = "1幼儿园为3,364.22元。\n\n2普通小学为12,710.81元。"
    assert figures(listed) == [("3,364.22元", 3364.22, "元", 2), ("12,710.81元", 12710.81, "元", 2)]
    alone = "全县共有学校\n15中学生获奖。"  # one bare number at a line start is no list
    assert ("15", 15, "", 0) in figures(alone)


@pytest.mark.parametrize(
    ("text", "units"),
    [
        # the previous value written without its unit is in the unit of the value before it
        ("中职为14,609.52元，比上年的12,530.03增加2,079.49元", ["元", "元", "元"]),
        ("中职为14,609.52元。比上年的12,530.03增加2,079.49元", ["元", "", "元"]),  # not across a full stop
        # 个 cut short of 个百分点 in a list of changes
        ("分别比上年提高0.06个、2.56个百分点", ["个百分点", "个百分点"]),
        ("学校12个、3个百分点", ["个", "个百分点"]),
        # 万 after a count of people is 万人, and so is the change of it in 万
        ("在园幼儿4093万，较上年减少534.5万", ["万人", "万人"]),
        ("投入2800万，较上年增加100万", ["万", "万"]),
    ],
)
def test_units_left_out_are_the_units_of_the_figures_beside(text, units):
    assert [f.unit for f in find_figures(text) if not f.ignored] == units


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("全县31个乡镇全部设立中心校", "31个"),  # 31 of a county's own, not the country's provinces
        ("增长1.5%，达到历史最好水平", "1.5%"),  # a decimal, not a list item
        ("2021年发放资助金300万元", "300万元"),  # 发 before a number with no 号
        ("全县创建31个省级示范幼儿园", "31个"),  # a count, not the country's provinces
    ],
)
def test_what_stays_a_figure(text, number):
    assert reasons(text)[number] == ""


@pytest.mark.parametrize(
    "text",
    [
        "来源：http://hqq.gov.cn/Notice/info/24483，全区共有学校24所。",  # new-user trial: 24483 was a figure
        "来源：https：//www.gov.cn/zhengce/2023-10/12/content_6908.htm。全区共有学校24所。",
        "详见www.moe.gov.cn/s78/A03。全区共有学校24所。",
        "联系邮箱jyj2021@163.com。全区共有学校24所。",
    ],
)
def test_the_digits_of_a_web_or_mail_address_are_no_figures(text):
    assert figures(text) == [("24所", 24, "所", 0)]  # (a date in the address may be said to be a date)
    assert "url" in {why for number, why in reasons(text).items() if number != "24所"}


@pytest.mark.parametrize(
    ("printed", "meant", "typo", "swap"),
    [
        ("76431", "76413", True, True),
        ("45050", "44050", True, False),
        ("0.48", "0.84", True, True),
        (
            "0.3",
            "3.0",
            True,
            False,
        ),  # the digits swapped (mistyped reads digits only); tenfold, no swap in place
        ("1.5", "125", False, False),  # the digits are not as many
        ("12.34", "1.234", False, False),  # the point moved: the digits are the same
        (
            "0.48",
            "4.08",
            True,
            False,
        ),  # the digits swapped across the point: a typo of the digits, no swap in place
    ],
)
def test_a_typo_is_of_the_digits_and_a_swap_keeps_the_decimal_point(printed, meant, typo, swap):
    assert (mistyped(printed, meant), swapped_digits(printed, meant)) == (typo, swap)
