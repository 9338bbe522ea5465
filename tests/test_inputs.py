"""drafter.core.inputs: the one guarded way in — sizes, zip members before inflating, encodings, binary."""

from __future__ import annotations

import io
import random
import re
import zipfile
import zlib
from pathlib import Path

import hostile_files as hf
import pytest

from drafter.core.errors import InputError
from drafter.core.inputs import (
    MB,
    METRICS_LIMITS,
    TEXT_NOTES,
    Limits,
    check_zip,
    decode_text,
    read_bytes,
    read_text,
)

TEXT = "一般公共预算教育经费投入21.09亿元，比上年增加0.09亿元。\n学前三年毛入园率92.3%。\n"


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8"),
        ("gbk", "gb18030"),  # Notepad's 'ANSI' on Chinese Windows
        ("gb18030", "gb18030"),
        ("utf-16", "utf-16"),  # Notepad's 'Unicode': little-endian with a BOM
        ("utf-16-le", "utf-16"),  # no BOM
        ("utf-16-be", "utf-16"),
    ],
)
def test_text_in_every_encoding_office_tools_save_is_read(encoding, expected):
    text, found = decode_text(TEXT.encode(encoding), Path("a.md"))
    assert text == TEXT and found == expected


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(random.Random(1).randbytes(20_000), id="random bytes"),
        pytest.param(b"\x00\x01\x02\x03" * 1000, id="control bytes"),
        pytest.param(bytes(range(0x80, 0x100)) * 50, id="high bytes"),
        pytest.param(zlib.compress(TEXT.encode() * 500), id="compressed text"),
    ],
)
def test_binary_is_refused_not_decoded_into_nonsense(data):
    with pytest.raises(InputError, match="binary data"):
        decode_text(data, Path("junk.md"))


def _office_zip(part: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr(part, random.Random(2).randbytes(4000))
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "name", "said", "rename"),
    [
        (_office_zip("word/document.xml"), "报告.txt", "is a Word file (.docx), not text", ".docx"),
        (_office_zip("xl/workbook.xml"), "数据.yaml", "is an Excel file (.xlsx), not text", ".xlsx"),
        (b"%PDF-1.7\n" + random.Random(3).randbytes(4000), "报告.md", "is a PDF file, not text", ".pdf"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4000), "报告.txt", "an old Word/WPS file", ".doc"),
    ],
)
def test_a_document_with_the_wrong_extension_is_named_and_the_rename_said(data, name, said, rename):
    """A Word file saved as 报告.txt was 'binary data … give a text file saved as UTF-8': the user had one."""
    with pytest.raises(InputError, match=re.escape(said)) as info:
        decode_text(data, Path(name))
    assert f"rename it to end in {rename}" in info.value.render()


def test_read_bytes_refuses_a_folder_a_missing_file_a_device_and_an_oversized_file(tmp_path):
    cases = [
        (tmp_path, "is a folder"),
        (tmp_path / "none.yaml", "no such file"),
        (Path("/dev/zero"), "not a regular file"),
    ]
    big = tmp_path / "big.yaml"
    big.write_bytes(b"x" * (METRICS_LIMITS.max_bytes + 1))
    cases.append((big, "over the limit of 5 MB"))
    for path, words in cases:
        with pytest.raises(InputError, match=words) as info:
            read_bytes(path, METRICS_LIMITS, what="metrics file")
        assert str(path) in info.value.render()


def test_read_text_names_the_encoding(tmp_path):
    path = tmp_path / "gbk.md"
    path.write_bytes(TEXT.encode("gbk"))
    assert read_text(path) == (TEXT, "gb18030")


@pytest.fixture(scope="module")
def bombs(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("bombs")
    hf.xlsx_bomb(folder, 24 * MB)
    hf.docx_bomb(folder, 150 * MB)
    return folder


@pytest.mark.parametrize(
    ("name", "limits", "words"),
    [
        ("bomb.xlsx", METRICS_LIMITS, "xl/worksheets/sheet2.xml would inflate to 24 MB"),
        ("bomb.docx", Limits(), "word/document.xml would inflate to 150 MB"),
    ],
)
def test_zip_bombs_are_refused_from_their_directory(bombs, name, limits, words):
    with pytest.raises(InputError, match=words):
        check_zip(bombs / name, limits)


def _zip(path: Path, member: str, data: bytes, method: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", method) as package:
        package.writestr(member, data)
    return path


def test_encrypted_and_unusual_members_and_truncated_packages_are_refused(tmp_path):
    encrypted = _zip(tmp_path / "e.docx", "word/document.xml", b"<w:document/>")
    raw = bytearray(encrypted.read_bytes())
    raw[6] |= 1  # the local header's flag bits
    central = raw.rindex(b"PK\x01\x02")
    raw[central + 8] |= 1  # the central directory's flag bits: 'encrypted'
    encrypted.write_bytes(bytes(raw))
    bzip = _zip(tmp_path / "b.docx", "word/document.xml", b"<w:document/>", zipfile.ZIP_BZIP2)
    good = _zip(tmp_path / "g.docx", "word/document.xml", b"<w:document/>" * 100)
    truncated = tmp_path / "t.docx"
    truncated.write_bytes(good.read_bytes()[:-30])
    for path, words in [
        (encrypted, "is encrypted"),
        (bzip, "zip method 12"),
        (truncated, "not a zip package"),
    ]:
        with pytest.raises(InputError, match=words):
            check_zip(path)
    check_zip(good)
    check_zip(good, data=good.read_bytes())  # the caller's bytes, read once


def test_a_metrics_workbook_may_not_inflate_past_its_limit(tmp_path):
    path = _zip(tmp_path / "m.xlsx", "xl/worksheets/sheet1.xml", b"<row/>" * (5 * MB // 6))
    with pytest.raises(InputError, match="would inflate to 5 MB"):
        check_zip(path, METRICS_LIMITS, what=".xlsx workbook")


def test_a_text_far_longer_than_any_report_is_refused_before_checking(tmp_path):
    from drafter.documents.read import MAX_CHARS, read_document

    path = tmp_path / "long.md"
    path.write_text("学前三年毛入园率92.3%。\n" * (MAX_CHARS // 14 + 1), encoding="utf-8")
    with pytest.raises(InputError, match="more than one check reads"):
        read_document(path)


def test_an_xml_part_larger_than_any_report_is_refused_before_it_is_parsed(tmp_path):
    xml = random.Random(2).randbytes(17 * MB // 2).hex().encode()  # 17 MB that does not compress
    path = _zip(tmp_path / "big.docx", "word/document.xml", xml)
    with pytest.raises(InputError, match="part word/document.xml holds 17 MB of XML"):
        check_zip(path)


def test_a_utf8_text_cut_inside_a_character_is_read_with_a_note(tmp_path):
    """A file copied or downloaded only in part ends inside a character: the text before it, said in a note."""
    data = "教育经费总投入为100万元".encode()[:-1]
    text, encoding = decode_text(data, tmp_path / "cut.md")
    assert text == "教育经费总投入为100万" and encoding == "utf-8-cut" and "cut short" in TEXT_NOTES[encoding]
    with pytest.raises(InputError):
        decode_text(b"\x00\x01\x02\xff" * 40, tmp_path / "binary.md")
