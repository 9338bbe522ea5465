"""Which metric the words around a figure name: the figure's words, scored against every metric's label.

A metric is named by its label or a taxonomy synonym; each is compared with the words as idf-weighted
character bigrams, so rare bigrams (入园, 巩固) count for more than common ones (教育, 生均).
"""

from __future__ import annotations

import bisect
import math
import operator
import re
import threading
from collections import Counter
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path

from drafter.checker.reading import Reading
from drafter.checker.text import normalize
from drafter.checker.words import LEVEL_MADE_OF, PLACE, THING, THING_KIND, other_places
from drafter.core.config import Settings
from drafter.core.errors import DrafterError
from drafter.core.taxonomy import load_taxonomy
from drafter.core.types import Metric, SourceData

NOT_CHINESE = re.compile(r"[^\u4e00-\u9fff]")
LABEL_MIN = 0.5  # share of a label's (idf-weighted) bigrams the nearby words must contain
RIVAL_MARGIN = 2.5  # idf mass by which another named metric must beat the value's own metric
BARE_CHANGE = re.compile(
    r"\s*(?:较上年|比上年|同比|比\d{4}\s?年)?\s*(?:增长|增加|提高|下降|减少|降低|上升|提升)(?:了|为|达)?\s*"
)
BARE_BASE = re.compile(r"(?:比|较|与)(?:上年|上一年|去年|\d{4}年)(?:同期|同口径)?(?:的|为)?")
# 启动8个新建项目，计划投资1867.42万元: an amount's clause that names no subject of its own
BARE_AMOUNT = re.compile(
    r"\s*(?:计划|实际|完成|累计|总|共)?(?:投资|投入|资金|金额|经费|支出){1,2}(?:总额|额)?(?:为|达|达到|共|计)?\s*"
)
# 课桌凳47.11万套，价值5691万元: the worth of the things the clause before counts
BARE_WORTH = re.compile(r"\s*(?:总)?价值(?:为|达|约)?\s*")
# 大班额5282个，占1.53%: a share named by the count before it (its clause) and 占比
BARE_SHARE = re.compile(r"\s*(?:占比|占)(?:为|是|达到|达)?\s*")
BARE_TO = re.compile(r"\s*(?:增加|增长|提高|提升|上升|下降|减少|降低|扩大|缩小)了?(?:到|至)\s*")
SPENT_ON = re.compile(r"\s*(?:专项)?(?:用于|用来)[^，,。；;]{2,30}")
PURPOSE = re.compile(r"\s*[，,]\s*(?:专项)?(?:用于|用来|为)([^，,。；;]{2,24})")
CLAUSE_SEP = r"[，,：:]"


# what a count counts, and at which level: a metric is named only by words of its own kind and level
KINDS = (
    ("招生", "新生", "录取", "招收"),
    ("在校", "在园", "在籍", "在读", "在校生", "学生"),
    ("毕业",),
    ("教职工",),
    ("专任教师",),
    ("教学点",),
    ("公用经费",),
    ("事业费",),
    ("基建",),
    ("校舍", "建筑面积"),
    ("总投入", "总收入"),
    ("财政性",),
    ("一般公共预算",),
    ("班额",),  # the size of a class or of a school (班额不超过56人), not a count of its level's pupils
    ("校额",),
    ("新建", "改扩建", "新改扩建", "建成", "新增", "竣工"),  # BUILT: what was built or added
)
BUILT = len(KINDS) - 1
TO_PHRASE = re.compile(r"(?:增长|增加|提高|提升|下降|减少|降低)(?:到|至)")
CHANGE_WORDS = ("增长", "增加", "增幅", "提高", "提升", "下降", "减少", "降低", "降幅")
LEVELS = (
    ("幼儿园", "学前", "幼儿", "在园"),
    ("中小学",),
    ("小学",),
    ("初中", "初级中学"),
    ("高中", "普通高中", "普高"),
    ("高中阶段", "高中段"),
    (
        "中职",
        "中等职业",
        "职业中等",
        "职业中学",
        "职业高中",
        "职业技术学校",
        "职校",
        "职教",
        "中专",
        "中等专业",
    ),
    ("普通中学",),  # 初中 and 高中 together (a yearbook's 普通中学毕业生), not 普通中专
    ("技工",),
    ("特殊教育", "特教", "残疾", "特殊学校"),
    ("公办",),
    ("民办",),
    ("城区", "县城", "城镇"),
    ("乡镇", "农村", "乡村"),
    ("高校", "高等学校", "高等教育", "本科", "专科", "高职", "高等", "研究生", "博士", "硕士"),
    ("义务教育",),
)


_LEVEL_INDEX = {group[0]: k for k, group in enumerate(LEVELS)}
_LEVEL_PARTS = {  # a level and the levels it is made of
    _LEVEL_INDEX[whole]: frozenset(_LEVEL_INDEX[p] for p in parts) for whole, parts in LEVEL_MADE_OF.items()
}
_QUALIFIERS = frozenset(_LEVEL_INDEX[w] for w in ("公办", "民办", "城区", "乡镇"))
ALL_LEVELS = "各级各类"  # a label of every level together: no figure of one level is its value
GLUED_ZHONG = re.compile(r"(人口|之)中(?=小学)")  # 每万人口中小学: 中 is no part of 中小学
_LEVEL_WORDS = re.compile(
    "|".join(sorted((re.escape(w) for group in LEVELS for w in group), key=len, reverse=True)) + "|其中|的"
)


@lru_cache(maxsize=65536)
def levels_of(words: str) -> frozenset[str]:
    """The levels the words name, each by its group's first word (普通高中 → 高中, 职业中等专业学校 → 中职)."""
    return frozenset(LEVELS[k][0] for k in _levels_named(words))


def kinds_of(words: str) -> frozenset[str]:
    """What the words count, each kind by its group's first word (在校生 → 在校, 专任教师 → 专任教师)."""
    return frozenset(KINDS[k][0] for k in _kinds_named(words))


def names_a_level(words: str) -> bool:
    """`levels_of(words)` is not empty, found by one search: no set of the levels built, none kept (the words
    before each figure are looked at once)."""
    return _LEVEL_TERMS.search(_unglued(words)) is not None


def _terms(table: tuple[tuple[str, ...], ...]) -> tuple[re.Pattern[str], dict[str, int]]:
    """A pattern finding the words of `table`, longest first (中小学 is not 小学, 普通高中 not 高中), and the
    group of each word."""
    group_of = {w: k for k, group in enumerate(table) for w in group}
    return re.compile("|".join(sorted(map(re.escape, group_of), key=len, reverse=True))), group_of


