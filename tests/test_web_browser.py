"""The web page in a real browser (Debian chromium + chromedriver, Selenium): token login, upload, draft
offline with live progress, highlighted figures, edit, regenerate with instructions, accept, download the
docx, a <script> in a label shown as text. Skips when the browser is absent."""

from __future__ import annotations

import base64
import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest
import yaml

from drafter.core.config import Settings

CHROMIUM, DRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "yangquan-2021.yaml"
TOKEN = "browser-test-token"
# DRAFTER_SCREENSHOTS=1 copies the full-page screenshot here (the README's picture); otherwise only tmp_path
REPORT_SHOTS = (
    Path("/tmp/reports/web-draft.png"),
    Path(__file__).resolve().parent.parent / "docs" / "web-draft.png",
)

webdriver = pytest.importorskip(
    "selenium.webdriver", reason="selenium is not installed (pip install -e '.[dev]')"
)
pytestmark = [
    pytest.mark.skipif(
        not (CHROMIUM.exists() and DRIVER.exists()),
        reason="chromium/chromedriver absent: apt-get install chromium chromium-driver",
    ),
    pytest.mark.timeout(120),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """uvicorn in a thread on a free 127.0.0.1 port, over a workspace holding one draft with a <script> label."""
    import uvicorn

    from drafter.drafting.run import run_draft
    from drafter.web.app import create_app

    ws = tmp_path_factory.mktemp("ws")
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data["metrics"][0]["label"] = "组成部门<script>alert('xss')</script>"
    first = next(iter(data["facts"]))  # facts are quoted into the draft, so this reaches the page text
    data["facts"][first] = ["全面落实<script>alert('xss')</script>要求", *data["facts"][first]]
    (ws / "xss.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    run_draft(ws / "xss.yaml", ws / "xss", Settings.load(quiet=True), progress=False)
    port = _free_port()
    app = create_app(Settings.load(quiet=True), ws, token=TOKEN)
    srv = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)
    )
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", ws
    srv.should_exit = True
    thread.join(5)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    profile, downloads = tmp_path_factory.mktemp("profile"), tmp_path_factory.mktemp("downloads")
    options = Options()
    options.binary_location = str(CHROMIUM)
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        f"--user-data-dir={profile}",
        "--window-size=1280,900",
        "--lang=zh-CN",
    ):
        options.add_argument(arg)
    options.add_experimental_option(
        "prefs", {"download.default_directory": str(downloads), "download.prompt_for_download": False}
    )
    driver = webdriver.Chrome(service=Service(str(DRIVER)), options=options)
    driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    driver.implicitly_wait(0)
    driver.downloads = downloads
    yield driver
    driver.quit()


def wait_for(driver, css: str, seconds: float = 10.0):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, seconds).until(ec.visibility_of_element_located((By.CSS_SELECTOR, css)))


def full_page_png(driver, path: Path) -> None:
    size = driver.execute_script(
        "return [document.documentElement.scrollWidth, document.documentElement.scrollHeight]"
    )
    shot = driver.execute_cdp_cmd(
        "Page.captureScreenshot",
        {
            "format": "png",
            "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": size[0], "height": min(size[1], 16000), "scale": 1},
        },
    )
    path.write_bytes(base64.b64decode(shot["data"]))


