"""The checker on a clerk's sentences of a 自评报告 (履行教育职责自评报告): shapes the gathered real texts hardly hold,
each with its correct version and versions with a planted error."""

from __future__ import annotations

import pytest

from drafter.checker.check import check_text
from drafter.core.types import Metric, ReportInfo, SourceData


def status_of(text: str, figure: str) -> tuple[str, str]:
    """(status, expected) of the first figure printed as `figure`."""
    found = next(f for f in check_text(text).findings if f.text.strip() == figure)
    return found.status, found.expected


def problems(text: str) -> list[str]:
    return [f.text.strip() for f in check_text(text).problems]


GRADED = "2023年对全县86所幼儿园开展办园行为督导评估，评估结果为优秀的23所、良好的{}所、合格的15所。"


@pytest.mark.parametrize(
    ("text", "figure", "expected"),
    [
        (GRADED.format(48), "86所", ("derived", "")),
        (GRADED.format(58), "86所", ("inconsistent", "96所")),
        (GRADED.format(38), "86所", ("inconsistent", "76所")),
        ("2023年对全县民办学校年检34所，合格32所，基本合格2所。", "34所", ("derived", "")),
        ("2023年对全县民办学校年检34所，合格31所，基本合格2所。", "34所", ("inconsistent", "33所")),
        (
            "全县112所义务教育学校参加学校管理标准化评估，其中优秀学校45所、良好学校62所、合格学校15所。",
            "112所",
            ("inconsistent", "122所"),
        ),
        (
            "对全县32名中小学校长进行年度考核，考核结果为优秀8人、合格25人、不合格1人。",
            "32名",
            ("inconsistent", "34名"),
        ),
        ("全县68名责任督学年度考核中，优秀12名、称职55名、基本称职2名。", "68名", ("inconsistent", "69名")),
        # two top grades only: the others may be unsaid (short by more than one typo)
        (
            "2023年对全县86所幼儿园开展办园行为督导评估，其中优秀的23所、良好的48所。",
            "86所",
            ("unchecked", ""),
        ),
    ],
)
def test_the_counts_of_an_evaluation_s_grades_add_up_to_what_was_evaluated(text, figure, expected):
    assert status_of(text, figure) == expected


FEE = "小学、初中生均公用经费分别比上年的650元、850元提高70元、{}元，分别达到720元、940元。"


@pytest.mark.parametrize(
    ("text", "figure", "expected"),
    [
        ("普通高中在校生比上年增加230人，达到4850人，增长4.98%。", "4.98%", ("derived", "")),
        ("普通高中在校生比上年增加230人，达到4850人，增长5.98%。", "5.98%", ("inconsistent", "4.98%")),
        ("小学生均公用经费比上年的650元提高70元，达到730元。", "70元", ("inconsistent", "80元")),
        (FEE.format(90), "90元", ("derived", "")),
        (FEE.format(80), "80元", ("inconsistent", "90元")),
        (
            "小学、初中生均公用经费分别提高70元、90元，分别达到720元、940元，分别增长10.8%、12.6%。",
            "12.6%",
            ("inconsistent", "10.6%"),
        ),
    ],
)
def test_a_change_said_before_the_value_it_reached_is_that_value_s(text, figure, expected):
    assert status_of(text, figure) == expected


def test_last_year_s_value_before_its_change_is_no_standard_reached():
    assert problems("小学生均公用经费比上年的650元提高70元，达到720元。") == []


MOVED = "小学、初中生均公用经费分别由{}元、{}元提高到720元、940元。"


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        (MOVED.format(650, 850), []),
        (MOVED.format(650, 950), ["940元"]),
        (MOVED.format(750, 850), ["720元"]),
        ("全县小学、初中大班额分别由2021年的32个、18个减少到2023年的3个、20个。", ["20个"]),
    ],
)
def test_each_end_value_of_a_listed_move_is_measured_from_its_own_start(text, wrong):
    assert problems(text) == wrong


PRIVATE = "全县共有民办学校18所，在校生6520人，分别占全县学校总数156所和在校生总数65420人的{}%和{}%。"


