"""Which section each block of an edited Word file belongs to: the file's blocks aligned with the blocks that
draft.docx was built from (`export.docx_sections`), so unchanged text anchors every section and a renamed heading
is found by its ordinal between its neighbours."""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from drafter.core.errors import InputError
from drafter.core.types import Draft
from drafter.export.docx_revisions import WordParagraph, WordTable
from drafter.export.docx_sections import SectionBlock

ASCII = str.maketrans({"(": "（", ")": "）", ",": "，", ":": "：", ";": "；", "?": "？", "!": "！"})
ORDINAL = re.compile(r"^\s*(?:([一二三四五六七八九十]+)\s*[、.．]|[（(]\s*([一二三四五六七八九十]+)\s*[)）])")
FRONT_KINDS = frozenset({"header", "title", "addressee"})
MIN_HEADINGS_FOUND = 0.5  # share of the draft's numbered headings an edited file must still have


@dataclass(frozen=True)
class Placed:
    """An edited block with the section it belongs to."""

    block: WordParagraph | WordTable
    section_id: str
    heading: bool = False  # it is that section's heading line (as drafted, or renamed)


def norm(block: WordParagraph | WordTable) -> str:
    if isinstance(block, WordTable):
        return "\x00table:" + "|".join("\t".join(_squeeze(c) for c in row) for row in block.rows)
    return _squeeze(block.text)


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text).translate(ASCII)


def ordinal_of(text: str) -> str:
    """一、 → "1:一", （三） → "2:三", "" when the text does not start with a 一、/（一） ordinal."""
    found = ORDINAL.match(text)
    if not found:
        return ""
    return f"1:{found[1]}" if found[1] else f"2:{found[2]}"


def place_blocks(draft: Draft, reference: list[SectionBlock], edited: list) -> list[Placed]:
    """Every non-empty edited block with its section; InputError when the file is not a version of this draft."""
    blocks = [b for b in edited if isinstance(b, WordTable) or b.text.strip()]
    kinds = {s.spec.id: s.spec.kind for s in draft.sections}
    matcher = SequenceMatcher(
        None, [norm(r.block) for r in reference], [norm(b) for b in blocks], autojunk=False
    )
    placed: list[Placed | None] = [None] * len(blocks)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            for k in range(i2 - i1):
                ref = reference[i1 + k]
                placed[j1 + k] = Placed(blocks[j1 + k], ref.section_id, ref.heading)
        elif op == "replace":
            placed[j1:j2] = _replaced(reference[i1:i2], blocks[j1:j2], _before(reference, i1))
        elif op == "insert":
            owner = _inserted_owner(reference, i1, kinds)
            placed[j1:j2] = [Placed(b, owner) for b in blocks[j1:j2]]
    _refuse_foreign(reference, [p for p in placed if p is not None])
    return [p for p in placed if p is not None]


def _before(reference: list[SectionBlock], i: int) -> str:
    return reference[i - 1].section_id if i > 0 else reference[0].section_id if reference else ""


def _replaced(refs: list[SectionBlock], blocks: list, before: str) -> list[Placed]:
    """Edited blocks in place of drafted ones: one for one when the counts agree; otherwise by renamed headings
    (same ordinal), by distinctive styles (公文标题, 主送机关 …) and else the section of the block before."""
    if len(refs) == len(blocks):
        return [
            Placed(b, r.section_id, r.heading and ordinal_of(_text(b)) == ordinal_of(_text(r.block)))
            for r, b in zip(refs, blocks, strict=True)
        ]
    headings = {ordinal_of(_text(r.block)): r for r in refs if r.heading}
    styles = {r.block.style: r.section_id for r in refs if isinstance(r.block, WordParagraph)}
    current = refs[0].section_id if not refs[0].heading else before
    out = []
    for b in blocks:
        ref = headings.pop(ordinal_of(_text(b)), None) if ordinal_of(_text(b)) else None
        if ref is not None:
            current = ref.section_id
            out.append(Placed(b, current, True))
            continue
        style = b.style if isinstance(b, WordParagraph) else ""
        owner = styles.get(style, current) if style not in ("", "Normal") else current
        out.append(Placed(b, owner))
    return out


def _inserted_owner(reference: list[SectionBlock], i: int, kinds: dict[str, str]) -> str:
    """A block added by the editor belongs to the section before it, except right after the title block."""
    if not reference:
        return ""
    before = reference[i - 1].section_id if i > 0 else reference[0].section_id
    if (kinds.get(before) in FRONT_KINDS or before == "") and i < len(reference):
        return reference[i].section_id
    return before


def _text(block) -> str:
    return block.text if isinstance(block, WordParagraph) else ""


def _refuse_foreign(reference: list[SectionBlock], placed: list[Placed]) -> None:
    """At least one heading found as drafted, and half of them found at all (as drafted or renamed)."""
    headings = {r.section_id: norm(r.block) for r in reference if r.heading}
    found = {p.section_id for p in placed if p.heading and p.section_id in headings}
    exact = {p.section_id for p in placed if p.heading and norm(p.block) == headings.get(p.section_id)}
    if headings and (not exact or len(found) < MIN_HEADINGS_FOUND * len(headings)):
        raise InputError(
            f"此 Word 文件不是本草稿的版本 / this Word file is not a version of the draft: {len(found)} of its {len(headings)} "
            "numbered headings (一、… （一）…) were found",
            hint="请导入本目录的 draft.docx（或 redline.docx）修改稿，并保留各级标题 / import the draft.docx (or redline.docx) of this OUT after editing it, with its headings kept",
        )