_KIND_TERMS, _KIND_OF = _terms(KINDS)
_ADMITTED, _ENROLLED = _KIND_OF["招生"], _KIND_OF["在校"]
_ENROLLED_SAID = re.compile(r"在校|在园|在籍|在读")
_TAKEN_IN = re.compile(r"(?:招收|招录|录取)了?[^，,。；;、\d后]{0,12}学生")  # 招收各种形式的特殊教育学生
_LEVEL_TERMS, _LEVEL_OF = _terms(LEVELS)


@lru_cache(maxsize=65536)
def _kinds_named(words: str) -> frozenset[int]:
    """The groups of KINDS the words name (one cache per table: a key holds the words alone). 学生 beside 招生/招收
    are those taken in, not those enrolled (招收各种形式的特殊教育学生86人 is no count of 特殊教育在校生)."""
    found = _groups(words, _KIND_TERMS, _KIND_OF)
    if _ENROLLED in found and _TAKEN_IN.search(words) and not _ENROLLED_SAID.search(words):
        return found - {_ENROLLED}
    return found


@lru_cache(maxsize=65536)
def _levels_named(words: str) -> frozenset[int]:
    """The groups of LEVELS the words name."""
    return _groups(words, _LEVEL_TERMS, _LEVEL_OF)


def _unglued(words: str) -> str:
    """The words with a 中 that ends another word set apart: 其中小学 and 每万人口中小学 name 小学, not 中小学."""
    words = words.replace("其中", "其，")
    return (
        GLUED_ZHONG.sub("\\1，", words) if "中小学" in words else words
    )  # the search only where it can match


def _groups(words: str, terms: re.Pattern[str], group_of: dict[str, int]) -> frozenset[int]:
    """The groups whose words `terms` finds in the words; 其中小学 is 小学 (the 中 of 其中 starts no term)."""
    return frozenset(map(group_of.__getitem__, terms.findall(_unglued(words))))


@lru_cache(maxsize=8192)
def _speaks_of_change(near: str) -> bool:
    clause = TO_PHRASE.sub("", near.split("|", 1)[0])  # 由上年的X增加到Y: Y is a level
    return any(w in clause for w in CHANGE_WORDS)


def _no_digit(grams: Iterable[str]) -> set[str]:
    return {g for g in grams if not (g[0].isdigit() or g[1].isdigit())}


@lru_cache(maxsize=8192)
def _gram_set(text: str) -> frozenset[str]:
    return frozenset(map(operator.add, text, text[1:]))  # each character and the next, joined in C


@lru_cache(maxsize=8192)
def _parts_of(said: frozenset[int], levels: frozenset[int]) -> bool:
    """Two or more levels said that are all parts of one of the label's levels: 其中小学114所、初中51所，总投资
    names 中小学's 总投资 by its parts, it does not name another level."""
    return len(said) >= 2 and any(said <= _LEVEL_PARTS.get(level, frozenset()) for level in levels)


def _level_free_grams(words: str) -> frozenset[str]:
    """The bigrams of the words once their level words are left out (part_score)."""
    return _gram_set(_LEVEL_WORDS.sub("|", words))


def bigrams(text: str) -> set[str]:
    return set(map(operator.add, text, text[1:]))


def chinese_bigrams(words: str) -> set[str]:
    """Each two Chinese characters in a row of the words (none across a digit, a mark or a gap)."""
    chinese = NOT_CHINESE.sub("|", words)
    return {b for b in map(operator.add, chinese, chinese[1:]) if "|" not in b}


@lru_cache(maxsize=4)
def _synonyms(path: str) -> dict[str, tuple[str, ...]]:
    try:
        tax = load_taxonomy(Path(path))
    except DrafterError:
        return {}
    return {m.key: (m.label, *m.synonyms) for ind in tax.indicators for m in ind.metrics}


def _taxonomy_path() -> str:
    return str(Settings.from_env().knowledge_dir / "taxonomy.yaml")


_NO_SPACE = re.compile(r"\s+")
CJK_SPACE = re.compile(r"(?<=[\u4e00-\u9fff）)])\s+(?=[\u4e00-\u9fff（(])")  # 普通高等学校 学校数: one name
NAME_AFTER = 4  # characters after a number a label starts with that make the number part of a name


# the place a metric's label opens with: 竹山县新增义务教育学位, 茅箭区改扩建武当路小学新增学位 (not 全市…, 本县…)
# (支持市属高校…: 市属, 市级, 县直, 区委 are no place's name)
LABEL_PLACE = re.compile(r"([\u4e00-\u9fff]{1,4}?(?:县|区|市|旗))(?=[\u4e00-\u9fff])(?![属级直委政])")
NO_PLACE = "全本各该我市县区"  # 全市, 本县, 各区 … are the report's own scope, not a place of its own


class PlacesSaid:
    """A metrics file of several places (茅箭区…, 张湾区…, 竹山县… of a city's list by county): a figure under one
    place's heading or words is no value of another place's metric. The place of a figure is the last of the
    labels' places the text names before it; a figure before any of them (a total of the places, the text's own
    scope) and a file of one place never rule a metric out."""

    def __init__(self, text: str, labels: dict[str, str]) -> None:
        self.of_key: dict[str, str] = {}
        for key, label in labels.items():
            m = LABEL_PLACE.match(label)
            if m and m.group(1)[0] not in NO_PLACE:
                self.of_key[key] = m.group(1)
        places = set(self.of_key.values())
        # 崇明(3.93%) for 崇明区: a place is said by its name without 区/县 too, when two characters are left
        names = {p: p for p in places} | {p[:-1]: p for p in places if len(p) >= 3}
        names |= {p[:-2]: p for p in places if p.endswith("新区") and len(p) >= 4}  # 浦东(2.01%) for 浦东新区
        pattern = "|".join(map(re.escape, sorted(names, key=len, reverse=True)))
        said = re.compile(pattern).finditer(text) if len(places) >= 2 else ()
        self._said = [(m.start(), names[m.group(0)]) for m in said]
        self._starts = [start for start, _ in self._said]

    def elsewhere(self, key: str, offset: int) -> bool:
        """The metric is of a place, and the text named another of the labels' places last before `offset`."""
        place = self.of_key.get(key)
        if place is None or not self._said:
            return False
        k = bisect.bisect_right(self._starts, offset) - 1
        return k >= 0 and self._said[k][1] != place


