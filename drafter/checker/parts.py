"""A long text (a collection of reports, a year's announcements joined) checked in parts, side by side.

A report is 5,000–100,000 characters and is checked whole. A text longer than `WHOLE_MAX` is cut at blank lines
into parts of about `PART` characters, preferably where a new document's title line begins. A part that does not
end or begin with a document is read with `MARGIN` characters of the text beyond, so that a figure near a cut still has its sentence, its
paragraph and the counts its share is of (the rules look back at most 3,000 characters); each figure and claim
is judged by the part that holds it. The parts are checked in processes of their own on every core the machine
gives (one part after another when it cannot fork), and the findings do not depend on how many there are.

What the checker compares across a whole text is compared within a part: a heading's year against the same
heading elsewhere, the year a text was written, a figure repeated elsewhere, the scores a total adds up. In a
collection those belong to each document, not to the collection.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import signal
import sys
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import TypeVar

WHOLE_MAX = 180_000  # characters: up to this a text is checked whole (every real report is)
PART = 120_000  # characters a part is cut at, about
MARGIN = 3_000  # characters read on each side of a part, out to the next blank line
# a title line opening a document of a collection: 第二篇：…, …自评报告, …统计公告 (no sentence ends on it)
TITLE = re.compile(
    r"\n\n[ \t\u3000]*(?:第[一二三四五六七八九十\d]+篇|[^\n。；]{4,60}(?:报告|公告|公报|总结)[ \t]*\n)"
)

Result = TypeVar("Result")


@dataclass(frozen=True)
class Part:
    """A part of a text: [start, end) is read, [own_start, own_end) is judged (its figures and claims)."""

    start: int
    end: int
    own_start: int
    own_end: int

    def owns(self, offset: int) -> bool:
        return self.own_start <= offset < self.own_end


def cut(text: str) -> list[Part]:
    """The parts `text` is checked in: one when it is short, else parts of about PART characters cut at blank
    lines (at a title line when one opens within a quarter of PART around the cut)."""
    if len(text) <= WHOLE_MAX:
        return [Part(0, len(text), 0, len(text))]
    cuts, titled = (
        [0],
        {0, len(text)},
    )  # titled: a new document begins there, nothing before it is its context
    while len(text) - cuts[-1] > PART * 3 // 2:
        at, title = _cut_near(text, cuts[-1] + PART)
        if at <= cuts[-1] or at >= len(text):
            break
        cuts.append(at)
        if title:
            titled.add(at)
    cuts.append(len(text))
    return [
        Part(
            a if a in titled else _blank_before(text, a - MARGIN),
            b if b in titled else _blank_after(text, b + MARGIN),
            a,
            b,
        )
        for a, b in zip(cuts, cuts[1:], strict=False)
    ]


def _cut_near(text: str, target: int) -> tuple[int, bool]:
    """(the offset a part ends at near `target`, whether a title line opens there): right after a blank line, a
    title line's first when there is one."""
    reach = PART // 4
    titles = [m.start() + 2 for m in TITLE.finditer(text, target - reach, target + reach)]
    if titles:
        return min(titles, key=lambda at: abs(at - target)), True
    after = text.find("\n\n", target)
    before = text.rfind("\n\n", 0, target)
    near = [k + 2 for k in (before, after) if k >= 0 and abs(k - target) <= reach]
    if near:
        return min(near, key=lambda at: abs(at - target)), False
    line = text.find("\n", target)  # no blank line near: a line break will do
    return (line + 1 if line >= 0 else len(text)), False


def _blank_before(text: str, at: int) -> int:
    if at <= 0:
        return 0
    k = text.rfind("\n\n", 0, at)
    return k + 2 if k >= 0 else 0


def _blank_after(text: str, at: int) -> int:
    if at >= len(text):
        return len(text)
    k = text.find("\n\n", at)
    return k if k >= 0 else len(text)


def run(parts: list[Part], job: Callable[[Part], Result]) -> list[Result]:
    """job(part) for each part, in order: in worker processes when there are several parts and the process may
    fork, else one after another here."""
    workers = workers_for(len(parts))
    if workers < 2:
        return [job(part) for part in parts]
    global _JOB
    _JOB = job  # inherited by the forked workers: only each Part and its result cross to them
    pool = ProcessPoolExecutor(workers, multiprocessing.get_context("fork"), initializer=_ignore_interrupt)
    try:
        return list(pool.map(_run_job, parts))
    finally:  # interrupted (Ctrl-C): the parts not begun are dropped, not checked first
        pool.shutdown(wait=True, cancel_futures=True)
        _JOB = None


_JOB: Callable[[Part], object] | None = None


def _ignore_interrupt() -> None:
    """A worker leaves Ctrl-C to the process that started it, which stops the check (no traceback per worker)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def workers_for(parts: int) -> int:
    """The processes `parts` parts are checked in: one per core, no more than parts; 1 where forking is unsafe."""
    return min(parts, _cores()) if _may_fork() else 1


def _run_job(part: Part) -> object:
    assert _JOB is not None
    return _JOB(part)


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _may_fork() -> bool:
    """Forking is safe: a Linux process with one thread (a thread holding a lock would leave it held in the child)
    that is no daemonic worker (the review's jobs: they may have no children)."""
    return (
        sys.platform.startswith("linux")
        and threading.active_count() == 1
        and not multiprocessing.current_process().daemon
    )
