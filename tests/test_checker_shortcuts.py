"""The shortcuts that keep the checker fast on long texts give the answers of the long way round."""

from __future__ import annotations

import gc
import itertools
import random
import re
from pathlib import Path

import pytest

from drafter.checker.check import check_text
from drafter.checker.claims import read_claims
from drafter.checker.labels import Labels
from drafter.checker.linking import Linker
from drafter.checker.reading import LIST_SEP, LIST_SEP_AFTER_EACH, Reading
from drafter.checker.sums import MAX_PARTS, in_reach, metric_sum, sum_bounds
from drafter.checker.text import _traditional, _traditional_table, normalize
from drafter.checker.value_linking import FINDERS, ValueLinker
from drafter.core.types import Metric, ReportInfo, SourceData
from drafter.figures.numbers import (
    _ARABIC,
    _IGNORE_SPANS,
    _UNIT_RE,
    find_figures,
    matches_shown,
    round_half_up,
)
from drafter.knowledge.terms import _squeezed
from drafter.source.load import load_source

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

SOURCE = SourceData(
    report=ReportInfo(region="阳泉市", level="city", round=2021, period=2021, issuer="阳泉市人民政府"),
    metrics=(Metric("schools.primary", "小学", "所", {2021: 30}),),
)


def reading(text: str) -> Reading:
    normal = normalize(text)
    return Reading(normal, find_figures(normal.norm))


@pytest.mark.parametrize(
    ("printed", "decimals", "actual"),
    [
        (91.2, 1, 91.24),
        (91.2, 1, 91.25),  # half up
        (91.2, 1, 91.15),
        (91.2, 1, 91.3501),  # just beyond the shortcut's reach: rounded the long way
        (21, 0, 21.5),
        (21, 0, 23.0),
        (0.13, 2, 0.125),
        (1e15, 0, 1e15 + 0.4),  # large amounts in 元
        (1e15, 0, 1e15 + 3),
        (0, 0, -0.4),
        (5, 0, -5),
    ],
)
def test_the_quick_rejection_agrees_with_rounding(printed, decimals, actual):
    assert matches_shown(printed, decimals, actual) is (
        abs(round_half_up(actual, decimals) - printed) < 10 ** -(decimals + 3)
    )


@pytest.mark.parametrize(
    "text",
    [
        "全市共有小学83所",  # shown as printed
        "全市约1万人",  # 约: within 10%
        "近10所学校",
        "受益3000余人",  # 余: up to the next step
        "新增20多所",
        "投入1.25亿元",
        "全市共有学校0所",
        "超过500人",
    ],
)
def test_fit_window_holds_every_value_the_figure_fits(text):
    doc = reading(text)
    linker = ValueLinker(doc, SOURCE)
    for i in doc.active:
        f, (lo, hi) = doc.figures[i], linker.fit_window(i)
        step = 10**-f.decimals / 8
        grid = [f.value + k * step for k in range(-8 * 40, 8 * 40)] + [f.value * k / 20 for k in range(60)]
        fitting = [x for x in grid if linker.fits(i, x)]
        assert fitting and all(lo <= x <= hi for x in fitting), f.text


def _every_sum(values: list[float], fits) -> tuple[int, ...] | None:
    """The fewest values that add up to a fitting total, trying every sum (None when none or several fit)."""
    for size in range(2, min(len(values), MAX_PARTS) + 1):
        found = [
            c for c in itertools.combinations(range(len(values)), size) if fits(sum(values[k] for k in c))
        ]
        if found:
            return found[0] if len(found) == 1 else None
    return None


def _random_case(seed: int) -> tuple[list[float], float]:
    rng = random.Random(seed)
    sign = -1 if seed % 4 == 0 else 1
    values = [sign * float(rng.choice([0, 1, 2, 5, 10, 30, 120, 999])) for _ in range(rng.randint(0, 10))]
    return values, sign * float(rng.randint(0, 400))


