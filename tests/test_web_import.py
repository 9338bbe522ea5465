"""The draft page's Word import: an edited .docx uploaded comes back like `drafter import`."""

from __future__ import annotations

import re
import shutil
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
    assert client.get("/d/carried/carry/changes.json").json()["summary"]["kept-for-review"] > 0
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
