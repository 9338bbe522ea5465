"""placeholders: unfilled slots and template marks left in a draft ([[slot]], XX, ***, 【】, {{ }}, TODO, 待补充).

A gap marker `【待补充：what to add】` is not a leftover: the writer prints it on purpose where the data lack
what a real report says (drafter.figures.gaps). It is counted in `details.gaps`, not held against the draft;
a bare 【待补充】 or （待补充） still is.
value = 1 / (1 + number found): 1.0 for a clean draft, falling with every leftover.
"""

from __future__ import annotations

import re

from drafter.evaluation.scorers.base import Issue, Score, Subject
from drafter.figures.gaps import GAP, count_gaps

NAME = "placeholders"
PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("unfilled slot", re.compile(r"\[\[[^\]\n]*\]\]")),
    ("template marker", re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\$\{[^}\n]*\}")),
    ("XX mark", re.compile(r"[XxＸｘ×]{2,}|(?<![A-Za-z+＋\d])[XＸ](?=[\u4e00-\u9fff])|某某|○○|□□")),
    ("masked figure", re.compile(r"[*＊]{3,}")),
    ("empty brackets", re.compile(r"【\s*】|\[\s*\]|（\s*）|\(\s*\)")),
    (
        "fill-in note",
        re.compile(r"【[^】\n]*(?:待|填|补充|核实)[^】\n]*】|[（(]?待(?:补充|填写|核实|完善)[）)]?"),
    ),
    ("todo", re.compile(r"\b(?:TODO|FIXME|TBD)\b", re.IGNORECASE)),
)


def find_placeholders(text: str) -> list[tuple[str, str]]:
    """(kind, matched text) for every leftover, overlapping matches reported once; gap markers are not."""
    text = GAP.sub(lambda m: "\u3000" * len(m.group(0)), text)
    found: list[tuple[int, int, str, str]] = []
    for kind, pattern in PATTERNS:
        for m in pattern.finditer(text):
            if not any(s <= m.start() < e for s, e, _, _ in found):
                found.append((m.start(), m.end(), kind, m.group()))
    return [(kind, hit) for _, _, kind, hit in sorted(found)]


def score(subject: Subject) -> Score:
    issues: list[Issue] = []
    per_section: dict[str, float] = {}
    for section, text in subject.section_texts().items():
        hits = find_placeholders(text)
        issues += [Issue(f"{kind}: {hit}", section=section, text=hit) for kind, hit in hits]
        per_section[section] = 1 / (1 + len(hits))
    n = len(issues)
    details = {"found": n, "gaps": count_gaps(subject.text)}
    return Score(NAME, 1 / (1 + n), n == 0, details, tuple(issues), per_section)
