"""Claims in words judged by the figures the text states beside them, when no metric speaks of them.

"生均…下降1.2%" beside "两个只增不减"; "婴儿死亡率为6.1‰，5岁以下儿童死亡率为8.4‰，明显低于10‰和13‰的目标";
"占GDP比例为4.22%……做到“不低于4%”"; "完成率为120.80%，已达到考核目标"; "均比上年有所增长，增幅分别为…";
"教育支出比上年增长15.23%……财政经常性收入增长2.19%，教育支出增长高于财政经常性收入". Each returns
(the positive claim holds, what the text shows, "text:" and the figures) or None.
"""

from __future__ import annotations

import re

from drafter.checker.claims import POINTS, Claim
from drafter.checker.reading import Reading, amount
from drafter.checker.statements import Statement
from drafter.checker.words import DOWN, RATE_WORDS, TO_VALUE, UP
from drafter.core.types import Figure

Verdict = tuple[bool, str, str] | None

SUBSET = re.compile(r"建档立卡|贫困|残疾|留守|随迁|农村")  # 建档立卡辍学学生 is not every 辍学学生
AT_MOST = re.compile(r"以内|以下|不超过|不高于|控制在")  # 控制在2%以内的目标: a ceiling
# 化解大班额317个 counts what was removed; 劝返疑似辍学学生17人 those brought back (or only suspected)
ELIMINATED_COUNT = re.compile(r"化解|消除|减少|解决|清理|劝返|劝回|返校|复学|疑似")
RELATIONS = (
    ("不低于", ">="),
    ("不少于", ">="),
    ("不高于", "<="),
    ("不超过", "<="),
    ("以上", ">="),
    ("以下", "<="),
    ("以内", "<="),
    ("高于", ">"),
    ("超过", ">"),
    ("低于", "<"),
)
# 首次超过4% / 不低于4%: a bound, not a value (达到96.1% is one)
BOUND_BEFORE = re.compile(r"(?:不低于|不少于|不高于|不超过|高于|低于|超过|突破|首超|逾)$")
COMPLETION_BEFORE = re.compile(r"完成率(?:为|达到|达|是)?$")
# 教师平均工资收入9.8万元，当地公务员平均工资收入10.2万元: whose pay each amount of the paragraph is
PAY_OF = (
    ("teacher", re.compile(r"教师[^。；，]{0,12}(?:工资|收入)"), "公务员"),
    ("civil", re.compile(r"公务员"), "教师"),
)
GAP_SAID = re.compile(r"高出|多出|相差|差额|差距|低了|高了")
LIST_ITEM = re.compile(r"[、，和及与](?:增长|增加|提高|上升|下降|减少|降低)?了?[-－负]?")
CHANGE_WORD = re.compile("|".join(sorted(UP + DOWN, key=len, reverse=True)))
COMPARE = {
    ">=": lambda v, t: v >= t,
    ">": lambda v, t: v > t,
    "<=": lambda v, t: v <= t,
    "<": lambda v, t: v < t,
    "==": lambda v, t: v == t,
}


def _text(f: Figure) -> str:
    return f.text.strip()


def _whole(reading: Reading, i: int) -> bool:
    """Not the tail of a number broken by a space (0 5%: the figure is 0.5%, not 5%)."""
    f = reading.figures[i]
    return not (
        reading.text[f.start - 1 : f.start] == " " and reading.text[f.start - 2 : f.start - 1].isdigit()
    )


def standards(reading: Reading, st: Statement) -> list[Figure]:
    """The figures of a claim's own words, quoted ones too (做到“不低于4%”: 4% is read as a name)."""
    end = st.end
    if reading.text[end : end + 1] in ("（", "("):  # 达到国家规定要求（小学≤0.65，初中≤0.55）
        close = reading.text.find("）" if reading.text[end] == "（" else ")", end)
        end = close if 0 < close < end + 40 else end
    s, _ = reading.sentence(st.start)
    coefficient = "系数" in reading.text[s : st.start]  # 差异系数小学为0.42…，均低于0.50、0.45: bare numbers
    return [
        f
        for f in reading.figures_in(st.start, end)
        if f.ignored in ("", "name")
        and (f.unit or reading.text[f.start - 1 : f.start] in BOUND_SIGNS or coefficient and f.value < 10)
    ]  # a coefficient has no unit, but its standard its sign: (小学≤0.65,初中≤0.55)


