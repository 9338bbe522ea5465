"""The page's check-only review: several files or one .zip in, the review table and per-report pages out."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from drafter.core.config import Settings
from drafter.web.app import create_app

GOOD = "阳泉市人民政府关于2021年度履行教育职责自评情况的报告\n全市学校30所，其中小学20所、初中10所。\n"
BAD = "长治市2021年自评报告\n全市学校30所，其中小学20所、初中12所。<script>alert(1)</script>\n"


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    app = create_app(Settings.load(index_dir=tmp_path / "index"), tmp_path / "ws")
    return TestClient(app, base_url="http://127.0.0.1")


def csrf(client: TestClient) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', client.get("/review").text).group(1)


def upload(client: TestClient, files: list[tuple[str, bytes]], token: str | None = None):
    return client.post(
        "/review",
        data={"csrf": token if token is not None else csrf(client)},
        files=[("files", (name, data)) for name, data in files],
    )


def bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("word/document.xml", b"\0" * (20 * 1024 * 1024))
    return buffer.getvalue()


def test_several_files_give_the_review_table_and_the_per_report_pages(client):
    response = upload(
        client,
        [
            ("阳泉市.md", GOOD.encode()),
            ("长治市.txt", BAD.encode("gb18030")),
            ("坏.docx", b"PK\x03\x04 no"),
            ("炸弹.docx", bomb()),
        ],
    )
    assert response.status_code == 200 and response.url.path.startswith("/review/")
    index = response.text
    assert "阳泉市.md" in index and "炸弹.docx" in index and "inflate" in index and "not a .docx" in index
    assert "script-src" not in response.headers["content-security-policy"]
    assert "sandbox" in response.headers["content-security-policy"]
    assert '<a href="/review">' in index and '<a href="/">' in index  # the way back (new-user trial: none)
    # the title names the reports, not the upload folder (a new user's trial: 审核结果 / review: files)
    assert (
        "审核结果 / review: 坏.docx、炸弹.docx、长治市.txt 等 4 份" in index and "review: files" not in index
    )
    base = response.url.path
    summary = client.get(f"{base}summary.json").json()
    rows = {row["file"]: row for row in summary["reports"]}
    assert rows["长治市.txt"]["summary"]["inconsistent"] == 1 and rows["坏.docx"]["status"] == "error"
    report = client.get(f"{base}长治市.txt.check.html")
    assert report.status_code == 200 and "&lt;script&gt;" in report.text and "<script>" not in report.text
    assert client.get(f"{base}长治市.txt.check.json").json()["summary"] == rows["长治市.txt"]["summary"]
    sheet = client.get(f"{base}summary.xlsx")
    assert sheet.status_code == 200 and sheet.content.startswith(b"PK")
    assert base.strip("/").split("/")[1] in client.get("/review").text


def test_one_zip_is_unpacked_after_its_check(client):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("各县/阳泉市.md", GOOD)
        package.writestr("各县/长治市.md", BAD)
        package.writestr("__MACOSX/._x", "junk")
    response = upload(client, [("报告.zip", buffer.getvalue())])
    rows = client.get(f"{response.url.path}summary.json").json()["reports"]
    assert sorted(row["file"] for row in rows) == ["长治市.md", "阳泉市.md"]


def test_a_zip_bomb_upload_is_refused_with_one_message(client):
    response = upload(client, [("bomb.zip", bomb())])
    assert response.status_code == 400 and "inflate" in response.text


@pytest.mark.parametrize(
    "path",
    [
        "/review/../../etc/passwd",
        "/review/20260101-000000-abcdef/../index.html",
        "/review/x/index.html",
        "/review/20260101-000000-abcdef/.review-cache.json",
    ],
)
def test_only_the_review_files_are_served(client, path):
    assert client.get(path).status_code in (400, 404)


def test_without_the_csrf_token_nothing_is_checked(client, tmp_path):
    assert upload(client, [("a.md", GOOD.encode())], token="wrong").status_code == 403
    assert not (tmp_path / "ws" / "reviews").exists() or not any((tmp_path / "ws" / "reviews").iterdir())


def test_the_review_upload_has_its_own_size_limit(client):
    token = csrf(client)
    small = client.post("/upload", data={"csrf": token}, files={"file": ("m.yaml", b"x" * (6 * 1024 * 1024))})
    assert small.status_code == 413  # the metrics upload keeps its 5 MB limit (the CLI's)
    big = upload(client, [("big.pdf", b"%PDF-1.4\n" + b"0" * (3 * 1024 * 1024))], token=token)
    rows = json.loads(client.get(f"{big.url.path}summary.json").text)["reports"]
    assert (
        big.status_code == 200 and rows[0]["file"] == "big.pdf" and "not a readable PDF" in rows[0]["error"]
    )


def zip_with_raw_names(members: dict[bytes, str]) -> bytes:
    """A zip whose member names are the given bytes with the UTF-8 flag cleared, as Info-ZIP on Linux
    (UTF-8 bytes) and Chinese Windows (GBK bytes) write them: each is written under an ASCII name of the
    same length, which is then replaced in the local header and the central directory."""
    buffer = io.BytesIO()
    stand_ins = {}
    with zipfile.ZipFile(buffer, "w") as package:
        for index, (raw, text) in enumerate(members.items()):
            suffix = b"." + raw.rsplit(b".", 1)[1]
            stand_in = f"{index:03d}".encode().ljust(len(raw) - len(suffix), b"x") + suffix
            assert len(stand_in) == len(raw) and stand_in.isascii()
            package.writestr(stand_in.decode(), text)
            stand_ins[stand_in] = raw
    data = buffer.getvalue()
    for stand_in, raw in stand_ins.items():
        assert data.count(stand_in) == 2
        data = data.replace(stand_in, raw)
    with zipfile.ZipFile(io.BytesIO(data)) as check:
        assert all(not info.flag_bits & 0x800 for info in check.infolist())
    return data


@pytest.mark.parametrize(
    "encoding", ["utf-8", "gbk"], ids=["Info-ZIP on Linux/Kylin/UOS: UTF-8, no flag", "Chinese Windows: GBK"]
)
def test_zip_member_names_without_the_utf8_flag_are_decoded(client, encoding):
    names = ["丰乐县自评报告_gbk.txt", "清河县自评报告.md"]
    data = zip_with_raw_names({f"各县/{name}".encode(encoding): GOOD for name in names})
    response = upload(client, [("报告.zip", data)])
    rows = client.get(f"{response.url.path}summary.json").json()["reports"]
    assert sorted(row["file"] for row in rows) == sorted(names)
    assert all(row["status"] == "checked" for row in rows)


def test_the_review_page_links_the_printable_table(client):
    """A reviewer on the web page saw the table but no way to the summary.xlsx the page's folder holds (served,
    yet linked from nowhere): the page links it, and the link downloads the workbook."""
    response = upload(client, [("长治市.txt", BAD.encode("gb18030"))])
    assert 'href="summary.xlsx"' in response.text
    sheet = client.get(f"{response.url.path}summary.xlsx")
    assert sheet.status_code == 200 and sheet.content.startswith(b"PK")


METRICS = """report: {region: 阳泉市, level: city, round: 2022, period: 2021, issuer: 阳泉市人民政府}
metrics:
- {key: compulsory.primary_schools, label: 小学, unit: 所, values: {2021: 21}}
"""


def test_a_metrics_file_can_be_uploaded_with_the_reports(client):
    """A reviewer on the page gives the data too (the page had no way to): the report of its region is checked
    against it, the other region's for self-consistency only; a file of another kind is a clear error."""
    token = csrf(client)
    response = client.post(
        "/review",
        data={"csrf": token},
        files=[
            ("files", ("阳泉市.md", GOOD.encode())),
            ("files", ("长治市.txt", BAD.encode("gb18030"))),
            ("metrics", ("阳泉市.yaml", METRICS.encode())),
        ],
    )
    assert response.status_code == 200
    base = response.url.path
    rows = {row["file"]: row for row in client.get(f"{base}summary.json").json()["reports"]}
    assert rows["阳泉市.md"]["summary"]["mismatch"] == 1  # 小学20所 against the data's 21
    assert rows["长治市.txt"]["summary"]["mismatch"] == 0
    wrong = client.post(
        "/review",
        data={"csrf": csrf(client)},
        files=[("files", ("阳泉市.md", GOOD.encode())), ("metrics", ("数据.docx", b"PK\x03\x04"))],
    )
    assert wrong.status_code in (400, 422) and ".yaml" in wrong.text
    assert "数据文件（可选）" in client.get("/review").text
