"""The one guarded way in for a user's file: size limits, zip members checked before inflating, text decoded.

Every reader (metrics YAML/JSON/XLSX, draft.md/draft.json, reports of any format, uploads, eval cases)
takes its bytes from `read_bytes`, checks an Office/zip package with `check_zip` before opening it, and
decodes text with `decode_text` (`read_text` does both). YAML and JSON are parsed by `core.structured`.
A refusal is an InputError naming the file, the member or the limit, and the fix; nothing is parsed
before the checks pass.
"""

from __future__ import annotations

import errno
import io
import re
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
    max_xml: int = 16 * MB  # one .xml/.rels member: parsed whole (python-docx: ~4 s and ~100 MB per 16 MB)


DEFAULT_LIMITS = Limits()  # reports (.docx and friends): pictures may be large, the XML is parsed whole
# A metrics workbook is tens of KB; openpyxl needs ~1 s and ~15 MB of memory per MB of sheet XML.
METRICS_LIMITS = Limits(max_bytes=5 * MB, max_unzipped=16 * MB, max_member=4 * MB, max_ratio=100)
TEXT_LIMITS = Limits(max_bytes=20 * MB)  # draft.md, draft.json, reference.md, expect.yaml, results.json
ZIP_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)  # what Word, WPS and Excel write
TEXT_NOTES = {
    "gb18030": "不是 UTF-8，已按 GB18030 读取 / not UTF-8: read as GB18030",
    "utf-16": "不是 UTF-8，已按 UTF-16 读取 / not UTF-8: read as UTF-16",
    "utf-8-cut": "文件在一个字的中间结束（可能不完整），已略去这半个字 / the file ends inside a character (cut short?): "
    "that character was left out",
}
_READ_HINTS = {
    errno.EACCES: "检查文件权限 / check its permissions",
    errno.EPERM: "检查文件权限 / check its permissions",
}


def read_bytes(path: Path, limits: Limits = DEFAULT_LIMITS, *, what: str = "file") -> bytes:
    """The file's bytes; InputError when it is missing, a folder, unreadable or over the size limit."""
    path = Path(path)
    try:
        if path.is_dir():
            raise InputError(
                f"这是文件夹，不是文件 / is a folder, not a {what}",
                path=str(path),
                hint=f"请给出文件的路径 / give the path of a {what}",
            )
        if not path.exists():
            raise InputError(
                "文件不存在 / no such file", path=str(path), hint=f"请检查路径 / check the path of the {what}"
            )
        if not path.is_file():
            raise InputError(
                "不是普通文件（设备或管道？）/ is not a regular file (a device or a pipe?)",
                path=str(path),
                hint=f"请给出一个文件 / give a {what}",
            )
        with path.open("rb") as handle:
            data = handle.read(limits.max_bytes + 1)  # a file that grows while we read is still bounded
    except OSError as exc:
        raise InputError(
            f"无法读取文件 / cannot read the file ({exc.strerror or exc})",
            path=str(path),
            hint=_READ_HINTS.get(exc.errno, "检查路径和权限 / check the path and its permissions"),
        ) from None
    except ValueError as exc:  # a NUL byte in the path
        raise InputError(
            f"路径无效 / is not a usable path ({exc})",
            path=repr(str(path)),
            hint="请检查路径 / check the path",
        ) from None
    if len(data) > limits.max_bytes:
        raise InputError(
            f"文件超过 {limits.max_bytes / MB:g} MB 的上限 / the file is over the limit of {limits.max_bytes / MB:g} MB for a {what}",
            path=str(path),
            hint="请拆分文件，或确认是否选错了文件 / split the file, or check that it is the file you meant",
        )
    return data


def read_text(path: Path, limits: Limits = TEXT_LIMITS, *, what: str = "text file") -> tuple[str, str]:
    """(text, encoding) of a user's text file, read by `read_bytes` and decoded by `decode_text`."""
    return decode_text(read_bytes(path, limits, what=what), Path(path))


