"""The Claim reader: each figure of a text read once — what it claims and which figures beside it it relates to.

A Claim says what kind of figure it is (a value, a change, a level rate, a share, a total), which way a
change goes, whether it is approximate (约/余/以上), the year it is stated for and the year it is compared
with, the words that name it, and the figures it is computed from or measured against:
- a change points to the value it belongs to (`own`) and the previous value stated beside it (`base`):
  "事业收入5120.40万元，比上年4986.12万元增加134.28万元，增长2.69%"; "由31200人增至35870人";
  "上年9120.55，本年9433.10元，本年比上年增长3.43%";
- a share points to its part and whole ("民办在校生2100人，占全县在校生68000人的3.09%");
- a total points to the parts listed with it ("共…其中…", "…，合计12.8万平方米").
The rules (checker.rules) judge these relations; the linker ties claims to the metrics.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal, NamedTuple

from drafter.checker.labels import chinese_bigrams, kinds_of, levels_of
from drafter.checker.reading import CLAUSE_BREAK, Reading
from drafter.checker.words import (
    ALL_KINDS,
    APPROX_AFTER,
    APPROX_BEFORE,
    AVERAGE_YEARLY,
    BASE_BEFORE,
    BOTTOM_GRADES,
    CHANGE_BEFORE,
    EVALUATED,
    FROM_LOOSE,
    FROM_VALUE,
    GRADE,
    GROWTH_RATE_BEFORE,
    LEVEL_MADE_OF,
    NAMED_YEAR,
    PARTS_SPLIT,
    PARTS_START,
    PLACE,
    PREVIOUS_YEAR,
    RATE_WORDS,
    REACHED,
    REST,
    SHARE_BEFORE,
    SHARE_RATIO_BEFORE,
    SUMMED_WORDS,
    THING,
    THIS_YEAR_BEFORE,
    TO_VALUE,
    TOTAL_BEFORE,
    TOTAL_WORDS,
    direction_of,
    other_places,
)
from drafter.core.types import Figure
from drafter.figures.numbers import ASIDE_LONGEST, family, same_family

ClaimKind = Literal["value", "change", "rate", "share", "total"]
POINTS = "个百分点"
RATE_GAP = re.compile(r"(?:增长|增幅|增速)[^，。；]{0,6}(?:高于|快于|低于|慢于|超过|超出)[^，。；]{2,20}$")
# 拨款增长21.98%，高于财政经常性收入15.20%的增长幅度，增长6.78个百分点: the gap stated after the comparison
RATE_GAP_AFTER = re.compile(
    r"(?:增长|增幅|增速)[^。；]{0,12}%[^。；]{0,3}(?:高于|快于|低于|慢于)[^。；%]{1,20}%的?(?:增长幅度|增幅|增速|增长率)?"
    r"[，]?(?:增长|高出|高|快|多)?了?$"
)
VERSUS_WORD = re.compile(r"高于|低于|快于|慢于|超过|超出")
VERSUS = re.compile(
    r"(?:高于|低于|快于|慢于|多于|少于|超过|超出|领先)[^，。；]{0,30}$"
    # 比相邻城市多约800人: another place, not another year (比上年 / 比2016年 / 比去年同期 stay changes)
    r"|比(?!上年|去年|上一年|前一年|同期|上期|\d{4}|今年|当年|本年)[^，。；\d]{2,12}(?:多|少)(?:出|了)?约?$"
)
OWN_SHARE_AFTER_WORDS = re.compile(r"[\u4e00-\u9fff]{1,8}[，](?:占比|占)(?:为|达到|达|是)?")
OWN_SHARE = re.compile(r"[，]?(?:占比|所占比例|占|比例|比重)(?:为|达到|达|是)?")  # 其中X人，占比Y%
UNCOUNTED = ("", "年", "岁", "倍")


@dataclass
class Claim:
    """One figure as the text states it. `index` is the figure's index in Reading.figures."""

    index: int
    kind: ClaimKind = "value"
    direction: int = 0  # a change: +1 up, −1 down
    approx: bool = False  # 约 / 近 / 余 / 以上 / 左右 …
    year: int | None = None
    base_year: int | None = None  # a change: the year it is measured from; a base value: its own year
    role: str = ""  # "base": the previous value of a comparison (比上年的X, 由X)
    subject: str = ""  # the words that name what the figure counts
    own: int | None = None  # a change or share: the figure it is about
    base: int | None = None  # a change: the previous value stated beside it
    parts: tuple[int, ...] = ()  # a total: its listed parts; a share: (part, whole)
    exhaustive: bool = False  # a total whose parts claim to split it (共/合计 … 其中 …, 分别)
    summed: bool = (
        False  # …and are said to add up to it (合计/总计/共计 … 其中 …, 分别), not only its main items
    )
    # a total added up from the items before it (合计45所), split again by the 其中 list of the next sentence (其中城区
    # 学校12所，农村学校35所): that second list
    split: tuple[int, ...] = ()
    yearly: bool = False  # 年均
    versus: bool = False  # 高于全国平均4.09个百分点: measured against another figure, not the previous year
    rate_diff: bool = False  # 增长…高于…增长 X: the gap between two growth rates
    notes: list[str] = field(default_factory=list)

    @property
    def is_rate(self) -> bool:
        return self.kind in ("rate", "share")


def read_claims(reading: Reading) -> dict[int, Claim]:
    """A Claim per active figure of `reading` (also stored on it), sentence by sentence."""
    claims: dict[int, Claim] = {}
    reading.claims = claims
    by_sentence: dict[tuple[int, int], list[int]] = {}
    for i in reading.active:
        by_sentence.setdefault(reading.sentence(reading.figures[i].start), []).append(i)
    for idxs in by_sentence.values():
        _read_sentence(reading, idxs, claims)
    for idxs in by_sentence.values():
        _link_totals(reading, idxs, claims)
    _totals_across_sentences(reading, claims)
    _enumerated_totals(reading, claims)
    _owners_across_sentences(reading, list(by_sentence.items()), claims)
    _bases_across_sentences(reading, claims)
    _yearly_lists(reading, claims)
    for i, c in claims.items():
        for part in c.parts if c.kind == "total" else ():
            reading.total_of.setdefault(part, i)
        if c.kind == "change" and c.own is not None:
            reading.changes_of.setdefault(c.own, []).append(i)
    return claims


def _read_sentence(reading: Reading, idxs: list[int], claims: dict[int, Claim]) -> None:
    for i in idxs:
        claims[i] = _first_reading(reading, i)
    for i in idxs:  # 比上年的11860元、16200元: every value of the list after 比上年的 is a previous one
        if claims[i].role == "base":
            for j in reading.run_of(i):
                if j > i and claims[j].kind == "value" and claims[j].role != "base":
                    claims[j].role, claims[j].base_year = "base", claims[i].base_year
    _shared_change_word(reading, idxs, claims)
    _shared_comparand(reading, idxs, claims)
    _link_changes(reading, idxs, claims)
    _link_shares(reading, idxs, claims)


def _shared_change_word(reading: Reading, idxs: list[int], claims: dict[int, Claim]) -> None:
    """分别下降2.46%和8.33%: a figure listed right after a change, with no word of its own, changes the same way
    (分别降低了0.02个百分点和0.9个百分点: points read as a rise for want of a word go down too)."""
    for prev, i in zip(idxs, idxs[1:], strict=False):
        p, c = claims[prev], claims[i]
        if p.kind != "change":
            continue  # (most figures stop here, before the words between are read)
        rates = bool(GROWTH_RATE_BEFORE.search(reading.lead(prev)))  # 增长率为7.00%、9.54%: rates listed
        if (
            (c.kind != "change" or c.direction != p.direction and not CHANGE_BEFORE.search(reading.lead(i)))
            and not rates
            and BARE_SEP.fullmatch(reading.text, reading.figures[prev].end, reading.figures[i].start)
            and i in reading.run_of(prev)
        ):
            c.kind, c.direction, c.yearly, c.versus, c.rate_diff = (
                "change",
                p.direction,
                p.yearly,
                p.versus,
                p.rate_diff,
            )


def _shared_comparand(reading: Reading, idxs: list[int], claims: dict[int, Claim]) -> None:
    """…本一上线绝对数比相邻城市多约800人，普通类本二以上上线绝对数多约700人: a change right after one measured
    against another place, that names no comparison of its own, is measured against that place too."""
    for prev, i in zip(idxs, idxs[1:], strict=False):
        p, c = claims[prev], claims[i]
        lead = reading.lead(i)
        if (
            p.kind == "change"
            and p.versus
            and c.kind == "change"
            and not c.versus
            and not COMPARED.search(lead)
        ):
            c.versus = True


BARE_SEP = re.compile(r"\s*[、，,和及与]\s*")
# a figure's subject (_subject): its clause without the comparison and the verb before the figure
SUBJECT_SPLIT = re.compile(r"[，：、（）]")
# the words a figure's first reading and its compared year look for (compiled once: every figure is read)
FROM_YEAR_BEFORE = re.compile(r"(?:由|从)(\d{4})年的?$")
FROM_NAMED_YEAR = re.compile(r"(?:由|从)(\d{4})年")
MINUS_BEFORE = re.compile(r"(?:-|－|负)$")
LAST_YEAR = re.compile(r"上年|去年")
NEW_BEFORE = re.compile(r"新增(?:了)?$")
COMPARED = re.compile(r"比|较|同比|上年|去年")
COMPARED_WITH = re.compile(r"(?:比|较|与)(?:上年|上一年|去年|同期|\d{4}年)(?:同期|同口径)?(?:的|相比)?")
SUBJECT_VERB = re.compile(r"(?:为|是|达到|达|有|共|约|近|共有|合计)$")


# ---------------------------------------------------------------- one figure on its own
def _first_reading(reading: Reading, i: int) -> Claim:
    f, lead = reading.figures[i], reading.lead(i)
    # the two characters after the figure, not its whole tail: no figure and no sentence end can start
    # inside 左右/以上/多 …, so they are there exactly when the tail starts with them
    tail = reading.text[f.end : f.end + 2]
    said = _read_lead(lead)
    claim = Claim(  # 由2020年的150名: the year is the from-year
        i,
        year=said.from_year if said.from_year is not None else reading.stated_year(i),
        subject=_subject(lead),
    )
    claim.approx = bool(said.approx or APPROX_AFTER.match(tail) or "余" in f.text or "多" in f.text)
    negative = said.negative
    if f.unit in ("%", POINTS) and said.rate_gap:  # 教育支出增长高于财政经常性收入13.04%
        claim.kind, claim.versus, claim.rate_diff = "change", True, True
        claim.direction = said.rate_gap
        claim.notes.append("negative" if negative else "")
    elif said.to_value and not said.change or _end_of_from(reading, i, lead):
        claim.kind = _level_kind(reading, i, lead)
    elif said.change or (negative and f.unit in ("%", POINTS)):
        claim.kind = "change"
        claim.direction = (said.direction or 1) * (-1 if negative else 1)
        claim.yearly = said.yearly
        claim.versus = said.versus
        claim.rate_diff = claim.versus and said.growth_said and not _own_rate_before(_before(reading, i))
    elif f.unit == POINTS:
        claim.kind, claim.direction, claim.versus = "change", 1, said.versus
    else:
        claim.kind = _level_kind(reading, i, lead)
    if claim.kind == "change" and f.unit == POINTS and RATE_GAP_AFTER.search(_before(reading, i)):
        claim.versus = claim.rate_diff = True
        claim.notes.append("gap after")  # the two rates are the last two % figures before it
    if said.base or _in_base_bracket(reading, i):
        claim.role = "base"
    if claim.year is not None and said.from_year is None and claim.kind != "change":
        claim.year = _end_year(reading, i, claim.year)
    claim.base_year = _compared_year(reading, i, claim)
    return claim


