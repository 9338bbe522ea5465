"""An installed Drafter finds its files, ships no stray packages, and a mistyped flag is a usage error.

(scripts/check_install.sh builds the real wheel and installs it into a fresh venv; CI runs it.)
"""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys

import pytest

import drafter.assets as assets
from drafter.core.config import Settings


def test_an_install_without_a_checkout_uses_the_packaged_copies(tmp_path, monkeypatch):
    monkeypatch.setattr(assets, "CHECKOUT", tmp_path)  # no pyproject.toml there: not a checkout
    monkeypatch.setattr(assets, "PACKAGE", tmp_path / "site-packages" / "drafter" / "assets")
    assert assets.asset_dir("knowledge") == tmp_path / "site-packages" / "drafter" / "assets" / "knowledge"
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.delenv("LOCALAPPDATA", raising=False)
    settings = Settings.from_env()
    assert settings.index_dir == tmp_path / "home" / ".cache" / "drafter" / "index"


def test_a_checkout_uses_its_top_level_folders():
    assert assets.asset_dir("knowledge") == assets.CHECKOUT / "knowledge"
    assert (assets.asset_dir("knowledge") / "taxonomy.yaml").is_file()
    assert (assets.asset_dir("prompts") / "draft" / "section.j2").is_file()


def test_the_embedding_model_is_the_file_its_notice_describes():
    notice = (assets.MODEL_FILE.parent / "NOTICE.md").read_text(encoding="utf-8")
    digest = re.search(r"sha256 `([0-9a-f]{64})`", notice).group(1)
    assert hashlib.sha256(assets.MODEL_FILE.read_bytes()).hexdigest() == digest


def test_setup_maps_knowledge_and_prompts_into_the_package():
    text = (assets.CHECKOUT / "setup.py").read_text(encoding="utf-8")
    assert '"drafter.assets.knowledge": "knowledge"' in text and '"drafter.assets.prompts": "prompts"' in text
    assert 'find_packages(include=["drafter", "drafter.*"])' in text  # never a top-level tests package


@pytest.mark.parametrize(
    "argv, words",
    [(["draft", "--bogus"], "No such option"), (["nosuch"], "No such command"), (["draft"], "Missing")],
)
def test_a_mistyped_flag_or_command_prints_usage_and_exits_2(argv, words):
    done = subprocess.run(
        [sys.executable, "-m", "drafter", *argv], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2
    assert done.stderr.startswith("Usage: drafter") and words in done.stderr
    assert "Traceback" not in done.stderr
    assert "错误：" in done.stderr and "--help" in done.stderr  # Chinese first, and where the help is


def test_a_command_typed_for_another_says_which_one_is_meant():
    """A new user types `drafter web` for the web page: the error names `drafter serve`."""
    done = subprocess.run(
        [sys.executable, "-m", "drafter", "web"], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2
    assert "没有这个命令：web" in done.stderr and "drafter serve" in done.stderr


def _declared(monkeypatch) -> dict:
    """The keyword arguments setup.py gives setuptools.setup."""
    import runpy

    import setuptools

    declared: dict = {}
    monkeypatch.setattr(setuptools, "setup", lambda **kwargs: declared.update(kwargs))
    monkeypatch.chdir(assets.CHECKOUT)
    runpy.run_path(str(assets.CHECKOUT / "setup.py"))
    return declared


def _folders(package: str, folder: str, *, code: bool) -> set[str]:
    """Every folder below CHECKOUT/folder as a package name: those with Python files or those without."""
    root = assets.CHECKOUT / folder
    return {
        ".".join((package, *here.relative_to(root).parts))
        for here in [root, *root.rglob("*")]
        if here.is_dir()
        and not any(part.startswith((".", "__")) for part in here.relative_to(assets.CHECKOUT).parts)
        and any(here.glob("*.py")) == code
    }


def test_every_data_folder_is_a_declared_package_with_its_files(monkeypatch):
    """setuptools (>= 69) warns at length about each folder inside a package that Python could import but
    `packages` leaves out (drafter.assets.models, drafter.web.templates …): ~420 lines on every install."""
    declared = _declared(monkeypatch)
    folders = {"drafter": "drafter", **declared["package_dir"]}
    data = {name for package, folder in folders.items() for name in _folders(package, folder, code=False)}
    assert data - set(declared["packages"]) == set()
    assert all(declared["package_data"].get(name) == ["*"] for name in data)


def test_every_code_folder_is_a_package_in_the_wheel(monkeypatch):
    """find_packages only finds folders with an __init__.py: drafter/carry had none, and an installed Drafter
    failed on `drafter draft --from` with No module named 'drafter.carry'."""
    code = _folders("drafter", "drafter", code=True)
    assert code - set(_declared(monkeypatch)["packages"]) == set()
