"""Retries with exponential backoff for transient failures (429, 5xx, timeouts, lost connections)."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")


class Transient(Exception):
    """A failure worth another try. `kind` is rate_limit | server | timeout | connection."""

    def __init__(self, reason: str, *, kind: str, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.kind = kind
        self.retry_after = retry_after


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 4  # tries in all: the first one plus the retries
    base_delay: float = 1.0  # seconds before the first retry; doubles each time
    max_delay: float = 30.0  # no single wait is longer, whatever Retry-After says
    jitter: float = 0.1  # up to this share of the delay is added at random (spreads concurrent retries)

    def delay(self, retry: int, retry_after: float | None = None) -> float:
        """Seconds to wait before retry number `retry` (0-based); a server's Retry-After wins if longer."""
        backoff = self.base_delay * (2**retry)
        backoff += backoff * self.jitter * random.random()
        if retry_after is not None:
            backoff = max(backoff, retry_after)
        return max(0.0, min(self.max_delay, backoff))


def call_with_retries(
    fn: Callable[[], T], policy: RetryPolicy, *, sleep: Callable[[float], None] = time.sleep
) -> T:
    """`fn()`, tried up to `policy.attempts` times while it raises Transient; the last Transient escapes."""
    attempts = max(1, policy.attempts)
    for retry in range(attempts):
        try:
            return fn()
        except Transient as exc:
            if retry + 1 >= attempts:
                raise
            sleep(policy.delay(retry, exc.retry_after))
    raise AssertionError("unreachable")  # pragma: no cover


def parse_retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header given in seconds (HTTP dates are ignored: backoff applies)."""
    try:
        seconds = float(value) if value else None
    except ValueError:
        return None
    return seconds if seconds is not None and seconds >= 0 else None
