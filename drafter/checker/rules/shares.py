"""A share against its stated part and whole.

"民办在校生2100人，占全县在校生68000人的3.09%" (both named); "教职工3093人，其中专任教师2802人，占比90.6%"
(the part and the total of its 其中 list); "需建立…101所。…配建…53所，配建率达到52.3%" (no pair of the
nearby counts gives 52.3%, but 53/101 comes close: a mis-computed share).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from drafter.checker.claims import complementary, pair_word
from drafter.checker.labels import chinese_bigrams, kinds_of, levels_of
from drafter.checker.reading import Reading, amount
from drafter.checker.rules.base import (
    COUNTS,
    Verdict,
    expected_text,
    interval,
    judged,
    operands,
    ratio,
    total,
)
from drafter.checker.words import LEVEL_MADE_OF, POPULATION_WHOLE, SHARE_OF
from drafter.core.types import Figure
from drafter.figures.numbers import matches_shown, same_family

NAME = "stated_share"
SHARE_WORDS = re.compile(r"占|比例|比重|率|占比")
# 占在园幼儿总数的 / 占全县在校生的比例为: the name of the whole a share is of, without its place and 总数
WHOLE_NAMED = re.compile(
    r"占(?:全国|全省|全市|全县|全区|全旗)?([\u4e00-\u9fff]{2,12}?)(?:总数|总人数|人数|总量)?\s?的?(?:比例|比重)?(?:为|是|达到|达)?$"
)
VERB_AFTER = re.compile(r"(?:为|是|有|达到|达|共)$")
OPENS_PART = re.compile(r"\s*其中[，,：:]?")  # 。其中，一般公共预算…: a part of the sentence before's total
# 完成年初35所目标任务的94.29%: the share of a stated target done, the target right before these words
OF_TARGET = re.compile(r"(?:的)?(?:年度|全年|年初|计划)?(?:目标任务|目标|任务|计划)(?:数)?的")
OF_PLAN = re.compile(r"^[，]?(?:已)?(?:完成|占)(?:了)?(?:年度|全年|总)?(?:计划|目标)(?:投资|任务|数)?的$")
TARGET_BEFORE = re.compile(
    r"完成(?:了)?(?:年度|全年|年初)?(?:目标任务|目标|任务|计划)(?:数)?$"
)  # 完成年度计划15万平方米的80%
# ，占总数的 / ，占比 / ，占2016年度高校资助总额的比例为: the share right after its part (the whole said in words)
SHARE_AFTER = re.compile(
    r"[，,]\s*占(?:总数的?|比|全部的?|[^，。；]{0,20}?(?:总额|总数|总量|总计|总投入|总支出)的?(?:比例|比重)?)?(?:为|是|达到|达)?"
)
MONEY = ("元", "万元", "亿元")
ITEMS = ("处", "项", "条", "件")  # what is found and done: 隐患136处，已整改126处，整改率
DONE_BEFORE = re.compile(r"^(?:已经|已|共|累计|全部)")
# 已整改到位10个，整改率 / 就业人数951人，就业率: the words after what a rate names (人数, 到位) are left out
DONE_AFTER = re.compile(r"(?<=[\u4e00-\u9fff]{2})(?:到位|完毕|人数|数)$")
NOTE = re.compile(
    r"[（(][^（）()]{1,12}[）)]"
)  # 就业（含升学）1468人，就业率: a note inside the count's name


def check(reading: Reading) -> Iterator[Verdict]:
    of_groups = _rates_of_groups(reading)
    for i in reading.with_unit("%"):  # (the claims are in text order, as these)
        c = reading.claims[i]
        if c.kind == "change" or c.approx:
            continue
        if i in of_groups:
            yield of_groups[i]
            continue
        counted = _rate_of_the_count_named(reading, c.index)
        if (
            counted is not None
        ):  # 寄宿生4654人，床位2422个，床位率为64%: beds over boarders, two counts' units
            yield _judge_counts(reading, c.index, *counted)
            continue
        pair = (
            c.parts
            or _of_total(reading, c.own)
            or _named_part(reading, c.index)
            or _named_whole(reading, c.index)
            or _whole_said_in_part(reading, c.index)
            or _among_the_whole_before(reading, c.index)
            or _two_of_one_whole(reading, c.index)
            or _total_before_its_part(reading, c.index)
            or _done_of_target(reading, c.index)
            or _this_figure_in_a_whole(reading, c.index)
            or _second_of_two(reading, c.index, c.own)
        )
        if pair:
            yield from _judge(reading, c.index, *pair)
        elif (whole := _whole_of_own(reading, c.index, c.own)) is not None:
            yield Verdict(c.index, "derived", NAME, source=f"text:share({operands(reading, (c.own, whole))})")
        elif (both := _pair_before(reading, c.index)) is not None:
            yield from _of_the_pair(reading, c.index, *both)
        elif (counts := _bracketed_counts(reading, c.index)) is not None:
            yield Verdict(c.index, "derived", NAME, source=f"text:share({operands(reading, counts)})")
        elif (did := _rate_of_a_count_in_its_whole(reading, c.index)) is not None:
            yield _judge_counts(reading, c.index, *did)  # 316名考生中有275人被…录取，…录取率为87.25%
        elif c.kind in ("share", "rate") and _near_words(reading, c.index):
            issue = _near_share(reading, c.index)
            if issue:
                yield issue


# 机械工程专业就业人数54人 / 其中机械设计制造及其自动化专业51人升学: the group a count is of, named before it
GROUP = re.compile(r"([\u4e00-\u9fff（）()]{2,24}?(?:专业|学院|系))[\u4e00-\u9fff]{0,6}$")
GROUP_OPENING = re.compile(r"^(?:其中|另有|全院|全校)")
SEPARATORS = "，,：:；; "
# characters before a count within which the count it is a part of is looked for (a group's size; the whole of a
# share's whole)
COUNT_REACH = 3000
GROUP_PROOFS = 2  # rates of groups that hold before one that does not is called wrong


def _rates_of_groups(reading: Reading) -> dict[int, Verdict]:
    """机械工程专业60人…；…机械工程专业就业人数54人，就业率90.00%；…机械工程专业19人升学，专业升学率为20.16%: a rate
    right after a count of a group (a 专业, 学院 or 系) is that count over the group's size, printed paragraphs before
    as the group's name and a count (19 ÷ 60 = 31.67%, the rate printed for another 专业). One that fails is called
    wrong only when two other rates of the text, taken the same way, hold: that proves the sizes are the groups'
    populations the rates are of."""
    verdicts: dict[int, Verdict] = {}
    for i in reading.with_unit("%"):
        c = reading.claims[i]
        if c.kind not in ("rate", "share") or c.approx:
            continue
        own = _last_count_before(reading, i)
        named = GROUP.search(reading.lead(own)) if own is not None else None
        if own is None or named is None:
            continue
        name = GROUP_OPENING.sub("", named.group(1))
        size = _size_of(reading, own, name)
        verdict = next(_judge(reading, i, own, size), None) if size is not None else None
        if verdict is not None:
            verdicts[i] = verdict
    proofs = sum(v.status == "derived" for v in verdicts.values())
    return {i: v for i, v in verdicts.items() if v.status == "derived" or proofs >= GROUP_PROOFS}


def _last_count_before(reading: Reading, i: int) -> int | None:
    """The count right before the rate in its sentence, past nothing but words (51人升学，专业升学率31.67%)."""
    s, _ = reading.sentence(reading.figures[i].start)
    before = reading.between(s, reading.figures[i].start)
    if (
        not before
        or reading.figures[before[-1]].unit not in COUNTS
        or reading.claims[before[-1]].kind != "value"
    ):
        return None
    return before[-1]


def _size_of(reading: Reading, own: int, name: str) -> int | None:
    """The one count said of the group's name alone (机械工程专业60人; not 自动化专业 for 机械设计制造及其自动化专业)
    in the 3000 characters before `own`, larger than it."""
    f = reading.figures[own]
    found = []
    for k in reading.between(max(0, f.start - COUNT_REACH), f.start):
        lead = GROUP_OPENING.sub("", reading.lead(k).lstrip(SEPARATORS)).lstrip(SEPARATORS)
        if (
            lead != name
            or reading.figures[k].unit != f.unit
            or reading.claims[k].kind not in ("value", "total")
        ):
            continue
        found.append(k)
    if len(found) != 1 or amount(reading.figures[found[0]]) <= amount(f):
        return None
    return found[0]


def _rate_of_the_count_named(reading: Reading, i: int) -> tuple[int, int] | None:
    """初中寄宿生4654人，床位2422个，床位率为64%: a rate named by the count right before it (床位 → 床位率) is that count
    over the count right before it, two exact counts said one after the other (their units may differ)."""
    before = reading.in_sentence(i)
    said = reading.clause(i)  # 床位率为: the count's name, 率 and a verb (no pattern built per figure)
    # 年检34所，合格32所，基本合格2所，合格率94.1%: the count the rate names may stand before the last one
    for k in range(len(before) - 1, 0, -1):
        num, base = before[k], before[k - 1]
        clause = reading.clause(num)
        if len(clause) < 2 or reading.lead(num).lstrip("，、") != clause:
            continue  # (the two counts side by side, nothing else between them)
        # 隐患136处，已整改126处，整改率100%: 整改 names 整改率; 就业人数951人，就业率 / 整改到位21个，整改到位率
        done = DONE_BEFORE.sub("", NOTE.sub("", clause))
        name = next((n for n in (done, DONE_AFTER.sub("", done)) if said.startswith(n + "率")), "")
        if name and said[len(name) + 1 :] in ("", "为", "是", "达到", "达"):
            break
    else:
        return None
    if name in reading.clause(base):
        return None  # 装饰完成8所，完成23所，完成率…: a sibling stage, not the population counted
    exact = all(
        reading.figures[j].unit in (*COUNTS, *ITEMS)
        and reading.figures[j].decimals == 0
        and not reading.is_change(j)
        for j in (num, base)
    )
    return (num, base) if exact and amount(reading.figures[base]) > 0 else None


RATE_NAMED = re.compile(r"([\u4e00-\u9fff]{2})率(?:为|是|达到|达)?\s?$")
OWN_WORDS_AFTER = re.compile(r"[^，,。；;]{0,16}")


def _rate_of_a_count_in_its_whole(reading: Reading, i: int) -> tuple[int, int] | None:
    """316名考生中有275人被全国各地院校录取，其中重点本科27人，录取率为87.25% / 共有400名考生参加高考，录取322人，
    录取率为80.5%: a rate named by what a count did (录取 in its words right before it or right after it) is that count
    over the larger count right before it in the sentence; the count's own 其中 parts may stand between it and the
    rate. A count that is itself a 其中 part (其中本科录取2000人) is no population's rate."""
    named = RATE_NAMED.search(reading.clause(i))
    before = reading.in_sentence(i)
    if named is None or len(before) < 2:
        return None
    verb = named.group(1)
    rate_words = reading.figures[i].start - len(reading.clause(i))  # (the rate's own words name the verb too)
    for k in range(len(before) - 1, 0, -1):
        num = before[k]
        after = OWN_WORDS_AFTER.match(
            reading.text, reading.figures[num].end, max(rate_words, reading.figures[num].end)
        )
        clause = reading.clause(num)
        if clause.endswith(verb) or after is not None and verb in after.group():
            break
        if not clause.startswith("其中"):
            return None  # (only the count's own parts may stand between it and its rate)
    else:
        return None
    base = before[k - 1]
    if (
        reading.clause(num).startswith("其中")
        or "率" in reading.text[reading.figures[base].end : reading.figures[num].start]
        or verb in reading.clause(base)  # 本科上线2800人，专科上线1300人，上线率…: the one before did it too
    ):
        return None
    n, b = reading.figures[num], reading.figures[base]
    exact = all(
        f.unit in ("人", "名") and f.decimals == 0 and not reading.is_change(j)
        for j, f in ((num, n), (base, b))
    )
    return (num, base) if exact and b.value > n.value > 0 else None


