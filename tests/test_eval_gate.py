"""The regression gate of the offline writer: every case in eval/cases, drafted offline, must score
figures 100% verified/derived, coverage 100%, a valid structure, no leakage and no placeholders.

A failure names the case, the scorer and the scorer's first issues: fix the writer (or the checker),
not this test.
"""

from __future__ import annotations

import pytest

from drafter.core.config import PROJECT_ROOT, Settings
from drafter.evaluation.scorers import GATED
from drafter.evaluation.suite import evaluate

CASES_DIR = PROJECT_ROOT / "eval" / "cases"
CASES = sorted(p.name for p in CASES_DIR.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))


@pytest.fixture(scope="module")
def offline_run(tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("eval-gate")
    settings = Settings.load(backend="offline", cache_dir=out / "cache", quiet=True)
    return evaluate(CASES_DIR, out / "run", settings, quiet=True, no_cache=True).results


def test_there_are_enough_cases():
    assert len(CASES) >= 8


@pytest.mark.parametrize("scorer", GATED)
@pytest.mark.parametrize("case", CASES)
def test_offline_draft_passes_the_gate(offline_run, case, scorer):
    result = offline_run["cases"][case]
    assert result["status"] == "ok", result["error"]
    score = result["scores"][scorer]
    issues = [f"[{i['section']}] {i['message']}" for i in score["issues"]][:8]
    assert score["passed"], f"{case} · {scorer} = {score['value']:.1%}, {score['details']}\n  " + "\n  ".join(
        issues
    )
    if scorer in ("figures", "coverage"):
        assert score["value"] == 1.0
    if scorer in ("leakage", "placeholders"):
        assert score["issues"] == []
