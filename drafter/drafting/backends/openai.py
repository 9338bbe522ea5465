"""Any OpenAI-compatible chat endpoint (OpenAI, DeepSeek, Qwen/DashScope, vLLM, Ollama) via langchain-openai.

Retries are ours, not the client's: transient failures (429, 5xx, timeouts, lost connections, a stream
cut short) are tried again, with one backoff shared by every worker thread; a rejected key, model or
quota fails at once with BackendUnavailable; a reply that is not a complete, usable section (finish_reason
other than `stop`, empty, garbled, broken slots, …) is asked for again once with the problem stated,
then BadCompletion. Every call has a total deadline and can be cancelled (calls.py). The API key lives
only inside the client object and is redacted from everything that comes back.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse

from drafter.core.config import Settings
from drafter.core.errors import BackendUnavailable, BadCompletion, ConfigError
from drafter.core.secrets import redact, register
from drafter.drafting.backends.base import Completion, Message, SectionRequest
from drafter.drafting.backends.calls import CallGuard
from drafter.drafting.backends.failures import OFFLINE_HINT, Endpoint, classify
from drafter.drafting.backends.replies import clean_reply
from drafter.drafting.backends.retry import Backoff, RetryPolicy, Transient, call_with_retries
from drafter.drafting.backends.review import Problem, given_in, judge
from drafter.drafting.prompts import load_prompts, retry_message

DEFAULT_BASE_URL = "https://api.openai.com/v1"
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "0.0.0.0"})
LOCAL_DUMMY_KEY = "not-needed-for-a-local-server"
FINISH_PROBLEMS = {"length": "cut", "content_filter": "content_filter"}


@dataclass(frozen=True)
class Reply:
    text: str
    model: str
    tokens_in: int
    tokens_out: int
    finish_reason: str = "stop"


def is_local(base_url: str) -> bool:
    return (urlparse(base_url).hostname or "") in LOCAL_HOSTS


def api_key_for(settings: Settings, base_url: str) -> str:
    """The key to send; a local server may go without one. ConfigError when a remote one needs it, and first when
    the address is no web address (127.0.0.1:11434/v1 read as a host with no key)."""
    if urlparse(base_url).scheme not in ("http", "https"):
        raise ConfigError(
            f"接口地址须以 http:// 或 https:// 开头 / the base URL must start with http:// or https://: {base_url}",
            hint=f"如 http://{base_url.split('://')[-1]} / e.g. http://{base_url.split('://')[-1]}",
        )
    if settings.api_key:
        return settings.api_key
    if is_local(base_url):
        return LOCAL_DUMMY_KEY
    raise ConfigError(
        f"openai 后端（{base_url}）没有 API 密钥 / no API key for the openai backend at {base_url}",
        hint=f"请设置 / set OPENAI_API_KEY, {OFFLINE_HINT}",
    )


def request_options(settings: Settings) -> dict[str, Any]:
    """The body fields beside model and messages: temperature, max_tokens and the servers' switches."""
    body: dict[str, Any] = {"temperature": settings.temperature}
    if settings.max_tokens:
        body["max_tokens"] = settings.max_tokens
    if settings.thinking in ("on", "off"):
        enabled = settings.thinking == "on"
        body["enable_thinking"] = enabled  # DashScope (Qwen3)
        body["chat_template_kwargs"] = {"enable_thinking": enabled}  # vLLM / SGLang serving Qwen3
    if settings.num_ctx:
        body["options"] = {"num_ctx": settings.num_ctx}  # Ollama
    return {**body, **settings.extra_body}


