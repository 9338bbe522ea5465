"""The draft page's “导入 Word 修改稿”: an edited .docx uploaded, imported like `drafter import` (changed sections
locked, the rest untouched, everything re-checked). The upload lives only in a temp file while it is read."""

from __future__ import annotations

import tempfile
from pathlib import Path
from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from drafter.core.errors import InputError
from drafter.outdir.store import load_draft
from drafter.outdir.word_import import ImportOutcome, import_word
from drafter.web.editing import Conflict
from drafter.web.security import safe_name, too_large
from drafter.web.views import form_of


async def import_docx(request: Request) -> Response:
    web = request.app.state.web
    form = await form_of(request)
    name = safe_name(request.path_params["name"])
    upload = form.get("file")
    if upload is None or isinstance(upload, str) or not upload.filename:
        raise InputError("请选择修改后的 Word 文件 / choose the edited .docx to import")
    if not upload.filename.lower().endswith(".docx"):
        raise InputError("只接受 .docx 文件（WPS 请另存为 .docx）/ only .docx files can be imported")
    data = await upload.read(web.report_limit + 1)
    if len(data) > web.report_limit:
        raise InputError(too_large(web.report_limit))
    outcome = await run_in_threadpool(_import, web, name, data, Path(upload.filename).name)
    notice = "imported" if outcome.changed else "imported-none"
    pending = "&pending=1" if outcome.insertions or outcome.deletions else ""
    return RedirectResponse(f"/d/{quote(name)}?n={notice}{pending}", status_code=303)


def _import(web, name: str, data: bytes, filename: str) -> ImportOutcome:
    if name in web.ws.running:
        raise Conflict(
            f"草稿 {name} 正在起草中，完成后再导入 / the draft is being drafted: wait for it to finish"
        )
    with web.ws.lock(name), tempfile.TemporaryDirectory(prefix="drafter-import-") as tmp:
        out_dir = web.ws.out_dir(name)
        path = Path(tmp) / "edited.docx"
        path.write_bytes(data)
        try:
            return import_word(out_dir, path, web.ws.source_for(load_draft(out_dir)), filename)
        except InputError as exc:  # name the file as the editor knows it, not the temp path
            raise InputError(exc.message.replace(str(path), filename), hint=exc.hint) from None


WORD_ROUTES = [Route("/d/{name}/import", import_docx, methods=["POST"])]
