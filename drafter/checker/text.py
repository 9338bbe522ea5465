"""The text as the checker reads it: one normalised copy, with a map back to the offsets of the text as given.

Real reports arrive with Traditional characters (萬元, 增長), full-width digits, half-width punctuation
(",", ";", "(…)"), spaces inside and around numbers ("5.21 亿元", "752. 96万元", "增长-9.41 %") and pinyin
glosses from mirror sites ("增長(zhǎng)7.15%"). Every pattern of the checker is written for one form:
Simplified characters, Chinese punctuation, no space around a figure, one kind of line end. Characters are
replaced one for one; only spaces, glosses, line breaks inside a unit and the carriage return of a Windows line end
are deleted, and `origin` maps each normalised offset back to the original.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from drafter.core.scan import replacer

_WIDTH = str.maketrans(  # ― (horizontal bar) typed for — (em dash): ――初中。 ∶ (ratio sign): 13.07∶1
    "０１２３４５６７８９．％＋－～，：；（）！　―∶",
    "0123456789.%+-~，：；（）！ —：",
)
# words a Traditional mirror writes in their Taiwan form, as the mainland writes them (same length)
_REGIONAL = re.compile("幼稚园")
_MAINLAND = {"幼稚园": "幼儿园"}
_PUNCT = {",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "!": "！", "?": "？"}
# a pinyin gloss after a character: 学前（xuéqián）. The patterns below that would open with a lookbehind open
# with their first character instead, the lookbehind checked right after it (…(?<=X…)): a pattern that starts
# with a character class is searched for in C, one that starts with a lookbehind tries it at every character
# (a neutral tone has no mark: 的(de); a spam mirror drops Greek letters into its glosses too: 增長(chánσg))
_GLOSS = re.compile(
    r"[（(](?<=[\u4e00-\u9fff][（(])"
    r"(?:(?:[a-züα-ω]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-züα-ω]*)+|de|le|men|me|zi|zhe|ne|ma|ba)[)）]"
)
# a Greek letter or ≠ a spam mirror dropped between characters or before a figure: 就α讀, 增長≠13.5%, 1.6ε個
_JUNK = re.compile(r"[α-ωΑ-Ω≠](?<=[\u4e00-\u9fff\d)）][α-ωΑ-Ω≠])(?=[\u4e00-\u9fff\d])")
# spaces that only separate a figure from its words: "5.21 亿元", "为 19.59", "752. 96", "-9.41 %", "99.66% 、"
# (the leading lookahead only spares the lookbehinds at every character that is not a space)
_LOOSE_SPACE = re.compile(
    r"(?=[ \t\u3000\u00a0])(?:"
    r"(?<=[\d.%])[ \t\u3000\u00a0]+(?=[\u4e00-\u9fff%‰、，。；）])"
    r"|(?<=[\u4e00-\u9fff%，、：（])[ \t\u3000\u00a0]+(?=[-\d])"
    r"|(?<=\d\.)[ \t\u3000\u00a0]+(?=\d)"
    r"|(?<=[-+])[ \t\u3000\u00a0]+(?=\d)"
    r")"
)
# a line break inside a unit, from a PDF's text layer: "889 万\n元", "个百\n分点" (one break, not a paragraph's)
# (万/亿 before 元/人, 个百 before 分点, 百分 before 点: one character class first, which branch it was after it)
_BROKEN_UNIT = re.compile(
    r"[万亿百](?:(?<=[万亿])(?=[ \t\r]*\n[ \t]*[元人])|(?<=个百)(?=[ \t\r]*\n[ \t]*分点)"
    r"|(?<=百)分(?=[ \t\r]*\n[ \t]*点))"
)
_BREAK = re.compile(r"[ \t\r]*\n[ \t]*")
# a Windows line end (\r\n): its \r dropped, so that every pattern reads one kind of line end; an old Mac's lone \r
# is a line end, one for one
_CR_BEFORE_LF = re.compile(r"\r(?=\n)")
_LONE_CR = re.compile(r"\r(?!\n)")
# thousands set off by a space, as typesetting does (1 376所, 2 083所, 1 704(所次), a yearbook's 2 401 918人, 6 300平方米,
# 4 000余平方米): one
# number — groups of three digits, the last right before its unit or bracket, so table cells (131 4800, 56 1853)
# stay apart; every space between the groups goes
_THOUSANDS_SPACE = re.compile(
    r"\d(?<![\d.,]\d)\d{0,2}(?:[ \u2009\u202f\u00a0]\d{3})+(?=(?:\.\d+)?[所个個人名万萬亿億元（(平亩册余多])"
)
_GROUP_SPACE = re.compile(r"[ \u2009\u202f\u00a0]")
_PUNCT_TABLE = str.maketrans({k: v for k, v in _PUNCT.items() if k != ","})
_LOOSE_COMMA = re.compile(r",(?!(?<=\d,)\d{3}(?!\d))")  # every comma but a thousands separator
_DOT_AS_STOP = re.compile(r"。(?<=\d。)(?=\d{1,2}\s?%)")  # 89。7%: a full stop typed for the decimal point


_FULL_WIDTH = replacer(_WIDTH)
_HALF_PUNCT = replacer(_PUNCT_TABLE)


@dataclass(frozen=True)
class Text:
    """`norm` is what the checker reads; `origin(i)` is where normalised offset i lies in `original`."""

    original: str
    norm: str
    starts: tuple[int, ...] = (0,)  # normalised offset where each kept run begins
    shifts: tuple[int, ...] = (0,)  # original − normalised offset within that run

    def origin(self, offset: int) -> int:
        run = bisect.bisect_right(self.starts, offset) - 1
        return offset + self.shifts[max(run, 0)]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original (start, end) of a normalised span; its end follows the last kept character."""
        run = max(bisect.bisect_right(self.starts, start) - 1, 0)
        first = start + self.shifts[run]
        if end <= start:
            return first, first
        if run + 1 < len(self.starts) and self.starts[run + 1] <= end - 1:
            return first, self.origin(end - 1) + 1  # a cut inside the span
        return first, end + self.shifts[run]  # most spans: the last character in the start's run


