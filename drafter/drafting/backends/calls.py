"""A total deadline for every HTTP call, and cancelling every call at once (Ctrl-C, SIGTERM).

The HTTP client's own timeout bounds only the gap between two reads: a server that streams keep-alive
comments (or whitespace before a JSON body) forever would never time out. `CallGuard` wraps the client's
transport: each request gets a timer for its whole deadline; when the timer fires, or when `cancel()` is
called, the request's socket is shut down, so the blocked read returns at once wherever it is (waiting
for headers or inside the body). Between body chunks the deadline and the cancel flag are checked too.

The socket is taken from the transport's documented `trace` extension (`connection.connect_tcp.complete`
returns the network stream) and connections are not kept alive, so every request opens its own.
The openai SDK brings its HTTP client package (httpx, or httpx2 for openai 3.x): `http_module()` finds it.
"""

from __future__ import annotations

import importlib
import os
import socket
import threading
from typing import Any


def http_module() -> Any:
    """The httpx-like package the installed openai SDK uses (httpx2 for openai 3.x, else httpx)."""
    import openai

    client_class = next(c for c in openai.DefaultHttpxClient.__mro__[1:] if c.__name__ == "Client")
    return importlib.import_module(client_class.__module__.split(".")[0])


class _Call:
    """One request in flight: its sockets, its deadline timer, why it was stopped."""

    def __init__(self) -> None:
        self.sockets: list[socket.socket] = []
        self.stopped = ""  # "" | "deadline" | "cancelled"
        self.lock = threading.Lock()

    def add(self, sock: socket.socket | None) -> None:
        with self.lock:
            if sock is not None:
                self.sockets.append(sock)
            stopped = bool(self.stopped)
        if stopped and sock is not None:
            _shut(sock)

    def stop(self, why: str) -> None:
        with self.lock:
            self.stopped = self.stopped or why
            sockets = list(self.sockets)
        for sock in sockets:
            _shut(sock)


def _shut(sock: socket.socket) -> None:
    """Wake a read blocked on `sock` in another thread (a dup'd descriptor: TLS state is left alone)."""
    try:
        twin = socket.socket(fileno=os.dup(sock.fileno()))
    except OSError:
        return
    try:
        twin.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    finally:
        twin.close()


class CallGuard:
    """Deadline per request and cancel-all, around the openai SDK's HTTP transport."""

    def __init__(self, deadline: float, cancelled: threading.Event | None = None) -> None:
        self.deadline = deadline
        self.cancelled = cancelled or threading.Event()
        self._calls: set[_Call] = set()
        self._lock = threading.Lock()
        self.http = http_module()

    def client(self, timeout: float) -> Any:
        """An HTTP client for ChatOpenAI(http_client=…) whose every request is guarded."""
        http = self.http
        inner = http.HTTPTransport(limits=http.Limits(max_keepalive_connections=0))
        return http.Client(transport=_transport_class(http)(inner, self), timeout=timeout)

    def cancel(self) -> None:
        """Stop every request in flight and refuse new ones."""
        self.cancelled.set()
        with self._lock:
            calls = list(self._calls)
        for call in calls:
            call.stop("cancelled")

    def start(self) -> tuple[_Call, threading.Timer]:
        call = _Call()
        with self._lock:
            self._calls.add(call)
        if self.cancelled.is_set():
            call.stop("cancelled")
        timer = threading.Timer(self.deadline, call.stop, args=("deadline",))
        timer.daemon = True
        timer.start()
        return call, timer

    def end(self, call: _Call, timer: threading.Timer) -> None:
        timer.cancel()
        with self._lock:
            self._calls.discard(call)


class CallStopped(Exception):
    """Raised inside the transport when a call passed its deadline or was cancelled."""

    def __init__(self, why: str) -> None:
        super().__init__(why)
        self.why = why


_CLASSES: dict[int, tuple[type, type]] = {}


def _transport_class(http: Any) -> type:
    """A BaseTransport subclass of this HTTP package (built once per package)."""
    if id(http) not in _CLASSES:
        _CLASSES[id(http)] = _build_classes(http)
    return _CLASSES[id(http)][0]


def _build_classes(http: Any) -> tuple[type, type]:
    class GuardedStream(http.SyncByteStream):
        """The response body, checked against the deadline and the cancel flag between chunks."""

        def __init__(self, inner: Any, call: _Call, timer: threading.Timer, guard: CallGuard) -> None:
            self.inner, self.call, self.timer, self.guard = inner, call, timer, guard

        def __iter__(self) -> Any:
            try:
                for chunk in self.inner:
                    _raise_if_stopped(self.call, http)
                    yield chunk
                _raise_if_stopped(self.call, http)  # a shut-down socket ends an unsized body "normally"
            except (http.TransportError, OSError) as exc:
                _raise_if_stopped(self.call, http, exc)
                raise

        def close(self) -> None:
            try:
                self.inner.close()
            finally:
                self.guard.end(self.call, self.timer)

    class GuardedTransport(http.BaseTransport):
        def __init__(self, inner: Any, guard: CallGuard) -> None:
            self.inner, self.guard = inner, guard

        def handle_request(self, request: Any) -> Any:
            call, timer = self.guard.start()
            _raise_if_stopped(call, http)
            _trace_sockets(request, call)
            try:
                response = self.inner.handle_request(request)
            except Exception as exc:
                self.guard.end(call, timer)
                _raise_if_stopped(call, http, exc)
                raise
            response.stream = GuardedStream(response.stream, call, timer, self.guard)
            return response

        def close(self) -> None:
            self.inner.close()

    return GuardedTransport, GuardedStream


def _trace_sockets(request: Any, call: _Call) -> None:
    earlier = request.extensions.get("trace")

    def trace(name: str, info: dict[str, Any]) -> None:
        if name.endswith("connect_tcp.complete"):
            stream = info.get("return_value")
            call.add(stream.get_extra_info("socket") if stream is not None else None)
        if earlier is not None:
            earlier(name, info)

    request.extensions = {**request.extensions, "trace": trace}


def _raise_if_stopped(call: _Call, http: Any, cause: BaseException | None = None) -> None:
    """A call stopped by its deadline raises the package's ReadTimeout; a cancelled one CallStopped."""
    if call.stopped == "deadline":
        raise http.ReadTimeout("no complete answer within the deadline") from cause
    if call.stopped == "cancelled":
        raise CallStopped("cancelled") from cause
