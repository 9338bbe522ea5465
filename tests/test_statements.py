"""Claims in words (checker.statements, judged by checker.judges and checker.stated): one row per reading,
the right claim left alone or verified and the same claim with its words turned around flagged."""

from __future__ import annotations

import pytest

from drafter.checker.check import check_text
from drafter.core.types import PROBLEM_STATUSES, Metric, ReportInfo, SourceData, Target


def claim_flagged(text: str, source: SourceData | None = None) -> bool:
    return any(f.kind == "claim" and f.status == "mismatch" for f in check_text(text, source).findings)


def claim_judged(text: str, source: SourceData | None = None) -> bool:
    return any(f.kind == "claim" for f in check_text(text, source).findings)


def source(*metrics: Metric, period: int = 2022) -> SourceData:
    return SourceData(ReportInfo("某县", "county", period + 1, period, "某县人民政府"), metrics)


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        # the standards the claim states against the values stated before it, in order
        ("全县婴儿死亡率为4.2‰，5岁以下儿童死亡率为5.1‰，明显低于6‰和8‰的省定目标。", False),
        ("全县婴儿死亡率为4.2‰，5岁以下儿童死亡率为5.1‰，明显高于6‰和8‰的省定目标。", True),
        ("全县九年义务教育巩固率为96.1%，实现规划“达到95%”的目标。", False),
        ("全县九年义务教育巩固率为96.1%，未实现规划“达到95%”的目标。", True),
        ("全县九年义务教育巩固率达到93.1%，实现规划“达到95%”的目标。", True),
        ("学前教育毛入园率为85.2%，远低于规划“达到70%”的目标。", True),
        # a completion rate of 100% or more meets the target
        ("全年任务目标数是80所，实际新建85所，完成率为106.25%，已按要求达到年度考核目标。", False),
        ("全年任务目标数是80所，实际新建85所，完成率为106.25%，已按要求未达到年度考核目标。", True),
        ("全年任务目标数是80所，实际新建74所，完成率为92.50%，已按要求达到年度考核目标。", True),
        # a standard kept: the level rate stated before it in its paragraph (a quoted standard is no value)
        ("财政性教育经费占GDP比例为4.12%。这是连续第十年做到“不低于4%”。", False),
        ("财政性教育经费占GDP比例为4.12%。这是连续第十年做到“不高于4%”。", True),
        ("财政性教育经费占GDP比例为4.12%，已连续10年保持在4%以上。", False),
        ("财政性教育经费占GDP比例为3.92%，“十三五”期间做到“不低于4%”，连续第十年做到“不低于4%”。", True),
        # 均…有所增长 said of the list that follows it
        ("全县幼儿园、小学、初中生均经费均比上年有所增长，增幅分别为5.1%、3.2%、2.4%。", False),
        ("全县幼儿园、小学、初中生均经费均比上年有所下降，增幅分别为5.1%、3.2%、2.4%。", True),
        ("全县幼儿园、小学、初中生均经费均比上年有所增长，增幅分别为5.1%、-3.2%、2.4%。", True),
        # one growth against another, each stated earlier in the paragraph
        (
            "全县公共财政教育支出32000万元，比上年增长8.5%。财政经常性收入比上年增长5.2%，公共财政教育支出增长高于财政经常性收入。",
            False,
        ),
        (
            "全县公共财政教育支出32000万元，比上年增长8.5%。财政经常性收入比上年增长5.2%，公共财政教育支出增长低于财政经常性收入。",
            True,
        ),
        # the two values decide when the printed rate is wrong (64469 after 73991 is a fall)
        (
            "一般公共预算教育经费为64469万元，与上年的73991万元相比增长12.05%。财政经常性收入139857万元，"
            "比上年的143363万元增长-2.45%，一般公共预算教育经费增长高于财政经常性收入增长。",
            True,
        ),
        # plans, purposes, tasks and shares of a target are no claims of a result
        ("公办园在园幼儿占比为46.1%，推动公办幼儿园在园幼儿占比达到50%的标准。", False),
        ("巩固率为93.1%，为实现2025年巩固率达到95%的目标奠定了坚实基础。", False),
        ("共完成教育固定资产投资6.15亿元，完成年度目标任务的99.27%。", False),
        ("全县共有56人以上大班额12个，消除大班额需要进一步聚焦城区学校。", False),
        # the salary claim against the two amounts its paragraph states (a new user's county report)
        ("教师平均工资收入10.5万元，当地公务员平均工资收入10.2万元，教师平均工资收入不低于公务员。", False),
        ("教师平均工资收入9.8万元，当地公务员平均工资收入10.2万元，教师平均工资收入不低于公务员。", True),
        ("教师平均工资收入9.8万元，当地公务员平均工资收入10.2万元，教师平均工资收入低于公务员。", False),
        # several years of each: not one comparison, not judged
        (
            "2023年、2024年教师平均工资收入分别为9.6万元、9.8万元，当地公务员平均工资收入分别为9.5万元、10.2万元，"
            "教师平均工资收入不低于公务员。",
            False,
        ),
        # the one later sentence of the paragraph that names what the claim speaks of
        (
            "女童接受教育比重稳步提高。在园女童2176.7万人，比上年增加56.3万人；女童所占比重为46.7%，比2010年提高1.3个百分点。",
            False,
        ),
        (
            "女童接受教育比重有所下降。在园女童2176.7万人，比上年增加56.3万人；女童所占比重为46.7%，比2010年提高1.3个百分点。",
            True,
        ),
        # a whole report of a clerk's usual sentences: the claim against the figures its sentence states
        ("全县课后服务覆盖率为98.5%，实现课后服务全覆盖。", True),
        ("全县课后服务覆盖率为100%，实现课后服务全覆盖。", False),
        # the rates 全覆盖 is said of (a new user's trial: 98.5% passed)
        ("全县中小学专职保安配备率为98.5%，实现全覆盖。", True),
        ("全县中小学专职保安配备率为100%，实现全覆盖。", False),
        # 全覆盖 of another thing, named between the rate and 实现 (a review of the change)
        ("全县食堂“明厨亮灶”接入率为97.5%，校园周边“护学岗”实现全覆盖。", False),
        ("专职保安员配备率为98.5%，一键式紧急报警和视频监控系统实现全覆盖。", False),
        ("全县课后服务覆盖率为98.5%，已实现课后服务全覆盖。", True),
        (
            "全县56人以上大班额由2021年的32个减少到2023年的3个，全面消除大班额。",
            True,
        ),  # not a plan: 到2023年的3个
        ("全县56人以上大班额由2021年的32个减少到2023年的0个，全面消除大班额。", False),
        ("2023年小学生均一般公共预算教育支出11850元，比上年的12030元有所增长。", True),
        ("2023年小学生均一般公共预算教育支出12850元，比上年的12030元有所增长。", False),
        ("2021—2023年，全县一般公共预算教育支出分别为6.21亿元、6.05亿元、6.83亿元，逐年增长。", True),
        ("2021—2023年，全县一般公共预算教育支出分别为6.21亿元、6.45亿元、6.83亿元，逐年增长。", False),
    ],
)
def test_claims_judged_from_the_text(text, flagged):
    assert claim_flagged(text) == flagged