@lru_cache(maxsize=1)
def _traditional() -> dict[int, str]:
    """Traditional → Simplified, one character for one (OpenCC's character table, first choice)."""
    table: dict[int, str] = {}
    data = resources.files("opencc_purepy") / "dicts" / "TSCharacters.txt"
    for line in data.read_text(encoding="utf-8").splitlines():
        source, _, targets = line.partition("\t")
        target = targets.split(" ")[0] if targets else ""
        if len(source) == 1 and len(target) == 1:
            table[ord(source)] = target
    table.pop(ord("著"), None)  # 显著 stays 显著 (OpenCC would write 显着)
    return table


@lru_cache(maxsize=1)
def _traditional_table() -> list[int | str]:
    """`_traditional` as a list indexed by code point (every other character maps to itself): str.translate
    looks a dict up once per character and pays for a KeyError at each one not in it, most of a text."""
    table = _traditional()
    return [table.get(c, c) for c in range(max(table, default=0) + 1)]


def _has_traditional(text: str) -> bool:
    return _traditional_chars().search(text) is not None


@lru_cache(maxsize=1)
def _traditional_chars() -> re.Pattern[str]:
    return re.compile("[" + re.escape("".join(chr(c) for c in _traditional())) + "]")


# a '?' right before pinyin is a character lost to mojibake (總?cè)藬?shù)), not a question's end
_LOST_CHAR = re.compile(r"\?(?=[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü])")


def _punctuation(text: str) -> str:
    """Half-width punctuation as Chinese punctuation, one for one; thousands separators stay commas; a character
    lost to mojibake is U+FFFD, no sentence end."""
    text = _HALF_PUNCT(_LOST_CHAR.sub("\ufffd", text) if "?" in text else text)
    return _LOOSE_COMMA.sub("，", text)