_KEPT = threading.local()  # Labels.of: the labels of the data last checked against, per thread


class Labels:
    """Every metric's label terms with their bigram weights, and how much of them some words contain."""

    @classmethod
    def of(cls, source: SourceData) -> Labels:
        """The labels of `source`, kept for the next text checked against the same data in this thread: what they
        keep per words (evidence, masses, part scores) holds for any text, and the parts of a long text and the
        files of a folder are said alike."""
        kept = getattr(_KEPT, "labels", None)
        if kept is None or kept.source is not source or kept.taxonomy != _taxonomy_path():
            kept = _KEPT.labels = cls(source)  # (another taxonomy names the metrics with other synonyms)
        return kept

    def __init__(self, source: SourceData) -> None:
        self.source = source
        self.taxonomy = _taxonomy_path()
        synonyms = _synonyms(self.taxonomy) if Path(self.taxonomy).exists() else {}
        self.terms = {
            m.key: variants(
                tuple(  # (按在校生人数平均的 as 生均, as in the words: figure_words)
                    _PER_STUDENT_LONG.sub("生均", CJK_SPACE.sub("", normalize(t).norm))
                    for t in (m.label, *synonyms.get(m.key, ()))
                )
            )
            for m in source.metrics
        }
        df = Counter(bg for terms in self.terms.values() for bg in set().union(*map(bigrams, terms)))
        self.idf = {bg: math.log(1 + len(self.terms) / n) for bg, n in df.items()}
        self.grams = {key: [self._weights(t) for t in terms] for key, terms in self.terms.items()}
        self._kinds: dict[str, tuple[frozenset[int], frozenset[int]]] = {}
        self._said: dict[str, tuple[frozenset[int], frozenset[int]]] = {}
        self._masses: dict[tuple[str, frozenset[str], frozenset[str]], tuple[float, float, float]] = {}
        self._conflicting: dict[
            tuple[str, tuple[frozenset[int], ...]], bool
        ] = {}  # _conflicts, per key and words' say
        self._evidence: dict[tuple[str, str], dict[str, tuple[float, float, float]]] = {}  # per words, key
        self._part: dict[tuple[str, str, int], float] = {}
        self._said_head: dict[str, tuple[frozenset[int], frozenset[int]]] = {}
        self._levels_before: dict[str, frozenset[int]] = {}
        self._terms_scored: dict[
            str, list[tuple[tuple[tuple[str, float], ...], frozenset[str], float, float]]
        ] = {}
        self._parts: dict[str, list[tuple[dict[str, float], float, frozenset[int]]]] = {}
        self._numbered_terms = [
            t for terms in self.terms.values() for t in terms if re.search(r"[\d一二两三四五六七八九十]", t)
        ]
        self._numbered_joined = "\0".join(self._numbered_terms)
        self._by_gram: dict[str, set[str]] = {}
        for key, grams in self.grams.items():
            for weights, _ in grams:
                for g in weights:
                    self._by_gram.setdefault(g, set()).add(key)
        self._label_grams = frozenset(self._by_gram)
        self._key_grams = {
            key: frozenset().union(*(w for w, _ in grams)) for key, grams in self.grams.items()
        }
        self._change_keys = frozenset(
            key for key, terms in self.terms.items() if any(w in t for t in terms for w in CHANGE_WORDS)
        )

    def named_by(self, *words: str) -> set[str]:
        """The keys whose label shares at least one bigram with the words (the others score 0)."""
        # frozenset & frozenset walks the smaller one: the words' bigrams, not every label bigram
        shared = [self._by_gram[g] for text in words for g in _gram_set(text) & self._label_grams]
        return set().union(*shared)

    def _weights(self, term: str) -> tuple[dict[str, float], float]:
        pairs = (
            term[k : k + 2] for k in range(len(term) - 1)
        )  # in the term's order: a set's order varies by run
        weights = {g: self.idf.get(g, 1.0) for g in pairs}
        return weights, (sum(weights.values()) or 1.0)

    def score(self, key: str, near: str, sentence: str) -> float:
        """Share (0–1) of metric `key`'s label the words name: the near words count most."""
        return self.evidence(key, near, sentence)[0]

    def conflicts(self, key: str, near: str, sentence: str = "") -> bool:
        """The words name another kind of count (招生 for 在校生, 教职工 for 专任教师) or another level than the
        metric's label: 幼儿专任教师 is not 专任教师 as a whole, 其中专任教师 (no level) is not 初中专任教师; with no
        level in the words, the level of their statement counts (小学共有教职工3269人，专任教师3150人)."""
        return self._conflicts(key, self._said_around(near, sentence))

    def _said_around(self, near: str, sentence: str) -> tuple[frozenset[int], frozenset[int], frozenset[int]]:
        """The kinds and the levels the near words name, and the levels a label of some level is held against:
        the near words', else those of their statement. Looked up once for every metric held against them."""
        kinds, levels = self.said(near)
        return kinds, levels, levels or self._said_before(sentence)[1]

    def _conflicts(self, key: str, said: tuple[frozenset[int], frozenset[int], frozenset[int]]) -> bool:
        """`conflicts` with the words' `_said_around`, kept per key and what the words say (a few kinds and levels
        said over and over, held against the same metrics)."""
        found = self._conflicting.get((key, said))
        if found is None:
            found = self._conflicting[key, said] = self._conflict(key, said)
        return found

    def _conflict(self, key: str, said: tuple[frozenset[int], frozenset[int], frozenset[int]]) -> bool:
        kinds, levels = self.label_groups(key)
        said_kinds, said_levels, levels_or_statement = said
        if BUILT in said_kinds:
            if BUILT not in kinds:
                return True  # 新建改扩建公办幼儿园6所 is no count of all 幼儿园
            kinds, said_kinds = kinds - {BUILT}, said_kinds - {BUILT}
        elif BUILT in kinds:
            kinds = kinds - {BUILT}
        if kinds and said_kinds and not kinds & said_kinds:
            return True
        if (said_levels & _QUALIFIERS) - levels:
            return True  # 其中公办幼儿园52所 is a part of 幼儿园 as a whole, not all of it
        if ALL_LEVELS in "".join(self.terms.get(key, ())) and levels_or_statement - _QUALIFIERS - levels:
            return True  # 小学…在校生60766人 is not 在校生（各级各类）
        if levels:  # a level-specific label needs its level in the words or their statement
            said_levels = levels_or_statement
            if not said_levels and not self._label_levels(key):
                return False  # 全市新改扩建学校10所: only a synonym of the key names a level, the data's label none
        return levels != said_levels and not levels & said_levels

    def _label_levels(self, key: str) -> frozenset[int]:
        """The levels the data's own label names (not its key's synonyms)."""
        m = self.source.metric(key)
        return _levels_named(CJK_SPACE.sub("", normalize(m.label).norm)) if m is not None else frozenset()

    def label_groups(self, key: str) -> tuple[frozenset[int], frozenset[int]]:
        """The kinds and levels the metric's label names."""
        if key not in self._kinds:
            terms = "".join(self.terms.get(key, ()))
            self._kinds[key] = (_kinds_named(terms), _levels_named(terms))
        return self._kinds[key]

    def said(self, near: str) -> tuple[frozenset[int], frozenset[int]]:
        """The kinds and levels the words name, kept: every metric is held against the same words."""
        if near not in self._said:
            self._said[near] = (_kinds_named(near), _levels_named(near))
        return self._said[near]

    def _said_before(self, sentence: str) -> tuple[frozenset[int], frozenset[int]]:
        """`said` of a figure's statement words up to the figure, kept per statement words (a figure's are held
        against every metric)."""
        found = self._said_head.get(sentence)
        if found is None:
            head = sentence.split("|", 1)[0]
            item = self.said(list_item(head))  # the item of a ；-list the figure is in, when it names a level
            found = self._said_head[sentence] = item if item[1] and "；" in head else self.said(head)
        return found

    def kinds_of(self, near: str, sentence: str) -> frozenset[int]:
        """What the words count (招生, 在校生, 专任教师 …): the near words, else their statement."""
        return _kinds_named(near) or _kinds_named(sentence.split("|", 1)[0])

    def kinds_in(self, words: str) -> frozenset[int]:
        """What the words themselves count, with no statement around them."""
        return _kinds_named(words)

    def kinds_of_key(self, key: str) -> frozenset[int]:
        return self.label_groups(key)[0]

    def clashes(self, key: str, near: str) -> bool:
        """The figure's own words name a kind or level the metric's label does not have (中职 vs 初中)."""
        kinds, levels = self.label_groups(key)
        said_kinds, said_levels = self.said(near)
        return bool(
            kinds
            and said_kinds
            and not kinds & said_kinds
            or levels
            and said_levels
            and not levels & said_levels
            and not _parts_of(said_levels, levels)
        )

    def part_score(self, key: str, near: str, min_grams: int = 1) -> float:
        """Share (0–1) of the label the words name once the label's levels are left out: 随迁子女在校生 names
        在小学就读的随迁子女 as a part of their total, 仪器设备值 names 初中仪器设备值. A label term whose rest is
        fewer than `min_grams` bigrams names nothing. Kept per words, as `evidence` is."""
        if (key, near, min_grams) not in self._part:
            self._part[key, near, min_grams] = self._part_score(key, near, min_grams)
        return self._part[key, near, min_grams]

    def _part_score(self, key: str, near: str, min_grams: int) -> float:
        near_grams = _level_free_grams(near)
        best = 0.0
        for weights, total, levels in self._part_terms(key):
            if 0 < len(weights) < min_grams:
                continue  # 中职学生 is more than 学生
            if total:
                best = max(best, sum(w for g, w in weights.items() if g in near_grams) / total)
            elif levels & _levels_named(near):  # 公办幼儿园幼儿: levels only, one of them said
                best = 1.0
        return best

    def _part_terms(self, key: str) -> list[tuple[dict[str, float], float, frozenset[int]]]:
        """Each label term's bigram weights once its levels are left out, their sum and the term's levels."""
        if key not in self._parts:
            self._parts[key] = []
            for term in self.terms.get(key, ()):
                weights = {
                    g: self.idf.get(g, 1.0) for g in bigrams(_LEVEL_WORDS.sub("|", term)) if "|" not in g
                }
                self._parts[key].append((weights, sum(weights.values()), _levels_named(term)))
        return self._parts[key]

    def said_otherwise(self, key: str, near: str, sentence: str) -> bool | None:
        """True when the words (else their statement) name a level or a kind of count and the label has
        another one; False when they name the label's own; None when they name neither."""
        kinds, levels = self.label_groups(key)
        head = sentence.split("|", 1)[0]
        item = list_item(head)
        said_kinds = _kinds_named(near) or _kinds_named(item) or _kinds_named(head)
        said_levels = _levels_named(near) or _levels_named(item) or _levels_named(head)
        verdicts = [
            not own & said for own, said in ((kinds, said_kinds), (levels, said_levels)) if own and said
        ]
        return any(verdicts) if verdicts else None

    def levels_before(self, words: str) -> frozenset[int]:
        """The levels the words name before the figure (before their |), kept per words: every metric is held
        against the same words."""
        found = self._levels_before.get(words)
        if found is None:
            found = self._levels_before[words] = _levels_named(words.split("|", 1)[0])
        return found

    def levels_unsaid(self, key: str, near: str) -> bool:
        """The words name a level of the label but not all of them: 全县在园幼儿 for 民办幼儿园在园幼儿."""
        levels = self.label_groups(key)[1]
        said = self.levels_before(near)
        return bool(levels & said) and not levels <= said

    def within_levels_said(self, key: str, near: str) -> bool:
        """The label's levels are among those the words name or make up (高中阶段 holds 普通高中 and 中职, not
        特殊教育); True when either names none."""
        levels = self.label_groups(key)[1] - _QUALIFIERS  # 公办/民办/城区/乡镇 cut across the stages
        said = self.levels_before(near) - _QUALIFIERS
        if not levels or not said:
            return True
        wholes = [_LEVEL_PARTS[g] | {g} for g in said if g in _LEVEL_PARTS]
        if len(wholes) >= 2:  # 义务教育中小学: the 中小学 of 义务教育, not 普通高中
            return levels <= (said - set(_LEVEL_PARTS)) | frozenset.intersection(*wholes)
        return levels <= said.union(*(_LEVEL_PARTS.get(g, frozenset()) for g in said))

    def of_a_level_named(self, key: str, near: str) -> bool:
        """The words name the metric's level or a level it is part of: 义务教育阶段学校 holds 普通小学 and 普通初中,
        中等职业教育学校 holds 成人中等专业学校, 普通高等学校 本科院校."""
        levels = self.label_groups(key)[1]
        said = self.levels_before(near)
        return bool(levels) and any(levels <= _LEVEL_PARTS.get(g, frozenset()) | {g} for g in said)

    def names_a_change(self, key: str, near: str) -> bool:
        """The words speak of a change (增长幅度超过30%) of a metric whose label is a level."""
        return self.speaks_of_change(near) and self.is_level(key)

    def speaks_of_change(self, near: str) -> bool:
        """The words speak of a change (增长幅度超过30%), not of a level (由上年的X增加到Y)."""
        return _speaks_of_change(near)

    def is_level(self, key: str) -> bool:
        """No term of the metric's label has a change word: the label names a level, not a change."""
        return key not in self._change_keys

    def evidence(self, key: str, near: str, sentence: str) -> tuple[float, float, float]:
        """`_evidence_of`, kept per words: a figure's words are held against a metric more than once."""
        return self.evidence_all((key,), near, sentence)[key]

    def evidence_all(
        self, keys: Iterable[str], near: str, sentence: str
    ) -> dict[str, tuple[float, float, float]]:
        """`evidence` of each key for the same words, the words looked up once (a figure is held against every
        metric its words name)."""
        kept = self._evidence.get((near, sentence))
        if kept is None:
            kept = self._evidence[near, sentence] = {}
        todo = [key for key in keys if key not in kept]
        if todo:  # what the words say and their bigrams, looked up once for all the keys
            said, word_grams = self._said_around(near, sentence), (_gram_set(near), _gram_set(sentence))
            for key in todo:
                kept[key] = self._evidence_of(key, said, word_grams)
        return kept

    def evidence_named(
        self, keys: Iterable[str], near: str, sentence: str
    ) -> dict[str, tuple[float, float, float] | None]:
        """`evidence` of each key, None for a key whose label shares no bigram with the words (those `named_by`
        leaves out: each key's bigrams held against the words', no pass over every bigram of the words), in one
        pass over the keys: a figure is held against every metric of its unit."""
        kept = self._evidence.get((near, sentence))
        if kept is None:
            kept = self._evidence[near, sentence] = {}
        word_grams = near_grams, sentence_grams = _gram_set(near), _gram_set(sentence)
        said = None  # what the words say, looked up for the first key named
        out: dict[str, tuple[float, float, float] | None] = {}
        for key in keys:
            grams = self._key_grams[key]
            if grams.isdisjoint(near_grams) and grams.isdisjoint(sentence_grams):
                out[key] = None
                continue
            found = kept.get(key)
            if found is None:
                said = said or self._said_around(near, sentence)
                found = kept[key] = self._evidence_of(key, said, word_grams)
            out[key] = found
        return out

    def _evidence_of(
        self,
        key: str,
        said: tuple[frozenset[int], frozenset[int], frozenset[int]],
        word_grams: tuple[frozenset[str], frozenset[str]],
    ) -> tuple[float, float, float]:
        """(coverage, mass, near mass): how much of a label term the words contain, and its idf weight.

        Coverage decides whether the words name the metric at all; mass ranks rivals, so
        "其中小学" under "一般公共预算教育支出" prefers 小学生均… over the shorter 教育支出.
        Terms of one or two bigrams (得分, 教育) count for less: they name nothing on their own.
        """
        if self._conflicts(key, said):
            return (0.0, 0.0, 0.0)
        # the label's bigrams the words hold are all that counts: kept per key and those (the same few bigrams of a
        # label are said around many figures, in words that differ otherwise)
        grams = self._key_grams[key]
        held = (key, grams & word_grams[0], grams & word_grams[1])
        found = self._masses.get(held)
        if found is None:
            found = self._masses[held] = self._masses_of(key, held[1], held[2])
        return found

    def _masses_of(
        self, key: str, near_grams: frozenset[str], sentence_grams: frozenset[str]
    ) -> tuple[float, float, float]:
        """`_evidence_of` for the label's bigrams the near words and the sentence words hold."""
        best = (0.0, 0.0, 0.0)
        for pairs, grams, total, share in self._term_grams(key):
            in_sentence = not grams.isdisjoint(sentence_grams)
            in_near = not grams.isdisjoint(near_grams)
            if not (in_sentence or in_near):
                continue  # a term the words share nothing with adds nothing
            # (a sum over no bigram is 0, as the sum over none of them would be)
            near_mass = sum([w for g, w in pairs if g in near_grams]) if in_near else 0
            sent_mass = max(
                near_mass, sum([w for g, w in pairs if g in sentence_grams]) if in_sentence else 0
            )
            mass = 0.6 * near_mass + 0.4 * sent_mass
            cover = mass / total * share
            best = (max(best[0], cover), max(best[1], mass), max(best[2], near_mass))
        return best

    def _term_grams(
        self, key: str
    ) -> list[tuple[tuple[tuple[str, float], ...], frozenset[str], float, float]]:
        """Each label term's (bigram, weight) pairs in order, its bigrams, their total weight and how much the
        term counts: a synonym of one or two bigrams counts for less (the label itself in full)."""
        if key not in self._terms_scored:
            self._terms_scored[key] = [
                (
                    tuple(weights.items()),
                    frozenset(weights),
                    total,
                    1.0 if n == 0 else min(1.0, len(weights) / 3),
                )
                for n, (weights, total) in enumerate(self.grams.get(key, ()))
            ]
        return self._terms_scored[key]

    def in_label(self, doc: Reading, i: int) -> bool:
        """The figure is part of a metric's name as printed (15项考核指标…总得分)."""
        f, text = doc.figures[i], doc.text
        if f.text not in self._numbered_joined:
            return False  # in no term: the terms need not be looked at one by one
        for term in self._numbered_terms:
            k = term.find(f.text)
            if k >= 0 and text[max(0, f.start - k) : f.start - k + len(term)] == term:
                return True
            if k == 0 and text.startswith(term[: len(f.text) + NAME_AFTER], f.start):
                return True  # the name's start: 24个县（市）、区政府 for the label 24个县（市）、区预算内…
        return False

    def contrasted(self, key: str, other: str, near: str) -> bool:
        """The words before the figure name what sets `key`'s label apart from `other`'s and nothing that sets
        `other`'s apart: 其中：中央资金…，省级资金 for 教育投入省级资金 against 教育投入中央资金."""
        own, rival = (
            _gram_set(_NO_SPACE.sub("", self.terms[k][0])) if self.terms.get(k) else frozenset()
            for k in (key, other)
        )  # 中等职业学校 在校学生数: the space is no word
        words = _gram_set(_NO_SPACE.sub("", near.split("|", 1)[0]))
        # (not by digits: 2011年续建 says nothing of 新建…(2008—2011年累计))
        return bool(words & (own - rival)) and not _no_digit(words & (rival - own))

    def spelled(self, near: str, key: str) -> bool:
        """The metric's own label stands verbatim right before the figure or is its whole noun after it."""
        clause, tail = near.split("|", 1)
        metric = self.source.metric(key)
        for term in variants((metric.label,)) if metric else ():
            if (
                re.search(re.escape(term) + r"(?:为|达到|达|有|共|是|由|从)?\s*$", clause)
                or tail.strip() == term
            ):
                return True
        return False