def _judge_counts(reading: Reading, i: int, part: int, whole: int) -> Verdict:
    f, p, w = reading.figures[i], reading.figures[part], reading.figures[whole]
    share = p.value / w.value * 100  # two exact counts: an exact share
    return judged(
        i,
        NAME,
        (share, share),
        f,
        f"text:share({operands(reading, (part, whole))})",
        f"{p.text.strip()}÷{w.text.strip()}",
    )


def _whole_of_own(reading: Reading, i: int, own: int | None) -> int | None:
    """现有幼儿25113人…，其中公办园10301人，占比41.02%: the share of the count (or amount: 银行发放国家助学贷款
    263.21亿元，占比27.54% of 资助总金额955.84亿元) right before it in a larger one stated earlier in the paragraph,
    when one gives it exactly (a proof only: no near miss is called wrong)."""
    if own is None or reading.figures[own].unit not in (*COUNTS, "万人", *MONEY):
        return None
    if amount(reading.figures[own]) <= 0:
        return None
    return _larger_before(reading, own, lambda j: _gives_share(reading, i, own, j))


def _gives_share(reading: Reading, i: int, part: int, whole: int) -> bool:
    """Share i, as printed, is part over whole exactly."""
    f = reading.figures[i]
    return matches_shown(
        f.value, f.decimals, amount(reading.figures[part]) / amount(reading.figures[whole]) * 100
    )


