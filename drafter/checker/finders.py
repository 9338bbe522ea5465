"""Where a figure's value may come from besides a metric value of its own: a derived figure, a sum of values,
one value as a share of another, students per teacher, a standard, a number of a stated fact.

Mixed into the ValueLinker (checker.value_linking), whose state (the text, the data, label scores, fits)
these use; each finder returns a Link or None.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable

from drafter.checker.labels import bigrams, clause_of, levels_of, told_apart
from drafter.checker.links import Link
from drafter.checker.sums import in_reach, metric_sum, sum_bounds
from drafter.checker.words import THING
from drafter.core.types import Derived, Figure, Metric, SourceData
from drafter.figures.numbers import convert, family, find_figures, same_family, shown_decimals, to_base

THING_AFTER = re.compile(rf"\s*({THING.pattern})")  # 5个社区: the noun a count counts
INSTITUTIONS = {"所": "个", "个": "所"}  # a count of schools and one of 教学点 may be parts of one sum
EXACT_COUNTS = frozenset({"人", "名", "所", "个", "家", "项", "次", "班", "间"})
WEAK_LABEL = 0.35  # words naming part of a label are enough beside other evidence
RATIO_WORDS = re.compile(r"生师比|师生比|学生与(?:专任)?教师(?:之)?比")
SCHOOL_SIZE_WORDS = re.compile(
    r"校均(?:在校生|学生)?规模|校均在校生|平均(?:办学)?规模"
)  # students per school
SHARE_WORDS = re.compile(r"占|比例|比重|占比")
TOTAL_NAME = re.compile(r"总收入|总投入|总支出|总计|合计|共计|总数|总量|各级各类")
KIND_WORDS = {  # words a derived figure needs beside it (a change is judged by link_change instead)
    "sum": re.compile(r"合计|共计|总计|共有|总数|共"),
    "share": re.compile(r"占|比例|比重|率"),
    "per_capita": re.compile(r"生均|人均|平均|每"),
    "exceed_target": re.compile(r"超|高于|高出|多"),
    "exceed_target_pct": re.compile(r"超|高于|高出|标准"),
    "diff": re.compile(r"增|减|降|提高|多|少"),
    "growth": re.compile(r"增|减|降|提高|上升"),
    "pp_change": re.compile(r"百分点"),
}


class Finders:
    """The finders of a ValueLinker."""

    def derived_hit(self, i: int) -> Link | None:
        near_size = self._derived.within(self.sizes(i))
        if not near_size:
            return None  # most figures: no derived figure of their size
        f, year = self.doc.figures[i], self.doc.stated_year(i)
        claim = self.doc.claims.get(i)
        if claim is not None and claim.role == "base" and claim.base_year is not None:
            year = claim.base_year  # 在校生数从2005年的6.8万人增加到2010年的17万人: 6.8 is 2005's
        best: tuple[float, Derived] | None = None
        clause = None
        for d in near_size:
            if not self.fits(i, convert(d.value, d.unit, f.unit)):
                continue
            if clause is None:  # a table cell's words are its row's and its column's (比上年增长（%）)
                clause = clause_of(self.doc, i) + self.doc.cells.get(i, "")
            if not KIND_WORDS.get(d.formula.split("(")[0], re.compile("")).search(clause):
                continue
            if year and max(int(r.split("@")[1]) for r in d.inputs if "@" in r) != year:
                continue
            if year is None and self._is_current(i) and self._outdated(d):
                continue  # 招生3.13万人 with no year is not last year's 31343人: the data hold this year's
            near, sent = self.words(i)
            evidence = max((self.label_score(_input_key(r), near, sent) for r in d.inputs), default=0)
            if d.formula.startswith("exceed_target") and _input_key(d.inputs[0]) in self._stated_before(i):
                evidence = (
                    1.0  # 生均经费为5377.93元，高出标准1377.93元: the standard of the value just stated
                )
            if evidence >= 0.35 and (best is None or evidence > best[0]):
                best = (evidence, d)
        if best is None:
            return None
        keys = "|".join(dict.fromkeys(_input_key(r) for r in best[1].inputs))
        years = [int(r.split("@")[1]) for r in best[1].inputs if "@" in r]
        return Link("derived", best[1].formula, message=best[1].label, key=keys, year=max(years, default=0))

    def _outdated(self, d: Derived) -> bool:
        """A derivation from values of years before the one reported on, all of whose metrics have it."""
        period = self.source.report.period
        refs = [r.split("@") for r in d.inputs if "@" in r]
        metrics = [self.source.metric(_input_key(k)) for k, _ in refs]
        return bool(refs) and all(
            int(y) < period and m is not None and period in m.values
            for (_, y), m in zip(refs, metrics, strict=True)
        )

    def _stated_before(self, i: int) -> set[str]:
        """The metric the figure right before i in its sentence was tied to (none when it was not)."""
        before = self.doc.in_sentence(i)
        link = self.links.get(before[-1]) if before else None
        return {link.key} if link is not None and link.key and link.status == "verified" else set()

    def sum_hit(self, i: int) -> Link | None:
        """义务教育阶段招生24636人 = 小学招生 + 初中招生: values the words name but for their level (招生 names
        小学招生 and 初中招生), of the kind the words count, added up; a total the words name as one (总收入,
        各级各类, 合计) may add up values of any name."""
        f, claim = self.doc.figures[i], self.doc.claims.get(i)
        if f.unit in ("%", "个百分点", "") or (
            claim is not None and (claim.kind == "change" or claim.approx)
        ):
            # (21万余人, 40多个: a bound, which some sum of unrelated values always falls in)
            return None
        if f.unit not in INSTITUTIONS and not in_reach(self._sum_reach(i), self.fit_window(i)):
            # no values of its unit add up to anything near it in any year (its year not looked up)
            return None
        year = self.claim_year(i) or self.source.report.period
        if not in_reach(self._sum_bounds(i, year), self.fit_window(i)):
            return None  # no two of the values add up to anything near it, whatever the words name
        near, sent = self.words(i)
        pool, bounds = self._sum_pool(i, year)
        if not in_reach(bounds, self.fit_window(i)):
            return None  # the same cut over the values the words allow: most stop here, before the sort
        pool.sort(  # rounded: a score is a sum over a set of bigrams, whose last bit follows the hash seed
            key=lambda m: (
                -round(max(self.labels.score(m.key, near, sent), self.labels.part_score(m.key, near)), 9)
            )
        )
        printed = (f.value - 0.5 * 10.0**-f.decimals, f.value + 0.5 * 10.0**-f.decimals)
        combo = metric_sum(
            f.unit,
            pool,
            year,
            lambda total, slack: (
                self.fits(i, total)
                or slack > 0
                and total - slack <= printed[1] + 1e-9
                and printed[0] - 1e-9 <= total + slack
            ),
            self.fit_window(i),
        )
        if combo is None:
            return None
        keys = "+".join(m.key for m in combo)
        return Link(
            "derived",
            f"sum({keys},{year})",
            message="、".join(m.label for m in combo) + "之和",
            key=keys.replace("+", "|"),
            year=year,
        )

    def _sum_pool(self, i: int, year: int) -> tuple[list[Metric], tuple[float, float]]:
        """The values sum_hit may add up for figure i (those its words allow) and the bounds of their sums, kept
        per near words, what they (else their statement) count and the levels that bound the parts, metrics, unit
        and year: the same words pick the same values, whatever else their statement says (a fresh list: sum_hit
        sorts it)."""
        near, sent = self.words(i)
        metrics = self.candidates(i) + self._institutions(i)
        unit = self.doc.figures[i].unit
        clause = near.split("|", 1)[0]
        said = self.labels.kinds_in(clause) or self.labels.kinds_of(near, sent)
        scope = near if levels_of(clause) else sent  # ——初中。校数14所: the section's level bounds the parts
        levels = self.labels.levels_before(scope)
        key = (near, said, levels, tuple(m.key for m in metrics), unit, year)
        if key not in self.sum_pools:  # (a value of 0 is no part: 16 is no sum of 16 and 0)
            pool = [m for m in self._parts_allowed(metrics, near, said, scope) if m.values.get(year) != 0]
            self.sum_pools[key] = pool, sum_bounds(unit, pool, year)
        pool, bounds = self.sum_pools[key]
        return list(pool), bounds

    def _parts_allowed(
        self, metrics: list[Metric], near: str, said: frozenset[int], scope: str
    ) -> list[Metric]:
        """The metrics a sum named by the words may add up: no averages, of the levels said (in `scope`, the words
        whose levels bound the parts), of the kind counted (`said`) or named in part (or any, for a total named as
        one: 总收入, 合计)."""
        clause = near.split("|", 1)[0]
        own = self.labels.kinds_in(clause)
        total = bool(TOTAL_NAME.search(clause))
        kinds = self.labels.kinds_of_key
        return [
            m
            for m in metrics
            if m.key not in self.averages
            and self.labels.within_levels_said(m.key, scope)
            and (
                said
                and kinds(m.key) == said  # of the kind counted: 招生 for 招生
                # (the kind and the level first: the label's words, the dearest test, only for a metric they allow)
                or (not own or not kinds(m.key) or own & kinds(m.key))
                and (
                    total
                    or self.labels.of_a_level_named(m.key, near)
                    or self.labels.part_score(m.key, near) >= WEAK_LABEL
                )
            )
        ]

    def _sum_bounds(self, i: int, year: int) -> tuple[float, float]:
        """What any sum_hit pool of figure i's unit may add up to in `year`, worked out once per unit and year."""
        unit = self.doc.figures[i].unit
        if (unit, year) not in self.sum_bounds:
            pool = self.compatible(self.doc.figures[i]) + self._institutions(i)
            self.sum_bounds[unit, year] = sum_bounds(unit, pool, year)
        return self.sum_bounds[unit, year]

    def _sum_reach(self, i: int) -> tuple[float, float]:
        """What the values of figure i's unit may add up to in any year (`_sum_bounds` of every year the values
        have, together), worked out once per unit; only for a unit whose values are the same for every figure
        (not 所 or 个, which may take each other's: `_institutions`)."""
        unit = self.doc.figures[i].unit
        if unit not in self.sum_reach:
            pool = self.compatible(self.doc.figures[i])
            found = [sum_bounds(unit, pool, y) for y in sorted({y for m in pool for y in m.values})]
            self.sum_reach[unit] = (
                min((lo for lo, _ in found), default=math.inf),
                max((hi for _, hi in found), default=-math.inf),
            )
        return self.sum_reach[unit]

    def _institutions(self, i: int) -> list[Metric]:
        """学校49所（其中小学35所、教学点7个…）: a count of schools may take 个 of 教学点 among its parts (never
        a count of classes: 班级数 is in 个 too)."""
        unit = self.doc.figures[i].unit
        other = INSTITUTIONS.get(unit)
        if other is None or "班" in self.words(i)[0]:
            return []
        return [m for m in self.source.metrics if m.values and m.unit == other and "班" not in m.label]

    def share_hit(self, i: int) -> Link | None:
        """公办幼儿园在园人数占比为58.26%: one metric's value as a share of another's, the part named by the words."""
        f = self.doc.figures[i]
        if f.unit != "%":
            return None
        near, sent = self.words(i)
        if not SHARE_WORDS.search(near + sent[-20:]):
            return None
        year = self.claim_year(i) or self.source.report.period
        counts = [
            m
            for m in self.source.metrics
            if m.unit not in ("%", "个百分点") and year in m.values and m.values[year] > 0
        ]
        named = self.labels.evidence_named([m.key for m in counts], near, sent)  # None: no bigram shared
        before = self._counted_before(i)
        parts = [
            m for m in counts if (e := named[m.key]) is not None and e[0] >= WEAK_LABEL or m.key in before
        ]
        found = [
            (p, w)
            for p in parts
            for w in counts
            if w is not p
            and same_family(p.unit, w.unit)
            and convert(p.values[year], p.unit, w.unit) < w.values[year]
            and self._quotient_fits(i, (p, w), year, 100)
        ]
        return _quotient_link(found, "share", "{}占{}的比例", year)

    def _counted_before(self, i: int) -> set[str]:
        """还剩余32个大班额班级（其中…新增1个…），占班级比例8.6%: a share with no part named in its own words is of
        the count stated before it (outside brackets)."""
        lead = self.doc.lead(i)
        if not re.search(r"(?:^|[，,])(?:占|所占)[^，,、]*$", lead):
            return set()
        for j in reversed(self.doc.in_sentence(i)):
            between = self.doc.text[self.doc.figures[j].end : self.doc.figures[i].start]
            if between.count("）") > between.count("（"):
                continue  # inside a bracket: 其中…新增1个
            link = self.links.get(j)
            return {link.key} if link is not None and link.status == "verified" and link.key else set()
        return set()

    def ratio_hit(self, i: int) -> Link | None:
        """小学生师比为18.25: students per teacher of one level (a number with no unit after 生师比, or in a table
        column 学生与专任教师比)."""
        if self.doc.figures[i].unit or not self._may_name_ratio(i):
            return None
        near, sent = self.words(i)
        if not (RATIO_WORDS.search(self.doc.lead(i)[-8:]) or RATIO_WORDS.search(near.split("|")[0])):
            return None
        near, sent = RATIO_WORDS.sub("", near), RATIO_WORDS.sub("", sent)  # 学生与专任教师比 names both
        year = self.claim_year(i) or self.source.report.period
        students = self._said_counts(year, near, sent, _of_students)
        teachers = self._said_counts(
            year, near, sent, lambda m: family(m.unit) == "人" and "专任教师" in m.label
        )
        found = [(s, t) for s in students for t in teachers if self._quotient_fits(i, (s, t), year)]
        return _quotient_link(found, "ratio", "{}÷{}", year)

    def _said_counts(self, year: int, near: str, sent: str, kind: Callable[[Metric], bool]) -> list[Metric]:
        """The metrics of a kind (students, teachers, schools) with a value above 0 for the year, of no other level or
        kind than the words name: the two sides of a quotient (ratio_hit, school_size_hit)."""
        return [
            m
            for m in self.source.metrics
            if year in m.values
            and m.values[year] > 0
            and kind(m)
            and not self.labels.conflicts(m.key, near, sent)
        ]

    def said_per_school(self, i: int) -> bool:
        """A count of people said as students per school (校均在校生规模由上年的344人增加到398人: the words are said
        once, before the first of the two)."""
        found = self._per_school.get(i)  # candidates and school_size_hit both ask
        if found is None:
            found = self._per_school[i] = family(self.doc.figures[i].unit) == "人" and bool(
                SCHOOL_SIZE_WORDS.search(self.words(i)[1].split("|", 1)[0][-30:])
            )
        return found

    def school_size_hit(self, i: int) -> Link | None:
        """校均在校生规模由上年的344人增加到398人: students per school of the level the words name (小学在校生 ÷ 小学
        学校数), for the year the figure is of."""
        if not self.said_per_school(i):
            return None
        near, sent = (SCHOOL_SIZE_WORDS.sub("", w) for w in self.words(i))
        year = self.claim_year(i) or self.source.report.period
        students = self._said_counts(year, near, sent, _of_students)
        schools = self._said_counts(year, near, sent, lambda m: m.unit == "所")
        found = [(a, b) for a in students for b in schools if self._quotient_fits(i, (a, b), year)]
        return _quotient_link(found, "per_school", "{}÷{}", year)

    def _may_name_ratio(self, i: int) -> bool:
        """A cheap first cut before ratio_hit works out the words of a figure of no unit: every word of RATIO_WORDS
        holds 师 and 比, and the words are taken from the text up to the figure, from the start of its sentence
        or of that of the first figure listed with it (a table cell's are its row and column headings)."""
        if i in self.doc.cells:
            return True
        text, end = self.doc.text, self.doc.figures[i].start
        start, _ = self.doc.sentence(self.doc.figures[self.doc.run_of(i)[0]].start)
        return text.find("比", start, end) >= 0 and text.find("师", start, end) >= 0

    def _quotient_fits(self, i: int, pair: tuple[Metric, Metric], year: int, scale: float = 1) -> bool:
        """The figure is a/b (× scale), each value standing for anything it rounds from (24.47万所 / 29.48万所
        gives 83.00% as printed, though 24.47 / 29.48 is 83.006%)."""
        a, b = (_rounded(m.values[year], m.unit) for m in pair)
        if b[0] <= 0:
            return False
        exact = a[0] / b[1] * scale, a[1] / b[0] * scale
        f = self.doc.figures[i]
        mid = to_base(pair[0].values[year], pair[0].unit)[0] / to_base(pair[1].values[year], pair[1].unit)[0]
        half = 0.5 * 10.0**-f.decimals
        return self.fits(i, mid * scale) or exact[0] <= f.value + half and f.value - half <= exact[1]

    def target_hit(self, i: int) -> Link | None:
        f = self.doc.figures[i]
        for m in self.with_targets(i):
            if (
                m.target
                and self.fits(i, convert(m.target.value, m.unit, f.unit))
                and (self.label_score(m.key, *self.words(i)) >= 0.35 or self._standard_of_value_before(i, m))
            ):
                return Link("verified", f"{m.key}.target", message=f"{m.label}的标准")
        return None

    def _standard_of_value_before(self, i: int, m: Metric) -> bool:
        """有29所中小学投入使用，也已超额完成年度26所的目标任务: a figure said as a plan (目标, 任务 or 计划 right after
        it) is the standard of the metric the value right before it in its sentence was tied to."""
        plan = PLAN_AFTER.match(self.doc.text, self.doc.figures[i].end)
        return plan is not None and m.key in self._stated_before(i)

    def _other_target_said(self, i: int, ref: str) -> bool:
        """双牌县何家洞镇中心小学建设，规划投资总额160万元 where 160 is in 麻江镇学校's 考核任务: the statement says what sets
        another metric with a standard apart from the one whose standard's words hold the number, and nothing of it."""
        if not ref.endswith(".target.label"):
            return False
        m = self.source.metric(ref.removesuffix(".target.label"))
        sent = self.words(i)[1]
        return m is not None and any(
            told_apart(sent, r, m) for r in self.source.metrics if r.target is not None and r.key != m.key
        )

    def fact_hit(self, i: int) -> Link | None:
        """A number of the metrics file's own sentences, said with the same words around it."""
        f, text = self.doc.figures[i], self.doc.text
        for g, ref, words, after in self._facts.within(self.sizes(i)):
            if self.fits(i, convert(g.value, g.unit, f.unit)) and not self._other_target_said(i, ref):
                around = bigrams(text[max(0, f.start - 10) : f.start] + "|" + text[f.end : f.end + 10])
                grams = bigrams(words)
                if not grams or len(grams & around) / len(grams) >= 0.4 or self._same_thing(i, g, after):
                    return Link("verified", ref, message="来源文件中的陈述 / stated in the metrics file")
        return None

    def _same_thing(self, i: int, g: Figure, after: str) -> bool:
        """辐射5个社区 where the file's sentence says 辐射复兴楼、建国楼等5个社区: a count of the same things (`THING`)
        as the sentence's, the noun right after both."""
        f = self.doc.figures[i]
        said = THING_AFTER.match(self.doc.text, f.end)
        return f.unit == g.unit and said is not None and after.startswith(said.group(1))