@pytest.mark.parametrize(
    "text",
    [
        "毛入园率由2010年的56.6%下降到2018年的81.7%。",  # 到 a year: the value after it is still the new one
        "2020年全县在园幼儿4818人，为近年峰值。2021年全县在园幼儿增长到4805人。",  # last year's value earlier
    ],
)
def test_a_change_word_against_the_two_values(text):
    assert any(f.status in PROBLEM_STATUSES for f in check_text(text).findings)


BALANCED = Metric(
    "compulsory.balanced_counties", "实现县域义务教育基本均衡发展的县(市、区)", "个", {2022: 14}
)
DROPOUTS = (
    Metric("compulsory.dropouts", "义务教育阶段辍学学生", "人", {2022: 831}),
    Metric("compulsory.dropouts_registered_poor", "建档立卡辍学学生", "人", {2022: 0}),
)
TARGETS = (
    Metric("compulsory.consolidation_rate", "九年义务教育巩固率", "%", {2022: 95.2}, Target(95)),
    Metric("higher.gross_enrolment_rate", "高等教育毛入学率", "%", {2022: 54.4}, Target(50)),
)
MISSED = Metric("higher.gross_enrolment_rate", "高等教育毛入学率", "%", {2022: 48.0}, Target(50))
SUPER = Metric(
    "compulsory.super_large_class_share", "超大班额占总班数比例", "%", {2022: 0.5}, Target(2, "<=")
)
LARGE = Metric("compulsory.large_class_share", "大班额占比", "%", {2022: 3.46}, Target(5, "<="))


