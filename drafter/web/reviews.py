"""Check-only review on the page: upload several reports (or one .zip), get the review table and a page per
report — the very files `drafter check FOLDER -o REVIEW` writes, kept in workspace/reviews/<id>/."""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import time
import zipfile
from pathlib import Path

from drafter.core.cores import usable_cores
from drafter.core.errors import InputError
from drafter.core.files import write_bytes_atomic
from drafter.core.inputs import check_zip
from drafter.documents.read import readable
from drafter.review.pool import Limits
from drafter.review.run import Review, run_review
from drafter.web.security import PathRefused, confine

REVIEWS = "reviews"
UPLOAD_LIMIT = 200 * 1024 * 1024  # bytes per upload request: thirty reports as PDFs, many times over
MAX_FILES = 300
SERVED = (".check.html", ".check.json", "index.html", "summary.xlsx", "summary.json")
# the generated pages carry inline styles and no script: shown sandboxed, nothing may run in them
PAGE_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'; sandbox allow-downloads allow-top-navigation-by-user-activation"
)
_ID = re.compile(r"^\d{8}-\d{6}-[0-9a-f]{6}$")
_UNSAFE = re.compile(r"[^\w\u4e00-\u9fff.\-（）()]+")


def reviews_root(workspace: Path) -> Path:
    return workspace / REVIEWS


def new_review(workspace: Path) -> Path:
    name = f"{time.strftime('%Y%m%d-%H%M%S')}-{secrets.token_hex(3)}"
    folder = reviews_root(workspace) / name
    (folder / "files").mkdir(parents=True)
    return folder


def past_reviews(workspace: Path) -> list[str]:
    root = reviews_root(workspace)
    if not root.is_dir():
        return []
    return sorted(
        (p.name for p in root.iterdir() if _ID.match(p.name) and (p / "out" / "index.html").is_file()),
        reverse=True,
    )


def save_report(folder: Path, filename: str, data: bytes) -> list[Path]:
    """Keep one uploaded file under folder/files by a safe base name; a .zip is checked, then unpacked."""
    name = _safe_base(filename)
    if name.lower().endswith(".zip"):
        archive = folder / name
        write_bytes_atomic(archive, data)
        try:
            return _unzip(archive, folder / "files")
        finally:
            archive.unlink(missing_ok=True)
    target = _unique(folder / "files", name)
    write_bytes_atomic(target, data)
    return [target]


METRICS_SUFFIXES = (".yaml", ".yml", ".xlsx", ".json")


def save_metrics(folder: Path, filename: str, data: bytes) -> Path:
    """Keep one uploaded metrics file under folder/metrics by a safe base name (.yaml .yml .xlsx .json only)."""
    name = _safe_base(filename)
    if not name.lower().endswith(METRICS_SUFFIXES):
        raise InputError(
            "数据文件只能是 .yaml、.xlsx 或 .json / a metrics file is .yaml, .xlsx or .json",
            path=filename,
            hint="用 drafter metrics template 生成模板 / make one from drafter metrics template",
        )
    target = _unique(folder / "metrics", name)
    target.parent.mkdir(parents=True, exist_ok=True)
    write_bytes_atomic(target, data)
    return target


def _unzip(archive: Path, into: Path) -> list[Path]:
    """The report files of a zip, each under a safe flat name — after core.inputs has checked the package."""
    check_zip(archive)
    saved: list[Path] = []
    with zipfile.ZipFile(archive) as package:
        for member in package.infolist():
            base = _safe_base(_member_name(member))
            if member.is_dir() or not base or base.startswith(".") or "__MACOSX" in member.filename:
                continue
            target = _unique(into, base)
            write_bytes_atomic(target, package.read(member))
            saved.append(target)
    if not saved:
        raise InputError(
            "压缩包中没有文件 / the .zip holds no file",
            path=archive.name,
            hint="请直接压缩报告文件 / zip the reports themselves",
        )
    return saved


def _member_name(member: zipfile.ZipInfo) -> str:
    """A member's name as its maker meant it. With the UTF-8 flag set, zipfile has decoded it already.
    Without it, zipfile read the bytes as cp437; Info-ZIP on Linux, Kylin and UOS writes UTF-8 without
    the flag, and Chinese Windows writes GBK: try UTF-8, then GB18030, and keep cp437 only when neither fits."""
    name = member.filename
    if member.flag_bits & 0x800:
        return name
    try:
        raw = name.encode("cp437")
    except UnicodeEncodeError:
        return name
    for encoding in ("utf-8", "gb18030"):
        with contextlib.suppress(UnicodeDecodeError):
            return raw.decode(encoding)
    return name


def _safe_base(filename: str) -> str:
    base = Path((filename or "").replace("\\", "/")).name
    stem, suffix = os.path.splitext(base)
    stem = _UNSAFE.sub("_", stem).strip("._") or "report"
    return f"{stem[:80]}{_UNSAFE.sub('', suffix)[:10]}"


def _unique(folder: Path, name: str) -> Path:
    target, number = folder / name, 1
    while target.exists():
        number += 1
        target = folder / f"{Path(name).stem}-{number}{Path(name).suffix}"
    return target


def run(folder: Path) -> Review:
    """Check every uploaded report into folder/out (the same review as the command line)."""
    files = folder / "files"
    if not any(files.iterdir()):
        raise InputError(
            "请选择要核对的报告 / choose the reports to check",
            hint="可选多个文件，或一个 .zip / select several files, or one .zip",
        )
    limits = Limits(workers=usable_cores())
    metrics = sorted((folder / "metrics").glob("*")) if (folder / "metrics").is_dir() else []
    names = sorted(p.name for p in files.iterdir())  # (the upload folder's own name, files, says nothing)
    title = "、".join(names[:3]) + (f" 等 {len(names)} 份 / {len(names)} files" if len(names) > 3 else "")
    return run_review([files], folder / "out", metrics=metrics or None, limits=limits, title=title)


def served_file(workspace: Path, review: str, name: str) -> Path:
    """A file of a review's out folder that the page may show: the tables and the per-report pages only."""
    if not _ID.match(review):
        raise PathRefused("找不到 / not found", status=404)
    if not name.endswith(SERVED):
        raise PathRefused("找不到 / not found", status=404)
    return confine(reviews_root(workspace) / review / "out", name)


def counts(review: Review) -> dict[str, int]:
    return {
        "reports": len(review.rows),
        "errors": sum(1 for r in review.rows if r.status == "error"),
        "flagged": sum(1 for r in review.rows if r.flagged or r.wrong_claims),
    }


def is_report_name(filename: str) -> bool:
    return filename.lower().endswith(".zip") or readable(Path(filename))
