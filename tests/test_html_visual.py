"""The HTML check report (`drafter check --format html`) in headless Chromium: highlighted figures by status.

Needs Debian's `chromium` (skipped with the reason otherwise). The screenshot stays in the test's tmp dir.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from drafter.core.types import STATUSES

BROWSER = next(
    (shutil.which(b) for b in ("chromium", "chromium-browser", "google-chrome") if shutil.which(b)), None
)
pytestmark = [
    pytest.mark.skipif(
        BROWSER is None, reason="headless HTML test needs chromium: apt-get install -y chromium"
    ),
    pytest.mark.skipif(
        importlib.util.find_spec("drafter.export.html") is None,
        reason="checker html report not available yet",
    ),
]

METRICS = """\
report:
  region: 阳泉市
  level: city
  round: 2022
  period: 2021
  issuer: 阳泉市人民政府
  date: 2022-03-20
metrics:
  - key: fund.general_budget_edu
    label: 一般公共预算教育支出
    unit: 亿元
    values: {2019: 21.00, 2020: 21.09}
  - key: preschool.gross_enrolment_rate
    label: 学前三年毛入园率
    unit: "%"
    values: {2021: 91.2}
"""
DRAFT = """\
# 阳泉市人民政府关于2021年度履行教育职责自评情况的报告

## 三、履行教育职责情况

2020年全市一般公共预算教育支出21.09亿元，比2019年的21.00亿元增加0.09亿元，增长0.43%。

全市学前三年毛入园率达到92.5%，新建幼儿园7所。
"""


class FigureSpans(HTMLParser):
    """(status, text) of every element whose class list holds `fig` and a checker status."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[list[str]] = []
        self._open: list[list[str] | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        status = next((s for s in STATUSES if s in classes), None) if "fig" in classes else None
        entry = [status, ""] if status else None
        if entry:
            self.found.append(entry)
        if tag not in ("br", "img", "meta", "link", "input", "hr"):
            self._open.append(entry)

    def handle_endtag(self, tag: str) -> None:
        if self._open:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        for entry in self._open:
            if entry:
                entry[1] += data


def chromium(*args: str, profile: Path) -> subprocess.CompletedProcess:
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        f"--user-data-dir={profile}",
    ]
    return subprocess.run([BROWSER, *flags, *args], capture_output=True, text=True, timeout=60, check=True)


def drafter(*args: str | Path) -> int:
    done = subprocess.run(
        [sys.executable, "-m", "drafter", *map(str, args)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode in (0, 1), done.stderr
    return done.returncode


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("html_visual")
    (tmp / "metrics.yaml").write_text(METRICS, encoding="utf-8")
    (tmp / "draft.md").write_text(DRAFT, encoding="utf-8")
    common = (tmp / "draft.md", "--metrics", tmp / "metrics.yaml")
    drafter("check", *common, "--format", "html", "-o", tmp / "report.html")
    drafter("check", *common, "--format", "json", "-o", tmp / "check.json")
    findings = json.loads((tmp / "check.json").read_text(encoding="utf-8"))["findings"]
    return tmp, findings


def test_rendered_dom_highlights_every_figure_with_its_status(report):
    tmp, findings = report
    dom = chromium("--dump-dom", (tmp / "report.html").as_uri(), profile=tmp / "profile").stdout
    parser = FigureSpans()
    parser.feed(dom)
    shown = Counter((status, text.strip()) for status, text in parser.found)
    wanted = Counter((f["status"], f["text"]) for f in findings if f["status"] != "ignored")
    assert wanted, "the checker found no figures in the test draft"
    assert not wanted - shown, f"figures not highlighted with their status: {wanted - shown}"
    assert {"verified", "mismatch"} <= {status for status, _ in shown}, shown
    assert any(text.startswith("21.09") for status, text in shown if status == "verified")


def test_screenshot_of_the_report(report):
    tmp, _ = report
    png = tmp / "report.png"
    chromium(
        f"--screenshot={png}",
        "--window-size=1200,1600",
        (tmp / "report.html").as_uri(),
        profile=tmp / "profile",
    )
    print(f"\nreport screenshot: {png}")
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert (int.from_bytes(data[16:20]), int.from_bytes(data[20:24])) == (1200, 1600)
    assert len(data) > 20_000  # a page with text and coloured highlights, not a blank screen
