"""Tidying a model's reply into a section body: reasoning, chatter, fences, repeated headings, slot spelling.

What real models send around the answer: `<think>…</think>` (or a lone `</think>` after the reasoning,
Qwen3.5), "好的，以下是…" before and "如需调整请告诉我" after it, a ```markdown fence, a `**六、标题**` or
`## 标题` line that repeats the section title, Traditional characters, and slots spelt with spaces,
full-width brackets or commas (`［［growth(a，2019， 2020)］］`, `【a@2020】`). All of that is removed or
normalised here; what cannot be repaired is judged by `review.py`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from drafter.core.types import SectionSpec

SLOT = re.compile(r"\[\[\s*([^\[\]\n]+?)\s*\]\]")
_FENCE = re.compile(r"```[\w-]*[ \t]*\n(.*?)\n[ \t]*```", re.S)
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_JUNK = re.compile(r"[\ufffd\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ue000-\uf8ff]")
MIN_CJK_SHARE = 0.2  # of the non-space characters outside slots
MAX_JUNK_SHARE = 0.02  # replacement characters, control bytes, private-use glyphs

_THINK_BLOCK = re.compile(r"<think(?:ing)?>.*?</think(?:ing)?>", re.S | re.I)
_THINK_END = re.compile(r"</think(?:ing)?>", re.I)
_THINK_OPEN = re.compile(r"<think(?:ing)?>", re.I)
# chatter a model puts before or after the body: whole lines only, never inside a paragraph
_LEAD_CHATTER = re.compile(
    r"^(好的|当然|没问题|以下是|下面是|根据您的要求|根据你的要求|按照您的要求|遵照|收到|明白)"
    r"|^(Sure|Okay|OK|Here is|Here's)\b",
    re.I,
)
_TAIL_CHATTER = re.compile(
    r"(如需|如果需要|若需|如有需要|需要调整|希望(以上|这|本)?.{0,6}(帮助|满意)|请告诉我|请随时|欢迎指正"
    r"|以上(内容|是|为)|仅供参考)"
)
_FULLWIDTH = str.maketrans({"，": ",", "（": "(", "）": ")", "＠": "@", "．": ".", "　": " "})
_WIDE_SLOT = re.compile(r"(?:［［|【【|\[［|［\[)\s*([^\[\]［］【】\n]+?)\s*(?:］］|】】|\]］|］\])")
_LENTICULAR = re.compile(r"【\s*([^【】\n]+?)\s*】")


def slot_names(text: str) -> list[str]:
    """Slot names used in `text`, in order, without duplicates."""
    return list(dict.fromkeys(m.group(1) for m in SLOT.finditer(text)))


def answer_only(text: str) -> str:
    """The answer without the model's reasoning: <think> blocks, or everything up to a lone </think>."""
    text = _THINK_BLOCK.sub("", text or "")
    ends = list(_THINK_END.finditer(text))
    if ends:
        text = text[ends[-1].end() :]
    opened = _THINK_OPEN.search(text)
    return text[: opened.start()] if opened else text  # an unclosed <think>: reasoning to the end


def compact_slot(name: str) -> str:
    """A slot name as the table spells it: ASCII brackets and commas, no spaces."""
    return re.sub(r"\s+", "", name.translate(_FULLWIDTH))


def normalise_slots(text: str, known: Iterable[str] = ()) -> str:
    """`［［a ,2019］］`, `【【…】】` and `[[ a（2019， 2020） ]]` → `[[a(2019,2020)]]`; `【a@2020】` only when
    `a@2020` is a slot this section knows (a 【待补充：…】 gap stays as it is)."""

    names = set(known)
    text = _WIDE_SLOT.sub(lambda m: f"[[{m.group(1)}]]", text)
    text = _LENTICULAR.sub(
        lambda m: f"[[{compact_slot(m.group(1))}]]" if compact_slot(m.group(1)) in names else m.group(0),
        text,
    )
    return SLOT.sub(lambda m: f"[[{compact_slot(m.group(1))}]]", text)


@lru_cache(maxsize=1)
def _t2s():  # -> opencc_purepy.OpenCC
    from opencc_purepy import OpenCC

    return OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional characters converted (億元 → 亿元); slot names are ASCII and stay as they are."""
    return _t2s().convert(text) if text else text


def _outside_fence(text: str) -> str:
    """The fenced part when a reply wraps its body in ``` (with chatter before or after it)."""
    fenced = _FENCE.search(text)
    return fenced.group(1) if fenced else text


def _unmark(line: str) -> str:
    line = re.sub(r"^\s*#{1,6}\s*", "", line)
    return re.sub(r"\*\*([^*\n]+?)\*\*", r"\1", line).strip()  # bold marks, not a *** mask


def _bare_heading(line: str) -> str:
    """A heading line without marks, ordinal and trailing colon: `**六、下一步打算：**` → 下一步打算."""
    line = _unmark(line).rstrip("：:")
    return re.sub(r"^(?:[（(]?[一二三四五六七八九十]+[）)]?[、.．]?|\d+[.．、])\s*", "", line).strip()


def _is_heading(line: str, spec: SectionSpec) -> bool:
    if not spec.heading:
        return False
    bare = _bare_heading(line)
    return bare in {spec.heading, spec.numbered_heading} or (len(bare) <= 30 and bare == spec.heading)


def _trim_chatter(lines: list[str]) -> list[str]:
    while lines and _LEAD_CHATTER.search(lines[0]) and _is_chatter_line(lines[0]):
        lines = lines[1:]
    while lines and _TAIL_CHATTER.search(lines[-1]) and _is_chatter_line(lines[-1]):
        lines = lines[:-1]
    return lines


def _is_chatter_line(line: str) -> bool:
    """A line about the answer, not part of it: short, no slot, ends with a colon or is addressed to the user."""
    return "[[" not in line and (len(line) <= 60 or line.endswith(("：", ":")))


def clean_reply(text: str, spec: SectionSpec | None = None, known: Iterable[str] = ()) -> str:
    """The body as a report wants it: answer only, no chatter, fence, repeated heading or Markdown marks,
    Simplified characters, slots spelt as the table spells them."""

    text = to_simplified(_outside_fence(answer_only(text).strip()))
    text = normalise_slots(text, known)
    lines = [line for line in (_unmark(raw) for raw in text.splitlines()) if line]
    lines = _trim_chatter(lines)
    while lines and spec is not None and _is_heading(lines[0], spec):
        lines = lines[1:]
    return "\n".join(lines)


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
