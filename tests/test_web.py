"""The web page over Starlette's TestClient: the whole loop, the same OUT files as the CLI, and the guards."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from starlette.testclient import TestClient

from drafter.core.config import Settings
from drafter.outdir.store import load_draft
from drafter.web.app import create_app

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "yangquan-2021.yaml"
XSS = "<script>alert('x')</script>"


@pytest.fixture(scope="module")
def template_ws(tmp_path_factory) -> Path:
    """A workspace with the example and one offline draft made by the CLI machinery (drafter.drafting.run)."""
    from drafter.drafting.run import run_draft

    ws = tmp_path_factory.mktemp("ws")
    shutil.copy(EXAMPLE, ws / EXAMPLE.name)
    run_draft(ws / EXAMPLE.name, ws / "yq", Settings.load(quiet=True), progress=False)
    return ws


@pytest.fixture
def ws(template_ws: Path, tmp_path: Path) -> Path:
    target = tmp_path / "ws"
    shutil.copytree(template_ws, target, symlinks=True)
    return target


def client_for(ws: Path, token: str | None = None, **kw) -> TestClient:
    return TestClient(
        create_app(Settings.load(quiet=True), ws, token=token, **kw), base_url="http://127.0.0.1"
    )


@pytest.fixture
def client(ws: Path) -> TestClient:
    return client_for(ws)


def csrf(client: TestClient, url: str = "/") -> str:
    return re.search(r'name="csrf" value="([^"]+)"', client.get(url).text).group(1)


def section_form(page: str, section_id: str) -> str:
    """The version field of a section's forms on the draft page."""
    block = page.split(f'id="s-{section_id}"', 1)[1]
    return re.search(r'name="version" value="([^"]+)"', block).group(1)


def run_job(client: TestClient, metrics: str, name: str) -> str:
    response = client.post(
        "/drafts", data={"csrf": csrf(client), "metrics": metrics, "name": name, "backend": "offline"}
    )
    assert response.status_code == 200 and "/jobs/" in str(response.url), response.text[:500]
    with client.stream("GET", str(response.url) + "/events") as stream:
        return "".join(stream.iter_text())


# ---------------------------------------------------------------- the loop
def test_upload_draft_with_live_progress_and_read(client: TestClient, ws: Path) -> None:
    token = csrf(client)
    response = client.post(
        "/upload",
        data={"csrf": token},
        files={"file": ("yq2.yaml", EXAMPLE.read_bytes(), "application/yaml")},
    )
    assert response.status_code == 200 and "上传成功" in response.text
    assert (ws / "uploads" / "yq2.yaml").read_bytes() == EXAMPLE.read_bytes()
    events = run_job(client, "uploads/yq2.yaml", "new")
    assert "event: plan" in events and events.count("event: section") >= 10 and "event: done" in events
    assert '"failed": []' in events and "一、自查自评工作开展情况" in events
    page = client.get("/d/new")
    assert page.status_code == 200
    assert page.text.count('class="fig verified"') >= 40 and "核对摘要" in page.text
    assert re.search(r'<span class="fig verified" title="[^"]*@\d{4}', page.text)  # source key on hover
    assert load_draft(ws / "new").report.region == "阳泉市"


def test_page_reads_the_cli_draft(client: TestClient, ws: Path) -> None:
    page = client.get("/d/yq").text
    md = (ws / "yq" / "draft.md").read_text(encoding="utf-8")
    assert "阳泉市" in page and "<h2>一、自查自评工作开展情况</h2>" in page
    summary = json.loads((ws / "yq" / "check.json").read_text(encoding="utf-8"))["summary"]
    assert f'<b id="figure-count">{summary["figures"]}</b>' in page
    assert len(md) > 1000
    # the gaps the offline writer leaves are marked for the editor
    assert '<mark class="gap">【待补充：本年度推进学前教育普及普惠的主要举措' in page