@pytest.mark.parametrize(
    ("text", "figure", "expected"),
    [
        (PRIVATE.format("11.5", "10.0"), "11.5%", ("derived", "")),
        (PRIVATE.format("11.5", "10.0"), "10.0%", ("derived", "")),
        (PRIVATE.format("11.5", "12.0"), "12.0%", ("inconsistent", "10.0%")),
        (PRIVATE.format("13.5", "10.0"), "13.5%", ("inconsistent", "11.5%")),
        (  # the wholes said before the 其中 of the parts, one of each unit
            "全县学校156所，在校生65420人，其中民办学校18所、在校生6520人，分别占11.5%和12.0%。",
            "12.0%",
            ("inconsistent", "10.0%"),
        ),
        (
            "全县学校156所，在校生65420人，其中民办学校18所、在校生6520人，分别占11.5%和10.0%。",
            "11.5%",
            ("derived", ""),
        ),
        (
            "全县公办幼儿园52所、在园幼儿7642人，分别占全县幼儿园总数86所、在园幼儿总数12856人的60.5%、69.4%。",
            "69.4%",
            ("inconsistent", "59.4%"),
        ),
    ],
)
def test_each_share_of_a_list_after_fenbie_zhan_is_of_its_own_part_and_whole(text, figure, expected):
    assert status_of(text, figure) == expected


MEALS = "营养餐补助标准每生每天5元，全年按200天计，每生每年{}元。"
DRAWN = "2023年土地出让收益3.2亿元，按10%计提教育资金{}。"
AT_LEAST = "按不低于城市教育费附加10%的比例计提，2023年城市教育费附加收入8600万元，计提{}万元。"


@pytest.mark.parametrize(
    ("text", "figure", "expected"),
    [
        (MEALS.format(1000), "1000元", ("derived", "")),
        (MEALS.format(800), "800元", ("inconsistent", "1000元")),
        (
            "乡村教师生活补助按每人每月500元标准发放，全年按12个月计，每人每年5000元。",
            "5000元",
            ("inconsistent", "6000元"),
        ),
        (DRAWN.format("3200万元"), "3200万元", ("derived", "")),
        (DRAWN.format("2300万元"), "2300万元", ("inconsistent", "3200万元")),
        (DRAWN.format("3200元"), "3200元", ("inconsistent", "3200万元")),
        (
            "从土地出让收益中按10%计提教育资金，2023年土地出让收益3.2亿元，共计提2300万元。",
            "2300万元",
            ("inconsistent", "3200万元"),
        ),
        (AT_LEAST.format(860), "860万元", ("derived", "")),
        (AT_LEAST.format(900), "900万元", ("derived", "")),
        (AT_LEAST.format(680), "680万元", ("inconsistent", "≥860万元")),
        (
            "全县特殊教育学校1所，在校生46人，生均公用经费按每生每年6000元拨付，全年拨付27.6万元。",
            "27.6万元",
            ("derived", ""),
        ),
        (
            "2023年全县家庭经济困难寄宿生1250人，按每生每年1000元标准发放生活补助，共发放152万元。",
            "152万元",
            ("inconsistent", "125万元"),
        ),
    ],
)
def test_a_product_of_a_standard_and_what_it_applies_to(text, figure, expected):
    assert status_of(text, figure) == expected


@pytest.mark.parametrize(
    ("text", "figure", "expected"),
    [
        ("中职学校2023年毕业生980人，就业人数951人，就业率97.0%。", "97.0%", ("derived", "")),
        ("中职学校2023年毕业生980人，就业人数951人，就业率96.0%。", "96.0%", ("inconsistent", "97.0%")),
        ("上轮督导评估反馈问题12个，已整改到位10个，整改率83.3%。", "83.3%", ("derived", "")),
        ("上轮督导评估反馈问题12个，已整改到位10个，整改率88.3%。", "88.3%", ("inconsistent", "83.3%")),
        ("全县民办学校整改问题23个，整改到位21个，整改到位率100%。", "100%", ("inconsistent", "91%")),
        ("全县民办学校整改问题23个，整改到位23个，整改到位率100%。", "100%", ("derived", "")),
    ],
)
def test_a_rate_named_by_the_count_before_it_without_that_count_s_last_words(text, figure, expected):
    assert status_of(text, figure) == expected


HAZARDS = "2023年开展校园安全隐患排查4轮，排查隐患136处，已整改132处，整改率97.1%，其余{}处正在整改。"