BOUND_SIGNS = ("≤", "≥", "<", ">", "＜", "＞")


def _quoted(reading: Reading, offset: int) -> bool:
    """Inside “…”: the standard's wording (做到“不低于4%”), not a value."""
    return reading.text.rfind("“", 0, offset) > reading.text.rfind("”", 0, offset)


# ---------------------------------------------------------------- changes
def no_decrease(reading: Reading, st: Statement, subject: str) -> Verdict:
    """The change figures of the paragraph whose subject matches: any fall disproves an 只增不减 claim."""
    ps, pe = reading.paragraph(st.start)
    changes = [
        (c, reading.figures[i])
        for i in reading.between(ps, pe)
        if (c := reading.claims[i]).kind == "change"
        and not c.versus
        and reading.figures[i].unit != POINTS
        and re.search(
            subject,
            _topic(reading, i) + c.subject + (reading.claims[c.own].subject if c.own is not None else ""),
        )
    ]
    if not changes:
        return None
    fell = [(c, f) for c, f in changes if c.direction < 0 and f.value != 0]
    shown = "；".join(f"{_name(reading, c)}下降{_text(f)}" for c, f in fell[:3]) or "文中所列各项均为增长"
    return not fell, shown, "text:" + ",".join(_text(f) for _, f in changes[:6])


def _topic(reading: Reading, i: int) -> str:
    """按在校生人数平均的一般公共预算教育支出，学前教育11236元…，分别比上年增长3.2%、下降2.6%: the words its sentence
    opens with, up to its first figure, name what the listed values and their changes are of."""
    s, _ = reading.sentence(reading.figures[i].start)
    first = reading.between(s, reading.figures[i].start)
    return reading.text[s : reading.figures[first[0]].start] if first else ""


def salary(reading: Reading, st: Statement) -> Verdict:
    """教师平均工资收入不低于当地公务员 against the one teachers' and the one civil servants' amount its paragraph
    states (a claim the text's own figures contradict: 9.8万元 against 10.2万元)."""
    ps, pe = reading.paragraph(st.start)
    pay: dict[str, list[Figure]] = {"teacher": [], "civil": []}
    for i in reading.between(ps, pe):
        f, lead = reading.figures[i], reading.lead(i)
        if GAP_SAID.search(lead) or reading.claims[i].kind == "change":
            continue  # 教师工资高出0.23万元: the gap of the two, no one's pay
        for who, named, other in PAY_OF:
            if f.unit.endswith("元") and named.search(lead) and other not in lead:
                pay[who].append(f)
    if len(pay["teacher"]) != 1 or len(pay["civil"]) != 1:
        return None  # none, or several years or levels: not one comparison
    (t,), (c,) = pay["teacher"], pay["civil"]
    shown = f"文中教师{_text(t)}，公务员{_text(c)}"
    return amount(t) >= amount(c), shown, f"text:{_text(t)},{_text(c)}"


def _name(reading: Reading, c: Claim) -> str:
    own = reading.claims[c.own].subject if c.own is not None else ""
    return own or c.subject or "…"


def direction(reading: Reading, st: Statement, up: bool) -> Verdict:
    """稳步提高 beside the one change figure of its sentence, or else of the one later sentence of its paragraph
    that names what the claim's subject ends with (女童接受教育比重稳步提高。…女童所占比重为46.7%，比2010年提高…)."""
    s, e = reading.sentence(st.start)
    nearby = _changes(reading, s, e)
    if not nearby and len(st.subject) >= 2:
        _, end = reading.paragraph(st.end)
        later = [
            _changes(reading, *reading.sentence(reading.figures[i].start))
            for i in reading.between(e, end)
            if st.subject[-2:]
            in reading.text[reading.sentence(reading.figures[i].start)[0] : reading.figures[i].start]
        ]
        named = {id(x[0][0]): x for x in later if x}
        nearby = next(iter(named.values())) if len(named) == 1 else []
    if not nearby:
        return _values_moved(reading, st, s, up)
    if len(nearby) != 1 or nearby[0][1].value == 0:
        return None  # no figure, or several: the words may sum them up in ways the figures do not
    c, f = nearby[0]
    holds = (c.direction > 0) if up else (c.direction < 0)
    return holds, f"文中为{'下降' if c.direction < 0 else '增长'}{_text(f)}", f"text:{_text(f)}"


