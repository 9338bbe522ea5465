"""The draft page's Word import: an edited .docx uploaded comes back like `drafter import`."""

from __future__ import annotations

import os
import re
import shutil
import struct
import zlib
from pathlib import Path

import docx
import pytest
from starlette.testclient import TestClient

from drafter.core.config import Settings
from drafter.outdir.store import load_draft
from drafter.web.app import create_app

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "yangquan-2021.yaml"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture(scope="module")
def template_ws(tmp_path_factory) -> Path:
    from drafter.drafting.run import run_draft

    ws = tmp_path_factory.mktemp("ws")
    shutil.copy(EXAMPLE, ws / EXAMPLE.name)
    run_draft(ws / EXAMPLE.name, ws / "yq", Settings.load(quiet=True), progress=False)
    return ws


@pytest.fixture
def ws(template_ws: Path, tmp_path: Path) -> Path:
    shutil.copytree(template_ws, tmp_path / "ws")
    return tmp_path / "ws"


@pytest.fixture
def client(ws: Path) -> TestClient:
    return TestClient(create_app(Settings.load(quiet=True), ws), base_url="http://127.0.0.1")


def csrf(client: TestClient) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', client.get("/d/yq").text).group(1)


def edited_docx(ws: Path) -> bytes:
    document = docx.Document(ws / "yq" / "draft.docx")
    p = next(p for p in document.paragraphs if "毛入园率为92.3%" in p.text)
    for run in p.runs:
        run.text = run.text.replace("92.3%", "93.9%")
    path = ws.parent / "edited.docx"
    document.save(path)
    return path.read_bytes()


def test_an_uploaded_word_file_is_imported_locked_and_rechecked(client, ws):
    response = client.post(
        "/d/yq/import", data={"csrf": csrf(client)}, files={"file": ("改过的.docx", edited_docx(ws), DOCX)}
    )
    assert response.status_code == 200 and "已导入 Word 修改稿" in response.text
    section = load_draft(ws / "yq").section("preschool")
    assert section.status == "locked" and "93.9%" in section.text
    assert "改过的.docx" in section.history[-1].note  # the upload's name, not its temp copy's (edited.docx)
    assert "edited.docx" not in response.text
    assert "93.9%" in response.text and "与来源不符" in response.text  # the page shows the flag
    assert not list(ws.rglob("*.docx.tmp")) and not (ws / "uploads").exists()


def test_a_foreign_or_wrong_file_is_refused_and_nothing_changes(client, ws):
    before = (ws / "yq" / "draft.json").read_bytes()
    other = docx.Document()
    other.add_paragraph("会议纪要")
    path = ws.parent / "other.docx"
    other.save(path)
    token = csrf(client)
    response = client.post(
        "/d/yq/import", data={"csrf": token}, files={"file": ("纪要.docx", path.read_bytes(), DOCX)}
    )
    assert response.status_code == 400 and "not a version of the draft" in response.text
    assert "/tmp/" not in response.text and "drafter-import" not in response.text
    response = client.post(
        "/d/yq/import", data={"csrf": token}, files={"file": ("a.pdf", b"%PDF-1.4", "application/pdf")}
    )
    assert response.status_code == 400 and ".docx" in response.text
    assert (ws / "yq" / "draft.json").read_bytes() == before


def test_import_needs_the_csrf_token(client, ws):
    response = client.post("/d/yq/import", files={"file": ("x.docx", edited_docx(ws), DOCX)})
    assert response.status_code == 403
    assert load_draft(ws / "yq").section("preschool").status == "drafted"


# ---------------------------------------------------------------- last year's report carried forward
def test_last_years_report_uploaded_beside_the_metrics_is_carried_forward(client, ws):
    from carry_helpers import LAST_MD, NEW_YAML

    (ws / "new.yaml").write_text(NEW_YAML, encoding="utf-8")
    token = csrf(client)
    response = client.post(
        "/carry",
        data={"csrf": token, "metrics": "new.yaml", "name": "carried", "backend": "offline"},
        files={"last": ("去年报告.md", LAST_MD.encode("utf-8"), "text/markdown")},
    )
    assert response.status_code == 200 and "已沿用去年的报告" in response.text
    assert "21.80亿元" in response.text and 'id="dl-redline"' in response.text
    redline = client.get("/d/carried/carry/redline.docx")
    assert redline.status_code == 200 and redline.content[:2] == b"PK"
    changes = client.get("/d/carried/carry/changes.json").json()
    assert changes["summary"]["kept-for-review"] > 0
    # the upload's name on the page and in changes.json, not its temp copy's (/tmp/drafter-last-…/last.md)
    assert changes["from"] == "去年报告.md"
    assert "carried forward from 去年报告.md" in response.text and "last.md" not in response.text
    assert client.get("/d/carried/carry/draft.json").status_code == 404
    assert not list(ws.rglob("last.md"))


