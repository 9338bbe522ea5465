"""Jobs for the isolation tests of drafter.review.pool: run in forkserver children, so they live in a module."""

from __future__ import annotations

import os
import signal
import time


def double(value: int) -> int:
    return value * 2


def hang(seconds: float) -> None:
    time.sleep(seconds)


def crash() -> None:
    os.kill(os.getpid(), signal.SIGSEGV)


def hog() -> int:
    return len(bytearray(3 * 1024 * 1024 * 1024))


def fail() -> None:
    raise RuntimeError("a bug")
