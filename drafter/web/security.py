"""Request guards: the access token (header, cookie, or a one-time query parameter), CSRF, host checks,
safe headers, and paths from the browser confined to the workspace."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import time
from collections.abc import Callable
from pathlib import Path

from starlette.datastructures import URL
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response

COOKIE = "drafter_token"
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
FORM_SLACK = 64 * 1024  # bytes of a form beside its file: multipart framing and the other fields
MB = 1024 * 1024
NAME = re.compile(r"^[\w\u4e00-\u9fff][\w\u4e00-\u9fff.\-]{0,79}$")
NOT_IN_NAME = re.compile(r"[^\w\u4e00-\u9fff.\-]+")
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}


class PathRefused(Exception):
    """A path from the browser that would leave the workspace (→ 400) or does not exist (→ 404)."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.message, self.status = message, status


def too_large(limit: int, prefix: str = "") -> str:
    """The refusal of an upload over `limit` bytes, in the words `drafter` uses for the same file."""
    size = f"{limit / MB:g} MB" if limit >= MB else f"{limit // 1024} KB"
    return f"{prefix}文件过大：超过 {size} 的上限 / the file is over the limit of {size}"


def cookie_value(token: str) -> str:
    """What the cookie holds: a digest of the token, never the token itself."""
    return hmac.new(token.encode("utf-8"), b"drafter-cookie", hashlib.sha256).hexdigest()


def _same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode("utf-8"), b.encode("utf-8"))


def host_name(host_header: str) -> str:
    host = host_header.strip().lower()
    if host.startswith("["):
        return host.split("]", 1)[0] + "]"
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


class GuardMiddleware(BaseHTTPMiddleware):
    """Token (when set), allowed Host names (when no token: DNS-rebinding guard), safe response headers."""

    def __init__(
        self,
        app,
        token: str | None,
        allowed_hosts: frozenset[str] | None,
        body_limit: Callable[[str], int],
    ) -> None:
        super().__init__(app)
        self.token = token or None
        self.allowed_hosts = allowed_hosts
        self.body_limit = body_limit  # path → the largest file its form may carry (the form's framing aside)

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        if (
            self.allowed_hosts is not None
            and host_name(request.headers.get("host", "")) not in self.allowed_hosts
        ):
            return _secure(PlainTextResponse("不允许的主机名 / host not allowed", status_code=400))
        if self.token and not self._authorized(request):
            return _secure(self._token_login(request) or _unauthorized())
        if request.method not in SAFE_METHODS:
            refused = self._body_refused(request)
            if refused is not None:
                return _secure(refused)
        started = time.perf_counter()
        response = await call_next(request)
        response.headers["Server-Timing"] = f"app;dur={(time.perf_counter() - started) * 1000:.1f}"
        return _secure(response)

    def _body_refused(self, request: Request) -> Response | None:
        """Uploads are size-limited before a byte is parsed: a length is required and must fit."""
        length = request.headers.get("content-length", "")
        if not length.isdigit():
            return PlainTextResponse("411 需要 Content-Length / length required", status_code=411)
        limit = self.body_limit(request.url.path)
        if int(length) > limit + FORM_SLACK:
            return PlainTextResponse(too_large(limit, "413 "), status_code=413)
        return None

    def _authorized(self, request: Request) -> bool:
        auth = request.headers.get("authorization", "")
        if auth.lower().startswith("bearer ") and _same(auth[7:].strip(), self.token):
            return True
        return _same(request.cookies.get(COOKIE, ""), cookie_value(self.token))

    def _token_login(self, request: Request) -> Response | None:
        """`?token=T` once: set the HttpOnly cookie and redirect to the same URL without the token."""
        given = request.query_params.get("token", "")
        if request.method not in SAFE_METHODS or not given or not _same(given, self.token):
            return None
        query = [(k, v) for k, v in request.query_params.multi_items() if k != "token"]
        target = URL(str(request.url)).replace_query_params(**dict(query)) if query else request.url.path
        response = RedirectResponse(str(target) if query else target, status_code=303)
        response.set_cookie(
            COOKIE,
            cookie_value(self.token),
            httponly=True,
            samesite="strict",
            secure=request.url.scheme == "https",
        )
        return response


def _unauthorized() -> Response:
    text = (
        "401 需要访问令牌 / token required: open the address with ?token=… once, "
        "or send the header `Authorization: Bearer …`."
    )
    return PlainTextResponse(text, status_code=401, headers={"WWW-Authenticate": 'Bearer realm="drafter"'})


def _secure(response: Response) -> Response:
    for key, value in HEADERS.items():
        response.headers.setdefault(key, value)
    return response


def new_csrf() -> str:
    return secrets.token_urlsafe(32)


def check_csrf(request: Request, expected: str, given: str) -> bool:
    """POST with the page's CSRF token, and (when the browser sends one) an Origin of this very host."""
    origin = request.headers.get("origin")
    if origin and origin != "null" and URL(origin).netloc != request.headers.get("host", ""):
        return False
    header = request.headers.get("x-csrf-token", "")
    return bool(expected) and (_same(given or header, expected))


def safe_name(name: str) -> str:
    """A draft or file name of one path component: letters, digits, 汉字, . _ -; never hidden or '..'."""
    if not NAME.match(name or "") or ".." in name:
        raise PathRefused(f"名称不合法 / invalid name: {name[:40]!r} → {_why_refused(name or '')}")
    return name


def _why_refused(name: str) -> str:
    """What is wrong with a refused name, in the words a user can act on."""
    if not name:
        return "名称不能为空 / the name is empty"
    if len(name) > 80:
        return "名称太长，最多 80 个字 / at most 80 characters"
    if name[0] in ".-":
        return "名称不能以 . 或 - 开头 / must not start with . or -"
    if ".." in name:
        return "名称中不能有 .. / must not hold .."
    return "只能用汉字、字母、数字和 . _ -，不能有空格或 / (use 汉字, letters, digits, . _ - only: no spaces or /)"


def upload_name(filename: str) -> str:
    """An uploaded file's own name made a safe name: what a browser sends for `阳泉 2021 数据（终稿）.xlsx`
    (spaces, brackets) becomes `阳泉_2021_数据_终稿.xlsx`; folders the name carries are dropped."""
    base = Path((filename or "").replace("\\", "/")).name
    stem, dot, suffix = base.rpartition(".") if "." in base.lstrip(".") else (base, "", "")
    stem = re.sub(r"\.{2,}", ".", NOT_IN_NAME.sub("_", stem)).strip("._-")[:70] or "upload"
    return safe_name(f"{stem}{dot}{NOT_IN_NAME.sub('', suffix)[:9]}")


def confine(workspace: Path, relative: str, *, must_exist: bool = True) -> Path:
    """`workspace/relative`, refusing absolute paths, '..', hidden parts, and symlinks that lead outside."""
    root = workspace.resolve()
    raw = (relative or "").replace("\\", "/")
    parts = [p for p in raw.split("/") if p not in ("", ".")]
    if not parts or raw.startswith("/") or "\x00" in raw or re.match(r"^[A-Za-z]:", raw):
        raise PathRefused("路径必须是工作区内的相对路径 / path must be relative to the workspace")
    if any(p == ".." or p.startswith(".") for p in parts):
        raise PathRefused("路径不能离开工作区 / path may not leave the workspace")
    path = root.joinpath(*parts)
    if must_exist and not path.exists():
        raise PathRefused(f"找不到 / not found: {'/'.join(parts)}", status=404)
    if not path.resolve().is_relative_to(root):
        raise PathRefused("路径指向工作区之外 / path leads outside the workspace", status=404)
    return path