_PLACE_COUNTED = re.compile(rf"\s*({PLACE.pattern})")  # the noun right after 39个
_PLACE_HEAD = re.compile(rf"({PLACE.pattern})(?:数|数量)?(?:（个）|\(个\))?$")  # the noun a label ends in


def other_place(label: str, counted: str) -> bool:
    """A count of one kind of place (39个省份: `counted` is the text right after the figure) and a label that
    counts another kind (中部未通过认定的县): the count is not the label's. A label that ends in no place counts
    none, and words that name no place say nothing."""
    said, head = _PLACE_COUNTED.match(counted), _PLACE_HEAD.search(label)
    return bool(said and head) and other_places(said.group(1), head.group(1))


# the noun after 818所, to the clause end or the next count (6个考区26个考点: 考区 alone)
_THING_COUNTED = re.compile(rf"\s*({THING.pattern})[^，,。；;\d]*")
# the noun a label ends in, not the last of a list (教育督导覆盖的中小学校、幼儿园 counts both)
_THING_HEAD = re.compile(rf"(?<![、和及与])({THING.pattern})(?:数|数量|总数)?$")


def other_thing(label: str, counted: str) -> bool:
    """A count of one kind of institution or thing (818所高校, 53所托儿所, 87个社区: `counted` is the text right after
    the figure) and a label that counts another kind (中学, 幼儿园, 竣工项目): the count is not the label's. A label
    that ends in none of them (…学校, 项目校) or in a list of them counts none, and words that name none, or
    several kinds (738所中小学校、幼儿园), say nothing."""
    said, head = _THING_COUNTED.match(counted), _THING_HEAD.search(unbracketed(label))
    if not (said and head):
        return False
    kinds = {THING_KIND[w] for w in THING.findall(said.group(0))}
    return len(kinds) == 1 and THING_KIND[head.group(1)] not in kinds


