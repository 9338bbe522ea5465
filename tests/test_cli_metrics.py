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
    assert "阳泉市" in out and "阳政办函〔2021〕174号" in out and "23 项指标 metrics" in out
    assert "fund 经费保障 — 3 metrics, 3 facts" in out
    assert "fund.per_student_higher_vocational" in out and "16477.24" in out and ">= 12000" in out
    assert "OK: " in out and "是有效的指标数据文件" in out


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


def test_validate_of_data_for_checking_only_says_what_a_draft_would_need(tmp_path, capsys, monkeypatch):
    """A reviewer's file without report.issuer and report.round is good for `check --metrics` (which fills them);
    validate says so, exit 0, and lists what drafting from it would need. Another problem still fails it."""
    monkeypatch.setenv("COLUMNS", "200")
    path = tmp_path / "check.yaml"
    path.write_text(
        "report: {region: 阳泉市, level: city, period: 2021}\n"
        "metrics:\n  - {key: compulsory.students, label: 义务教育在校生, unit: 人, values: {2021: 12990}}\n",
        encoding="utf-8",
    )
    assert drafter("metrics", "validate", path) == 0
    out = capsys.readouterr().out
    assert (
        "可用于核对报告" in out
        and "is valid for checking a report" in out
        and "是有效的指标数据文件" not in out
    )
    assert "report.issuer" in out and "report.round" in out
    path.write_text(path.read_text(encoding="utf-8").replace("12990", "'12,9o0'"), encoding="utf-8")
    assert drafter("metrics", "validate", path) == 2
    err = capsys.readouterr().err
    assert "3 problem(s)" in err and "不是数字" in err and "report.issuer" in err


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
    assert f"已写入 / wrote {path}" in capsys.readouterr().out
    if name.endswith(".xlsx"):
        wb = openpyxl.load_workbook(path)
        assert "指标数据" in wb.sheetnames and "preschool.gross_enrolment_rate（学前三年毛入园率）" in [
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
def test_validate_warns_of_a_metric_name_one_edit_from_a_known_one(tmp_path, capsys, key, nearest):
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
        "  - {key: preschool.our_own_measure, label: 自定指标, unit: '%', values: {2021: 50}}\n"
        "  - {key: fund.central_budget_edu, label: 中央财政教育经费, unit: 亿元, values: {2021: 50}}\n",
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


# ---------------------------------------------------------------- the new user's typos
HEAD = (
    "report: {region: 丰乐县, level: county, round: 2024, period: 2023, issuer: 丰乐县人民政府}\nmetrics:\n"
)
BUDGET = "  - {key: fund.general_budget_edu, label: 一般公共预算教育支出, unit: %s, values: {2023: 5.86}}\n"
AID = "  - {key: student_aid.funds, label: 学生资助资金, unit: 万元, values: {2023: 3265.8}}\n"


def test_an_unknown_unit_is_an_error_naming_the_key_the_unit_and_the_nearest_units(tmp_path, capsys):
    path = tmp_path / "typo.yaml"
    path.write_text(HEAD + BUDGET % "忆元" + AID, encoding="utf-8")
    assert drafter("metrics", "validate", path) == 2
    err = capsys.readouterr().err
    line = next(line for line in err.splitlines() if "忆元" in line)
    assert "metrics[0].unit" in line and "fund.general_budget_edu" in line and "unknown unit '忆元'" in line
    assert "是否为 亿元" in line and "did you mean 亿元" in line and "第3行" in line


@pytest.mark.parametrize("unit", ["百分比", "percent"])
def test_a_unit_written_as_its_name_is_told_its_sign(tmp_path, capsys, unit):
    """A trial: 单位 "百分比" in the sheet was asked "did you mean 百分点 or 个百分点 or 分?" — 百分点 is the unit of a
    change, and a rate written with it is read as one; the sign it means is %."""
    path = tmp_path / "rate.yaml"
    path.write_text(
        HEAD
        + f"  - {{key: preschool.gross_enrolment_rate, label: 学前三年毛入园率, unit: {unit}, values: {{2023: 91.2}}}}\n",
        encoding="utf-8",
    )
    assert drafter("metrics", "validate", path) == 2
    line = next(line for line in capsys.readouterr().err.splitlines() if f"unknown unit '{unit}'" in line)
    assert "是否为 %？" in line and "did you mean %?" in line and "百分点" not in line


@pytest.mark.parametrize("unit", ["亿元", "万亩", "元/生", ":1", "万人次", "个百分点", "户"])
def test_units_of_statistics_are_known(tmp_path, capsys, unit):
    path = tmp_path / "ok.yaml"
    path.write_text(HEAD + BUDGET % f'"{unit}"', encoding="utf-8")
    assert drafter("metrics", "validate", path) == 0, capsys.readouterr().err


def test_a_budget_smaller_than_its_part_is_warned_in_chinese_and_english(tmp_path, capsys):
    path = tmp_path / "small.yaml"
    path.write_text(HEAD + BUDGET % "万元" + AID, encoding="utf-8")
    assert drafter("metrics", "validate", path) == 0
    err = capsys.readouterr().err
    assert "小于其中包含的 student_aid.funds@2023" in err and "请检查单位（万元/亿元）或小数点" in err
    assert "is smaller than student_aid.funds@2023" in err


@pytest.mark.parametrize(
    ("values", "line"),
    [("{2022: 90.2, 2023: 91,5}", 7), ("\n      2022: 90.2\n      2023: 91,5", 9)],
    ids=["flow mapping: read as 91 and a year 5", "block mapping: the string 91,5"],
)
def test_a_decimal_comma_names_the_key_the_line_and_the_comma(tmp_path, capsys, values, line):
    path = tmp_path / "comma.yaml"
    metric = f'  - key: preschool.gross_enrolment_rate\n    label: 学前三年毛入园率\n    unit: "%"\n    values: {values}\n'
    path.write_text(HEAD + AID + metric, encoding="utf-8")
    assert drafter("metrics", "validate", path) == 2
    err = capsys.readouterr().err
    assert "1 problem(s)" in err and "不是年份" not in err
    assert f"（preschool.gross_enrolment_rate，第{line}行 / line {line}）" in err
    assert "逗号不是小数点" in err and "a comma is not a decimal point" in err and "91.5" in err


def test_a_thousands_comma_inside_braces_is_said_as_such(tmp_path, capsys):
    """{2018: 15,166} reads as 15 and a year 166: a new user got "166 不是年份" and a null value."""
    path = tmp_path / "comma.yaml"
    metric = "  - {key: compulsory.students, label: 义务教育在校生, unit: 人, values: {2018: 15,166, 2021: 12990}}\n"
    path.write_text(HEAD + AID + metric, encoding="utf-8")
    assert drafter("metrics", "validate", path) == 2
    err = capsys.readouterr().err
    assert "1 problem(s)" in err and "不是年份" not in err and "2018: 15166" in err and '"15,166"' in err
    path.write_text(HEAD + AID + metric.replace("15,166", '"15,166"'), encoding="utf-8")
    assert drafter("metrics", "validate", path) == 0


def test_self_check_items_are_not_counted_as_facts(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "250")
    path = tmp_path / "facts.yaml"
    path.write_text(
        HEAD + AID + 'facts:\n  party: ["县委常委会专题研究教育工作4次"]\nself_check: ["教育局牵头"]\n',
        encoding="utf-8",
    )
    assert drafter("metrics", "validate", path) == 0
    out = capsys.readouterr().out
    assert "1 条事实 facts" in out and "1 条自查 self-check" in out


def test_a_template_over_an_existing_file_is_refused_unless_force(tmp_path, capsys):
    """A filled-in workbook named again with -o was wiped by a fresh template, without a word."""
    filled = tmp_path / "阳泉 2021.xlsx"
    filled.write_bytes(b"filled in by staff")
    assert drafter("metrics", "template", "-o", filled) == 2
    err = capsys.readouterr().err
    assert "already exists" in err and "--force" in err and str(filled) in err and "Traceback" not in err
    assert filled.read_bytes() == b"filled in by staff"
    assert drafter("metrics", "template", "-o", filled, "--force") == 0
    assert filled.read_bytes()[:2] == b"PK"


def test_facts_under_an_indicator_s_chinese_name_are_filed_under_its_code(tmp_path, capsys):
    """A new user filled the Excel template's 定性事实 sheet with 党的领导 (the 指标数据 sheet took 经费保障): refused as an
    unknown code, with a list of codes only. Names and `code name` are read as the code; the list names them too."""
    from drafter.source.load import load_source

    path = tmp_path / "facts.yaml"
    path.write_text(
        "report: {region: 阳泉市, level: city, round: 2022, period: 2021, issuer: 阳泉市人民政府}\n"
        "metrics:\n  - {key: compulsory.students, label: 义务教育在校生, unit: 人, values: {2021: 12990}}\n"
        "facts:\n  党的领导: [召开专题会议3次]\n  party 党的领导: [印发文件2个]\n",
        encoding="utf-8",
    )
    assert load_source(path).facts["party"] == ("召开专题会议3次", "印发文件2个")
    one = path.read_text(encoding="utf-8").replace(
        "  party 党的领导: [印发文件2个]\n", "  party: 印发文件2个\n"
    )
    path.write_text(
        one, encoding="utf-8"
    )  # one statement, not a list, under the code: kept beside the name's
    assert sorted(load_source(path).facts["party"]) == ["印发文件2个", "召开专题会议3次"]
    path.write_text(path.read_text(encoding="utf-8") + "  党建引领: [x]\n", encoding="utf-8")
    assert drafter("metrics", "validate", path) == 2
    assert "party 党的领导, moral 立德树人" in capsys.readouterr().err


def test_a_gbk_file_for_checking_only_is_said_to_be_gbk_once(tmp_path, caplog):
    """validate reads a check-only file a second time, as check --metrics would: its encoding note is said once."""
    path = tmp_path / "gbk.yaml"
    text = "report: {region: 阳泉市, level: city, period: 2021}\nmetrics:\n  - {key: compulsory.students, label: 义务教育在校生, unit: 人, values: {2021: 12990}}\n"
    path.write_bytes(text.encode("gb18030"))
    with caplog.at_level("INFO"):
        assert drafter("metrics", "validate", path) == 0
    assert sum("已按 GB18030 读取" in r.getMessage() for r in caplog.records) == 1