def check_zip(
    path: Path, limits: Limits = DEFAULT_LIMITS, *, data: bytes | None = None, what: str = "zip package"
) -> None:
    """Refuse a zip package (.docx/.xlsx/.zip) whose members would inflate past the limits, are encrypted
    or use a compression Office never writes — before inflating a byte. `data`: the file's bytes when
    the caller has read them already (then `path` only names the file)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data) if data is not None else path) as package:
            members = package.infolist()
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        OSError,
        ValueError,
        EOFError,
        NotImplementedError,
    ) as exc:
        raise InputError(
            f"无法读取，文件已损坏 / not a readable {what} (not a zip package: {exc})",
            path=str(path),
            hint="请用 Word/WPS/Excel 打开后重新保存 / open it in Word/WPS/Excel and save it again",
        ) from None
    if len(members) > limits.max_members:
        raise InputError(
            f"包含 {len(members)} 个部件 / holds {len(members)} parts",
            path=str(path),
            hint="这不是普通的 Office 文件 / this is not an ordinary Office file",
        )
    total = 0
    for member in members:
        _check_member(path, member, limits)
        total += member.file_size
    if total > limits.max_unzipped:
        raise InputError(
            f"解压后达 {total / MB:.0f} MB，超过上限 / would inflate to {total / MB:.0f} MB (limit {limits.max_unzipped / MB:g} MB)",
            path=str(path),
            hint="这不是普通的 Office 文件，请用 Word/WPS/Excel 打开后重新保存 / this is not an ordinary Office file; open it in Word/WPS/Excel and save it again",
        )


def _check_member(path: Path, member: zipfile.ZipInfo, limits: Limits) -> None:
    ratio = member.file_size / max(member.compress_size, 1)
    if member.file_size > limits.max_member or (member.file_size > MB and ratio > limits.max_ratio):
        raise InputError(
            f"部件 {member.filename} 解压后过大 / part {member.filename} would inflate to {member.file_size / MB:.0f} MB ({ratio:.0f}× its stored size)",
            path=str(path),
            hint="这不是普通的 Office 文件（压缩炸弹？），请用 Word/WPS/Excel 打开后重新保存 / not an ordinary Office file (a zip bomb?); open it in Word/WPS/Excel and save it again",
        )
    if member.filename.endswith((".xml", ".rels")) and member.file_size > limits.max_xml:
        raise InputError(
            f"部件 {member.filename} 的 XML 过大 / part {member.filename} holds {member.file_size / MB:.0f} MB of XML (limit {limits.max_xml / MB:g} MB)",
            path=str(path),
            hint="远超一份报告的篇幅，请检查文件或拆分 / far more than a report holds; check the file, or split the document",
        )
    if member.flag_bits & 0x1:
        raise InputError(
            f"文件已加密（部件 {member.filename}）/ part {member.filename} is encrypted",
            path=str(path),
            hint="请取消密码（Word/WPS/Excel：文件 → 信息 → 保护）后重新保存 / remove the password and save it again",
        )
    if member.compress_type not in ZIP_METHODS:
        raise InputError(
            f"部件 {member.filename} 的压缩方式不是 Office 所用的 / part {member.filename} uses zip method {member.compress_type}, which Office never writes",
            path=str(path),
            hint="请用 Word/WPS/Excel 打开后重新保存 / open it in Word/WPS/Excel and save it again",
        )


def decode_text(data: bytes, path: Path) -> tuple[str, str]:
    """(text, encoding) of a user's text file: UTF-8 (BOM dropped), else GB18030 — what Chinese Windows tools
    save — else UTF-16 (with a BOM, or without one when its NUL bytes say which). Binary data is refused. The
    caller names a non-UTF-8 encoding to the user (TEXT_NOTES)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        order: tuple[str, ...] = ("utf-16",)
    else:
        order = ("utf-8", "gb18030", *_utf16_order(data))
    for encoding in order:
        try:
            text = data.decode("utf-8-sig" if encoding == "utf-8" else encoding)
        except UnicodeDecodeError as error:
            cut = _cut_utf8(data, error) if encoding == "utf-8" else None
            if cut is None:
                continue
            text, encoding = cut, "utf-8-cut"
        if not _is_binary(text):
            return text.removeprefix("\ufeff"), encoding.removesuffix("-le").removesuffix("-be")
    kind = _file_kind(data)
    if kind is not None and Path(path).suffix.lower() not in kind[2]:
        chinese, english, suffixes = kind
        raise InputError(
            f"是一个{chinese}，不是文本 / is {english}, not text",
            path=str(path),
            hint=f"扩展名不对：请把文件名改为以 {suffixes[0]} 结尾后再试 / its name ends wrong: rename it to end in "
            f"{suffixes[0]} and try again",
        )
    raise InputError(
        "是二进制数据，不是文本 / is binary data, not text",
        path=str(path),
        hint="请给出以 UTF-8 保存的文本、Word 或数据文件 / give a text, Word or metrics file saved as UTF-8",
    )


def _file_kind(data: bytes) -> tuple[str, str, tuple[str, ...]] | None:
    """What a file that is not text is, by its first bytes (a Word file saved or renamed as 报告.txt, an Excel
    workbook as 数据.yaml): (in Chinese, in English, the extensions it should have); None when unknown."""
    if data.startswith(b"PK\x03\x04"):
        if b"word/" in data:
            return " Word 文件（.docx）", "a Word file (.docx)", (".docx",)
        if b"xl/" in data:
            return " Excel 文件（.xlsx）", "an Excel file (.xlsx)", (".xlsx",)
        return None
    if data.startswith(b"%PDF"):
        return " PDF 文件", "a PDF file", (".pdf",)
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "旧版 Word/WPS 文件（.doc）", "an old Word/WPS file (.doc)", (".doc", ".wps")
    return None


def _cut_utf8(data: bytes, error: UnicodeDecodeError) -> str | None:
    """UTF-8 text copied or downloaded only in part ends inside a character: the text before it, when that
    is the only fault."""
    if error.end != len(data) or error.reason != "unexpected end of data" or len(data) - error.start > 3:
        return None
    try:
        return data[: error.start].decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def _utf16_order(data: bytes) -> tuple[str, ...]:
    """UTF-16 without a byte-order mark is told by its ASCII characters (line ends, digits): their NUL bytes
    stand on odd positions (little-endian) or on even ones (big-endian), with few exceptions (一 is U+4E00).
    Bytes whose NULs fall on both alike (binary) are not UTF-16."""
    head = data[:4096]
    even, odd = head[0::2].count(0), head[1::2].count(0)
    if even + odd < max(2, len(head) // 100) or max(even, odd) < 4 * min(even, odd):
        return ()
    return ("utf-16-le",) if odd > even else ("utf-16-be",)


def _is_binary(text: str) -> bool:
    """NUL characters, or more than 1 in 20 characters outside what text in Chinese, English and their
    punctuation uses (controls, private use, unassigned code points): binary data that happened to decode.
    Random bytes decoded as UTF-16 land there about half the time."""
    head = text[:100_000]
    return "\x00" in head or len(_UNUSUAL.findall(head)) > max(8, len(head) // 20)


_UNUSUAL = re.compile(
    "[^\t-\r -~\xa0-\u024f\u0370-\u052f\u2000-\u2bff\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe10-\ufe6f\uff00-\uffef"
    "\U0001f000-\U0001faff\U00020000-\U0003134f]"
)
