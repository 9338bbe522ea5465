"""A real OpenAI-compatible HTTP server on 127.0.0.1, scriptable per test. No network beyond loopback.

How to use it
- In a test module:   `from fakeserver import FakeOpenAI, fake_openai  # noqa: F401`
  (pytest's default "prepend" import mode puts tests/ on sys.path: there is no tests/__init__.py.)
  To offer the fixture to every test instead, add `pytest_plugins = ["fakeserver"]` to tests/conftest.py.
- Outside pytest (bench/): `with FakeOpenAI(latency=0.3) as fake: ... fake.base_url ...`
  after putting tests/ on sys.path.

Endpoints: POST /v1/chat/completions (JSON, or SSE with `data: [DONE]` when "stream": true; a usage
chunk when stream_options.include_usage), GET /v1/models, POST /v1/embeddings (deterministic vectors).

Scripting: each queued behaviour answers one chat request, in order; with the queue empty the default
reply answers (`fake.default`, by default `slot_echo`: a Chinese sentence that uses every slot the prompt
lists as `- [[name]]`). Queue with fake.reply(text or fn(request)), fake.status(429, retry_after=0),
fake.status(500), fake.hang(seconds), fake.empty(), fake.garbled(), fake.misuse_slots(),
fake.unauthorized(), fake.model_not_found(), fake.status_with(code, message, headers=…),
fake.cut(text, finish_reason="length"|"content_filter"|None), fake.with_reasoning(text, reasoning),
fake.error_in_body(message, code=…), fake.keepalive_forever(), fake.context_too_long(). `fake.latency` delays every chat answer;
`fake.api_key` (if set) makes any other key get 401. `fake.requests` records what arrived.
stdlib ThreadingHTTPServer: one thread per connection, so slow answers never block each other.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

GARBLED = "\ufffd\ufffd\x00\x01锟斤拷\ufffd\ufffd\x1b[0m\ufffd\ufffd\ufffd\ufffd\x02\x03\ufffd\ufffd"
LISTED_SLOT = re.compile(r"^- \[\[([^\[\]\n]+)\]\]", re.M)
SLOT_LABEL = re.compile(r"^- \[\[([^\[\]\n]+)\]\]：([^，\n]*)", re.M)


@dataclass(frozen=True)
class Received:
    path: str
    body: dict[str, Any]
    headers: dict[str, str]

    @property
    def messages(self) -> list[dict[str, Any]]:
        return list(self.body.get("messages", []))

    @property
    def last_user(self) -> str:
        return next((m["content"] for m in reversed(self.messages) if m.get("role") == "user"), "")


Reply = str | Callable[[Received], str]


@dataclass
class Behaviour:
    text: Reply = ""
    status: int = 200
    error: dict[str, Any] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    latency: float | None = None  # None: the server's latency
    hang: float = 0.0  # sleep this long before answering (longer than the client's timeout)
    finish_reason: str | None = "stop"  # None: no finish_reason at all (a stream also ends without [DONE])
    reasoning: str = ""  # sent as `reasoning_content` beside the content (DeepSeek, vLLM's reasoning parser)
    body_error: dict[str, Any] = field(default_factory=dict)  # an {"error": …} in an HTTP 200 body / stream
    keepalive: float = 0.0  # > 0: send keep-alives this often and never answer (until the client gives up)


def listed_slots(request: Received) -> list[str]:
    """The slot names a drafting prompt lists (`- [[name]]：label …`), from the latest user message with any."""
    return LISTED_SLOT.findall(_latest_user_with_slots(request))


def slot_echo(request: Received) -> str:
    """The default reply: a short formal paragraph that uses every listed slot once, after its label."""
    labels = dict(SLOT_LABEL.findall(_latest_user_with_slots(request)))
    slots = "；".join(f"{labels.get(name, '')}为[[{name}]]" for name in listed_slots(request))
    first = f"{slots}。" if slots else ""
    return (
        f"我市认真履行教育职责，各项工作稳步推进。{first}全市教育事业持续健康发展，人民群众满意度不断提升。"
    )


def _latest_user_with_slots(request: Received) -> str:
    users = [m.get("content") or "" for m in request.messages if m.get("role") == "user"]
    return next((text for text in reversed(users) if LISTED_SLOT.search(text)), "")


class FakeOpenAI:
    def __init__(
        self,
        *,
        latency: float = 0.0,
        default: Reply = slot_echo,
        api_key: str = "",
        models: tuple[str, ...] = ("gpt-4o-mini", "deepseek-chat", "qwen-plus"),
        usage: bool = True,
    ):
        self.latency, self.default, self.api_key, self.models, self.usage = (
            latency,
            default,
            api_key,
            models,
            usage,
        )
        self.requests: list[Received] = []
        self._queue: deque[Behaviour] = deque()
        self._lock = threading.Lock()
        self.in_flight = 0  # chat answers being given now
        self.most_at_once = 0  # the most chat answers given at once: calls that overlapped
        self.stopping = threading.Event()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # ------------------------------------------------------------ life cycle
    def start(self) -> FakeOpenAI:
        server = _Server(("127.0.0.1", 0), _Handler)
        server.fake = self  # type: ignore[attr-defined]
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        if self._server:
            self._server.shutdown()
            self._server.server_close()

    def __enter__(self) -> FakeOpenAI:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        assert self._server, "start() the server first"
        return self._server.server_address[1]

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    # ------------------------------------------------------------ scripting
    def push(self, behaviour: Behaviour, times: int = 1) -> FakeOpenAI:
        with self._lock:
            self._queue.extend(behaviour for _ in range(times))
        return self

    def reply(self, text: Reply, *, latency: float | None = None, times: int = 1) -> FakeOpenAI:
        return self.push(Behaviour(text=text, latency=latency), times)

    def status(
        self,
        code: int,
        message: str = "",
        *,
        retry_after: float | None = None,
        code_name: str = "",
        times: int = 1,
    ) -> FakeOpenAI:
        headers = {"Retry-After": f"{retry_after:g}"} if retry_after is not None else {}
        error = {"message": message or f"fake error {code}", "type": "fake_error", "code": code_name or None}
        return self.push(Behaviour(status=code, error=error, headers=headers), times)

    def status_with(
        self, code: int, message: str, *, headers: dict[str, str], code_name: str = "", times: int = 1
    ) -> FakeOpenAI:
        """An error status with any headers (retry-after-ms, x-ratelimit-reset-*, Retry-After on a 503)."""
        error = {"message": message, "type": "fake_error", "code": code_name or None}
        return self.push(Behaviour(status=code, error=error, headers=headers), times)

    def cut(self, text: Reply, *, finish_reason: str | None = "length", times: int = 1) -> FakeOpenAI:
        """A reply that stops early: finish_reason length / content_filter, or None (no finish_reason, no [DONE])."""
        return self.push(Behaviour(text=text, finish_reason=finish_reason), times)

    def with_reasoning(self, text: Reply, reasoning: str, *, times: int = 1) -> FakeOpenAI:
        return self.push(Behaviour(text=text, reasoning=reasoning), times)

    def error_in_body(
        self, message: str, *, code: str | int | None = None, type_name: str = "server_error", times: int = 1
    ) -> FakeOpenAI:
        """HTTP 200 whose body (or stream event) is {"error": {...}}, as some gateways send."""
        error = {"message": message, "type": type_name, "code": code}
        return self.push(Behaviour(body_error=error), times)

    def keepalive_forever(self, every: float = 0.1, *, times: int = 1) -> FakeOpenAI:
        """Keep-alive comments (stream) or whitespace (JSON) every `every` s, and never an answer."""
        return self.push(Behaviour(keepalive=every), times)

    def context_too_long(self, times: int = 1) -> FakeOpenAI:
        message = (
            "This model's maximum context length is 8192 tokens. However, your messages resulted in "
            "12000 tokens. Please reduce the length of the messages."
        )
        return self.status(400, message, code_name="context_length_exceeded", times=times)

    def hang(self, seconds: float, *, times: int = 1) -> FakeOpenAI:
        return self.push(Behaviour(text=slot_echo, hang=seconds), times)

    def empty(self, times: int = 1) -> FakeOpenAI:
        return self.reply("", times=times)

    def garbled(self, times: int = 1) -> FakeOpenAI:
        return self.reply(GARBLED, times=times)

    def misuse_slots(self, name: str = "fund.invented_metric@2099", times: int = 1) -> FakeOpenAI:
        return self.reply(f"我市教育投入持续增加，达到[[{name}]]，成效明显。", times=times)

    def unauthorized(self, times: int = 1) -> FakeOpenAI:
        return self.status(401, "Incorrect API key provided", code_name="invalid_api_key", times=times)

    def model_not_found(self, model: str = "no-such-model", times: int = 1) -> FakeOpenAI:
        return self.status(
            404, f"The model `{model}` does not exist", code_name="model_not_found", times=times
        )

    def next_behaviour(self, request: Received) -> Behaviour:
        with self._lock:
            self.requests.append(request)
            if self.api_key and request.headers.get("authorization") != f"Bearer {self.api_key}":
                return Behaviour(
                    status=401, error={"message": "Incorrect API key provided", "code": "invalid_api_key"}
                )
            return self._queue.popleft() if self._queue else Behaviour(text=self.default)

    @property
    def chat_requests(self) -> list[Received]:
        return [r for r in self.requests if r.path.endswith("/chat/completions")]

    def sleep(self, seconds: float) -> None:
        """Sleep, but wake when the server stops (so a hung answer never outlives its test)."""
        self.stopping.wait(seconds)


class _Server(ThreadingHTTPServer):
    daemon_threads = True  # a hung answer never keeps the process alive
    request_queue_size = 128  # 20+ clients connecting at once are not dropped from the backlog


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"  # one request per connection: the end of a stream is the close

    @property
    def fake(self) -> FakeOpenAI:
        return self.server.fake  # type: ignore[attr-defined]

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        pass

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        if self.path.rstrip("/").endswith("/models"):
            data = [{"id": m, "object": "model", "created": 0, "owned_by": "fake"} for m in self.fake.models]
            return self._json(200, {"object": "list", "data": data})
        self._json(404, {"error": {"message": f"no route {self.path}", "type": "not_found"}})

    def do_POST(self) -> None:  # noqa: N802 - stdlib name
        length = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(length) or b"{}")
        request = Received(self.path, body, {k.lower(): v for k, v in self.headers.items()})
        try:
            if self.path.endswith("/chat/completions"):
                return self._chat(request)
            if self.path.endswith("/embeddings"):
                return self._embeddings(request)
            self._json(404, {"error": {"message": f"no route {self.path}", "type": "not_found"}})
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (its timeout): fine
            pass

    def _chat(self, request: Received) -> None:
        with self.fake._lock:
            self.fake.in_flight += 1
            self.fake.most_at_once = max(self.fake.most_at_once, self.fake.in_flight)
        try:
            self._answer(request)
        finally:
            with self.fake._lock:
                self.fake.in_flight -= 1

    def _answer(self, request: Received) -> None:
        behaviour = self.fake.next_behaviour(request)
        self.fake.sleep(self.fake.latency if behaviour.latency is None else behaviour.latency)
        if behaviour.hang:
            self.fake.sleep(behaviour.hang)
        if behaviour.status != 200:
            return self._json(behaviour.status, {"error": behaviour.error}, behaviour.headers)
        if behaviour.keepalive:
            return self._keepalive(request, behaviour.keepalive)
        text = behaviour.text(request) if callable(behaviour.text) else behaviour.text
        model = request.body.get("model", "fake")
        if request.body.get("stream"):
            return self._stream(request, text, model, behaviour)
        if behaviour.body_error:
            return self._json(200, {"error": behaviour.body_error})
        message = {"role": "assistant", "content": text}
        if behaviour.reasoning:
            message["reasoning_content"] = behaviour.reasoning
        payload = {
            "id": "chatcmpl-fake",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": model,
            "choices": [{"index": 0, "message": message, "finish_reason": behaviour.finish_reason}],
        }
        if self.fake.usage:
            payload["usage"] = _usage(request, text)
        self._json(200, payload)

    def _keepalive(self, request: Received, every: float) -> None:
        """Headers at once, then keep-alives until the client hangs up or the server stops."""
        stream = bool(request.body.get("stream"))
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream" if stream else "application/json")
        self.end_headers()
        while not self.fake.stopping.is_set():
            self.wfile.write(b": keep-alive\n\n" if stream else b" ")
            self.wfile.flush()
            self.fake.sleep(every)

    def _stream(self, request: Received, text: str, model: str, behaviour: Behaviour) -> None:
        include_usage = bool((request.body.get("stream_options") or {}).get("include_usage"))
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        base = {
            "id": "chatcmpl-fake",
            "object": "chat.completion.chunk",
            "created": int(time.time()),
            "model": model,
        }
        if behaviour.reasoning:
            delta = {"role": "assistant", "content": "", "reasoning_content": behaviour.reasoning}
            self._event({**base, "choices": [{"index": 0, "delta": delta, "finish_reason": None}]})
        pieces = [text[i : i + 8] for i in range(0, len(text), 8)] or [""]
        for n, piece in enumerate(pieces):
            delta = {"role": "assistant", "content": piece} if n == 0 else {"content": piece}
            self._event({**base, "choices": [{"index": 0, "delta": delta, "finish_reason": None}]})
            if behaviour.body_error and n == len(pieces) // 2:
                self._event({"error": behaviour.body_error})
                return
        if behaviour.finish_reason is None:  # the connection just ends: no finish_reason, no [DONE]
            return
        finish = {"index": 0, "delta": {}, "finish_reason": behaviour.finish_reason}
        self._event({**base, "choices": [finish]})
        if include_usage and self.fake.usage:
            self._event({**base, "choices": [], "usage": _usage(request, text)})
        self.wfile.write(b"data: [DONE]\n\n")
        self.wfile.flush()

    def _event(self, data: dict[str, Any]) -> None:
        self.wfile.write(f"data: {json.dumps(data, ensure_ascii=False)}\n\n".encode())
        self.wfile.flush()

    def _embeddings(self, request: Received) -> None:
        inputs = request.body.get("input", [])
        inputs = [inputs] if isinstance(inputs, str) else inputs
        data = [
            {"object": "embedding", "index": i, "embedding": _vector(str(t))} for i, t in enumerate(inputs)
        ]
        self._json(
            200,
            {
                "object": "list",
                "data": data,
                "model": request.body.get("model", "fake"),
                "usage": {"prompt_tokens": 0, "total_tokens": 0},
            },
        )

    def _json(self, status: int, payload: dict[str, Any], headers: dict[str, str] | None = None) -> None:
        raw = json.dumps(payload, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(raw)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(raw)


def _usage(request: Received, text: str) -> dict[str, int]:
    prompt = sum(len(str(m.get("content", ""))) for m in request.messages) // 2
    completion = max(1, len(text) // 2)
    return {"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion}


def _vector(text: str, dim: int = 16) -> list[float]:
    digest = hashlib.sha256(text.encode()).digest()
    raw = [b - 127.5 for b in digest[:dim]]
    norm = math.sqrt(sum(v * v for v in raw)) or 1.0
    return [v / norm for v in raw]


@pytest.fixture
def fake_openai():
    """A started FakeOpenAI; stopped after the test."""
    with FakeOpenAI() as fake:
        yield fake
