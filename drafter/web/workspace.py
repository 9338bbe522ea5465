"""The workspace the page serves: metrics files at its top level and in uploads/, one OUT directory per
draft (workspace/<name>/draft.json …, exactly as `drafter draft -o` writes them)."""

from __future__ import annotations

import hashlib
import logging
import os
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from drafter.core.errors import InputError
from drafter.core.files import write_bytes_atomic
from drafter.core.types import CheckReport, Draft, SourceData
from drafter.outdir.edits import import_hand_edits, read_markdown
from drafter.outdir.names import DRAFT_FILE, HTML_FILE, MD_FILE, OUTPUT_FILES
from drafter.outdir.outputs import check_markdown
from drafter.outdir.store import load_draft
from drafter.source.load import WRONG_SUFFIX_HINTS, load_source
from drafter.web.security import PathRefused, confine, safe_name, upload_name

METRICS_SUFFIXES = (".yaml", ".yml", ".json", ".xlsx")
UPLOADS = "uploads"
Validator = Callable[[Path], list[str]]
log = logging.getLogger(__name__)


def _check_key(md_text: str, source: SourceData | None) -> tuple[str, str]:
    return hashlib.sha256(md_text.encode("utf-8")).hexdigest(), str(source.path if source else "")


def _problems_of(validate: Validator, path: Path) -> list[str]:
    """The validator's problems; a bug it meets on a user's file is one more problem (400), never a 500."""
    try:
        return validate(path)
    except Exception as exc:  # noqa: BLE001 - an upload is the user's file: answer with a reason
        log.exception("validating an upload failed")
        return [f"{path.name}: 无法读取 / cannot read this file ({type(exc).__name__})"]


@dataclass(frozen=True)
class DraftView:
    """A draft as the page shows it: draft.json with draft.md's hand edits laid over, and its check."""

    name: str
    out_dir: Path
    draft: Draft
    md_text: str
    report: CheckReport
    source: SourceData | None
    imported: tuple[str, ...] = ()


