"""The workspace page's “沿用去年的报告”: last year's report uploaded beside a metrics file and carried forward like
`drafter draft METRICS --from LAST -o workspace/NAME`; the upload lives in a temp file only while it is read.
Also the two files a carried draft adds: redline.docx and changes.json."""

from __future__ import annotations

import tempfile
from pathlib import Path
from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response
from starlette.routing import Route

from drafter.carry.changes import CHANGES_FILE, REDLINE_FILE
from drafter.carry.last_read import LAST_SUFFIXES
from drafter.core.errors import InputError
from drafter.web.editing import Conflict
from drafter.web.security import PathRefused, safe_name, too_large
from drafter.web.views import field, form_of

CARRY_FILES = {
    REDLINE_FILE: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    CHANGES_FILE: "application/json",
}


async def carry(request: Request) -> Response:
    web = request.app.state.web
    form = await form_of(request)
    metrics = web.ws.metrics_path(field(form, "metrics"))
    name = safe_name(field(form, "name") or metrics.stem)
    upload = form.get("last")
    if upload is None or isinstance(upload, str) or not upload.filename:
        raise InputError(f"请选择去年的报告 / choose last year's report ({' '.join(LAST_SUFFIXES)})")
    suffix = Path(upload.filename).suffix.lower()
    if suffix not in LAST_SUFFIXES:
        raise InputError(
            f"去年的报告须为 {'、'.join(LAST_SUFFIXES)} 之一 / last year's report must be one of {', '.join(LAST_SUFFIXES)}"
        )
    data = await upload.read(web.report_limit + 1)
    if len(data) > web.report_limit:
        raise InputError(too_large(web.report_limit))
    settings = web.settings_from(form)
    await run_in_threadpool(_carry, web, name, metrics, data, Path(upload.filename).name, settings)
    return RedirectResponse(f"/d/{quote(name)}?n=carried", status_code=303)


def _carry(web, name: str, metrics: Path, data: bytes, filename: str, settings) -> None:
    from drafter.carry.run import run_carry

    if name in web.ws.running:
        raise Conflict(f"草稿 {name} 正在起草中 / the draft is being drafted: wait for it to finish")
    with web.ws.lock(name), tempfile.TemporaryDirectory(prefix="drafter-last-") as tmp:
        path = Path(tmp) / f"last{Path(filename).suffix.lower()}"
        path.write_bytes(data)
        try:
            run_carry(metrics, path, web.ws.out_dir(name, must_exist=False), settings, last_name=filename)
        except InputError as exc:  # name the file as the editor knows it, not the temp path
            raise InputError(exc.message.replace(str(path), filename), hint=exc.hint) from None


async def carry_file(request: Request) -> Response:
    web = request.app.state.web
    name, file = safe_name(request.path_params["name"]), request.path_params["file"]
    path = web.ws.out_dir(name) / file
    if file not in CARRY_FILES or not path.is_file():
        raise PathRefused(f"没有这个文件 / no such file: {file}", 404)
    disposition = f"attachment; filename*=UTF-8''{quote(f'{name}-{file}')}"
    return FileResponse(path, media_type=CARRY_FILES[file], headers={"Content-Disposition": disposition})


CARRY_ROUTES = [
    Route("/carry", carry, methods=["POST"]),
    Route("/d/{name}/carry/{file}", carry_file),
]
