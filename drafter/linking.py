"""Link each figure to its source: a metric value, a derived figure, a target or a fact — by the words around it.

A figure is tied to the metric whose label (or a taxonomy synonym) the surrounding words name, in the
year mentioned nearby; the value alone never decides. A right number under the wrong label is a mismatch.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from drafter.derive import derive_all, evaluate
from drafter.errors import DrafterError
from drafter.numbers import (
    convert,
    family,
    find_figures,
    format_figure,
    matches_shown,
    round_half_up,
    same_family,
)
from drafter.rules import DOWN_WORDS, Doc
from drafter.types import Derived, Figure, Metric, SourceData

LABEL_MIN = 0.5  # share of a label's (idf-weighted) bigrams the nearby words must contain
RIVAL_MARGIN = 2.5  # idf mass by which another named metric must beat the value's own metric
FUTURE = re.compile(r"(确保|力争|争取|计划|预计|将|目标|下一步|今后|三年内|到20\d\d年)")
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
BARE_CHANGE = re.compile(
    r"\s*(?:较上年|比上年|同比|比\d{4}\s?年)?\s*(?:增长|增加|提高|下降|减少|降低|上升|提升)(?:了|为|达)?\s*"
)
COMPARE_YEAR = re.compile(r"(?:比|较|与|同)\s*$")


@dataclass(frozen=True)
class Link:
    status: str  # verified | derived | mismatch | unsupported | ignored (a number inside a metric's name)
    source: str = ""
    expected: str = ""
    message: str = ""
    key: str = ""  # metric key the figure was tied to (for change figures after it)
    year: int = 0


def bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


@lru_cache(maxsize=4)
def _synonyms(path: str) -> dict[str, tuple[str, ...]]:
    from drafter.taxonomy import load_taxonomy

    try:
        tax = load_taxonomy(Path(path))
    except DrafterError:
        return {}
    return {m.key: (m.label, *m.synonyms) for ind in tax.indicators for m in ind.metrics}


def _taxonomy_path() -> str:
    from drafter.config import Settings

    return str(Settings.from_env().knowledge_dir / "taxonomy.yaml")


class Linker:
    """Scores metric labels against a figure's words and decides its status."""

    def __init__(self, doc: Doc, source: SourceData) -> None:
        self.doc, self.source = doc, source
        synonyms = _synonyms(_taxonomy_path()) if Path(_taxonomy_path()).exists() else {}
        self.terms = {m.key: _variants((m.label, *synonyms.get(m.key, ()))) for m in source.metrics}
        df = Counter(bg for terms in self.terms.values() for bg in set().union(*map(bigrams, terms)))
        self.idf = {bg: math.log(1 + len(self.terms) / n) for bg, n in df.items()}
        self.grams = {key: [self._weights(t) for t in terms] for key, terms in self.terms.items()}
        self._words: dict[int, tuple[str, str]] = {}
        self.derived: dict[str, list[Derived]] = {}
        for d in derive_all(source):
            self.derived.setdefault(family(d.unit), []).append(d)
        self.facts = _fact_figures(source)
        self.links: dict[int, Link] = {}

    # ------------------------------------------------------------ words and years
    def _weights(self, term: str) -> tuple[dict[str, float], float]:
        weights = {g: self.idf.get(g, 1.0) for g in bigrams(term)}
        return weights, (sum(weights.values()) or 1.0)

    def words(self, i: int) -> tuple[str, str]:
        """(near words: the figure's clause and what follows it, sentence words before it)."""
        if i not in self._words:
            self._words[i] = self._compute_words(i)
        return self._words[i]

    def _compute_words(self, i: int) -> tuple[str, str]:
        doc, f = self.doc, self.doc.figures[i]
        s, e = doc.sentence(f.start)
        nxt = doc.in_sentence(i, before=False)
        tail = doc.text[f.end : min(e, doc.figures[nxt[0]].start if nxt else e, f.end + 16)]
        tail = re.split(r"[，,、；;（(共将已均为有是达在对把被与和及等]", tail, maxsplit=1)[0]
        item = self.enumerated(i)
        if item:  # the sentence names every item of the list: only the figure's own item counts
            return item + "|" + tail, item + "|" + tail
        clause = re.split(r"[，,：:]", doc.lead(i))[-1]
        clauses = re.split(r"[，,：:]", doc.text[s : f.start])
        if len(clauses) > 1 and BARE_CHANGE.fullmatch(clause):  # “，增长21.37%”: the clause before names it
            clause = clauses[-2] + "，" + clause
        return clause + "|" + tail, doc.text[s : f.start] + "|" + tail

    def run_of(self, i: int) -> list[int]:
        """The figures listed with i: same unit, separated only by 、/和/及 (6.00%、7.14%、5.59%和9.69%)."""
        doc, act = self.doc, self.doc.active
        pos = doc.position(i)
        lo = hi = pos
        sep = re.compile(r"\s*[、和及与]\s*")
        while (
            lo > 0
            and doc.figures[act[lo - 1]].unit == doc.figures[i].unit
            and sep.fullmatch(doc.text[doc.figures[act[lo - 1]].end : doc.figures[act[lo]].start])
        ):
            lo -= 1
        while (
            hi + 1 < len(act)
            and doc.figures[act[hi + 1]].unit == doc.figures[i].unit
            and sep.fullmatch(doc.text[doc.figures[act[hi]].end : doc.figures[act[hi + 1]].start])
        ):
            hi += 1
        return act[lo : hi + 1]

    def enumerated(self, i: int) -> str:
        """学前教育、小学、初中、普通高中生均…为6.00%、7.14%…: the k-th item's words for the k-th figure."""
        run = self.run_of(i)
        if len(run) < 2:
            return ""
        first = self.doc.figures[run[0]]
        s, _ = self.doc.sentence(first.start)
        head = re.split(r"[，,：:；]", self.doc.text[s : first.start])[-1]
        items = [re.sub(r"^.*\d{4}\s?年", "", x) for x in re.split(r"[、和及]", head)]
        if len(items) != len(run):
            return ""
        k = run.index(i)
        if k == len(run) - 1:
            return items[-1]
        return items[k] + items[-1][max(len(x) for x in items[:-1]) :]

    def label_score(self, key: str, near: str, sentence: str) -> float:
        """Share (0–1) of metric `key`'s label the words name: the near words count most."""
        return self.evidence(key, near, sentence)[0]

    def evidence(self, key: str, near: str, sentence: str) -> tuple[float, float, float]:
        """(coverage, mass, near mass): how much of a label term the words contain, and its idf weight.

        Coverage decides whether the words name the metric at all; mass ranks rivals, so
        "其中小学" under "一般公共预算教育支出" prefers 小学生均… over the shorter 教育支出.
        Terms of one or two bigrams (得分, 教育) count for less: they name nothing on their own.
        """
        best = (0.0, 0.0, 0.0)
        for n, (weights, total) in enumerate(self.grams.get(key, ())):
            near_mass = sum(w for g, w in weights.items() if g in near)
            sent_mass = max(near_mass, sum(w for g, w in weights.items() if g in sentence))
            mass = 0.6 * near_mass + 0.4 * sent_mass
            cover = mass / total * (1.0 if n == 0 else min(1.0, len(weights) / 3))
            best = (max(best[0], cover), max(best[1], mass), max(best[2], near_mass))
        return best

    def stated_year(self, i: int) -> int | None:
        """The year mentioned before the figure in its paragraph, skipping comparison years (比2019年)."""
        doc, f = self.doc, self.doc.figures[i]
        ps, _ = doc.paragraph(f.start)
        for j in range(i - 1, -1, -1):
            g = doc.figures[j]
            if g.start < ps:
                break
            if g.ignored == "year" and not COMPARE_YEAR.search(doc.text[max(0, g.start - 3) : g.start]):
                return int(g.value)
        return None

    def default_year(self, m: Metric) -> int:
        return self.source.report.period if self.source.report.period in m.values else m.latest_year

    # ------------------------------------------------------------ value figures
    def link(self, i: int) -> Link:
        """A change figure is judged against its derived change first, then (增长率为6.00%) as a value."""
        link = self.link_change(i) if self.doc.is_change(i) else None
        value = self.link_value(i) if link is None or link.status != "verified" else link
        if (
            link is None
            or value.status == "verified"
            and self._named(i, value.key)
            or link.status not in ("verified", "derived")
            and value.status == "derived"
        ):
            link = value
        self.links[i] = link
        return link

    def compatible(self, f: Figure) -> list[Metric]:
        return [m for m in self.source.metrics if f.unit and m.values and same_family(f.unit, m.unit)]

    def clause(self, i: int) -> str:
        """The text from the last comma (or sentence start) up to figure i, figures included."""
        f = self.doc.figures[i]
        s, _ = self.doc.sentence(f.start)
        return re.split(r"[，,：:]", self.doc.text[s : f.start])[-1]

    def _named(self, i: int, key: str) -> bool:
        near, sent = self.words(i)
        return self.label_score(key, near, sent) >= LABEL_MIN

    def in_label(self, i: int) -> bool:
        """The figure is part of a metric's name as printed (15项考核指标…总得分)."""
        f, text = self.doc.figures[i], self.doc.text
        for terms in self.terms.values():
            for term in terms:
                k = term.find(f.text)
                if k >= 0 and text[max(0, f.start - k) : f.start - k + len(term)] == term:
                    return True
        return False

    def link_value(self, i: int) -> Link:
        f = self.doc.figures[i]
        if self.in_label(i):
            return Link("ignored", message="指标名称中的数字")
        near, sent = self.words(i)
        metrics = self.compatible(f)
        ev = {m.key: self.evidence(m.key, near, sent) for m in metrics}
        rank = {k: (c >= LABEL_MIN, mass, c, near) for k, (c, mass, near) in ev.items()}
        best = max((m for m in metrics if rank[m.key][0]), key=lambda m: rank[m.key][1], default=None)
        year = self.stated_year(i)
        hits = [
            (m, y) for m in metrics for y, v in m.values.items() if self.fits(i, convert(v, m.unit, f.unit))
        ]
        if any(rank[m.key][0] for m, _ in hits):
            return self._from_hits(i, hits, rank, best, year)
        for finder in (self.derived_hit, self.target_hit, self.fact_hit):
            found = finder(i, near, sent)
            if found and self._may_use(i, found, best, rank):
                return found
        if hits:
            return self._from_hits(i, hits, rank, best, year)
        if best is not None and FUTURE.search(sent):
            return Link("unsupported", message=f"计划或目标数字，来源数据中没有（文字指向{best.label}）")
        if best is not None:
            y = year if year in best.values else self.default_year(best)
            return self.mismatch(f, best, y, f"文字指向{best.label}，来源数据不同")
        return Link("unsupported", message="来源数据中找不到这个数（无对应指标或派生公式）")

    def _may_use(self, i: int, found: Link, best: Metric | None, rank: dict) -> bool:
        """A derived figure must involve the metric the words name; a stated fact gives way only when the
        words spell out that metric's whole label (其中党委348个 where 党委 is 21) and state no bound (90%以上)."""
        if best is None:
            return True
        if found.status == "derived":
            return best.key in found.key.split("|")
        if found.source.endswith(".target"):
            return True
        f = self.doc.figures[i]
        bound = re.match(r"\s*(?:以上|以下|以内|左右)", self.doc.text[f.end : f.end + 3])
        return bool(bound) or not self.spelled(i, best.key)

    def spelled(self, i: int, key: str) -> bool:
        """The metric's own label stands verbatim right before the figure or is its whole noun after it."""
        clause, tail = self.words(i)[0].split("|", 1)
        metric = self.source.metric(key)
        for term in _variants((metric.label,)) if metric else ():
            if re.search(re.escape(term) + r"(?:为|达到|达|有|共|是)?\s*$", clause) or tail.strip() == term:
                return True
        return False

    def _from_hits(self, i: int, hits: list, rank: dict, best: Metric | None, year: int | None) -> Link:
        f = self.doc.figures[i]
        m, y = max(
            hits,
            key=lambda h: (rank[h[0].key][3], rank[h[0].key][1], h[1] == (year or self.default_year(h[0]))),
        )
        strong = rank[m.key][0]
        if best is not None and best.key != m.key and _beats(rank[best.key], rank[m.key]):
            yb = year if year in best.values else self.default_year(best)
            return self.mismatch(f, best, yb, f"数值与{m.label}（{m.key}@{y}）相同，但文字说的是{best.label}")
        if year and y != year and year in m.values and (strong or best is None or best.key == m.key):
            return self.mismatch(f, m, year, f"这是{y}年的数，文中写的是{year}年")
        return Link("verified", f"{m.key}@{y}", message=f"{y}年{m.label}", key=m.key, year=y)

    def mismatch(self, f: Figure, m: Metric, year: int, message: str) -> Link:
        value = m.values[year]
        expected = format_figure(value, m.unit, f.decimals if f.unit == m.unit else None)
        return Link(
            "mismatch", f"{m.key}@{year}", expected, f"{message}：应为{expected}", key=m.key, year=year
        )

    def fits(self, i: int, actual: float) -> bool:
        f = self.doc.figures[i]
        if "余" in f.text or "多" in f.text:
            step = 10 ** (len(str(int(f.value))) - len(str(int(f.value)).rstrip("0"))) if f.value >= 10 else 1
            return f.value <= actual < f.value + step
        around = self.doc.text[max(0, f.start - 2) : f.start] + self.doc.text[f.end : f.end + 2]
        if re.search(r"约|近|左右|逾|超过", around):
            return abs(actual - f.value) <= 0.1 * abs(f.value) + 10**-f.decimals
        return matches_shown(f.value, f.decimals, actual)

    def derived_hit(self, i: int, near: str, sent: str) -> Link | None:
        f, year = self.doc.figures[i], self.stated_year(i)
        best: tuple[float, Derived] | None = None
        for d in self.derived.get(family(f.unit), []) if f.unit else []:
            if not self.fits(i, convert(d.value, d.unit, f.unit)):
                continue
            if not KIND_WORDS.get(d.formula.split("(")[0], re.compile("")).search(self.clause(i)):
                continue
            if year and max(int(r.split("@")[1]) for r in d.inputs if "@" in r) != year:
                continue
            evidence = max(
                (self.label_score(r.split("@")[0].removesuffix(".target"), near, sent) for r in d.inputs),
                default=0,
            )
            if evidence >= 0.35 and (best is None or evidence > best[0]):
                best = (evidence, d)
        if best is None:
            return None
        keys = "|".join(dict.fromkeys(r.split("@")[0].removesuffix(".target") for r in best[1].inputs))
        return Link("derived", best[1].formula, message=best[1].label, key=keys)

    def target_hit(self, i: int, near: str, sent: str) -> Link | None:
        f = self.doc.figures[i]
        for m in self.compatible(f):
            if (
                m.target
                and self.fits(i, convert(m.target.value, m.unit, f.unit))
                and self.label_score(m.key, near, sent) >= 0.35
            ):
                return Link("verified", f"{m.key}.target", message=f"{m.label}的标准")
        return None

    def fact_hit(self, i: int, near: str, sent: str) -> Link | None:
        """A number of the metrics file's own sentences, said with the same words around it."""
        f, text = self.doc.figures[i], self.doc.text
        around = bigrams(text[max(0, f.start - 10) : f.start] + "|" + text[f.end : f.end + 10])
        for g, ref, words in self.facts:
            if f.unit and same_family(f.unit, g.unit) and self.fits(i, convert(g.value, g.unit, f.unit)):
                grams = bigrams(words)
                if not grams or len(grams & around) / len(grams) >= 0.4:
                    return Link("verified", ref, message="来源文件中的陈述 / stated in the metrics file")
        return None

    # ------------------------------------------------------------ change figures (增长/下降 …)
    def link_change(self, i: int) -> Link | None:
        doc, f = self.doc, self.doc.figures[i]
        subject = next(
            (
                j
                for j in reversed(doc.in_sentence(i))
                if j in self.links
                and self.links[j].key
                and (not doc.is_change(j) or self.links[j].status == "verified")
            ),
            None,
        )
        run = self.run_of(i)
        if len(run) > 1 and run.index(i) > 0:
            first_subject = self.links.get(run[0])
            bases = [j for j in doc.in_sentence(run[0]) if j in self.links and not doc.is_change(j)]
            if first_subject is not None and len(bases) >= len(run):
                subject = bases[-len(run) :][run.index(i)]
        named = self._named_in_lead(i) if len(run) < 2 or run.index(i) == 0 else None
        if named is not None:
            m, y1 = named
            between = doc.lead(i)
        elif subject is not None:
            m, y1 = self.source.metric(self.links[subject].key), self.links[subject].year
            between = doc.text[doc.figures[subject].end : f.start]
        else:
            return None
        y0 = _compare_year(between, m, y1) if m else None
        if m is None or y0 is None:
            return None
        return self._judge_change(i, m, y0, y1)

    def _named_in_lead(self, i: int) -> tuple[Metric, int] | None:
        """毛入园率比上年提高1.2个百分点: the change names its own metric between the figures."""
        lead = self.doc.lead(i)
        scored = [(self.label_score(m.key, lead, ""), m) for m in self.source.metrics if m.values]
        score, m = max(scored, key=lambda t: t[0], default=(0.0, None))
        if m is None or score < LABEL_MIN:
            return None
        year = self.stated_year(i)
        return m, (year if year in m.values else self.default_year(m))

    def _judge_change(self, i: int, m: Metric, y0: int, y1: int) -> Link:
        f = self.doc.figures[i]
        kinds = ("pp_change", "diff", "growth") if m.unit == "%" else ("growth", "diff")
        cands = [d for k in kinds if (d := _try(f"{k}({m.key},{y0},{y1})", self.source))]
        down = any(w in self.doc.lead(i)[-8:] for w in DOWN_WORDS)
        for d in cands:
            if same_family(f.unit, d.unit) and self.fits(i, abs(convert(d.value, d.unit, f.unit))):
                if d.value != 0 and (d.value < 0) != down:
                    return Link(
                        "mismatch", d.formula, "", f"增减方向与来源相反（{d.label}为{d.value:+g}）", m.key, y1
                    )
                return Link("derived", d.formula, message=d.label, key=m.key, year=y1)
        pp = next((d for d in cands if d.unit == "个百分点"), None)
        if f.unit == "%" and pp is not None and self.fits(i, abs(pp.value)):
            shown = format_figure(abs(pp.value), "个百分点", f.decimals)
            return Link("mismatch", pp.formula, shown, f"比率的升降应为{shown}，不是“%”", m.key, y1)
        primary = next((d for d in cands if same_family(f.unit, d.unit)), cands[0] if cands else None)
        if primary is None:
            return Link("unsupported", message="无法从来源数据计算这个变化")
        unit = primary.unit if not same_family(f.unit, primary.unit) else f.unit
        shown = format_figure(
            abs(round_half_up(convert(primary.value, primary.unit, unit), f.decimals)), unit, f.decimals
        )
        if unit != f.unit:
            shown = format_figure(abs(primary.value), primary.unit, max(f.decimals, 1))
        return Link("mismatch", primary.formula, shown, f"{primary.label}应为{shown}", m.key, y1)