@pytest.mark.parametrize(
    ("text", "figure", "expected"),
    [
        (HAZARDS.format(4), "136处", ("derived", "")),
        (HAZARDS.format(6), "136处", ("inconsistent", "138处")),
        (
            "上轮督导评估反馈问题12个，已整改到位10个，整改率83.3%，剩余3个正在整改中。",
            "12个",
            ("inconsistent", "13个"),
        ),
        ("全县学校112所，其中城区学校18所，其余94所为农村学校。", "112所", ("derived", "")),
        (  # groups, then places (四川 2008's 执法检查): no part of the groups
            "检查组分5个小组，分别检查了成都、自贡、德阳9个市实施义务教育法的情况，其余12个市州报送了自查报告。",
            "5个",
            ("unchecked", ""),
        ),
    ],
)
def test_a_count_is_its_part_and_the_rest_said_after_it(text, figure, expected):
    assert status_of(text, figure) == expected


PAY = "2023年全县义务教育教师年平均工资收入11.26万元，当地公务员年平均工资收入10.98万元，教师高出{}万元。"


@pytest.mark.parametrize(
    ("text", "figure", "expected"),
    [
        (PAY.format("0.28"), "0.28万元", ("derived", "")),
        (PAY.format("0.38"), "0.38万元", ("inconsistent", "0.28万元")),
    ],
)
def test_the_gap_of_teachers_pay_over_civil_servants_said_with_its_side(text, figure, expected):
    assert status_of(text, figure) == expected


BUILT = "2023年新建、改扩建学校12所，新增学位5400个，其中新建学校4所、新增学位3600个，改扩建学校{}所、新增学位{}个。"


@pytest.mark.parametrize(
    ("text", "figure", "expected"),
    [
        (BUILT.format(8, 1800), "12所", ("derived", "")),
        (BUILT.format(8, 1800), "5400个", ("derived", "")),
        (BUILT.format(8, 2800), "5400个", ("inconsistent", "6400个")),
        (BUILT.format(9, 1800), "12所", ("inconsistent", "13所")),
        ("全县中小学校120所，其中小学80所、初中30所、教学点10个。", "120所", ("derived", "")),
        (  # a count of places before, in another clause, is no pair (河北 2016's 督导 report)
            "督导检查组对河北省的28个县进行了实地督导检查，共随机抽查学校260所，其中小学171所，初中54所，九年一贯制学校9所，"
            "完全中学6所，特教学校4所，教学点16个。",
            "260所",
            ("derived", ""),
        ),
    ],
)
def test_a_count_of_schools_beside_a_count_in_ge_takes_the_parts_of_its_own_unit(text, figure, expected):
    assert status_of(text, figure) == expected


AID = "2023年全县共资助学生12560人次、资金1523.6万元，其中学前教育2100人次、126万元，义务教育{}人次、568.6万元，普通高中2660人次、829万元。"


@pytest.mark.parametrize(
    ("text", "figure", "expected"),
    [
        (AID.format(7800), "12560人次", ("derived", "")),
        (AID.format(7900), "12560人次", ("inconsistent", "12660人次")),
    ],
)
def test_a_pair_s_count_is_the_sum_of_the_counts_of_its_listed_items_when_their_amounts_add_up(
    text, figure, expected
):
    assert status_of(text, figure) == expected


@pytest.mark.parametrize(
    ("text", "figure", "expected"),
    [
        ("全县中小学校舍面积86.5万平方米，在校生68650人，生均12.6平方米。", "12.6平方米", ("derived", "")),
        (
            "全县中小学校舍面积86.5万平方米，在校生68650人，生均13.6平方米。",
            "13.6平方米",
            ("inconsistent", "12.6平方米"),
        ),
        ("全县中小学在校生68650人，图书386.2万册，生均53.6册。", "53.6册", ("inconsistent", "56.3册")),
        ("2023年发放补助资金1068万元，惠及乡村教师2967人，人均3600元。", "3600元", ("derived", "")),
        (
            "2023年发放补助资金1068万元，惠及乡村教师2967人，人均4600元。",
            "4600元",
            ("inconsistent", "3600元"),
        ),
        # a bare 校均 is over the one count of schools (lead's own synthesised 校园安全 paragraph)
        ("全县126所学校配备专职保安252名，校均2名。", "2名", ("derived", "")),
        ("全县126所学校配备专职保安252名，校均3名。", "3名", ("inconsistent", "2名")),
    ],
)
def test_a_bare_per_student_figure_is_the_one_amount_of_its_unit_over_the_one_count_of_students(
    text, figure, expected
):
    assert status_of(text, figure) == expected