@pytest.mark.parametrize(
    ("values", "target"),
    [
        ([10, 20, 30], 50),
        ([10, 20, 30], 60),  # three parts
        ([10, 20, 30], 5),  # the smallest two are already too many
        ([10, 20, 30], 500),  # the largest fall short
        ([10, 20, 30, 40], 50),  # two sums fit: none is certain
        ([-2, -2, -2], -6),  # negative values: more parts add up to less
        ([-3, 1, 5, 7], 9),
        *(_random_case(seed) for seed in range(40)),
    ],
)
def test_a_sum_found_within_the_window_is_the_sum_found_trying_every_one(values, target):
    metrics = [Metric(f"m.k{k}", f"指标{k}号", "人", {2021: v}) for k, v in enumerate(values)]

    def fits(total: float, slack: float = 0.0) -> bool:
        return abs(total - target) <= 1 + slack

    found = metric_sum("人", metrics, 2021, fits, (target - 1.5, target + 1.5))
    expected = _every_sum(values, fits)
    assert found == (tuple(metrics[k] for k in expected) if expected else None)


@pytest.mark.parametrize(("values", "target"), [_random_case(seed) for seed in range(60)])
def test_a_sum_out_of_reach_is_one_metric_sum_never_finds(values, target):
    metrics = [Metric(f"m.k{k}", f"指标{k}号", "人", {2021: v}) for k, v in enumerate(values)]
    window = (target - 1.5, target + 1.5)
    if not in_reach(sum_bounds("人", metrics, 2021), window):
        assert metric_sum("人", metrics, 2021, lambda total, slack: True, window) is None


@pytest.mark.parametrize(
    ("values", "target", "reach"),
    [
        ([10, 20, 30], 50, True),
        ([10, 20, 30], 5, False),  # the smallest two are already too many
        ([10, 20, 30], 500, False),  # the largest fall short
        ([10], 10, False),  # one value is no sum
        ([-2, 5, 30], 0, True),  # a negative value: no least sum
        ([0.25, 0.35], 2.1, True),  # 0.25 + 0.35 may stand for up to 0.61; the window starts at 0.6
    ],
)
def test_sum_bounds_cut_what_no_sum_reaches(values, target, reach):
    metrics = [Metric(f"m.k{k}", f"指标{k}号", "人", {2021: v}) for k, v in enumerate(values)]
    assert in_reach(sum_bounds("人", metrics, 2021), (target - 1.5, target + 1.5)) is reach


@pytest.mark.parametrize(
    "text", ["", "“双减”", "双 减政策", "a\u3000“b”  c", "「 」『』‘’\"'", "\n\t双\n减\n"]
)
def test_squeezed_text_keeps_the_offset_of_every_kept_character(text):
    squeezed, offsets = _squeezed(text)
    kept = [(i, ch) for i, ch in enumerate(text) if not (ch.isspace() or ch in "“”‘’\"'「」『』")]
    assert (squeezed, offsets) == ("".join(ch for _, ch in kept), [i for i, _ in kept])


@pytest.mark.parametrize("text", ["", "甲。乙", "甲；乙！丙？\n丁", "一二三", "。\n"])
def test_context_start_is_the_last_full_stop_or_line_break(text):
    doc = reading(text)
    for offset in range(len(doc.text) + 1):
        assert doc.context_start(offset) == max(doc.text.rfind(c, 0, offset) for c in "。！？\n") + 1


LIST_TEXTS = [
    "小学、初中、高中生均经费分别增长6.00%、7.14%和5.59%，在校生12万人。",
    "分别提高到650元，850元和1000元。共有学校49所、教学点7个，教师3150人和1200人。",
    "2021年全市小学35所，比上年增加2所；2020年为33所，由2019年的30所增至33所。\n2022年招生909人。",
]


def run_the_long_way(doc: Reading, i: int) -> list[int]:
    """The run of figure i looking at both neighbours whatever their distance (run_of before its shortcut)."""
    s, _ = doc.sentence(doc.figures[i].start)
    sep = LIST_SEP_AFTER_EACH if "分别" in doc.text[s : doc.figures[i].start] else LIST_SEP
    act, unit = doc.active, doc.figures[i].unit

    def joined(k: int) -> bool:
        a, b = doc.figures[act[k]], doc.figures[act[k + 1]]
        return a.unit == unit and b.unit == unit and bool(sep.fullmatch(doc.text[a.end : b.start]))

    lo = hi = doc.position(i)
    while lo > 0 and joined(lo - 1):
        lo -= 1
    while hi + 1 < len(act) and joined(hi):
        hi += 1
    return act[lo : hi + 1]


