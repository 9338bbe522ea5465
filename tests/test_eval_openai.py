"""The eval suite with model backends against the local OpenAI-compatible server (127.0.0.1 only):
drafting with --backend openai runs cases concurrently; the judge goes through the openai backend."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from fakeserver import FakeOpenAI

from drafter.core.config import PROJECT_ROOT, Settings
from drafter.evaluation.suite import evaluate

CASES = ("synth-county-nanping-2021", "synth-county-shiqiao-2024")


@pytest.fixture
def cases(tmp_path: Path) -> Path:
    root = tmp_path / "eval" / "cases"
    for name in CASES:
        shutil.copytree(PROJECT_ROOT / "eval" / "cases" / name, root / name)
    shutil.copy(PROJECT_ROOT / "eval" / "config.yaml", tmp_path / "eval" / "config.yaml")
    return root


def test_openai_backend_drafts_cases_concurrently(cases, tmp_path):
    with FakeOpenAI(latency=0.15) as fake:
        settings = Settings.load(
            backend="openai",
            model="fake-model",
            base_url=fake.base_url,
            api_key="",
            concurrency=2,
            cache_dir=tmp_path / "cache",
            quiet=True,
            max_retries=0,
        )
        results = evaluate(cases, tmp_path / "run", settings, quiet=True).results
    assert [c["status"] for c in results["cases"].values()] == ["ok", "ok"], results["cases"]
    assert results["meta"]["backend"] == "openai" and results["meta"]["model"] == "fake-model"
    assert results["meta"]["base_url"] == fake.base_url and fake.chat_requests
    # the two cases overlapped: the server answered two calls at once (counted, not timed: a loaded machine made the
    # wall-clock comparison fail)
    assert fake.most_at_once >= 2


def test_judge_scores_through_the_openai_backend(cases, tmp_path):
    with FakeOpenAI(default="完整性：4\n语体：3\n评语：经验做法部分略显单薄。") as fake:
        settings = Settings.load(
            cache_dir=tmp_path / "cache", quiet=True, base_url=fake.base_url, max_retries=0
        )
        results = evaluate(cases, tmp_path / "run", settings, quiet=True, judge_model="judge-model").results
        prompts = [r.last_user for r in fake.chat_requests]
    assert results["scorers"][-1] == "judge" and results["meta"]["judge_model"] == "judge-model"
    judged = results["cases"][CASES[0]]["scores"]["judge"]
    assert judged["value"] == (4 + 3 - 2) / 8 and judged["passed"]
    assert len(prompts) == 2 and all("【待审草稿】" in p for p in prompts)
    assert results["cases"][CASES[0]]["scores"]["figures"]["details"]["figures"] > 0  # the others still run
