"""Any OpenAI-compatible chat endpoint (OpenAI, DeepSeek, Qwen/DashScope, vLLM, Ollama) via langchain-openai.

Retries are ours, not the client's: transient failures (429, 5xx, timeouts, lost connections) are tried
again with exponential backoff; a rejected key or model fails at once with BackendUnavailable; an empty,
garbled or slot-breaking reply is asked for again once, with the problem stated, then BadCompletion.
The API key lives only inside the client object: never in a message, a log line or a file.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse

from drafter.core.config import Settings
from drafter.core.errors import BackendUnavailable, BadCompletion, ConfigError
from drafter.drafting.backends.base import Completion, Message, SectionRequest
from drafter.drafting.backends.replies import clean_reply, reply_problem
from drafter.drafting.backends.retry import RetryPolicy, Transient, call_with_retries, parse_retry_after
from drafter.drafting.prompts import load_prompts, retry_message

DEFAULT_BASE_URL = "https://api.openai.com/v1"
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "0.0.0.0"})
LOCAL_DUMMY_KEY = "not-needed-for-a-local-server"
OFFLINE_HINT = "or draft without a model: --backend offline"
_MODEL_MISSING = re.compile(r"model.*(not exist|not found|does not exist)", re.I)
_KEYLIKE = re.compile(r"\b(sk|key|Bearer)[-_ ]?[A-Za-z0-9_\-*]{6,}")


@dataclass(frozen=True)
class Reply:
    text: str
    model: str
    tokens_in: int
    tokens_out: int


def is_local(base_url: str) -> bool:
    return (urlparse(base_url).hostname or "") in LOCAL_HOSTS


def api_key_for(settings: Settings, base_url: str) -> str:
    """The key to send; a local server may go without one. ConfigError when a remote one needs it."""
    if settings.api_key:
        return settings.api_key
    if is_local(base_url):
        return LOCAL_DUMMY_KEY
    raise ConfigError(
        f"no API key for the openai backend at {base_url}", hint=f"set OPENAI_API_KEY, {OFFLINE_HINT}"
    )


class OpenAIBackend:
    """`complete(request)` against an OpenAI-compatible /chat/completions endpoint."""

    name = "openai"

    def __init__(
        self,
        settings: Settings,
        *,
        backoff: float | None = None,
        stream: bool | None = None,
        max_delay: float = 30.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.settings = settings
        self.model = settings.model
        self.base_url = (settings.base_url or DEFAULT_BASE_URL).rstrip("/")
        self.stream = bool(getattr(settings, "stream", False)) if stream is None else stream
        base = float(getattr(settings, "retry_backoff", 1.0)) if backoff is None else backoff
        self.policy = RetryPolicy(attempts=settings.max_retries + 1, base_delay=base, max_delay=max_delay)
        self.prompts = load_prompts(settings.prompts_dir)
        self._sleep = sleep
        self._fatal: BackendUnavailable | None = None  # once the key, model or URL failed: fail fast after
        self._lock = threading.Lock()
        self._secret = api_key_for(settings, self.base_url)
        self._llm = self._client(self._secret)

    def __repr__(self) -> str:
        return f"OpenAIBackend(model={self.model!r}, base_url={self.base_url!r})"

    def _client(self, key: str) -> Any:
        from langchain_openai import ChatOpenAI

        return ChatOpenAI(
            base_url=self.base_url,
            api_key=key,
            model=self.model,
            timeout=self.settings.timeout,
            max_retries=0,
            streaming=self.stream,
            stream_usage=True if self.stream else None,
        )

    # ------------------------------------------------------------ one section
    def complete(self, request: SectionRequest) -> Completion:
        if self._fatal is not None:  # every later section would fail the same way: say so at once
            raise BackendUnavailable(self._fatal.message, hint=self._fatal.hint)
        try:
            return self._complete(request)
        except BackendUnavailable as exc:
            with self._lock:
                self._fatal = self._fatal or exc
            raise

    def _complete(self, request: SectionRequest) -> Completion:
        started = time.monotonic()
        allowed = [slot.name for slot in request.slots]
        messages = list(request.messages)
        first = self._ask(messages)
        text = clean_reply(first.text, request.spec)
        problem, unknown = reply_problem(text, allowed)
        replies = [first]
        if problem:
            messages += self._complaint(first.text, problem, unknown, allowed)
            replies.append(self._ask(messages))
            text = clean_reply(replies[-1].text, request.spec)
            problem, unknown = reply_problem(text, allowed)
        if problem:
            raise BadCompletion(
                _problem_message(request.spec.id, problem, unknown),
                hint="run the section again, try another --model, " + OFFLINE_HINT,
            )
        return Completion(
            text=text,
            model=replies[-1].model or self.model,
            tokens_in=sum(r.tokens_in for r in replies),
            tokens_out=sum(r.tokens_out for r in replies),
            seconds=round(time.monotonic() - started, 3),
        )

    def _complaint(self, reply: str, problem: str, unknown: list[str], allowed: list[str]) -> list[Message]:
        """The model's own reply (when it is worth showing) and a user message saying what is wrong."""
        said = [Message("assistant", reply)] if problem == "unknown_slots" else []
        return [*said, retry_message(self.prompts, problem, unknown_slots=unknown, allowed_slots=allowed)]

    def _ask(self, messages: Sequence[Message]) -> Reply:
        """One answer, retried on transient failures; exhausted retries become a plain error."""
        try:
            return call_with_retries(lambda: self._invoke(messages), self.policy, sleep=self._sleep)
        except Transient as exc:
            raise self._gave_up(exc) from None

    def _gave_up(self, exc: Transient) -> BackendUnavailable | BadCompletion:
        tries = self.policy.attempts
        if exc.kind == "connection":
            return BackendUnavailable(
                f"cannot reach the model server at {self.base_url} ({tries} tries)",
                hint=f"check --base-url / OPENAI_BASE_URL and that the server runs, {OFFLINE_HINT}",
            )
        return BadCompletion(
            f"no answer from {self.base_url} after {tries} tries: {self._redact(exc.reason)}",
            hint=f"try again later or with a lower --concurrency, {OFFLINE_HINT}",
        )

    def _invoke(self, messages: Sequence[Message]) -> Reply:
        try:
            answer = self._llm.invoke(_to_langchain(messages))
        except Exception as exc:  # vendor exceptions stay inside this module
            raise self._translate(exc) from None
        text = answer.content if isinstance(answer.content, str) else _joined(answer.content)
        usage = answer.usage_metadata or {}
        model = str(answer.response_metadata.get("model_name") or answer.response_metadata.get("model") or "")
        tokens_in = usage.get("input_tokens") or _count(" ".join(m.content for m in messages), self.model)
        tokens_out = usage.get("output_tokens") or _count(text, self.model)
        return Reply(text=text, model=model, tokens_in=int(tokens_in), tokens_out=int(tokens_out))

    # ------------------------------------------------------------ errors, without the key
    def _translate(self, exc: Exception) -> Exception:
        import openai

        if isinstance(exc, openai.APITimeoutError):
            return Transient(f"timed out after {self.settings.timeout:g} s", kind="timeout")
        if isinstance(exc, openai.APIConnectionError):
            return Transient("connection failed", kind="connection")
        if isinstance(exc, openai.APIStatusError):
            return self._status_error(exc.status_code, _error_text(exc), exc.response.headers)
        return BadCompletion(
            f"the answer from {self.base_url} could not be read ({type(exc).__name__})", hint=OFFLINE_HINT
        )

    def _status_error(self, status: int, detail: str, headers: Any) -> Exception:
        detail = self._redact(detail)
        if status in (401, 403):
            return BackendUnavailable(
                f"the server at {self.base_url} rejected the API key (HTTP {status})",
                hint=f"check OPENAI_API_KEY, {OFFLINE_HINT}",
            )
        if status == 404 or (status == 400 and _MODEL_MISSING.search(detail)):
            return self._not_found(detail)
        if status == 429 and "quota" in detail.lower():
            return BackendUnavailable(
                f"the account at {self.base_url} has no quota left (HTTP 429)",
                hint=f"check the plan and billing, {OFFLINE_HINT}",
            )
        if status == 429 or status >= 500 or status == 408:
            retry_after = parse_retry_after(headers.get("retry-after")) if status == 429 else None
            kind = "rate_limit" if status == 429 else "server"
            return Transient(f"HTTP {status} {detail}".strip(), kind=kind, retry_after=retry_after)
        return BadCompletion(
            f"the server at {self.base_url} refused the request (HTTP {status}): {detail}",
            hint=f"the prompt may be too long for model {self.model!r}; {OFFLINE_HINT}",
        )

    def _not_found(self, detail: str) -> BackendUnavailable:
        if "model" in detail.lower():
            return BackendUnavailable(
                f"the server at {self.base_url} rejected the model name {self.model!r} (HTTP 404)",
                hint=f"check --model / DRAFTER_MODEL, {OFFLINE_HINT}",
            )
        return BackendUnavailable(
            f"no chat completions API at {self.base_url} (HTTP 404)",
            hint=f"the base URL usually ends in /v1; {OFFLINE_HINT}",
        )

    def _redact(self, text: str) -> str:
        text = text.replace(self._secret, "***") if self._secret else text
        return _KEYLIKE.sub("***", text)[:300]


def _to_langchain(messages: Sequence[Message]) -> list[Any]:
    from langchain_core.messages import AIMessage, HumanMessage, SystemMessage

    kinds = {"system": SystemMessage, "user": HumanMessage, "assistant": AIMessage}
    return [kinds[m.role](content=m.content) for m in messages]


def _joined(content: list[Any]) -> str:
    parts = (p if isinstance(p, str) else str(p.get("text", "")) for p in content)
    return "".join(parts)


def _error_text(exc: Any) -> str:
    body = getattr(exc, "body", None)
    if isinstance(body, dict):
        inner = body.get("error", body)
        return str(inner.get("message") or inner.get("code") or "") if isinstance(inner, dict) else str(inner)
    return str(body or "")


def _count(text: str, model: str) -> int:
    try:
        from drafter.knowledge.tokens import count_tokens

        return count_tokens(text, model)
    except Exception:  # no offline encodings: an estimate is enough for provenance
        return len(text) // 2


def _problem_message(section: str, problem: str, unknown: list[str]) -> str:
    if problem == "unknown_slots":
        return f"section {section}: the model used slots it was not given ({', '.join(unknown)}), twice"
    return f"section {section}: the model's reply was {problem}, twice"
