"""A total score against the item scores printed after it: 总得分为96.15分 while the 得分 lines add up to 91.15."""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafter.checker.reading import Reading
from drafter.checker.rules.base import Verdict, expected_text
from drafter.figures.numbers import matches_shown

NAME = "score_total"
TOTAL_SCORE = re.compile(r"总(?:得)?分(?:为|是|：)?$")
ITEM_SCORE = re.compile(r"得分：?$")


def check(reading: Reading) -> Iterator[Verdict]:
    scores = reading.with_unit("分")  # the only ones looked at
    totals = [i for i in scores if TOTAL_SCORE.search(reading.lead(i))]
    for k, i in enumerate(totals):
        f = reading.figures[i]
        following = reading.figures[totals[k + 1]].start if k + 1 < len(totals) else len(reading.text)
        parts = [reading.figures[j] for j in _items(reading, i, scores, following)]
        value = sum(p.value for p in parts)
        if len(parts) >= 2 and not matches_shown(f.value, f.decimals, value):
            shown = expected_text(f, value)
            yield Verdict(i, "inconsistent", NAME, shown, "", f"{len(parts)}项得分之和为{shown}")


def _items(reading: Reading, i: int, scores: list[int], following: int) -> list[int]:
    """The 得分 figures after the total, up to the end of its article or the next total (`following`: a
    collection's next report scores itself; `scores`: the active figures in 分, in text order; a score total does
    not walk every figure after it)."""
    f = reading.figures[i]
    later_articles = reading.articles[reading.article(f.start) + 1 :]
    end = min(later_articles[0] if later_articles else len(reading.text) + 1, following)
    return [
        j
        for j in scores
        if f.end + 1 <= reading.figures[j].start < end
        and ITEM_SCORE.search(reading.text[max(0, reading.figures[j].start - 6) : reading.figures[j].start])
    ]