@pytest.mark.parametrize(
    ("content", "name", "status", "needle"),
    [
        (b"report: {region: x}\nmetrics: []\n", "bad.yaml", 400, "处问题"),
        (b"not: [valid", "broken.yaml", 400, "处问题"),
        (b"x", "notes.txt", 400, "只接受"),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
            "数据.xls",
            400,
            "“另存为” .xlsx",
        ),  # a trial: no way on was said
        (b"x" * (300 * 1024), "big.yaml", 413, "过大"),
    ],
)
def test_upload_problems_inline(ws: Path, content: bytes, name: str, status: int, needle: str) -> None:
    client = client_for(ws, upload_limit=200 * 1024)
    response = client.post(
        "/upload", data={"csrf": csrf(client)}, files={"file": (name, content, "text/plain")}
    )
    assert response.status_code == status and needle in response.text
    assert str(ws) not in response.text  # server paths are shown relative to the workspace


def test_edit_locks_and_rechecks(client: TestClient, ws: Path) -> None:
    page = client.get("/d/yq").text
    version = section_form(page, "opening")
    text = "我市高度重视本次自评工作，全市共有学校999所。"
    response = client.post(
        "/d/yq/s/opening/edit", data={"csrf": csrf(client), "version": version, "text": text}
    )
    assert response.status_code == 200 and "已保存修改" in response.text
    section = load_draft(ws / "yq").section("opening")
    assert section.text == text and section.status == "locked" and section.history[-1].backend == "hand"
    assert text in (ws / "yq" / "draft.md").read_text(encoding="utf-8")
    check = json.loads((ws / "yq" / "check.json").read_text(encoding="utf-8"))
    assert any(f["text"].startswith("999") for f in check["findings"])  # re-checked after the change
    from drafter.drafting.redraft import list_sections

    assert (
        next(r for r in list_sections(ws / "yq") if r.id == "opening").status == "locked"
    )  # the CLI sees it
    stale = client.post(
        "/d/yq/s/opening/edit", data={"csrf": csrf(client), "version": version, "text": "again"}
    )
    assert stale.status_code == 409 and "刷新" in stale.text


def _indicator(ws: Path) -> str:
    return next(s.spec.id for s in load_draft(ws / "yq").sections if s.spec.kind == "indicator")


def _propose(client: TestClient, sid: str, version: str, instructions: str = "简要一些") -> str:
    response = client.post(
        f"/d/yq/s/{sid}/regenerate",
        data={"csrf": csrf(client), "version": version, "instructions": instructions, "backend": "offline"},
    )
    assert response.status_code == 200, response.text[:400]
    return str(response.url).rsplit("/", 1)[1]


def test_regenerate_shows_diff_then_accept(client: TestClient, ws: Path) -> None:
    sid = _indicator(ws)
    before = load_draft(ws / "yq").section(sid).text
    pid = _propose(client, sid, section_form(client.get("/d/yq").text, sid))
    diff = client.get(f"/d/yq/p/{pid}").text
    assert "<del>" in diff and "采用新文本" in diff
    assert load_draft(ws / "yq").section(sid).text == before  # nothing saved before accepting
    assert client.post(f"/d/yq/p/{pid}/accept", data={"csrf": csrf(client)}).status_code == 200
    after = load_draft(ws / "yq").section(sid)
    assert after.text != before and len(after.text) < len(before)
    assert after.history[-1].instructions == "简要一些"
    assert "简要一些" in client.get("/d/yq").text  # shown in the section history


