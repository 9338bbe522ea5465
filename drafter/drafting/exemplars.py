"""Exemplars scrubbed before they go into a model prompt: a model learns their structure and register, never
another region's figures, years, 文号 or name, nor a template's placeholders (X亿元, xx市, 20XX年, ***).

A clause (up to ，。；：) that holds a digit, a figure in Chinese numerals, or a placeholder is dropped; the
exemplar's own region name becomes the report's self-reference (我市). What is left must still be a passage.
"""

from __future__ import annotations

import re
from dataclasses import replace

from drafter.core.types import Passage
from drafter.figures.numbers import find_figures

CLAUSE = re.compile(r"[^，。；：！？,;:!?\n]+[，。；：！？,;:!?]?")
DIGIT = re.compile(r"[0-9０-９]")
PLACEHOLDER = re.compile(r"[XxＸｘ×]{1,}(?=[\u4e00-\u9fff年%％]|$)|[*＊]{2,}|某某|○○|□□|【\s*】")
SUFFIXES = re.compile(r"(自治区|省|市|县|区|旗|州|盟)$")
MIN_CHARS = 20


def _clean_clause(clause: str) -> bool:
    if DIGIT.search(clause) or PLACEHOLDER.search(clause):
        return False
    return not any(not f.ignored for f in find_figures(clause))


def _renamed(text: str, region: str, self_ref: str) -> str:
    if not region:
        return text
    base = SUFFIXES.sub("", region)
    for name in sorted({region, base} - {""}, key=len, reverse=True):
        if len(name) >= 2:
            text = text.replace(name, self_ref)
    return text


def scrub_text(text: str, region: str, self_ref: str) -> str:
    """The text with every clause that carries a figure, a year or a placeholder removed."""
    kept = [c for c in CLAUSE.findall(_renamed(text, region, self_ref)) if _clean_clause(c)]
    out = "".join(kept).strip()
    out = re.sub(r"[，,；;：:]+$", "", out)
    return out + "。" if out and not out.endswith(("。", "！", "？")) else out


def scrub(passages, self_ref: str) -> tuple[Passage, ...]:
    """The passages scrubbed; those left with less than a sentence are dropped."""
    out = []
    for p in passages:
        text = scrub_text(p.text, p.region, self_ref)
        if len(text) >= MIN_CHARS:
            out.append(replace(p, text=text))
    return tuple(out)
