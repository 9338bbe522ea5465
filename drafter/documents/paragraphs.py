"""Shared by every reader: heading levels of 公文 numbering, and paragraphs laid out into one text."""

from __future__ import annotations

import re
from collections.abc import Iterable

from drafter.documents.types import Paragraph

# 公文 numbering: 一、 → 1, （一） → 2, 1. → 3, （1） → 4; markdown # marks count their hashes
_LEVELS = (
    (1, re.compile(r"^[一二三四五六七八九十]{1,3}\s?[、.．]")),
    (2, re.compile(r"^[（(]\s?[一二三四五六七八九十]{1,3}\s?[)）]")),
    (3, re.compile(r"^\d{1,2}\s?[.、．](?!\d)")),
    (4, re.compile(r"^[（(]\s?\d{1,2}\s?[)）]")),
)
_MARKDOWN = re.compile(r"^(#{1,6})\s")
# spaces a PDF or a justified layout puts next to Chinese characters ("5.21 亿元", "格 纪律 ” ，")
_CJK = r"\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef\u2014\u2018-\u201d\u2026"


IMPRINT = re.compile(r"^(?:抄送|抄报|发送|分送)[:：]|印发\s*$|^[（(]?共印\s*\d+\s*份[)）]?$")


def without_imprint(lines: list[str]) -> list[str]:
    """The lines without the closing 版记 (抄送 / …印发 / 共印N份) of a 公文: layout, not the report."""
    end = len(lines)
    while end and (IMPRINT.search(lines[end - 1].strip()) or not lines[end - 1].strip()):
        end -= 1
    return lines[:end]


def heading_level(text: str) -> int:
    """1–4 for a line opening with 公文 numbering (or a markdown heading), 0 otherwise."""
    stripped = text.strip()
    marks = _MARKDOWN.match(stripped)
    if marks:
        return min(len(marks.group(1)), 4)
    return next((level for level, pattern in _LEVELS if pattern.match(stripped)), 0)


def drop_cjk_spaces(line: str, spaces: str = " \t\u00a0\u3000") -> str:
    """The line without the `spaces` beside Chinese characters that layout, not the writer, put there."""
    run = f"[{re.escape(spaces)}]+"
    return re.sub(rf"(?<=[{_CJK}]){run}|{run}(?=[{_CJK}])", "", line)


def lay_out(blocks: Iterable[tuple[str, int]], *, headings: bool = True) -> tuple[str, tuple[Paragraph, ...]]:
    """(text, paragraphs) from (paragraph text, page) pairs: one paragraph a line, empty ones dropped."""
    paragraphs: list[Paragraph] = []
    offset = 0
    for raw, page in blocks:
        text = raw.strip(" \n\r\u3000")  # a table row keeps the tab of an empty first or last cell
        if not text.strip():
            continue
        level = heading_level(text) if headings else 0
        paragraphs.append(Paragraph(text=text, start=offset, heading=level, page=page))
        offset += len(text) + 1
    return "\n".join(p.text for p in paragraphs), tuple(paragraphs)


def split_lines(text: str) -> tuple[Paragraph, ...]:
    """The paragraphs of a plain text, each at its own offset in `text` (which is left exactly as it is)."""
    out: list[Paragraph] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            out.append(Paragraph(text=stripped, start=offset + lead, heading=heading_level(stripped)))
        offset += len(line)
    return tuple(out)


_TITLE_WORDS = ("报告", "公告", "公报", "总结", "情况", "通知")


# the issuing body on the line above a title that starts with 关于 (安岳县人民政府办公室 / 关于县政府履行教育职责的…)
_ISSUER_LINE = re.compile(
    r"(?:人民政府办公室|人民政府|政府办公室|办公室|教育局|教育厅|教育体育局|委员会|督导室)$"
)
# the first line of a title broken after 关于… (阳泉市人民政府办公室关于阳泉市人民政府 / 2021年度…的报告), not a sentence
_TITLE_HEAD = re.compile(r"关于[^。；：:，,]*$")
_SPACE_IN_WORDS = re.compile(r"(?<=[\u4e00-\u9fff])[ \t\u3000]+(?=[\u4e00-\u9fff])")


def guess_title(paragraphs: tuple[Paragraph, ...] | list[Paragraph]) -> str:
    """The report's title: an early short paragraph naming the kind of document, else the first short one; a
    title without 关于 takes the line above it that holds 关于 and the title that starts with 关于 takes the issuing
    body on the line above it (公文标题 = 发文机关 + 关于 + 事由 + 文种, often set over two lines), and spaces left
    between its words by a line joined up are dropped."""
    early = [p.text.lstrip("# ") for p in paragraphs[:12] if len(p.text) <= 60]
    named = [text for text in early if any(word in text for word in _TITLE_WORDS)]
    title = (named or early or [""])[0]
    k = early.index(title) if title in early else 0
    if "关于" not in title and k and _TITLE_HEAD.search(early[k - 1]):
        k -= 1
        title = early[k] + title
    if title.startswith("关于") and k and _ISSUER_LINE.search(early[k - 1]):
        title = early[k - 1] + title
    elif k and _TITLE_TAIL.match(title) and _TITLE_START.match(early[k - 1]):
        # 湖南省人民政府履行教育职责 / 情况自评报告: a title broken before its last words
        title = early[k - 1] + title
    return _SPACE_IN_WORDS.sub("", title)


# the last words of a title that cannot stand alone (情况自评报告, 的自查报告, 工作总结), and a line above them that
# begins the title: no punctuation, a place or body named
_TITLE_TAIL = re.compile(r"^(?:情况|的|自评|自查|工作|履职|报告)")
_TITLE_START = re.compile(r"^(?=[^。；：:，,、]{4,40}$).*(?:省|市|县|区|旗|州|盟|人民政府|教育局)")
