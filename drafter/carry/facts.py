"""Last year's statements of fact in a carried indicator section: a statement the new metrics file restates
(`facts.<indicator>`, beginning the same way: 县委常委会、县政府常务会议专题研究教育工作6次，出台《…》（清发〔2023〕12号）)
is replaced by the new one; a 文号 or date of last year the new facts do not restate goes on the review list, so
last year's documents are never passed off as this year's."""

from __future__ import annotations

import re

from drafter.carry.edits import Edit
from drafter.core.types import SourceData

HEAD = 8  # characters a new fact and last year's statement must share at their start
ENDS = re.compile(r"[。；;\n]")
TRAILING = re.compile(r"[。；;，,\s]+$")
DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,8}[〔\[［【(（]((?:19|20)\d\d)[〕\]］】)）]\s*\d+\s*号")
DATE = re.compile(r"((?:19|20)\d\d)年\d{1,2}月(?:\d{1,2}日)?")
REPLACED = "去年的表述，新数据 facts 另有新的 / restated from the new metrics file's facts"
LAST_DOCUMENT = "去年的文号或日期：请核实今年是否仍适用 / last year's document number or date: check it"


def fact_edits(text: str, new: SourceData, indicator: str, edits: list[Edit], shift: int = 1) -> list[Edit]:
    """`edits` of one paragraph with last year's statements that the new facts restate replaced (the edits inside
    them dropped), then last year's 文号 and dates that remain listed for review."""
    facts = [TRAILING.sub("", f.strip()) for f in new.facts.get(indicator, ()) if f.strip()]
    out = list(edits)
    for k, fact in enumerate(facts):
        span = _statement(text, fact)
        if span is None or TRAILING.sub("", text[span[0] : span[1]]) == fact:
            continue
        out = [e for e in out if e.end <= span[0] or e.start >= span[1]]
        source = f"facts.{indicator}[{k}]"
        out.append(Edit(span[0], span[1], text[span[0] : span[1]], fact, "updated", "fact", source, REPLACED))
    out += _last_documents(text, new, out, facts, shift)
    return sorted(out, key=lambda e: e.start)


def _statement(text: str, fact: str) -> tuple[int, int] | None:
    """Where last year's statement that begins as `fact` does runs in `text` (as many sentences as the fact has),
    without its closing punctuation; None when no statement begins so."""
    if len(fact) < HEAD:
        return None
    start = text.find(fact[:HEAD])
    if start < 0:
        return None
    end = start
    for _ in range(len(ENDS.findall(fact)) + 1):
        found = ENDS.search(text, end)
        end = found.end() if found else len(text)
    return start, start + len(TRAILING.sub("", text[start:end]))


def _last_documents(
    text: str, new: SourceData, edits: list[Edit], facts: list[str], shift: int
) -> list[Edit]:
    """文号 (清发〔2023〕12号) and dates (2023年5月) of last year's period or round, not inside an edit and not
    restated by any new fact: for review."""
    years = {new.report.period - shift, new.report.round - shift}
    said = "".join(facts) + "".join(f for fs in new.facts.values() for f in fs) + new.report.basis
    out = []
    for pattern in (DOC_NUMBER, DATE):
        for m in pattern.finditer(text):
            if int(m[1]) not in years or m[0] in said:
                continue
            if any(e.start < m.end() and m.start() < e.end for e in (*edits, *out)):
                continue
            out.append(
                Edit(m.start(), m.end(), m[0], m[0], "kept-for-review", "doc_number", reason=LAST_DOCUMENT)
            )
    return out
