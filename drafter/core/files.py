"""Atomic file writes: a crash, a full disk or a refused folder never leaves half a file behind.

Each file is written to a temp file beside it, fsynced, then renamed over the old one. `write_files_atomic`
does that for a set of files that belong together (draft.json, draft.md, check.json, draft.docx): all are
staged before the first is renamed, so a full disk leaves every previous file as it was, and Ctrl-C or SIGTERM
while they are renamed waits until the last one is (a draft.md newer than its draft.json would read as hand
edits). Any OSError becomes one InputError naming the path and the fix; no temp file is left behind.
"""

from __future__ import annotations

import errno
import json
import os
import signal
import tempfile
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from drafter.core.errors import InputError
from drafter.core.secrets import redact

_PROBLEMS = {
    errno.ENOSPC: (
        "磁盘空间不足 / disk full",
        "请清理磁盘后重试（原有文件未改动）/ free some space and run it again (the files there are unchanged)",
    ),
    errno.EDQUOT: (
        "磁盘配额已满 / disk quota exceeded",
        "请清理磁盘后重试 / free some space and run it again",
    ),
    errno.EACCES: (
        "没有写入权限 / permission denied",
        "请换一个可写的文件夹，或修改权限 / choose a folder you can write to, or fix its permissions",
    ),
    errno.EPERM: (
        "没有写入权限 / permission denied",
        "请换一个可写的文件夹，或修改权限 / choose a folder you can write to, or fix its permissions",
    ),
    errno.EROFS: (
        "只读文件系统 / read-only file system",
        "请换一个可写磁盘上的文件夹 / choose a folder on a writable disk",
    ),
    errno.EISDIR: (
        "是一个文件夹 / is a folder, not a file",
        "请给出文件名 / give a file name, e.g. FOLDER/result.json",
    ),
    errno.ENOTDIR: ("路径中有一段是文件 / a part of the path is a file", "请检查路径 / check the path"),
    errno.EFBIG: (
        "文件过大 / file too large for this disk or account",
        "请清理磁盘或提高限额 / free space or raise the limit",
    ),
    errno.ENAMETOOLONG: ("文件名过长 / file name too long", "请换一个短一些的名字 / choose a shorter name"),
}


def write_error(path: Path, exc: OSError) -> InputError:
    """The one-line refusal for an OSError met while writing `path`."""
    reason = exc.strerror or str(exc)
    problem, hint = _PROBLEMS.get(
        exc.errno or 0, ("", "请换一个可写的输出目录 / choose a writable output directory")
    )
    said = f"{problem} ({reason})" if problem else reason
    return InputError(f"无法写入 / cannot write here: {said}", path=str(path), hint=hint)


def ensure_writable_folder(folder: Path) -> None:
    """`folder` exists (made with its parents) and takes a file; InputError naming it otherwise. Said before
    any work starts, not by the first file written after minutes of it."""
    try:
        Path(folder).mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as exc:
        raise write_error(Path(folder), exc) from None


def _umask() -> int:
    """The process's umask: from /proc where there is one (os.umask can only read it by setting it, which
    races with other threads creating files), else set and put back."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            return next(int(line.split()[1], 8) for line in status if line.startswith("Umask:"))
    except (OSError, StopIteration, ValueError, IndexError):
        old = os.umask(0o022)
        os.umask(old)
        return old


def _mode(path: Path) -> int:
    """The permissions the file gets: those of the file it replaces, else 0o666 less the umask (mkstemp
    makes 0o600, which other users and the web server could not read)."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        return 0o666 & ~_umask()


def _stage(path: Path, data: bytes) -> str:
    """A synced temp file beside `path` holding `data`; removed again when writing it fails."""
    if path.is_dir():
        raise IsADirectoryError(errno.EISDIR, "Is a directory", str(path))
    if path.is_file() and not _mode(path) & 0o222:  # a rename would replace it whatever its mode says
        raise PermissionError(errno.EACCES, "文件是只读的 / the file is read-only", str(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, _mode(path))
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp


@contextmanager
def signals_held() -> Iterator[None]:
    """Ctrl-C and SIGTERM inside the block are delivered when it ends (in the main thread; elsewhere Python
    delivers none)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    held = [signum for signum in (signal.SIGINT, signal.SIGTERM) if signal.getsignal(signum) is not None]
    previous = {signum: signal.signal(signum, lambda n, _f: caught.append(n)) for signum in held}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        for signum in caught[:1]:
            signal.raise_signal(signum)


def write_files_atomic(files: Mapping[Path, bytes]) -> None:
    """Write every file or none of them (see the module's docstring)."""
    staged: list[tuple[str, Path]] = []
    current = Path()
    try:
        for current, data in ((Path(p), d) for p, d in files.items()):
            staged.append((_stage(current, data), current))
        with signals_held():
            while staged:
                tmp, current = staged[0]
                os.replace(tmp, current)
                staged.pop(0)
    except OSError as exc:
        raise write_error(current, exc) from None
    finally:
        for tmp, _ in staged:
            Path(tmp).unlink(missing_ok=True)


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write to a temp file beside `path`, fsync, then rename over it."""
    write_files_atomic({Path(path): data})


def write_text_atomic(path: Path, text: str) -> None:
    """UTF-8 text, atomically, with every registered secret redacted (see drafter.core.secrets)."""
    write_bytes_atomic(path, redact(text).encode("utf-8"))


def json_bytes(data: Any) -> bytes:
    """Indented UTF-8 JSON with every registered secret redacted, as write_json_atomic writes it."""
    return redact(json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def write_json_atomic(path: Path, data: Any) -> None:
    write_bytes_atomic(path, json_bytes(data))