def test_reject_keeps_text_and_second_tab_conflicts(client: TestClient, ws: Path) -> None:
    sid = _indicator(ws)
    before = load_draft(ws / "yq").section(sid).text
    version = section_form(client.get("/d/yq").text, sid)
    first, second, third = (_propose(client, sid, version) for _ in range(3))
    assert client.post(f"/d/yq/p/{first}/reject", data={"csrf": csrf(client)}).status_code == 200
    assert load_draft(ws / "yq").section(sid).text == before
    assert client.post(f"/d/yq/p/{second}/accept", data={"csrf": csrf(client)}).status_code == 200
    late = client.post(f"/d/yq/p/{third}/accept", data={"csrf": csrf(client)})
    assert late.status_code == 409 and "其他页面" in late.text
    stale = client.post(f"/d/yq/s/{sid}/regenerate", data={"csrf": csrf(client), "version": version})
    assert stale.status_code == 409


def test_locked_section_needs_force(client: TestClient, ws: Path) -> None:
    page = client.get("/d/yq").text
    client.post(
        "/d/yq/s/opening/edit",
        data={"csrf": csrf(client), "version": section_form(page, "opening"), "text": "手工改写的开头。"},
    )
    version = section_form(client.get("/d/yq").text, "opening")
    refused = client.post("/d/yq/s/opening/regenerate", data={"csrf": csrf(client), "version": version})
    assert refused.status_code == 400 and "锁定" in refused.text
    forced = client.post(
        "/d/yq/s/opening/regenerate", data={"csrf": csrf(client), "version": version, "force": "1"}
    )
    assert forced.status_code == 200 and "/p/" in str(forced.url)


@pytest.mark.parametrize(
    ("file", "check"),
    [
        ("draft.docx", lambda b: b[:2] == b"PK"),
        ("draft.md", lambda b: "阳泉市".encode() in b),
        ("check.json", lambda b: "summary" in json.loads(b)),
        ("check.html", lambda b: b'class="fig verified"' in b),
    ],
)
def test_downloads(client: TestClient, file: str, check) -> None:
    response = client.get(f"/d/yq/files/{file}")
    assert response.status_code == 200 and check(response.content)
    assert "attachment" in response.headers["content-disposition"]