def _values_moved(reading: Reading, st: Statement, s: int, up: bool) -> Verdict:
    """No change figure: the values the claim follows in its sentence — a value and its base (生均11850元，比上年的
    12030元有所增长) or one value a year (2021—2023年…分别为6.21亿元、6.05亿元、6.83亿元，逐年增长)."""
    before = reading.between(s, st.start)
    values = [i for i in before if reading.claims[i].kind in ("value", "total")]
    if len(values) < 2 or before[-1] != values[-1]:
        return None
    units = {reading.figures[i].unit for i in values[-2:]}
    if len(units) != 1 or units & {"%", "个百分点", ""}:
        return None  # (a rate's move is said of its points; a figure with no unit may be anything)
    last, prev = values[-1], values[-2]
    if reading.claims[last].role == "base" and reading.claims[prev].role != "base":
        pairs = [(last, prev)]  # the base, then the value it is compared with
    else:
        yearly = [
            i for i in values if reading.claims[i].year is not None and reading.figures[i].unit in units
        ]
        years = [reading.claims[i].year for i in yearly]
        if len(yearly) < 3 or years != sorted(set(years)) or "逐年" not in st.words + st.subject:
            return None
        pairs = list(zip(yearly, yearly[1:], strict=False))
    for a, b in pairs:  # each from a to b
        fa, fb = reading.figures[a], reading.figures[b]
        if (amount(fb) > amount(fa)) != up or amount(fb) == amount(fa):
            shown = f"{_text(fa)}→{_text(fb)}"
            return False, f"文中为{shown}", f"text:{shown}"
    shown = "→".join(_text(reading.figures[i]) for i in (pairs[0][0], *(b for _, b in pairs)))
    return True, f"文中为{shown}", f"text:{shown}"


def _changes(reading: Reading, s: int, e: int) -> list[tuple[Claim, Figure]]:
    return [
        (c, reading.figures[i])
        for i in reading.between(s, e)
        if (c := reading.claims[i]).kind == "change" and not c.versus
    ]


def listed(reading: Reading, st: Statement, up: bool) -> Verdict:
    """均比上年有所增长，增幅分别为：9.14%、4.43%…: the list right after the claim, every item the way it says
    (an item's own word or sign counts: 分别增长5.1%、下降3.2% / 增幅分别为5.1%、-3.2%)."""
    _, e = reading.sentence(st.start)
    after = reading.between(st.end, e)
    if not after:
        return None
    words = reading.text[st.end : reading.figures[after[0]].start]
    cue = CHANGE_WORD.findall(words)
    if "分别" not in words or not cue or len(words) > 12:
        return None
    signs = [(_sign(cue[-1], words), after[0])]
    for a, b in zip(after, after[1:], strict=False):
        gap = reading.text[reading.figures[a].end : reading.figures[b].start]
        if not LIST_ITEM.fullmatch(gap) or reading.figures[b].unit != reading.figures[a].unit:
            break
        own = CHANGE_WORD.findall(gap)
        signs.append((_sign(own[-1] if own else cue[-1], gap), b))
    signs = [(d, i) for d, i in signs if reading.figures[i].value != 0]
    if len(signs) < 2:
        return None
    holds = all(d > 0 for d, _ in signs) if up else all(d < 0 for d, _ in signs)
    shown = "文中所列" + "、".join(
        ("下降" if d < 0 else "增长") + _text(reading.figures[i]) for d, i in signs
    )
    return holds, shown, "text:" + ",".join(_text(reading.figures[i]) for _, i in signs)


def _sign(word: str, before: str) -> int:
    """+1 or −1: the change word's way, turned by a minus sign right before the figure."""
    way = -1 if word in DOWN else 1
    return -way if re.search(r"[-－负]$", before) else way