@pytest.mark.parametrize("text", LIST_TEXTS)
def test_run_of_a_lone_figure_is_the_run_found_the_long_way(text):
    """run_of skips its look when no neighbour of the figure's unit is a separator away: same runs."""
    doc = reading(text)
    assert [doc.run_of(i) for i in doc.active] == [run_the_long_way(doc, i) for i in doc.active]


@pytest.mark.parametrize("text", LIST_TEXTS)
def test_stated_year_reused_from_the_figure_before_is_the_year_looked_for(text):
    """stated_year takes over the look back of a figure before it in the paragraph: the same years as looking
    back from every figure on its own, in any order of asking."""
    in_order, backwards = reading(text), reading(text)
    alone = [reading(text) for _ in in_order.figures]
    years = [in_order.stated_year(i) for i in range(len(in_order.figures))]
    assert years == [backwards.stated_year(i) for i in reversed(range(len(years)))][::-1]
    assert years == [alone[i].stated_year(i) for i in range(len(years))]


def test_evidence_named_is_evidence_of_the_keys_named_by_the_words():
    metrics = tuple(
        Metric(f"k.{n}", label, "人", {2021: 1})
        for n, label in enumerate(
            ["小学专任教师", "初中在校生", "学前三年毛入园率", "普通高中招生", "教学点"]
        )
    )
    labels = Labels(SourceData(report=SOURCE.report, metrics=metrics))
    keys = [m.key for m in metrics]
    rng = random.Random(3)
    chars = "小学初中专任教师在校生招生高中毛入园率教学点全市共有人|，"
    for _ in range(300):
        near, sent = ("".join(rng.choice(chars) for _ in range(rng.randint(0, 12))) for _ in range(2))
        found = labels.evidence_named(keys, near, sent)
        assert list(found) == keys
        assert {k for k, e in found.items() if e is not None} == labels.named_by(near, sent) & set(keys)
        assert all(e == labels.evidence(k, near, sent) for k, e in found.items() if e is not None)


def test_arabic_numbers_opening_with_a_digit_are_those_after_no_digit_or_point():
    """The number pattern with its lookbehind after the first digit finds what it finds with it up front."""
    up_front = re.compile(
        r"(?<![\d.])(\d{1,3}(?:,\d{3})+|\d+)(?:\.\s?(\d+))?(?!\.\d)" rf"(\s?(?:余|多))?\s?({_UNIT_RE})?"
    )
    rng = random.Random(5)
    chars = "0123456789.,，万亿元人余多 %年"
    for _ in range(20000):
        text = "".join(rng.choice(chars) for _ in range(rng.randint(0, 14)))
        found = [(m.span(), m.groups()) for m in _ARABIC.finditer(text)]
        assert found == [(m.span(), m.groups()) for m in up_front.finditer(text)], text


def test_phone_numbers_opening_with_their_digit_are_those_after_no_digit():
    """The phone pattern with its lookbehind after the first digit finds what it finds with it up front."""
    phone = next(rx for rx, why in _IGNORE_SPANS if why == "phone")
    up_front = re.compile(
        r"(?=[014])(?<!\d)(?:1[3-9]\d{9}|0\d{2,3}\s?[-—–]{1,2}\s?\d{7,8}|400-?\d{3}-?\d{4})(?!\d)"
    )
    rng = random.Random(7)
    for _ in range(20000):
        text = "".join(rng.choice("0123414-— 4000113a") for _ in range(rng.randint(0, 20)))
        assert [m.span() for m in phone.finditer(text)] == [m.span() for m in up_front.finditer(text)], text


def test_span_of_one_run_is_the_span_of_its_two_ends():
    """Text.span looks up one run when the span holds no cut: the origins of its first and last characters."""
    rng = random.Random(4)
    chars = "学前（xuéqián）5.21 亿元为 19.59 ，752. 96 -9.41 %  1 376所 889 万\n元"
    for _ in range(2000):
        text = normalize("".join(rng.choice(chars) for _ in range(rng.randint(0, 30))))
        for start in range(len(text.norm) + 1):
            for end in range(start, min(len(text.norm), start + 6) + 1):
                last = text.origin(end - 1) + 1 if end > start else text.origin(start)
                assert text.span(start, end) == (text.origin(start), last)