SECTORS = frozenset(("公办", "民办", "城区", "乡镇"))  # what a part of any level may be (levels_of's names)
BARE_SHARE = re.compile(r"[，,]\s*(?:占比|占)(?:为|是|达到|达)?")


def _second_of_two(reading: Reading, i: int, own: int | None) -> tuple[int, int] | None:
    """随迁子女3260人，在公办学校就读3098人，占95.0%: a bare 占 right after the second of the two counts of its sentence,
    the first larger and of its unit, is the share of the second in the first — not when the two are two sides of a
    pair (城区/农村) or of two levels (小学在校生…，初中在校生…，占: of the two together, or of another whole), nor
    when a share was said before (the first's own: the second's is then of the same whole as that one)."""
    before = reading.in_sentence(i)
    if own is None or before[-1:] != [own] or not BARE_SHARE.fullmatch(reading.lead(i)):
        return None
    counts = [j for j in before if same_family(reading.figures[j].unit, reading.figures[own].unit)]
    if len(counts) != 2 or any(reading.is_change(j) or reading.claims[j].role == "base" for j in counts):
        return None
    if any(reading.figures[j].unit == "%" for j in before):
        return None  # 50岁以上教师3710名，占比27%，其中51—55岁教师2453名，占比18%: both of one whole unsaid
    whole, part = counts
    w, p = reading.figures[whole], reading.figures[part]
    if w.unit != p.unit or p.unit not in (*COUNTS, "万人", *MONEY) or not 0 < amount(p) < amount(w):
        return None
    own_levels = levels_of(reading.clause(part)) - levels_of(reading.clause(whole)) - SECTORS
    if complementary(reading, counts) or own_levels:
        return None  # (在公办学校就读 names a sector of the whole's pupils, 初中在校生 another level than 小学's)
    return part, whole


def _bracketed_counts(reading: Reading, i: int) -> tuple[int, int] | None:
    """初中阶段入学率116.09%（初中在校学生数373481人，…人口数321711人）: a rate followed by a bracket whose first two
    counts give it exactly, the first over the second (a proof only: the words do not say which is which)."""
    f = reading.figures[i]
    if not reading.text.startswith("（", f.end):
        return None
    counts = [j for j in reading.in_sentence(i, before=False) if reading.figures[j].unit in COUNTS][:2]
    if len(counts) < 2 or not same_family(reading.figures[counts[0]].unit, reading.figures[counts[1]].unit):
        return None
    a, b = (amount(reading.figures[j]) for j in counts)
    return tuple(counts) if b > 0 and matches_shown(f.value, f.decimals, a / b * 100) else None


def _larger_before(reading: Reading, part: int, fits: Callable[[int], bool]) -> int | None:
    """The nearest count before `part` in its paragraph, of its unit family and larger, no change, that `fits`."""
    return next(_larger(reading, part, fits), None)


def _larger(reading: Reading, part: int, fits: Callable[[int], bool], changes: bool = False) -> Iterator[int]:
    """Every such count (`_larger_before`), nearest first; changes too when `changes` (a share of 新增…)."""
    p = reading.figures[part]
    ps, _ = reading.paragraph(p.start)
    for j in reversed(reading.between(ps, p.start)):
        w = reading.figures[j]
        if (
            same_family(w.unit, p.unit)
            and (changes or reading.claims[j].kind != "change")
            and amount(w) > amount(p)
            and fits(j)
        ):
            yield j


def _named_whole(reading: Reading, i: int) -> tuple[int, int] | None:
    """其中公办幼儿园在园幼儿8650人，占在园幼儿总数的65.2%: the whole the share names (在园幼儿) is the count of that
    name stated before in the paragraph (在园幼儿14200人), the part the count right before, named alike."""
    m = WHOLE_NAMED.search(reading.lead(i))
    before = reading.in_sentence(i)
    opening = (
        m is not None and not before
    )  # 专任教师中民办教师6.58万人…。民办教师占初中专任教师总数的比重为1.8%
    if opening:
        before = _part_opening_the_sentence(reading, i, reading.lead(i)[: m.start()])
    if m is None or not before:
        return None
    name, part = m.group(1), before[-1]
    p = reading.figures[part]
    # 新增在园幼儿318.85万人，其中…新增53.55万名在园幼儿，占新增在园幼儿总数的16.78%: a share of a named increase
    changes = reading.claims[part].kind == "change"
    if changes and not (name.startswith("新增") and p.unit.removeprefix("万") in COUNTS):
        return None
    total = reading.total_of.get(part)
    if total is not None and name in reading.clause(total):
        return part, total  # 少数民族学生237.8万人，其中…学生为64.95万人，占少数民族学生总数的27.33%
    if (
        p.unit in MONEY and len(name) >= 4
    ):  # 教育经费89.42亿元，占全市国内生产总值比例为…: the whole named in full
        named = re.compile(re.escape(name) + r"(?:为|是|达到|达)?$")  # 全市国内生产总值为4000亿元
        if named.search(
            reading.clause(part)
        ):  # 支出69.14亿元，教育支出占一般公共预算支出的: the whole itself
            return _subject_before_its_whole(reading, part, reading.lead(i)[: m.start()])
        whole = _larger_before(reading, part, lambda j: bool(named.search(reading.clause(j))))
        if whole is None and TOTAL_NAME.search(
            name
        ):  # 占高校资助总额29.91% of 资助总金额955.84亿元 before it
            rest = TOTAL_NAME.sub("", name)
            whole = _larger_before(reading, part, lambda j: _alike(rest, reading.clause(j)))
        return None if whole is None else (part, whole)
    if p.unit.removeprefix("万") not in COUNTS:
        return None
    if name not in reading.clause(part) + _noun_after(reading, part) and not opening:
        return _kind_of_the_whole(reading, i, part, name)
    # (幼儿1110人 … 幼儿1084人，占幼儿总数的9.43%: a sibling named alike is no whole)
    named = list(
        _larger(
            reading,
            part,
            lambda j: name in reading.clause(j) and reading.clause(j) != reading.clause(part),
            changes,
        )
    )
    if len(named) > 1:
        # 青海省籍毕业生10875人 … 省内六州生源毕业生4387人 … 外省籍生源毕业生4035人，占毕业生总数的27.06%: several
        # groups of 毕业生 before it, none said to be all: the one that gives the share, else none
        named = [j for j in named if _gives_share(reading, i, part, j)]
    return (part, named[0]) if len(named) == 1 else None