def growth_versus(reading: Reading, st: Statement) -> Verdict:
    """教育支出增长高于财政经常性收入: the growth of each, stated earlier in the paragraph (computed from the two
    values when the text gives them: 64469万元，与上年的73991万元相比 is a fall whatever rate it prints)."""
    ps, _ = reading.paragraph(st.start)
    changes = [
        i
        for i in reading.between(ps, st.start)
        if reading.claims[i].kind == "change"
        and not reading.claims[i].versus
        and reading.figures[i].unit == "%"
    ]
    a, b = _growth_of(reading, changes, st.subject), _growth_of(reading, changes, st.obj)
    if a is None or b is None or a[0] == b[0]:
        return None
    faster = st.verb in ("高于", "快于", "超过")
    holds = a[1] > b[1] if faster else a[1] < b[1]
    shown = "，".join(f"{_name(reading, reading.claims[i])}增长{g:.2f}%{how}" for i, g, how in (a, b))
    return holds, "文中" + shown, f"text:{_text(reading.figures[a[0]])},{_text(reading.figures[b[0]])}"


def _growth_of(reading: Reading, changes: list[int], name: str) -> tuple[int, float, str] | None:
    """(the change figure, its growth in %, how it was had) of the quantity `name` names."""
    grams = {name[k : k + 2] for k in range(len(name) - 1)}
    if len(grams) < 2:
        return None
    for i in reversed(changes):
        c = reading.claims[i]
        said = _name(reading, c)
        if len(grams & {said[k : k + 2] for k in range(len(said) - 1)}) < 0.75 * len(grams):
            continue
        own, base = c.own, c.base
        if own is not None and base is not None and reading.figures[base].value:
            growth = (reading.figures[own].value / reading.figures[base].value - 1) * 100
            return i, growth, "（按所列两年数值）"
        return i, reading.figures[i].value * (c.direction or 1), ""  # 增长-2.45%: direction −1
    return None


# ---------------------------------------------------------------- counts and coverage
def count(reading: Reading, st: Statement, words: str, said: set[str]) -> Verdict:
    """大班额仍有12个 / 辍学学生3人 stated beside the claim: the claim is wrong when the count is not 0."""
    s, e = reading.sentence(st.start)
    figures = reading.between(s, e)
    for k, i in enumerate(figures):
        f, c = reading.figures[i], reading.claims[i]
        lead = reading.lead(i)
        if st.end <= f.start:  # 全面消除大班额，…大班额由23个减少到3个: the claim's own 消除 names no count
            lead = lead[max(0, len(lead) - (f.start - st.end)) :]
        if (
            c.kind in ("value", "total")
            and re.search(words, lead[-10:])
            and not ELIMINATED_COUNT.search(lead)
            and said <= set(SUBSET.findall(lead))
        ):
            # 大班额由2021年的32个减少到2023年的3个: the count it came down to, not the one it started from
            later = figures[k + 1 : k + 2]
            if (
                later
                and TO_VALUE.search(reading.lead(later[0]))
                and reading.claims[later[0]].kind != "change"
            ):
                f = reading.figures[later[0]]
            return f.value == 0, f"文中为{_text(f)}", f"text:{_text(f)}"
    return None


# the rates 全覆盖 is said of (the writer says it of the same ones at 100%): 专职保安配备率为98.5%，实现全覆盖
NO_NEW_SUBJECT = re.compile(r"[，,、\s]*(?:已经|已|均|全部|基本|全面|从而|，)*")  # between the rate and 实现
COVERED_RATE = re.compile(r"(?:覆盖|配备|接入|注册|建档)(?:率|面)(?:为|达到|达|是)?$")


def coverage(reading: Reading, st: Statement) -> Verdict:
    """实现…全覆盖 with a rate inside it, or else the 覆盖率 (配备率, 接入率 …) said right before it in its sentence
    (课后服务覆盖率为98.5%，实现课后服务全覆盖)."""
    inside = [reading.figures[i] for i in reading.between(st.start, st.end) if reading.figures[i].unit == "%"]
    if not inside:
        s, _ = reading.sentence(st.start)
        before = reading.between(s, st.start)
        last = before[-1] if before else None
        if last is None or reading.figures[last].unit != "%" or reading.claims[last].kind == "change":
            return None
        if not COVERED_RATE.search(reading.lead(last)):
            return None
        if not NO_NEW_SUBJECT.fullmatch(reading.text, reading.figures[last].end, st.start):
            return None  # 接入率为97.5%，校园周边“护学岗”实现全覆盖: 全覆盖 of another thing
        inside = [reading.figures[last]]
    return inside[0].value >= 100, f"文中为{_text(inside[0])}", f"text:{_text(inside[0])}"


