"""A per-student (per-school, per-class) figure against the total and the count stated in its paragraph.

"学生人数5500人；校舍面积147589.79平方米；……生均校舍面积22.9平方米": 147589.79 ÷ 5500 = 26.8.
Only when the paragraph states exactly one total of the same name and one count of what it is shared by.

"现有教职员工90人……学校设施总面积3624平方米，平均每位教师拥有3.86平方米": a per-head figure said in words
(每位教师拥有) names no total; its total is the figure of its unit right before it in its own sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafter.checker.labels import levels_of
from drafter.checker.reading import Reading
from drafter.checker.rules.base import Verdict, interval, judged, meets, operands, ratio, shown
from drafter.figures.numbers import same_family

NAME = "per_capita"
PER = re.compile(r"(生均|人均|校均|班均)([\u4e00-\u9fff]{2,10}?)(?:为|达到|达|是)?$")
SHARED_BY = {"生均": r"学生|在校生", "人均": r"人|人数|人口", "校均": r"学校", "班均": r"班"}
COUNT_UNITS = {"生均": "人", "人均": "人", "校均": "所", "班均": "班"}
# 平均每位教师拥有 / 每名学生占有: who shares it, said in words (每百名学生拥有 is per hundred, not matched)
PER_HEAD = re.compile(r"(?:平均)?每(?:位|名)(教师|教职工|学生)(?:拥有|占有|享有)(?:的)?$")
# 建筑面积17454平方米，生均18.1平方米: 生均 with no name of its own
BARE_PER = re.compile(r"[，,]\s?(生均|人均|校均)(?:为|达到|达)?$")
CLASS_SIZE = re.compile(r"平均班额(?:为|达到|达|是)?$")  # pupils per class
CLASSES = r"教学班|班级"
HEAD_SHARED_BY = {"教师": r"教师|教职", "教职工": r"教师|教职", "学生": r"学生|在校生"}


def check(reading: Reading) -> Iterator[Verdict]:
    for i in reading.active:
        lead = reading.lead(i)
        if "均" not in lead and "每" not in lead or reading.claims[i].kind == "change":
            continue
        if match := PER.search(lead):
            per, name = match.groups()
            total, count = _total(reading, i, name), _count(reading, i, SHARED_BY[per], COUNT_UNITS[per])
        elif head := PER_HEAD.search(lead):
            total, count = _total_before(reading, i), _count(reading, i, HEAD_SHARED_BY[head.group(1)], "人")
        elif CLASS_SIZE.search(lead):  # 教学班1862个，在校生52340人，平均班额28.1人
            total, count = _count(reading, i, SHARED_BY["生均"], "人"), _classes(reading, i)
        elif bare := BARE_PER.search(lead):
            yield from _bare_per_student(reading, i, bare.group(1))
            continue
        else:
            continue
        if total is not None and count is not None:
            yield from _judge(reading, i, total, count)


def _bare_per_student(reading: Reading, i: int, per: str) -> Iterator[Verdict]:
    """初中在校生965人，…，建筑面积17454平方米，生均18.1平方米: a bare 生均 is the figure of its unit right before it
    over the one count of students said before it in its sentence, when that gives it exactly (a proof only: the
    words name neither, so a near miss may be of other figures: 占地面积122.1亩 said too) — and judged, a near miss
    too, when its sentence says nothing else (校舍面积86.5万平方米，在校生68650人，生均13.6平方米: 12.6). A bare 人均 is
    over the one count of people, whatever they are (发放补助资金1068万元，惠及乡村教师2967人，人均3600元)."""
    f = reading.figures[i]
    alike = [
        j
        for j in reading.in_sentence(i)
        if same_family(reading.figures[j].unit, f.unit) and reading.claims[j].kind in ("value", "total")
    ]
    students = [
        j
        for j in reading.in_sentence(i)
        if reading.claims[j].kind in ("value", "total") and _shared_by(reading, j, per)
    ]
    total = alike[0] if len(alike) == 1 else _total_before(reading, i)
    if total is not None and not students and per == "生均":
        yield from _per_student_of_level(reading, i, total)
        return
    if total is None or len(students) != 1:
        return
    exact = ratio(interval(reading.figures[total], f.unit), interval(reading.figures[students[0]]))
    if exact is None:
        return
    source = f"text:per_capita({operands(reading, (total, students[0]))})"
    if set(reading.in_sentence(i)) == {total, students[0]}:
        says = f"{reading.figures[total].text.strip()}÷{reading.figures[students[0]].text.strip()}"
        yield judged(i, NAME, exact, f, source, says)
    elif meets(exact, shown(f)):
        yield Verdict(i, "derived", NAME, source=source)


def _per_student_of_level(reading: Reading, i: int, total: int) -> Iterator[Verdict]:
    """在校学生85627人(小学44427人,初中23108人,…) … 初中校园面积762914平方米,生均33.01平方米: a bare 生均 in a
    sentence of one level, with no count of students of its own, is over the one count of that level's students
    said before it in the text (a value said as 在校生/学生, or a part of such a total)."""
    f = reading.figures[i]
    s, _ = reading.sentence(f.start)
    level = levels_of(reading.text[s : f.start])
    if len(level) != 1:
        return
    students = [
        j
        for j in reading.between(0, s)
        if reading.figures[j].unit == "人"
        and not reading.figures[j].decimals
        and reading.claims[j].kind in ("value", "total")
        and levels_of(reading.clause(j)) == level
        and (_students(reading, j) or (t := reading.total_of.get(j)) is not None and _students(reading, t))
    ]
    if len(students) != 1:
        return
    count = reading.figures[students[0]]
    exact = ratio(interval(reading.figures[total], f.unit), interval(count))
    if exact is None:
        return
    source = f"text:per_capita({operands(reading, (total, students[0]))})"
    if meets(exact, shown(f)):
        yield Verdict(i, "derived", NAME, source=source)
        return
    # a near miss is wrong only when nothing else may be meant: the one area since the last 生均 (占地面积…，校舍建筑
    # 面积…，生均: of which?), of all the pupils (not 宿舍, 食堂: boarders'; not a 其中 part), of the count's year, and
    # no other area of the paragraph over the count gives it
    since = max((j for j in reading.in_sentence(i) if BARE_PER.search(reading.lead(j))), default=None)
    areas = [
        j
        for j in reading.in_sentence(i)
        if (since is None or j > since) and same_family(reading.figures[j].unit, f.unit)
    ]
    if areas != [total] or OTHER_SHARERS.search(reading.clause(total)):
        return
    count_years = _years_said(reading, count.start)
    if count_years and _years_said(reading, f.start) - count_years:
        return
    ps, pe = reading.paragraph(f.start)
    for j in reading.between(ps, pe):
        other = ratio(interval(reading.figures[j], f.unit), interval(count)) if j != total else None
        if same_family(reading.figures[j].unit, f.unit) and other is not None and meets(other, shown(f)):
            return
    says = f"{reading.figures[total].text.strip()}÷{count.text.strip()}"
    yield judged(i, NAME, exact, f, source, says)


# an area shared by some of the pupils, or a part of another area: its 生均 is of others or of the whole
OTHER_SHARERS = re.compile(r"其中|宿舍|食堂|寄宿|住宿")
YEAR_SAID = re.compile(r"((?:19|20)\d\d)\s?年")


def _years_said(reading: Reading, offset: int) -> set[str]:
    s, e = reading.sentence(offset)
    return set(YEAR_SAID.findall(reading.text, s, e))


def _students(reading: Reading, j: int) -> bool:
    """Figure j's words say it counts students (a total of any unit of people: 在校学生8.56万人 over its parts)."""
    return bool(re.search(SHARED_BY["生均"], reading.claims[j].subject))