def _yearly_lists(reading: Reading, claims: dict[int, Claim]) -> None:
    """2010年至2015年期间，财政对教育总投入分别达到62.59亿元、80亿元、95.4亿元、110亿元、135亿元、157亿元: a list after
    分别 with as many values as the span of years its sentence opens with holds one value a year, in order (and so
    does a second list of the sentence: 分别占全县财政总收入的52.8%、57.4%、59.3%)."""
    seen: set[int] = set()
    for i in reading.active:
        if i in seen or "分别" not in reading.lead(i)[-12:]:
            continue  # (most figures stop here)
        items = _listed_after(reading, i)
        seen.update(items)
        if len(items) < 2:
            continue
        start = reading.figures[i].start
        s = reading.context_start(start)  # the statement: a span before a ； holds for the lists after it
        if s > 0 and YEARS_COUNTED.search(reading.text, s, start):
            s = reading.context_start(
                s - 1
            )  # …2002-2004年的…分别为…。财政预算内教育经费拨款三年分别为: the last statement's
        spans = [
            (int(a), int(b))
            for a, b in YEARS_SPAN.findall(reading.text, s, start)
            if int(b) - int(a) + 1 == len(items)
        ]
        if len(spans) != 1:
            continue
        for k, j in enumerate(items):
            if j in claims:
                claims[j].year = spans[0][0] + k


YEARS_SPAN = re.compile(r"(\d{4})\s*年?\s*(?:至|到|—|-|–|～|~)\s*(\d{4})\s*年")
YEARS_COUNTED = re.compile(
    r"[二三四五六七八九十两]年(?:来|间|中)?(?:分别|共)"
)  # 三年分别为: the years of a span said before


def _listed_after(reading: Reading, i: int) -> list[int]:
    """Figure i and the figures listed right after it, of its unit family (7184万元、11587.8万元、1.9亿元)."""
    items = [i]
    for j in reading.in_sentence(i, before=False):
        last = reading.figures[items[-1]]
        if not same_family(reading.figures[j].unit, last.unit) or not re.fullmatch(
            r"[、，,和及\s]*", reading.text[last.end : reading.figures[j].start]
        ):
            break
        items.append(j)
    return items


def _end_year(reading: Reading, i: int, year: int) -> int | None:
    """而就在2017年底，这一数据是75%。从75%到80.22%: the end value of a move from a start value is not of the year an
    earlier sentence gave the start (None: the year reported on); a year said in its own sentence stays
    (2018年，在校生由X人增加到Y人)."""
    if not reading.lead(i).endswith(("到", "至", "为")):
        return year  # no end of a move (most figures stop here, before their sentence is looked at)
    start = reading.figures[i].start
    s, _ = reading.sentence(start)
    if reading.text.find("从", s, start) < 0 and reading.text.find("由", s, start) < 0:
        return year
    before = reading.in_sentence(i)
    if not before or FROM_MARK.search(reading.lead(before[-1])) is None:
        return year
    said_here = any(g.ignored == "year" for g in reading.figures_in(s, start))
    return year if said_here or reading.stated_year(before[-1]) != year else None


# 比上年（硬上线441人…）, 较2021年（52.6%）, 与2018年全国近视摸底调查结果（53.6%）相比: the bracket holds the base
BASE_BRACKET = re.compile(r"(?:(?:比|较)(?:上年|去年|上一年|\d{4}年)|与\d{4}年[^（），。；\d]{0,16})（$")


def _in_base_bracket(reading: Reading, i: int) -> bool:
    """比上年（硬上线441人、29.2%）增长34.2%: every figure in a bracket opened right after 比上年 (较2021年, 与2018年…) is
    of the year compared with."""
    f = reading.figures[i]
    s, _ = reading.sentence(f.start)
    opened = reading.text.rfind("（", s, f.start)  # the text is normalised: no half-width bracket is left
    if opened < 0 or reading.text.rfind("）", opened, f.start) >= 0:
        return False
    return BASE_BRACKET.search(reading.text, s, opened + 1) is not None


BRACKET_OPEN = re.compile(r"\s*（[^（）]*")  # from a figure into a bracket opened right after it, not closed
FROM_MARK = re.compile(r"(?:由|从)(?:\d{4}年的?)?$")
MOVED_TO = re.compile(r"^(?:下降|降低|降|上升|升|提高|增加|减少|增长)为$")
# 总体近视率下降为50.2%: a subject, then the move to its end value
MOVED_TO_END = re.compile(r"[\u4e00-\u9fff](?:下降|降低|上升|提高|增加|减少|增长)为$")
COMPARED = re.compile(r"比|较|相比|同期")  # a clause that compares: 比上年下降为 is a change


def _end_of_from(reading: Reading, i: int, lead: str) -> bool:
    """文盲率由4.07%降为3.25%: after 由/从 and the start value, 降为 names the end value, not a change; so does it
    after the subject of its clause when the clause compares with nothing (2019年，总体近视率下降为50.2%，同比下降
    3.4%: the rate fell to 50.2%). 比上年下降为… keeps the change."""
    if MOVED_TO.match(lead):
        before = reading.in_sentence(i)
        return bool(before) and FROM_MARK.search(reading.lead(before[-1])) is not None
    moved = MOVED_TO_END.search(lead)
    return moved is not None and not COMPARED.search(CLAUSE_BREAK.split(lead[: moved.start()])[-1])


class _Lead(NamedTuple):
    """What the words between a figure and the one before it say, as `_first_reading` reads them."""

    from_year: int | None  # 由2020年的150名
    approx: bool  # 约 / 近 …
    negative: bool  # - / 负
    to_value: bool  # 增加到 / 至
    change: bool  # 增长 / 下降 …
    rate_gap: int  # 增长…高于 (+1) / 低于 (−1) another rate; 0: none
    direction: int  # `direction_of` the words
    yearly: bool  # 年均
    versus: bool  # 高于 / 低于 … another figure
    growth_said: bool  # ends with 增长 / 增幅 / 增速
    base: bool  # 比上年的 / 由 …: a previous value


@lru_cache(maxsize=8192)
def _read_lead(lead: str) -> _Lead:
    """`_Lead` of the words, kept per words: most are said again (，比上年增长, ，比上年的)."""
    from_year, gap = FROM_YEAR_BEFORE.search(lead), RATE_GAP.search(lead)
    return _Lead(
        from_year=int(from_year.group(1)) if from_year else None,
        approx=bool(APPROX_BEFORE.search(lead)),
        negative=bool(MINUS_BEFORE.search(lead)),
        to_value=bool(TO_VALUE.search(lead)),
        change=bool(CHANGE_BEFORE.search(lead)),
        rate_gap=0 if gap is None else -1 if re.search(r"低于|慢于", gap.group(0)) else 1,
        direction=direction_of(lead),
        yearly=bool(
            AVERAGE_YEARLY.search(lead[:-2] if lead.endswith("增长") else lead) or "年均" in lead[-8:]
        ),
        versus=bool(VERSUS.search(lead)),
        growth_said=bool(re.search(r"(?:增长|增幅|增速)(?:幅度)?$", lead)),
        base=bool(BASE_BEFORE.search(lead) or FROM_VALUE.search(lead)),
    )


def _own_rate_before(before: str) -> bool:
    """教育支出增长10.2%，高于财政经常性收入增长8.85%: the first growth is printed before 高于, so the figure
    after it is the other growth, not the gap (教育支出增长高于财政经常性收入增长5.12% is the gap)."""
    compared = list(VERSUS_WORD.finditer(before))
    return bool(compared) and "%" in before[: compared[-1].start()]


def _before(reading: Reading, i: int) -> str:
    """The sentence up to figure i (figures included): 占全市在校生113369人的 before 3.12%."""
    s, _ = reading.sentence(reading.figures[i].start)
    return reading.text[s : reading.figures[i].start]


def _level_kind(reading: Reading, i: int, lead: str) -> ClaimKind:
    """A level's kind: a % is a share when 占… stands before it in its sentence (read only for a %), else a rate."""
    unit = reading.figures[i].unit
    if unit == "%":
        before = _before(reading, i)
        return "share" if SHARE_BEFORE.search(before) or SHARE_RATIO_BEFORE.search(lead) else "rate"
    if TOTAL_BEFORE.search(lead):
        return "total"
    return "value"


@lru_cache(maxsize=8192)
def _subject(lead: str) -> str:
    """The words that name a figure: its clause, without the comparison and change words (kept per words: most
    leads are said again, ，比上年增长)."""
    clause = SUBJECT_SPLIT.split(lead)[-1]
    clause = COMPARED_WITH.sub("", clause)
    clause = CHANGE_BEFORE.sub("", clause)
    return SUBJECT_VERB.sub("", clause).strip()


def _compared_year(reading: Reading, i: int, claim: Claim) -> int | None:
    """比上年 → the year before the stated one; 比2019年 → 2019; none named → None."""
    if claim.kind != "change" and claim.role != "base":
        return None
    s, _ = reading.sentence(reading.figures[i].start)
    words = reading.text[max(s, reading.figures[i].start - 30) : reading.figures[i].start]
    named = NAMED_YEAR.findall(words) or FROM_NAMED_YEAR.findall(words)
    if named:
        return int(named[-1])
    if PREVIOUS_YEAR.search(words) or LAST_YEAR.search(words[-12:]):
        return claim.year - 1 if claim.year else None
    return None