class Workspace:
    def __init__(self, root: Path) -> None:
        self.root = Path(root).resolve()
        self.root.mkdir(parents=True, exist_ok=True)
        self._locks: dict[str, threading.Lock] = {}
        self.running: set[str] = set()  # drafts a background job is drafting now
        self._guard = threading.Lock()
        self._sources: dict[tuple[str, float], SourceData] = {}
        self._checks: dict[tuple[str, str], CheckReport] = {}

    # ------------------------------------------------------------ listing
    def metrics_files(self) -> list[str]:
        found = [
            p
            for folder in (self.root, self.root / UPLOADS)
            if folder.is_dir()
            for p in sorted(folder.iterdir())
            if p.suffix.lower() in METRICS_SUFFIXES
            and p.is_file()
            and not p.name.startswith(".")
            and p.resolve().is_relative_to(self.root)
        ]
        return [p.relative_to(self.root).as_posix() for p in found]

    def drafts(self) -> list[str]:
        return [
            p.name
            for p in sorted(self.root.iterdir())
            if (p / DRAFT_FILE).is_file()
            and not p.name.startswith(".")
            and p.resolve().is_relative_to(self.root)
        ]

    def out_dir(self, name: str, *, must_exist: bool = True) -> Path:
        path = confine(self.root, safe_name(name), must_exist=must_exist)
        if must_exist and not (path / DRAFT_FILE).is_file():
            raise PathRefused(f"没有这份草稿 / no draft named {name!r}", status=404)
        if path.is_dir():
            self._refuse_links_out(path)
        return path

    def _refuse_links_out(self, out_dir: Path) -> None:
        """A file of the draft that is a symlink leading outside the workspace is neither read nor served."""
        for file in (*OUTPUT_FILES, HTML_FILE):
            path = out_dir / file
            if path.is_symlink() and not path.resolve().is_relative_to(self.root):
                raise PathRefused(f"{file} 指向工作区之外 / {file} leads outside the workspace", status=404)

    def draft_file(self, name: str, file: str) -> Path:
        """A file of a draft, symlinks resolved, inside the workspace; PathRefused (404) otherwise."""
        out_dir = self.out_dir(name)
        path = (out_dir / safe_name(file)).resolve()
        if not path.is_relative_to(self.root) or not path.is_file():
            raise PathRefused(f"没有这个文件 / no such file: {file}", 404)
        return path

    def metrics_path(self, relative: str) -> Path:
        path = confine(self.root, relative)
        if path.suffix.lower() not in METRICS_SUFFIXES or not path.is_file():
            raise PathRefused("不是指标数据文件 / not a metrics file (.yaml .yml .json .xlsx)")
        return path

    def lock(self, name: str) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(name, threading.Lock())

    # ------------------------------------------------------------ uploads
    def save_upload(self, filename: str, data: bytes, validate: Validator) -> tuple[Path, list[str]]:
        """Validate an upload in a temp file beside its place; move it into place only when it is valid,
        so a bad re-upload keeps the good file. Returns (its place, the problems found)."""
        target = self._upload_target(filename)
        staged = target.with_name(f".upload-{secrets.token_hex(8)}{target.suffix.lower()}")
        write_bytes_atomic(staged, data)
        try:
            problems = [p.replace(staged.name, target.name) for p in _problems_of(validate, staged)]
            if not problems:
                os.replace(staged, target)
        finally:
            staged.unlink(missing_ok=True)
        return target, problems

    def _upload_target(self, filename: str) -> Path:
        base = upload_name(filename)
        suffix = Path(base).suffix.lower()
        if (
            suffix not in METRICS_SUFFIXES
        ):  # 数据.xls (what WPS saves) is told to be saved as .xlsx, as by `drafter`
            raise InputError(
                "只接受 .yaml .yml .json .xlsx 文件 / only .yaml .yml .json .xlsx files",
                hint=WRONG_SUFFIX_HINTS.get(suffix, ""),
            )
        folder = self.root / UPLOADS
        folder.mkdir(exist_ok=True)
        if not folder.resolve().is_relative_to(self.root):
            raise PathRefused("uploads/ 指向工作区之外 / uploads/ leads outside the workspace")
        return folder / base

    def relative(self, path: Path) -> str:
        return Path(path).resolve().relative_to(self.root).as_posix()

    def hide_root(self, text: str) -> str:
        """Messages name files relative to the workspace, not by the server's absolute path."""
        return text.replace(str(self.root) + "/", "").replace(str(self.root), ".")

    # ------------------------------------------------------------ reading a draft
    def source_for(self, draft: Draft) -> SourceData | None:
        """The metrics the draft was made from (cached by path and mtime); None when gone or invalid."""
        path = Path(draft.metrics_path) if draft.metrics_path else None
        if path is None or not path.is_file():
            return None
        key = (str(path), path.stat().st_mtime)
        if key not in self._sources:
            try:
                self._sources[key] = load_source(path)
            except InputError:
                return None
        return self._sources[key]

    def check(self, md_text: str, source: SourceData | None, out_dir: Path) -> CheckReport:
        """The checker's report of draft.md (cached by content), as `write_all` would write it."""
        key = _check_key(md_text, source)
        if key not in self._checks:
            self.remember(md_text, source, check_markdown(md_text, source))
        return replace(self._checks[key], path=str(out_dir / MD_FILE))

    def remember(self, md_text: str, source: SourceData | None, report: CheckReport) -> None:
        """Keep a check made elsewhere (a section re-checked on its own) for the page that shows it next."""
        if len(self._checks) > 64:
            self._checks.clear()
        self._checks[_check_key(md_text, source)] = report

    def view(self, name: str) -> DraftView:
        out_dir = self.out_dir(name)
        stored = load_draft(out_dir)
        md_text = read_markdown(out_dir, stored)
        draft, imported = import_hand_edits(stored, md_text)
        source = self.source_for(draft)
        return DraftView(
            name=name,
            out_dir=out_dir,
            draft=draft,
            md_text=md_text,
            report=self.check(md_text, source, out_dir),
            source=source,
            imported=imported,
        )