NOUN_AFTER = re.compile(r"[\u4e00-\u9fff]{2,8}(?=[，,；;。])")


def _noun_after(reading: Reading, part: int) -> str:
    """新增53.55万名在园幼儿，占新增在园幼儿总数的16.78%: a count in 名 names what it counts after its unit."""
    p = reading.figures[part]
    if p.unit.removeprefix("万") != "名":
        return ""
    m = NOUN_AFTER.match(reading.text, p.end)
    return "" if m is None else m.group()


SUBJECT = re.compile(r"(?<![\u4e00-\u9fff])([\u4e00-\u9fff]{4,12})$")


def _subject_before_its_whole(reading: Reading, whole: int, lead: str) -> tuple[int, int] | None:
    """一般公共预算教育支出12.86亿元…；一般公共预算支出69.14亿元，教育支出占一般公共预算支出的18.6%: the count right
    before is the whole the share names; the part is the amount the share's subject names (a name ending with
    教育支出), the nearest before the whole in its paragraph, and the only one so named."""
    m = SUBJECT.search(lead)
    if m is None:
        return None
    subject = m.group(1)
    w = reading.figures[whole]
    ps, _ = reading.paragraph(w.start)
    named = [
        j
        for j in reading.between(ps, w.start)
        if same_family(reading.figures[j].unit, w.unit)
        and reading.claims[j].kind not in ("change",)
        and reading.claims[j].role != "base"
        and VERB_AFTER.sub("", reading.clause(j)).endswith(subject)
    ]
    if len(named) != 1 or not 0 < amount(reading.figures[named[0]]) < amount(w):
        return None
    return named[0], whole


def _kind_of_the_whole(reading: Reading, i: int, part: int, name: str) -> tuple[int, int] | None:
    """教学班286个，平均班额49.9人；56人以上大班额12个，占教学班总数的4.2%: a part not named like the whole but a kind
    of it (its name holds the whole's last character, the head of the name: 班) is of the one count of its sentence
    and the one before, in its very unit, whose name ends with the whole's name."""
    p = reading.figures[part]
    if name[-1] not in reading.clause(part):
        return None  # 在校生68000人，民办学校教师210人，占全县在校生的…: teachers are no kind of 生
    wholes = [
        j
        for j in _counts_before(reading, i)
        if j < part
        and reading.figures[j].unit == p.unit
        and reading.claims[j].kind != "change"
        and VERB_AFTER.sub("", reading.clause(j)).endswith(name)
    ]
    if len(wholes) != 1 or amount(reading.figures[wholes[0]]) <= amount(p):
        return None  # (a part the sentence opens with is named by those words, not by the whole's name)
    between = reading.between(reading.figures[wholes[0]].end, p.start)
    if any(same_family(reading.figures[j].unit, p.unit) for j in between):
        return None  # 专任教师5236人，本科学历4189人，研究生学历126人，占专任教师总数的80.0%: which part?
    return part, wholes[0]


def _part_opening_the_sentence(reading: Reading, i: int, subject: str) -> list[int]:
    """The count of the sentence before that the share's sentence opens with (民办教师占… of …民办教师6.58万人):
    the last count before it in the paragraph, named by the share's first words."""
    s, _ = reading.sentence(reading.figures[i].start)
    if len(subject) < 2 or reading.text[s : s + len(subject)] != subject:
        return []
    earlier = reading.between(reading.sentence(max(s - 2, 0))[0], s)
    last = next(
        (
            j
            for j in reversed(earlier)
            if reading.figures[j].unit in (*COUNTS, "万人") and not reading.is_change(j)
        ),
        None,
    )  # (past its own changes: 民办教师6.58万人，比上年减少3.4万人)
    if last is None or not reading.clause(last).endswith(subject):
        return []
    return [last]


# 专任教师中本科及以上学历4350人: the whole (专任教师) a part's words open with, and 中 (not 初中, 高中, 其中)
AMONG = re.compile(r"^([\u4e00-\u9fff]{2,10}?)(?<![初高其集])中(?![学小职专等])")
WHOLE_BACK = 240  # characters before the sentence in which the whole of two shares may be named
# 2. 学位结构 专任教师中，…: a numbered heading run into its paragraph's first sentence
RUN_IN_HEADING = re.compile(
    r"^\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[.、．]\s*[^\s，,。；;:：]{2,24}\s+"
)


def _whole_said_in_part(reading: Reading, i: int) -> tuple[int, int] | None:
    """教职工5680人，其中专任教师5120人，专任教师中本科及以上学历4350人，占84.96%: the share right after its part,
    whose words open with the whole it is among (专任教师中…) — the nearest larger count before it in the paragraph
    whose words end with that name."""
    before = reading.in_sentence(i)
    if not before:
        return None
    part, p = before[-1], reading.figures[before[-1]]
    among = AMONG.match(PART_OPENS.sub("", reading.clause(part)))
    if (
        among is None
        or p.unit not in COUNTS
        or not SHARE_AFTER.fullmatch(reading.text, p.end, reading.figures[i].start)
    ):
        return None
    name = among.group(1)
    whole = _larger_before(reading, part, lambda j: reading.clause(j).endswith(name))
    return None if whole is None else (part, whole)


# 全县86所学校中，有82所 / 122个县（市、区）中，达到标准的有116个: a count, its noun and 中, then a count among it
AMONG_WHOLE = re.compile(r"[^，。；\d]{0,16}?中[，,][^，。；\d]{0,16}")
SHARE_NEXT = re.compile(r"[^，。；\d]{0,30}[，,]\s*(?:占比|占|比例)(?:为|是|达到|达)?")  # 达到标准，占