CLASS_SIZE = "全县共有中小学校112所，教学班1862个，在校生52340人，平均班额{}人。"


@pytest.mark.parametrize(
    ("text", "figure", "expected"),
    [
        (CLASS_SIZE.format("28.1"), "28.1人", ("derived", "")),
        (CLASS_SIZE.format("26.1"), "26.1人", ("inconsistent", "28.1人")),
    ],
)
def test_the_average_class_size_is_the_pupils_over_the_classes(text, figure, expected):
    assert status_of(text, figure) == expected


@pytest.mark.parametrize(
    ("text", "figure", "expected"),
    [
        ("2023年全县一般公共预算教育支出8.52亿元，比上年的8.13亿元增长4.8%。", "4.8%", ("derived", "")),
        (
            "2023年全县一般公共预算教育支出8.52亿元，比上年的8.13亿元增长4.8个百分点。",
            "4.8个百分点",
            ("inconsistent", "4.8%"),
        ),
    ],
)
def test_an_amount_s_growth_from_last_year_s_amount_is_in_percent_not_points(text, figure, expected):
    assert status_of(text, figure) == expected


RETENTION = "全县义务教育巩固率98.3%，高于省定95%的标准{}。"


@pytest.mark.parametrize(
    ("text", "figure", "expected"),
    [
        (RETENTION.format("3.3个百分点"), "3.3个百分点", ("derived", "")),
        (RETENTION.format("3.3%"), "3.3%", ("inconsistent", "3.3个百分点")),
        (
            RETENTION.format("3.5%"),
            "3.5%",
            ("unchecked", ""),
        ),  # (98.3 − 95) ÷ 95: a relative excess, rightly in %
    ],
)
def test_a_rate_s_excess_over_a_standard_rate_is_in_points(text, figure, expected):
    assert status_of(text, figure) == expected


@pytest.mark.parametrize(
    "text",
    [
        # a count its sentence listed after another of its unit is no whole (新增学位5400个, then 1080个)
        "2023年全县新增学位5400个，其中幼儿园学位1080个、小学学位2520个，其余1800个为初中学位。",
        "2023年，县政府教育督导委员会对全县86所幼儿园开展办园行为督导评估，其中新建幼儿园12所，评估结果为优秀的23所、良好的"
        "48所、合格的15所。",
        # two top grades may leave the others unsaid: no one-digit typo is looked for
        "2023年对30所学校开展专项督导，其中优秀12所、良好15所。",
    ],
)
def test_a_list_of_grades_or_of_a_part_and_the_rest_that_is_no_split_is_left_alone(text):
    assert problems(text) == []


@pytest.mark.parametrize(
    ("ratio", "wrong"),
    [("11.5:1", []), ("15.1:1", ["15.1"]), ("1:11.5", []), ("1:15.1", ["15.1"])],
)
def test_pupils_per_teacher_said_in_words(ratio, wrong):
    words = "幼儿与专任教师之比" if ratio.endswith(":1") else "专任教师与幼儿之比"
    assert problems(f"全县幼儿园专任教师1120人，在园幼儿12856人，{words}为{ratio}。") == wrong


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        # the claim said first: its own 消除 is not what the count after it counts (removed classes)
        (
            "一是全面消除大班额，全县义务教育阶段56人以上大班额由2022年的23个减少到2023年的3个。",
            ["全面消除大班额"],
        ),
        ("一是全面消除大班额，全县义务教育阶段56人以上大班额由2022年的23个减少到2023年的0个。", []),
        # pupils brought back (劝返, 复学) or only suspected (疑似) are no dropouts left
        ("全年劝返疑似辍学学生17人，全部返校复学，实现动态清零。", []),
        ("全县仍有辍学学生3人，实现动态清零。", ["实现动态清零"]),
    ],
)
def test_a_claim_of_none_left_is_judged_by_the_count_left_not_by_those_removed_or_brought_back(text, wrong):
    assert problems(text) == wrong