class OpenAIBackend:
    """`complete(request)` against an OpenAI-compatible /chat/completions endpoint."""

    name = "openai"

    def __init__(
        self,
        settings: Settings,
        *,
        backoff: float | None = None,
        stream: bool | None = None,
        max_delay: float = 120.0,
        sleep: Callable[[float], None] | None = None,
    ) -> None:
        self.settings = settings
        self.model = settings.model
        self.base_url = (settings.base_url or DEFAULT_BASE_URL).rstrip("/")
        self.stream = settings.stream if stream is None else stream
        base = settings.retry_backoff if backoff is None else backoff
        self.policy = RetryPolicy(attempts=settings.max_retries + 1, base_delay=base, max_delay=max_delay)
        self.prompts = load_prompts(settings.prompts_dir)
        self.guard = CallGuard(settings.timeout)
        self.gate = Backoff(self.guard.cancelled)
        self.endpoint = Endpoint(self.base_url, self.model, settings.timeout)
        self._sleep = sleep
        self.on_wait: Callable[[float, str], None] | None = (
            None  # told of each retry's wait (the progress bar)
        )
        self._fatal: BackendUnavailable | None = None  # once the key, model or URL failed: fail fast after
        self._lock = threading.Lock()
        register(settings.api_key)  # redacted from replies, errors, files and logs
        self._llm = self._client(api_key_for(settings, self.base_url))

    def __repr__(self) -> str:
        return f"OpenAIBackend(model={self.model!r}, base_url={self.base_url!r})"

    def cancel(self) -> None:
        """Stop every call in flight and every wait (Ctrl-C): the worker threads end within a moment."""
        self.guard.cancel()

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
            extra_body=request_options(self.settings),
            http_client=self.guard.client(self.settings.timeout),
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
        slots = {slot.name: slot for slot in request.slots}
        messages, replies = list(request.messages), []
        for attempt in (1, 2):
            replies.append(self._ask(messages))
            text, problem = self._review(replies[-1], request, slots)
            if not problem:
                return Completion(
                    text=text,
                    model=replies[-1].model or self.model,
                    tokens_in=sum(r.tokens_in for r in replies),
                    tokens_out=sum(r.tokens_out for r in replies),
                    seconds=round(time.monotonic() - started, 3),
                )
            if attempt == 2:
                raise BadCompletion(
                    problem_message(request.spec.id, problem),
                    hint="再运行一次同一命令即可重试，或换一个 --model / run the same command again to retry it, "
                    "try another --model; " + OFFLINE_HINT,
                )
            messages += self._complaint(replies[-1].text, problem, list(slots))
        raise AssertionError("unreachable")

    def _review(self, reply: Reply, request: SectionRequest, slots: dict) -> tuple[str, Problem]:
        text = redact(clean_reply(reply.text, request.spec, slots))
        if reply.finish_reason != "stop":
            code = FINISH_PROBLEMS.get(reply.finish_reason, "unfinished")
            return text, Problem(code, (reply.finish_reason,))
        return text, judge(text, slots, given=given_in(request))

    def _complaint(self, reply: str, problem: Problem, allowed: list[str]) -> list[Message]:
        """The model's own reply (when it is worth showing) and a user message saying what is wrong."""
        shown = problem.code not in ("empty", "garbled", "content_filter")
        said = [Message("assistant", reply)] if shown and reply.strip() else []
        again = retry_message(
            self.prompts, problem.code, unknown_slots=list(problem.details), allowed_slots=allowed
        )
        return [*said, again]

    def _ask(self, messages: Sequence[Message]) -> Reply:
        """One answer, retried on transient failures; exhausted retries become a plain error."""
        try:
            return call_with_retries(
                lambda: self._invoke(messages),
                self.policy,
                sleep=self._sleep,
                backoff=self.gate,
                on_wait=self.on_wait,
            )
        except Transient as exc:
            raise self._gave_up(exc) from None

    def _gave_up(self, exc: Transient) -> BackendUnavailable | BadCompletion:
        tries = self.policy.attempts
        if exc.kind == "connection":
            return BackendUnavailable(
                f"无法连接模型服务 {self.base_url}（已试 {tries} 次）/ cannot reach the model server at "
                f"{self.base_url} ({tries} tries)",
                hint="请检查 --base-url / OPENAI_BASE_URL，以及模型服务是否在运行 / check --base-url / "
                f"OPENAI_BASE_URL and that the server runs; {OFFLINE_HINT}",
            )
        hint = f"请稍后再试，或降低 --concurrency / try again later or with a lower --concurrency; {OFFLINE_HINT}"
        if exc.kind == "timeout":
            hint = (
                f"请调大 DRAFTER_TIMEOUT（现为 {self.settings.timeout:g} 秒）或换更快的模型 / raise DRAFTER_TIMEOUT "
                f"(now {self.settings.timeout:g} s) or use a faster model; {OFFLINE_HINT}"
            )
        return BadCompletion(
            f"{self.base_url} 试了 {tries} 次都没有回答 / no answer from {self.base_url} after {tries} tries: {exc.reason}",
            hint=hint,
        )

    def _invoke(self, messages: Sequence[Message]) -> Reply:
        try:
            answer = self._llm.invoke(_to_langchain(messages))
        except Exception as exc:  # vendor exceptions stay inside this module and failures.py
            raise classify(exc, self.endpoint, self.guard.cancelled.is_set) from None
        finish = answer.response_metadata.get("finish_reason")
        if not finish:
            raise Transient("the answer ended before the server said it was complete", kind="incomplete")
        text = redact(answer.content if isinstance(answer.content, str) else _joined(answer.content))
        usage = answer.usage_metadata or {}
        model = str(answer.response_metadata.get("model_name") or answer.response_metadata.get("model") or "")
        tokens_in = usage.get("input_tokens") or _count(" ".join(m.content for m in messages), self.model)
        tokens_out = usage.get("output_tokens") or _count(text, self.model)
        return Reply(text, model, int(tokens_in), int(tokens_out), str(finish))


def _to_langchain(messages: Sequence[Message]) -> list[Any]:
    from langchain_core.messages import AIMessage, HumanMessage, SystemMessage

    kinds = {"system": SystemMessage, "user": HumanMessage, "assistant": AIMessage}
    return [kinds[m.role](content=m.content) for m in messages]


def _joined(content: list[Any]) -> str:
    parts = (p if isinstance(p, str) else str(p.get("text", "")) for p in content)
    return "".join(parts)


def _count(text: str, model: str) -> int:
    try:
        from drafter.knowledge.tokens import count_tokens

        return count_tokens(text, model)
    except Exception:  # no offline encodings: an estimate is enough for provenance
        return len(text) // 2


PROBLEM_WORDS = {
    "empty": "was empty",
    "garbled": "was garbled (not Chinese prose)",
    "foreign": "was not in Chinese (Japanese or English sentences)",
    "unknown_slots": "used slots it was not given",
    "broken_slots": "left broken [[ ]] slot brackets",
    "doubled_unit": "typed a unit after a slot that prints its own unit",
    "placeholder": "copied an exemplar's placeholder",
    "year_mismatch": "put a figure of one year in a sentence about another",
    "typed_figures": "typed figures that are in no slot and in none of the user's facts",
    "cut": "was cut off at the token limit (finish_reason length; raise DRAFTER_MAX_TOKENS)",
    "content_filter": "was blocked by the server's content filter (finish_reason content_filter)",
    "unfinished": "did not finish",
}


def problem_message(section: str, problem: Problem) -> str:
    words = PROBLEM_WORDS.get(problem.code, problem.code)
    details = f" ({', '.join(problem.details[:5])})" if problem.details else ""
    return f"章节 {section}：模型的回答两次都不合格 / section {section}: the model's reply {words}{details}, twice"
