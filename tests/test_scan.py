"""core.scan: a pattern looked for only around its anchors finds exactly what re.finditer finds."""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

import pytest

from drafter.checker.text import normalize
from drafter.checker.words import STATEMENT_ANCHORS, STATEMENTS
from drafter.core.scan import Anchored, _occurrences
from drafter.figures.numbers import _IGNORE_SPANS

ROOT = Path(__file__).resolve().parent.parent
FRONT = re.compile(r"\A---\n.*?\n---\n", re.S)
sys.path.insert(0, str(ROOT / "bench"))
from realtext import seen_paths  # noqa: E402  (no document of a blind split before its one score)

TEXTS = sorted((ROOT / "knowledge" / "reports").glob("*.md")) + (
    seen_paths() if (ROOT / "eval" / "realtext" / "docs").is_dir() else []
)


def spans(matches) -> list[tuple[int, int, tuple]]:
    return [(m.start(), m.end(), m.groups()) for m in matches]


@pytest.mark.parametrize(
    ("pattern", "anchors", "before", "text"),
    [
        (
            r"(?:已经|已)?消除大班额",
            ("消除",),
            2,
            "已经消除大班额，已消除大班额",
        ),  # the optional words before it
        (r"(?<!超)大班额", ("大班额",), 0, "超大班额、大班额"),  # a lookbehind sees the text before a start
        (r"ab|b", ("b",), 1, "abab bb"),  # a match found inside the last one is not looked at again
        (r"x\d+", ("x",), 0, "x1x22 x333"),
    ],
)
def test_anchored_matches_as_finditer(pattern: str, anchors: tuple[str, ...], before: int, text: str) -> None:
    rx = re.compile(pattern)
    assert spans(Anchored(rx, anchors, before).finditer(text)) == spans(rx.finditer(text))


@pytest.mark.parametrize("kind", sorted(STATEMENT_ANCHORS))
def test_statement_anchors_hold_on_real_text(kind: str) -> None:
    """Every statement kind with anchors finds the same claims in every real text as a full scan."""
    scan = Anchored(STATEMENTS[kind], *STATEMENT_ANCHORS[kind])
    for path in TEXTS:
        text = normalize(FRONT.sub("", path.read_text(encoding="utf-8"))).norm
        assert spans(scan.finditer(text)) == spans(STATEMENTS[kind].finditer(text)), path.name


@pytest.mark.parametrize("kind", sorted(STATEMENT_ANCHORS))
def test_statement_anchors_hold_on_shuffled_words(kind: str) -> None:
    """The same on texts made of the pattern's own words in random order: the anchors and how far into a
    match they start are right for every alternative, not just for the ones real texts use."""
    pattern = STATEMENTS[kind]
    words = re.findall(r"[\u4e00-\u9fff]+", pattern.pattern) + [
        "“",
        "”",
        "，",
        "4",
        "%",
        "4%",
        "8年",
        ".",
        "了",
        "的",
    ]
    rng = random.Random(kind)
    scan = Anchored(pattern, *STATEMENT_ANCHORS[kind])
    for _ in range(300):
        text = "".join(rng.choice(words) for _ in range(40))
        assert spans(scan.finditer(text)) == spans(pattern.finditer(text)), text


IGNORED_SCANS = [(scan, why) for scan, why in _IGNORE_SPANS if isinstance(scan, Anchored)]


@pytest.mark.parametrize(("scan", "why"), IGNORED_SCANS, ids=[why for _, why in IGNORED_SCANS])
def test_ignore_span_anchors_hold(scan: Anchored, why: str) -> None:
    """The anchored patterns of what is no figure (notes [1], times 10:30:00, dates 3-5月, ratios 1:2, 56人以上大班额,
    3+2, 路12号) find the same spans as a full scan, on every real text and on random strings of their own
    characters."""
    for path in TEXTS:
        text = normalize(FRONT.sub("", path.read_text(encoding="utf-8"))).norm
        assert spans(scan.finditer(text)) == spans(scan.pattern.finditer(text)), path.name
    rng = random.Random(why)
    # anchors given as a pattern (a dot a Chinese character follows, a date's separator): those characters
    anchors = "".join(scan.anchors) if isinstance(scan.anchors, tuple) else ".．/-"
    alphabet = "0123456789" * 3 + anchors * 2 + " .:：-—~至月[]中%年+＋号路人名及以上的超大班额Na"
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(24))
        assert spans(scan.finditer(text)) == spans(scan.pattern.finditer(text)), text


def test_digits_before_the_anchor() -> None:
    """A pattern opening with digits (56人以上大班额) may start any number of digits before its anchor."""
    scan = next(s for s, why in IGNORED_SCANS if "大班额" in s.pattern.pattern)
    text = "消除56人以上大班额和1266名及以上的超大班额，12 3人以上大班额；以上大班额"
    found = spans(scan.finditer(text))
    assert found == spans(scan.pattern.finditer(text))
    assert [text[s:e] for s, e, _ in found] == [
        "56人以上大班额",
        "1266名及以上的超大班额",
        "3人以上大班额",
    ]


@pytest.mark.parametrize(
    "kind", [k for k, (anchors, _) in sorted(STATEMENT_ANCHORS.items()) if isinstance(anchors, re.Pattern)]
)
def test_anchor_words_in_one_pattern_cannot_overlap(kind: str) -> None:
    """A pattern's matches do not overlap, so anchor words given as one pattern must not either: no word may end
    with what another begins with (finditer would pass over the second)."""
    words = STATEMENT_ANCHORS[kind][0].pattern.split("|")
    overlaps = [
        (a, b)
        for a in words
        for b in words
        for k in range(1, min(len(a), len(b)) + 1)
        if a[-k:] == b[:k] and not (a == b and k == len(a))  # (a word is itself, no overlap)
    ]
    assert not overlaps


def test_anchors_as_a_pattern() -> None:
    """Anchors given as a pattern: only the dots a Chinese character follows are looked around, not every decimal
    point, and the spans are a full scan's (1.党的建设 and 。2 .教育 are items, 12.5万 and 3.14 are not)."""
    scan = next(s for s, why in IGNORED_SCANS if why == "section_number")
    text = "领导1.党的建设；全县12.5万人。2 .教育，3.14，学校3.中学"
    found = spans(scan.finditer(text))
    assert found == spans(scan.pattern.finditer(text))
    assert [text[s:e] for s, e, _ in found] == ["导1.", "。2 .", "校3."]


@pytest.mark.parametrize("word", ["大班额", "aa", "aba", "—", "以上"])
def test_occurrences_overlapping_too(word: str) -> None:
    text = "aaaba大班额abababa——以上以上"
    assert _occurrences(text, word) == [k for k in range(len(text)) if text.startswith(word, k)]
