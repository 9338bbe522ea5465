"""Judging and tidying a model's reply: empty, garbled, slot names it was not given, stray Markdown."""

from __future__ import annotations

import re
from collections.abc import Iterable

from drafter.core.types import SectionSpec

SLOT = re.compile(r"\[\[\s*([^\[\]\n]+?)\s*\]\]")
_FENCE = re.compile(r"^\s*```[\w-]*\s*\n(.*?)\n\s*```\s*$", re.S)
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_JUNK = re.compile(r"[\ufffd\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ue000-\uf8ff]")
MIN_CJK_SHARE = 0.2  # of the non-space characters outside slots
MAX_JUNK_SHARE = 0.02  # replacement characters, control bytes, private-use glyphs


def slot_names(text: str) -> list[str]:
    """Slot names used in `text`, in order, without duplicates."""
    return list(dict.fromkeys(m.group(1) for m in SLOT.finditer(text)))


def clean_reply(text: str, spec: SectionSpec | None = None) -> str:
    """The body as a report wants it: no code fence, no repeated heading, no Markdown marks, tidy slots."""
    text = (text or "").strip()
    fenced = _FENCE.match(text)
    if fenced:
        text = fenced.group(1).strip()
    text = SLOT.sub(lambda m: f"[[{m.group(1)}]]", text)
    lines = [_unmark(line) for line in text.splitlines()]
    lines = [line for line in lines if line]
    if lines and spec is not None and _is_heading(lines[0], spec):
        lines = lines[1:]
    return "\n".join(lines)


def _unmark(line: str) -> str:
    line = re.sub(r"^\s*#{1,6}\s+", "", line)
    return line.replace("**", "").strip()


def _is_heading(line: str, spec: SectionSpec) -> bool:
    bare = line.strip().rstrip("：:")
    return bool(spec.heading) and bare in {spec.heading, spec.numbered_heading}


def is_garbled(text: str) -> bool:
    """Mojibake, binary junk or no Chinese at all: not a section of a Chinese report."""
    body = re.sub(r"\s+", "", SLOT.sub("", text))
    if not body:
        return True
    junk = len(_JUNK.findall(text)) / max(1, len(text))
    cjk = len(_CJK.findall(body))
    return junk > MAX_JUNK_SHARE or cjk < 2 or cjk / len(body) < MIN_CJK_SHARE


def reply_problem(text: str, allowed: Iterable[str]) -> tuple[str, list[str]]:
    """("", []) for a usable reply, else (problem code, unknown slot names): empty | garbled | unknown_slots."""
    if not text.strip():
        return "empty", []
    if is_garbled(text):
        return "garbled", []
    unknown = [name for name in slot_names(text) if name not in set(allowed)]
    return ("unknown_slots", unknown) if unknown else ("", [])
