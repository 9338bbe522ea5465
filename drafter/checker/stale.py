"""A heading printed twice with two years: the one of the older year was carried over from last year's report.

A 部门决算 prints its headings in a 目录 and again over the text: "第二部分 2022年度单位决算情况说明5" in the 目录,
"第二部分 2023年度 单位决算情况说明" over a text whose figures are all 2023's. Only the year differs, so the
older one is the copy that was not updated. Found on the normalised text, heading lines only.
"""

from __future__ import annotations

import re

# 第二部分 2022年度单位决算情况说明5 / 一、2023年度收入支出决算总体情况 / （一）2022年部门预算…: a numbered heading
# line that opens with a year (a page number may end a 目录's line)
DATED_HEADING = re.compile(
    r"(?m)^[ \t]*(第[一二三四五六七八九十]{1,3}(?:部分|章|节)|[一二三四五六七八九十]{1,3}、|（[一二三四五六七八九十]{1,3}）)"
    r"[ \t]*((?:19|20)\d{2})[ \t]*(年度?)[ \t]*([^\d\n]{2,30}?)[ \t.…·]*\d{0,3}[ \t]*$"
)


def stale_headings(norm: str) -> list[tuple[int, int, int]]:
    """(start, end, the newer year) of each heading's year that an alike heading prints newer, in the normalised
    text."""
    seen: dict[tuple[str, str], list[re.Match[str]]] = {}
    for m in DATED_HEADING.finditer(norm):
        key = (m.group(1), re.sub(r"\s", "", m.group(4)))
        seen.setdefault(key, []).append(m)
    out = []
    for found in seen.values():
        newest = max(int(m.group(2)) for m in found)
        out += [(m.start(2), m.end(3), newest) for m in found if int(m.group(2)) < newest]
    return sorted(out)