# how far a building work had got: done, started, planned (建成寄宿制学校373所 is no count of 已开工寄宿制学校)
STAGES = (
    ("建成", "竣工", "完工", "交付使用", "投入使用", "已完成"),
    ("开工", "在建", "动工", "续建"),
    ("拟", "计划", "规划"),
)
_STAGE_OF = {w: n for n, words in enumerate(STAGES) for w in words}
_STAGE = re.compile("|".join(sorted(map(re.escape, _STAGE_OF), key=len, reverse=True)))


def other_stage(label: str, near: str) -> bool:
    """The figure's own words name one stage of a building work and the label another only."""
    said = {_STAGE_OF[w] for w in _STAGE.findall(near)}
    own = {_STAGE_OF[w] for w in _STAGE.findall(label)}
    return len(said) == 1 and bool(own) and not own & said


def list_item(words: str) -> str:
    """The item of a ；-list the words end in (…；义务教育阶段投入11.3亿元，惠及学生: the words from the last ；)."""
    return words.rsplit("；", 1)[-1]


def told_apart(context: str, best: Metric, m: Metric) -> bool:
    """4.宽城县第五小学，建设面积5600平方米 where 5600 is 丰宁县凤山中学建设面积: the statement says what sets best's
    label apart from m's (two bigrams or more of 宽城县第五小学) and nothing of what sets m's apart. Words of time
    tell nothing apart: 秋季学期…其中16个超大班额班级全部消除 is the 春季 count, gone by the autumn."""
    return _told_apart(context, best, m)


