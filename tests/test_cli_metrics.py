"""`drafter metrics validate FILE` and `drafter metrics template -o FILE`: output and exit codes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from drafter.cli.main import run

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def drafter(*args: object) -> int:
    with pytest.raises(SystemExit) as done:
        run([str(a) for a in args])
    return done.value.code


def test_validate_prints_report_info_and_a_table_per_indicator(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    assert drafter("metrics", "validate", EXAMPLES / "yangquan-2021.yaml") == 0
    out = capsys.readouterr().out
    assert "阳泉市" in out and "阳政办函〔2021〕174号" in out and "23 metrics" in out
    assert "fund 经费保障 — 3 metrics, 3 facts" in out
    assert "fund.per_student_higher_vocational" in out and "16477.24" in out and ">= 12000" in out
    assert "OK: " in out


def test_validate_lists_every_problem_and_exits_2(tmp_path, capsys):
    path = tmp_path / "bad.yaml"
    path.write_text(
        "report: {region: 阳泉市, level: town, round: 2022, period: 2021, issuer: 阳泉市人民政府}\n"
        "metrics:\n  - {key: fund.x, label: x, unit: 所, values: {2021: -1, 2022: '12,0o0'}}\n",
        encoding="utf-8",
    )
    assert drafter("metrics", "validate", path) == 2
    err = capsys.readouterr().err
    assert "3 problem(s)" in err and "report.level" in err and "metrics[0].values.2021" in err
    assert 'metrics[0].values.2022: "12,0o0" 不是数字 / is not a number' in err and "Traceback" not in err


def test_validate_of_a_yaml_syntax_error_names_the_line(tmp_path, capsys):
    path = tmp_path / "bad.yaml"
    path.write_text("report:\n  region: x\n   level: city\n", encoding="utf-8")
    assert drafter("metrics", "validate", path) == 2
    assert "YAML syntax error at line 3" in capsys.readouterr().err


def test_validate_says_when_it_read_gb18030(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    path = tmp_path / "gbk.yaml"
    text = (EXAMPLES / "yangquan-2021.yaml").read_text(encoding="utf-8")
    path.write_bytes(text.encode("gb18030"))
    assert drafter("metrics", "validate", path) == 0
    assert "GB18030" in capsys.readouterr().out


@pytest.mark.parametrize("name", ["t.xlsx", "t.yaml", "t.yml"])
def test_template_is_written_and_validates(tmp_path, capsys, name):
    path = tmp_path / "sub" / name
    assert drafter("metrics", "template", "-o", path) == 0 and path.exists()
    assert f"wrote {path}" in capsys.readouterr().out
    if name.endswith(".xlsx"):
        wb = openpyxl.load_workbook(path)
        assert "指标数据" in wb.sheetnames and "preschool.gross_enrolment_rate" in [
            c.value for c in wb["_lists"]["C"]
        ]
    else:
        assert "preschool.gross_enrolment_rate  学前三年毛入园率  [%]  >=90" in path.read_text(
            encoding="utf-8"
        )
        assert drafter("metrics", "validate", path) == 0


def test_template_with_an_unknown_suffix_exits_2_and_writes_nothing(tmp_path, capsys):
    assert drafter("metrics", "template", "-o", tmp_path / "t.docx") == 2
    assert "cannot write a template as .docx" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_validate_prints_a_warning_once(tmp_path):
    """In a real process (the log handler of the command line is set up there), not only in run()."""
    text = (EXAMPLES / "anyue-2023.yaml").read_text(encoding="utf-8")
    path = tmp_path / "typo.yaml"
    path.write_text(
        text.replace("key: fund.general_budget_edu\n", "key: fnd.general_budget_edu\n", 1), "utf-8"
    )
    done = subprocess.run(
        [sys.executable, "-m", "drafter", "metrics", "validate", str(path)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert (done.stdout + done.stderr).count("unknown indicator 'fnd'") == 1, done.stderr


@pytest.mark.parametrize(
    ("key", "nearest"),
    [
        ("preschool.gross_enrolment_rat", "'preschool.gross_enrolment_rate'"),
        ("fund.general_budgt_edu", "'fund.general_budget_edu'"),
        ("fund.per_student_junoir", "'fund.per_student_junior'"),
    ],
    ids=["a letter left out", "a letter left out inside", "two letters swapped"],
)
def test_validate_warns_of_a_metric_name_one_or_two_edits_from_a_known_one(tmp_path, capsys, key, nearest):
    """A new user's typo in the name part of a key passed silently and left the figure out of its sentences."""
    path = tmp_path / "typo.yaml"
    path.write_text(
        "report: {region: 阳泉市, level: city, round: 2022, period: 2021, issuer: 阳泉市人民政府}\n"
        f"metrics:\n  - {{key: {key}, label: 某项指标, unit: '%', values: {{2021: 50}}}}\n",
        encoding="utf-8",
    )
    assert drafter("metrics", "validate", path) == 0
    err = " ".join(capsys.readouterr().err.split())
    assert f"metrics[0].key: 指标名 {key!r}" in err and f"did you mean {nearest}" in err


def test_validate_does_not_warn_of_a_known_or_a_far_metric_name(tmp_path, capsys):
    path = tmp_path / "ok.yaml"
    path.write_text(
        "report: {region: 阳泉市, level: city, round: 2022, period: 2021, issuer: 阳泉市人民政府}\n"
        "metrics:\n  - {key: preschool.gross_enrolment_rate, label: 学前三年毛入园率, unit: '%', values: {2021: 91}}\n"
        "  - {key: preschool.our_own_measure, label: 自定指标, unit: '%', values: {2021: 50}}\n",
        encoding="utf-8",
    )
    assert drafter("metrics", "validate", path) == 0
    assert "did you mean" not in capsys.readouterr().err


def test_validate_says_when_yaml_cut_a_label_at_its_part_mark(tmp_path):
    """label: 普通中学 #高中 招生数 (a yearbook's # part) — YAML keeps 普通中学 only; the file is valid, so say it."""
    text = (EXAMPLES / "anyue-2023.yaml").read_text(encoding="utf-8")
    label = next(line for line in text.splitlines() if line.strip().startswith("label:"))
    cut = label + " #高中 招生数"
    path = tmp_path / "cut.yaml"
    path.write_text(text.replace(label + "\n", cut + "\n", 1), "utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "drafter", "metrics", "validate", str(path)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert (done.stdout + done.stderr).count("被 YAML 当作注释") == 1, done.stderr
    quoted = label.split("label:")[0] + 'label: "' + label.split("label:")[1].strip() + ' #高中 招生数"'
    path.write_text(text.replace(label + "\n", quoted + "\n", 1), "utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "drafter", "metrics", "validate", str(path)], capture_output=True, text=True
    )
    assert "当作注释" not in done.stdout + done.stderr