def _beats(rival: tuple, own: tuple) -> bool:
    """The near words name `rival` clearly better than the metric whose value the figure has."""
    _, _, cover, near = rival
    _, _, own_cover, own_near = own
    return near > own_near + RIVAL_MARGIN or (cover >= 0.95 and cover - own_cover >= 0.15 and near > own_near)


def _variants(terms: tuple[str, ...]) -> tuple[str, ...]:
    """Each term as written and without its parenthesis/quotes: 学前教育（幼儿园）生均… -> 学前教育生均…"""
    out = (
        list(terms)
        + [re.sub(r"[（(][^）)]*[）)]", "", t) for t in terms]
        + [re.sub(r"[“”\"《》]", "", t) for t in terms]
    )
    return tuple(dict.fromkeys(t for t in out if len(t) >= 2))


def _try(formula: str, source: SourceData) -> Derived | None:
    try:
        return evaluate(formula, source)
    except DrafterError:
        return None


def _compare_year(between: str, m: Metric, y1: int) -> int | None:
    stated = [int(y) for y in re.findall(r"(\d{4})\s*年", between) if int(y) != y1]
    if stated:  # 比2019年: that year, or nothing to compare with when the metrics lack it
        return stated[-1] if stated[-1] in m.values else None
    earlier = [y for y in m.values if y < y1]
    return max(earlier) if earlier else None


def _fact_figures(source: SourceData) -> list[tuple[Figure, str, str]]:
    """Numbers stated in the metrics file's own sentences: facts, rectification, problems, plans, experiences."""
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
                    out.append(
                        (g, ref, statement[max(0, g.start - 10) : g.start] + statement[g.end : g.end + 10])
                    )
    return out


def link_all(doc: Doc, source: SourceData) -> dict[int, Link]:
    """A Link for every active figure, in text order (change figures use the figure they follow)."""
    linker = Linker(doc, source)
    return {i: linker.link(i) for i in doc.active}
