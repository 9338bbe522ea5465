"""What an OpenAI-compatible server's failure means: retry, stop the run, or give up on this section.

Vendor exceptions (openai, langchain) are read here and nowhere else. An `{"error": …}` object is an
error wherever it arrives: as an HTTP status, in the body of an HTTP 200 (langchain raises ValueError
with it) or as an event inside a stream (openai raises APIError with it). A 429 is transient unless its
*code* says the account has no quota — DashScope and Azure say "quota" in ordinary throttling messages.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from drafter.core.errors import BackendUnavailable, BadCompletion, ContextTooLong
from drafter.core.secrets import redact
from drafter.drafting.backends.calls import CallStopped
from drafter.drafting.backends.retry import Cancelled, Transient, retry_hint

OFFLINE_HINT = "或不用模型起草 / or draft without a model: --backend offline"
NO_QUOTA_CODES = frozenset(
    {"insufficient_quota", "arrearage", "allocationquota.freeexceeded", "billing_hard_limit_reached"}
)
_MODEL_MISSING = re.compile(r"model.*(not exist|not found|does not exist)", re.I)
_CONTEXT = re.compile(
    r"maximum context length|context[ _]length|context window|too many tokens|输入长度|超过.*长度", re.I
)


@dataclass(frozen=True)
class ServerError:
    """An error as the server described it: status (0 when unknown), code, message, headers."""

    status: int
    code: str
    message: str
    headers: Mapping[str, str]


@dataclass(frozen=True)
class Endpoint:
    base_url: str
    model: str
    timeout: float


def classify(exc: Exception, where: Endpoint, cancelled: Callable[[], bool]) -> Exception:
    """The Drafter exception for a vendor exception raised by one call."""
    import openai

    if cancelled() or isinstance(exc, CallStopped | Cancelled) or isinstance(exc.__cause__, CallStopped):
        return Cancelled()
    if isinstance(exc, openai.APITimeoutError):
        return Transient(
            f"timed out after {where.timeout:g} s (DRAFTER_TIMEOUT bounds the whole call)", kind="timeout"
        )
    if isinstance(exc, openai.APIConnectionError):
        return Transient("connection failed", kind="connection")
    error = server_error(exc)
    if error is None:
        return BadCompletion(
            f"the answer from {where.base_url} could not be read ({type(exc).__name__})", hint=OFFLINE_HINT
        )
    return judge_error(error, where)


def server_error(exc: Exception) -> ServerError | None:
    """The server's own words, from whichever vendor exception carries them."""
    import openai

    if isinstance(exc, openai.APIStatusError):
        body = _error_dict(exc.body)
        return _described(exc.status_code, body, exc.response.headers, str(exc.message))
    if isinstance(exc, openai.APIError):  # an error event inside a stream
        return _described(0, _error_dict(exc.body), {}, str(exc.message))
    if isinstance(exc, ValueError) and exc.args:  # langchain: an {"error": …} in an HTTP 200 body
        body = exc.args[0] if isinstance(exc.args[0], dict) else _literal(exc.args[0])
        return _described(0, body, {}, "") if isinstance(body, dict) else None
    return None


def _literal(value: Any) -> Any:
    try:
        return ast.literal_eval(str(value))
    except (ValueError, SyntaxError):
        return None


def _error_dict(body: Any) -> dict:
    if isinstance(body, dict):
        inner = body.get("error", body)
        return inner if isinstance(inner, dict) else {"message": str(inner)}
    return {"message": str(body or "")}


def _described(status: int, body: dict, headers: Mapping[str, str], fallback: str) -> ServerError:
    code = str(body.get("code") or body.get("type") or "")
    if not status and code.isdigit():
        status = int(code)  # a gateway's {"error": {"code": 429}} in a 200 body or a stream
    message = redact(str(body.get("message") or fallback or code))[:300]
    return ServerError(status=status, code=code, message=message, headers=dict(headers or {}))


def judge_error(error: ServerError, where: Endpoint) -> Exception:
    status, code = error.status, error.code.lower()
    if code in NO_QUOTA_CODES:
        return BackendUnavailable(
            f"{where.base_url} 的账户额度已用完 / the account at {where.base_url} has no quota left ({error.code}): {error.message}",
            hint=f"请检查套餐和账单 / check the plan and billing, {OFFLINE_HINT}",
        )
    if status in (401, 403):
        return BackendUnavailable(
            f"{where.base_url} 拒绝了 API 密钥 / the server at {where.base_url} rejected the API key (HTTP {status})",
            hint=f"请检查 / check OPENAI_API_KEY, {OFFLINE_HINT}",
        )
    if status == 404 or (status == 400 and _MODEL_MISSING.search(error.message)):
        return _not_found(error.message, where)
    if status in (400, 413) and (_CONTEXT.search(error.message) or "context_length" in code):
        return ContextTooLong(
            f"提示词超出模型 {where.model!r} 的上下文长度 / the prompt is longer than model {where.model!r} accepts: {error.message}",
            hint="请把 DRAFTER_CONTEXT_TOKENS 设为模型的上下文长度 / set DRAFTER_CONTEXT_TOKENS to the model's context window (in tokens)",
        )
    if status in (408, 409, 429) or status >= 500:
        kind = "rate_limit" if status == 429 else "server"
        wait = retry_hint(error.headers, error.message)
        return Transient(f"HTTP {status or 200} {error.message}".strip(), kind=kind, retry_after=wait)
    said = f"HTTP {status}" if status else f"an error in its answer, code {error.code or 'none'}"
    return BadCompletion(
        f"{where.base_url} 拒绝了请求 / the server at {where.base_url} refused the request ({said}): {error.message}",
        hint=f"请检查 --model 和服务器设置 / check --model and the server's options; {OFFLINE_HINT}",
    )


def _not_found(detail: str, where: Endpoint) -> BackendUnavailable:
    if "model" in detail.lower():
        return BackendUnavailable(
            f"{where.base_url} 不认这个模型名 {where.model!r} / the server at {where.base_url} rejected the model name {where.model!r} (HTTP 404)",
            hint=f"请检查 --model / DRAFTER_MODEL, {OFFLINE_HINT}",
        )
    return BackendUnavailable(
        f"{where.base_url} 没有 chat completions 接口 / no chat completions API at {where.base_url} (HTTP 404)",
        hint=f"接口地址通常以 /v1 结尾 / the base URL usually ends in /v1; {OFFLINE_HINT}",
    )
