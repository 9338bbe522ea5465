"""Long texts scanned without trying every character in Python or in a regex: a pattern's matches found
from the few places it can start, and a few characters replaced one for one.

`re.finditer` tries a pattern at every offset; a pattern that opens with optional words (已经?消除大班额)
cannot skip ahead, and on a 3 MB text that is most of its time. When every match holds one of a few
literal words (its anchors) that begins at most `before` characters after the match's start (or after a
run of digits), a match can only start in one of those short stretches: `Anchored.finditer` tries `match` there only, in text order,
and yields exactly what `finditer` yields (same leftmost, non-overlapping matches; lookbehinds see the
text before a start as they do in a search).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class Anchored:
    """A pattern with the words every match holds, each starting at most `before` characters into it, or
    after any number of `lead` characters (a pattern opening with \\d+: the digits before 号 or ：)."""

    pattern: re.Pattern[str]
    # the words, or one character and what must follow it as a pattern (a dot a Chinese character follows, not
    # every decimal point): its matches cannot overlap, so finditer finds every one
    anchors: tuple[str, ...] | re.Pattern[str]
    before: int
    lead: re.Pattern[str] | None = None  # one character that may stand before an anchor, any number of times

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        end = 0
        for first, last in self._stretches(text):
            # (a start inside the last match is passed: finditer goes on from its end)
            start = max(first, end)
            while start <= last:
                m = self.pattern.match(text, start)
                if m is None:
                    start += 1
                    continue
                yield m
                end = start = max(m.end(), start + 1)

    def _stretches(self, text: str) -> list[tuple[int, int]]:
        """The offsets a match may start at, as (first, last) stretches in text order that do not overlap: the
        stretches before each anchor, sorted and merged (no set of every offset built: an anchor found often,
        with room before it, gave thousands)."""
        spans = sorted((self._first_start(text, at), at) for at in self._anchored(text))
        merged: list[tuple[int, int]] = []
        for first, last in spans:
            if merged and first <= merged[-1][1] + 1:
                if last > merged[-1][1]:
                    merged[-1] = (merged[-1][0], last)
            else:
                merged.append((first, last))
        return merged

    def _anchored(self, text: str) -> list[int]:
        """Where an anchor starts."""
        if isinstance(self.anchors, re.Pattern):
            return [m.start() for m in self.anchors.finditer(text)]
        return [at for word in self.anchors for at in _occurrences(text, word)]

    def _first_start(self, text: str, at: int) -> int:
        """The first offset a match holding the anchor at `at` may start at."""
        start = max(0, at - self.before)
        while self.lead is not None and start > 0 and self.lead.match(text, start - 1):
            start -= 1
        return start


def _occurrences(text: str, word: str) -> list[int]:
    """Where `word` starts in `text`, overlapping ones too. A word no proper prefix of which is also its suffix
    (大班额, 实现) cannot overlap itself: a regex finds them all in C; any other is looked for one by one."""
    if any(word[:k] == word[-k:] for k in range(1, len(word))):
        found, at = [], text.find(word)
        while at >= 0:
            found.append(at)
            at = text.find(word, at + 1)
        return found
    return [m.start() for m in re.finditer(re.escape(word), text)]


def replacer(table: dict[int, int | str]) -> Callable[[str], str]:
    """`str.translate(table)` for a table of a few characters, as a regex finding them: translate looks every
    character of a Chinese text up in the table, several times slower."""
    chars = {chr(k): chr(v) if isinstance(v, int) else v for k, v in table.items()}
    rx = re.compile("[" + re.escape("".join(chars)) + "]")
    return lambda text: rx.sub(lambda m: chars[m.group()], text)