def test_a_carry_upload_that_is_no_report_is_refused(client, ws):
    from carry_helpers import NEW_YAML

    (ws / "new.yaml").write_text(NEW_YAML, encoding="utf-8")
    token = csrf(client)
    response = client.post(
        "/carry",
        data={"csrf": token, "metrics": "new.yaml", "name": "bad"},
        files={"last": ("表.xlsx", b"PK\x05\x06" + b"\x00" * 18, "application/octet-stream")},
    )
    assert response.status_code == 400 and ".docx" in response.text
    response = client.post(
        "/carry",
        data={"csrf": token, "metrics": "new.yaml", "name": "bad"},
        files={"last": ("会议纪要.md", "会议纪要\n\n今天开会。".encode(), "text/markdown")},
    )
    assert response.status_code == 400 and "会议纪要.md" in response.text and "/tmp/" not in response.text
    assert not (ws / "bad" / "draft.json").exists()


def test_last_years_report_as_a_saved_web_page_is_carried_forward_on_the_page(client, ws, tmp_path):
    from carry_helpers import LAST_MD, NEW_YAML
    from report_files import write_html

    (ws / "new.yaml").write_text(NEW_YAML, encoding="utf-8")
    page = write_html(
        LAST_MD, tmp_path / "last.html", title="示例市2021年度履行教育职责自评报告", encoding="gb18030"
    )
    assert 'accept=".docx,.pdf,.doc,.wps,.html,.htm' in client.get("/").text
    response = client.post(
        "/carry",
        data={"csrf": csrf(client), "metrics": "new.yaml", "name": "from-html", "backend": "offline"},
        files={"last": ("去年报告.html", page.read_bytes(), "text/html")},
    )
    assert response.status_code == 200 and "已沿用去年的报告" in response.text
    assert "21.80亿元" in load_draft(ws / "from-html").section("fund").text


# ---------------------------------------------------------------- uploads as large as the CLI reads
def photo(path: Path, side: int = 1000) -> Path:
    """A photo as reports carry them: side × side pixels of noise, a PNG of about 3 MB that no zip shrinks."""
    rows = b"".join(b"\x00" + os.urandom(side * 3) for _ in range(side))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", side, side, 8, 2, 0, 0, 0)
    png = chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 1)) + chunk(b"IEND", b"")
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + png)
    return path


def with_photo(source: Path, into: Path) -> bytes:
    document = docx.Document(source)
    document.add_picture(str(photo(into.with_suffix(".png"))))
    document.save(into)
    assert into.stat().st_size > 2 * 1024 * 1024
    return into.read_bytes()


def test_last_years_report_with_a_photo_is_carried_forward_as_the_cli_does(client, ws, tmp_path):
    """A trial: a 3 MB .docx was refused with a bare "413 文件过大：上限 2112 KB" that `drafter draft --from`
    reads (reports up to 50 MB)."""
    from carry_helpers import NEW_YAML, last_docx

    (ws / "new.yaml").write_text(NEW_YAML, encoding="utf-8")
    data = with_photo(last_docx(tmp_path / "last.docx"), tmp_path / "去年报告.docx")
    response = client.post(
        "/carry",
        data={"csrf": csrf(client), "metrics": "new.yaml", "name": "photo", "backend": "offline"},
        files={"last": ("去年报告.docx", data, DOCX)},
    )
    assert response.status_code == 200 and "已沿用去年的报告" in response.text
    assert "21.80亿元" in load_draft(ws / "photo").section("fund").text


def test_an_edited_word_file_with_a_photo_is_imported(client, ws, tmp_path):
    (tmp_path / "edited.docx").write_bytes(edited_docx(ws))
    data = with_photo(tmp_path / "edited.docx", tmp_path / "改过的.docx")
    response = client.post(
        "/d/yq/import", data={"csrf": csrf(client)}, files={"file": ("改过的.docx", data, DOCX)}
    )
    assert response.status_code == 200 and "已导入 Word 修改稿" in response.text
    assert "93.9%" in load_draft(ws / "yq").section("preschool").text


def test_a_metrics_upload_has_the_cli_s_5_mb_limit_said_in_mb(client, ws):
    token = csrf(client)
    padded = (
        EXAMPLE.read_bytes() + b"#" + b"x" * (3 * 1024 * 1024) + b"\n"
    )  # 3 MB: `metrics validate` reads it
    response = client.post("/upload", data={"csrf": token}, files={"file": ("阳泉.yaml", padded)})
    assert response.status_code == 200 and (ws / "uploads" / "阳泉.yaml").is_file()
    over = client.post("/upload", data={"csrf": token}, files={"file": ("大.yaml", b"x" * (6 * 1024 * 1024))})
    assert (
        over.status_code == 413 and "超过 5 MB 的上限" in over.text and "over the limit of 5 MB" in over.text
    )
    assert "不超过 5 MB" in client.get("/").text