@pytest.mark.parametrize(
    ("text", "figure", "expected"),
    [
        ("中职毕业生1526人，就业（含升学）1468人，就业率96.2%。", "96.2%", ("derived", "")),
        ("中职毕业生1526人，就业（含升学）1468人，就业率92.6%。", "92.6%", ("inconsistent", "96.2%")),
        (
            "全县适龄残疾儿童少年412人，入学(含送教上门)405人，入学率97.3%。",
            "97.3%",
            ("inconsistent", "98.3%"),
        ),
    ],
)
def test_a_rate_named_by_the_count_before_it_whose_name_holds_a_note_in_brackets(text, figure, expected):
    assert status_of(text, figure) == expected


HIGH_CLASSES = "普通高中教学班286个，平均班额49.9人；56人以上大班额12个，占教学班总数的{}。"


@pytest.mark.parametrize(
    ("text", "figure", "expected"),
    [
        (HIGH_CLASSES.format("4.2%"), "4.2%", ("derived", "")),
        (HIGH_CLASSES.format("2.4%"), "2.4%", ("inconsistent", "4.2%")),
        # another count of the part's unit between: which one the share is of is not said
        (
            "中小学专任教师5236人，本科以上学历4189人，研究生学历126人，占专任教师总数的80.0%。",
            "80.0%",
            ("unchecked", ""),
        ),
    ],
)
def test_a_share_of_a_named_whole_whose_part_is_a_kind_of_it_not_named_like_it(text, figure, expected):
    assert status_of(text, figure) == expected


EDU_SHARE = "2023年全县一般公共预算教育支出12.86亿元，比上年的12.31亿元增长4.47%；一般公共预算支出69.14亿元，教育支出占一般公共预算支出的{}。"


@pytest.mark.parametrize(
    ("text", "figure", "expected"),
    [
        (EDU_SHARE.format("18.6%"), "18.6%", ("derived", "")),
        (EDU_SHARE.format("16.8%"), "16.8%", ("inconsistent", "18.6%")),
        (  # 石家庄 2011's 督导 summary: the whole right before the share, the part named by its subject
            "全市国家财政性教育经费为89.42亿元,比2010年的73.12亿元增长22.29%;全市国内生产总值为4000亿元,"
            "国家财政性教育经费占全市国内生产总值比例为2.24%。",
            "2.24%",
            ("derived", ""),
        ),
    ],
)
def test_a_share_whose_whole_is_said_right_before_it_and_whose_part_its_subject_names(text, figure, expected):
    assert status_of(text, figure) == expected


ENROLLED = "全县适龄残疾儿童少年412人，已入学405人，入学率98.3%，其中随班就读268人、特殊教育学校就读96人、送教上门{}人。"


@pytest.mark.parametrize(
    ("text", "figure", "expected"),
    [
        (ENROLLED.format(41), "405人", ("derived", "")),
        (ENROLLED.format(47), "405人", ("inconsistent", "411人")),
    ],
)
def test_a_count_s_parts_listed_after_its_own_rate(text, figure, expected):
    assert status_of(text, figure) == expected


MEALS_PAID = (
    "全县农村义务教育学生31250人纳入营养改善计划，按每生每天5元标准、全年200天计，下达补助资金{}万元。"
)
RURAL_PAY = "乡村教师生活补助按每人每月500元标准、全年12个月计，惠及乡村教师2380人，全年发放{}万元。"


@pytest.mark.parametrize(
    ("text", "figure", "expected"),
    [
        (MEALS_PAID.format(3125), "3125万元", ("derived", "")),
        (MEALS_PAID.format(3215), "3215万元", ("inconsistent", "3125万元")),
        # the year of one teacher (500元×12 = 6000元) is no amount paid for all of them
        (RURAL_PAY.format(1428), "1428万元", ("derived", "")),
        (RURAL_PAY.format(1248), "1248万元", ("inconsistent", "1428万元")),
    ],
)
def test_an_amount_paid_is_a_standard_per_head_and_day_or_month_times_the_heads_and_the_days(
    text, figure, expected
):
    assert status_of(text, figure) == expected


FROM_BASE = "全县一般公共预算教育经费较2022年的12.46亿元{}6200万元，{}。"


