"""A count of the items listed right before it.

"突出“创建示范学校、优化学校布局”两个重点；抓好“学校管理、队伍建设、教研教改”三个关键" and "包括普及普惠水平、
政府保障情况、幼儿园保教质量保障情况三个方面", "增长较快的为崇明(3.93%)、奉贤(3.49%)和金山(2.96%)3个区": the
count is the number of items named before it, proven from the text. Only a proof: a count that differs may
count what the list only begins, so it is left alone.

"涉及9个项目，分别是《2017年秋学前…资助金项目》金额135.51万元；《…》金额39.1625万元；…" (ten titles): a count
followed by 分别是 and the titles themselves says the list is all of them, so a count that differs is wrong.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafter.checker.reading import STATEMENT_END, Reading
from drafter.checker.rules.base import Verdict

NAME = "listed_count"
QUOTED = re.compile(r"“([^“”]{2,80})”$")
CLAUSE = re.compile(r"(?:.*(?:[，：；。\n]|包括|围绕|突出|抓好|实现|做到)|^)([^，：；。“”\n]{2,80})$", re.S)
LAST_AND = re.compile(r"和|与")  # 甲、乙和丙 (及 is left out: 普及, 以及)
# 9个项目，分别是《…》…；《…》…: the things counted, then the titles of each
TITLES_AFTER = re.compile(r"[\u4e00-\u9fff]{0,4}[，,]?分别(?:是|为)[:：]?《")
TITLE_START = re.compile(r"(?:^|[；;、，,])\s*《")


def check(reading: Reading) -> Iterator[Verdict]:
    for i in reading.active:
        f = reading.figures[i]
        if not 2 <= f.value <= 10 or f.decimals or f.unit not in ("个", "项", "所", "方面", "条", "家", "名"):
            continue  # small counts of things: 两个 … 十个, 3个区
        if (after := _titles_after(reading, i)) is not None:
            yield after
            continue
        before = reading.text[max(0, f.start - 90) : f.start]
        listed = QUOTED.search(before) or CLAUSE.search(before)
        if listed is None:
            continue
        items = [item for item in listed.group(1).split("、") if item.strip()]
        if items and len(LAST_AND.findall(items[-1])) == 1:
            items[-1:] = LAST_AND.split(items[-1])
        if any(re.search(r"\d" + re.escape(f.unit), item) for item in items):
            continue  # 小学28所、初中14所、九年一贯制学校3所: the items count in the unit themselves, 3所 is one's
        if len(items) == f.value and len(items) >= 2:
            yield Verdict(i, "derived", NAME, source=f"text:count({'、'.join(items)})")


def _titles_after(reading: Reading, i: int) -> Verdict | None:
    """The count against the titles 分别是 lists after it, up to the sentence end."""
    f = reading.figures[i]
    opening = TITLES_AFTER.match(reading.text, f.end)
    if opening is None:
        return None
    stop = STATEMENT_END.search(reading.text, opening.end())  # the titles' own ； do not end the list
    listed = reading.text[opening.end() - 1 : stop.start() if stop else len(reading.text)]
    n = len(TITLE_START.findall(listed))
    if n == f.value:
        return Verdict(i, "derived", NAME, source=f"text:count({n}个《》)")
    return Verdict(i, "inconsistent", NAME, f"{n}{f.unit}", "", f"其后分别列出的《》共{n}项")