def _among_the_whole_before(reading: Reading, i: int) -> tuple[int, int] | None:
    """全县86所学校中，有82所达到标准，占95.3%: the share right after its part, which is counted among the count
    before it in its sentence (…中，): 82 ÷ 86."""
    before = reading.in_sentence(i)
    if len(before) < 2:
        return None
    whole, part = before[-2], before[-1]
    w, p = reading.figures[whole], reading.figures[part]
    if (
        p.unit not in COUNTS
        or not same_family(w.unit, p.unit)
        or not AMONG_WHOLE.fullmatch(reading.text, w.end, p.start)
        or not SHARE_NEXT.fullmatch(reading.text, p.end, reading.figures[i].start)
        or reading.in_sentence(part, before=False)[:1] != [i]
        or amount(w) <= amount(p)
    ):
        return None
    return part, whole


SHARES_OF_THE_TWO = re.compile(r"[，,]\s*分别占(?:比)?(?:为|是|达到|达)?$")  # …，研究生学历126人，分别占


def _two_of_one_whole(reading: Reading, i: int) -> tuple[int, int] | None:
    """专任教师5120人，其中本科及以上学历4350人，研究生学历126人，分别占84.96%和2.46% (or 专任教师中，本科…): two shares
    after 分别占, of the two counts right before, each over the one whole they are said among — the count before
    them of their unit with 其中 after it, or the count whose words the sentence opens with before 中. Two traits may
    overlap (研究生 are 本科及以上 too): each share is its own count over the whole, never of their sum."""
    run = reading.run_of(i)
    if len(run) != 2 or not SHARES_OF_THE_TWO.search(reading.lead(run[0])):
        return None
    counts = [j for j in reading.in_sentence(run[0]) if reading.figures[j].unit != "%"]
    if len(counts) < 2 or any(reading.claims[j].kind == "change" for j in counts[-2:]):
        return None
    parts = counts[-2:]
    p0, p1 = (reading.figures[j] for j in parts)
    if p0.unit not in COUNTS or not same_family(p0.unit, p1.unit):
        return None
    s, _ = reading.sentence(p0.start)
    among = AMONG.match(RUN_IN_HEADING.sub("", reading.text[s : p0.start].lstrip("，,")))

    def named(j: int) -> bool:
        return among is not None and reading.clause(j).endswith(among.group(1))

    whole = _larger_before(
        reading,
        parts[0],
        lambda j: (
            amount(reading.figures[j]) > amount(p1)
            and ("其中" in reading.text[reading.figures[j].end : p0.start] or named(j))
        ),
    )
    if whole is None and among is not None:
        # 学校现有专任教师1167人…。\n2. 学位结构 专任教师中，…: the whole named in full a paragraph or two before
        whole = next(
            (
                j
                for j in reversed(reading.between(max(0, s - WHOLE_BACK), s))
                if same_family(reading.figures[j].unit, p0.unit)
                and amount(reading.figures[j]) > amount(p1)
                and named(j)
            ),
            None,
        )
    return None if whole is None else (parts[run.index(i)], whole)


def _total_before_its_part(reading: Reading, i: int) -> tuple[int, int] | None:
    """全省共有幼儿园6973所。其中公办幼儿园4747所，占总数的78.08% / …总投入118.57亿元…。其中，一般公共预算安排的
    教育经费116.60亿元，占98.43%: a sentence opened by 其中 names a part of the total that opens the sentence before
    (or of the total its first figure is a part of); the share right after the part (its only figure before the
    share) is of that total."""
    before = reading.in_sentence(i)
    if len(before) != 1:
        return None
    part, p = before[0], reading.figures[before[0]]
    s, _ = reading.sentence(p.start)
    if not SHARE_AFTER.fullmatch(reading.text, p.end, reading.figures[i].start) or not OPENS_PART.match(
        reading.text, s
    ):
        return None
    total = _first_value_before(reading, s, p.unit)  # 共资助…4281.82万人次，资助总金额955.84亿元: the amount
    # 小学在校生1200人，初中在校生800人，合计2000人。其中民办学校在校生300人，占比15%: the sentence before opens
    # with a part of its own total, which is the whole
    total = reading.total_of.get(total, total) if total is not None else None
    if total is None or not _names_the_total(reading, reading.text[p.end : reading.figures[i].start], total):
        return None
    return (part, total) if amount(reading.figures[total]) > amount(p) else None


# (占2018年资助总额的: the year the whole is of before its name)
NAMED_TOTAL = re.compile(r"占(?:\d{4}年度?)?([\u4e00-\u9fff]{2,16}?)(?:总额|总数|总量|总计|总投入|总支出)")


def _names_the_total(reading: Reading, between: str, total: int) -> bool:
    """占总数的 is of the total before; 占小学在校生总数的 is of it only when the total is named alike (其中，小学有
    1064.48万人，占小学在校生总数的10.55% after 留守儿童1550.56万人: a whole the text does not state)."""
    named = NAMED_TOTAL.search(between)
    return named is None or bool(chinese_bigrams(named.group(1)) & chinese_bigrams(reading.clause(total)))


def _done_of_target(reading: Reading, i: int) -> tuple[int, int] | None:
    """全市有33所幼儿园投入使用，完成年初35所目标任务的94.29%: the count done (the figure before 完成) of the target
    (the figure right before 目标任务的), both of one unit."""
    before = reading.in_sentence(i)
    if len(before) < 2:
        return None
    if OF_PLAN.match(reading.lead(i)):  # 计划总投资1.44亿元，已完成投资5172万元，完成计划的36%
        done, d = before[-1], reading.figures[before[-1]]
        if d.unit == "%":
            return None
        plan = next(
            (
                j
                for j in reversed(before[:-1])
                if same_family(reading.figures[j].unit, d.unit) and "计划" in reading.clause(j)
            ),
            None,
        )
        return None if plan is None else (done, plan)
    done, target = before[-2], before[-1]
    d, t, f = reading.figures[done], reading.figures[target], reading.figures[i]
    if d.unit != t.unit or d.unit == "%":
        return None
    between, after = reading.text[d.end : t.start], reading.text[t.end : f.start]
    if OF_TARGET.fullmatch(after) or after == "的" and TARGET_BEFORE.search(between):
        return (done, target) if "完成" in between else None
    return None


# 这个数据在去年自治区生产总值6600亿元中，比重达到了6.2%: the sentence speaks of the figure of the one before it
THIS_FIGURE = re.compile(r"\s*(?:这个|这一|该|此)(?:数据|数字|数|金额|投入|支出)")
IN_WHOLE = re.compile(r"^[，]?中[，]?(?:所占)?(?:的)?(?:比重|比例|占比)(?:达到了|达到|为|是|达)?$")