# ---------------------------------------------------------------- the guards
def test_script_in_a_label_shows_as_text(client: TestClient, ws: Path) -> None:
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data["metrics"][0]["label"] = f"组成部门{XSS}"
    first = next(iter(data["facts"]))
    data["facts"][first] = [f"事实{XSS}<img src=x onerror=alert(1)>", *data["facts"][first]]
    (ws / "xss.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert '"failed": []' in run_job(client, "xss.yaml", "xss")
    page = client.get("/d/xss").text
    assert "&lt;script&gt;alert(" in page
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;" in client.get("/d/xss/files/check.html").text


@pytest.mark.parametrize(
    "url",
    [
        "/d/%2e%2e",
        "/d/..%2F..%2Fetc",
        "/d/yq/files/..%2Fdraft.json",
        "/d/yq/files/%2Fetc%2Fpasswd",
        "/d/.hidden",
        "/d/nope",
    ],
)
def test_paths_cannot_leave_the_workspace(client: TestClient, url: str) -> None:
    assert client.get(url).status_code in (400, 404)


@pytest.mark.parametrize(
    "metrics",
    ["../yangquan-2021.yaml", "/etc/passwd", "yq/../../x.yaml", "out.yaml", "C:/x.yaml", ".secret.yaml"],
)
def test_metrics_path_confined(client: TestClient, ws: Path, metrics: str) -> None:
    (ws.parent / "out.yaml").write_bytes(EXAMPLE.read_bytes())
    (ws / "out.yaml").symlink_to(ws.parent / "out.yaml") if metrics == "out.yaml" else None
    response = client.post("/drafts", data={"csrf": csrf(client), "metrics": metrics, "name": "z"})
    assert response.status_code in (400, 404) and not (ws / "z").exists()


def test_symlinked_draft_outside_is_refused(client: TestClient, ws: Path) -> None:
    shutil.copytree(ws / "yq", ws.parent / "outside")
    (ws / "link").symlink_to(ws.parent / "outside", target_is_directory=True)
    assert client.get("/d/link").status_code == 404
    assert client.get("/d/link/files/draft.md").status_code == 404
    assert 'href="/d/link"' not in client.get("/").text


def test_upload_name_cannot_escape(client: TestClient, ws: Path) -> None:
    response = client.post(
        "/upload",
        data={"csrf": csrf(client)},
        files={"file": ("../../evil.yaml", EXAMPLE.read_bytes(), "application/yaml")},
    )
    assert response.status_code == 200 and (ws / "uploads" / "evil.yaml").is_file()
    assert not (ws.parent / "evil.yaml").exists()


@pytest.mark.parametrize(
    ("headers", "data"), [({}, {}), ({}, {"csrf": "forged"}), ({"origin": "http://evil.example"}, None)]
)
def test_state_changes_need_csrf(client: TestClient, ws: Path, headers: dict, data: dict | None) -> None:
    page = client.get("/d/yq").text
    form = {
        "version": section_form(page, "opening"),
        "text": "改",
        **(data if data is not None else {"csrf": csrf(client)}),
    }
    response = client.post("/d/yq/s/opening/edit", data=form, headers=headers)
    assert response.status_code == 403
    assert load_draft(ws / "yq").section("opening").status != "locked"
    assert client.get("/d/yq/s/opening/edit").status_code == 405


def test_token_required_and_never_echoed(ws: Path) -> None:
    secret = "s3cret-token-value"
    client = client_for(ws, token=secret)
    assert client.get("/").status_code == 401 and client.get("/d/yq/files/draft.md").status_code == 401
    assert client.get("/", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert client.get("/?token=wrong").status_code == 401
    bearer = client.get("/d/yq", headers={"Authorization": f"Bearer {secret}"})
    assert bearer.status_code == 200 and secret not in bearer.text
    login = client.get(f"/d/yq?token={secret}", follow_redirects=False)
    assert login.status_code == 303 and login.headers["location"] == "/d/yq"
    cookie = login.headers["set-cookie"]
    assert "HttpOnly" in cookie and "samesite=strict" in cookie.lower() and secret not in cookie
    page = client.get("/d/yq")  # the cookie now stands for the token
    assert page.status_code == 200 and secret not in page.text


def test_foreign_host_refused_without_token(ws: Path) -> None:
    client = client_for(ws)
    assert client.get("/", headers={"host": "evil.example"}).status_code == 400
    assert client.get("/", headers={"host": "localhost:8000"}).status_code == 200


def test_security_headers(client: TestClient) -> None:
    headers = client.get("/d/yq").headers
    assert "script-src 'self'" in headers["content-security-policy"] and headers["x-frame-options"] == "DENY"


@pytest.mark.parametrize(
    ("host", "token", "fails"),
    [
        ("127.0.0.1", None, False),
        ("localhost", None, False),
        ("::1", None, False),
        ("0.0.0.0", None, True),
        ("192.168.1.5", None, True),
        ("0.0.0.0", "t", False),
    ],
)
def test_serve_needs_a_token_off_loopback(host: str, token: str | None, fails: bool) -> None:
    from drafter.cli.serve import check_exposure
    from drafter.core.errors import ConfigError

    if fails:
        with pytest.raises(ConfigError, match="token"):
            check_exposure(host, token)
    else:
        check_exposure(host, token)


def test_serve_cli_exit_2_without_token(monkeypatch) -> None:
    from drafter.cli.main import run

    monkeypatch.delenv("DRAFTER_TOKEN", raising=False)
    with pytest.raises(SystemExit) as exit_:
        run(["serve", "--host", "0.0.0.0", "--port", "1"])
    assert exit_.value.code == 2


@pytest.mark.parametrize(
    ("old", "new", "left", "right"),
    [
        ("第155次会议", "第156次会议", "第<del>155</del>次会议", "第<ins>156</ins>次会议"),
        ("研究部署", "专题研究部署", "研究部署", "<ins>专题</ins>研究部署"),
        ("<b>甲</b>", "<b>乙</b>", "&lt;b&gt;<del>甲</del>&lt;/b&gt;", "&lt;b&gt;<ins>乙</ins>&lt;/b&gt;"),
        ("同", "同", "同", "同"),
    ],
)
def test_diff_marks_changed_words(old: str, new: str, left: str, right: str) -> None:
    from drafter.web.render import diff_html

    assert diff_html(old, new) == (left, right)


def test_invalid_workspace_metrics_shown_inline(client: TestClient, ws: Path) -> None:
    (ws / "bad.yaml").write_text(
        "report:\n  region: 某市\nmetrics:\n  - key: nope.x\n    values: {2021: 1}\n", encoding="utf-8"
    )
    response = client.post("/drafts", data={"csrf": csrf(client), "metrics": "bad.yaml", "name": "bad"})
    assert response.status_code == 400 and 'id="problems"' in response.text and "bad.yaml" in response.text
    assert not (ws / "bad").exists()


def test_no_changes_while_drafting(client: TestClient, ws: Path) -> None:
    page = client.get("/d/yq").text
    client.app.state.web.ws.running.add("yq")
    response = client.post(
        "/d/yq/s/opening/edit",
        data={"csrf": csrf(client), "version": section_form(page, "opening"), "text": "改"},
    )
    assert response.status_code == 409 and "正在起草" in response.text
    again = client.post("/drafts", data={"csrf": csrf(client), "metrics": EXAMPLE.name, "name": "yq"})
    assert again.status_code == 409


def test_xlsx_upload_goes_through_the_same_validators(client: TestClient, ws: Path, tmp_path: Path) -> None:
    from test_xlsx import fill

    from drafter.source.load import default_taxonomy
    from drafter.source.xlsx_template import write_template

    empty, filled = tmp_path / "empty.xlsx", tmp_path / "filled.xlsx"
    write_template(empty, default_taxonomy())
    write_template(filled, default_taxonomy())
    fill(filled)
    refused = client.post(
        "/upload", data={"csrf": csrf(client)}, files={"file": ("empty.xlsx", empty.read_bytes())}
    )
    assert refused.status_code == 400 and 'id="problems"' in refused.text
    assert not (ws / "uploads" / "empty.xlsx").exists()  # an invalid upload is not kept
    accepted = client.post(
        "/upload", data={"csrf": csrf(client)}, files={"file": ("filled.xlsx", filled.read_bytes())}
    )
    assert accepted.status_code == 200 and "上传成功" in accepted.text
    assert '"failed": []' in run_job(client, "uploads/filled.xlsx", "fromxlsx")
    assert "阳泉市" in client.get("/d/fromxlsx").text


def test_api_key_never_shown(ws: Path) -> None:
    from dataclasses import replace

    settings = replace(Settings.load(quiet=True), api_key="sk-never-shown-1234", backend="openai")
    client = TestClient(create_app(settings, ws), base_url="http://127.0.0.1")
    for url in ("/", "/d/yq"):
        page = client.get(url).text
        assert "sk-never-shown" not in page and "已配置" in page and 'value="openai" checked' in page


def test_second_tab_regenerating_the_same_section_conflicts(client: TestClient, ws: Path) -> None:
    sid = _indicator(ws)
    version = section_form(client.get("/d/yq").text, sid)
    client.app.state.web.editor.busy.add(("yq", sid))  # the first tab's regeneration is still running
    response = client.post(f"/d/yq/s/{sid}/regenerate", data={"csrf": csrf(client), "version": version})
    assert response.status_code == 409 and "正在重新生成" in response.text


def test_an_upload_named_as_windows_names_files_is_kept_under_a_safe_name(
    client: TestClient, ws: Path
) -> None:
    """Spaces and （） are in most names staff give their files; the page refused them as an 'invalid name'."""
    response = client.post(
        "/upload",
        data={"csrf": csrf(client)},
        files={"file": ("阳泉 2021 数据（终稿）.yaml", EXAMPLE.read_bytes(), "application/yaml")},
    )
    assert response.status_code == 200 and "上传成功" in response.text
    assert (ws / "uploads" / "阳泉_2021_数据_终稿.yaml").read_bytes() == EXAMPLE.read_bytes()
    assert "uploads/阳泉_2021_数据_终稿.yaml" in response.text


def test_serve_says_a_busy_port_a_bad_port_and_a_file_as_workspace_before_starting(
    monkeypatch, tmp_path: Path, capsys
) -> None:
    """A new user's trial: a port in use printed the page's address, then uvicorn's English error, exit 3; a
    file as --workspace was a traceback; --port 99999 printed an address and hung."""
    import socket

    import uvicorn

    from drafter.cli.main import run

    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: pytest.fail("started"))

    def serve(*args: str) -> tuple[int, str]:
        with pytest.raises(SystemExit) as exit_:
            run(["serve", "--workspace", str(tmp_path / "ws"), *args])
        captured = capsys.readouterr()
        return exit_.value.code, captured.out + captured.err

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        code, said = serve("--port", str(port))
    assert code == 2 and f"port {port} is in use" in said and "web page: http" not in said
    code, said = serve("--port", "99999")
    assert code == 2 and "65535" in said
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    code, said = serve("--workspace", str(tmp_path / "a-file"))
    assert code == 2 and "is a file, not a folder" in said and "Traceback" not in said


def test_stopping_the_server_says_it_stopped_not_to_resume(tmp_path):
    """A new user stopped `drafter serve` with Ctrl-C and read "run the same command again to resume"."""
    import signal
    import socket
    import subprocess
    import sys
    import time

    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    command = [
        sys.executable,
        "-m",
        "drafter",
        "serve",
        "--workspace",
        str(tmp_path / "ws"),
        "--port",
        str(port),
    ]
    server = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8"
    )
    try:
        assert "web page: http" in server.stdout.readline()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:  # listening: the signal lands in uvicorn's loop, not in its start
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.1)
        server.send_signal(signal.SIGINT)
        _, err = server.communicate(timeout=30)
    finally:
        server.kill()
    assert "网页服务已停止" in err and "the web page has stopped" in err and "resume" not in err
    assert "Traceback" not in err