PLAN_AFTER = re.compile(r"的?(?:年度|全年)?(?:目标|任务|计划)")


def _of_students(m: Metric) -> bool:
    return family(m.unit) == "人" and bool(re.search(r"在校|学生", m.label))


def _quotient_link(found: list[tuple[Metric, Metric]], formula: str, said: str, year: int) -> Link | None:
    """The figure derived as `formula` of the one pair of metrics found (none when several or no pair fit);
    `said` names the pair by its two labels."""
    if len(found) != 1:
        return None
    a, b = found[0]
    return Link(
        "derived",
        f"{formula}({a.key},{b.key},{year})",
        message=said.format(a.label, b.label),
        key=f"{a.key}|{b.key}",
        year=year,
    )


def _rounded(value: float, unit: str) -> tuple[float, float]:
    """What a source value may stand for, in its unit family's base unit: ± half a unit of its last shown
    digit (a whole count of 人/所 is exact)."""
    digits = shown_decimals(value)
    half = 0.5 * 10.0**-digits if digits or unit not in EXACT_COUNTS else 0.0
    return to_base(value - half, unit)[0], to_base(value + half, unit)[0]


def _input_key(ref: str) -> str:
    """The metric key of a derivation input: tuition@2023 -> tuition, tuition.target@2023 -> tuition."""
    return ref.split("@")[0].removesuffix(".target")


def fact_figures(source: SourceData) -> list[tuple[Figure, str, str, str]]:
    """Numbers stated in the metrics file's own sentences: facts, rectification, problems, plans, experiences;
    each with its reference, the words around it and the words right after it."""
    groups = [(f"facts.{ind}", statements) for ind, statements in source.facts.items()]
    groups += [
        (name, getattr(source, name)) for name in ("rectification", "problems", "plans", "experiences")
    ]
    groups += [
        (f"{m.key}.target.label", (m.target.label,)) for m in source.metrics if m.target and m.target.label
    ]
    out = []
    for prefix, statements in groups:
        for k, statement in enumerate(statements):
            for g in find_figures(statement):
                if not g.ignored:
                    ref = prefix if prefix.endswith(".label") else f"{prefix}[{k}]"
                    after = statement[g.end : g.end + 10]
                    out.append((g, ref, statement[max(0, g.start - 10) : g.start] + after, after))
    return out
