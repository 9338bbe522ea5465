"""The eval runner: results.json layout and metadata, errored cases, caching, --no-cache, resuming."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from eval_helpers import GOOD_METRICS, FakeDrafter

from drafter.core.config import PROJECT_ROOT, Settings
from drafter.evaluation.config import load_config
from drafter.evaluation.suite import evaluate


@pytest.fixture
def cases(tmp_path: Path) -> Path:
    root = tmp_path / "eval" / "cases"
    for name in ("a-good", "b-good"):
        (root / name).mkdir(parents=True)
        (root / name / "metrics.yaml").write_text(GOOD_METRICS, encoding="utf-8")
    (root / "c-no-metrics").mkdir()
    (root / "c-no-metrics" / "reference.md").write_text("参照", encoding="utf-8")
    (root / "d-invalid").mkdir()
    (root / "d-invalid" / "metrics.yaml").write_text(
        GOOD_METRICS.replace("values: {2021: 0}", "values: {2021: -3}"), encoding="utf-8"
    )
    shutil.copy(PROJECT_ROOT / "eval" / "config.yaml", tmp_path / "eval" / "config.yaml")
    return root


def settings(tmp_path: Path, **kw) -> Settings:
    return Settings.load(cache_dir=tmp_path / "cache", concurrency=2, quiet=True, **kw)


def run(cases: Path, out: Path, drafter: FakeDrafter, tmp_path: Path, **kw):
    return evaluate(
        cases, out, kw.pop("settings", None) or settings(tmp_path), quiet=True, draft_fn=drafter, **kw
    )


def test_results_json_has_cases_sections_scorers_and_metadata(cases, tmp_path):
    out = tmp_path / "run"
    outcome = run(cases, out, FakeDrafter(), tmp_path)
    data = json.loads((out / "results.json").read_text(encoding="utf-8"))
    assert data == outcome.results and data["format"] == "drafter.eval.results" and data["version"] == 1
    good = data["cases"]["a-good"]
    assert good["status"] == "ok" and set(good["scores"]) == set(data["scorers"])
    per_case = {k: v for k, v in good["scores"].items() if k != "sameness"}
    assert all(s["passed"] for s in per_case.values()), good["scores"]
    # the fake drafter saves the same draft for both good cases: the cross-case scorer sees the copy
    same = good["scores"]["sameness"]["details"]
    assert same["max_shared"] == 1.0 and same["with"] == "b-good" and same["runs"] > 50
    assert not good["scores"]["sameness"]["passed"]
    assert good["sections"]["preschool"]["figures"] == {"value": 1.0, "issues": 0}
    meta = data["meta"]
    assert meta["backend"] == "offline" and meta["model"] == "offline"
    assert "draft/section.j2" in meta["prompt_hashes"] and "eval/judge.j2" in meta["prompt_hashes"]
    assert len(meta["knowledge_hash"]) == 16 and meta["drafter_version"]
    assert len(meta["git_commit"]) in (0, 40)
    assert set(meta["case_set"]["cases"]) == {"a-good", "b-good", "c-no-metrics", "d-invalid"}
    assert data["summary"]["figures"] == {"mean": 1.0, "passed": 2, "scored": 2}
    assert (out / "report.html").is_file() and (out / "drafts" / "a-good.html").is_file()


def test_broken_cases_are_errored_and_the_others_run(cases, tmp_path):
    data = run(cases, tmp_path / "run", FakeDrafter(), tmp_path).results
    assert data["cases"]["c-no-metrics"]["status"] == "error"
    assert "no metrics file" in data["cases"]["c-no-metrics"]["error"]
    assert data["cases"]["d-invalid"]["status"] == "error"
    assert (
        "compulsory.large_class_count" in data["cases"]["d-invalid"]["error"]
        or "-3" in data["cases"]["d-invalid"]["error"]
    )
    assert data["summary"]["_cases"] == {"total": 4, "errored": 2}


def test_unchanged_inputs_reuse_the_cached_drafts(cases, tmp_path):
    drafter, out = FakeDrafter(), tmp_path / "run"
    run(cases, out, drafter, tmp_path)
    assert sorted(drafter.calls) == ["a-good", "b-good"]
    again = run(cases, out, drafter, tmp_path).results
    assert sorted(drafter.calls) == ["a-good", "b-good"]  # nothing drafted again
    assert again["cases"]["a-good"]["cached"] is True
    assert (
        again["cases"]["a-good"]["scores"]
        == json.loads((out / "results.json").read_text())["cases"]["a-good"]["scores"]
    )
    run(cases, out, drafter, tmp_path, no_cache=True)
    assert sorted(drafter.calls) == ["a-good", "a-good", "b-good", "b-good"]


def test_a_changed_prompt_drafts_again(cases, tmp_path):
    prompts = tmp_path / "prompts"
    shutil.copytree(PROJECT_ROOT / "prompts", prompts)
    drafter, out = FakeDrafter(), tmp_path / "run"
    run(cases, out, drafter, tmp_path, settings=settings(tmp_path, prompts_dir=prompts))
    (prompts / "offline" / "plans.j2").write_text(
        (prompts / "offline" / "plans.j2").read_text() + "\n{# changed #}\n"
    )
    run(cases, out, drafter, tmp_path, settings=settings(tmp_path, prompts_dir=prompts))
    assert sorted(drafter.calls) == ["a-good", "a-good", "b-good", "b-good"]


def test_an_interrupted_run_resumes_with_the_finished_cases_kept(cases, tmp_path):
    out = tmp_path / "run"
    with pytest.raises(KeyboardInterrupt):
        run(
            cases,
            out,
            FakeDrafter(fail_on="b-good"),
            tmp_path,
            settings=Settings.load(cache_dir=tmp_path / "cache", concurrency=1, quiet=True),
        )
    assert not (out / "results.json").exists()
    drafter = FakeDrafter()
    data = run(cases, out, drafter, tmp_path).results
    assert drafter.calls == ["b-good"]
    assert data["cases"]["a-good"]["cached"] is True and data["cases"]["b-good"]["status"] == "ok"


def test_config_tolerances_and_judge_flags():
    config = load_config(PROJECT_ROOT / "eval" / "config.yaml")
    assert config.tolerance_for("figures") == 0.0 and config.tolerance_for("style") == 0.05
    assert not config.judge.enabled and config.with_judge("qwen-plus", None).judge.enabled
    assert config.copied_chars == 30 and "我认为" in config.style.banned