def test_token_then_the_whole_loop(server, browser, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    base, ws = server
    browser.get(base + "/")
    assert "401" in browser.find_element(By.TAG_NAME, "body").text  # no token: refused
    browser.get(f"{base}/?token={TOKEN}")  # once; then the HttpOnly cookie carries it
    wait_for(browser, "#upload-form")
    assert TOKEN not in browser.current_url and TOKEN not in browser.page_source
    assert browser.execute_script("return document.cookie") == ""  # HttpOnly: invisible to scripts

    browser.find_element(By.CSS_SELECTOR, "#upload-form input[type=file]").send_keys(str(EXAMPLE))
    browser.find_element(By.CSS_SELECTOR, "#upload-form button").click()
    assert "上传成功" in wait_for(browser, "#upload-ok").text
    browser.find_element(By.ID, "draft-name").send_keys("yq")
    browser.find_element(By.ID, "start-draft").click()
    wait_for(browser, "#job-link", 20).click()
    wait_for(browser, "#gongwen")
    browser.save_screenshot(str(tmp_path / "1-draft.png"))
    figures = browser.find_elements(By.CSS_SELECTOR, "#gongwen .fig.verified")
    assert len(figures) >= 40 and any("@" in f.get_attribute("title") for f in figures)  # source key on hover

    _edit(browser, tmp_path)
    _regenerate_and_accept(browser, tmp_path)
    full_page_png(browser, tmp_path / "full.png")
    for shot in REPORT_SHOTS if os.environ.get("DRAFTER_SCREENSHOTS") else ():  # refresh the README's picture
        shot.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(tmp_path / "full.png", shot)

    _download_docx(browser)


def _download_docx(browser) -> None:
    from selenium.webdriver.common.by import By

    browser.find_element(By.ID, "dl-docx").click()
    deadline = time.monotonic() + 10
    while not list(browser.downloads.glob("*.docx")) and time.monotonic() < deadline:
        time.sleep(0.1)
    docx = list(browser.downloads.glob("*.docx"))
    assert docx and docx[0].read_bytes()[:2] == b"PK"


def _edit(browser, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    section = browser.find_element(By.ID, "s-opening")
    section.find_element(By.CSS_SELECTOR, "details.edit summary").click()
    area = section.find_element(By.CSS_SELECTOR, "details.edit textarea")
    area.clear()
    area.send_keys("我市高度重视本次自评工作，明确教育工作职责的市政府组成部门35个。")  # the source says 34
    section.find_element(By.CSS_SELECTOR, "details.edit button").click()
    assert "已保存修改" in wait_for(browser, "#notice").text
    assert "已锁定" in browser.find_element(By.CSS_SELECTOR, "#s-opening .badge").text
    flagged = browser.find_element(By.CSS_SELECTOR, "#flagged a")  # re-checked: the wrong figure is listed
    assert flagged.text == "35个"
    flagged.click()
    target = browser.execute_script("return document.querySelector(':target + .fig')")
    assert "mismatch" in target.get_attribute("class") and "应为" in target.get_attribute("title")
    browser.save_screenshot(str(tmp_path / "2-edited.png"))


def _regenerate_and_accept(browser, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    section = browser.find_element(By.CSS_SELECTOR, "section.sec-indicator")
    sid = section.get_attribute("data-section")
    section.find_element(By.CSS_SELECTOR, "details.regen summary").click()
    section.find_element(By.CSS_SELECTOR, "details.regen textarea").send_keys("简要一些")
    section.find_element(By.CSS_SELECTOR, "details.regen button").click()
    wait_for(browser, "#diff")
    assert browser.find_elements(By.CSS_SELECTOR, "#old-text del")  # changed words marked
    browser.save_screenshot(str(tmp_path / "3-diff.png"))
    browser.find_element(By.ID, "accept").click()
    assert "已采用新文本" in wait_for(browser, "#notice").text
    history = browser.find_element(By.CSS_SELECTOR, f"#s-{sid} details.history")
    history.find_element(By.TAG_NAME, "summary").click()
    assert "简要一些" in history.text


def test_script_in_a_label_is_text(server, browser, tmp_path: Path) -> None:
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By

    base, _ = server
    browser.get(f"{base}/d/xss?token={TOKEN}")
    wait_for(browser, "#gongwen")
    assert "<script>alert('xss')</script>" in browser.find_element(By.ID, "gongwen").text
    assert browser.execute_script("return document.querySelectorAll('script').length") == 1  # app.js only
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018 - reading it is the check
    browser.save_screenshot(str(tmp_path / "xss.png"))