def told_apart_in_time(context: str, best: Metric, m: Metric) -> bool:
    """Two labels that differ in words of time alone, told apart by them: 其中春季学期资助19633人次，资助金额X for 春季
    against 秋季."""
    same = SEASON.sub("", best.label) == SEASON.sub("", m.label)
    return same and _told_apart(context, best, m, chinese_bigrams, 1)


def _told_apart(
    context: str, best: Metric, m: Metric, grams: Callable[[str], set[str]] | None = None, least: int = 2
) -> bool:
    grams = grams or _timeless_bigrams
    own, other = grams(best.label), grams(m.label)
    said = sum(g in context for g in own - other)
    return said >= least and not any(g in context for g in other - own)


def last_said(words: str, label: str, other: str) -> int:
    """Where the words last say what sets `label` apart from `other` (−1: nowhere)."""
    own = _timeless_bigrams(label) - _timeless_bigrams(other)
    return max((words.rfind(g) for g in own), default=-1)


def _timeless_bigrams(label: str) -> set[str]:
    return {g for g in chinese_bigrams(label) if not TIME_CHARS.intersection(g)}


TIME_CHARS = frozenset("年季期月")
# the words a label of one term says it by
SEASON = re.compile(r"[春夏秋冬]季(?:学期)?|[上下]半年|[上下]学期")


def other_class(words: str, m: Metric) -> bool:
    """超大班额 (66人以上) is not 大班额 (56人以上), though its name holds it."""
    return "班额" in words and ("超大班额" in words) != ("超大" in m.label or "super_large" in m.key)


def beats(rival: tuple, own: tuple) -> bool:
    """The near words name `rival` clearly better than the metric whose value the figure has."""
    _, _, cover, near = rival
    _, _, own_cover, own_near = own
    return near > own_near + RIVAL_MARGIN or (cover >= 0.95 and cover - own_cover >= 0.15 and near > own_near)