# ---------------------------------------------------------------- changes: their own value and base
def _link_changes(reading: Reading, idxs: list[int], claims: dict[int, Claim]) -> None:
    own: int | None = None
    base: int | None = None
    aside: int | None = None  # a figure in a bracket right after own's (1672所（其中职业初中2所）)
    last_change = max((j for j in idxs if claims[j].kind == "change"), default=-1)
    for i in idxs:
        c, lead = claims[i], reading.lead(i)
        if c.kind == "change":
            # 1672所（其中职业初中2所），比上年减少10所: the change right after the bracket is of the value before it
            after = aside is not None and lead.lstrip().startswith("）")
            _link_change(reading, claims, c, own if after else aside or own, base)
            if c.own is not None and claims[c.own].is_rate and reading.figures[i].unit == "%":
                _past_a_rate(reading, idxs, claims, c)
            continue
        if c.role == "base":
            base = i
            continue
        to_value = bool(TO_VALUE.search(lead)) or _end_of_from(reading, i, lead)  # 由4.07%降为3.25%
        if to_value and (start := _from_value(reading, claims, i)) is not None:
            base = start  # 由2011年的62.3%提高到88.1%: the value after 由 is the base
        if own is not None and base is None and _year_series(reading, claims, own, i) and last_change > i:
            base = own  # 2021年…为7.4%，2022年为8.1%，提高: the earlier value is the base, of its own stated year
            # (其中2021年218名、2022年232名: with no change after, a list of the years' values, not a base)
            claims[own].role, claims[own].base_year = "base", claims[own].year
        elif not (to_value or THIS_YEAR_BEFORE.search(lead)):
            base = None  # 上年X，本年Y / 由X增至Y: the base stated before the value stays
        _changes_said_first(reading, idxs, claims, i)
        if c.approx and own is not None and same_family(reading.figures[own].unit, reading.figures[i].unit):
            continue  # 50178.12亿元，首超5万亿元，比上年…增长8.74%: the exact value stays the subject
        # 初中学校1672所（其中职业初中2所），比上年减少10所: a figure in a bracket right after the value is an aside
        if own is not None and BRACKET_OPEN.fullmatch(
            reading.text, reading.figures[own].end, reading.figures[i].start
        ):
            aside = i
            continue
        own, aside = i, None


def _changes_said_first(reading: Reading, idxs: list[int], claims: dict[int, Claim], i: int) -> None:
    """比上年增加230人，达到4850人 / 分别比上年的650元、850元提高70元、90元，分别达到720元、940元: changes said before
    the value they are of, which a verb of reaching names right after them — the k-th change of a list is of the
    k-th value of the list after it, and measured from the k-th previous value of the list before it."""
    if not REACHED.search(reading.lead(i)):
        return  # (most values stop here)
    k = idxs.index(i)
    if k == 0 or claims[idxs[k - 1]].kind != "change":
        return
    changes, values = reading.run_of(idxs[k - 1]), reading.run_of(i)
    if values[0] != i or len(changes) != len(values):
        return
    for change, value in zip(changes, values, strict=True):
        c = claims[change]
        if c.own is not None or c.versus or not _fits_own(reading, value, change):
            continue
        c.own = value
        base = (
            _listed(reading, claims, change, "base")
            if len(changes) > 1
            else _base_before(reading, claims, change)
        )
        if base is not None and _fits_base(reading, value, base):
            c.base = base


def _base_before(reading: Reading, claims: dict[int, Claim], i: int) -> int | None:
    """The last previous value (比上年的650元) said before figure i in its sentence."""
    return next((j for j in reversed(reading.in_sentence(i)) if claims[j].role == "base"), None)


def _past_a_rate(reading: Reading, idxs: list[int], claims: dict[int, Claim], c: Claim) -> None:
    """上线6518人，上线率达34.4%，比去年净增加1956人，增长42.9%: a % change right after a change of a count is that
    count's growth (6518's), not a change of the rate said between them."""
    k = idxs.index(c.index)
    prev = idxs[k - 1] if k else None
    if prev is None or claims[prev].kind != "change" or reading.figures[prev].unit in ("%", POINTS):
        return
    unit = reading.figures[prev].unit
    count = next(
        (
            j
            for j in reversed(idxs[: k - 1])
            if claims[j].kind in ("value", "total")
            and claims[j].role != "base"
            and same_family(reading.figures[j].unit, unit)
        ),
        None,
    )
    if count is not None:
        c.own, c.base = count, None
        claims[prev].own = claims[prev].own if claims[prev].own is not None else count


def _link_change(
    reading: Reading, claims: dict[int, Claim], c: Claim, own: int | None, base: int | None
) -> None:
    if c.versus:
        return  # 高于全国平均水平4.09个百分点: measured against a figure the text does not give
    listed = _listed(reading, claims, c.index, "own")
    if listed is not None and _fits_own(
        reading, listed, c.index
    ):  # 增幅分别为33.8%和51.9%，…分别增加1433人和1106人
        c.own = listed
        bases = _listed(reading, claims, c.index, "base")
        if bases is not None and _fits_base(reading, c.own, bases):
            c.base = bases  # …，比上年的11860元、16200元分别增长6.2%、7.78%: the k-th previous value
        return
    c.own = own if own is not None and _fits_own(reading, own, c.index) else None
    if c.own is None and own is not None and base is not None and _unit_lost(reading, own, base, c.index):
        c.own = own
    c.base = base if base is not None and c.own is not None and _fits_base(reading, c.own, base) else None


def _listed(reading: Reading, claims: dict[int, Claim], i: int, role: Literal["own", "base"]) -> int | None:
    """The k-th change of a list and the k-th of the list before it in its sentence: of values for its own value
    (分别为4099亿元、22780亿元…，比上年分别增长11.63%、9.12%…; failing a 分别 run, values each after a label of
    its own, `_labelled_values`), or of previous values for its base (比上年的11860元、16200元分别增长…)."""
    run = reading.run_of(i)
    if len(run) < 2:
        return None
    if role == "base":
        before = [j for j in reading.in_sentence(run[0]) if claims[j].role == "base"]
    else:
        before = [
            j for j in reading.in_sentence(run[0]) if claims[j].kind != "change" and claims[j].role != "base"
        ]
    if not before:
        return None
    listed = reading.run_of(before[-1])
    if len(listed) != len(run) and role == "own":
        listed = _labelled_values(reading, before, len(run))
    return listed[run.index(i)] if len(listed) == len(run) else None


LABELLED_SEP = re.compile(r"[、，,和及与][^\d、，,。；;：:（）()]{1,12}")


def _labelled_values(reading: Reading, before: list[int], n: int) -> list[int]:
    """幼儿园6039.55元、小学14234.73元…高等学校36290.78元，分别增长31.28%、9.80%…: the last n values of the
    sentence, each after a short label of its own (支出21.80亿元、生均经费130元，分别…: units may differ, but a
    rate is listed only beside rates)."""
    values = before[-n:]
    if len(values) < n:
        return []
    figs = [reading.figures[j] for j in values]
    if len({f.unit == "%" for f in figs}) > 1:
        return []
    between = (reading.text[a.end : b.start] for a, b in zip(figs, figs[1:], strict=False))
    return values if all(LABELLED_SEP.fullmatch(t) for t in between) else []


def _from_value(reading: Reading, claims: dict[int, Claim], i: int) -> int | None:
    prev = reading.in_sentence(i)
    if not prev or claims[prev[-1]].kind == "change":
        return None
    p = prev[-1]
    s, _ = reading.sentence(reading.figures[p].start)
    head = reading.text[s : reading.figures[p].start]
    if not FROM_LOOSE.search(head):
        return None
    claims[p].role = "base"
    named = FROM_NAMED_YEAR.findall(head[-20:])
    claims[p].base_year = int(named[-1]) if named else claims[p].base_year
    return p


def _tagged_previous(reading: Reading, i: int) -> int | None:
    """上年9120.55，本年9433.10元: the 上年 figure right before a 本年 one."""
    prev = reading.in_sentence(i)
    if prev and re.search(r"(?:上年|去年)(?:为|是)?$", reading.lead(prev[-1])):
        return prev[-1]
    return None


def _year_series(reading: Reading, claims: dict[int, Claim], a: int, b: int) -> bool:
    """2019年…A，2020年…B: two values of one thing, the later year second (A is B's base)."""
    ca, cb = claims[a], claims[b]
    fa, fb = reading.figures[a], reading.figures[b]
    between = reading.text[fa.end : fb.start]
    return (
        same_family(fa.unit, fb.unit)
        and fa.unit not in UNCOUNTED
        and ca.year is not None
        and cb.year is not None
        and ca.year < cb.year
        and bool(re.search(r"\d{4}年", between))
    )


def _fits_own(reading: Reading, own: int, change: int) -> bool:
    """A change belongs to the value before it when the units go together (万元 → 万元 or %; % → 个百分点 or %)."""
    o, c = reading.figures[own], reading.figures[change]
    if o.unit in UNCOUNTED:
        return False
    if c.unit == POINTS:
        return o.unit == "%"
    return c.unit == "%" or same_family(o.unit, c.unit)


def _unit_lost(reading: Reading, own: int, base: int, change: int) -> bool:
    """全幼儿园为8479.61，比上年的9468.70下降10.45%: two amounts whose 元 a copy lost, compared — the change
    is still theirs (a bare whole number may be a list number, so both must show decimals); 全幼儿园为8112.74，
    比上年的8094.21元增长0.23%: the value alone lost it."""
    o, b, c = reading.figures[own], reading.figures[base], reading.figures[change]
    lost = not b.unit or _money(b)
    return not o.unit and lost and o.decimals > 0 and b.decimals > 0 and c.unit == "%"


def _fits_base(reading: Reading, own: int, base: int) -> bool:
    o, b = reading.figures[own], reading.figures[base]
    return same_family(o.unit, b.unit) or not b.unit or not o.unit and o.decimals > 0 and _money(b)


def _money(f: Figure) -> bool:
    """An amount of 元 (a value beside it whose unit a copy lost is one too)."""
    return bool(f.unit) and same_family(f.unit, "元")


# ---------------------------------------------------------------- shares: part and whole
WHOLE_ENDS = re.compile(
    r"[）)]?\s*(?:的)?(?:比例|比重|份额)?(?:为|是|达到|达|约)?\s*"
)  # 占…68000人的 / 的比例为


def _link_shares(reading: Reading, idxs: list[int], claims: dict[int, Claim]) -> None:
    for k, i in enumerate(idxs):
        c = claims[i]
        if c.kind != "share":
            continue
        s, _ = reading.sentence(reading.figures[i].start)
        whole_span = re.search(r"占(?:到|了)?([^，。；]*)$", reading.text[s : reading.figures[i].start])
        before = [j for j in idxs[:k] if claims[j].kind in ("value", "total") and claims[j].role != "base"]
        if whole_span and (paired := _paired_share(reading, before, i, s + whole_span.start())) is not None:
            c.parts = paired
            continue
        whole = before[-1] if before and whole_span else None
        if (
            whole is not None
            and whole_span
            and reading.figures[whole].start >= s + whole_span.start()
            # 占全市中心城区600分上线人数的45.1%: a figure inside the whole's name is no whole
            and WHOLE_ENDS.fullmatch(reading.text, reading.figures[whole].end, reading.figures[i].start)
        ):
            unit = reading.figures[whole].unit
            part = next(
                (j for j in reversed(before[:-1]) if same_family(reading.figures[j].unit, unit)), None
            )
            if part is not None and reading.figures[part].end <= s + whole_span.start():
                c.parts = (part, whole)
                continue
        between = reading.text[reading.figures[before[-1]].end : reading.figures[i].start] if before else ""
        if before and (OWN_SHARE.fullmatch(between) or OWN_SHARE_AFTER_WORDS.fullmatch(between)):
            c.own = before[-1]  # 169个项目已开工，占72%: the count's own words may come between
        elif before and whole_span and (whole := _whole_stated_before(reading, before[-1], i)) is not None:
            c.parts = (before[-1], whole)


