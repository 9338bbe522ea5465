"""A long text (a collection of reports, a year's announcements joined) checked in parts, side by side.

A report is 5,000–100,000 characters and is checked whole. A text longer than `WHOLE_MAX` is cut into parts of
about `PART` characters, where a new document's title line begins, else at a blank line or a line break. A part
that does not end or begin with a document is read with `MARGIN` characters of the text beyond, out to a line's
end, so that a figure near a cut still has its sentence, its paragraph and the counts its share is of (the rules
look back at most 3,000 characters); each figure and claim is judged by the part that holds it. The parts are
checked in processes of their own on every core the machine gives (one part after another when it cannot fork),
and the findings do not depend on how many there are.

The year the text was written (anachronisms) and a heading's year against the same heading elsewhere are read
from the whole text (`check.check_text`). A figure repeated far away, a score total whose items run past the
margin and the place a paragraph speaks of are read within the part.
"""

from __future__ import annotations

import multiprocessing
import pickle
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TypeVar

from drafter.checker.words import DOCUMENT_TITLE
from drafter.core.cores import usable_cores

WHOLE_MAX = 180_000  # characters: up to this a text is checked whole (every real report is)
PART = 120_000  # characters a part is cut at, about
MARGIN = 3_000  # characters read on each side of a part, out to the start or end of a line

Result = TypeVar("Result")
Other = TypeVar("Other")


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
    """The parts `text` is checked in: one when it is short, else parts of about PART characters, each cut where a
    document's title line begins within a quarter of PART of the cut (no margin there: a document is its own
    context), else after a blank line, else after a line break (a Word file's text has no blank lines)."""
    if len(text) <= WHOLE_MAX:
        return [Part(0, len(text), 0, len(text))]
    # titled: the cuts where a new document begins, nothing before it its context
    cuts, titled = [0], {0, len(text)}
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
            a if a in titled else _line_start(text, a - MARGIN),
            b if b in titled else _line_end(text, b + MARGIN),
            a,
            b,
        )
        for a, b in zip(cuts, cuts[1:], strict=False)
    ]


def _cut_near(text: str, target: int) -> tuple[int, bool]:
    """(the offset a part ends at near `target`, whether a document's title line opens there)."""
    reach = PART // 4
    low, high = target - reach, target + reach
    titles = [
        m.start()
        for m in DOCUMENT_TITLE.finditer(text, low, high)
        if m.start() > low and text.startswith("\n", m.end())  # its line ends there, not at `high`
    ]
    if titles:
        return min(titles, key=lambda at: abs(at - target)), True
    for mark in ("\n\n", "\n", "。"):  # a blank line, a line break, a sentence's end
        near = [
            k + len(mark) for k in (text.rfind(mark, low, target), text.find(mark, target, high)) if k >= 0
        ]
        if near:
            return min(near, key=lambda at: abs(at - target)), False
    return target, False


def _line_start(text: str, at: int) -> int:
    """The start of the line `at` is in (`at` itself on a line longer than MARGIN)."""
    if at <= 0:
        return 0
    k = text.rfind("\n", at - MARGIN, at)
    return k + 1 if k >= 0 else at


def _line_end(text: str, at: int) -> int:
    """The end of the line `at` is in (`at` itself on a line longer than MARGIN)."""
    if at >= len(text):
        return len(text)
    k = text.find("\n", at, at + MARGIN)
    return k if k >= 0 else at


def run(
    parts: list[Part], job: Callable[[Part], Result], meanwhile: Callable[[], Other]
) -> tuple[list[Result], Other]:
    """(job(part) for each part, in order; meanwhile()): the jobs in worker processes when there are several parts
    and the process may fork, meanwhile() here while they run; else all one after another here."""
    workers = workers_for(len(parts))
    if workers < 2:
        return [job(part) for part in parts], meanwhile()
    global _JOB
    _JOB = job  # inherited by the forked workers: only each Part and its result cross to them
    pool = ProcessPoolExecutor(workers, multiprocessing.get_context("fork"), initializer=_worker_start)
    try:
        with _signals_held():  # the workers are forked here
            results = pool.map(_run_job, parts)  # every part handed out now
        other = meanwhile()  # (a Ctrl-C held back while forking is heard here)
        return list(results), other
    finally:  # interrupted (Ctrl-C): the parts not begun are dropped, not checked first
        pool.shutdown(wait=True, cancel_futures=True)
        _JOB = None


_JOB: Callable[[Part], object] | None = None


HELD = (signal.SIGINT, signal.SIGTERM)


@contextmanager
def _signals_held() -> Iterator[None]:
    """Ctrl-C and SIGTERM held back, not lost, while the workers are forked. One that came in the middle of a fork
    raised the parent's Interrupted inside the new worker's start (or inside the parent's own after-fork hooks): a
    worker died (BrokenProcessPool, a traceback), or hung on a lock, and the check never stopped. A worker is born
    with both held, sets Ctrl-C aside and lets SIGTERM stop it (`_worker_start`); the parent hears a held one when
    they are let through."""
    before = signal.pthread_sigmask(signal.SIG_BLOCK, HELD)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def _worker_start() -> None:
    """A worker leaves Ctrl-C to the process that started it, which stops the check (no traceback per worker), and
    stops on SIGTERM (the parent's handler, inherited, would raise its Interrupted here)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, HELD)


def workers_for(parts: int) -> int:
    """The processes `parts` parts are checked in: one per core, no more than parts; 1 where forking is unsafe."""
    return min(parts, usable_cores()) if _may_fork() else 1


def _run_job(part: Part) -> object:
    """The job on a part, in a worker; an error that cannot cross back to the parent as it is (its arguments do not
    rebuild it) crosses as a RuntimeError that names it."""
    assert _JOB is not None
    try:
        return _JOB(part)
    except Exception as error:
        try:
            pickle.loads(pickle.dumps(error))
        except Exception:
            raise RuntimeError(f"{type(error).__name__}: {error}") from None
        raise


def _may_fork() -> bool:
    """Forking is safe and useful: a Linux process with one thread (a thread holding a lock would leave it held in
    the child) that no process of multiprocessing started (the review's jobs may have no children; a worker of a
    pool, this one's or a caller's, has its core already)."""
    return (
        sys.platform.startswith("linux")
        and threading.active_count() == 1
        and multiprocessing.parent_process() is None
    )
