"""The one guarded way in for a user's file: size limits, zip members checked before inflating, text decoded.

Every reader (metrics YAML/JSON/XLSX, draft.md/draft.json, reports of any format, uploads, eval cases)
takes its bytes from `read_bytes`, checks an Office/zip package with `check_zip` before opening it, and
decodes text with `decode_text`. A refusal is an InputError naming the file, the member or the limit,
and the fix; nothing is parsed before the checks pass.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from drafter.core.errors import InputError

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """How much a file may hold. The defaults fit every real report and metrics file seen, many times over."""

    max_bytes: int = 50 * MB  # the file as stored
    max_unzipped: int = 200 * MB  # all members of a zip package, inflated
    max_member: int = 100 * MB  # one member, inflated
    max_ratio: int = 200  # inflated / compressed, per member larger than 1 MB inflated
    max_members: int = 10_000


DEFAULT_LIMITS = Limits()
TEXT_NOTES = {
    "gb18030": "不是 UTF-8，已按 GB18030 读取 / not UTF-8: read as GB18030",
    "utf-16": "不是 UTF-8，已按 UTF-16 读取 / not UTF-8: read as UTF-16",
}


def read_bytes(path: Path, limits: Limits = DEFAULT_LIMITS, *, what: str = "file") -> bytes:
    """The file's bytes; InputError when it is missing, a folder, unreadable or over the size limit."""
    path = Path(path)
    if path.is_dir():
        raise InputError(f"is a folder, not a {what}", path=str(path), hint=f"give the path of a {what}")
    if not path.is_file():
        raise InputError("no such file", path=str(path), hint=f"check the path of the {what}")
    size = path.stat().st_size
    if size > limits.max_bytes:
        raise InputError(
            f"the file is {size / MB:.0f} MB, over the limit of {limits.max_bytes // MB} MB",
            path=str(path),
            hint="split the file, or check that it is the file you meant",
        )
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(
            f"cannot read the file ({exc.strerror})", path=str(path), hint="check its permissions"
        ) from None


def check_zip(path: Path, limits: Limits = DEFAULT_LIMITS) -> None:
    """Refuse a zip package (.docx/.xlsx/.zip) whose members would inflate past the limits — before inflating."""
    try:
        with zipfile.ZipFile(path) as package:
            members = package.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise InputError(
            f"not a readable zip package ({exc})",
            path=str(path),
            hint="open it in Word/WPS/Excel and save it again",
        ) from None
    if len(members) > limits.max_members:
        raise InputError(
            f"holds {len(members)} parts", path=str(path), hint="this is not an ordinary Office file"
        )
    total = 0
    for member in members:
        _check_member(path, member, limits)
        total += member.file_size
    if total > limits.max_unzipped:
        raise InputError(
            f"would inflate to {total / MB:.0f} MB (limit {limits.max_unzipped // MB} MB)",
            path=str(path),
            hint="this is not an ordinary Office file; open it in Word/WPS/Excel and save it again",
        )


def _check_member(path: Path, member: zipfile.ZipInfo, limits: Limits) -> None:
    ratio = member.file_size / max(member.compress_size, 1)
    if member.file_size > limits.max_member or (member.file_size > MB and ratio > limits.max_ratio):
        raise InputError(
            f"part {member.filename} would inflate to {member.file_size / MB:.0f} MB ({ratio:.0f}× its stored size)",
            path=str(path),
            hint="this is not an ordinary Office file (a zip bomb?); open it in Word/WPS/Excel and save it again",
        )


def decode_text(data: bytes, path: Path) -> tuple[str, str]:
    """(text, encoding) of a user's text file: UTF-8 (BOM dropped), UTF-16 (with a BOM, or without one when the
    bytes say so), else GB18030 — what Chinese Windows tools save. Binary data is refused. The caller names a
    non-UTF-8 encoding to the user (TEXT_NOTES)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        order = ("utf-16",)
    else:
        utf16 = ("utf-16-le", "utf-16-be")
        order = ("utf-8", *utf16, "gb18030") if _looks_utf16(data) else ("utf-8", "gb18030", *utf16)
    for encoding in order:
        try:
            text = data.decode("utf-8-sig" if encoding == "utf-8" else encoding)
        except UnicodeDecodeError:
            continue
        if not _is_binary(text):
            return text, encoding.removesuffix("-le").removesuffix("-be")
    raise InputError(
        "is binary data, not text", path=str(path), hint="give a text, Word or metrics file saved as UTF-8"
    )


def _looks_utf16(data: bytes) -> bool:
    """Many NUL bytes, all on even or all on odd positions: UTF-16 without a byte-order mark."""
    head = data[:4096]
    return head.count(0) > len(head) // 4 and (head[0::2].count(0) == 0 or head[1::2].count(0) == 0)


def _is_binary(text: str) -> bool:
    """NUL characters or many control characters: binary data that happened to decode."""
    head = text[:100_000]
    controls = sum(1 for ch in head if ord(ch) < 32 and ch not in "\t\n\r\f")
    return "\x00" in head or controls > max(8, len(head) // 100)