def _paired_share(reading: Reading, before: list[int], i: int, of: int) -> tuple[int, int] | None:
    """民办学校18所，在校生6520人，分别占全县学校总数156所和在校生总数65420人的11.5%和10.0%: a list of shares after
    分别占 that names a whole for each — the k-th share is the k-th part before 占 over the k-th whole after it."""
    run = reading.run_of(i)
    if len(run) < 2 or not reading.text.endswith("分别", 0, of):
        return None
    wholes = [j for j in before if reading.figures[j].start >= of]
    parts = [j for j in before if reading.figures[j].end <= of][-len(run) :]
    if not wholes and len(parts) == len(run):
        wholes = _wholes_before_their_parts(reading, before, parts)
    if len(wholes) != len(run) or len(parts) != len(run):
        return None
    pairs = zip(parts, wholes, strict=True)
    if not all(same_family(reading.figures[a].unit, reading.figures[b].unit) for a, b in pairs):
        return None
    k = run.index(i)
    return parts[k], wholes[k]


def _wholes_before_their_parts(reading: Reading, before: list[int], parts: list[int]) -> list[int]:
    """全县学校156所，在校生65420人，其中民办学校18所、在校生6520人，分别占11.5%和10.0%: the wholes are the counts said
    before the 其中 of the parts, one of each part's unit, each another."""
    opened = reading.text.rfind("其中", 0, reading.figures[parts[0]].start)
    said = [
        j for j in before if opened >= 0 and reading.figures[j].end <= opened
    ]  # (`before`: of its sentence)
    wholes = []
    for p in parts:
        unit = reading.figures[p].unit
        alike = [j for j in said if reading.figures[j].unit == unit]
        if len(alike) != 1:
            return []
        wholes.append(alike[0])
    return wholes if len(set(wholes)) == len(wholes) else []  # (one whole of all: listed_shares' list)


def _whole_stated_before(reading: Reading, part: int, i: int) -> int | None:
    """收入0.12亿元，占总收入的0.32%, 总收入18.98亿元 stated sentences before: the last figure of the paragraph, before
    the share's sentence, whose own words end with the whole the share names."""
    between = reading.text[reading.figures[part].end : reading.figures[i].start]
    named = re.fullmatch(
        r"[，,]?占(?:到|了)?([\u4e00-\u9fff]{2,12}?)的?(?:比例|比重)?(?:为|是|达到|达)?", between
    )
    if named is None:
        return None
    s, _ = reading.sentence(reading.figures[i].start)
    p, _ = reading.paragraph(s)
    unit = reading.figures[part].unit
    for j in reversed(reading.between(p, s)):
        g = reading.figures[j]
        if (
            same_family(g.unit, unit)
            and re.search(
                re.escape(named.group(1)) + r"(?:为|达到|达|是|共)?$",
                reading.text[max(p, g.start - 16) : g.start],
            )
            and not said_share_of(reading, j, named.group(1))
        ):
            return j
    return None


def said_share_of(reading: Reading, j: int, name: str) -> bool:
    """具有高级职称的专任教师874人,占专任教师的比例为60.57%: a count said right after as a share of `name` is a part
    of it, not the whole of the next share of that name."""
    k = reading.next_in_sentence(j)
    if k is None or reading.figures[k].unit != "%":
        return False
    return "占" + name in reading.text[reading.figures[j].end : reading.figures[k].start]


# ---------------------------------------------------------------- totals: their parts
def _link_totals(reading: Reading, idxs: list[int], claims: dict[int, Claim]) -> None:
    for k, i in enumerate(idxs):
        c, f = claims[i], reading.figures[i]
        counted = c.kind in ("value", "total") or c.kind == "change" and _new_count(reading, i)
        if not counted or c.role == "base" or f.unit in UNCOUNTED + ("%",):
            continue
        tail, later = reading.tail(i), idxs[k + 1 :]
        n = k + 1
        while n < len(idxs) and claims[idxs[n]].kind == "change" and claims[idxs[n]].own == i:
            n += 1  # 在学研究生153.84万人，比上年增加13.35万人，增长9.50%，其中在学博士生…: past its own changes
        n = _past_the_pair_s_changes(reading, idxs, claims, k, n)
        if n > k + 1 and not PARTS_START.match(tail) and CHANGES_THEN_PARTS.match(reading.tail(idxs[n - 1])):
            tail, later = reading.tail(idxs[n - 1]), idxs[n:]
        elif (
            n == k + 1
            and n < len(idxs)
            and (
                _aside_count_then_parts(reading, i, idxs[n:], tail)
                or _own_rate_then_parts(reading, i, idxs[n:], tail)
                or _place_pair_then_parts(reading, i, idxs[n:], tail)
            )
        ):  # 投入4063.26万元，惠及学生27028次，其中上级资金…; 9个省份136个县…，其中中部2个省份39个县: past the count
            # of another unit or place right after it, to its parts
            tail, later = reading.tail(idxs[n]), idxs[n + 1 :]
        if (bands := _age_bands(reading, i, later)) is not None:
            c.parts, c.kind, c.direction, c.exhaustive, c.summed = bands, "total", 0, True, True
        elif (rest := _done_and_rest(reading, i, later)) is not None:
            c.parts, c.kind, c.direction, c.exhaustive, c.summed = rest, "total", 0, True, True
        elif (graded := _graded(reading, i, later)) is not None:
            c.parts, c.kind, c.direction = graded, "total", 0
            # (…其中合格263所、基本合格20所、不合格3所，因学校原因未参加年检7所，注销11所: counts of its unit after
            # the grades are the ones given none — the grades need not add up to all of it)
            others = [j for j in later if j > graded[-1] and same_family(reading.figures[j].unit, f.unit)]
            c.exhaustive = c.summed = not others and (
                len(graded) >= 3 or any(_grade(reading, j) in BOTTOM_GRADES for j in graded)
            )
        elif PARTS_START.match(tail) and not AVERAGED.search(reading.clause(i)):
            # (平均规模为9298人，其中，本科学校为13100人，高职(专科)学校为5904人: averages add up to nothing)
            if "（" in tail[:7]:  # 404人（其中送教上门46人）：the list ends with the bracket
                close = reading.text.find("）", f.end)
                inside = [j for j in later if close < 0 or reading.figures[j].end <= close]
                if (
                    len(inside) < 2
                    and not LISTS_IN_BRACKET.match(tail)
                    and AFTER_BRACKET.match(reading.text, close + 1)
                ):  # 教职工6448人（专任教师6276人），其中小学教职工4298人…: an aside, then the list
                    later = [j for j in later if reading.figures[j].start > close]
                else:
                    later = inside
            parts = _parts_after(reading, later, claims, f.unit)
            parts = [
                j for j in parts if not _other_places(reading, i, j) and not _earlier_kind(reading, i, j)
            ]
            parts = _one_kind_run(reading, i, parts)
            parts = _own_noun(reading, tail, parts)
            parts = _its_own_measure(reading, i, parts)
            parts = _said_totals(reading, parts)
            parts = _not_its_pair_s(reading, i, idxs, parts)
            parts = _respective(reading, i, idxs, claims, parts)
            if not re.match(r"[，,]?\s*（?(?:其中|含|包括)", tail) and len(parts) < 2:
                parts = []  # 8名（全市17名）: a bracket that lists no parts is no breakdown
            if (
                len(parts) >= 2
                and any(ATTRIBUTE.search(part_words(reading, j)) for j in parts)
                and not complementary(reading, parts)  # 教职工204人（男144人、女63人）: a split all the same
            ):
                parts = []  # 专任教师3250人，其中女教师2145人、本科及以上学历2980人: traits that overlap, no parts
            if parts:
                parts = _levels_past_semicolons(reading, i, parts)
                parts = _shares_past_semicolons(reading, i, parts)
                parts = _cut_at_own_shares(reading, parts)
                parts = _each_of_several(reading, parts)
                c.parts = tuple(parts)
                c.kind, c.direction = "total", 0
                split_words = reading.text[f.end : reading.figures[parts[-1]].start]
                clause = reading.clause(i)
                many = len(parts) >= 2
                said = bool(PARTS_SPLIT.search(split_words))
                pair = many and complementary(reading, parts)  # （公办58所，民办109所）: all there are
                c.exhaustive = (
                    many and bool(TOTAL_WORDS.search(clause)) or said or pair or _all_kinds(clause, parts)
                ) and not _stage_left_short(clause, parts, reading)
                c.summed = many and bool(SUMMED_WORDS.search(clause)) or said or pair
                if many and _shares_make_all(reading, parts):
                    c.exhaustive = c.summed = True  # (其中公办园…，占52.98%；民办园…，占47.02%)
        elif (split := _funds_split_after(reading, i, later)) is not None:
            c.parts, c.kind, c.direction = split, "total", 0  # proven when they add up; else nothing is said
        elif (
            c.kind == "total"
            and TOTAL_BEFORE.search(reading.lead(i))
            and not c.parts
            and not EQUIVALENT.search(reading.lead(i))
        ):  # (专任教师1,443人、外聘教师681人,折合教师总数为1784人: 外聘 count half, no sum)
            parts = _parts_before(reading, idxs[:k], claims, f)
            if len(parts) >= 2:
                c.parts, c.exhaustive, c.summed = tuple(parts), True, True
        elif c.kind == "value" and not c.parts and (named := TOTAL_NAMED_BEFORE.search(reading.lead(i))):
            # 新增幼儿园学位900个，…职业教育学位1600个，累计新增学位5200个 (十堰 2022): a total named by the noun every
            # value listed before it names
            parts = _parts_before(reading, idxs[:k], claims, f)
            if len(parts) >= 2 and all(named.group(1) in reading.clause(j) for j in parts):
                c.parts, c.kind, c.exhaustive, c.summed = tuple(parts), "total", True, True


EQUIVALENT = re.compile(r"折合|折算")  # a count weighted by kind (折合教师: 外聘 count half), no plain sum

# 累计新增学位 / 共计新建校舍 / 合计投入资金: a sum word, what was done and the noun it counts, before the figure
TOTAL_NAMED_BEFORE = re.compile(
    r"[，,](?:共计|合计|总计|累计|总共|共)(?:新增|新建|增加|投入|发放|资助|完成)?([\u4e00-\u9fff]{2,6}?)(?:为|达到|达|有)?$"
)
LEVEL_OPENS = re.compile(
    r"[\s：:，,]*(幼儿园|学前教育|学前|小学|初中|义务教育|普通中学|中学|普通高中|高中|中职|中等职业教育|特殊教育|特教"
    r"|工读学校|高校)"
)


# 108所民办幼儿园中，经认定的普惠性幼儿园92所: what follows the part's noun and 中 is among that part (池州 2018)
OF_THE_PART = re.compile(r"^[\u4e00-\u9fff]{1,8}中[，,]")
# 22.9万个学位（其中… / 15个考区118个考点，其中…: the noun the total counts, before its list
COUNTED_NOUN = re.compile(r"[\u4e00-\u9fff]{1,6}(?=（|[，,]\s*其中)")


