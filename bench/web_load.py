"""The web page under load, against 127.0.0.1 only: page render time, regenerate-to-diff time, and
20 concurrent readers. Bounded: a fixed number of requests, each with a timeout; it stops by itself.

    .venv/bin/python bench/web_load.py [--clients 20] [--requests 10]

Targets (issue 8): a full draft page renders in <= 300 ms server time; regenerating one section with the
offline backend shows the diff in <= 1 s; 20 concurrent clients reading pages get no errors.
"""

from __future__ import annotations

import argparse
import re
import shutil
import socket
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402
import uvicorn  # noqa: E402

from drafter.core.config import Settings  # noqa: E402
from drafter.drafting.run import run_draft  # noqa: E402
from drafter.web.app import create_app  # noqa: E402

EXAMPLE = ROOT / "examples" / "yangquan-2021.yaml"
TIMEOUT = 10.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(workspace: Path) -> tuple[uvicorn.Server, str]:
    port = free_port()
    app = create_app(Settings.load(quiet=True), workspace)
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)
    )
    threading.Thread(target=server.run, daemon=True).start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    return server, f"http://127.0.0.1:{port}"


def server_ms(response: httpx.Response) -> float:
    return float(response.headers["server-timing"].split("dur=")[1])


def page_times(client: httpx.Client, n: int = 20) -> tuple[list[float], list[float]]:
    server, wall = [], []
    for _ in range(n):
        started = time.perf_counter()
        response = client.get("/d/yq")
        response.raise_for_status()
        wall.append((time.perf_counter() - started) * 1000)
        server.append(server_ms(response))
    return server, wall


def uncached_times(client: httpx.Client, server: uvicorn.Server, n: int = 10) -> list[float]:
    """The page with the checker run again each time (as after every change), metrics still cached."""
    times = []
    for _ in range(n):
        server.config.app.state.web.ws._checks.clear()
        response = client.get("/d/yq")
        response.raise_for_status()
        times.append(server_ms(response))
    return times


def regenerate_times(client: httpx.Client, n: int = 5) -> list[float]:
    """POST regenerate (with instructions), follow to the diff page, then reject to keep the draft as it was."""
    times = []
    for i in range(n):
        page = client.get("/d/yq").text
        csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
        block = page.split('class="sec sec-indicator', 1)[1]
        sid = re.search(r'data-section="([^"]+)"', block).group(1)
        version = re.search(r'name="version" value="([^"]+)"', block).group(1)
        started = time.perf_counter()
        diff = client.post(
            f"/d/yq/s/{sid}/regenerate",
            follow_redirects=True,
            data={"csrf": csrf, "version": version, "instructions": "简要一些" if i % 2 == 0 else ""},
        )
        times.append((time.perf_counter() - started) * 1000)
        assert diff.status_code == 200 and 'id="diff"' in diff.text, diff.text[:300]
        assert i % 2 or "<del>" in diff.text, "the instructions changed nothing"
        client.post(str(diff.url) + "/reject", data={"csrf": csrf})
    return times


def reader(base: str, requests: int) -> tuple[int, int, list[float]]:
    ok, errors, times = 0, 0, []
    with httpx.Client(base_url=base, timeout=TIMEOUT) as client:
        for i in range(requests):
            url = ("/d/yq", "/", "/d/yq/files/check.json", "/static/style.css")[i % 4]
            started = time.perf_counter()
            try:
                response = client.get(url)
                ok, errors = (ok + 1, errors) if response.status_code == 200 else (ok, errors + 1)
            except httpx.HTTPError:
                errors += 1
            times.append((time.perf_counter() - started) * 1000)
    return ok, errors, times


def concurrent(base: str, clients: int, requests: int) -> tuple[int, int, list[float], float]:
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        results = list(pool.map(lambda _: reader(base, requests), range(clients)))
    wall = time.perf_counter() - started
    return (sum(r[0] for r in results), sum(r[1] for r in results), [t for r in results for t in r[2]], wall)


def line(name: str, values: list[float], target: float | None = None) -> str:
    p95 = sorted(values)[max(0, int(len(values) * 0.95) - 1)]
    verdict = "" if target is None else ("  OK" if max(values) <= target else f"  OVER {target:.0f} ms")
    return (
        f"{name:<34} median {statistics.median(values):7.1f} ms  p95 {p95:7.1f} ms  max {max(values):7.1f} ms"
        f"{verdict}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=10, help="requests per client")
    args = parser.parse_args()
    workspace = Path(tempfile.mkdtemp(prefix="drafter-web-load-"))
    try:
        shutil.copy(EXAMPLE, workspace / EXAMPLE.name)
        run_draft(workspace / EXAMPLE.name, workspace / "yq", Settings.load(quiet=True), progress=False)
        server, base = start_server(workspace)
        with httpx.Client(base_url=base, timeout=TIMEOUT) as client:
            cold = client.get("/d/yq")  # the first render parses the metrics and runs the checker
            cold.raise_for_status()
            server_t, wall_t = page_times(client)
            rechecked = uncached_times(client, server)
            regen = regenerate_times(client)
        ok, errors, times, wall = concurrent(base, args.clients, args.requests)
        server.should_exit = True
        print(f"web load against {base} (example {EXAMPLE.name}, offline backend)")
        print(line("draft page, first render (cold)", [server_ms(cold)], 300))
        print(line("draft page, server time", server_t, 300))
        print(line("draft page, wall time", wall_t))
        print(line("draft page, re-checked, server", rechecked, 300))
        print(line("regenerate -> diff page (offline)", regen, 1000))
        print(line(f"{args.clients} concurrent readers", times))
        print(
            f"{args.clients} clients x {args.requests} requests: {ok} ok, {errors} errors, "
            f"{ok / wall:.0f} req/s over {wall:.2f} s{'  OK' if errors == 0 else '  ERRORS'}"
        )
        return (
            0
            if errors == 0 and max(server_t + rechecked + [server_ms(cold)]) <= 300 and max(regen) <= 1000
            else 1
        )
    finally:
        shutil.rmtree(workspace, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
