"""A count of the items listed right before it.

"突出“创建示范学校、优化学校布局”两个重点；抓好“学校管理、队伍建设、教研教改”三个关键" and "包括普及普惠水平、
政府保障情况、幼儿园保教质量保障情况三个方面", "增长较快的为崇明(3.93%)、奉贤(3.49%)和金山(2.96%)3个区": the
count is the number of items named before it, proven from the text. Only a proof: a count that differs may
count what the list only begins, so it is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafter.checker.reading import Reading
from drafter.checker.rules.base import Verdict

NAME = "listed_count"
QUOTED = re.compile(r"“([^“”]{2,80})”$")
CLAUSE = re.compile(r"(?:.*(?:[，：；。\n]|包括|围绕|突出|抓好|实现|做到)|^)([^，：；。“”\n]{2,80})$", re.S)
LAST_AND = re.compile(r"和|与")  # 甲、乙和丙 (及 is left out: 普及, 以及)


def check(reading: Reading) -> Iterator[Verdict]:
    for i in reading.active:
        f = reading.figures[i]
        if not 2 <= f.value <= 10 or f.decimals or f.unit not in ("个", "项", "所", "方面", "条", "家", "名"):
            continue  # small counts of things: 两个 … 十个, 3个区
        before = reading.text[max(0, f.start - 90) : f.start]
        listed = QUOTED.search(before) or CLAUSE.search(before)
        if listed is None:
            continue
        items = [item for item in listed.group(1).split("、") if item.strip()]
        if items and len(LAST_AND.findall(items[-1])) == 1:
            items[-1:] = LAST_AND.split(items[-1])
        if len(items) == f.value and len(items) >= 2:
            yield Verdict(i, "derived", NAME, source=f"text:count({'、'.join(items)})")
