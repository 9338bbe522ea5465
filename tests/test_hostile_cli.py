"""The bad inputs of issue 19 on the command line: each one is refused with exit 2 and one message that
names the file, the key or part, and the fix — and nothing is drafted from it."""

from __future__ import annotations

from pathlib import Path

import hostile_files as hf
import pytest

from drafter.cli.main import run
from drafter.core.inputs import MB


def drafter(*args: object) -> int:
    with pytest.raises(SystemExit) as done:
        run([str(a) for a in args])
    return done.value.code


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    hf.deep_yaml(folder)
    hf.deep_json(folder)
    hf.alias_bomb_yaml(folder)
    hf.metrics_with(folder, "huge.json", "fund.general_budget_edu", {2020: 1e308}, as_json=True)
    hf.metrics_with(folder, "negative.yaml", "fund.general_budget_edu", {2020: -21.09})
    hf.duplicate_key_json(folder)
    hf.xlsx_bomb(folder, 24 * MB)
    hf.docx_bomb(folder, 150 * MB)
    return folder


CASES = [
    ("deep.yaml", "nested more than 64 levels deep"),
    ("deep.json", "nested too deep"),
    ("laughs.yaml", "more than 50000 values (aliases expanded)"),
    ("huge.json", "metrics[2].values.2020: 1e+308亿元 不合常理 / is not a plausible figure"),
    ("negative.yaml", "metrics[2].values.2020: -21.09亿元 为负数 / is a negative amount"),
    ("dup.json", "metrics[2].values: 键 '2020' 在同一对象中出现两次 / key '2020' is given twice"),
    ("bomb.xlsx", "part xl/worksheets/sheet2.xml would inflate to 24 MB"),
]


@pytest.mark.parametrize(("name", "words"), CASES)
def test_metrics_validate_refuses(files, name, words, capsys):
    assert drafter("metrics", "validate", files / name) == 2
    err = capsys.readouterr().err
    assert words in err and str(files / name) in err and "Traceback" not in err


@pytest.mark.parametrize(("name", "words"), CASES)
def test_draft_refuses_and_writes_nothing(files, name, words, tmp_path, capsys):
    assert drafter("draft", files / name, "-o", tmp_path / "out", "-q") == 2
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err and len(err.strip().splitlines()) <= 3
    assert not (tmp_path / "out").exists()


def test_check_refuses_a_docx_bomb_before_inflating_it(files, capsys):
    assert drafter("check", files / "bomb.docx") == 2
    assert "part word/document.xml would inflate to 150 MB" in capsys.readouterr().err


def test_eval_where_no_case_loads_exits_2(tmp_path, capsys):
    cases = hf.broken_eval_cases(tmp_path)
    assert drafter("eval", cases, "-o", tmp_path / "run", "--quiet") == 2
    err = capsys.readouterr().err
    assert "no case could be run" in err and "Traceback" not in err
    assert (tmp_path / "run" / "results.json").is_file()  # the report still says why, case by case


@pytest.mark.parametrize("where", ["before", "after"])
def test_debug_shows_the_traceback_wherever_it_is_typed(tmp_path, where):
    """A trial: `drafter section OUT --debug` (as people type a flag: last) was "No such option: --debug", exit 2;
    only `drafter --debug section OUT` worked."""
    from drafter.core.errors import InputError

    args = ["check", str(tmp_path / "无此报告.md")]
    with pytest.raises(InputError, match="no such file"):
        run(["--debug", *args] if where == "before" else [*args, "--debug"])