HIGH_SCHOOL = (
    Metric("highschool.schools", "普通高中学校", "所", {2022: 5, 2021: 5}),
    Metric("highschool.students", "普通高中在校生", "人", {2022: 6747, 2021: 6458}),
)


@pytest.mark.parametrize(
    ("text", "metrics", "flagged"),
    [
        ("全市14个县(市、区)全部实现县域义务教育基本均衡发展。", (BALANCED,), False),
        ("全市14个县(市、区)全部未实现县域义务教育基本均衡发展。", (BALANCED,), True),
        ("全市16个县(市、区)全部实现县域义务教育基本均衡发展。", (BALANCED,), True),
        # a claim about some of them is judged by the metric that counts those
        ("全县辍学学生降至831人，其中建档立卡辍学学生实现动态清零。", DROPOUTS, False),
        ("全县辍学学生降至831人，其中建档立卡辍学学生未实现动态清零。", DROPOUTS, True),
        ("全县义务教育阶段辍学学生实现动态清零。", DROPOUTS, True),
        # every target of the metrics
        ("如期实现“十四五”规划确定的各项主要目标。", TARGETS, False),
        ("如期未实现“十四五”规划确定的各项主要目标。", TARGETS, True),
        ("如期实现“十四五”规划确定的各项主要目标。", (TARGETS[0], LARGE, MISSED), True),
        # the metric whose target is the standard the claim states; 超大班额 is not 大班额
        ("如期实现了“基本消除超大班额(控制在2%以内)”的工作目标。", (SUPER, LARGE), False),
        ("如期未实现“基本消除超大班额(控制在2%以内)”的工作目标。", (SUPER, LARGE), True),
        # a plan named in the sentence does not make the result a plan
        (
            "通过实施化解大班额三年攻坚计划，目前该县56人以上大班额尚未清零。",
            (Metric("compulsory.large_class_count", "56人以上大班额", "个", {2022: 0}),),
            True,
        ),
        # the growth rates of the metrics when no level has last year's value
        (
            "落实教育优先发展，未实现“两个只增不减”目标。",
            (Metric("fund.general_budget_edu_growth", "一般公共预算教育经费比上年增长", "%", {2022: 7.08}),),
            True,
        ),
        (
            "教育经费实现了“两个只增不减”。",
            (Metric("fund.general_budget_edu_growth", "一般公共预算教育经费比上年增长", "%", {2022: -1.2}),),
            True,
        ),
        # of two labels named whole, the longer one: 普通高中在校生 is not 普通高中学校 (synonym 普通高中)
        ("普通高中在校生稳步提高。", HIGH_SCHOOL, False),
        ("普通高中在校生有所下降。", HIGH_SCHOOL, True),
        # a direction said with 比上年 and no figure after it (a sentence carried from last year's report)
        ("普通高中在校生比上年增加。", HIGH_SCHOOL, False),
        ("普通高中在校生比上年下降。", HIGH_SCHOOL, True),
        # …and a denial said with 尚未
        (
            "初中生均支出比上年增长，“两个只增不减”要求尚未落实到位。",
            (Metric("fund.general_budget_edu_growth", "一般公共预算教育经费比上年增长", "%", {2022: 7.08}),),
            True,
        ),
    ],
)
def test_claims_judged_by_the_metrics(text, metrics, flagged):
    assert claim_flagged(text, source(*metrics)) == flagged