def _own_noun(reading: Reading, tail: str, parts: list[int]) -> list[int]:
    """新增…22.9万个学位（其中小学3429个班、15.4万个学位，初中1500个班、7.5万个学位）: when the total's noun stands
    before its bracket and some parts are followed by it, those are its parts (the others count something else);
    so are parts whose own words before them end in it (辖16个乡镇,其中回民乡镇7个、3个街道办事处和1个…示范区: 7 is a
    part, the 街道办事处 and the 示范区 are the district's other units, not 乡镇)."""
    noun = COUNTED_NOUN.match(tail)
    if noun is None:
        return parts
    said = noun.group(0)
    own = [
        j
        for j in parts
        if reading.text.startswith(said, reading.figures[j].end) or part_words(reading, j).endswith(said)
    ]
    return own if own else parts


# 教职工611人(其中公办教育共计589人,专任教师539人;民办园共计22人,专任教师10人): a part said as a total of its own
PART_TOTAL = re.compile(r"(?:共计|合计|总计|共有)$")


def _said_totals(reading: Reading, parts: list[int]) -> list[int]:
    """A list whose first part is said as a total of its own (公办教育共计589人,专任教师539人;民办园共计22人,…): the parts
    so said are the total's parts; a figure after one of them that is not said so is that part's own breakdown."""
    said = [j for j in parts if PART_TOTAL.search(reading.lead(j))]
    return said if said and said[0] == parts[0] and len(said) < len(parts) else parts


SCHOOLS_OR_PLACES = ("所", "个")  # a count of schools in 所 may list 教学点 in 个 (`_adds_to`)
PAIRED_NAME = re.compile(r"[，、][\u4e00-\u9fff]{1,8}")


def _not_its_pair_s(reading: Reading, i: int, idxs: list[int], parts: list[int]) -> list[int]:
    """新建、改扩建学校12所，新增学位5400个，其中新建学校4所、新增学位3600个，改扩建学校8所、新增学位1800个: a count in 所
    said beside a count in 个 (or the other way) is split by the parts of its own unit; those of the other are the
    other's."""
    unit = reading.figures[i].unit
    if unit not in SCHOOLS_OR_PLACES or len({reading.figures[j].unit for j in parts}) < 2:
        return parts  # (most lists stop here)
    k = idxs.index(i)
    pairs = [(idxs[k - 1], i)] if k > 0 else []
    pairs += [(i, idxs[k + 1])] if k + 1 < len(idxs) and idxs[k + 1] not in parts else []
    if not any(_paired_counts(reading, a, b) for a, b in pairs):
        return parts  # (对28个县进行了…督导检查，共随机抽查学校260所，其中…教学点16个: no pair)
    return [j for j in parts if reading.figures[j].unit == unit]


def _respective(
    reading: Reading, i: int, idxs: list[int], claims: dict[int, Claim], parts: list[int]
) -> list[int]:
    """教授人数143人,副教授人数247人,其中为本科生授课教授人数135人,副教授234人: as many counts listed before 其中 as
    it lists, each at least its part, that together the parts exceed the last: the parts are each count's
    (respectively), the last one's alone the total's."""
    k = idxs.index(i)
    if len(parts) < 2 or k + 1 < len(parts):
        return parts
    listed = idxs[k + 1 - len(parts) : k + 1]
    figures = reading.figures
    if any(
        figures[j].unit != figures[i].unit or claims[j].kind != "value" or claims[j].role for j in listed[:-1]
    ):
        return parts
    values = [figures[j].value for j in parts]
    within = figures[i].value + 0.5 * 10.0 ** -figures[i].decimals  # (42.67 + 7.48 for 50.15 is no more)
    if sum(values) <= within or any(v > figures[j].value for v, j in zip(values, listed, strict=True)):
        return parts
    # each part named like its own count (教授…教授人数; not 小学教职工400人，初中教职工500人，其中专任教师…)
    if not all(
        chinese_bigrams(part_words(reading, p)) & chinese_bigrams(reading.clause(j))
        for p, j in zip(parts, listed, strict=True)
    ):
        return parts
    return parts[-1:]


EACH_OF = re.compile(r"[\u4e00-\u9fff]{2,10}(?:、[\u4e00-\u9fff]{2,10})+各$")  # 鱼台县、太白湖区各1个


def _each_of_several(reading: Reading, parts: list[int]) -> list[int]:
    """其中微山县4个，任城区2个，鱼台县、太白湖区各1个: a part said of each of several places or things counts once
    for each of them (4 + 2 + 1 + 1)."""
    out = []
    for j in parts:
        each = EACH_OF.search(reading.lead(j))
        out += [j] * (each.group().count("、") + 1 if each else 1)
    return out


def _paired_counts(reading: Reading, a: int, b: int) -> bool:
    """学校12所，新增学位5400个: a count in 所 and one in 个 said one after the other, the second right after its name."""
    units = {reading.figures[a].unit, reading.figures[b].unit}
    return units == set(SCHOOLS_OR_PLACES) and PAIRED_NAME.fullmatch(reading.lead(b)) is not None


def _its_own_measure(reading: Reading, i: int, parts: list[int]) -> list[int]:
    """全县中小学占地面积1453437.2㎡，建筑面积803840.78㎡，其中小学占地面积535649.8㎡，建筑面积311948.58㎡，初中…: each item
    gives both measures; the parts of the 建筑面积 are the items named 建筑面积, not the 占地面积 between them (every item
    names a 面积, some the total's own)."""
    head = reading.claims[i].subject[-4:]
    if len(head) < 4:
        return parts
    words = [part_words(reading, j) for j in parts]
    if not all(head[-2:] in w for w in words):
        return parts
    named = [head in w for w in words]
    others = {w[-4:] for w, said in zip(words, named, strict=True) if not said}
    # two measures in turn, the other always the same (not 其中小学在校学生人数…，初中在校生人数…，高中在校学生人数…)
    if (
        len(parts) % 2
        or len(parts) < 4
        or len(others) != 1
        or any(a == b for a, b in itertools.pairwise(named))
    ):
        return parts
    return [j for j, said in zip(parts, named, strict=True) if said]


def _shares_past_semicolons(reading: Reading, i: int, parts: list[int]) -> list[int]:
    """全国在园幼儿2976.66万人,其中公办园…1527.20万人,占在园幼儿总数的52.98%;民办园1399.46万人,占在园幼儿总数的47.02% — a
    其中 list whose items each carry their share of one whole, said in the same words, goes on past "；": each next
    item is one figure of the total's unit and its share said alike."""
    unit, said = reading.figures[i].unit, _own_share_words(reading, parts[-1])
    out = list(parts)
    _, end = reading.sentence(reading.figures[parts[-1]].start)
    while said is not None and reading.text.startswith("；", end):
        s, e = reading.sentence(end + 1)
        items = [j for j in reading.between(s, e) if not reading.figures[j].ignored]
        if (
            len(items) != 2
            or not same_family(reading.figures[items[0]].unit, unit)
            or reading.is_change(items[0])
            or _own_share_words(reading, items[0]) != said
        ):
            break
        out.append(items[0])
        end = e
    return out


def _cut_at_own_shares(reading: Reading, parts: list[int]) -> list[int]:
    """A list stops at the first item's own share, as at any %, unless every item has its share and together they
    make 100% (`_shares_make_all`): 普通高中453所，其中省级标准化高中400所，占比88.3%；省级示范高中102所，占比22.5%
    lists kinds that overlap."""
    has = [_own_share_words(reading, j) is not None for j in parts]
    if not any(has) or _shares_make_all(reading, parts):
        return parts
    return parts[: has.index(True) + 1]


def _shares_make_all(reading: Reading, parts: list[int]) -> bool:
    """Two or more parts, each with its own share printed after it, the shares making 100% to their shown digits
    (…占52.98%；…占47.02%): the list is all of its total."""
    shares = [reading.figures[j + 1] for j in parts if _own_share_words(reading, j) is not None]
    if len(parts) < 2 or len(shares) != len(parts):
        return False
    slack = sum(0.5 * 10.0**-s.decimals for s in shares)
    return abs(sum(s.value for s in shares) - 100) <= slack + 1e-9


def _own_share_words(reading: Reading, j: int) -> str | None:
    """The words of the share printed right after figure j (，占在园幼儿总数的 → 占在园幼儿总数的), None when none is."""
    k = j + 1
    if k >= len(reading.figures) or reading.figures[k].unit != "%":
        return None
    between = reading.text[reading.figures[j].end : reading.figures[k].start]
    return re.sub(r"[\s，,]", "", between) if PART_SHARE.fullmatch(between) else None


def _levels_past_semicolons(reading: Reading, i: int, parts: list[int]) -> list[int]:
    """共计8400元，其中：初中47人次，18800元；小学163人次，65200元。 — a 其中 list of levels goes on past "；" while each
    next item opens with another level and holds one figure of the total's unit (the 小学's 65200元)."""
    f, first = reading.figures[i], reading.figures[parts[0]]
    opened = reading.text.find("其中", f.end, first.start)
    level = LEVEL_OPENS.match(reading.text, opened + 2, first.start) if opened >= 0 else None
    if level is None:
        return parts
    seen, out = {level.group(1)}, list(parts)
    _, end = reading.sentence(reading.figures[parts[-1]].start)
    while reading.text.startswith("；", end):
        s, e = reading.sentence(end + 1)
        level = LEVEL_OPENS.match(reading.text, s, e)
        items = [
            j
            for j in reading.between(s, e)
            if same_family(reading.figures[j].unit, f.unit) and not reading.is_change(j)
        ]
        # 特殊教育学校30所，工读学校12所: the last item may list several levels, each figure opened by its own
        levels = [level] + [
            LEVEL_OPENS.match(reading.text, reading.figures[a].end, reading.figures[b].start)
            for a, b in itertools.pairwise(items)
        ]
        if None in levels or len(items) != 1 and reading.text.startswith("；", e):
            break
        names = [m.group(1) for m in levels]
        if set(names) & seen or len(set(names)) != len(names):
            break
        seen.update(names)
        out.extend(items)
        end = e
    return out


def _graded(reading: Reading, i: int, later: list[int]) -> tuple[int, ...] | None:
    """对全县86所幼儿园开展办园行为督导评估，评估结果为优秀的23所、良好的48所、合格的15所: the counts right after an
    evaluated count, each of another grade, split it — what was evaluated was given one grade each. They claim to add
    up to it when they go down to a lowest grade (合格32所，基本合格2所) or name three grades; two top grades
    (其中优秀12所、良好15所) may leave the others unsaid."""
    f = reading.figures[i]
    if not later or not _evaluated(reading, i, later[0]) or _listed_after_another(reading, i):
        return None  # (most figures stop here)
    parts: list[int] = []
    for j in later:
        grade = _grade(reading, j)
        if not grade or not same_family(reading.figures[j].unit, f.unit) or reading.is_change(j):
            break
        parts.append(j)
    grades = {_grade(reading, j) for j in parts}
    return tuple(parts) if len(parts) >= 2 and len(grades) == len(parts) else None