def _shared_by(reading: Reading, j: int, per: str) -> bool:
    """Figure j counts what a bare `per` is per: 生均 students (人), 人均 people of any kind (人 or 名), 校均 schools
    (126所学校配备专职保安252名，校均2名)."""
    unit = reading.figures[j].unit
    if per == "校均":
        return unit == "所"
    if per == "人均":
        return unit in ("人", "名")
    return unit == "人" and bool(re.search(SHARED_BY[per], reading.claims[j].subject))


def _in_paragraph(reading: Reading, i: int) -> list[int]:
    ps, pe = reading.paragraph(reading.figures[i].start)
    return [j for j in reading.between(ps, pe) if j != i]


def _total(reading: Reading, i: int, name: str) -> int | None:
    unit = reading.figures[i].unit
    found = [
        j
        for j in _in_paragraph(reading, i)
        if same_family(reading.figures[j].unit, unit)
        and reading.claims[j].kind in ("value", "total")
        and reading.lead(j).rstrip("为达是有共").endswith(name)
        and not PER.search(reading.lead(j))
    ]
    return found[0] if len(found) == 1 else None


def _total_before(reading: Reading, i: int) -> int | None:
    """The figure right before a per-head one in its sentence, when it is a value of the same unit family."""
    before = reading.in_sentence(i)
    if not before:
        return None
    j = before[-1]
    same = same_family(reading.figures[j].unit, reading.figures[i].unit)
    return j if same and reading.claims[j].kind in ("value", "total") else None


def _count(reading: Reading, i: int, shared_by: str, unit: str) -> int | None:
    found = [
        j
        for j in _in_paragraph(reading, i)
        if reading.figures[j].unit == unit
        and reading.claims[j].kind in ("value", "total")
        and re.search(shared_by, reading.claims[j].subject)
    ]
    return found[0] if len(found) == 1 else None


def _classes(reading: Reading, i: int) -> int | None:
    """The one count of classes of the paragraph (教学班1862个 / 班级1862个, or in 班)."""
    return _count(reading, i, CLASSES, "个") or _count(reading, i, CLASSES, "班")


def _judge(reading: Reading, i: int, total: int, count: int) -> Iterator[Verdict]:
    f = reading.figures[i]
    exact = ratio(interval(reading.figures[total], f.unit), interval(reading.figures[count]))
    if exact is None:
        return
    source = f"text:per_capita({operands(reading, (total, count))})"
    yield judged(
        i,
        NAME,
        exact,
        f,
        source,
        f"{reading.figures[total].text.strip()}÷{reading.figures[count].text.strip()}",
    )