def _this_figure_in_a_whole(reading: Reading, i: int) -> tuple[int, int] | None:
    """2011年，新疆用于教育的财政支出为413.2亿元，增长31.6%。这个数据在去年自治区生产总值6600亿元中，比重达到了
    6.2%: the whole is the one figure of the share's sentence (…中，比重…), the part the first amount of the
    sentence before, smaller than it and of its unit."""
    before = reading.in_sentence(i)
    if len(before) != 1 or not IN_WHOLE.match(reading.lead(i)):
        return None
    whole, w = before[0], reading.figures[before[0]]
    s, _ = reading.sentence(w.start)
    if not THIS_FIGURE.match(reading.text, s) or w.unit not in MONEY + COUNTS:
        return None
    part = _first_value_before(reading, s, w.unit)
    return (part, whole) if part is not None and amount(reading.figures[part]) < amount(w) else None


def _first_value_before(reading: Reading, s: int, unit: str) -> int | None:
    """The first value of `unit`'s family in the sentence before offset s (no change, no previous value)."""
    earlier = reading.between(reading.sentence(max(s - 2, 0))[0], s)
    return next(
        (
            j
            for j in earlier
            if not reading.is_change(j)
            and reading.claims[j].role != "base"
            and same_family(reading.figures[j].unit, unit)
        ),
        None,
    )


def _of_total(reading: Reading, own: int | None) -> tuple[int, int] | None:
    """其中专任教师2802人，占比90.6%: the part is the figure before 占比, the whole its 其中 total."""
    if own is None:
        return None
    whole = reading.total_of.get(own)
    return (own, whole) if whole is not None else None


PART_OPENS = re.compile(r"^[（(]?(?:其中)?[：:，,]?")
# 公办幼儿园占比为 / 公办园在园幼儿占比: what the share is of, named again right before 占比
NAMED_SHARE = re.compile(r"([\u4e00-\u9fff]{2,12}?)(?:的)?占比(?:为|是|达到|达)?$")


def _named_part(reading: Reading, i: int) -> tuple[int, int] | None:
    """全县共有幼儿园120所，其中公办幼儿园50所，公办幼儿园占比为48%: the share names its part again (公办园 for
    公办幼儿园) — of the parts of one 其中 total said before it in the sentence, the one part whose words start as that
    name does, counting the same kind of thing (公办园在园幼儿 is no count of 公办幼儿园)."""
    said = NAMED_SHARE.search(reading.clause(i))
    if said is None:
        return None
    parts = [j for j in reading.in_sentence(i) if j in reading.total_of]
    totals = {reading.total_of[j] for j in parts}
    if len(totals) != 1:
        return None
    heads = {j: PART_OPENS.sub("", reading.clause(j))[:2] for j in parts}  # 公办 of 其中公办幼儿园
    named = [j for j in parts if len(heads[j]) == 2 and said.group(1).startswith(heads[j])]
    if len(named) != 1 or list(heads.values()).count(heads[named[0]]) > 1:
        return None  # (中西部地区县数 after 东部地区890个、中部地区872个、西部地区1005个 names none of them)
    j, whole = named[0], totals.pop()
    counted = kinds_of(said.group(1))
    if counted and not counted & (kinds_of(reading.clause(j)) | kinds_of(reading.clause(whole))):
        return None
    return j, whole


def _pair_before(reading: Reading, i: int) -> tuple[int, int] | None:
    """城区学校12所，农村学校144所，农村学校占全县学校总数的92.3%: the two counts before the share in its sentence
    split a whole in two (城区/农村, 公办/民办, 男/女) and the share names one of them again — the whole is their sum.
    (part, the other)."""
    before = reading.in_sentence(i)
    if len(before) < 2 or not complementary(reading, before[-2:]):
        return None
    a, b = before[-2:]
    if reading.figures[a].unit != reading.figures[b].unit or reading.is_change(a) or reading.is_change(b):
        return None
    lead = reading.lead(i)
    if not SHARE_WORDS.search(lead):
        return None
    named = [j for j in (a, b) if pair_word(reading, j) in lead]  # (complementary: both open with one)
    return (named[0], a if named[0] == b else b) if len(named) == 1 else None


def _of_the_pair(reading: Reading, i: int, part: int, other: int) -> Iterator[Verdict]:
    """The share of the pair's sum; one that misses it is wrong only when no larger count said before in the
    paragraph gives it either (全县学校156所，城区学校12所，农村学校140所，农村学校占89.7%: 140÷156, the pair leaves
    some schools out)."""
    f, p, o = reading.figures[i], reading.figures[part], reading.figures[other]
    exact = ratio(interval(p), total([interval(p), interval(o)]))
    if exact is None:
        return
    exact = (exact[0] * 100, exact[1] * 100)
    source = f"text:share({operands(reading, (part,))},sum({operands(reading, (part, other))}))"
    verdict = judged(i, NAME, exact, f, source, f"{p.text.strip()}÷（{p.text.strip()}+{o.text.strip()}）")
    if verdict.status == "inconsistent":
        said = _larger_before(
            reading,
            part,
            lambda j: matches_shown(f.value, f.decimals, amount(p) / amount(reading.figures[j]) * 100),
        )
        if said is not None:
            yield from _judge(reading, i, part, said)
            return
    yield verdict


def _judge(reading: Reading, i: int, part: int, whole: int) -> Iterator[Verdict]:
    f, p, w = reading.figures[i], reading.figures[part], reading.figures[whole]
    if not same_family(p.unit, w.unit) or p.unit == "%":
        return
    exact = ratio(interval(p), interval(w))
    if exact is None:
        return
    exact = (exact[0] * 100, exact[1] * 100)
    source = f"text:share({operands(reading, (part, whole))})"
    verdict = judged(i, NAME, exact, f, source, f"{p.text.strip()}÷{w.text.strip()}")
    if (
        verdict.status == "inconsistent"
        and (outer := _whole_of_the_whole(reading, i, part, whole)) is not None
    ):
        verdict = Verdict(i, "derived", NAME, source=f"text:share({operands(reading, (part, outer))})")
    elif verdict.status == "inconsistent" and (listed := _listed_with(reading, part, whole, f)) is not None:
        verdict = Verdict(
            i, "derived", NAME, source=f"text:share(sum({operands(reading, listed)}),{w.text.strip()})"
        )
    elif verdict.status == "inconsistent" and (heads := _list_it_heads(reading, whole, p, f)) is not None:
        verdict = Verdict(
            i, "derived", NAME, source=f"text:share({p.text.strip()},sum({operands(reading, heads)}))"
        )
    yield verdict


