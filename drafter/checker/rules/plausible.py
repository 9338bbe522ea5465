"""Figures that cannot be right whatever the data: a count of people with decimals, a share above 100%, a
number broken by a space where its decimal point was.

"在校生9695.90万人，比上年减少230.47人" (人 for 万人); "学历合格率699.94%" (a footnote glued to 99.94%);
"幼儿园26 67万所" (the decimal point lost); "辍学率2021年为98.82" (a 巩固率 under the dropout rate's name). Averages (平均班额45.6人, 生均) may have decimals; gross rates
(毛入学率114.93%) and retention (巩固率100.9%) may pass 100%.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafter.checker.reading import Reading
from drafter.checker.rules.base import Verdict
from drafter.figures.numbers import format_figure

NAME = "implausible"
WHOLE_COUNTS = {"人": "万人", "所": "万所", "名": "万名", "个": "万个", "家": "", "班": "", "次": "万人次"}
AVERAGE = re.compile(r"平均|均|每|人均|生均|班额|生师比|师生比|折合|折算")  # 折合教师1357.5人: weighted
# 每名教师负担学生数比上年增加0.3人: a per-head average named at its clause's start, farther back than AVERAGE looks
PER_HEAD = re.compile(r"每(?:名|位|个)?(?:教师|老师|班|校|学校)|负担学生")
CAPPED = re.compile(r"占比|比例|比重|合格率|覆盖率|达标率|普及率|到位率|参与率|设置率|配备率|使用率")
# 全市平均万人拥有高中学生数为170.8人，初中学生数为608.5人: every figure of the sentence is per 10,000 people
PER_PEOPLE = re.compile(r"万人(?:口)?拥有|每(?:十|百)?万(?:人|名)")
GROSS = re.compile(r"毛入学率|毛入园率|巩固率|入学率|入园率|升学率")
GROWTH = re.compile(r"增长|增幅|增速|提高|下降|最快|最慢|变化")
LIMIT_CAPPED, LIMIT_ANY = 100.0, 150.0
PEOPLE = ("人", "名")  # the units of a count of teachers or pupils (each test below asked of its unit only)


def check(reading: Reading) -> Iterator[Verdict]:
    for i in reading.active:
        f, c = reading.figures[i], reading.claims[i]
        split_unit = reading.text.startswith(("百分", "千分"), f.end)  # 1.2个百分《…》点 (junk), 0.2个千分点
        if (
            f.unit in WHOLE_COUNTS
            and f.decimals
            and not AVERAGE.search(reading.lead(i)[-12:])
            and not AVERAGE.search(reading.cells.get(i, ""))  # a 班均人数 column's cell
            and not PER_HEAD.search(reading.clause(i))
            and not split_unit
            and not PER_PEOPLE.search(reading.text[reading.sentence(f.start)[0] : f.start])
        ):
            bigger = WHOLE_COUNTS[f.unit]
            expected = format_figure(f.value, bigger, f.decimals) if bigger else ""
            yield Verdict(
                i,
                "inconsistent",
                NAME,
                expected,
                "",
                f"{f.unit}数不会有小数：单位可能应为{bigger or '其他单位'}",
            )
        elif f.unit == "%" and c.kind in ("rate", "share") and _over(reading, i):
            yield Verdict(
                i, "inconsistent", NAME, "", "", "比率超过可能的范围：数字可能粘连了注释或缺少小数点"
            )
        elif f.unit in ("万", "亿") and reading.text[f.end : f.end + 1] in ("万", "亿"):
            doubled = f.unit + reading.text[f.end]  # 共投入资金1091万万: the unit typed twice, its noun lost
            said = f"单位“{doubled}”写重了：请核对，可能应为{f.text.strip()}元（或万人等）"
            yield Verdict(i, "inconsistent", NAME, "", "", said)
        elif f.unit and _broken(reading, i):
            yield Verdict(i, "inconsistent", NAME, "", "", "数字中间有空格：可能丢了小数点")
        elif f.unit in PEOPLE and (pupils := _pupils_beside(reading, i)) is not None:
            p = reading.figures[pupils]
            yield Verdict(
                i,
                "inconsistent",
                NAME,
                "",
                "",
                f"{p.text.strip()}学生只有{f.text.strip()}教师的{p.value / f.value:.2g}倍，不可能：教师数可能多打了一位数字",
            )
        elif f.unit == "%" and (pupils := _under_one_pupil(reading, i)) is not None:
            p = reading.figures[pupils]
            one = 100 / p.value
            yield Verdict(
                i,
                "inconsistent",
                NAME,
                "",
                "",
                f"{f.text.strip()}不到{p.text.strip()}中的1人（1人即{one:.2f}%）：不可能，小数点可能错位",
            )
        elif not f.unit and (ratio := _colon_lost(reading, i)) is not None:
            yield Verdict(
                i, "inconsistent", NAME, ratio, "", f"生师比不会写到三位小数：原文可能丢了冒号，应为{ratio}"
            )
        elif f.unit in ("%", "") and _too_many_lost(reading, i):
            yield Verdict(
                i,
                "inconsistent",
                NAME,
                "",
                "",
                f"辍学率不会高达{f.text.strip().rstrip('%％')}%：可能是巩固率或入学率，"
                f"或应为{100 - f.value:.{f.decimals}f}%，请核对",
            )
        elif f.unit == "元" and _per_student_unsaid(reading, i):
            yield Verdict(
                i,
                "inconsistent",
                NAME,
                "",
                "",
                f"{f.text.strip()}作为一个学段的经费总额太小，而同段其他各项都是生均数：可能漏了“生均”二字",
            )


RATIO_SAID = re.compile(r"(?:生师比|师生比)(?:为|是|达到|达)?[：:]?$")


def _colon_lost(reading: Reading, i: int) -> str | None:
    """普通高校生師比達到17.231 (a 2008 news page): a 生师比 printed bare with three decimals, the last a 1, is the
    17.23:1 whose colon the served text lost; nobody prints a ratio of teachers to three places. What it should
    read (17.23:1), else None."""
    f = reading.figures[i]
    if f.unit or f.decimals != 3 or not f.text.rstrip().endswith("1"):
        return None
    if not RATIO_SAID.search(reading.lead(i)[-12:]):
        return None
    return f"{f.text.strip()[:-1]}:1"


LOST = r"(?:辍学|流失|失学)率"  # a rate of pupils lost
LOSS_RATE = re.compile(LOST + r"(?:为|是|达到|达)?[：:]?$")
STUDENTS_SAID = re.compile(r"(?:在校学生|在校生)(?:总数|人数)?(?:为|有|共|达)?$")


LOSS_RATE_OF_YEAR = re.compile(LOST + r"(?:\d{4}(?:[-—~至]\d{4})?年(?:度)?)?(?:为|是|达到|达|控制在)?[：:]?$")
MOST_LOST = 50.0  # a dropout rate said above this is another rate (巩固率 98.82 read as 辍学率)


def _too_many_lost(reading: Reading, i: int) -> bool:
    """初级中等教育在校学生辍学率2021年为98.82 (the 巩固率, or 100 − the rate): no dropout rate is above half."""
    f = reading.figures[i]
    return f.value > MOST_LOST and f.value <= 100 and bool(LOSS_RATE_OF_YEAR.search(reading.lead(i)[-20:]))


def _under_one_pupil(reading: Reading, i: int) -> int | None:
    """小学辍学率达：0.0013% after 在校学生760人: a share of the pupils of under one pupil (0.13% is one), yet not 0.
    The pupils are the last count of 在校学生 before it in its paragraph."""
    f = reading.figures[i]
    if f.unit != "%" or f.value <= 0 or not LOSS_RATE.search(reading.lead(i)[-12:]):
        return None
    ps, _ = reading.paragraph(f.start)
    for j in reversed(reading.between(ps, f.start)):
        p = reading.figures[j]
        if p.unit in ("人", "名") and p.decimals == 0 and STUDENTS_SAID.search(reading.clause(j)):
            return j if 0 < f.value * p.value / 100 < 0.5 else None
    return None


def _over(reading: Reading, i: int) -> bool:
    f, words = reading.figures[i], reading.lead(i)[-16:]
    if GROWTH.search(words):
        return False  # 增长最快的是泸州市（161.18%）: a change may pass 100%
    if GROSS.search(words):
        return f.value > LIMIT_ANY
    return bool(CAPPED.search(words)) and f.value > LIMIT_CAPPED


def _broken(reading: Reading, i: int) -> bool:
    """26 67万所: a bare number, one space, then the figure."""
    f = reading.figures[i]
    if not f.unit or f.start < 2 or reading.text[f.start - 1] != " " or i in reading.cells:
        return False  # a table's cells are separated by spaces
    prev = reading.figures[i - 1] if i > 0 else None
    return prev is not None and prev.end == f.start - 1 and not prev.unit and prev.decimals == 0


SPENDING = re.compile(r"教育经费|经费支出|教育支出|事业费|公用经费")
SMALL_AMOUNT = (100.0, 100000.0)  # 元: no level's whole spending, every 生均 figure


def _per_student_unsaid(reading: Reading, i: int) -> bool:
    """2021年生均一般公共预算小学教育经费支出9037.63元…。2021年一般公共预算初中教育经费支出11426.65元: an amount
    of spending in 元 the size of a per-student figure, its clause without 生均, among two or more 生均 figures of
    its paragraph of the same size."""
    f = reading.figures[i]
    if f.unit != "元" or not SMALL_AMOUNT[0] <= f.value < SMALL_AMOUNT[1] or i in reading.cells:
        return False
    clause = reading.clause(i)
    if not SPENDING.search(clause) or AVERAGE.search(clause):
        return False
    start, end = reading.paragraph(f.start)
    peers = [
        j
        for j in reading.between(start, end)
        if j != i
        and reading.figures[j].unit == "元"
        and "生均" in reading.clause(j)
        and 0.1 <= reading.figures[j].value / f.value <= 10
    ]
    return len(peers) >= 2


TEACHERS_SAID = r"(?:专任教师|教职工)(?:总数|人数)?(?:为|有|共)?"
PUPILS_SAID = r"(?:在校学生|在校生|学生)(?:总数|人数)?(?:为|有|共)?"
TEACHERS = re.compile(TEACHERS_SAID + "$")
PUPILS = re.compile(rf"^[，、]?{PUPILS_SAID}$")  # 专任教师13220人，在校学生15324人: the pupils right after
# 在校生为706人，专任教师20233人: the teachers right after the pupils, in their own clause
TEACHERS_AFTER = re.compile(rf"^[，、]?{TEACHERS_SAID}$")
PUPILS_BEFORE = re.compile(PUPILS_SAID + "$")
FEWEST_PUPILS_PER_TEACHER = 2.0  # 中小学 have 10–20 pupils a teacher; 特殊教育 3–5, never under 2


def _pupils_beside(reading: Reading, i: int) -> int | None:
    """专任教师13220人，在校学生15324人 (轮台 2011) / 在校生为706人，专任教师20233人 (a template copy): pupils right
    after or right before a count of teachers, fewer than twice as many — a digit too many in the teachers (1322),
    not a school system (特殊教育 left out)."""
    f = reading.figures[i]
    if f.unit not in PEOPLE:
        return None
    pupils = _pupils_after(reading, i) if TEACHERS.search(reading.lead(i)) else None
    pupils = pupils if pupils is not None else _pupils_before(reading, i)
    if pupils is None or "特" in reading.text[reading.sentence(f.start)[0] : f.start]:
        return None
    p = reading.figures[pupils]
    if p.unit not in ("人", "名"):
        return None
    return pupils if f.value > 0 and p.value / f.value < FEWEST_PUPILS_PER_TEACHER else None


def _pupils_after(reading: Reading, i: int) -> int | None:
    nxt = reading.next_in_sentence(i)
    return nxt if nxt is not None and PUPILS.match(reading.lead(nxt)) else None


def _pupils_before(reading: Reading, i: int) -> int | None:
    before = reading.in_sentence(i)
    if not before or not TEACHERS_AFTER.match(reading.lead(i)):
        return None
    return before[-1] if PUPILS_BEFORE.search(reading.lead(before[-1])) else None