def test_the_history_shows_local_times_and_notes_in_words():
    """The section history showed `+00:00` times and a developer's note (new-user trial)."""
    import datetime as dt

    from drafter.web.app import local_time, note_words

    stamp = "2026-12-06T09:58:01+00:00"
    assert local_time(stamp) == dt.datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d %H:%M:%S")
    assert "+00:00" not in local_time(stamp) and local_time("not a time") == "not a time"
    assert note_words("offline templates: no exemplars used") == "离线模板起草（未用范文）"


def test_an_uploaded_file_s_warnings_are_on_the_page(client: TestClient, ws: Path) -> None:
    """A misspelt metric name was said only in the server's log (new-user trial); the page says it now."""
    text = EXAMPLE.read_text(encoding="utf-8").replace(
        "preschool.gross_enrolment_rate", "preschool.gross_enrollment_rate", 1
    )
    assert "gross_enrollment_rate" in text
    response = client.post(
        "/upload",
        data={"csrf": csrf(client)},
        files={"file": ("typo.yaml", text.encode("utf-8"), "application/yaml")},
    )
    assert response.status_code == 200 and "上传成功" in response.text
    assert 'id="upload-warnings"' in response.text and "gross_enrolment_rate" in response.text
    assert str(ws) not in response.text
    clean = client.post(
        "/upload",
        data={"csrf": csrf(client)},
        files={"file": ("ok.yaml", EXAMPLE.read_bytes(), "application/yaml")},
    )
    assert 'id="upload-warnings"' not in clean.text