RISES = (
    Metric("fund.general_budget_edu", "一般公共预算教育支出", "亿元", {2021: 4.86, 2022: 5.21}),
    Metric("fund.per_student_primary", "小学生均一般公共预算教育支出", "元", {2021: 10890, 2022: 11250}),
)
FELL_IN_TEXT = (
    "小学生均一般公共预算教育支出11250元，比上年10890元增长3.3%；初中生均一般公共预算教育支出14620元，比上年15030元"
    "下降2.7%。全县实现了教育经费“两个只增不减”。"
)


def test_a_fall_the_text_states_beside_two_no_decrease_is_not_hidden_by_data_holding_only_rises():
    """A new user's report: flagged with no data, passed once the metrics held only 小学 and the budget, both up."""
    assert claim_flagged(FELL_IN_TEXT)
    found = [f for f in check_text(FELL_IN_TEXT, source(*RISES)).findings if f.kind == "claim"]
    assert [f.status for f in found] == ["mismatch"]
    assert "下降2.7%" in found[0].expected and found[0].message.startswith("与文中数字不符")
    assert found[0].text.endswith("”")  # the claim's words with their closing quote
    rose = FELL_IN_TEXT.replace("比上年15030元下降2.7%", "比上年14030元增长4.2%")
    assert not claim_flagged(rose, source(*RISES))
    # a fall of what the claim is not of: 生均公用经费, 生均校舍面积 (a review of the change)
    for other in ("初中生均公用经费2100元，比上年下降2.7%", "因学生增加，初中生均校舍建筑面积比上年下降2.7%"):
        text = (
            f"全县一般公共预算教育支出5.21亿元，比上年增长7.2%；{other}。全县实现了教育经费“两个只增不减”。"
        )
        assert not claim_flagged(text, source(*RISES)), other
    # with no data the same: a fall of 公用经费 beside the claim does not disprove it, a fall of 生均…教育支出 does
    for other in ("初中生均公用经费2100元，比上年下降2.7%", "因学生增加，初中生均校舍建筑面积比上年下降2.7%"):
        text = (
            f"全县一般公共预算教育支出5.21亿元，比上年增长7.2%；{other}。全县实现了教育经费“两个只增不减”。"
        )
        assert not claim_flagged(text), other


def test_a_count_of_units_that_met_a_target_is_not_the_region_s_claim():
    text = "19个市(州)实现“全部消除66人以上超大班额”目标任务。"
    assert not claim_judged(text, source(LARGE, SUPER))


def test_a_direction_with_its_figure_after_it_is_the_figure_s_not_a_claim():
    """普通高中在校生比上年增加289人: the figure is checked; 比上年增加 is no claim of its own."""
    text = "普通高中在校生6747人，比上年增加289人。"
    assert not any(f.kind == "claim" for f in check_text(text, source(*HIGH_SCHOOL)).findings)


SALARY = (
    Metric("salary.teacher_avg", "教师平均工资收入", "元", {2022: 99000}),
    Metric("salary.civil_servant_avg", "公务员平均工资收入", "元", {2022: 101000}),
)


@pytest.mark.parametrize(
    ("text", "judged"),
    [  # 确保了 states a result (a second new user's report: the wrong salary claim went through); 确保 plans one
        ("长治市确保了义务教育教师平均工资收入水平不低于当地公务员平均工资水平。", True),
        ("确保义务教育教师平均工资收入水平不低于当地公务员平均工资水平。", False),
    ],
)
def test_a_claim_after_quebao_le_is_a_result(text, judged):
    assert claim_flagged(text, source(*SALARY)) == judged
