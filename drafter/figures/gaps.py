"""Gap markers: the visible holes a draft leaves where the data lack what real reports say.

A gap marker is `【待补充：what to add】` (full- or half-width colon). The writer prints one where a real
report names meetings, documents with 文号, projects or the self-check's scope and the source data do not;
the editor replaces it. This module only finds them: the checker's summary counts them (`gaps`), the Word
and web outputs highlight them, the eval scorers leave them out of their prose measures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

GAP = re.compile(r"【待补充[：:]([^【】\n]+)】")
# what Word shows under the heading of a section the model could not draft (draft.md has a comment instead)
NOT_DRAFTED = "【待补充：本部分未能起草，请再次运行同一起草命令，或在此填写】"


@dataclass(frozen=True)
class Gap:
    start: int  # offsets into the text as given
    end: int
    text: str  # the whole marker, brackets included
    topic: str  # what is to be added, e.g. 本年度专题研究教育工作的会议（名称、次数）


def find_gaps(text: str) -> list[Gap]:
    """Every gap marker of `text`, in order."""
    return [Gap(m.start(), m.end(), m.group(0), m.group(1).strip()) for m in GAP.finditer(text)]


def count_gaps(text: str) -> int:
    return len(GAP.findall(text))


def without_gaps(text: str) -> str:
    """The text with every gap marker removed (for measures of the written prose)."""
    return GAP.sub("", text)


def split_gaps(text: str) -> list[tuple[str, bool]]:
    """The text as (piece, is_gap) runs, in order: what a renderer highlights."""
    pieces, last = [], 0
    for gap in find_gaps(text):
        if gap.start > last:
            pieces.append((text[last : gap.start], False))
        pieces.append((gap.text, True))
        last = gap.end
    if last < len(text):
        pieces.append((text[last:], False))
    return pieces
