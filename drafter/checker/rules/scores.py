"""A total score against the item scores printed after it: 总得分为96.15分 while the 得分 lines add up to 91.15."""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafter.checker.reading import Reading
from drafter.checker.rules.base import Verdict, expected_text
from drafter.checker.words import DOCUMENT_TITLE
from drafter.figures.numbers import matches_shown

NAME = "score_total"
TOTAL_SCORE = re.compile(r"总(?:得)?分(?:为|是|：)?$")
ITEM_SCORE = re.compile(r"得分：?$")


def check(reading: Reading) -> Iterator[Verdict]:
    scores = reading.with_unit("分")  # the only ones looked at
    for i in scores:
        f = reading.figures[i]
        if not TOTAL_SCORE.search(reading.lead(i)) or _an_items_maximum(reading, i):
            continue
        items = _items(reading, i, scores)
        if items is None:
            continue
        parts = [reading.figures[j] for j in items]
        value = sum(p.value for p in parts)
        if len(parts) >= 2 and not matches_shown(f.value, f.decimals, value):
            shown = expected_text(f, value)
            yield Verdict(i, "inconsistent", NAME, shown, "", f"{len(parts)}项得分之和为{shown}")


def _items(reading: Reading, i: int, scores: list[int]) -> list[int] | None:
    """The 得分 figures after the total, up to the end of its article or the next document's title line (a
    collection's next report scores itself; `scores`: the active figures in 分, in text order; a score total does
    not walk every figure after it). None when its document may go on past the end of a part of a long text: its
    items are not all read."""
    f = reading.figures[i]
    later_articles = reading.articles[reading.article(f.start) + 1 :]
    end = later_articles[0] if later_articles else len(reading.text) + 1
    title = DOCUMENT_TITLE.search(reading.text, f.end, end)
    if title is None and not later_articles and reading.cut_at_end:
        return None
    end = title.start() if title else end
    return [j for j in scores if f.end + 1 <= reading.figures[j].start < end and _is_item(reading, j)]


def _an_items_maximum(reading: Reading, i: int) -> bool:
    """（一）学前教育，总分10分，得分：9分: the 总分 of one item, its own 得分 said right after it in its sentence, is
    the most that item may score, not a total of the scores after it."""
    after = reading.in_sentence(i, before=False)
    j = after[0] if after else None
    return j is not None and reading.figures[j].unit == "分" and _is_item(reading, j)


def _is_item(reading: Reading, j: int) -> bool:
    start = reading.figures[j].start
    return ITEM_SCORE.search(reading.text[max(0, start - 6) : start]) is not None
