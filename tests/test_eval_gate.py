"""The regression gate of the offline writer: every case in eval/cases, drafted offline, must score
figures 100% verified/derived, coverage 100%, a valid structure, no leakage and no placeholders, no
anachronism, no repetition (sentence or figure twice, 0%/100% changes), a header that matches itself, and
share at most 40% of its prose with any other case; the three regions constructed for issue 15 (a province
2018, a city 2022, a county 2019) at most 40% between any two.

A failure names the case, the scorer and the scorer's first issues: fix the writer (or the checker),
not this test.
"""

from __future__ import annotations

from itertools import permutations

import pytest

from drafter.core.config import PROJECT_ROOT, Settings
from drafter.evaluation.scorers import GATED, sameness
from drafter.evaluation.suite import evaluate
from drafter.outdir.store import load_draft

CASES_DIR = PROJECT_ROOT / "eval" / "cases"
CASES = sorted(p.name for p in CASES_DIR.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))


CONSTRUCTED = ("synth-province-beilan-2018", "synth-city-ningchuan-2022", "synth-county-liuxi-2019")


@pytest.fixture(scope="module")
def gate_outcome(tmp_path_factory):
    out = tmp_path_factory.mktemp("eval-gate")
    settings = Settings.load(backend="offline", cache_dir=out / "cache", quiet=True)
    return evaluate(CASES_DIR, out / "run", settings, quiet=True, no_cache=True)


@pytest.fixture(scope="module")
def offline_run(gate_outcome) -> dict:
    return gate_outcome.results


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


@pytest.mark.parametrize(("a", "b"), list(permutations(CONSTRUCTED, 2)))
def test_the_constructed_regions_share_little_prose(gate_outcome, a, b):
    mine, theirs = (
        sameness.runs(sameness.prose(load_draft(gate_outcome.out_dir / "cases" / c))) for c in (a, b)
    )
    assert len(mine) > 500, a  # a draft of substance, not an empty one
    assert sameness.shared(mine, theirs) <= sameness.LIMIT, f"{a} in {b}"
