"""The routes: workspace (pick/upload metrics, start a draft), job progress (SSE), the draft page, section
edit/regenerate/accept/reject, downloads. Handlers parse, call workspace/editing/jobs, render a template."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote, urlencode

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, RedirectResponse, Response, StreamingResponse
from starlette.routing import Route

from drafter.core.errors import InputError
from drafter.outdir.names import CHECK_FILE, DOCX_FILE, DRAFT_FILE, MD_FILE
from drafter.web.jobs import stream
from drafter.web.render import blocks, diff_html, flags
from drafter.web.security import PathRefused, check_csrf, safe_name, too_large

DOWNLOADS = {
    DOCX_FILE: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    MD_FILE: "text/markdown; charset=utf-8",
    CHECK_FILE: "application/json",
    DRAFT_FILE: "application/json",
}


def page(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    web = request.app.state.web
    html = web.env.get_template(template).render(csrf=web.csrf, request=request, **context)
    return HTMLResponse(html, status_code=status)


def back(url: str, **query: str) -> RedirectResponse:
    return RedirectResponse(f"{url}?{urlencode(query)}" if query else url, status_code=303)


async def form_of(request: Request) -> Any:
    """The POSTed form, once its CSRF token is proven; otherwise a 403."""
    web = request.app.state.web
    form = await request.form(max_files=1, max_fields=30, max_part_size=256 * 1024)
    token = form.get("csrf")
    if not check_csrf(request, web.csrf, token if isinstance(token, str) else ""):
        raise PathRefused(
            "CSRF 校验失败：请刷新页面后重试 / CSRF check failed: reload the page and try again", 403
        )
    return form


def field(form: Any, name: str, default: str = "") -> str:
    value = form.get(name, default)
    return value.strip() if isinstance(value, str) else default


# ------------------------------------------------------------------ workspace
async def index(request: Request) -> Response:
    web = request.app.state.web
    return page(
        request,
        "index.html.j2",
        **web.index_context(
            selected=request.query_params.get("metrics", ""),
            uploaded=request.query_params.get("uploaded", ""),
        ),
    )


async def upload(request: Request) -> Response:
    web = request.app.state.web
    form = await form_of(request)
    upload = form.get("file")
    if upload is None or isinstance(upload, str) or not upload.filename:
        raise InputError("请选择一个文件 / choose a file to upload")
    data = await upload.read(web.upload_limit + 1)
    if len(data) > web.upload_limit:
        raise InputError(too_large(web.upload_limit))
    path, problems = await run_in_threadpool(web.ws.save_upload, upload.filename, data, web.validate)
    if problems:  # an invalid upload is not kept (and a good file of the same name stays as it was)
        return page(request, "index.html.j2", status=400, **web.index_context("", "", problems))
    return back("/", metrics=web.ws.relative(path), uploaded="1")


async def start_draft(request: Request) -> Response:
    web = request.app.state.web
    form = await form_of(request)
    metrics = web.ws.metrics_path(field(form, "metrics"))
    name = safe_name(field(form, "name") or metrics.stem)
    problems = await run_in_threadpool(web.validate, metrics)
    if problems:
        return page(
            request, "index.html.j2", status=400, **web.index_context(web.ws.relative(metrics), "", problems)
        )
    job = web.jobs.start(name, metrics, web.settings_from(form))
    return back(f"/jobs/{job.id}")


async def job_page(request: Request) -> Response:
    job = _job(request)
    return page(request, "job.html.j2", job=job)


async def job_events(request: Request) -> Response:
    job = _job(request)
    start = (
        int(request.headers.get("last-event-id", "-1")) + 1
        if request.headers.get("last-event-id", "").isdigit()
        else 0
    )
    return StreamingResponse(
        stream(job, request.is_disconnected, start),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
    )


def _job(request: Request):
    job = request.app.state.web.jobs.jobs.get(request.path_params["job"])
    if job is None:
        raise PathRefused("没有这个起草任务（服务重启后任务记录会清空）/ no such job", 404)
    return job


# ------------------------------------------------------------------ the draft
async def draft_page(request: Request) -> Response:
    web = request.app.state.web
    name = request.path_params["name"]
    view = await run_in_threadpool(web.ws.view, safe_name(name))
    return page(
        request,
        "draft.html.j2",
        view=view,
        blocks=blocks(view),
        flags=flags(view),
        summary=view.report.summary,
        running=name in web.ws.running,
        notice=request.query_params.get("n", ""),
        backends=web.backend_context(),
    )


async def download(request: Request) -> Response:
    web = request.app.state.web
    name, file = safe_name(request.path_params["name"]), request.path_params["file"]
    web.ws.out_dir(name)
    if file == "check.html":
        return HTMLResponse(
            await run_in_threadpool(web.check_html, name), headers=_attachment(f"{name}-check.html")
        )
    if file not in DOWNLOADS:
        raise PathRefused(f"没有这个文件 / no such file: {file}", 404)
    path = web.ws.draft_file(name, file)  # symlinks resolved: only files inside the workspace are served
    return FileResponse(path, media_type=DOWNLOADS[file], headers=_attachment(f"{name}-{file}"))


def _attachment(filename: str) -> dict[str, str]:
    return {"Content-Disposition": f"attachment; filename*=UTF-8''{quote(filename)}"}


async def edit_section(request: Request) -> Response:
    web = request.app.state.web
    form = await form_of(request)
    name, sid = safe_name(request.path_params["name"]), request.path_params["section"]
    await run_in_threadpool(web.editor.edit, name, sid, field(form, "text"), field(form, "version"))
    return RedirectResponse(f"/d/{quote(name)}?n=edited#s-{quote(sid)}", status_code=303)


async def regenerate(request: Request) -> Response:
    web = request.app.state.web
    form = await form_of(request)
    name, sid = safe_name(request.path_params["name"]), request.path_params["section"]
    proposal = await run_in_threadpool(
        lambda: web.editor.propose(
            name,
            sid,
            web.settings_from(form),
            instructions=field(form, "instructions"),
            version=field(form, "version"),
            force=field(form, "force") == "1",
        )
    )
    return RedirectResponse(f"/d/{quote(name)}/p/{proposal.id}", status_code=303)


async def proposal_page(request: Request) -> Response:
    web = request.app.state.web
    name = safe_name(request.path_params["name"])
    proposal = web.editor.get(name, request.path_params["proposal"])
    old, new = diff_html(proposal.old.text, proposal.new.text)
    return page(
        request,
        "proposal.html.j2",
        name=name,
        proposal=proposal,
        old_html=old,
        new_html=new,
        same=proposal.old.text == proposal.new.text,
    )


async def decide(request: Request) -> Response:
    web = request.app.state.web
    await form_of(request)
    name, pid = safe_name(request.path_params["name"]), request.path_params["proposal"]
    if request.path_params["decision"] not in ("accept", "reject"):
        raise PathRefused("未知操作 / unknown decision", 404)
    sid = web.editor.get(name, pid).section_id
    if request.path_params["decision"] == "accept":
        await run_in_threadpool(web.editor.accept, name, pid)
        return RedirectResponse(f"/d/{quote(name)}?n=accepted#s-{quote(sid)}", status_code=303)
    web.editor.reject(name, pid)
    return RedirectResponse(f"/d/{quote(name)}?n=rejected#s-{quote(sid)}", status_code=303)


async def status(request: Request) -> Response:
    """A small JSON for scripts and the load test: the drafts and running jobs (no secrets)."""
    web = request.app.state.web
    body = {"drafts": web.ws.drafts(), "running": sorted(web.ws.running)}
    return Response(json.dumps(body, ensure_ascii=False), media_type="application/json")


ROUTES = [
    Route("/", index),
    Route("/upload", upload, methods=["POST"]),
    Route("/drafts", start_draft, methods=["POST"]),
    Route("/status.json", status),
    Route("/jobs/{job}", job_page),
    Route("/jobs/{job}/events", job_events),
    Route("/d/{name}", draft_page),
    Route("/d/{name}/files/{file}", download),
    Route("/d/{name}/s/{section}/edit", edit_section, methods=["POST"]),
    Route("/d/{name}/s/{section}/regenerate", regenerate, methods=["POST"]),
    Route("/d/{name}/p/{proposal}", proposal_page),
    Route("/d/{name}/p/{proposal}/{decision:str}", decide, methods=["POST"]),
]