def _done_and_rest(reading: Reading, i: int, later: list[int]) -> tuple[int, int] | None:
    """排查隐患136处，已整改132处，整改率97.1%，其余4处正在整改: a count, a count of its unit after it, and the rest
    (其余, 剩余) after that, with nothing else of its unit between: the two split it."""
    unit = reading.figures[i].unit
    same = list(itertools.islice((j for j in later if reading.figures[j].unit == unit), 2))  # the first two
    if len(same) < 2 or not REST.fullmatch(reading.clause(same[1])) or _listed_after_another(reading, i):
        return None  # (most figures stop here)
    done, rest = same[0], same[1]
    if reading.is_change(done) or reading.is_change(rest) or reading.claims[done].role == "base":
        return None
    if len({_counted(reading, j) for j in (i, done, rest)}) > 1:
        return None  # 检查组分5个小组，分别检查了…9个市…，其余12个市州: groups, then cities
    return done, rest


def _counted(reading: Reading, j: int) -> str:
    """The place or thing a count counts when the words right after it name one (9个市: 市; 26个考点), else ''."""
    end = reading.figures[j].end
    m = PLACE.match(reading.text, end) or THING.match(reading.text, end)
    return m.group() if m else ""


def _listed_after_another(reading: Reading, i: int) -> bool:
    """新增学位5400个，其中幼儿园学位1080个…: a count its sentence said a count of its unit before is one of a list,
    no whole of the counts after it."""
    unit = reading.figures[i].unit
    return any(reading.figures[j].unit == unit for j in reading.in_sentence(i))


def _evaluated(reading: Reading, i: int, first: int) -> bool:
    """An evaluation is said between the count and the first grade, or in the count's own clause when it names no
    grade itself (年检34所，合格32所)."""
    if EVALUATED.search(reading.text, reading.figures[i].end, reading.figures[first].start):
        return True
    return bool(EVALUATED.search(reading.clause(i))) and not _grade(reading, i)


def _grade(reading: Reading, j: int) -> str:
    """The grade a count's own words name (优秀的 / 其中优秀学校 / 考核结果为合格), or ''."""
    m = GRADE.search(part_words(reading, j))
    return m.group("grade") if m else ""


# an age band before a count: 35岁以下的 / 36—45岁的 / 50岁及以上 (the low end, the high end; None when open)
AGE_BAND = re.compile(
    r"(?:(?P<below>\d+)(?:周?岁)?(?:及以下|以下)|(?P<lo>\d+)(?:周?岁)?[—\-–~至到](?P<hi>\d+)周?岁"
    r"|(?P<above>\d+)(?:周?岁)?(?:及以上|以上))的?$"
)
AGES_OPEN = re.compile(
    r"[^。；，\d]{0,12}中[，：]|[，]?其中[，：]?"
)  # (matched at the total's end) 中，/ ，其中


def _age_bands(reading: Reading, i: int, later: list[int]) -> tuple[int, ...] | None:
    """全县4509名在职教职工中，35以下的1549人，36—45岁的1471人，46—50岁的783人，50岁以上626人: counts of people by
    age bands that run from …以下 to …以上 without a gap split their total (a list of some bands, or of bands and
    other traits, does not: ages are otherwise a trait)."""
    f = reading.figures[i]
    if f.unit not in ("人", "名") or not AGES_OPEN.match(reading.text, f.end):
        return None
    parts: list[int] = []
    bands: list[tuple[int | None, int | None]] = []
    start = f.end
    for j in later:
        g = reading.figures[j]
        if not same_family(g.unit, f.unit):
            continue
        m = AGE_BAND.search(reading.text, start, g.start)
        if m is None or reading.claims[j].kind == "change":
            break
        lo, hi = m.group("lo") or m.group("above"), m.group("hi") or m.group("below")
        parts.append(j)
        bands.append((int(lo) if lo else None, int(hi) if hi else None))
        start = g.end
    return tuple(parts) if len(parts) >= 2 and _one_run_of_ages(bands) else None


def _one_run_of_ages(bands: list[tuple[int | None, int | None]]) -> bool:
    """From an open low band to an open high band, each band starting where the one before ends (or one after)."""
    if bands[0][0] is not None or bands[-1][1] is not None:
        return False
    return all(
        a[1] is not None and b[0] is not None and b[0] - a[1] in (0, 1)
        for a, b in zip(bands, bands[1:], strict=False)
    )


CHANGES_THEN_PARTS = re.compile(r"，\s*其中")


def _aside_count_then_parts(reading: Reading, i: int, rest: list[int], tail: str) -> bool:
    """The figure after i is a count of another unit said in the same clause right after it (，惠及学生27028次 /
    ，建筑面积5000多平方米), and a 其中 list of i's unit follows that count."""
    if len(rest) < 3 or not tail.startswith("，") or PARTS_START.match(tail):
        return False  # (the count comes in the total's own clause: most figures stop here)
    f, aside, first = reading.figures[i], reading.figures[rest[0]], reading.figures[rest[1]]
    return (
        aside.unit not in ("", "%", POINTS)
        and not same_family(aside.unit, f.unit)
        and same_family(first.unit, f.unit)
        and bool(CHANGES_THEN_PARTS.match(reading.tail(rest[0])))
        and re.fullmatch(r"[，,][\u4e00-\u9fff]{1,12}", reading.text[f.end : aside.start]) is not None
    )


def _past_the_pair_s_changes(
    reading: Reading, idxs: list[int], claims: dict[int, Claim], k: int, n: int
) -> int:
    """资助资金6820.5万元，资助学生4.83万人次，同比分别增长5.6%、3.2%，其中：…: a pair of totals of two units said one
    after the other, then the changes of both: past the partner and the changes, when some change is skipped."""
    if n != k + 1:
        return n
    if not any(claims[idxs[x]].kind == "change" for x in (n, n + 1) if x < len(idxs)):
        return n  # no change right after the figure or its partner: nothing to pass (most figures stop here)
    i = idxs[k]
    pair = {i}
    for j in (idxs[k - 1] if k else None, idxs[k + 1] if k + 1 < len(idxs) else None):
        if (
            j is not None
            and claims[j].kind in ("value", "total")
            and _said_as_a_pair(reading, *sorted((i, j)))
        ):
            pair.add(j)
    m = n
    if m < len(idxs) and idxs[m] in pair:
        m += 1
    start = m
    while m < len(idxs) and claims[idxs[m]].kind == "change" and claims[idxs[m]].own in pair:
        m += 1
    return m if len(pair) == 2 and m > start else n


def _said_as_a_pair(reading: Reading, a: int, b: int) -> bool:
    """资助资金6820.5万元，资助学生4.83万人次: two amounts of different units, the second right after its name."""
    fa, fb = reading.figures[a], reading.figures[b]
    units = {fa.unit, fb.unit}
    return (
        not units & {"", "%", POINTS}
        and not same_family(fa.unit, fb.unit)
        and PAIR_NAMED.fullmatch(reading.text, fa.end, fb.start) is not None
    )


PAIR_NAMED = re.compile(r"[，、][\u4e00-\u9fff]{1,10}")  # ，资助学生 between the two amounts of a pair


RATE_ASIDE = re.compile(r"[，,][\u4e00-\u9fff]{1,10}率(?:为|是|达到|达)?")


def _own_rate_then_parts(reading: Reading, i: int, rest: list[int], tail: str) -> bool:
    """已入学405人，入学率98.3%，其中随班就读268人、特殊教育学校就读96人、送教上门41人: the rate said in the clause
    right after the count, and a 其中 list of the count's unit after the rate: the list holds the count's parts."""
    if len(rest) < 3 or PARTS_START.match(tail):
        return False
    f, rate = reading.figures[i], reading.figures[rest[0]]
    return (
        rate.unit == "%"
        and RATE_ASIDE.fullmatch(reading.text, f.end, rate.start) is not None
        and bool(CHANGES_THEN_PARTS.match(reading.tail(rest[0])))
        and all(reading.figures[j].unit == f.unit for j in rest[1:3])
    )


def _stage_left_short(clause: str, parts: list[int], reading: Reading) -> bool:
    """共有中小学校80所，其中小学50所、初中20所: the total names a stage (中小学 is 小学, 初中 and 高中) whose levels its
    parts name only some of: a list of what is named, not a split of the whole."""
    named = levels_of(clause)
    stages = [LEVEL_MADE_OF[s] for s in named if s in LEVEL_MADE_OF]
    said = frozenset().union(*(levels_of(part_words(reading, j)) for j in parts))
    return any(said and said < frozenset(levels) for levels in stages)


def _place_pair_then_parts(reading: Reading, i: int, rest: list[int], tail: str) -> bool:
    """尚有9个省份136个县未通过认定，其中中部2个省份39个县，西部7个省份97个县: a count of one kind of place said right
    before a count of another, and a 其中 list after the pair: the list holds the parts of both (`_other_places`
    keeps each count's own)."""
    if len(rest) < 3 or PARTS_START.match(tail):
        return False
    f, pair = reading.figures[i], reading.figures[rest[0]]
    return (
        pair.unit == f.unit
        and PLACE.fullmatch(reading.text, f.end, pair.start) is not None
        and _other_places(reading, i, rest[0])
        and bool(PARTS_START.match(reading.tail(rest[0])))
    )


AVERAGED = re.compile(r"平均|生均|人均|班均")
LISTS_IN_BRACKET = re.compile(r"（(?:其中|含|包括)")
AFTER_BRACKET = re.compile(r"[，,]?其中")


# what a teacher or a pupil is, not a part of them: the counts listed after 其中 overlap
# (高级中学 and 本科院校 are kinds of school, which do add up)
ATTRIBUTE = re.compile(r"女|男性|学历|职称|党员|少数民族|骨干|名师|特级教师|高级教师|一级教师|年龄|岁")


# two words that split anything they qualify in two (城区 / 镇区 / 乡村 is a split in three)
COMPLEMENTS = (
    ("公办", "民办"),
    ("城镇", "农村"),
    ("城区", "农村"),  # 农村 outside the 城区 (not 乡村: 城区, 镇区 and 乡村 are three)
    ("城镇", "乡村"),
    ("城市", "农村"),
    ("男", "女"),
)


PAIR_LEAD = re.compile(r"^[（(]?(?:其中)?[：:，,]?(?:全国|全省|全市|全县|全区|全旗|全州)?")


def pair_word_start(words: str) -> str:
    """The words of a part from where its pair word may stand: past 其中 and the region (全县公办幼儿园…)."""
    return PAIR_LEAD.sub("", words)


def pair_word(reading: Reading, j: int) -> str:
    """The word of a pair (COMPLEMENTS) a listed part's words open with, past 其中 and the region, or ''; no word
    of the pairs opens another, so a part opens with one at most."""
    words = pair_word_start(part_words(reading, j))
    return next((w for pair in COMPLEMENTS for w in pair if words.startswith(w)), "")


def complementary(reading: Reading, parts: list[int]) -> bool:
    """Two parts named by the two words of a pair, first words of each (公办58所，民办109所 / 公办教师6757人、
    民办学校聘请1313人 / 男144人、女63人): a split of the whole, whatever the words before the total say."""
    if len(parts) != 2:
        return False
    a, b = (pair_word(reading, j) for j in parts)
    return any({a, b} == {x, y} for x, y in COMPLEMENTS)


