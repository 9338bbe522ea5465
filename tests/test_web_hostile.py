"""The web page against a holder of the page token who tries what issue 19 found: the server's API key
goes only to its configured base URL, nothing is served from outside the workspace, an upload is checked
before it replaces anything (400 with the reason, never 500), and a section edit re-checks that section."""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
import time
from pathlib import Path

import hostile_files as hf
import pytest
from fakeserver import FakeOpenAI
from starlette.testclient import TestClient

from drafter.core.config import Settings
from drafter.core.inputs import MB
from drafter.export.markdown import replace_chunk
from drafter.outdir.outputs import check_markdown
from drafter.outdir.recheck import recheck_section
from drafter.outdir.store import load_draft
from drafter.source.load import load_source
from drafter.web.app import create_app

SECRET = "sk-the-servers-own-key-0123456789"


@pytest.fixture(scope="module")
def template_ws(tmp_path_factory) -> Path:
    from drafter.drafting.run import run_draft

    ws = tmp_path_factory.mktemp("ws")
    shutil.copy(hf.EXAMPLE, ws / hf.EXAMPLE.name)
    run_draft(ws / hf.EXAMPLE.name, ws / "yq", Settings.load(quiet=True), progress=False)
    return ws


@pytest.fixture
def ws(template_ws: Path, tmp_path: Path) -> Path:
    target = tmp_path / "ws"
    shutil.copytree(template_ws, target, symlinks=True)
    return target


def client_for(ws: Path, settings: Settings | None = None) -> TestClient:
    app = create_app(settings or Settings.load(quiet=True), ws)
    return TestClient(app, base_url="http://127.0.0.1", raise_server_exceptions=False)


def csrf(client: TestClient, url: str = "/") -> str:
    return re.search(r'name="csrf" value="([^"]+)"', client.get(url).text).group(1)


def upload(client: TestClient, name: str, data: bytes):
    return client.post("/upload", data={"csrf": csrf(client)}, files={"file": (name, data, "text/plain")})


# ---------------------------------------------------------------- the key goes only where it is configured
def _draft_with(client: TestClient, base_url: str):
    form = {
        "csrf": csrf(client),
        "metrics": hf.EXAMPLE.name,
        "name": "m",
        "backend": "openai",
        "base_url": base_url,
    }
    response = client.post("/drafts", data=form)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not all(
        j.finished for j in client.app.state.web.jobs.jobs.values()
    ):
        time.sleep(0.05)
    return response


def _keys_sent(fake: FakeOpenAI) -> set[str]:
    return {r.headers.get("authorization", "") for r in fake.chat_requests}


def test_a_typed_local_base_url_is_used_without_the_servers_key(ws):
    with FakeOpenAI() as fake:
        settings = Settings.load(quiet=True, api_key=SECRET, base_url="https://models.example.invalid/v1")
        response = _draft_with(client_for(ws, settings), fake.base_url)
        assert response.status_code == 200 and fake.chat_requests  # drafted against the typed server
        assert not any(SECRET in key for key in _keys_sent(fake))


def test_the_configured_base_url_gets_the_key_however_it_is_typed(ws):
    with FakeOpenAI() as fake:
        settings = Settings.load(quiet=True, api_key=SECRET, base_url=fake.base_url)
        _draft_with(client_for(ws, settings), "HTTP" + fake.base_url.removeprefix("http") + "/")
        assert _keys_sent(fake) == {f"Bearer {SECRET}"}


@pytest.mark.parametrize(
    "typed", ["https://collector.example.com/v1", "http://192.168.1.5:8000/v1", "ftp://x/v1"]
)
def test_another_typed_base_url_is_refused_before_any_request(ws, typed):
    settings = Settings.load(quiet=True, api_key=SECRET, base_url="https://models.example.invalid/v1")
    client = client_for(ws, settings)
    response = _draft_with(client, typed)
    assert response.status_code == 400 and not client.app.state.web.jobs.jobs
    assert SECRET not in response.text and (
        "配置的接口地址" in response.text or "http(s)://" in response.text
    )


# ---------------------------------------------------------------- only files inside the workspace
@pytest.mark.parametrize("file", ["draft.md", "draft.json", "check.json", "draft.docx"])
def test_a_symlink_out_of_the_workspace_is_not_followed(ws, tmp_path, file):
    outside = tmp_path / "outside.txt"
    outside.write_text("OUTSIDE-SECRET\n", encoding="utf-8")
    (ws / "yq" / file).unlink()
    (ws / "yq" / file).symlink_to(outside)
    client = client_for(ws)
    for url in (f"/d/yq/files/{file}", "/d/yq", "/d/yq/files/check.html"):
        response = client.get(url)
        assert response.status_code == 404 and "OUTSIDE-SECRET" not in response.text, url


def test_a_symlink_inside_the_workspace_is_served(ws):
    (ws / "yq" / "check.json").unlink()
    shutil.copy(ws / "yq" / "draft.json", ws / "copy.json")
    (ws / "yq" / "check.json").symlink_to(ws / "copy.json")
    assert client_for(ws).get("/d/yq/files/check.json").json()["format"] == "drafter.draft"


