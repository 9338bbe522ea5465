"""`create_app(settings, workspace, token=None)`: the Starlette app behind `drafter serve`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from drafter.carry.last_read import LAST_SUFFIXES
from drafter.core.config import Settings
from drafter.core.errors import BackendError, DrafterError
from drafter.core.inputs import DEFAULT_LIMITS, METRICS_LIMITS
from drafter.export.html import render_report_html
from drafter.source.load import load_source, source_warnings, validate_file
from drafter.web.backend_form import configured_url, form_settings
from drafter.web.carry_upload import CARRY_ROUTES
from drafter.web.editing import Conflict, Editor
from drafter.web.jobs import Jobs
from drafter.web.review_views import ROUTES as REVIEW_ROUTES
from drafter.web.reviews import UPLOAD_LIMIT as REVIEW_UPLOAD_LIMIT
from drafter.web.security import LOCAL_HOSTS, MB, GuardMiddleware, PathRefused, new_csrf
from drafter.web.views import ROUTES
from drafter.web.word_upload import WORD_ROUTES
from drafter.web.workspace import Workspace

HERE = Path(__file__).resolve().parent
# bytes per uploaded file: what `drafter` itself reads from disk — a metrics file (metrics validate, draft) and
# a report (draft --from, import: last year's report or an edited draft.docx may carry photos)
UPLOAD_LIMIT = METRICS_LIMITS.max_bytes
REPORT_LIMIT = DEFAULT_LIMITS.max_bytes


class WebState:
    """What every handler needs: settings, the workspace, the editor, the jobs, templates, the CSRF token."""

    def __init__(self, settings: Settings, workspace: Path, upload_limit: int) -> None:
        self.settings = settings
        self.ws = Workspace(workspace)
        self.editor = Editor(self.ws)
        self.jobs = Jobs(self.ws)
        self.csrf = new_csrf()
        self.upload_limit = upload_limit  # a metrics file
        self.report_limit = max(upload_limit, REPORT_LIMIT)  # last year's report, an edited draft.docx
        self.env = Environment(
            loader=FileSystemLoader(HERE / "templates"),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.filters["local_time"] = local_time
        self.env.filters["note_words"] = note_words

    def validate(self, path: Path) -> list[str]:
        return [self.ws.hide_root(p) for p in validate_file(path)]

    def settings_from(self, form: Any) -> Settings:
        """The backend the editor chose; the server's API key goes only to its configured base URL."""
        return form_settings(self.settings, form)

    def backend_context(self) -> dict[str, Any]:
        s = self.settings
        return {
            "default": s.backend,
            "model": s.model,
            "base_url": s.base_url,
            "configured_url": configured_url(s),
            "key_set": bool(s.api_key),
        }

    def index_context(
        self, selected: str, uploaded: str, problems: list[str] | None = None
    ) -> dict[str, Any]:
        metrics = self.ws.metrics_files()
        return {
            "metrics_files": metrics,
            "drafts": self.ws.drafts(),
            "running": sorted(self.ws.running),
            "selected": selected if selected in metrics else "",
            "uploaded": uploaded == "1",
            "problems": problems or [],
            "warnings": self.warnings_of(selected) if uploaded == "1" and selected in metrics else [],
            "backends": self.backend_context(),
            "limit_mb": f"{self.upload_limit / MB:g}",
            "report_limit_mb": f"{self.report_limit / MB:g}",
            "workspace": self.ws.root.name,
            "last_suffixes": ",".join(LAST_SUFFIXES),
        }

    def warnings_of(self, selected: str) -> list[str]:
        """What is valid but suspicious in an uploaded metrics file (a misspelt indicator, a budget below one of its
        parts), said on the page: before, only in the server's log (new-user trial)."""
        try:
            source = load_source(self.ws.metrics_path(selected), log_warnings=False)
        except Exception:  # noqa: BLE001 - a file that passed validation; a warning is not worth a 500
            return []
        return [self.ws.hide_root(line) for line in source_warnings(source)]

    def check_html(self, name: str) -> str:
        view = self.ws.view(name)
        return render_report_html(
            view.md_text, view.report, title=f"{view.draft.report.region or name} 核对报告"
        )


def _error_page(request: Request, status: int, message: str, hint: str = "") -> Response:
    web = request.app.state.web
    html = web.env.get_template("error.html.j2").render(
        status=status, message=message, hint=hint, csrf=web.csrf, request=request
    )
    return HTMLResponse(html, status_code=status)


def _handlers() -> dict[Any, Any]:
    async def refused(request: Request, exc: PathRefused) -> Response:
        return _error_page(request, exc.status, exc.message)

    async def conflict(request: Request, exc: Conflict) -> Response:
        return _error_page(request, 409, exc.message)

    async def drafter_error(request: Request, exc: DrafterError) -> Response:
        status = 502 if isinstance(exc, BackendError) else 400
        return _error_page(request, status, request.app.state.web.ws.hide_root(exc.message), exc.hint)

    async def http_error(request: Request, exc: HTTPException) -> Response:
        return _error_page(request, exc.status_code, str(exc.detail))

    return {PathRefused: refused, Conflict: conflict, DrafterError: drafter_error, HTTPException: http_error}


def body_limit(path: str, upload_limit: int) -> int:
    """The largest file a POST to `path` may carry: reports for the review, last year's report and an edited
    Word file; a metrics file (or a small form) everywhere else."""
    if path == "/review":
        return REVIEW_UPLOAD_LIMIT
    if path == "/carry" or (path.startswith("/d/") and path.endswith("/import")):
        return max(upload_limit, REPORT_LIMIT)
    return upload_limit


def create_app(
    settings: Settings,
    workspace: Path,
    token: str | None = None,
    *,
    upload_limit: int = UPLOAD_LIMIT,
    allowed_hosts: frozenset[str] | None = None,
) -> Starlette:
    """The app. Without a token only local Host names are served (a guard against DNS rebinding)."""
    hosts = allowed_hosts if allowed_hosts is not None else (None if token else LOCAL_HOSTS)
    routes = [
        *ROUTES,
        *WORD_ROUTES,
        *CARRY_ROUTES,
        *REVIEW_ROUTES,
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    guard = Middleware(
        GuardMiddleware,
        token=token,
        allowed_hosts=hosts,
        body_limit=lambda path: body_limit(path, upload_limit),
    )
    app = Starlette(routes=routes, middleware=[guard], exception_handlers=_handlers())
    app.state.web = WebState(settings, Path(workspace), upload_limit)
    return app


def local_time(stamp: str) -> str:
    """A stored UTC time (2026-12-06T09:58:01+00:00) as the clerk's clock shows it: 2026-12-06 17:58:01."""
    import datetime as dt

    try:
        return dt.datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d %H:%M:%S")
    except (TypeError, ValueError):
        return stamp


NOTE_WORDS = {"offline templates: no exemplars used": "离线模板起草（未用范文）"}


def note_words(note: str) -> str:
    """A section's drafting note in the page's words (the stored note is for developers)."""
    return NOTE_WORDS.get(note, note)