def variants(terms: tuple[str, ...]) -> tuple[str, ...]:
    """Each term as written and without its parenthesis/quotes: 学前教育（幼儿园）生均… -> 学前教育生均…"""
    out = (
        list(terms)
        + [re.sub(r"[（(][^）)]*[）)]", "", t) for t in terms]
        + [re.sub(r"[“”\"《》]", "", t) for t in terms]
    )
    return tuple(dict.fromkeys(t for t in out if len(t) >= 2))


# ---------------------------------------------------------------- the words that name a figure
# where the words after a figure stop
_TAIL_END = re.compile(r"[，,、；;（(共将已均为有是达在对把被与和及等]")
# 338个县（市、区）通过了国家义务教育基本均衡发展督导评估认定: the bracket is part of the places' noun, and the words
# after it are still the count's own
_PLACE_BRACKET = re.compile(r"^(\s*[省市县区])[（(][省市县区旗、]{1,8}[）)]")
_CLAUSE_SPLIT = re.compile(CLAUSE_SEP)
_BRACKETED = re.compile(r"[（(][^（()）]*[）)]")
_LIST_JOIN_END = re.compile(r"[、和及与]$")
_HAN_START = re.compile(r"[\u4e00-\u9fff]")
_FIGURE_ON = re.compile(r"\d.*")


# 。 二、 教育经费投入增长情况 绍兴市2023年…: a section heading run into the text before its first sentence (a page
# served as one line); its words (增长) are not the sentence's
_INLINE_HEADING = re.compile(r"^\s*[一二三四五六七八九十]+、\s*[\u4e00-\u9fff（）()]{2,24}?\s+(?=\S)")


# 按在校生人数平均的一般公共预算教育支出 is the 生均… of a label, in the long form the 公告 use
_PER_STUDENT_LONG = re.compile(r"按在校学?生人数平均的?")


def figure_words(doc: Reading, i: int, levels: dict[int, str] | None = None) -> tuple[str, str]:
    """(near words: the figure's clause and what follows it, sentence words before it). `levels`: the level words
    of the paragraph or section each statement stands in, kept per statement by the caller (`_statement_words`).
    按在校生人数平均的 is read as 生均."""
    near, sentence = _figure_words(doc, i, levels)
    if "人数平均" in sentence or "人数平均" in near:
        return _PER_STUDENT_LONG.sub("生均", near), _PER_STUDENT_LONG.sub("生均", sentence)
    return near, sentence


def _figure_words(doc: Reading, i: int, levels: dict[int, str] | None) -> tuple[str, str]:
    if i in doc.cells:  # a table cell: its row label and its column heading
        return doc.cells[i] + "|", doc.cells[i] + "|"
    f = doc.figures[i]
    s, e = doc.sentence(f.start)
    tail = _own_tail(doc.tail(i))
    # 投入1.55亿元用于消除城镇…大班额、建设寄宿制和小规模学校: the whole purpose, past a count in it (共下达2.3亿元
    # 用于57所学校的校舍改造)
    if (spent := SPENT_ON.match(doc.text, f.end, e)) is not None:
        tail = spent.group(0)
    item = enumerated(doc, i)
    if item:  # the sentence names every item of the list: only the figure's own item counts
        return item + "|" + tail, item + "|" + tail
    clause = _last_clause(doc.lead(i))
    if clause.startswith("、") and BARE_AMOUNT.fullmatch(clause, 1) and doc.in_sentence(i):
        # 舟溪中学建筑面积1910平方米、投资197万元: the amount of the thing whose area was just said
        clause = _last_clause(doc.text[s : f.start])
    if not clause and (before := doc.in_sentence(i)) and doc.figures[before[-1]].end == f.start:
        # 优秀贫困生奖励金61人次8.15万元: an amount right after the count it pairs with has the count's words
        clause = _last_clause(doc.lead(before[-1]))
    if not clause.strip("、和及与辖有共") and tail:  # 全县辖17所镇中心学校、7所县直学校: the noun follows
        if clause.strip("、和及与") and doc.in_sentence(i):
            # 小学147所，共4410人参加测试: what the statement counts (小学) is said before the count it follows
            return "|" + tail, _statement_words(doc, f.start, {} if levels is None else levels) + "|" + tail
        return "|" + tail, "|" + tail
    if _LIST_JOIN_END.search(clause) and _HAN_START.match(tail):
        return "|" + tail, "|" + tail  # 下辖11个设区市、100个县: the words before are the last figure's noun
    if _bare(clause):  # most clauses name their own subject: nothing to look past
        clause, tail = _named_before(doc, i, clause, tail)
    return clause + "|" + tail, _statement_words(doc, f.start, {} if levels is None else levels) + "|" + tail


@lru_cache(maxsize=65536)
def _own_tail(after: str) -> str:
    """The words right after a figure that are its own (to the first mark or verb, 16 characters at most), kept
    per text after it: the same words follow many figures."""
    place = _PLACE_BRACKET.match(after)  # ^-anchored: the one replacement a sub(count=1) would make
    if place is not None:
        after = place.group(1) + after[place.end() :]
    return _TAIL_END.split(after[:16], maxsplit=1)[0]


@lru_cache(maxsize=65536)
def _bare(clause: str) -> bool:
    """The clause is one of the bare shapes `_named_before` looks past (增加到, 价值, 投资, 占, 增长, 比上年的); kept
    per clause: most clauses are none of them, and the same clauses come back."""
    shapes = (BARE_TO, BARE_WORTH, BARE_AMOUNT, BARE_SHARE, BARE_CHANGE, BARE_BASE)
    return any(shape.fullmatch(clause) for shape in shapes)


def _named_before(doc: Reading, i: int, clause: str, tail: str) -> tuple[str, str]:
    """A bare clause (`_bare`) with the words before it that name what it says of, and the tail an amount's
    purpose may stand for."""
    f = doc.figures[i]
    s, _ = doc.sentence(f.start)
    clauses = _CLAUSE_SPLIT.split(
        unbracketed(doc.text[s : f.start])
    )  # the sentence's clauses up to the figure
    if BARE_TO.fullmatch(clause):  # 博士学位授予单位由8所增加到11所: the clause of the change names both
        clause = clauses[-1]
    if BARE_WORTH.fullmatch(clause) and (counted := _CLAUSE_SPLIT.split(doc.text[s : f.start])[-2:-1]):
        clause = (
            _FIGURE_ON.sub("", list_item(counted[0])) + "，" + clause
        )  # 课桌凳47.11万套: the things' words
    bare_amount = BARE_AMOUNT.fullmatch(clause) is not None
    if bare_amount and not tail.strip() and (purpose := PURPOSE.match(doc.text, f.end)):
        tail = purpose.group(1)  # 投入4220万元，为全市16所高中更新实验设备: what the amount was spent on
    if BARE_SHARE.fullmatch(clause) and f.unit == "%" and len(clauses) > 1:
        clause = (
            _FIGURE_ON.sub("", clauses[-2]) + "占比"
        )  # “大班额5282个，占1.53%”: the share of the count before
    if bare_amount or BARE_CHANGE.fullmatch(clause) or BARE_BASE.fullmatch(clause):
        if len(clauses) > 1:  # “，增长21.37%” / “，比上年的304276万元” / “，计划投资”: named before
            clause = clauses[-2] + "，" + clause
        if len(clauses) > 2 and bare_amount:  # 4.宽城县第五小学，建设面积…，投入资金
            clause = clauses[0] + "，" + clause
    return clause, tail


