"""`drafter eval` on the command line: tables, --compare, --fail-on-regression exit 1, a case that could not be
run exit 1, bad input exit 2."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from eval_helpers import GOOD_METRICS, FakeDrafter

from drafter.cli.main import run
from drafter.core.config import PROJECT_ROOT


def drafter_eval(*args: str) -> int:
    with pytest.raises(SystemExit) as done:
        run(["eval", *args, "--quiet"])
    return done.value.code


@pytest.fixture
def cases(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(tmp_path / "cache"))
    root = tmp_path / "eval" / "cases"
    for name in ("a", "b"):
        (root / name).mkdir(parents=True)
        (root / name / "metrics.yaml").write_text(GOOD_METRICS, encoding="utf-8")
    shutil.copy(PROJECT_ROOT / "eval" / "config.yaml", tmp_path / "eval" / "config.yaml")
    return root


def test_a_run_then_a_worse_run_with_compare(cases, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("drafter.evaluation.runner.run_draft", FakeDrafter())
    assert drafter_eval(str(cases), "-o", str(tmp_path / "a")) == 0
    first = capsys.readouterr().out
    assert "figures" in first and "placeholders" in first and "100%" in first
    monkeypatch.setattr("drafter.evaluation.runner.run_draft", FakeDrafter(experience="XX市经验做法待补充。"))
    prev = str(tmp_path / "a" / "results.json")
    code = drafter_eval(str(cases), "-o", str(tmp_path / "b"), "--compare", prev, "--fail-on-regression")
    out = capsys.readouterr().out
    assert code == 1
    assert "▼ regression" in out and "100% → 33.3% (-66.7%) ▼" in out
    saved = json.loads((tmp_path / "b" / "results.json").read_text(encoding="utf-8"))
    assert saved["comparison"]["regressions"] > 0
    assert "Compared with" in (tmp_path / "b" / "report.html").read_text(encoding="utf-8")
    assert drafter_eval(str(cases), "-o", str(tmp_path / "b"), "--compare", prev) == 0  # reported, not failed


def test_compare_with_another_case_set_exits_2_before_drafting(cases, tmp_path, monkeypatch, capsys):
    drafter = FakeDrafter()
    monkeypatch.setattr("drafter.evaluation.runner.run_draft", drafter)
    assert drafter_eval(str(cases), "-o", str(tmp_path / "a")) == 0
    shutil.rmtree(cases / "b")
    drafter.calls.clear()
    code = drafter_eval(
        str(cases), "-o", str(tmp_path / "c"), "--compare", str(tmp_path / "a" / "results.json")
    )
    assert code == 2 and drafter.calls == []
    assert "another case set (only before: b)" in capsys.readouterr().err


def test_a_case_that_cannot_be_run_makes_the_run_exit_1_and_is_named(cases, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("drafter.evaluation.runner.run_draft", FakeDrafter())
    (cases / "c").mkdir()
    (cases / "c" / "reference.md").write_text("参照", encoding="utf-8")  # no metrics.yaml
    assert drafter_eval(str(cases), "-o", str(tmp_path / "a")) == 1
    err = capsys.readouterr().err
    assert "1 of 3 cases could not be run" in err and "no metrics file" in err and "Traceback" not in err
    assert "3 个用例中 1 个无法运行" in err and "中没有数据文件" in err
    saved = json.loads((tmp_path / "a" / "results.json").read_text(encoding="utf-8"))
    assert saved["cases"]["a"]["status"] == "ok" and saved["cases"]["c"]["status"] == "error"


@pytest.mark.parametrize(
    "args",
    [
        ("nowhere", "-o", "out"),
        ("{cases}", "-o", "out", "--compare", "missing.json"),
        ("{cases}", "-o", "out", "--backend", "gpt"),
        ("{cases}", "-o", "out", "--config", "missing.yaml"),
    ],
)
def test_bad_input_exits_2_with_one_message(cases, tmp_path, monkeypatch, capsys, args):
    monkeypatch.chdir(tmp_path)
    code = drafter_eval(*(a.format(cases=cases) for a in args))
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err and err.startswith("错误 / error")


@pytest.mark.parametrize(
    ("args", "chinese", "english"),
    [
        (["nosuch"], "不是文件夹", "not a directory"),
        (["{empty}"], "这里没有评测用例文件夹", "no case folders here"),
        (
            ["{cases}", "--compare", "nosuch.json"],
            "无法读取要比较的结果",
            "cannot read the results to compare with",
        ),
    ],
)
def test_eval_s_mistakes_are_said_in_chinese_and_english(cases, tmp_path, capsys, args, chinese, english):
    """A trial: `drafter eval` was the one command whose mistakes were said in English only."""
    (tmp_path / "empty").mkdir()
    argv = [a.format(cases=cases, empty=tmp_path / "empty") for a in args]
    assert drafter_eval(*argv, "-o", str(tmp_path / "run")) == 2
    err = capsys.readouterr().err
    assert chinese in err and english in err and "Traceback" not in err