# ---------------------------------------------------------------- uploads: checked in a temp file first
@pytest.fixture(scope="module")
def bad_files(tmp_path_factory) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("bad")
    return {
        "deep": hf.deep_yaml(folder).read_bytes(),
        "neg": hf.metrics_with(folder, "n.yaml", "fund.general_budget_edu", {2020: -1}).read_bytes(),
        "bomb": hf.xlsx_bomb(folder, 400 * MB).read_bytes(),
    }


@pytest.mark.parametrize(
    ("which", "name", "words"),
    [
        ("syntax", "yq2.yaml", "YAML syntax error"),
        ("deep", "yq2.yaml", "nested more than 64 levels"),
        ("neg", "yq2.yaml", "-1亿元 为负数 / is a negative amount"),
        ("junk", "yq2.yaml", "binary data"),
        ("bomb", "yq2.xlsx", "would inflate to 400 MB"),
    ],
)
def test_a_bad_upload_is_400_with_the_reason_and_keeps_the_good_file(ws, bad_files, which, name, words):
    content = {"syntax": b"report: {region: x}\nmetrics: [\n", "junk": b"\x00\x01junk" * 100}.get(which)
    content = content if content is not None else bad_files[which]
    client = client_for(ws)
    good = hf.EXAMPLE.read_bytes()
    if name.endswith(".yaml"):
        assert upload(client, name, good).status_code == 200
    response = upload(client, name, content)
    assert response.status_code == 400 and words in response.text and name in response.text
    assert str(ws) not in response.text and ".upload-" not in response.text
    uploads = ws / "uploads"
    assert sorted(p.name for p in uploads.iterdir()) == (["yq2.yaml"] if name.endswith(".yaml") else [])
    if name.endswith(".yaml"):
        assert (uploads / name).read_bytes() == good


def test_an_upload_folder_that_leads_outside_is_refused(ws, tmp_path):
    (tmp_path / "elsewhere").mkdir()
    (ws / "uploads").symlink_to(tmp_path / "elsewhere")
    response = upload(client_for(ws), "yq2.yaml", hf.EXAMPLE.read_bytes())
    assert response.status_code == 400 and list((tmp_path / "elsewhere").iterdir()) == []


# ---------------------------------------------------------------- a section edit re-checks that section
def test_an_edit_rechecks_only_its_section_and_the_result_equals_a_full_check(ws):
    client = client_for(ws)
    page = client.get("/d/yq").text
    sid = next(s.spec.id for s in load_draft(ws / "yq").sections if s.spec.kind == "indicator")
    version = re.search(r'name="version" value="([^"]+)"', page.split(f'id="s-{sid}"', 1)[1]).group(1)
    text = (
        "另有学校12所，其中公办8所、民办5所，占比为60%。\n## 一、新加的标题\n一般公共预算教育经费21.09亿元。"
    )
    response = client.post(
        f"/d/yq/s/{sid}/edit", data={"csrf": csrf(client, "/d/yq"), "version": version, "text": text}
    )
    assert response.status_code == 200
    md = (ws / "yq" / "draft.md").read_text(encoding="utf-8")
    written = json.loads((ws / "yq" / "check.json").read_text(encoding="utf-8"))
    full = check_markdown(md, load_source(ws / hf.EXAMPLE.name))
    assert written["findings"] == [dataclasses.asdict(f) for f in full.findings]
    assert any(f["text"] == "12所" and f["status"] == "inconsistent" for f in written["findings"])


@pytest.mark.parametrize(
    "added", ["比上年增长了5%，达到21.09亿元。", "# 新的一行标题 2024年", "学校12所，其中公办8所、民办5所。"]
)
def test_recheck_matches_a_full_check_for_every_section(template_ws, added):
    draft, source = load_draft(template_ws / "yq"), load_source(template_ws / hf.EXAMPLE.name)
    md = (template_ws / "yq" / "draft.md").read_text(encoding="utf-8")
    before = check_markdown(md, source)
    for section in draft.sections:
        new_md = replace_chunk(md, dataclasses.replace(section, text=f"{section.text}\n{added}"))
        assert recheck_section(md, new_md, section.spec.id, before, source) == check_markdown(new_md, source)


def test_a_name_refused_says_what_a_name_may_hold():
    """A new user's trial: a draft named 抚顺 2022 got 名称不合法 / invalid name and no word of what is allowed."""
    from drafter.web.security import PathRefused, safe_name

    with pytest.raises(PathRefused) as refused:
        safe_name("抚顺 2022")
    assert "不能有空格" in str(refused.value) and "no spaces" in str(refused.value)
    assert safe_name("抚顺2022") == "抚顺2022"
    for name, words in (("青山县" * 30, "最多 80"), ("-draft", "开头"), (".hidden", "开头"), ("a..b", "..")):
        with pytest.raises(PathRefused) as refused:
            safe_name(name)
        assert words in str(refused.value) and "不能有空格" not in str(refused.value), name