def normalize(original: str) -> Text:
    """The normalised Text of `original` (characters mapped one for one, loose spaces and glosses dropped)."""
    text = _FULL_WIDTH(original)
    if _has_traditional(text):
        text = text.translate(_traditional_table())  # a character past its end stays as it is
        text = _REGIONAL.sub(lambda m: _MAINLAND[m.group()], text)
    if any(c in text for c in _PUNCT):
        text = _punctuation(text)
    text = _DOT_AS_STOP.sub(".", text)
    crlf = "\r" in text
    if crlf:
        text = _LONE_CR.sub("\n", text)
    cuts = [m.span() for rx in (_GLOSS, _LOOSE_SPACE, _JUNK) for m in rx.finditer(text)]
    if crlf:
        cuts += [m.span() for m in _CR_BEFORE_LF.finditer(text)]
    cuts += [
        g.span() for m in _THOUSANDS_SPACE.finditer(text) for g in _GROUP_SPACE.finditer(text, *m.span())
    ]
    cuts += [_BREAK.match(text, m.end()).span() for m in _BROKEN_UNIT.finditer(text)]
    if "\n" in text:
        cuts += _soft_wraps(text)
    if not cuts:
        return Text(original, text)
    return _cut(original, text, sorted(cuts))


# a hard-wrapped text (a yearbook's column, a page copied from a PDF viewer): lines of about one length, broken
# mid-sentence; the break is no sentence end ("2006年共有400名\n考生参加高考,录取322人,录取率为80.5%")
WRAPPED_LINES = 3  # a block of at least this many lines, each but the last about as long as the longest
# the longest line of a wrapped block, in characters (a title and its date are shorter)
WRAP_WIDTH = (30, 120)
WRAP_SLACK = 4  # a line this much shorter than the longest still reaches the margin
_ENDS_STATEMENT = ("。", "！", "？", "；", "：", "!", "?", ";", ":")
_OPENS_ITEM = re.compile(
    r"[ \t\u3000]*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d{1,2}[、.．](?!\d)|【)"
)
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _soft_wraps(text: str) -> list[tuple[int, int]]:
    """The line breaks of hard-wrapped blocks, with the spaces around them: a line that reaches the block's margin
    and ends in no statement's end runs on into the next (not into a numbered item, not between two digits). A
    block is wrapped when at least two of its lines reach a margin of 30 characters or more; a table's rows (cells
    parted by |, tabs or runs of spaces), text mostly not Chinese and short lines (a title, its date) are not."""
    cuts: list[tuple[int, int]] = []
    block: list[tuple[int, str]] = []  # (offset, line) of the current block of non-blank lines
    offset = 0
    for line in [*text.split("\n"), ""]:
        if line.strip():
            block.append((offset, line))
        else:
            if len(block) >= WRAPPED_LINES:
                cuts += _wraps_in(text, block)
            block = []
        offset += len(line) + 1
    return cuts


def _wraps_in(text: str, block: list[tuple[int, str]]) -> list[tuple[int, int]]:
    lines = [line.strip() for _, line in block]
    widest = max(map(len, lines))
    if not WRAP_WIDTH[0] <= widest <= WRAP_WIDTH[1]:
        return []
    if any(
        "|" in line or "\t" in line or "  " in line or len(_CJK.findall(line)) * 2 < len(line)
        for line in lines
    ):
        return []  # (a table's rows: cells parted by |, tabs or runs of spaces)
    if sum(len(line) >= widest - WRAP_SLACK for line in lines[:-1]) < WRAPPED_LINES - 1:
        return []  # a wrapped block's lines reach the margin, all but its last
    cuts = []
    for k in range(len(block) - 1):
        line, following = lines[k], lines[k + 1]
        if len(line) < widest - WRAP_SLACK or line.endswith(_ENDS_STATEMENT) or _OPENS_ITEM.match(following):
            continue
        if line[-1].isdigit() and following[0].isdigit():
            continue  # (a figure broken over the line, or two: left as it is)
        end = block[k][0] + len(block[k][1].rstrip())
        m = _BREAK.match(text, end)
        if m is not None:
            cuts.append(m.span())
    return cuts


def _cut(original: str, text: str, cuts: list[tuple[int, int]]) -> Text:
    pieces, starts, shifts = [], [], []
    pos = removed = 0
    for start, end in cuts:
        if end <= pos:
            continue
        start = max(start, pos)
        pieces.append(text[pos:start])
        starts.append(pos - removed)
        shifts.append(removed)
        removed += end - start
        pos = end
    pieces.append(text[pos:])
    starts.append(pos - removed)
    shifts.append(removed)
    return Text(original, "".join(pieces), tuple(starts), tuple(shifts))