def _list_it_heads(reading: Reading, whole: int, p: Figure, f: Figure) -> list[int] | None:
    """理工类共录取150144人，文史类69029人，体育类1819人，艺术类14347人。…省外院校共录取考生124714人，占录取人数的52.99%: the
    count taken for the whole opens a list of kinds, and the share is of all of them (124714 ÷ 235339), not of the first.
    Only a share that holds so exactly is taken (None otherwise)."""
    run, k = [whole], reading.next_in_sentence(whole)
    while k is not None and same_family(reading.figures[k].unit, p.unit) and not reading.is_change(k):
        run.append(k)
        k = reading.next_in_sentence(k)
    if len(run) < 2:
        return None
    together = sum(amount(reading.figures[j]) for j in run)
    return run if matches_shown(f.value, f.decimals, amount(p) / together * 100) else None


# what stands between two listed counts: the first one's noun, then 、 (or 和, 及, 与)
LISTED_BETWEEN = re.compile(r"[\u4e00-\u9fff（）()]{0,12}[、和及与]")


def _listed_with(reading: Reading, part: int, whole: int, f: Figure) -> list[int] | None:
    """其中11所初中、1所九年一贯制学校、29所小学全部达标, 占学校总数的83.67%: the part ends a list of counts of its unit, and
    the share is of all the list together (41 ÷ 49), not of the last item alone. Only a share that holds so exactly is
    taken (None otherwise)."""
    p, run = reading.figures[part], [part]
    k = part - 1
    while k >= 0:  # back over 11所初中、1所九年一贯制学校、 (九年 of the school's name is no figure)
        before = reading.figures[k]
        if before.ignored:
            k -= 1
            continue
        if before.unit != p.unit or not LISTED_BETWEEN.fullmatch(
            reading.text, before.end, reading.figures[run[0]].start
        ):
            break
        run.insert(0, k)
        k -= 1
    if len(run) < 2:
        return None
    together = sum(amount(reading.figures[j]) for j in run)
    held = matches_shown(f.value, f.decimals, together / amount(reading.figures[whole]) * 100)
    return run if held and together <= amount(reading.figures[whole]) else None


def _whole_of_the_whole(reading: Reading, i: int, part: int, whole: int) -> int | None:
    """毕业生共有6782人…主要来自河南省,有5261人,占比为77.57%。其中,…周口市1154人,占比为17.02%: the whole's own share,
    printed right after it, names the whole it is of (5261 ÷ 6782), and the part's share may be of that one too
    (1154 ÷ 6782 = 17.02%, not ÷ 5261). Only a share that holds exactly so is taken."""
    w, f, p = reading.figures[whole], reading.figures[i], reading.figures[part]
    after = reading.between(w.end, w.end + 12)
    if not after or reading.figures[after[0]].unit != "%":
        return None
    said = reading.figures[after[0]]
    for k in reading.between(max(0, w.start - COUNT_REACH), w.start):
        outer = reading.figures[k]
        if outer.unit != w.unit or amount(outer) <= amount(w):
            continue
        if matches_shown(said.value, said.decimals, amount(w) / amount(outer) * 100) and matches_shown(
            f.value, f.decimals, amount(p) / amount(outer) * 100
        ):
            return k
    return None


def _near_words(reading: Reading, i: int) -> bool:
    f = reading.figures[i]
    s, _ = reading.sentence(f.start)
    return bool(SHARE_WORDS.search(reading.text[max(s, f.start - 40) : f.start]))


def _near_share(reading: Reading, i: int) -> Verdict | None:
    """A pair of counts of the paragraph gives P%, the part named like the rate: derived (招生909人…共招生2305人，
    …招生人数占比例为39.44%; 其中公办幼儿园52所，幼儿6590人；…公办幼儿园在园人数占比为58.26%, two sentences on).
    None does, but a nearby pair comes close: a mis-computed share (53/101 printed 52.3%)."""
    f = reading.figures[i]
    rate_words = chinese_bigrams(reading.lead(i))
    exact = _exact_pair(reading, i, rate_words, _counts_before(reading, i, reading.paragraph(f.start)[0]))
    if exact is not None:
        return exact
    counts = _counts_before(reading, i)
    together = _two_parts_share(reading, i, counts)
    if together is not None:  # (公办园10301人 + 普惠性民办园7629人) ÷ 25113人 = 71.4%: two parts together
        return Verdict(
            i,
            "derived",
            NAME,
            source=f"text:share(sum({operands(reading, together[:2])}),{operands(reading, together[2:])})",
            searched=f.decimals == 0,
        )
    if joined := JOINED_GROUPS.search(reading.clause(i)):
        # 教授、副教授讲授本科课程的比例为94.61%: of the groups together, no near miss of one pair
        return _joined_share(reading, i, joined.groups(), counts)
    best: tuple[float, Figure, Figure] | None = None
    named = SHARE_OF.search(reading.lead(i))  # 占主讲教师比例: a near miss's whole is named alike
    whole_words = chinese_bigrams(named.group(1)) if named else set()
    for ja, jb in _named_pairs(reading, rate_words, counts):
        a, b = reading.figures[ja], reading.figures[jb]
        if whole_words and not whole_words & chinese_bigrams(reading.clause(jb)):
            continue  # (教授人数123人，副教授人数254人 … 占主讲教师比例为46.66%: 254 is no 主讲教师)
        if (
            not chinese_bigrams(reading.clause(ja)) & chinese_bigrams(reading.clause(jb))
            and not (POPULATION_WHOLE.search(reading.clause(jb)))
        ):  # 硬上线592人 is no part of 专任教师1303人: a near miss is called only of counts named alike, or of a
            continue  # population named as one (实际入学3231人 of 适龄儿童总数3264人)
        share = amount(a) / amount(b) * 100
        gap = abs(share - f.value)
        if gap <= min(2.0, 0.05 * f.value) and (best is None or gap < best[0]):
            best = (gap, a, b)
    if best is None:
        return None
    share = amount(best[1]) / amount(best[2]) * 100
    return Verdict(
        i,
        "inconsistent",
        NAME,
        expected_text(f, share),
        "",
        f"{best[1].text.strip()}÷{best[2].text.strip()}={expected_text(f, share)}",
    )


JOINED_GROUPS = re.compile(r"^([\u4e00-\u9fff]{2,6})[、和及与]([\u4e00-\u9fff]{2,6})(?:讲授|承担|为|的|占)")