def count_before(reading: Reading, st: Statement) -> Figure | None:
    """全省104个县(市、区)全部实现: the count its clause states."""
    s, _ = reading.sentence(st.start)
    clause_start = st.start - len(st.subject)
    inside = [
        i
        for i in reading.between(max(s, clause_start), st.start)
        if reading.figures[i].unit not in ("", "%") and reading.claims[i].kind in ("value", "total")
    ]
    return reading.figures[inside[-1]] if len(inside) == 1 else None


# ---------------------------------------------------------------- standards and targets
def relation_of(words: str) -> str | None:
    return next((op for w, op in RELATIONS if w in words), None)


def standard_of(reading: Reading, st: Statement) -> float | None:
    inside = [f for f in standards(reading, st) if f.unit == "%"]
    return inside[-1].value if inside else None


def kept(reading: Reading, st: Statement) -> Verdict:
    """做到“不低于4%” / 连续8年保持在4%以上: the nearest level rate or share stated before it in its paragraph."""
    relation, standard = relation_of(st.words), standard_of(reading, st)
    if relation is None or standard is None:
        return None
    ps, _ = reading.paragraph(st.start)
    for i in reversed(reading.between(ps, st.start)):
        f, c = reading.figures[i], reading.claims[i]
        if f.unit != "%" or c.kind == "change" or c.role == "base" or not _whole(reading, i):
            continue
        if _quoted(reading, f.start) or BOUND_BEFORE.search(reading.lead(i)):
            continue  # another standard (“不低于4%”, 首次超过4%), not a value
        if not RATE_WORDS.search(c.subject or reading.lead(i)):
            continue
        return COMPARE[relation](f.value, standard), f"文中为{_text(f)}", f"text:{_text(f)}"
    return None


def standard(reading: Reading, st: Statement) -> Verdict:
    """低于10‰和13‰的目标 / 实现“达到95%”的目标: the standards in the claim against as many values of the same
    unit stated before it in its sentence, in order."""
    inside = standards(reading, st)
    if not inside or len({f.unit for f in inside}) != 1:
        return None
    unit = inside[0].unit
    s, _ = reading.sentence(st.start)
    values = [
        i
        for i in reading.between(s, st.start)
        if reading.figures[i].unit == unit
        and reading.claims[i].kind != "change"
        and reading.claims[i].role != "base"
        and _whole(reading, i)
        and not BOUND_BEFORE.search(reading.lead(i))
    ]
    relation = _target_relation(st)
    if relation is None or len(values) < len(inside):
        return None
    pairs = list(zip(values[-len(inside) :], inside, strict=True))
    holds = all(COMPARE[_signed(reading, t) or relation](reading.figures[v].value, t.value) for v, t in pairs)
    shown = "；".join(
        f"文中为{_text(reading.figures[v])}，标准{reading.text[t.start - 1] if _signed(reading, t) else ''}{_text(t)}"
        for v, t in pairs
    )
    return holds, shown, "text:" + ",".join(_text(reading.figures[v]) for v, _ in pairs)


def _signed(reading: Reading, standard: Figure) -> str | None:
    """The relation a standard's own sign states: ≤0.65 is met at or below it."""
    sign = reading.text[standard.start - 1 : standard.start]
    return "<=" if sign in ("≤", "<", "＜") else ">=" if sign in ("≥", ">", "＞") else None


def _target_relation(st: Statement) -> str | None:
    verb = st.verb.removeprefix("未").removeprefix("没有")
    if verb in ("高于", "超过", "超出"):
        return ">"
    if verb == "低于":
        return "<"
    if verb in ("达到", "达到或超过", "实现", "完成", "超额完成"):
        return "<=" if AT_MOST.search(st.obj) else ">="
    return None


def completion(reading: Reading, st: Statement) -> Verdict:
    """完成率为120.80%，已达到考核目标: a completion rate of 100% or more meets the target."""
    if _target_relation(st) not in (">=",):
        return None
    s, _ = reading.sentence(st.start)
    for i in reversed(reading.between(s, st.start)):
        f = reading.figures[i]
        if f.unit == "%" and COMPLETION_BEFORE.search(reading.lead(i)):
            return f.value >= 100, f"文中完成率为{_text(f)}", f"text:{_text(f)}"
    return None