# who paid: two words that split an amount in two (中央 and 地方 money, 上级 and 本级 money)
FUNDS_SPLIT = (("中央", "地方"), ("上级", "本级"))


def _funds_split_after(reading: Reading, i: int, later: list[int]) -> tuple[int, int] | None:
    """投资1368万元，申请中央预算内投资1094万元，地方投资274万元: an amount said right after by the two amounts that
    split it by who paid, each in its own clause — its parts, though no 其中 says so."""
    f = reading.figures[i]
    if family(f.unit) != "元" or len(later) < 2 or not reading.tail(i).startswith("，"):
        return None
    a, b = later[0], later[1]
    if not all(family(reading.figures[j].unit) == "元" and not reading.is_change(j) for j in (a, b)):
        return None
    words = part_words(reading, a), part_words(reading, b)
    if any(x in words[0] and words[1].startswith(y) for x, y in FUNDS_SPLIT):
        return a, b
    return None


PART_SEP = re.compile(r"[，,、；;：:]")  # where a listed part's own words begin (part_words)


def part_words(reading: Reading, j: int) -> str:
    """The words right before a listed part (its own, after the list's last separator)."""
    return PART_SEP.split(reading.lead(j))[-1]


def _new_count(reading: Reading, i: int) -> bool:
    """新增3.2万个学位，其中赤坎区3505个…: a count of new things broken down, not a change from last year."""
    clause = reading.clause(i)
    return bool(NEW_BEFORE.search(clause)) and not COMPARED.search(clause)


def _parts_after(reading: Reading, later: list[int], claims: dict[int, Claim], unit: str) -> list[int]:
    """The values listed after 其中: same unit family, not changes, shares or bases; up to the first %.

    A bracket after a part breaks that part down (专任教师2802人（学前350人，小学981人…）): its figures
    become the part's own parts, not the total's."""
    parts: list[int] = []
    for j in later:
        cj = claims[j]
        if parts and _inside_bracket_after(reading, parts[-1], j):
            continue
        between = (
            BRACKETED.sub("", reading.text[reading.figures[parts[-1]].end : reading.figures[j].start])
            if parts
            else ""
        )
        if parts and ("其中" in between or OF_THE_PART.search(between)):
            break  # 在园人数4437人，其中城区…2576人: a breakdown of the part, not of the total (one in a closed
            # bracket is the part's own: 中学52所（其中：普通中学49所、职业中学3所），特殊教育学校1所)
        if parts and j == parts[-1] + 1 and PART_SHARE.fullmatch(between):
            continue  # 其中公办园1527.20万人,占在园幼儿总数的52.98%;民办园1399.46万人: the part's own share, the list goes on
        if reading.figures[j].unit == "%" or cj.kind == "change":
            if parts:
                break
            continue
        if cj.role == "base" or not _adds_to(reading.figures[j].unit, unit):
            continue
        parts.append(j)
    return parts


def _other_places(reading: Reading, total: int, part: int) -> bool:
    """尚有9个省份136个县未通过认定，其中中部2个省份39个县: a count of provinces is no part of a count of
    counties — the places each counts are named right after it."""
    said = PLACE.match(reading.text, reading.figures[total].end)
    named = PLACE.match(reading.text, reading.figures[part].end)
    return said is not None and named is not None and other_places(said.group(), named.group())


def _earlier_kind(reading: Reading, total: int, part: int) -> bool:
    """在校生29396人，专任教师2287人，其中普通高中在校生22502人: the part counts another kind than the figure
    before 其中 (在校 vs 专任教师), one an earlier figure of the sentence counts — it is that figure's part."""
    said = kinds_of(reading.clause(total))
    named = kinds_of(part_words(reading, part))
    if not said or not named or said & named:
        return False
    s, _ = reading.sentence(reading.figures[total].start)
    return any(named & kinds_of(reading.clause(g)) for g in reading.between(s, reading.figures[total].start))


def _one_kind_run(reading: Reading, total: int, parts: list[int]) -> list[int]:
    """教职工4465人，其中专任教师3553人，在校学生45693人，招生7538人: the list ends where a part counts another
    kind than the part before it and than the total — 在校学生 and 招生 are the total's siblings, not its parts
    (a total that names no kind may hold several: 教育人口123149人，其中，在校生115049人，教职工8100人)."""
    said = kinds_of(reading.clause(total))
    for n in range(1, len(parts)):
        before, named = kinds_of(part_words(reading, parts[n - 1])), kinds_of(part_words(reading, parts[n]))
        if said and before and named and not before & named and not said & named:
            return parts[:n]
    return parts


def _adds_to(part: str, total: str) -> bool:
    """A part of a total of this unit: same family, or 教学点7个 among schools counted in 所."""
    return same_family(part, total) or {part, total} == {"所", "个"}


def _inside_bracket_after(reading: Reading, part: int, j: int) -> bool:
    between = reading.text[reading.figures[part].end : reading.figures[j].start]
    return between.count("（") > between.count("）")


BRACKETED = re.compile(r"（[^（）]*）")
# ，占在园幼儿总数的 / ，占比 / ，所占比例为: the words between a listed part and its own share
PART_SHARE = re.compile(
    r"[，,]\s*(?:所占|占)[^，,。；;：:]{0,24}?(?:的)?(?:比例|比重|比)?(?:为|是|达到|达)?\s*"
)
NEXT_PARTS = re.compile(r"[ \t]*[。；][ \t]*其中[：:，,]?")  # in the same paragraph


def _totals_across_sentences(reading: Reading, claims: dict[int, Claim]) -> None:
    """现有各级各类学校111所。其中：高级中学1所，完全中学1所；义务教育学校73所，其中：初级中学9所…；幼儿园35所，
    其中：…。 — the one figure of its sentence, broken down from the next: one part per listed item, the items'
    own 其中 lists and brackets left out, up to the end of that sentence (。) or paragraph."""
    for i, c in claims.items():
        f = reading.figures[i]
        if c.kind not in ("value", "total") or c.role == "base" or f.unit in UNCOUNTED + ("%",):
            continue
        # 全县现有小学28所、初中14所、九年一贯制学校3所，合计45所。其中城区学校12所，农村学校35所: split twice
        summed = bool(c.parts) and c.summed and all(reading.figures[j].start < f.start for j in c.parts)
        if c.parts and not summed:
            continue
        if not NEXT_PARTS.match(reading.text, reading.sentence(f.start)[1]):
            continue  # no 其中 opens the next sentence (most figures stop here)
        after = reading.in_sentence(i, before=False)
        aside = [j for j in after if _inside_brackets(reading, i, j)]  # in a bracket right after it
        stated = [  # its own changes and shares
            j
            for j in after
            if j not in aside
            and (claims[j].kind == "change" and claims[j].own == i or reading.figures[j].unit == "%")
        ]
        all_own = len(aside) + len(stated) == len(after)
        # 在学研究生140.49万人，比上年增加12.19万人，增长9.50%；其中博士生24.63万人…: past the value's own changes
        # (全国累计2767个县（注：…减少19个）通过国家认定，占比95.32%；其中东部地区890个…: past its aside and share)
        end = _past_close(reading.text, reading.figures[after[-1]].end) if after and all_own else f.end
        end = _past_aside(reading.text, end)
        start = NEXT_PARTS.match(reading.text, end)
        if start is None or stated and all_own and start.group(0).strip().startswith("。"):
            continue  # X人，比上年增加Y人。其中…: the list after a full stop may split the change
        alone = not reading.in_sentence(i) and all_own
        if not alone and not summed and not _named_by_next(reading, i, c, start.end()):
            continue  # 学校14667所，招生…，专任教师79.55万人。其中，…: a list of several totals is split by level
        numbered = _numbered_items(reading, claims, start.end(), f.unit)
        if numbered is not None:
            if len(numbered) >= 2 and not summed:
                c.parts, c.kind = tuple(numbered), "total"
                c.exhaustive = _all_kinds(reading.clause(i), numbered)
            continue
        stops = [
            k for k in (reading.text.find("。", start.end()), reading.text.find("\n", start.end())) if k >= 0
        ]
        end = min(stops, default=len(reading.text))
        parts: list[int] = []
        nested = False
        last = start.end()
        for j in reading.between(start.end(), end):
            between = reading.text[last : reading.figures[j].start]
            if re.search(r"[；;]", between):
                nested = False  # the next item of the list
            if "其中" in between:
                nested = True  # the item's own breakdown
            last = reading.figures[j].end
            cj = claims.get(j)
            listed = reading.text[start.end() : reading.figures[j].start]
            bracketed = listed.count("（") > listed.count(
                "）"
            )  # 小学281所（含97个教学点）, 幼儿园177所（公办58所…）
            if nested or bracketed or cj is None or cj.kind == "change" or cj.role == "base":
                continue
            if _adds_to(reading.figures[j].unit, f.unit):
                parts.append(j)
        if len(parts) >= 2 and summed:
            c.split = tuple(parts)
        elif len(parts) >= 2 and (alone or all(_names(reading, j, c) for j in parts)):
            c.parts, c.kind = tuple(parts), "total"
            c.exhaustive = _all_kinds(reading.clause(i), parts)


def _all_kinds(clause: str, parts: list[int]) -> bool:
    """全县现有各级各类学校541所。其中，幼儿园173所，小学322所…特教学校1所: a total of every level and kind, split
    into three or more, claims to be split in full (8 of the 9 such lists of eval/realtext add up exactly)."""
    return len(parts) >= 3 and bool(ALL_KINDS.search(clause))


def _past_close(text: str, end: int) -> int:
    """Past the closing bracket of an aside a figure ends (（民办563人）)."""
    while end < len(text) and text[end] == "）":
        end += 1
    return end


def _past_aside(text: str, end: int) -> int:
    """Where the text after a figure goes on past the bracket right after it (8108人（民办563人）。其中…)."""
    if text.startswith("（", end) and (close := text.find("）", end, end + ASIDE_LONGEST)) >= 0:
        return close + 1
    return end


def _named_by_next(reading: Reading, i: int, c: Claim, start: int) -> bool:
    """教职工9367人（民办563人），专任教师8108人（民办563人）。其中，幼儿园专任教师1235人…: the sentence's last figure
    outside brackets, when the next sentence's first item names it (专任教师)."""
    later = [j for j in reading.in_sentence(i, before=False) if not _inside_brackets(reading, i, j)]
    first = next(iter(reading.between(start, start + 40)), None)
    return not later and first is not None and _names(reading, first, c)


def _inside_brackets(reading: Reading, i: int, j: int) -> bool:
    between = reading.text[reading.figures[i].end : reading.figures[j].start]
    return between.count("（") > between.count("）")


def _names(reading: Reading, j: int, c: Claim) -> bool:
    """The words of listed part j hold the total's name (幼儿园专任教师 for 专任教师)."""
    stem = name_stem(c.subject).split("，")[-1]
    return len(stem) >= 2 and stem in part_words(reading, j)