def _statement_words(doc: Reading, offset: int, levels: dict[int, str]) -> str:
    """The statement's words up to `offset`, after the level of the paragraph or section it stands in when they
    name none (——小学。校数129所…); that level kept in `levels` per statement start (every figure of the
    statement would look it up again)."""
    start = doc.context_start(offset)
    context = _INLINE_HEADING.sub(
        "", doc.text[start:offset]
    )  # 3、初中招生…；在校生人数255570人: the list's head counts
    if not names_a_level(context):  # ——小学。校数129所…: the level of the section it stands in
        if start not in levels:
            level = paragraph_level(doc, start)
            levels[start] = level + "。" if level else section_level(doc, start)
        context = levels[start] + context
    return context


@lru_cache(maxsize=65536)
def _last_clause(words: str) -> str:
    """The words after the last clause mark, closed brackets left out and a run-in section heading cut (kept per
    words: a figure's lead is most often a few words said before many figures)."""
    return _INLINE_HEADING.sub("", _CLAUSE_SPLIT.split(unbracketed(words))[-1])


def section_level(doc: Reading, offset: int) -> str:
    """The level words of the nearest section heading before `offset` ("" when it names no level)."""
    ends, heads = doc.section_heads
    k = bisect.bisect_right(ends, offset) - 1
    if k < 0:
        return ""
    words = heads[k]
    return words + "。" if _levels_named(words) else ""


def paragraph_level(
    doc: Reading, start: int, *, ignored: frozenset[str] = frozenset(), unbracket: bool = False
) -> str | None:
    """小学141所…。毕业生9587人…；在校生58449人: the one level the paragraph names before `start`, in its words as
    written (nearer than its section's heading, 三、义务教育); "" when it names several, None when it names none.
    `ignored`: levels not counted (stage_parts: 义务教育中小学30所 is about 义务教育, 中小学 being its schools);
    `unbracket`: words in closed brackets left out (stage_parts reads only what the paragraph says outright)."""
    before = doc.text[doc.paragraph(start)[0] : start]
    if unbracket:
        before = unbracketed(before)
    named = _levels_named(before) - {_LEVEL_INDEX[w] for w in ignored}
    if len(named) != 1:
        return "" if named else None
    return next(m.group(0) for m in _LEVEL_TERMS.finditer(_unglued(before)) if _LEVEL_OF[m.group(0)] in named)


def unbracketed(words: str) -> str:
    """The words without their closed brackets: 经费（包括事业费，基建经费和附加）为 -> 经费为."""
    return _BRACKETED.sub("", words)


def enumerated(doc: Reading, i: int) -> str:
    """学前教育、小学、初中、普通高中生均…为6.00%、7.14%…: the k-th item's words for the k-th figure."""
    run = doc.run_of(i)
    if len(run) < 2:
        return ""
    first = doc.figures[run[0]]
    s, _ = doc.sentence(first.start)
    head = re.split(r"[，,：:；]", doc.text[s : first.start])[-1]
    items = [re.sub(r"^.*\d{4}\s?年", "", x) for x in _split_outside_brackets(head, "、和及")]
    if len(items) != len(run) and "分别" in doc.text[s : first.start]:  # 小学，初中，普通高中…分别提高到
        before = doc.text[s : first.start].split("分别")[0]
        items = [
            re.sub(r"^.*\d{4}\s?年", "", x)
            for x in _split_outside_brackets(before, "、，和及与")
            if x.strip()
        ]
        items = items[-len(run) :]
    if len(items) != len(run):
        return ""
    k = run.index(i)
    prefix = _shared_prefix(items) if k else ""
    if k == len(run) - 1:
        return prefix + items[-1]
    return prefix + items[k] + items[-1][_shared_tail(items) :]


def _shared_tail(items: list[str]) -> int:
    """Where the words all items share begin in the last one: after as many characters as the longest other item
    (小学、初中生均公用经费), or after the last item's own level when it names one beyond that (校舍维修改造和
    新建改扩建公办幼儿园项目完成投资分别为: 项目完成投资 is shared, 幼儿园 is the last item's own)."""
    cut = max(len(x) for x in items[:-1])
    own = [m.end() for m in _LEVEL_TERMS.finditer(_unglued(items[-1]))]
    return max(cut, own[-1]) if own else cut


def _shared_prefix(items: list[str]) -> str:
    """新建改扩建公办幼儿园中央、市级和县级资金: the words the first item carries for all of them, when the middle
    items are alike and short (中央, 市级, 县级) and the first is much longer (学前教育、小学、初中… share none)."""
    middle = {len(x) for x in items[1:-1]}
    if len(items) < 3 or len(middle) != 1:
        return ""
    own = middle.pop()
    return items[0][:-own] if own <= 3 and len(items[0]) >= own + 4 else ""


def _split_outside_brackets(text: str, seps: str) -> list[str]:
    """The text split at each of `seps` that is not inside brackets: 合格率及小学高学历（专科及以上）教师比例 ->
    合格率, 小学高学历（专科及以上）教师比例."""
    parts, depth, start = [], 0, 0
    for k, ch in enumerate(text):
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            depth = max(0, depth - 1)
        elif ch in seps and depth == 0:
            parts.append(text[start:k])
            start = k + 1
    return [*parts, text[start:]]


def clause_of(doc: Reading, i: int) -> str:
    """The text from the last comma (or sentence start) up to figure i, figures included."""
    f = doc.figures[i]
    s, _ = doc.sentence(f.start)
    return _CLAUSE_SPLIT.split(doc.text[s : f.start])[-1]
