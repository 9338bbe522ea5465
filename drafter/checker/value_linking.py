"""Link a figure stated as a value to its source: a metric's value, a derived figure, a target or a stated fact.

The metric is the one whose label (or a taxonomy synonym) the surrounding words name, in the year
mentioned nearby; the value alone never decides. A right number under the wrong label is a mismatch.
Change figures (增长/下降 …) are `checker.linking`'s `Linker`, built on this one.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable

from drafter.checker.claims import part_words
from drafter.checker.finders import WEAK_LABEL, Finders, fact_figures
from drafter.checker.labels import (
    LABEL_MIN,
    Labels,
    PlacesSaid,
    beats,
    chinese_bigrams,
    enumerated,
    figure_words,
    last_said,
    levels_of,
    other_class,
    other_place,
    other_stage,
    other_thing,
    told_apart,
    told_apart_in_time,
    unbracketed,
)
from drafter.checker.links import Link
from drafter.checker.reading import CLAUSE_BREAK, Reading
from drafter.checker.sizes import SizeIndex, SizeRange, size_range
from drafter.checker.words import FUTURE, STANDARD_AFTER, STANDARD_SAID, THING
from drafter.checker.words import OVER_YEARS_WORDS as CUMULATIVE
from drafter.core.types import Figure, Metric, SourceData
from drafter.figures.derive import derive_all, is_average
from drafter.figures.numbers import (
    convert,
    family,
    format_figure,
    matches_shown,
    same_family,
    shown_decimals,
    to_base,
)

WRONG_WAY = "增减方向与来源相反"  # a change said the other way than the data's
VERSUS_LABEL = re.compile(r"高于|低于|超过|超出|高出|差距")
CHANGE_LABEL = re.compile(r"增长|增幅|增加|减少|下降|提高|变化|增速|新增")
CHANGE_KEYS = ("_growth", "_change", "_increase", "_decrease")
COUNTS = frozenset("个所家项处间座")  # the units of a count of things (other_thing)
TOTAL_SAID = re.compile(r"合计|共计|总计|共有|总数|总量|共")
Rank = tuple[bool, float, float, float]  # how the words name a metric (_rank)
FULL_LABEL = 0.99  # the share of a label the words name when they name all of it
# 占资助总额的31.52 (its % lost), 小学生师比为18.25: a share or a ratio, not an amount
SHARE_BEFORE = re.compile(r"占[^，。；]{0,20}$|(?:比|率|比例|比重)(?:为|是|达到|达)?$")
OVER_YEARS = "这是多年累计数"
# (a label's word, the words' word): no figure is both — 普通中等学校 is no 中等技术学校, 民办 no 公办
OPPOSITES = (
    ("成人", "普通"),
    ("普通", "成人"),
    ("技术", "普通"),
    ("职业", "普通"),
    ("专业", "普通"),
    ("公办", "民办"),
    ("民办", "公办"),
)
EVERY_ITEM = re.compile(r"各项|各类|各级|全部|合计|总计|总额|总数")  # all of a kind, of no one level
COHORT_RATE = re.compile(
    r"入学率|入园率|巩固率|升学率|辍学率"
)  # of an age group, not a share of the enrolled
# a part of a region's spending or count said of its own level (县本级, 市直) or of those it runs (市属): not the whole's
OWN_SCOPE = re.compile(r"本级|(?<!全)[省市县区](?:直属|直|属)(?![接到辖于])")
WHOLE_SAID = re.compile(r"全[省市县区旗州]")  # the whole region, said (全市普通高校报名人数)
NEGATED = re.compile(r"非(学历|营利|公办|民办|义务|在编|全日制|户籍|寄宿|师范|普惠|学科类)")  # the other kind
PER_HEAD = re.compile(r"(?<!按)生均(?!标准)|人均|按在校学?生人数平均|校均|班均")  # an average, said
PER_HEAD_LABEL = re.compile(
    r"生均|人均|平均|每|校均|班均|标准|定额"
)  # a label of an average, or of a standard
RATE_NAMED = re.compile(r"率|比例|比重|占比")  # words that name a rate of their own
NAMED_BEFORE_WITHIN = 500  # characters: a metric linked within them is still spoken of (_named_just_before)
ABOUT = re.compile(r"约|近|左右|逾|超过")  # words that make a figure approximate
AFTER_END = re.compile(r"[，,。；;：:\n]")  # where a figure's own words after it end (said_around)
# the two links most figures end with, made once (a Link is frozen: one serves every figure)
IN_LABEL = Link("ignored", message="指标名称中的数字")
NOT_FOUND = Link("unsupported", message="来源数据中找不到这个数（无对应指标或派生公式）")


# the finders link_value asks in turn, each with the units it may find anything for: its own first test, asked
# once per unit (sum_hit: no %, 个百分点 or bare number; share_hit: a %; ratio_hit: a bare number; school_size_hit: a
# count of people)
FINDERS: tuple[tuple[str, Callable[[str], bool]], ...] = (
    ("derived_hit", lambda unit: True),
    ("target_hit", lambda unit: True),
    ("fact_hit", lambda unit: True),
    ("sum_hit", lambda unit: unit not in ("%", "个百分点", "")),
    ("share_hit", lambda unit: unit == "%"),
    ("ratio_hit", lambda unit: not unit),
    ("school_size_hit", lambda unit: family(unit) == "人"),
)


# an amount named by no more than what was done with it: 资助金额, 奖励金额, 补助资金
_BARE_OWN = re.compile(r"(?:资助|奖励|补助|发放)(?:资金|金额)(?:为|达|共|计)?")


class ValueLinker(Finders):
    """Ties a figure stated as a value to the metric its words name, in the year stated, or to another source."""

    def __init__(self, doc: Reading, source: SourceData) -> None:
        self.doc, self.source = doc, source
        self.labels = Labels.of(source)
        self.places = PlacesSaid(doc.text, {m.key: m.label for m in source.metrics})
        self._words: dict[int, tuple[str, str]] = {}
        self._tolerances: dict[int, tuple[int, float | None]] = {}
        self._sizes: dict[int, SizeRange | None] = {}
        self._windows: dict[int, tuple[float, float]] = {}
        self._ranked: dict[tuple[str, str, tuple[str, ...]], tuple[dict[str, Rank], Metric | None]] = {}
        self.sum_bounds: dict[tuple[str, int], tuple[float, float]] = {}  # per unit and year (Finders)
        self.sum_reach: dict[str, tuple[float, float]] = {}  # per unit, every year together (Finders)
        self.sum_pools: dict[tuple, tuple[list[Metric], tuple[float, float]]] = {}  # per words … (Finders)
        self.links: dict[int, Link] = {}  # the figures linked so far
        self._by_unit: dict[str, list[Metric]] = {}
        self._valued: list[Metric] | None = None  # the money metrics with a value (figures whose 元 is lost)
        self._changes_by_unit: dict[str, list[Metric]] = {}
        self._levels_by_unit: dict[str, list[Metric]] = {}
        self._candidates: dict[int, list[Metric]] = {}
        # the figures of each value (_copied)
        self._by_value: dict[tuple[float, str], list[int]] | None = None
        self._around: dict[int, str] = {}  # said_around, per figure
        self._statement_levels: dict[int, str] = {}  # figure_words' level of each statement, per its start
        self._per_school: dict[int, bool] = {}  # said_per_school, per figure
        self._finders_by_unit: dict[str, tuple[Callable[[ValueLinker, int], Link | None], ...]] = {}
        self._values = SizeIndex((v, m.unit, (m, y, v)) for m in source.metrics for y, v in m.values.items())
        self._derived = SizeIndex((d.value, d.unit, d) for d in derive_all(source))
        self.averages = {
            m.key for m in source.metrics if is_average(m)
        }  # 生均… are no parts of a sum (Finders)
        self._facts = SizeIndex((fact[0].value, fact[0].unit, fact) for fact in fact_figures(source))
        self._targets = SizeIndex(  # each standard with its metric's place in the data (target_hit's order)
            (m.target.value, m.unit, (k, m)) for k, m in enumerate(source.metrics) if m.target and m.values
        )

    def words(self, i: int) -> tuple[str, str]:
        """(near words: the figure's clause and what follows it, sentence words before it)."""
        if i not in self._words:
            self._words[i] = figure_words(self.doc, i, self._statement_levels)
        return self._words[i]

    def label_score(self, key: str, near: str, sentence: str) -> float:
        return self.labels.score(key, near, sentence)

    def default_year(self, m: Metric) -> int:
        return self.source.report.period if self.source.report.period in m.values else m.latest_year

    def year_for(self, m: Metric, year: int | None) -> int:
        """The stated year when the metric has it, else the metric's default year."""
        return year if year in m.values else self.default_year(m)

    def with_targets(self, i: int) -> list[Metric]:
        """The compatible metrics whose standard may be figure i (target_hit), in the order of the data: those
        of its unit's family whose standard's size is within its `sizes`."""
        found = self._targets.within(self.sizes(i))
        return [m for _, m in sorted(found, key=lambda t: t[0])] if found else []

    def compatible(self, f: Figure) -> list[Metric]:
        if f.unit not in self._by_unit:
            self._by_unit[f.unit] = [
                m for m in self.source.metrics if f.unit and m.values and same_family(f.unit, m.unit)
            ]
        return self._by_unit[f.unit]

    def candidates(self, i: int) -> list[Metric]:
        """The metrics figure i may state: a change only a metric of changes (增长率 as a value); a level not a
        metric its words speak of the change of; a part of a total not the total's own metric. Kept per figure:
        link_value and sum_hit both ask, while figure i is linked (a fresh list: callers may add to it)."""
        if i not in self._candidates:
            self._candidates[i] = self._candidates_of(i)
        return list(self._candidates[i])

    def _candidates_of(self, i: int) -> list[Metric]:
        claim = self.doc.claims.get(i)
        metrics = self.compatible(self.doc.figures[i])
        if not metrics:
            return []
        if self.places.of_key:  # 茅箭区 …改扩建学校3所 is no count of 竹山县改扩建学校
            metrics = [m for m in metrics if not self.places.elsewhere(m.key, self.doc.figures[i].start)]
        if claim is not None and claim.kind == "change":
            changes = list(self._of_changes(self.doc.figures[i].unit, metrics))
            if claim.versus:  # 高于全国平均水平5.1个百分点: a metric of the gap, not of a change over time
                changes += [m for m in metrics if VERSUS_LABEL.search(m.label) and m not in changes]
            return changes
        if (
            claim is not None and claim.kind == "share"
        ):  # 占56.61% is no 专任教师比上年增长 its words name too
            metrics = self._of_levels(self.doc.figures[i].unit, metrics)
        total = self.doc.total_of.get(i)
        held = self.links.get(total) if total is not None else None
        # the total's metric is none of its parts' — unless the total only seemed another metric's value while
        # its parts add up to it (中小学、幼儿园、特殊教育学校及工读学校3192所，其中…特殊教育学校30所，工读学校12所)
        totals = (
            {held.key}
            if held is not None and not (held.status == "mismatch" and self._adds_up(total))
            else set()
        )
        # what the words say is worked out once, not once per metric (names_a_change, other_class)
        near = self.words(i)[0]
        of_change = self.labels.speaks_of_change(near)
        # 176个县(市、区)实现“全部消除66人以上超大班额”: the class the figure's own words after it name, past where
        # its near words are cut
        classes = self._own_words(i)
        of_class = "班额" in classes
        # 校均在校生规模由上年的344人增加到389人 is no count of 小学在校生: an average per school is only an average
        of_size = self.said_per_school(i)
        if not (totals or of_change or of_class or of_size):
            return list(metrics)  # most figures: nothing to leave out
        return [
            m
            for m in metrics
            if m.key not in totals
            and not (of_change and self.labels.is_level(m.key))
            and not (of_class and other_class(classes, m))
            and not (of_size and "均" not in m.label and "规模" not in m.label)
        ]

    def _adds_up(self, total: int) -> bool:
        """The total's listed parts add up to it at its printed precision."""
        f, claim = self.doc.figures[total], self.doc.claims.get(total)
        parts = [self.doc.figures[j] for j in claim.parts] if claim is not None else []
        return len(parts) >= 2 and matches_shown(
            f.value,
            f.decimals,
            sum(convert(p.value, p.unit, f.unit) for p in parts if same_family(p.unit, f.unit)),
        )

    def _of_levels(self, unit: str, metrics: list[Metric]) -> list[Metric]:
        """The metrics of a unit (`metrics`: `compatible`) that are no metric of changes, kept per unit."""
        if unit not in self._levels_by_unit:
            changes = self._of_changes(unit, metrics)
            self._levels_by_unit[unit] = [m for m in metrics if m not in changes]
        return self._levels_by_unit[unit]

    def _of_changes(self, unit: str, metrics: list[Metric]) -> list[Metric]:
        """The metrics of changes among those of a unit (`metrics`: `compatible`), kept per unit as they are."""
        if unit not in self._changes_by_unit:
            self._changes_by_unit[unit] = [
                m for m in metrics if CHANGE_LABEL.search(m.label) or m.key.endswith(CHANGE_KEYS)
            ]
        return self._changes_by_unit[unit]

    def claim_year(self, i: int, m: Metric | None = None) -> int | None:
        """The year figure i is stated for: a base value's (比上年的X) is the year compared with."""
        claim = self.doc.claims.get(i)
        if claim is None or claim.role != "base":
            year = claim.year if claim is not None else self.doc.stated_year(i)
            if year is None and LAST_YEAR_OWN.search(self.doc.clause(i)):
                return self.source.report.round - 1  # 去年中考报名人数为63405人: the year before the writing
            if year is None and NEXT_YEAR_OWN.search(self.doc.clause(i)):
                return self.source.report.round + 1  # 明年高校的毕业生有338万: the year after the writing
            return year
        if claim.base_year is not None or m is None:
            return claim.base_year
        current = claim.year if claim.year in m.values else self.default_year(m)
        earlier = [y for y in m.values if y < current]
        return max(earlier) if earlier else None

    def signed(self, i: int) -> float:
        """下降3.78% as −3.78 when it is compared with a metric of changes."""
        f, claim = self.doc.figures[i], self.doc.claims.get(i)
        return -f.value if claim is not None and claim.kind == "change" and claim.direction < 0 else f.value

    def link_value(self, i: int) -> Link:
        f = self.doc.figures[i]
        if self.labels.in_label(self.doc, i):
            return IN_LABEL
        if STANDARD_AFTER.match(self.doc.text, f.end) and STANDARD_SAID.search(self.doc.lead(i)):
            # 巩固率98.6%，高于省定96%的标准: a standard, its metric's target or nothing of the data
            return self.target_hit(i) or Link("unsupported", message="标准数字，来源数据中没有这个标准")
        metrics = self.candidates(i)
        rank, best = self._ranks(i, metrics)
        year = self.claim_year(i, best)
        claim = self.doc.claims.get(i)
        if claim is not None and claim.role == "base" and best is not None and year not in best.values:
            best = None  # 比上年的X with no earlier value in the data: nothing to compare it with
        hits = [  # values of the candidate metrics (the keys ranked) the figure stands for
            (m, y)
            for m, y, v in self._values.within(self.sizes(i))
            if m.key in rank
            and self.fits(i, convert(v, m.unit, f.unit), signed=not said_down(m))
            and not self._other_place(i, m)
            and not self._counts_other(i, m)
            and not other_stage(m.label, self._own_words(i))
        ]
        if any(rank[m.key][0] or rank[m.key][2] >= WEAK_LABEL and _distinct(f) for m, _ in hits):
            return self._from_hits(i, hits, rank, best, year)
        for finder in self._finders_of(f.unit):
            found = finder(self, i)
            if found and found.source.startswith("convert(") and any(m.key == found.key for m, _ in hits):
                continue  # 13100人 as 1.31万人 is the value itself: weighed as one below (本科 and 高职 told apart)
            if found and self._may_use(i, found, best, rank):
                return found
        # 中职1070人 is not 初中's 1070人
        hits = [h for h in hits if not self.labels.clashes(h[0].key, self.words(i)[0])]
        if hits:
            return self._from_hits(i, hits, rank, best, year)
        if best is not None and FUTURE.search(self.words(i)[1]):
            return Link("unsupported", message=f"计划或目标数字，来源数据中没有（文字指向{best.label}）")
        said_year = year if year is not None else self.source.report.period
        if best is not None and said_year not in best.values:
            return Link("unsupported", message=f"来源数据中没有{said_year}年的{best.label}，无法核对")
        if best is not None:
            return self.against_named(
                i, best, self.year_for(best, year), f"文字指向{best.label}，来源数据不同"
            )
        if not f.unit and f.decimals == 2 and not SHARE_BEFORE.search(self.doc.lead(i)):
            return self._unit_lost(i)
        return NOT_FOUND

    def _finders_of(self, unit: str) -> tuple[Callable[[ValueLinker, int], Link | None], ...]:
        """The finders that may find anything for a figure of `unit`, in their order (FINDERS), kept per unit: the
        class's functions, not methods bound to the linker (a linker holding its own bound methods is a cycle,
        left for the collector to walk with everything the linker holds)."""
        found = self._finders_by_unit.get(unit)
        if found is None:
            cls = type(self)
            found = self._finders_by_unit[unit] = tuple(
                getattr(cls, name) for name, may in FINDERS if may(unit)
            )
        return found

    def against_named(self, i: int, best: Metric, year: int, message: str) -> Link:
        """Figure i is not `best`'s value of `year`, the metric its words name: a mismatch — unless it may be a
        wider figure than best's (`_scope_unsaid`), which the data do not hold: unsupported, its change still
        best's — or a figure of a narrower scope or a per-student one (`_other_scope`): unsupported, and its
        change is not best's either."""
        other = self._other_scope(i, best)
        if other:
            return Link("unsupported", message=f"{other}，不是{best.label}；来源数据中没有这个数，无法核对")
        unsaid = self._scope_unsaid(i, best)
        if unsaid:
            said = f"{unsaid}，不是{best.label}；来源数据中没有这个数，无法核对"
            return Link("unsupported", message=said, key=best.key, year=year)
        printed = self.signed(i) if not said_down(best) else None  # 下降0.16% is −0.16 against a growth
        return self.mismatch(self.doc.figures[i], best, year, message, printed)

    def _other_scope(self, i: int, best: Metric) -> str:
        """Why figure i, whose words name `best`, is of another scope than best's label ('' when it is not). Its own
        clause says one of these:
        - 本级/市直/县属 … (其中，县本级教育支出41200万元 is a part of the county's 一般公共预算教育支出);
        - the kind best's label names, negated (民办非学历培训学校304所 is no count of 民办学历学校);
        - an average per student, school or class, where the label names neither an average nor a standard
          (全县按在校学生人数平均的一般公共预算教育支出为8200.00元 is no 一般公共预算教育支出)."""
        clause = self.words(i)[0].split("|", 1)[0]
        own = OWN_SCOPE.search(clause)
        if own and not OWN_SCOPE.search(best.label):  # (区直属 and 区属, 市直 and 市本级: one scope)
            return f"文字说的是{own.group(0)}的数"
        negated = NEGATED.search(clause)
        if negated and negated.group(1) in best.label and negated.group(0) not in best.label:
            return f"文字说的是{negated.group(0)}的"  # 民办非学历培训学校304所 is no count of 民办学历学校
        if PER_HEAD.search(clause) and not PER_HEAD_LABEL.search(best.label):
            return "这是平均到每个学生（每校、每班）的数"
        return ""

    def _not_its(self, i: int, named: Metric, m: Metric) -> bool:
        """The figure, m's value, is m's rather than the metric its words name (`_scope_fits_value`,
        `_counts_not`, `_group_said`)."""
        return (
            self._scope_fits_value(i, named, m)
            or self._counts_not(i, named, m)
            or self._group_said(i, named, m)
        )

    def _group_said(self, i: int, named: Metric, m: Metric) -> bool:
        """文史类上重点线考生933人，占报考人数的5.6% where 5.6 is 文史类上重点线考生占报考生数's: m is the named label
        with a group before it (文史类) that the figure's own clause before it says, and the named one has none."""
        head = m.label.split(named.label[:2], 1)[0] if named.label[:2] in m.label else ""
        if len(head) < 2 or head in named.label:
            return False
        s, _ = self.doc.sentence(self.doc.figures[i].start)
        before = self.doc.text[s : self.doc.figures[i].start]
        last = CLAUSE_BREAK.split(before)
        return len(last) >= 2 and head in (last[-2] + last[-1])

    def _counts_not(self, i: int, best: Metric, m: Metric) -> bool:
        """朔城区设9个考点298个考场 where 298 is 朔城区考场's: the thing the figure counts (考场, right after it) is
        the value's metric's, not that of the metric its words before name (朔城区考点)."""
        return self._counts_other(i, best) and not self._counts_other(i, m)

    def _other_place(self, i: int, m: Metric) -> bool:
        """Figure i counts places of another kind than m's label counts (39个县 is no count of 省份)."""
        return self.doc.figures[i].unit == "个" and other_place(m.label, self.doc.tail(i))

    def _counts_other(self, i: int, m: Metric) -> bool:
        """Figure i counts things of another kind than m's label counts (818所高校 is no count of 中学)."""
        return self.doc.figures[i].unit in COUNTS and other_thing(m.label, self.doc.tail(i))

    def _scope_fits_value(self, i: int, best: Metric, m: Metric) -> bool:
        """The figure may not be best's (`_scope_unsaid`) and is the value of m, which it may be: 三大项加起来资金
        累计2200.90亿元 is 学校和社会投入资助资金总额(2012—2016年累计), not 资助金额 of one year — m a sum over years
        too, and named by the words as well as any other such metric (not 中央财政资助资金总额(累计))."""
        if not self._over_years(i, best) or not CUMULATIVE.search(m.label):
            return False
        near = self.words(i)[0]
        sums = [x for x in self.compatible(self.doc.figures[i]) if CUMULATIVE.search(x.label)]
        return self.labels.part_score(m.key, near) >= max(self.labels.part_score(x.key, near) for x in sums)

    def _over_years(self, i: int, best: Metric) -> bool:
        """Figure i is said for a span of years and best is a value of one year. A span said for the statement holds
        for its money (过去6年，…财政对教育的总投入超过600亿元), not for a level it ends at (近三年…在校生达到12000人)."""
        unit = self.doc.figures[i].unit
        near, sentence = self.words(i)
        span = near.split("|", 1)[0] if family(unit) != "元" else sentence + near
        return (
            unit not in ("%", "个百分点")
            and bool(CUMULATIVE.search(span))
            and not CUMULATIVE.search(best.label)
        )

    def _scope_unsaid(self, i: int, best: Metric) -> str:
        """Why a figure the words tie to `best` may be another figure than best's value, not a wrong one ('' when
        it is not): a sum over years (资助总金额累计近7000亿元 for 资助金额 of one year); a share of the enrolled for
        an enrolment rate; the opposite kind (普通 for 成人); all of a kind where best is one group the statement
        never says (在校教职工16544人（其中农村学校教职工5883人…） for 农村学校教职工 — said in the figure's own
        clause or in its statement outside brackets, 民办学校20所，…教职工800人, it is best's); every item of a kind
        said of no one level. A figure of best's own scope that is not its value stays a mismatch."""
        near, sentence = self.words(i)
        clause = near.split("|", 1)[0]
        if self._over_years(i, best):
            return OVER_YEARS
        whole = WHOLE_SAID.search(clause)
        if whole and OWN_SCOPE.search(best.label) and not OWN_SCOPE.search(clause):
            return f"文字说的是{whole.group(0)}的"  # 全市普通高校报名人数22360人 is not 嘉兴市本级…'s
        if self._counts_other(i, best):  # 全市共设6个考区26个考点: 26 counts 考点, not 考区
            return f"这是{THING.search(self.doc.tail(i)).group(0)}的数"
        claim = self.doc.claims.get(i)
        if claim is not None and claim.kind == "share" and COHORT_RATE.search(best.label):
            return "这是占在校生的比例"  # 占高中阶段教育在校生总数的62.91% is not 高中阶段毛入学率
        other = next(
            (
                b
                for a, b in OPPOSITES
                if a in best.label and b not in best.label and b in clause and a not in clause
            ),
            "",
        )
        if other:
            return f"文字说的是{other}的"  # 普通高等学校2358所 is not 成人高等学校's
        joined = JOINED.search(clause) if self.doc.figures[i].unit == "%" else None
        if joined and joined.group(1) not in best.label and joined.group(1)[:2] not in best.label:
            return (
                f"文字说的是几类合计（…和{joined.group(1)}…）"  # 公办园和普惠性幼儿园幼儿…占比 for 公办园's
            )
        above = next((g for g in ABOVE.findall(clause) if g in best.label and "以上" not in best.label), "")
        if above:
            return f"文字说的是{above}及以上的合计"  # 副教授以上职称教师占…46.66% is no 副教授占…'s
        if "普惠" in clause and "普惠" not in best.label:
            return "文字说的是普惠性的部分"  # 普惠性幼儿园78所 is a part of 幼儿园数
        if "教育" in best.label and "教育" not in clause and BUDGET_ALL.search(clause):
            return "文字说的是全部支出，不只是教育"  # 一般公共预算支出69.14亿元 for 一般公共预算教育支出
        # (…自费出国留学人数增加了6.58%；留学回国人数增加2030人，增长了4.79%: a group said before a ； is its statement's)
        said = unbracketed(sentence.rsplit("；", 1)[-1]) + near
        group = next((q for q in (*QUALIFIERS, "其他") if q in best.label and q not in said), "")
        if group:
            return f"文字没有说是{group}的"
        # 对学前、义教、高中、中职各阶段…共发放各项教育资助资金共1897.41525万元 is no 学前资助资金 (寻乌 2021): all
        # of a kind, said of no level or of several
        every = EVERY_ITEM.search(clause) and levels_of(best.label) and not levels_of(clause)
        if every and len(levels_of(said)) != 1:
            return "文字说的是各级合计"
        return ""

    def _named_just_before(self, i: int, key: str) -> bool:
        """A figure shortly before figure i is a value of `key` (of this year or another): the words that named
        it speak of figure i too (儿童青少年的总体近视率又上升为52.7%。“这个52.7%跟2019年相比…”; 硬上线率为44.1%，比上年
        （硬上线441人、29.2%）; 80.22%。…而就在2017年底，这一数据是75%)."""
        f = self.doc.figures[i]
        if RATE_NAMED.search(self.words(i)[0].split("|", 1)[0]):
            return False  # 2023年全市高中毕业生体检合格率为52.7%: its words name a rate of their own
        return any(
            (link := self.links.get(j)) is not None and link.key == key and link.status == "verified"
            for j in self.doc.between(max(0, f.start - NAMED_BEFORE_WITHIN), f.start)
        )

    def _unit_lost(self, i: int) -> Link:
        """全幼儿园为8479.61，比上年的9468.70 where the text lost its 元 (its sibling items print 19245.95元): an
        amount with two decimals is a money metric its words name (in full, or in part: 幼儿园 of 幼儿园生均…) that
        holds that very value, as printed in the metric's unit. The value alone names none, and a figure whose
        unit is lost is never said to be another one: it stays unsupported."""
        if self._valued is None:
            self._valued = [m for m in self.source.metrics if m.values and family(m.unit) == "元"]
        rank, best = self._ranks(i, self._valued)
        named = [m for m in self._valued if rank[m.key][1] > 0]
        named.sort(key=lambda m: (m is not best, -rank[m.key][1]))
        for m in named:
            year = self.year_for(m, self.claim_year(i, m))
            if year in m.values and self.fits(i, m.values[year], signed=not said_down(m)):
                said = f"{year}年{m.label}（文中这个数缺单位：{m.unit}）"
                return Link("verified", f"{m.key}@{year}", message=said, key=m.key, year=year)
        return NOT_FOUND

    def _ranks(self, i: int, metrics: list[Metric]) -> tuple[dict[str, Rank], Metric | None]:
        """How the figure's words name each metric (`_rank`), and the metric they name with the most mass (None:
        none named); the words are read only when a metric is of the figure's unit (a figure of no metric's
        unit is linked, if at all, by a finder that reads them)."""
        if not metrics:
            return {}, None
        near, sent = self.words(i)
        keys = tuple(m.key for m in metrics)
        found = self._ranked.get((near, sent, keys))
        if found is None:  # kept per words and keys, as `evidence` is: the same words stand in many texts
            named = self.labels.evidence_named(keys, near, sent)
            rank = {key: UNNAMED if evidence is None else _rank(evidence) for key, evidence in named.items()}
            # the most mass, and of equal mass the label the words name more of (九年级考生 over 八年级考生(…))
            best = max((m for m in metrics if rank[m.key][0]), key=lambda m: rank[m.key][1:3], default=None)
            found = self._ranked[near, sent, keys] = rank, best
        return found

    def _may_use(self, i: int, found: Link, best: Metric | None, rank: dict) -> bool:
        """A derived figure must involve the metric the words name; a stated fact gives way only when the
        words spell out that metric's whole label (其中党委348个 where 党委 is 21) and state no bound (90%以上)."""
        if best is None:
            return True
        if found.source.startswith("sum("):  # a sum stands for the named metric where it has no value; else
            keys = found.key.split("|")  # it must hold that metric and be said as one (招生共计909人) or
            near = self.words(i)[0]  # name every part alike (专任教师 of each level)
            return (
                found.year not in best.values
                or best.key in keys
                and (
                    bool(TOTAL_SAID.search(near.split("|", 1)[0]))
                    or all(self.labels.part_score(k, near) >= LABEL_MIN for k in keys)
                    or self.labels.levels_unsaid(best.key, near)  # 全县在园幼儿 is not 民办…在园幼儿 alone
                    or self._term_of_all(near, best, keys)
                )
                # 普通高等学校2358所 = 本科院校 + 高职院校, where 高等学校 names 成人高等学校 in part: parts of the level
                # the words name, and a best they name only in part
                or best.key not in keys
                and rank[best.key][2] < FULL_LABEL
                and all(self.labels.of_a_level_named(k, near) for k in keys)
            )
        if found.status == "derived":
            keys = found.key.split("|")
            # 国家财政性教育经费占全市国内生产总值比例为2.24% where the data hold that share for 2010 only: the
            # share computed from this year's two amounts stands for it, when the words name both
            return best.key in keys or (
                found.year not in best.values
                and all(self.labels.part_score(k, self.words(i)[0]) >= LABEL_MIN for k in keys)
            )
        if found.source.endswith(".target"):
            return True
        f = self.doc.figures[i]
        bound = re.match(r"\s*(?:以上|以下|以内|左右)", self.doc.text[f.end : f.end + 3])
        return bool(bound) or not self.labels.spelled(self.words(i)[0], best.key)

    def _term_of_all(self, near: str, best: Metric, keys: list[str]) -> bool:
        """The words name best by a term of three or more characters that every part's label holds: 新建校舍面积达
        4.5万平方米 is all the 新建校舍, 完成省下达新建校舍任务3.87 and 新增新建校舍0.67 (海口 2006); so may its own
        words after it (85所新改扩建中小学幼儿园投入使用: 54 + 31, 武汉 2018)."""
        clause, after = near.split("|", 1)
        words = (
            clause + "|" + AFTER_END.split(after.lstrip("，,"), 1)[0]
        )  # (its own words after it, to the next mark)
        labels = [m.label for k in keys if (m := self.source.metric(k)) is not None]
        return len(labels) == len(keys) and len(_common_term(words, best.label, labels)) >= 3

    def _from_hits(self, i: int, hits: list, rank: dict, best: Metric | None, year: int | None) -> Link:
        f = self.doc.figures[i]
        m, y = max(
            hits,
            key=lambda h: (rank[h[0].key][3], rank[h[0].key][1], h[1] == (year or self.default_year(h[0]))),
        )
        strong = rank[m.key][0]
        claim = self.doc.claims.get(i)
        if year is None and claim is not None and claim.role == "base":
            # 比上年的14543.88元 where 14543.88 is this year's: last year's is meant
            year = self.claim_year(i, m)
        said = year if year is not None else self.source.report.period
        if best is None and self._contradicted(i, m):
            # 普通高中由上年的24586.43元增加到31504.20元 where 31504.20 is 中职's: the statement's level or kind
            # is not the value's metric's, and it names another one in part
            near, sent = self.words(i)
            rivals = [
                (rank[k][2], r)
                for k in rank
                if k != m.key
                and rank[k][2] >= max(0.15, rank[m.key][2])
                # (全区现有全国级文明校园1所 under a 中小学 heading names no 区属中小学: its words beyond the levels)
                and self.labels.part_score(k, near + sent) > 0
                and (r := self.source.metric(k)) is not None
                and said in r.values
                and self._said_alike(i, r)
            ]
            top = max(rivals, key=lambda t: t[0])[1] if rivals else None
            if top is not None and not self._not_its(i, top, m):
                return self.mismatch(
                    f, top, said, f"数值与{y}年的{m.label}（{m.key}@{y}）相同，但文字说的是{top.label}"
                )
        if best is None and rank[m.key][1] == 0:
            # 八个专业1628名学生配备教师1686人 where 1686 is 普通高中报考人数: the words name nothing of it, and
            # name one other metric all but its level (中职配备教师)
            near = self.words(i)[0]
            if self.labels.part_score(m.key, near) < WEAK_LABEL:
                named = [
                    r
                    for k in rank
                    if k != m.key
                    and (r := self.source.metric(k)) is not None
                    and said in r.values
                    and self.labels.part_score(k, near, min_grams=2) >= 0.99
                    and not self._contradicted(i, r)
                ]
                if len(named) == 1 and not self._not_its(i, named[0], m):
                    return self.mismatch(
                        f,
                        named[0],
                        said,
                        f"数值与{y}年的{m.label}（{m.key}@{y}）相同，但文字说的是{named[0].label}",
                    )
                if (
                    not _distinct(f)
                    and self.labels.part_score(m.key, near) == 0
                    and (
                        any(rank[k][2] >= WEAK_LABEL for k in rank if k != m.key)
                        or f.unit == "%"
                        # (学前教育、高中阶段教育普及水平分别达到91.5%、95.2%: the label's level said in the sentence)
                        and not levels_of(m.label) & levels_of(near + self.words(i)[1])
                        and not self._named_just_before(i, m.key)
                    )
                ):  # 新增学位3个 where 3 is 主体建设的项目: a small number its words do not name at all, while
                    # they name other metrics in part, is no value of that metric; nor is a percentage its words
                    # name nothing of (入学率、巩固率分别为99.99%、100%: 100% is the value of many rates)
                    return Link(
                        "unsupported",
                        message=f"数值与{m.label}相同，但文字说的不是它；来源数据中找不到文字所指的这个数",
                    )
        earlier = self._earlier_named(i, m, y, rank) if best is None else None
        if earlier is not None:
            r, year_before = earlier
            said_as = (
                f"数值与{y}年的{m.label}（{m.key}@{y}）相同，但这是{year_before}年的数，文字说的是{r.label}"
            )
            return self.mismatch(f, r, year_before, said_as)
        rival = self._sole_rival(i, m, rank, y) if best is None else None
        if rival is not None and not self._not_its(i, rival, m):
            return self.mismatch(
                f, rival, y, f"数值与{y}年的{m.label}（{m.key}@{y}）相同，但文字说的是{rival.label}"
            )
        # the value's metric m is the figure's rather than the metric its words name (asked once of the three tests
        # below)
        mine = (
            best is not None
            and best.key != m.key
            and (
                self._not_its(i, best, m)
                # 在校生（各级各类）131164人 under 义务教育: the value's own label, spelled out right before it, and
                # not the named one's (普惠性民办幼儿园235所 spells 幼儿园 too, and names 普惠性民办幼儿园 in full)
                or self.labels.spelled(self.words(i)[0], m.key)
                and not self.labels.spelled(self.words(i)[0], best.key)
            )
        )
        if (
            best is not None
            and best.key != m.key
            and not (
                _qualified_by_words(self.words(i)[0], m, best)
                and self.labels.within_levels_said(m.key, self.words(i)[0])
            )
            and not (strong and _best_qualifier_unsaid(best, m, self.words(i)[1]))
            and not mine
            and (
                beats(rank[best.key], rank[m.key])
                or self._spelled_not(i, best, m)
                or self.labels.contrasted(best.key, m.key, self.words(i)[0])
                or _unsaid_qualifier(rank, best, m, self.words(i)[1])
            )
            and not self._told_before(i, m, best)
        ):
            return self.against_named(
                i,
                best,
                self.year_for(best, year),
                f"数值与{m.label}（{m.key}@{y}）相同，但文字说的是{best.label}",
            )
        if best is not None and best.key != m.key and not strong and not mine:
            said = year if year is not None else self.source.report.period
            if said in best.values and (
                rank[m.key][1] == 0
                or y != said
                and said not in m.values
                or self._contradicted(i, m)
                and self._said_alike(i, best)
                or told_apart(self.said_around(i), best, m)
            ):
                # 专科4784人 where 4784 is 本科招生 and the words name 专科在校生; 2022年安排1.4193亿元 where
                # 1.4193 is 2023's 年初预算 and the words name the 2022 figure; 全区学生11523人，其中幼儿园201人
                # where 201 is 幼儿园教职工 and the words name 幼儿园学生
                return self.against_named(
                    i, best, said, f"数值与{y}年的{m.label}（{m.key}@{y}）相同，但文字说的是{best.label}"
                )
        if (
            year
            and y != year
            and year in m.values
            and (
                strong
                or best is None
                or best.key == m.key
                or rank[m.key][3] >= rank[best.key][3] > 0
                or mine  # the value's metric is the figure's: its year must be said too
            )
        ):  # 普通初中为24897.01元，比上年的24897.01元 where the words name m as near as any other metric
            return self.mismatch(f, m, year, f"这是{y}年的数，文中写的是{year}年")
        if year and y != year and year not in m.values and best is not None and year in best.values:
            # 每10万人中拥有小学文化程度的由1986102人下降为… where 1986102 is 2020's 小学文化程度人口 (no 2010 value):
            # the start year's value is the named metric's that has one
            return self.mismatch(
                f,
                best,
                year,
                f"数值与{y}年的{m.label}（{m.key}@{y}）相同，但文字说的是{year}年的{best.label}",
            )
        current = self.source.report.period
        # named, or a value of four or more digits: were it not m's, no metric would hold it (甘肃 2017: 在校生603490人
        # where 603490 is 2016's 普通高中在校生, in a statement the words cut from 普通高中)
        named = strong or rank[m.key][2] >= WEAK_LABEL or _distinct(f)
        # a year the data do not have (2013年年初公布《2012年…公报》) says no more than none
        unsaid = year is None or year not in m.values
        if unsaid and self._is_current(i) and y != current and current in m.values and named:
            return self.mismatch(f, m, current, f"这是{y}年的数，本报告说的是{current}年")
        nearer = self._nearer(i, m, rank)
        if nearer is not None:
            return self.mismatch(
                f,
                nearer,
                self.year_for(nearer, year),
                f"数值与{y}年的{m.label}（{m.key}@{y}）相同，但这句话到这里说的已是{nearer.label}",
            )
        theirs = self._base_of(i, m, rank) if claim is not None and claim.role == "base" else None
        if theirs is not None:
            return self.mismatch(
                f,
                theirs,
                self.claim_year(i, theirs),
                f"比的是{theirs.label}的上一年，数值却与{y}年的{m.label}（{m.key}@{y}）相同",
            )
        # (one metric holds the value: 3所 of several metrics is no one figure's copy)
        copied = self._copied(i, m, rank, year) if best is None and all(h[0] is m for h in hits) else None
        if copied is not None:
            return self.mismatch(
                f,
                copied,
                self.year_for(copied, year),
                f"数值与文中另一处的{m.label}（{m.key}@{y}）相同，但这里的文字说的是{copied.label}",
            )
        said = f"{y}年{m.label}"
        if best is None and rank[m.key][1] == 0 and f.unit != "%":  # 辖3个村: by its value alone
            said += "（数值相同，但文字没有明确指向这个指标，请确认）"
        return Link("verified", f"{m.key}@{y}", message=said, key=m.key, year=y)

    def _earlier_named(self, i: int, m: Metric, y: int, rank: dict) -> tuple[Metric, int] | None:
        """抽测学生人数从2880人增加到10380人 where the start value is printed as 4410, this year's 小学 count: a value
        compared with (`role` base) that is the latest value of a metric with none before it, while the words name
        another metric more, one that has an earlier year and another value then — (that metric, that year)."""
        claim = self.doc.claims.get(i)
        if claim is None or claim.role != "base" or any(year < y for year in m.values):
            return None
        named = [
            (rank[k][1], r)
            for k in rank
            if k != m.key and rank[k][1] > rank[m.key][1] and (r := self.source.metric(k)) is not None
        ]
        for _, r in sorted(named, key=lambda t: -t[0])[:1]:
            before = [year for year in r.values if year < y]
            if before and not self.fits(i, convert(r.values[max(before)], r.unit, self.doc.figures[i].unit)):
                return r, max(before)
        return None

    def _nearer(self, i: int, m: Metric, rank: dict) -> Metric | None:
        """其中开工面积为428.71万m2，超过规划任务总量的68.44%，竣工面积为299.16万平方米，超过规划任务总量的X where X is
        68.44 again: an earlier figure of the sentence said with the same words before it is m's, and between the two
        the sentence names another metric (what sets it apart from m, and nothing that sets m apart) — the same
        words now count the other one."""
        f = self.doc.figures[i]
        lead = part_words(self.doc, i).strip()
        if len(lead) < 2:
            return None
        for k in reversed(self.doc.in_sentence(i)):
            g, link = self.doc.figures[k], self.links.get(k)
            if part_words(self.doc, k).strip() != lead or g.unit != f.unit:
                continue
            if link is None or link.status != "verified" or link.key != m.key:
                return None
            words = self.doc.text[g.end : f.start]
            rivals = [
                rival
                for key, r in rank.items()
                if key != m.key
                and r[1] > 0
                and (rival := self.source.metric(key)) is not None
                and last_said(words, rival.label, m.label) >= 0
                and last_said(words, m.label, rival.label) < 0
            ]
            if len(rivals) != 1:
                return None
            rival = rivals[0]
            year = self.year_for(rival, self.claim_year(i, rival))
            return None if self.fits(i, convert(rival.values[year], rival.unit, f.unit)) else rival
        return None

    def _base_of(self, i: int, m: Metric, rank: dict) -> Metric | None:
        """农村为15196.86元，比上年的14634.76元 where 14634.76 is 农村初中's and 15196.86 was found 农村小学's: a previous
        value (`role` base) is of the metric of the value it is compared with, right before it in its sentence, when
        the words name m no more than that metric and that metric's earlier value is another."""
        before = self.doc.in_sentence(i)
        if not before or rank[m.key][0]:
            return None
        j = before[-1]
        g, f = self.doc.figures[j], self.doc.figures[i]
        own = self.doc.claims.get(j)
        if (
            g.unit != f.unit
            or own is not None
            and own.role == "base"
            or not BASE_GAP.fullmatch(self.doc.lead(i))
        ):
            return None
        link = self.links.get(j)
        theirs = self.source.metric(link.key) if link is not None and link.status == "verified" else None
        if theirs is None or theirs is m or rank.get(theirs.key, UNNAMED)[1] < rank[m.key][1]:
            return None
        # (幼儿园为3364.22元 of 经费 and of 事业费 alike: whose it is is not known)
        held = theirs.values[link.year]
        if any(o is not theirs and o.values.get(link.year) == held for o in self.compatible(g)):
            return None
        year = self.claim_year(i, theirs)
        if year is None or year not in theirs.values:
            return None
        return None if self.fits(i, convert(theirs.values[year], theirs.unit, f.unit)) else theirs

    def _copied(self, i: int, m: Metric, rank: dict, said: int | None) -> Metric | None:
        """主要来自河南省，有1979人 where 1979 is 男生毕业生, printed as such elsewhere in the text: the value is another
        figure's copied, and the words here name one other metric well ahead of m and of any other."""
        f = self.doc.figures[i]
        # 100%, 3所: values many figures have by chance
        if len(_digits(f)) < 2 or f.value == 100:
            return None
        # (市域53所托儿所、幼儿园…: m named in the figure's own words after it too)
        if rank[m.key][0] or self.labels.part_score(m.key, self._own_words(i)) > 0:
            return None
        masses = sorted(  # (并申报了39个县 names no count of 省份)
            (
                (r[1], k)
                for k, r in rank.items()
                if k != m.key and not self._other_place(i, self.source.metric(k))
            ),
            reverse=True,
        )
        if not masses or masses[0][0] < max(2 * rank[m.key][1], 1.0):
            return None
        if len(masses) > 1 and masses[1][0] * 1.5 > masses[0][0]:
            return None
        top = self.source.metric(masses[0][1])
        if rank[masses[0][1]][2] < 0.1:  # a word or two of a long label
            return None
        if top is None or said is not None and said not in top.values:
            return None
        year = self.year_for(top, said)
        if self.fits(i, convert(top.values[year], top.unit, f.unit)):
            return None
        if self._by_value is None:  # the figures of each value, laid out once
            self._by_value = {}
            for j in self.doc.active:
                g = self.doc.figures[j]
                self._by_value.setdefault((g.value, g.unit), []).append(j)
        for j in self._by_value.get((f.value, f.unit), ()):
            if j == i:
                continue
            there, _ = self._ranks(j, self.compatible(self.doc.figures[j]))  # (no candidates kept early)
            if m.key in there and there[m.key][0]:
                return top
        return None

    def _sole_rival(self, i: int, m: Metric, rank: dict, year: int) -> Metric | None:
        """The one metric named in part near the figure, with a value for the year of m's value the figure has,
        whose label the words before it tell apart from m's (`contrasted`); else the one its statement and own words
        after it tell apart (`told_apart`: 何家洞镇中心小学建设，规划投资总额160万元 where 160 is 麻江镇学校's)."""
        named = [
            r
            for k in rank
            if k != m.key
            and rank[k][2] >= WEAK_LABEL  # 并申报了69个县 names 实地督查的申报县 by 申报 alone: not enough
            and (r := self.source.metric(k)) is not None
            and year in r.values
        ]
        near = self.words(i)[0]
        contrasted = [r for r in named if rank[r.key][3] > 0 and self.labels.contrasted(r.key, m.key, near)]
        if (
            len(contrasted) > 1
        ):  # 省财政投入…，市财政投入X where X is 家长承担's: the one told apart from the others too
            contrasted = [
                r
                for r in contrasted
                if all(o is r or self.labels.contrasted(r.key, o.key, near) for o in contrasted)
            ]
        if len(contrasted) == 1:
            return contrasted[0]
        said = self.said_around(i)
        told = [r for r in named if told_apart(said, r, m)]
        # 国家助学金…其中春季学期资助4397人次，资助金额X: of 助学金's 春季 and 秋季, the one said
        if len(told) > 1:
            told = [r for r in told if all(o is r or told_apart_in_time(said, r, o) for o in told)]
        elif not told:  # 其中春季学期资助19633人次，资助金额X where X is 秋季's: by the time said alone
            told = [r for r in named if told_apart_in_time(said, r, m)]
        if not told and (item := enumerated(self.doc, i)):
            # 轻、中、高度近视分别占53.3%、37.0%、37.0% where the last is 中度's: the list's own item for the figure
            told = [
                r
                for k in rank
                if k != m.key
                and rank[k][1] > 0
                and (r := self.source.metric(k)) is not None
                and year in r.values
                and self.labels.contrasted(k, m.key, item)
                # (初中辍学率 names nothing of 初中生均…增长)
                and self.labels.part_score(k, item) > self.labels.part_score(m.key, item)
            ]
        return told[0] if len(told) == 1 else None

    def _own_words(self, i: int) -> str:
        """The figure's near words and its own words after it to the next mark (年底前，70所新学校都将开工建设: the near
        words stop at 将)."""
        return self.words(i)[0] + self.said_around(i).rsplit("|", 1)[-1]

    def said_around(self, i: int) -> str:
        """The figure's statement up to it and its own words after it, to the next mark (7所为省内优质教育资源…), kept
        per figure (asked for each value it may have)."""
        found = self._around.get(i)
        if found is None:
            f, text = self.doc.figures[i], self.doc.text
            after = AFTER_END.search(text, f.end, f.end + 40)
            found = self._around[i] = (
                self.words(i)[1] + "|" + text[f.end : after.start() if after else f.end + 40]
            )
        return found

    def _told_before(self, i: int, m: Metric, best: Metric) -> bool:
        """其中，国家助学金资助本、专科生556.38万人，资助金额157.61亿元 where best is 各类助学金资助金额: the figure's
        own clause names a bare amount, and the clause right before it tells m apart from best (`told_apart`)."""
        near, sent = self.words(i)
        clause, head = near.split("|", 1)[0], sent.split("|", 1)[0]
        if not _BARE_OWN.fullmatch(clause) or not head.endswith(clause):
            return False
        before = CLAUSE_BREAK.split(head[: -len(clause)].rstrip("，,"))[-1]
        return told_apart(before, m, best)

    def _spelled_not(self, i: int, best: Metric, m: Metric) -> bool:
        """The words spell out best's whole label right before the figure and not m's: 硕士学位授权点由49个 where
        49 is 博士学位授权点's (教职工4088人 in a paragraph on 义务教育 is not told from 义务教育阶段教职工 so)."""
        near = self.words(i)[0]
        return (
            best.label not in m.label
            and self.labels.spelled(near, best.key)
            and not self.labels.spelled(near, m.key)
        )

    def _contradicted(self, i: int, m: Metric) -> bool:
        """The figure's words or their statement name another level or another kind of count than m's label
        (普通高中由上年的…增加到X for a 中职 value; 在校生…其中专科X for a 招生 value)."""
        near, sent = self.words(i)
        return self.labels.said_otherwise(m.key, near, sent) is True

    def _said_alike(self, i: int, m: Metric) -> bool:
        """m's label has the level or kind the words or their statement name."""
        near, sent = self.words(i)
        return self.labels.said_otherwise(m.key, near, sent) is False

    def _is_current(self, i: int) -> bool:
        """A figure with no year near it, not a previous value (比上年的X): it is of the year reported on."""
        claim = self.doc.claims.get(i)
        return claim is not None and claim.role != "base" and claim.base_year is None

    def mismatch(self, f: Figure, m: Metric, year: int, message: str, printed: float | None = None) -> Link:
        """Figure f is not m's value of `year` (`printed`: its value with the sign its words give, 下降0.16% as −0.16)."""
        value = m.values[year]
        if same_family(f.unit, m.unit) and matches_shown(f.value, f.decimals, convert(value, m.unit, f.unit)):
            if printed is not None and printed < 0 < value:  # 职业高中下降0.16% where the data say +0.16%
                grew = f"增长{format_figure(value, m.unit)}"
                said = f"{WRONG_WAY}：{year}年{m.label}为{grew}"
                return Link("mismatch", f"{m.key}@{year}", grew, said, key=m.key, year=year)
            # the metric the words name holds the printed value too (高完中 2所 and 九年一贯制学校 2所): no
            # finding can say "应为" the very number printed
            return Link("verified", f"{m.key}@{year}", message=f"{year}年{m.label}", key=m.key, year=year)
        expected = expected_value(f, value, m.unit)
        return Link(
            "mismatch", f"{m.key}@{year}", expected, f"{message}：应为{expected}", key=m.key, year=year
        )

    def fits(self, i: int, actual: float, signed: bool = False) -> bool:
        """The printed figure stands for `actual` (a metric of changes is compared with 下降3.78% as −3.78)."""
        f = self.doc.figures[i]
        if signed and self.signed(i) < 0:
            actual = -actual
        step, about = self._tolerance(i)
        if step:
            return f.value <= actual < f.value + step
        if about is not None:
            return abs(actual - f.value) <= about
        if abs(actual - f.value) > 2 * 10**-f.decimals + 1e-9 * (abs(actual) + abs(f.value)):
            return False  # matches_shown's own first cut, without the call: most values are far off
        return matches_shown(f.value, f.decimals, actual)

    def _tolerance(self, i: int) -> tuple[int, float | None]:
        """How far `fits` lets a value be from figure i, worked out once per figure: (the step up to the next
        round number for 余/多, else 0; the distance allowed for 约/近 …, else None: the printed rounding)."""
        found = self._tolerances.get(i)
        if found is not None:
            return found
        f = self.doc.figures[i]
        step, about = 0, None
        if "余" in f.text or "多" in f.text:
            step = 10 ** (len(str(int(f.value))) - len(str(int(f.value)).rstrip("0"))) if f.value >= 10 else 1
        elif ABOUT.search(self.doc.text[max(0, f.start - 2) : f.start] + self.doc.text[f.end : f.end + 2]):
            about = 0.1 * abs(f.value) + 10**-f.decimals
        found = self._tolerances[i] = step, about
        return found

    def sizes(self, i: int) -> SizeRange | None:
        """The sizes figure i is held against in every SizeIndex (values, derived figures, facts), once."""
        try:  # asked by every index a figure is held against: one look-up when kept
            return self._sizes[i]
        except KeyError:
            found = self._sizes[i] = size_range(self.doc.figures[i], self.fit_window(i))
            return found

    def fit_window(self, i: int) -> tuple[float, float]:
        """A range outside which `fits(i, x)` (unsigned) is never true, a cheap first cut before it: the printed
        value ± its rounding (fits' own first cut, which holds the printed value's rounding too), widened by
        the distance `_tolerance` allows (约/近 …) or up to the next step (余/多). Never narrower than fits().
        Worked out once per figure: every finder asks for it."""
        found = self._windows.get(i)
        if found is None:
            f = self.doc.figures[i]
            step, about = self._tolerance(i)
            rounding = 2 * 10**-f.decimals + 1e-8 * (abs(f.value) + 1.0)
            wide = about if about is not None else 0.0
            found = self._windows[i] = f.value - rounding - wide, f.value + rounding + max(wide, step)
        return found


def _rank(evidence: tuple[float, float, float]) -> Rank:
    """How the words name a metric, as the linker ranks it: (named at all, mass, coverage, near mass)."""
    cover, mass, near = evidence
    return cover >= LABEL_MIN, mass, cover, near


UNNAMED = _rank((0.0, 0.0, 0.0))  # a metric whose label shares no bigram with the words


DOWN_LABEL = re.compile(r"减少|下降|降低|压减")  # not a bare 减 (减免)


QUALIFIERS = ("民办", "公办", "城区", "乡村", "农村", "城镇", "自费", "公派", "研究生", "本科", "专科")
BUDGET_ALL = re.compile(
    r"(?:预算|财政)[\u4e00-\u9fff]{0,4}支出$"
)  # 一般公共预算支出: all of the budget spent
LAST_YEAR_OWN = re.compile(
    r"^\s*(?:去年|上年)(?!同期|同口径|[增减提下上降])"
)  # the clause opens with it: its subject
NEXT_YEAR_OWN = re.compile(r"^\s*(?:明年|下一年|来年)(?!同期)")
ABOVE = re.compile(
    r"([\u4e00-\u9fff]{2,4}?)(?:及)?以上"
)  # 副教授以上, 本科及以上: the group and all above it
JOINED = re.compile(
    r"[\u4e00-\u9fff](?:和|及|与)([\u4e00-\u9fff]{2,4})"
)  # 公办园和普惠性幼儿园: a second group


def _qualified_by_words(near: str, m: Metric, best: Metric) -> bool:
    """The words name a qualifier (…学校数（所）其中民办) that the value's metric has and the better-named one lacks:
    the value is the qualified one's (民办小学 3所), not a wrong figure of all schools."""
    return any(q in near and q in m.label and q not in best.label for q in QUALIFIERS)


def said_down(m: Metric) -> bool:
    """因行政区划调整减少的县 19: the metric holds the size of a fall, so 减少19个 states it as it is (a metric
    of changes, 增长率 −3.78, is compared with 下降3.78% as −3.78; so is one whose label says 下降 but whose values
    carry the sign, 比2011年下降(约) −5 against 下降约5个百分点)."""
    return bool(DOWN_LABEL.search(m.label)) and all(v >= 0 for v in m.values.values())


def _unsaid_qualifier(rank: dict[str, Rank], best: Metric, m: Metric, context: str) -> bool:
    """比上年的2757.53元 after 全国普通小学生均预算内事业费支出: the words name that label in full, and the value's
    metric is the same label with a qualifier neither they nor their statement say (农村普通小学…): the named
    one is meant (累计资助学生 where the words say 累计, 义务教育阶段教职工 in a paragraph of 义务教育阶段, stay)."""
    if not (rank[best.key][2] >= FULL_LABEL > rank[m.key][2] and best.label in m.label):
        return False
    return not any(g in context for g in chinese_bigrams(m.label.replace(best.label, "|", 1)))


def _best_qualifier_unsaid(best: Metric, m: Metric, context: str) -> bool:
    """2017年温州市新建改扩建幼儿园94所 where 94 is 全市新(扩)建幼儿园's, named: best (新(扩)建幼儿园其中公办) has a
    qualifier m lacks that neither the words nor their statement say — all the kindergartens are meant, not the 公办."""
    return any(q in best.label and q not in m.label and q not in context for q in QUALIFIERS)


def _common_term(words: str, label: str, others: list[str]) -> str:
    """The longest run of the label's characters that the words and every other label hold too (labels are
    short)."""
    best = ""
    for start in range(len(label)):
        end = start + len(best) + 1
        while end <= len(label) and (run := label[start:end]) in words and all(run in o for o in others):
            best, end = run, end + 1
    return best


# the words between a value and last year's beside it: 比上年的X, 93.62分（去年92.62分）
BASE_GAP = re.compile(r"[，,（(]?\s*(?:比|较)?(?:上年|去年|上一年|前一年)(?:同期)?的?(?:为|是)?\s*")


def _digits(f: Figure) -> str:
    return re.sub(r"\D", "", f.text)


def _distinct(f: Figure) -> bool:
    """A figure of four or more significant digits is unlikely to equal a metric value by chance."""
    return len(_digits(f).strip("0")) >= 4


def expected_value(f: Figure, value: float, unit: str) -> str:
    """The value a wrong figure should have, as a clerk would fix it: in the printed figure's unit and precision
    (61.02亿元 against 611968.81万元: 61.20亿元; 21.87亿元 read in 万元 is 218700万元, not 218700.00万元) — in the
    value's own unit when the printed digits are the value's there (21.09万元 for 21.09亿元: the unit is what is
    wrong), when the units are of two families, or when the value is another size altogether (10所 for 21.08万所)."""
    retyped = f.unit != unit and matches_shown(f.value, f.decimals, value)
    if f.unit and f.unit != unit and not retyped and same_family(f.unit, unit) and f.value > 0:
        mine = convert(value, unit, f.unit)
        if 0.1 <= mine / f.value <= 10:
            scale = round(math.log10(to_base(1, unit)[0] / to_base(1, f.unit)[0]))
            return format_figure(mine, f.unit, max(0, min(f.decimals, shown_decimals(value, 6) - scale)))
    return format_figure(value, unit, f.decimals if f.unit == unit or retyped else None)