def _joined_share(reading: Reading, i: int, groups: tuple[str, ...], counts: list[int]) -> Verdict | None:
    """教授人数143人,副教授人数247人,其中为本科生授课教授人数135人,副教授234人。…教授、副教授讲授本科课程的比例为
    94.61%: each group has two counts before the share, its whole and its part, and the share of the groups
    together is their parts over their wholes, (135 + 234) ÷ (143 + 247) = 94.62%. Any other number of counts of
    a group leaves the share alone."""
    of_group: dict[str, list[int]] = {g: [] for g in groups}
    for j in counts:
        clause = reading.clause(j)
        named = [
            g for g in groups if g in clause and not any(g != h and g in h and h in clause for h in groups)
        ]
        if len(named) == 1:
            of_group[named[0]].append(j)
    pairs = [sorted(js, key=lambda j: amount(reading.figures[j])) for js in of_group.values()]
    if any(len(js) != 2 or amount(reading.figures[js[0]]) >= amount(reading.figures[js[1]]) for js in pairs):
        return None
    if len({reading.figures[j].unit for js in pairs for j in js}) != 1:
        return None
    f = reading.figures[i]
    parts = total([interval(reading.figures[js[0]]) for js in pairs])
    wholes = total([interval(reading.figures[js[1]]) for js in pairs])
    exact = ratio(parts, wholes)
    if exact is None:
        return None
    said = "+".join(reading.figures[js[0]].text.strip() for js in pairs)
    over = "+".join(reading.figures[js[1]].text.strip() for js in pairs)
    source = f"text:share(sum({operands(reading, [js[0] for js in pairs])}),sum({operands(reading, [js[1] for js in pairs])}))"
    return judged(i, NAME, (exact[0] * 100, exact[1] * 100), f, source, f"({said})÷({over})")


def _peer_as_whole(reading: Reading, i: int, ja: int, jb: int) -> Verdict | None:
    """职业中等专业学校在校生1628人，本地普通高中4243人，…占高中阶段在校学生比例为38.37%: 1628/4243 is the share
    of 中职 in 普通高中, not in 高中阶段 (= 中职 + 普通高中), which is 1628/5871 = 27.73%."""
    whole = SHARE_OF.search(reading.lead(i))
    stage = next((s for s in levels_of(whole.group(1)) if s in LEVEL_MADE_OF), None) if whole else None
    if stage is None:
        return None
    of_a, of_b = levels_of(reading.clause(ja)), levels_of(reading.clause(jb))
    parts = set(LEVEL_MADE_OF[stage])
    if stage in of_b or len(of_b & parts) != 1 or not of_a & parts or of_a & parts == of_b & parts:
        return None  # 4243 is the stage's own count, or the two are not two of its parts
    a, b, f = reading.figures[ja], reading.figures[jb], reading.figures[i]
    share = amount(a) / (amount(a) + amount(b)) * 100
    return Verdict(
        i,
        "inconsistent",
        NAME,
        expected_text(f, share),
        f"text:share({operands(reading, (ja, jb))})",
        f"{stage}={a.text.strip()}+{b.text.strip()}：{a.text.strip()}÷{stage}={expected_text(f, share)}"
        f"（{f.text.strip()}是{a.text.strip()}÷{b.text.strip()}）",
    )


TOTAL_NAME = re.compile(r"总额$|总金额$|总量$|总计$")


def _alike(rest: str, words: str) -> bool:
    """The words name a total (总额/总金额…) of what the name's last two characters before its 总额 say (高校资助总额
    and 资助总金额: 资助); the scope before them (高校) may be left out."""
    return len(rest) >= 2 and rest[-2:] in words and TOTAL_NAME.search(words.rstrip("为是达到")) is not None


def _named_pairs(reading: Reading, rate_words: set[str], counts: list[int]) -> Iterator[tuple[int, int]]:
    """(part, whole) of the counts: same unit family, the part smaller and named like the rate (毛入园率93% is
    no share of 乡镇12所)."""
    sizes = [(j, reading.figures[j].unit, amount(reading.figures[j])) for j in counts]  # each count's once
    for ja, unit, a in sizes:
        if not rate_words & chinese_bigrams(reading.lead(ja)):
            continue
        for jb, other, b in sizes:
            if ja != jb and same_family(unit, other) and 0 < a < b:
                yield ja, jb


def _exact_pair(reading: Reading, i: int, rate_words: set[str], counts: list[int]) -> Verdict | None:
    """The share two of the counts give exactly."""
    f = reading.figures[i]
    for ja, jb in _named_pairs(reading, rate_words, counts):
        a, b = reading.figures[ja], reading.figures[jb]
        if matches_shown(f.value, f.decimals, amount(a) / amount(b) * 100):
            peer = _peer_as_whole(reading, i, ja, jb)  # 1628÷4243 printed as 中职's share of 高中阶段
            return peer or Verdict(
                i,
                "derived",
                NAME,
                source=f"text:share({a.text.strip()},{b.text.strip()})",
                searched=f.decimals == 0,
            )
    return None


def _two_parts_share(reading: Reading, i: int, counts: list[int]) -> tuple[int, int, int] | None:
    """Two of the counts together over a third give the printed share exactly (普惠性幼儿园覆盖率（公办园和普惠性
    民办园在园幼儿占比）为71.4%): no single pair is meant, so a pair that comes close proves nothing."""
    f = reading.figures[i]
    values = [(j, amount(reading.figures[j]), reading.figures[j].unit) for j in counts]
    for ja, a, ua in values:
        for jb, b, ub in values:
            if jb <= ja or not same_family(ua, ub):
                continue
            for jc, c, uc in values:
                if (
                    jc not in (ja, jb)
                    and same_family(ua, uc)
                    and a + b < c
                    and matches_shown(f.value, f.decimals, (a + b) / c * 100)
                ):
                    return ja, jb, jc
    return None


def _counts_before(reading: Reading, i: int, since: int | None = None) -> list[int]:
    """The counts of figure i's sentence and the one before it (or since `since`), up to the figure (no
    changes, rates or bases)."""
    f = reading.figures[i]
    s, _ = reading.sentence(f.start)
    ps = since if since is not None else reading.sentence(max(s - 2, 0))[0]
    return [
        j
        for j in reading.between(ps, f.start)
        if reading.figures[j].unit in COUNTS
        and reading.claims[j].kind != "change"
        and reading.claims[j].role != "base"
    ]
