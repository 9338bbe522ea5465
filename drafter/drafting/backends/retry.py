"""Retries for transient failures (429, 5xx, timeouts, lost connections, streams cut short).

One `Backoff` is shared by every worker thread of a run: when the server says "wait 20 s" to one
section, no other section sends a request before then. Waits end early when the run is cancelled.
Servers say how long to wait in many ways; `retry_hint` reads them all: `Retry-After` (seconds or an
HTTP date, also on 503), `retry-after-ms`, `x-ratelimit-reset-requests` / `-tokens` ("1s", "6m0s",
"20ms"), and "Please try again in 20s" inside the message.
"""

from __future__ import annotations

import email.utils
import random
import re
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")

_DURATION = re.compile(r"(\d+(?:\.\d+)?)(ms|h|m|s)")
_IN_MESSAGE = re.compile(
    r"(?:try again|retry after|retry in|请在)\s*(?:in\s*)?(\d+(?:\.\d+)?)\s*(ms|s|秒|seconds?)", re.I
)


class Transient(Exception):
    """A failure worth another try. `kind` is rate_limit | server | timeout | connection | incomplete."""

    def __init__(self, reason: str, *, kind: str, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.kind = kind
        self.retry_after = retry_after


class Cancelled(Exception):
    """The run was interrupted (Ctrl-C, SIGTERM): stop at once, keep what is finished."""


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 4  # tries in all: the first one plus the retries
    base_delay: float = 1.0  # seconds before the first retry; doubles each time
    max_delay: float = 120.0  # no single wait is longer, whatever the server says
    jitter: float = 0.1  # up to this share of the delay is added at random (spreads concurrent retries)

    def delay(self, retry: int, retry_after: float | None = None) -> float:
        """Seconds to wait before retry number `retry` (0-based); the server's hint wins if longer."""
        backoff = self.base_delay * (2**retry)
        backoff += backoff * self.jitter * random.random()
        if retry_after is not None:
            backoff = max(backoff, retry_after)
        return max(0.0, min(self.max_delay, backoff))


class Backoff:
    """When the next request may go, shared by the worker threads; waits end when `cancelled` is set."""

    def __init__(self, cancelled: threading.Event | None = None, clock: Callable[[], float] = time.monotonic):
        self.cancelled = cancelled or threading.Event()
        self._clock = clock
        self._not_before = 0.0
        self._lock = threading.Lock()

    def hold(self, seconds: float) -> None:
        """No request from any thread for `seconds` from now."""
        with self._lock:
            self._not_before = max(self._not_before, self._clock() + seconds)

    def wait(self) -> None:
        """Until requests may go again; Cancelled when the run is interrupted meanwhile."""
        while True:
            with self._lock:
                left = self._not_before - self._clock()
            if self.cancelled.is_set():
                raise Cancelled()
            if left <= 0:
                return
            self.cancelled.wait(min(left, 0.5))


def call_with_retries(
    fn: Callable[[], T],
    policy: RetryPolicy,
    *,
    sleep: Callable[[float], None] | None = None,
    backoff: Backoff | None = None,
    on_wait: Callable[[float, str], None] | None = None,
) -> T:
    """`fn()`, tried up to `policy.attempts` times while it raises Transient; the last Transient escapes.

    With a shared `backoff`, each wait holds every thread; `sleep` (tests) replaces the waiting itself;
    `on_wait(seconds, reason)` is told of each wait before it begins (the progress display says it).
    """
    gate = backoff or Backoff()
    attempts = max(1, policy.attempts)
    for retry in range(attempts):
        gate.wait()
        try:
            return fn()
        except Transient as exc:
            if retry + 1 >= attempts:
                raise
            seconds = policy.delay(retry, exc.retry_after)
            if on_wait is not None:
                on_wait(seconds, exc.reason)
            if sleep is not None:
                sleep(seconds)
            else:
                gate.hold(seconds)
    raise AssertionError("unreachable")  # pragma: no cover


def parse_retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header: a number of seconds or an HTTP date."""
    if not value:
        return None
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        seconds = when.timestamp() - time.time()
    return max(0.0, seconds)


def parse_duration(value: str | None) -> float | None:
    """Seconds from "1s", "6m0s", "20ms", "1m30.5s" or a bare number of seconds."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    parts = _DURATION.findall(value)
    if not parts:
        return None
    scale = {"ms": 0.001, "s": 1, "m": 60, "h": 3600}
    return sum(float(n) * scale[u] for n, u in parts)


def retry_hint(headers: Mapping[str, str] | None, message: str = "") -> float | None:
    """The longest wait any header or the message asks for; None when nothing says."""
    headers = {k.lower(): v for k, v in (headers or {}).items()}
    found = [
        parse_retry_after(headers.get("retry-after")),
        _ms(headers.get("retry-after-ms")),
        parse_duration(headers.get("x-ratelimit-reset-requests")),
        parse_duration(headers.get("x-ratelimit-reset-tokens")),
        _from_message(message),
    ]
    waits = [w for w in found if w is not None]
    return max(waits) if waits else None


def _ms(value: str | None) -> float | None:
    try:
        return max(0.0, float(value) / 1000) if value else None
    except ValueError:
        return None


def _from_message(message: str) -> float | None:
    match = _IN_MESSAGE.search(message or "")
    if not match:
        return None
    return float(match.group(1)) / (1000 if match.group(2).lower() == "ms" else 1)