@pytest.mark.parametrize(
    ("text", "figure", "expected"),
    [
        (FROM_BASE.format("增加", "增长4.98%"), "4.98%", ("derived", "")),
        (FROM_BASE.format("增加", "增长5.98%"), "5.98%", ("inconsistent", "4.98%")),
        (FROM_BASE.format("减少", "下降4.98%"), "4.98%", ("derived", "")),
        (FROM_BASE.format("减少", "增长4.98%"), "4.98%", ("inconsistent", "4.98%")),  # the wrong way
    ],
)
def test_a_growth_is_the_change_over_last_year_s_value_when_this_year_s_is_not_said(text, figure, expected):
    assert status_of(text, figure) == expected


AID_LEVELS = (
    "2023年全县共落实各类资助资金6820.5万元，资助学生4.83万人次，{}其中：学前教育资助资金312.6万元、资助3126人次；"
    "义务教育阶段资助资金2405.8万元、资助2.95万人次；普通高中资助资金2686.1万元、资助1.12万人次；"
    "中职资助资金{}万元、资助4434人次。"
)


@pytest.mark.parametrize(
    ("text", "figure", "expected"),
    [
        (AID_LEVELS.format("", 1416), "6820.5万元", ("derived", "")),
        # 义务教育阶段 opens an item of a list of levels past "；"
        (AID_LEVELS.format("", 1461), "6820.5万元", ("inconsistent", "6865.5万元")),
        # the pair's changes said between the pair and its list
        (AID_LEVELS.format("同比分别增长5.6%、3.2%，", 1416), "6820.5万元", ("derived", "")),
        (AID_LEVELS.format("同比分别增长5.6%、3.2%，", 1461), "6820.5万元", ("inconsistent", "6865.5万元")),
        (AID_LEVELS.format("同比分别增长5.6%、3.2%，", 1416), "4.83万人次", ("derived", "")),
    ],
)
def test_a_pair_of_totals_split_by_levels_past_semicolons_and_past_the_pair_s_changes(text, figure, expected):
    assert status_of(text, figure) == expected


@pytest.mark.parametrize(
    ("text", "figure", "expected"),
    [
        ("义务教育阶段随迁子女3260人，在公办学校就读3098人，占95.0%。", "95.0%", ("derived", "")),
        ("义务教育阶段随迁子女3260人，在公办学校就读3098人，占90.5%。", "90.5%", ("inconsistent", "95.0%")),
        ("全县教职工6856人，专任教师6124人，占87.3%。", "87.3%", ("inconsistent", "89.3%")),
        # two levels side by side: the share may be of both together, or of another whole
        ("全县小学在校生40500人，初中在校生20700人，占33.8%。", "33.8%", ("unchecked", "")),
        ("城区学校21所，农村学校75所，占78.1%。", "78.1%", ("unchecked", "")),
        # 长治 2021: the first count's own share said before, so the second's is of the same unsaid whole
        (
            "全市农村学校50岁以上教师人数3710名，占比27%，其中51—55岁教师人数2453名，占比18%。",
            "18%",
            ("unchecked", ""),
        ),
    ],
)
def test_a_bare_share_after_the_second_of_two_counts_is_of_the_first(text, figure, expected):
    assert status_of(text, figure) == expected


COEFFICIENTS = "县域义务教育学校校际差异系数小学为{}、初中为0.36，均低于国家规定的0.50、0.45标准。"


@pytest.mark.parametrize(
    ("text", "wrong"),
    [(COEFFICIENTS.format("0.42"), []), (COEFFICIENTS.format("0.52"), ["低于国家规定的0.50、0.45标准"])],
)
def test_coefficients_below_their_standards_said_as_bare_numbers(text, wrong):
    assert problems(text) == wrong


KG_RISE = "学前三年毛入园率达到91.5%，较上年的89.4%提高{}。"


@pytest.mark.parametrize(
    ("text", "figure", "expected"),
    [
        (KG_RISE.format("二点一个百分点"), "二点一个百分点", ("derived", "")),
        (KG_RISE.format("一点二个百分点"), "一点二个百分点", ("inconsistent", "2.1个百分点")),
        ("学前三年毛入园率达到91.5%，较上年的90.5%提高一个百分点。", "一个百分点", ("derived", "")),
    ],
)
def test_points_said_in_chinese_numerals(text, figure, expected):
    assert status_of(text, figure) == expected


def _table(rows: list[list[str]]) -> str:
    return "全县教育经费投入情况如下：\n\n" + "\n".join(" ".join(row) for row in rows) + "\n"


