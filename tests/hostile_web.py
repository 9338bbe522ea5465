"""One bad request to the web page, over Starlette's TestClient; prints one line: what the server did.
The web half of bench/hostile_inputs.py (kept out of bench/, whose every script `make bench` runs).

    python tests/hostile_web.py CASE WORKSPACE INPUTS

Run by bench/hostile_inputs.py under /usr/bin/time -v (the workspace holds the example and its draft `yq`).
CASE: base-url | symlink | reupload | deep-upload | bomb-upload | edit-40k | edit-40k-dense. Only 127.0.0.1 is contacted.
"""

from __future__ import annotations

import re
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import hostile_files as hf  # noqa: E402
from starlette.testclient import TestClient  # noqa: E402

from drafter.core.config import Settings  # noqa: E402
from drafter.web.app import create_app  # noqa: E402

SERVER_KEY = "sk-server-" + "k" * 24  # the server's OPENAI_API_KEY in this bench (not a real key)
CONFIGURED = "https://models.example.invalid/v1"  # the server's OPENAI_BASE_URL: never contacted
REPORT = ROOT / "knowledge" / "reports" / "changzhi-2021.md"


def client(ws: Path, settings: Settings | None = None) -> TestClient:
    app = create_app(settings or Settings.load(quiet=True), ws)
    return TestClient(app, base_url="http://127.0.0.1", raise_server_exceptions=False)


def csrf(c: TestClient, url: str = "/") -> str:
    return re.search(r'name="csrf" value="([^"]+)"', c.get(url).text).group(1)


def upload(c: TestClient, name: str, data: bytes) -> tuple[int, float]:
    started = time.perf_counter()
    response = c.post(
        "/upload", data={"csrf": csrf(c)}, files={"file": (name, data, "application/octet-stream")}
    )
    return response.status_code, time.perf_counter() - started


# ---------------------------------------------------------------- cases
def base_url(ws: Path, inputs: Path) -> str:
    seen: list[str] = []

    class Recorder(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - http.server's name
            seen.append(self.headers.get("authorization", ""))
            body = b'{"error": {"message": "no", "type": "invalid_request_error"}}'
            self.send_response(401)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings = Settings.load(quiet=True, api_key=SERVER_KEY, base_url=CONFIGURED)
    c = client(ws, settings)
    typed = f"http://127.0.0.1:{server.server_port}/v1"
    form = {
        "csrf": csrf(c),
        "metrics": hf.EXAMPLE.name,
        "name": "typed",
        "backend": "openai",
        "base_url": typed,
    }
    response = c.post("/drafts", data=form)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not all(j.finished for j in c.app.state.web.jobs.jobs.values()):
        time.sleep(0.1)
    server.shutdown()
    leaked = any(SERVER_KEY in h for h in seen)
    return (
        f"status {response.status_code}; requests to the typed URL: {len(seen)}; "
        f"server key sent there: {'YES' if leaked else 'no'}"
    )


def symlink(ws: Path, inputs: Path) -> str:
    outside = ws.parent / "outside-secret.txt"
    outside.write_text("OUTSIDE-SECRET-TEXT\n", encoding="utf-8")
    md = ws / "yq" / "draft.md"
    md.unlink()
    md.symlink_to(outside)
    c = client(ws)
    download = c.get("/d/yq/files/draft.md")
    page = c.get("/d/yq")
    served = "OUTSIDE-SECRET-TEXT" in download.text
    shown = "OUTSIDE-SECRET-TEXT" in page.text
    return (
        f"download {download.status_code} ({'outside file SERVED' if served else 'not served'}); "
        f"draft page {page.status_code} ({'outside text SHOWN' if shown else 'not shown'})"
    )


def reupload(ws: Path, inputs: Path) -> str:
    c = client(ws)
    good = hf.EXAMPLE.read_bytes()
    first, _ = upload(c, "yq2.yaml", good)
    bad, seconds = upload(c, "yq2.yaml", b"report: {region: x}\nmetrics: [\n")
    kept = ws / "uploads" / "yq2.yaml"
    state = "good file kept" if kept.is_file() and kept.read_bytes() == good else "good file LOST"
    return f"good upload {first}; bad re-upload {bad} in {seconds:.2f} s; {state}"


def deep_upload(ws: Path, inputs: Path) -> str:
    c = client(ws)
    status, seconds = upload(c, "deep.yaml", hf.deep_yaml(inputs).read_bytes())
    kept = (ws / "uploads" / "deep.yaml").exists()
    return f"status {status} in {seconds:.2f} s; {'bad file KEPT' if kept else 'not kept'}"


def bomb_upload(ws: Path, inputs: Path) -> str:
    path = inputs / "upload-bomb.xlsx"
    if not path.exists():
        hf.xlsx_bomb(inputs, 400 * hf.MB).rename(path)
    c = client(ws)
    status, seconds = upload(c, "bomb.xlsx", path.read_bytes())
    kept = (ws / "uploads" / "bomb.xlsx").exists()
    return (
        f"{path.stat().st_size / hf.MB:.1f} MB: status {status} in {seconds:.2f} s; "
        f"{'bad file KEPT' if kept else 'not kept'}"
    )


def _edit(ws: Path, text: str) -> str:
    c = client(ws)
    page = c.get("/d/yq").text
    block = page.split('id="s-opening"', 1)[1]
    version = re.search(r'name="version" value="([^"]+)"', block).group(1)
    token = csrf(c, "/d/yq")
    started = time.perf_counter()
    response = c.post("/d/yq/s/opening/edit", data={"csrf": token, "version": version, "text": text})
    seconds = time.perf_counter() - started
    size = len(text.encode("utf-8")) / 1024
    return f"{size:.0f} KB edit: status {response.status_code}, saved and page shown in {seconds:.2f} s"


def edit_40k(ws: Path, inputs: Path) -> str:
    """40 KB of a real report's prose (its figures included) as one section's new text."""
    lines = [
        ln for ln in REPORT.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")
    ]
    text, size = [], 0
    while size < 40 * 1024:
        line = lines[len(text) % len(lines)]
        text.append(line)
        size += len(line.encode("utf-8")) + 1
    return _edit(ws, "\n".join(text))


def edit_40k_dense(ws: Path, inputs: Path) -> str:
    """40 KB of one sentence with three figures, repeated: ~1,000 figures in one section."""
    sentence = "全市一般公共预算教育经费投入21.09亿元，比2019年增加0.09亿元，学前三年毛入园率92.3%。\n"
    return _edit(ws, sentence * (40 * 1024 // len(sentence.encode("utf-8"))))


CASES = {
    "base-url": base_url,
    "symlink": symlink,
    "reupload": reupload,
    "deep-upload": deep_upload,
    "bomb-upload": bomb_upload,
    "edit-40k": edit_40k,
    "edit-40k-dense": edit_40k_dense,
}

if __name__ == "__main__":
    case, workspace, inputs_dir = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    print(CASES[case](workspace, inputs_dir))