def test_traditional_table_translates_as_the_dict_does():
    """The list table of Traditional characters gives str.translate the dict's result, past its end too."""
    table = _traditional()
    beyond = chr(len(_traditional_table()) + 5)  # a character no table reaches
    far = [chr(c) for c in sorted(table) if c > 0xFFFF][:3]  # Traditional characters outside the BMP
    text = "學校個數為1,234所，教師們共計萬人" + "".join(far) + beyond + "著名\n"
    assert text.translate(_traditional_table()) == text.translate(table)
    assert normalize(text).norm == normalize(text.translate(table)).norm


@pytest.mark.parametrize("text", LIST_TEXTS)
def test_next_in_sentence_is_the_first_figure_after(text):
    doc = reading(text)
    for i in range(len(doc.figures)):  # ignored figures too
        after = doc.in_sentence(i, before=False)
        assert doc.next_in_sentence(i) == (after[0] if after else None)


@pytest.mark.parametrize("text", LIST_TEXTS)
def test_lead_starts_after_the_last_figure_before_in_the_sentence(text):
    doc = reading(text)
    for i in range(len(doc.figures)):  # ignored figures too
        s, _ = doc.sentence(doc.figures[i].start)
        before = doc.in_sentence(i)
        assert doc.lead(i) == doc.text[doc.figures[before[-1]].end if before else s : doc.figures[i].start]


REPORTS = sorted((Path(__file__).resolve().parent.parent / "knowledge" / "reports").glob("*.md"))[:12]


@pytest.mark.parametrize("path", REPORTS, ids=[p.stem for p in REPORTS])
def test_laid_out_sentences_leads_and_next_figures_are_those_asked_for_one_by_one(path):
    """Reading lays out every active figure's sentence, lead and next figure of its sentence in one pass: the
    same as each asked for on its own (the caches emptied, every figure looked up by bisection)."""
    doc = reading(path.read_text(encoding="utf-8"))
    laid_out = [
        (doc.sentence(doc.figures[i].start), doc.lead(i), doc.next_in_sentence(i)) for i in doc.active
    ]
    doc._sentences.clear(), doc._leads.clear(), doc._next.clear()
    assert laid_out == [
        (doc.sentence(doc.figures[i].start), doc.lead(i), doc.next_in_sentence(i)) for i in doc.active
    ]


CHECKED = (
    "2021年，全市共有小学30所，在校生12000人，比上年增加300人，增长2.56%；专任教师800人，生师比为15.00。"
    "学前三年毛入园率92%，比上年提高1.5个百分点，公办园在园幼儿占比达到61.3%。"
    "全市投入资金9976.75万元，新改扩建公办幼儿园21所，新增学位2265个，校均在校生规模400人。"
)


def test_finders_left_out_for_a_unit_find_nothing():
    """link_value asks only the finders that may find anything for a figure's unit: each one left out finds nothing."""
    source = load_source(EXAMPLES / "changzhi-2021.yaml")
    doc = reading(CHECKED)
    read_claims(doc)
    linker = Linker(doc, source)
    for i in doc.active:
        linker.link(i)
    for i in doc.active:
        asked = {finder.__name__ for finder in linker._finders_of(doc.figures[i].unit)}
        for name, _ in FINDERS:
            if name not in asked:
                assert getattr(linker, name)(i) is None, (doc.figures[i].text, name)


def test_a_check_leaves_nothing_to_the_collector():
    """What a check builds is freed as it returns: a cycle in it (a linker holding its own bound methods) left all of
    it for the collector to walk when the check re-enables it, most of a check's time again on a long text."""
    source = load_source(EXAMPLES / "changzhi-2021.yaml")
    gc.collect()
    gc.disable()  # (else the collection as the check re-enables it would free a cycle before it is counted)
    try:
        check_text(CHECKED, source)
        assert gc.collect() == 0
    finally:
        gc.enable()
