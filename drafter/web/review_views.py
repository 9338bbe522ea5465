"""Routes of the check-only review: /review (upload, past reviews), /review/<id>/ (the table), its files."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from drafter.core.errors import InputError
from drafter.web import reviews
from drafter.web.security import PathRefused, check_csrf
from drafter.web.views import page

TYPES = {
    ".html": "text/html; charset=utf-8",
    ".json": "application/json",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


async def review_home(request: Request) -> Response:
    web = request.app.state.web
    return page(
        request,
        "review.html.j2",
        reviews=reviews.past_reviews(web.ws.root),
        limit_mb=reviews.UPLOAD_LIMIT // 2**20,
    )


async def review_upload(request: Request) -> Response:
    web = request.app.state.web
    form = await request.form(max_files=reviews.MAX_FILES, max_fields=10)
    token = form.get("csrf")
    if not check_csrf(request, web.csrf, token if isinstance(token, str) else ""):
        raise PathRefused(
            "CSRF 校验失败：请刷新页面后重试 / CSRF check failed: reload the page and try again", 403
        )
    uploads = [item for item in form.getlist("files") if not isinstance(item, str) and item.filename]
    if not uploads:
        raise InputError(
            "请选择要核对的报告 / choose the reports to check", hint="several files, or one .zip"
        )
    folder = await run_in_threadpool(reviews.new_review, web.ws.root)
    for upload in uploads:
        data = await upload.read(reviews.UPLOAD_LIMIT + 1)
        await run_in_threadpool(reviews.save_report, folder, upload.filename, data)
    for upload in (item for item in form.getlist("metrics") if not isinstance(item, str) and item.filename):
        data = await upload.read(reviews.UPLOAD_LIMIT + 1)  # 各县的数据文件, matched to reports by region
        await run_in_threadpool(reviews.save_metrics, folder, upload.filename, data)
    await run_in_threadpool(reviews.run, folder)
    return RedirectResponse(f"/review/{folder.name}/", status_code=303)


async def review_file(request: Request) -> Response:
    web = request.app.state.web
    review, name = request.path_params["review"], request.path_params.get("name") or "index.html"
    path = reviews.served_file(web.ws.root, review, name)
    media = TYPES.get(path.suffix, "application/octet-stream")
    headers = {"Content-Security-Policy": reviews.PAGE_CSP}
    if path.suffix == ".xlsx":
        headers["Content-Disposition"] = "attachment; filename=summary.xlsx"
    if path.name == "index.html":  # the review's table, as the command line writes it, with the way back
        page_text = await run_in_threadpool(path.read_text, encoding="utf-8")
        return HTMLResponse(with_way_back(page_text), headers=headers)
    return FileResponse(path, media_type=media, headers=headers)


WAY_BACK = '<p><a href="/review">← 审核报告 / reviews</a> · <a href="/">工作区 / workspace</a></p>\n'


def with_way_back(page_text: str) -> str:
    """The review's index.html with links back to the review page and the workspace after its <body> (the file
    the command line writes has none: it stands alone in its folder)."""
    at = page_text.find("<body>")
    return page_text if at < 0 else page_text[: at + 6] + "\n" + WAY_BACK + page_text[at + 6 :]


async def review_redirect(request: Request) -> Response:
    return RedirectResponse(f"/review/{request.path_params['review']}/", status_code=307)


ROUTES = [
    Route("/review", review_home),
    Route("/review", review_upload, methods=["POST"]),
    Route("/review/{review}", review_redirect),
    Route("/review/{review}/", review_file),
    Route("/review/{review}/{name:path}", review_file),
]