# a total said to be made of the items enumerated right after it: 共需为16350人次发放资助金1271.2015万元。分别是：
# 一、…；二、…  (主要用于/包括 may name the main items only)
ENUM_SAID = r"(分别是|分别为|具体是|具体为|具体如下|分别用于|主要用于|主要包括|包括)[：:]"
ENUM_OPEN = re.compile(rf"[ \t]*[。；，,]?[ \t]*{ENUM_SAID}[ \t]*\n?[ \t]*")
ENUM_WORDS = re.compile(ENUM_SAID)  # the opener alone: where to look at all
ENUM_ALL = ("分别", "具体")
CN_NUMERALS = "一二三四五六七八九十"
# an item's mark, by its style: 一、 （一） 一是 1. 1、 （1）
ENUM_STYLES = (
    lambda k: f"{CN_NUMERALS[k - 1]}、",
    lambda k: f"（{CN_NUMERALS[k - 1]}）",
    lambda k: f"{CN_NUMERALS[k - 1]}是",
    lambda k: f"{k}.",
    lambda k: f"{k}、",
    lambda k: f"（{k}）",
)
ITEM_START = re.compile(r"(?:^|(?<=[：:；;。，,\n]))[ \t]*")


def _enumerated_totals(reading: Reading, claims: dict[int, Claim]) -> None:
    """A sentence of totals followed by 分别是：and items marked 一、二、…, each item opening with its part (one
    per line or run together, an item's own 其中 lines within it): each total is the sum of the items' first figure
    of its unit (16350人次 of the items' 人, 1271.2015万元 of their 万元). A list said to be all (分别/具体) must add up;
    one of the main uses (主要用于) need not. The list may follow the total's own clause (共投入1000万元，分别是：一、…)."""
    openers = [m.start() for m in ENUM_WORDS.finditer(reading.text)]
    if not openers:
        return  # (most texts: no list is announced)
    for i in list(claims):
        f = reading.figures[i]
        s_start, s_end = reading.sentence(f.start)
        k = bisect.bisect_left(openers, f.end)
        if k == len(openers) or openers[k] > s_end + 3:
            continue  # no opener right after the figure or its sentence
        if not reading.text.startswith("。", f.end) and (opener := ENUM_OPEN.match(reading.text, f.end)):
            totals = [i]
        elif reading.in_sentence(i, before=False) or (opener := ENUM_OPEN.match(reading.text, s_end)) is None:
            continue  # (the last figure of its sentence only: the sentence is looked at once)
        else:  # the count and the amount of one sentence (…16350人次发放资助金1271.2015万元。分别是：)
            totals = reading.between(s_start, s_end)[-2:]
        items = _enumerated_items(reading.text, opener.end())
        if len(items) < 2:
            continue
        for t in totals:
            c, unit = claims[t], reading.figures[t].unit
            if c.kind not in ("value", "total") or c.parts or c.role == "base" or unit in UNCOUNTED + ("%",):
                continue
            parts = [_item_part(reading, claims, start, end, unit) for start, end in items]
            if all(j is not None for j in parts):
                c.parts, c.kind, c.direction = tuple(parts), "total", 0
                c.exhaustive = c.summed = opener.group(1).startswith(ENUM_ALL)


def _item_part(reading: Reading, claims: dict[int, Claim], start: int, end: int, unit: str) -> int | None:
    """An enumerated item's first value of a unit that adds up to `unit` (人 to a total of 人次)."""
    return next(
        (
            j
            for j in reading.between(start, end)
            if claims[j].kind in ("value", "total")
            and claims[j].role != "base"
            and (_adds_to(reading.figures[j].unit, unit) or {reading.figures[j].unit, unit} == {"人", "人次"})
        ),
        None,
    )


def _enumerated_items(text: str, start: int) -> list[tuple[int, int]]:
    """The (start, end) of each item of the list marked right at `start` in one style (一、二、 or 1. 2. …), item k+1
    opening a line or following a clause mark; the last item ends with its line, or with the next line that is
    neither one of its 其中 lines nor marked (a paragraph's end, a blank line)."""
    style = next((m for m in ENUM_STYLES if text.startswith(m(1), start)), None)
    if style is None:
        return []
    marks = [start]
    k = 2
    while k <= len(CN_NUMERALS):
        pos = text.find(style(k), marks[-1])
        blank = text.find("\n\n", marks[-1])
        if pos < 0 or 0 <= blank < pos or not ITEM_START.fullmatch(text, _line_or_clause(text, pos), pos):
            break
        marks.append(pos)
        k += 1
    last_end = text.find("\n", marks[-1])
    ends = [*marks[1:], len(text) if last_end < 0 else last_end]
    return list(zip(marks, ends, strict=True))


def _line_or_clause(text: str, pos: int) -> int:
    """Where the line or clause holding `pos` starts, the mark that opens it included."""
    return max(text.rfind(mark, 0, pos) for mark in ("\n", "：", ":", "；", ";", "。", "，", ",")) + 1


def _numbered_items(reading: Reading, claims: dict[int, Claim], start: int, unit: str) -> list[int] | None:
    """其中：1.国家财政性教育经费收入16.59亿元…。其中：（1）…；（2）…。2.举办者投入0.06亿元…。3.事业收入…: a list
    numbered 1. 2. 3. over several sentences of the paragraph, one part per item (its first figure), the items'
    own （1）（2） left out. None when the list is not numbered."""
    if not ITEM_MARK.match(reading.text, start):
        return None
    _, end = reading.paragraph(start)
    parts, pos, k = [], start, 1
    while (mark := _item_mark(reading.text, k, pos, end)) is not None:
        nxt = _item_mark(reading.text, k + 1, mark, end)
        item = [j for j in reading.between(mark, nxt if nxt is not None else end) if claims.get(j)]
        first = next(
            (j for j in item if claims[j].kind in ("value", "total") and claims[j].role != "base"), None
        )
        if first is None or not _adds_to(reading.figures[first].unit, unit):
            return []
        parts.append(first)
        pos, k = mark, k + 1
    return parts


ITEM_MARK = re.compile(r"[ \t]*1\s?[.、．](?!\d)")


def _item_mark(text: str, k: int, start: int, end: int) -> int | None:
    m = re.compile(rf"(?<![\d（(.]){k}\s?[.、．](?!\d)").search(text, start, end)
    return m.end() if m else None


# 运转二、项目资金使用及管理情况: a numbered heading in a text that lost its line breaks and full stops (not 一、二年级)
RUN_ON_HEADING = re.compile(
    r"(?<=[\u4e00-\u9fff])[一二三四五六七八九十]{1,3}、(?=[\u4e00-\u9fff])(?![一二三四五六七八九十])"
)


def _parts_before(reading: Reading, earlier: list[int], claims: dict[int, Claim], whole: Figure) -> list[int]:
    """改建3.2万平方米，新建9.6万平方米，合计12.8万平方米: the same-unit values listed before a 合计; values of
    another unit between them are passed over (新建…学校12所，新增学位16221个，改扩建学校19所，新增学位3195个，新建和
    改扩建学校合计31所), up to a semicolon."""
    parts: list[int] = []
    unit = whole.unit
    if earlier and RUN_ON_HEADING.search(reading.text, reading.figures[earlier[-1]].end, whole.start):
        return parts
    after = reading.figures[earlier[-1]].end if earlier else 0
    inner = {p: j for j in earlier for p in claims[j].parts if claims[j].kind == "total"}
    for j in reversed(earlier):
        cj = claims[j]
        between = reading.text[reading.figures[j].end : after]
        if "；" in between or RUN_ON_HEADING.search(between):
            break  # (…保证学校的正常运转三、预算支出组织实施情况…共计87.06万元: a heading run into the text)
        after = reading.figures[j].start
        if not same_family(reading.figures[j].unit, unit) or j in inner:
            continue  # (1254人（其中…22023人），幼儿园119人，总数为1373人: a part of a part is passed over)
        if cj.kind == "total" and j in inner.values():
            parts.append(j)  # …and its total is the part
            continue
        if cj.kind in ("change", "total") or cj.role == "base":
            break
        parts.append(j)
    return list(reversed(parts))


def rate_subject(reading: Reading, claim: Claim) -> bool:
    """The words name a rate or a share (毛入园率, 占比, 比例): its changes are in 个百分点."""
    words = claim.subject + (claims_subject(reading, claim.own) if claim.own is not None else "")
    return bool(RATE_WORDS.search(words))


def claims_subject(reading: Reading, i: int) -> str:
    claim = reading.claims.get(i)
    return claim.subject if claim else ""


# ---------------------------------------------------------------- a base stated in an earlier sentence
OPENS_WITH_COMPARISON = re.compile(r"\s*(?:比上年|较上年|比上一年|同比|与上年相比)")


def _owners_across_sentences(
    reading: Reading, sentences: list[tuple[tuple[int, int], list[int]]], claims: dict[int, Claim]
) -> None:
    """总投入425.77亿元，占全国…的0.85%。比上年的378.34亿元增加47.43亿元，增长12.54%: a sentence that opens with
    the comparison goes on with the first value of the sentence before it, in the same paragraph."""
    for ((s, _), idxs), ((prev_s, _), prev) in zip(sentences[1:], sentences, strict=False):
        if not OPENS_WITH_COMPARISON.match(reading.text, s + (reading.text[s] in "。！？")):
            continue
        if reading.paragraph(prev_s + 1)[0] != reading.paragraph(s + 1)[0]:
            continue
        own = next(
            (j for j in prev if claims[j].kind in ("value", "total") and claims[j].role != "base"), None
        )
        if own is None:
            continue
        unit = reading.figures[own].unit
        base = next(
            (j for j in idxs if claims[j].role == "base" and same_family(reading.figures[j].unit, unit)), None
        )
        for j in idxs:
            c = claims[j]
            if c.kind == "change" and c.own is None and not c.versus and _fits_own(reading, own, j):
                c.own, c.base = own, base


def _bases_across_sentences(reading: Reading, claims: dict[int, Claim]) -> None:
    """2021年生均…支出9037.63元……；2022年生均…支出10384.43元，较2021年增长1346.6元: the 2021 value of the
    same thing, stated earlier in the paragraph, is the base of the 2022 change."""
    for c in claims.values():
        if c.kind != "change" or c.own is None or c.base is not None or c.base_year is None or c.versus:
            continue
        own = claims[c.own]
        stem = name_stem(own.subject)
        ps, _ = reading.paragraph(reading.figures[c.own].start)
        for j in reading.between(ps, reading.figures[c.own].start):
            cj = claims.get(j)
            if (
                cj is not None
                and cj.kind in ("value", "total", "rate", "share")
                and cj.year == c.base_year
                and reading.figures[j].unit == reading.figures[c.own].unit
                and len(stem) >= 4
                and name_stem(cj.subject) == stem
            ):
                c.base = j


@lru_cache(maxsize=8192)
def name_stem(subject: str) -> str:
    """The name of a quantity without its year and place: 2022年全县生均…支出 -> 生均…支出."""
    words = re.sub(r"\d{4}年(?:度|底|末)?", "", subject)
    return re.sub(r"^(?:全国|全省|全市|全县|全区|全州|全旗|我省|我市|我县|我区)", "", words)