FUNDS_TABLE = [
    ["项目", "2022年", "2023年", "增减"],
    ["一般公共预算教育经费（万元）", "124600", "130800", "6200"],
    ["教育费附加（万元）", "9820", "10460", "640"],
    ["合计（万元）", "134420", "{}", "6840"],
]


@pytest.mark.parametrize(
    ("rows", "total", "expected"),
    [
        (FUNDS_TABLE, "141260", ("derived", "")),
        (FUNDS_TABLE, "141860", ("inconsistent", "141260万元")),
        # a 合计 row whose label holds its unit, the years' columns alone
        ([row[:3] for row in FUNDS_TABLE], "141860", ("inconsistent", "141260万元")),
        # the column after the years is their change, no group of rows
        (
            [[c.replace("（万元）", "") for c in row] for row in FUNDS_TABLE],
            "141860",
            ("inconsistent", "141260"),
        ),
    ],
)
def test_a_total_row_of_a_table_of_years_with_a_change_column(rows, total, expected):
    text = _table([[c.format(total) for c in row] for row in rows])
    assert status_of(text, total) == expected


COUNTY = ReportInfo(region="和平县", level="county", round=2024, period=2023, issuer="和平县人民政府")


def linked(text: str, figure: str, *metrics: Metric) -> tuple[str, str]:
    """(status, expected) of the first figure printed as `figure`, checked against the metrics given."""
    source = SourceData(report=COUNTY, metrics=metrics)
    found = next(f for f in check_text(text, source).findings if f.text.strip() == figure)
    return found.status, found.expected


KINDERGARTENS = Metric("preschool.kindergartens", "幼儿园数", "所", {2023: 86})
CHILDREN = Metric("preschool.children", "在园幼儿", "人", {2023: 12856})
EDU_SPENT = Metric("fund.general_budget_edu", "一般公共预算教育支出", "亿元", {2023: 12.86, 2022: 12.31})
RETENTION_RATE = Metric("compulsory.consolidation_rate", "九年义务教育巩固率", "%", {2023: 98.6})
EMPLOYMENT = Metric("vocational.employment_rate", "中职毕业生就业率", "%", {2023: 96.2})


@pytest.mark.parametrize(
    ("text", "figure", "metrics", "expected"),
    [
        # a 普惠性 part of a whole the data hold is no wrong value of that whole
        (
            "全县共有幼儿园86所，其中公办幼儿园52所、民办幼儿园34所；普惠性幼儿园78所。",
            "78所",
            (KINDERGARTENS,),
            ("unsupported", ""),
        ),
        ("全县在园幼儿12856人；普惠性幼儿园在园幼儿11835人。", "11835人", (CHILDREN,), ("unsupported", "")),
        ("全县共有幼儿园88所。", "88所", (KINDERGARTENS,), ("mismatch", "86所")),
        # all of the budget spent is no education spending
        (EDU_SHARE.format("18.6%"), "69.14亿元", (EDU_SPENT,), ("unsupported", "")),
        (EDU_SHARE.format("18.6%"), "12.86亿元", (EDU_SPENT,), ("verified", "")),
        # a standard said (高于省定96%的标准) is no value, of its own metric or of another that happens to be 96
        (
            "九年义务教育巩固率98.6%，高于省定96%的标准2.6个百分点。",
            "96%",
            (RETENTION_RATE, EMPLOYMENT),
            ("unsupported", ""),
        ),
        (
            "九年义务教育巩固率96%，高于省定95%的标准1个百分点。",
            "96%",
            (RETENTION_RATE, EMPLOYMENT),
            ("mismatch", "99%"),
        ),
    ],
)
def test_a_part_a_whole_budget_or_a_standard_is_no_wrong_value_of_the_metric_its_words_name(
    text, figure, metrics, expected
):
    assert linked(text, figure, *metrics) == expected


PER_STUDENT_LIST = "按在校生人数平均的一般公共预算教育支出，学前教育11236元、小学12458元，分别比上年增长3.2%、{}，实现了“两个只增不减”。"


@pytest.mark.parametrize(
    ("text", "wrong"),
    [(PER_STUDENT_LIST.format("2.6%"), []), (PER_STUDENT_LIST.format("下降2.6%"), ["实现了“两个只增不减”"])],
)
def test_two_no_decrease_is_judged_by_the_changes_of_values_whose_sentence_opens_with_what_they_are(
    text, wrong
):
    assert problems(text) == wrong
