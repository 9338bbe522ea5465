"""Old Word (.doc) and WPS (.wps) files: converted to .docx by LibreOffice (headless), then read as .docx."""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from drafter.core.errors import InputError
from drafter.documents.docx import read_docx
from drafter.documents.types import Document, Format

CONVERT_TIMEOUT = 120.0  # seconds; a real report converts in 1–3 s
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def read_legacy(path: Path, data: bytes, fmt: Format) -> Document:
    """A .doc/.wps file's text, through a LibreOffice conversion in a private temp folder."""
    if data.startswith(b"PK"):  # a .docx saved under an old name
        return read_docx(path, data, fmt=fmt)
    return read_docx(path, convert_to_docx(path, data, fmt), fmt=fmt, shown_as=str(path))


def convert_to_docx(path: Path, data: bytes, fmt: Format) -> bytes:
    """The .docx bytes LibreOffice makes of a .doc/.wps file (for readers that need the Word file itself, such as
    `drafter draft --from`, whose redline revises last year's document in place)."""
    if data.startswith(b"PK"):
        return data
    _check_legacy(path, data, fmt)
    binary = soffice()
    if binary is None:
        raise InputError(
            f"读取 .{fmt} 文件需要 LibreOffice，但未安装 / reading .{fmt} files needs LibreOffice, which is not installed",
            path=str(path),
            hint="请安装（apt-get install libreoffice-writer-nogui），或在 Word/WPS 中另存为 .docx / install it or save the file as .docx in Word/WPS",
        )
    with tempfile.TemporaryDirectory(prefix="drafter-soffice-") as tmp:
        return _convert(binary, path, data, Path(tmp), fmt).read_bytes()


def _check_legacy(path: Path, data: bytes, fmt: Format) -> None:
    if not data.startswith(_OLE_MAGIC):
        raise InputError(
            f"不是 Word/WPS 文档 / not a Word/WPS document (no .{fmt} signature)",
            path=str(path),
            hint="请用 Word/WPS 打开后另存为 .docx / open it in Word/WPS and save as .docx",
        )


def _convert(binary: str, path: Path, data: bytes, tmp: Path, fmt: Format) -> Path:
    """Run soffice on a copy under a plain name, with its own profile so that conversions can run side by side."""
    source = tmp / f"in.{fmt}"
    source.write_bytes(data)
    command = [
        binary,
        f"-env:UserInstallation={(tmp / 'profile').as_uri()}",
        "--headless",
        "--norestore",
        "--nologo",
        "--convert-to",
        "docx:MS Word 2007 XML",
        "--outdir",
        str(tmp / "out"),
        str(source),
    ]
    if not _run(command, tmp):
        raise InputError(
            f"LibreOffice 未能在 {CONVERT_TIMEOUT:.0f} 秒内完成转换 / LibreOffice did not finish converting it in {CONVERT_TIMEOUT:.0f} s",
            path=str(path),
            hint="请用 Word/WPS 打开后另存为 .docx / open it in Word/WPS and save as .docx",
        ) from None
    converted = tmp / "out" / "in.docx"
    if not converted.is_file():
        raise InputError(
            "LibreOffice 无法转换（文件损坏或不是文档）/ LibreOffice could not convert it (damaged or not a document)",
            path=str(path),
            hint="请用 Word/WPS 打开后另存为 .docx / open it in Word/WPS and save as .docx",
        )
    return converted


def _full_memory() -> None:
    """LibreOffice gets the memory limit the system allows, not the one a batch worker runs under."""
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (hard, hard))


def _run(command: list[str], cwd: Path) -> bool:
    """Run soffice in its own process group; False when it had to be killed (with its children)."""
    process = subprocess.Popen(
        command,
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        preexec_fn=_full_memory,
    )
    try:
        process.wait(timeout=CONVERT_TIMEOUT)
        return True
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        return False
