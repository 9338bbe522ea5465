"""The reports under the paths a reviewer gives: folders searched recursively, names relative to the folder."""

from __future__ import annotations

import os
from pathlib import Path

from drafter.core.errors import InputError
from drafter.documents.read import SUFFIXES
from drafter.review.types import Report

# files a reviewer's folder holds that are not reports: skipped without a row
DATA_SUFFIXES = frozenset({".xlsx", ".xls", ".xlsm", ".csv", ".yaml", ".yml", ".json", ".ini", ".log", ".db"})
# documents Drafter does not read: a row with status "error" each, so the reviewer sees them
OTHER_DOCUMENTS = frozenset(
    {
        ".ofd",
        ".rtf",
        ".odt",
        ".wpt",
        ".dot",
        ".dotx",
        ".pptx",
        ".ppt",
        ".jpg",
        ".jpeg",
        ".png",
        ".tif",
        ".tiff",
        ".bmp",
        ".gif",
        ".zip",
        ".rar",
        ".7z",
        ".caj",
        ".xps",
        ".epub",
        ".mht",
        ".mhtml",
    }
)


def collect(paths: list[Path], skip: frozenset[Path] = frozenset()) -> list[Report]:
    """Every report under `paths` (in a stable order); InputError for a missing path or nothing to check.

    `skip` holds resolved files and folders to leave out (the metrics files, the REVIEW folder itself)."""
    missing = [path for path in paths if not path.exists()]
    if missing:
        raise InputError(
            "文件或文件夹不存在 / no such file or folder",
            path=str(missing[0]),
            hint="请检查路径 / check the path",
        )
    root = _common_root(paths)
    found: list[Path] = []
    for path in paths:
        found += _walk(path, skip) if path.is_dir() else [path]
    reports = [Report(path=path, name=_relative(path, root)) for path in dict.fromkeys(found)]
    if not reports:
        raise InputError(
            "这里没有可核对的报告 / nothing to check here (no .pdf .doc .wps .html .docx .md or .txt file)",
            path=", ".join(map(str, paths)),
            hint="请给出存放报告的文件夹或报告文件 / give the folder that holds the reports, or the report files themselves",
        )
    return reports


def _walk(folder: Path, skip: frozenset[Path]) -> list[Path]:
    out: list[Path] = []
    for top, dirs, files in os.walk(folder):
        assets = page_assets(dirs, files)
        dirs[:] = sorted(
            d
            for d in dirs
            if not d.startswith(".") and d not in assets and (Path(top) / d).resolve() not in skip
        )
        for name in sorted(files):
            path = Path(top) / name
            if _wanted(path) and path.resolve() not in skip:
                out.append(path)
    return out


PAGE_SUFFIXES = (".htm", ".html", ".mht", ".mhtml")


def page_assets(dirs: list[str], files: list[str]) -> set[str]:
    """The folders a browser or Word saves beside a page (报告.htm with 报告_files/ or 报告.files/: its pictures,
    scripts and frames): not reports, and each picture would be a row "cannot check a .png file"."""
    pages = {Path(name).stem for name in files if Path(name).suffix.lower() in PAGE_SUFFIXES}
    return {d for d in dirs if d.endswith(("_files", ".files")) and d[: -len("_files")] in pages}


def _wanted(path: Path) -> bool:
    suffix = path.suffix.lower()
    if path.name.startswith((".", "~$")) or suffix in DATA_SUFFIXES:
        return False
    return (suffix in SUFFIXES and suffix != "") or suffix in OTHER_DOCUMENTS


def _common_root(paths: list[Path]) -> Path:
    folders = [path.resolve() if path.is_dir() else path.resolve().parent for path in paths]
    return Path(os.path.commonpath(folders))


def _relative(path: Path, root: Path) -> str:
    """The name the reviewer sees: the file's own, not a symlink's target (a link to a missing file was a row
    named after the target, and two links to one report wrote one page over the other)."""
    try:
        return (path.parent.resolve() / path.name).relative_to(root).as_posix()
    except ValueError:
        return path.name
