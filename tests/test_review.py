"""`drafter check FOLDER -o REVIEW`: one row per report, bad files as rows, tables, reuse, exit codes."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
import review_jobs
from openpyxl import load_workbook

from drafter.cli.main import run
from drafter.review.pool import Limits, run_isolated
from drafter.review.run import run_review
from drafter.review.words import first_findings, region_of

METRICS = """\
report: {{region: {region}, level: city, round: 2022, period: 2021, issuer: {region}人民政府}}
metrics:
  - {{key: preschool.gross_enrolment_rate, label: 学前三年毛入园率, unit: "%", values: {{2021: 91.2}}}}
"""
GOOD = "{region}人民政府关于2021年度履行教育职责自评情况的报告\n（四）学前教育\n2021年全市学前三年毛入园率达到91.2%。\n"
BAD = "{region}人民政府关于2021年度履行教育职责自评情况的报告\n（四）学前教育\n2021年全市学前三年毛入园率达到92.5%。\n"
INCONSISTENT = (
    "甲县2021年自评报告\n全县学校53所，其中小学101所的52.3%。在校生由1000人增加到1100人，增长12%。\n"
)


def drafter(*args: object) -> int:
    with pytest.raises(SystemExit) as done:
        run([str(a) for a in args])
    return done.value.code


def zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", b"\0" * (20 * 1024 * 1024))
    return buffer.getvalue()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    reports = tmp_path / "各县自评报告"
    (reports / "二批").mkdir(parents=True)
    (reports / "阳泉市.md").write_text(GOOD.format(region="阳泉市"), encoding="utf-8")
    (reports / "二批" / "长治市.txt").write_bytes(BAD.format(region="长治市").encode("gb18030"))
    (reports / "甲县.md").write_text(INCONSISTENT, encoding="utf-8")
    (reports / "损坏.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (reports / "炸弹.docx").write_bytes(zip_bomb())
    (reports / "空白.txt").write_text("  \n", encoding="utf-8")
    (reports / "扫描.png").write_bytes(b"\x89PNG\r\n")
    with (reports / "巨大.pdf").open("wb") as huge:
        huge.truncate(200 * 1024 * 1024)  # sparse: 200 MB on paper, nothing on disk
    (reports / "数据.xlsx").write_bytes(b"not a report: skipped")
    (reports / ".hidden.md").write_text("skipped", encoding="utf-8")
    return reports


def test_a_folder_gives_one_row_per_report_and_the_three_tables(folder, tmp_path, capsys):
    review = tmp_path / "审核结果"
    assert drafter("check", folder, "-o", review) == 1
    summary = json.loads((review / "summary.json").read_text(encoding="utf-8"))
    rows = {row["file"]: row for row in summary["reports"]}
    assert set(rows) == {
        "阳泉市.md",
        "二批/长治市.txt",
        "甲县.md",
        "损坏.docx",
        "炸弹.docx",
        "空白.txt",
        "扫描.png",
        "巨大.pdf",
    }
    assert all(set(row) == {"file", "status", "error", "summary"} for row in rows.values())
    for name in ("阳泉市.md", "二批/长治市.txt", "甲县.md"):
        own = json.loads((review / f"{name}.check.json").read_text(encoding="utf-8"))
        assert rows[name]["status"] == "checked" and rows[name]["summary"] == own["summary"]
        assert (review / f"{name}.check.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    errors = {
        name: rows[name]["error"] for name in ("损坏.docx", "炸弹.docx", "空白.txt", "扫描.png", "巨大.pdf")
    }
    assert all(rows[name]["status"] == "error" and rows[name]["summary"] is None for name in errors)
    assert "not a .docx" in errors["损坏.docx"] and "inflate" in errors["炸弹.docx"]
    assert "empty" in errors["空白.txt"] and "cannot check a .png" in errors["扫描.png"]
    assert "over the limit" in errors["巨大.pdf"]
    assert rows["甲县.md"]["summary"]["inconsistent"] >= 1
    assert not list(review.rglob("*.tmp")) and not list(review.rglob(".*.tmp"))
    out = capsys.readouterr()
    assert "no --metrics" in out.err and str(review / "summary.xlsx") in out.out


def test_the_sheet_is_sorted_by_flagged_with_a_frozen_filtered_header(folder, tmp_path):
    from openpyxl import load_workbook

    review = tmp_path / "review"
    drafter("check", folder, "-o", review, "--metrics", _metrics(tmp_path, "阳泉市", "长治市"))
    sheet = load_workbook(review / "summary.xlsx").active
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == sheet.dimensions
    header = [cell.value for cell in sheet[1]]
    assert (
        header[0].startswith("文件")
        and "需改正 to fix" in header
        and "无法核对 unsupported" in header
        and "前三个问题 first findings" in header
    )
    body = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    checked = [row for row in body if row[4] is not None]
    assert [row[0] for row in body[: len(body) - len(checked)]] == sorted(
        ["损坏.docx", "炸弹.docx", "空白.txt", "扫描.png", "巨大.pdf"]
    )
    order = [(row[5] + row[7], row[6]) for row in checked]  # to fix (figures and claims), then unsupported
    assert order == sorted(order, reverse=True) and order[0][0] >= 1
    changzhi = next(row for row in checked if row[0] == "二批/长治市.txt")
    assert (
        changzhi[2] == "长治市"
        and changzhi[3] == "2021"
        and "92.5%" in changzhi[8]
        and "91.2%" in changzhi[8]
    )
    assert "GB18030" in changzhi[9] and "长治市.yaml" in changzhi[9]


def test_index_links_every_checked_report(folder, tmp_path):
    review = tmp_path / "review"
    drafter("check", folder, "-o", review)
    page = (review / "index.html").read_text(encoding="utf-8")
    for name in ("%E9%98%B3%E6%B3%89%E5%B8%82.md.check.html", "%E7%94%B2%E5%8E%BF.md.check.json"):
        assert f'href="{name}"' in page
    assert "炸弹.docx" in page and "错误 error" in page and "<script" not in page


def test_metrics_are_matched_by_region_and_an_unmatched_region_says_so(folder, tmp_path, capsys):
    review = tmp_path / "review"
    metrics = _metrics(tmp_path, "阳泉市", "长治市")
    assert drafter("check", folder, "-o", review, "--metrics", metrics) == 1
    assert "matched by region name" in capsys.readouterr().err
    rows = {
        r["file"]: r for r in json.loads((review / "summary.json").read_text(encoding="utf-8"))["reports"]
    }
    assert (
        rows["阳泉市.md"]["summary"]["verified"] == 1 and rows["二批/长治市.txt"]["summary"]["mismatch"] == 1
    )
    assert rows["甲县.md"]["summary"]["unchecked"] >= 1
    assert "self-consistency only" in (review / "index.html").read_text(encoding="utf-8")


def test_a_second_run_reuses_unchanged_reports(folder, tmp_path, capsys):
    review = tmp_path / "review"
    first = run_review([folder], review)
    assert first.reused == 0
    (folder / "甲县.md").write_text(INCONSISTENT + "新增一句。\n", encoding="utf-8")
    second = run_review([folder], review)
    reused = {row.file for row in second.rows if row.reused}
    assert reused == {"阳泉市.md", "二批/长治市.txt"} and second.reused == 2
    assert drafter("check", folder, "-o", review) == 1
    assert "其中 3 份未变、沿用上次结果 / 3 unchanged, reused" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("files", "code"),
    [
        ({"a.md": GOOD.format(region="阳泉市"), "b.md": GOOD.format(region="阳泉市")}, 0),
        ({"a.md": GOOD.format(region="阳泉市"), "b.md": BAD.format(region="阳泉市")}, 1),
        ({"a.md": GOOD.format(region="阳泉市"), "b.pdf": ""}, 1),
    ],
    ids=["all read, nothing flagged", "a flagged figure", "an unreadable file"],
)
def test_exit_codes(tmp_path, files, code):
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    metrics = _metrics(tmp_path, "阳泉市")
    paths = [tmp_path / name for name in files]
    assert drafter("check", *paths, "--metrics", metrics, "-o", tmp_path / "review") == code


def test_bad_usage_exits_2_with_one_line(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    (tmp_path / "a.md").write_text(GOOD.format(region="阳泉市"), encoding="utf-8")
    (tmp_path / "review.txt").write_text("a file", encoding="utf-8")
    assert drafter("check", tmp_path / "nope", tmp_path / "a.md", "-o", tmp_path / "r") == 2
    assert drafter("check", tmp_path / "empty", "-o", tmp_path / "r") == 2
    assert drafter("check", tmp_path / "a.md", tmp_path / "a.md", "-o", tmp_path / "review.txt") == 2
    assert drafter("check", tmp_path / "empty", tmp_path / "a.md") == 2
    err = capsys.readouterr().err
    for words in ("no such file or folder", "nothing to check", "is a file, not a folder", "add -o REVIEW"):
        assert words in err
    assert "Traceback" not in err


def test_one_bad_job_never_stops_or_slows_the_others():
    jobs = [
        ("hang", review_jobs.hang, (60,)),
        ("crash", review_jobs.crash, ()),
        ("hog", review_jobs.hog, ()),
        ("bug", review_jobs.fail, ()),
        *[(f"ok{i}", review_jobs.double, (i,)) for i in range(6)],
    ]
    outcomes: dict[str, tuple[object, str]] = {}
    start = time.monotonic()
    run_isolated(
        jobs,
        Limits(workers=2, seconds=3, memory_mb=400),
        on_done=lambda k, r, f: outcomes.update({k: (r, f)}),
    )
    assert time.monotonic() - start < 20
    assert {k: r for k, (r, _) in outcomes.items() if k.startswith("ok")} == {
        f"ok{i}": 2 * i for i in range(6)
    }
    assert "longer than 3 s" in outcomes["hang"][1]
    assert "crashed" in outcomes["crash"][1]
    assert "memory" in outcomes["hog"][1]
    assert "RuntimeError: a bug" in outcomes["bug"][1]
    # the reviewer reads these in summary.xlsx: said in Chinese too
    assert "超过 3 秒" in outcomes["hang"][1] and "异常退出" in outcomes["crash"][1]
    assert "MB 内存" in outcomes["hog"][1] and "内部错误" in outcomes["bug"][1]


def _metrics(tmp_path: Path, *regions: str) -> Path:
    folder = tmp_path / "metrics"
    folder.mkdir(exist_ok=True)
    for region in regions:
        (folder / f"{region}.yaml").write_text(METRICS.format(region=region), encoding="utf-8")
    return folder if len(regions) > 1 else folder / f"{regions[0]}.yaml"


def _finding(text: str, status: str, start: int, kind: str = "figure") -> dict:
    return {
        "text": text,
        "status": status,
        "start": start,
        "kind": kind,
        "section": "",
        "line": 1,
        "expected": "",
    }


@pytest.mark.parametrize(
    "findings, first",
    [
        (  # what is wrong before what has no source, each in the order of the text
            [
                ("10所", "unsupported", 5),
                ("20人", "unsupported", 9),
                ("30%", "mismatch", 40),
                ("4次", "inconsistent", 60),
            ],
            ["30%", "4次", "10所"],
        ),
        (  # a wrong claim in words is a wrong thing too
            [("1所", "unsupported", 1), ("2所", "unsupported", 2), ("逐年增长", "mismatch", 90, "claim")],
            ["逐年增长", "1所", "2所"],
        ),
        (  # ignored figures and years never; fewer than three problems are all shown
            [
                ("2021年", "ignored", 1),
                ("5个", "verified", 2),
                ("6个", "unsupported", 3),
                ("7%", "unchecked", 4),
            ],
            ["6个"],
        ),
    ],
)
def test_first_findings_put_wrong_figures_before_unsupported_ones(findings, first):
    check_json = {"findings": [_finding(*f) for f in findings]}
    assert [line.split("（")[0] for line in first_findings(check_json)] == first


def _rows(review: Path) -> dict[str, dict]:
    data = json.loads((review / "summary.json").read_text(encoding="utf-8"))
    return {r["file"]: r for r in data["reports"]}


def test_several_metrics_files_for_one_region_use_the_newest_and_say_so(tmp_path, capsys):
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "阳泉市.md").write_text(GOOD.format(region="阳泉市"), encoding="utf-8")
    metrics = tmp_path / "metrics"
    metrics.mkdir()
    (metrics / "阳泉旧.yaml").write_text(
        METRICS.format(region="阳泉市").replace("91.2", "92.5"), encoding="utf-8"
    )
    (metrics / "阳泉新.yaml").write_text(METRICS.format(region="阳泉市"), encoding="utf-8")
    os.utime(metrics / "阳泉旧.yaml", (1_600_000_000, 1_600_000_000))  # older, though its name sorts last
    review = tmp_path / "review"
    assert drafter("check", reports, "-m", metrics, "-o", review) == 0  # checked against the newest: right
    err = capsys.readouterr().err
    assert (
        "警告 / warning: 阳泉市: 2 个数据文件" in err
        and "2 metrics files for one region (阳泉旧.yaml, 阳泉新.yaml)" in err
    )
    assert f"using the newest by modification time, {metrics / '阳泉新.yaml'}" in err
    assert _rows(review)["阳泉市.md"]["summary"]["verified"] == 1
    page = (review / "index.html").read_text(encoding="utf-8")
    assert "metrics: 阳泉新.yaml (the newest for 阳泉市; not used: 阳泉旧.yaml)" in page


def test_an_invalid_metrics_file_in_a_folder_spoils_only_its_own_reports(folder, tmp_path, capsys):
    metrics = _metrics(tmp_path, "阳泉市", "长治市")
    (metrics / "长治市.yaml").write_text(
        METRICS.format(region="长治市").replace("level: city", "level: town"), encoding="utf-8"
    )
    review = tmp_path / "review"
    assert drafter("check", folder, "-m", metrics, "-o", review) == 1
    err = capsys.readouterr().err
    assert f"警告 / warning: {metrics / '长治市.yaml'}: 数据文件无效，未使用 / invalid metrics file" in err
    assert "report.level" in err and "Traceback" not in err
    rows = _rows(review)
    assert rows["阳泉市.md"]["status"] == "checked" and rows["阳泉市.md"]["summary"]["verified"] == 1
    bad = rows["二批/长治市.txt"]
    assert bad["status"] == "error" and "its metrics file 长治市.yaml (长治市) is invalid" in bad["error"]
    assert "report.level" in bad["error"] and "drafter metrics validate" in bad["error"]
    assert rows["甲县.md"]["status"] == "checked"  # names no region: self-consistency, as before


def test_an_unreadable_metrics_file_is_matched_by_its_name(folder, tmp_path, capsys):
    metrics = _metrics(tmp_path, "阳泉市", "长治市")
    (metrics / "长治市.yaml").write_text("report: [unclosed", encoding="utf-8")
    review = tmp_path / "review"
    assert drafter("check", folder, "-m", metrics, "-o", review) == 1
    assert "长治市.yaml: 数据文件无效" in capsys.readouterr().err
    assert "is invalid" in _rows(review)["二批/长治市.txt"]["error"]
    assert _rows(review)["阳泉市.md"]["status"] == "checked"


def test_one_metrics_file_for_a_folder_says_which_reports_never_name_its_region(tmp_path, capsys):
    """`drafter check FOLDER -m 阳泉市.yaml`: 长治市's report was compared with 阳泉市's data without a word."""
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "阳泉市.md").write_text(GOOD.format(region="阳泉市"), encoding="utf-8")
    (reports / "长治市.md").write_text(BAD.format(region="长治市"), encoding="utf-8")
    review = tmp_path / "review"
    drafter("check", reports, "-m", _metrics(tmp_path, "阳泉市"), "-o", review)
    err = capsys.readouterr().err
    assert "注意 / note: 长治市.md: 报告中没有出现数据文件的地区「阳泉市」" in err
    assert "阳泉市.md: 报告中没有出现" not in err
    book = load_workbook(review / "summary.xlsx").active
    notes = {row[0]: row[9] or "" for row in book.iter_rows(min_row=2, values_only=True)}
    assert "没有出现数据文件的地区「阳泉市」" in notes["长治市.md"]
    assert "没有出现" not in notes["阳泉市.md"]
    assert "没有出现数据文件的地区「阳泉市」" in (review / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "args",
    [
        ("nope", "-o", "r/"),
        ("a.md", "-m", "nope.yaml", "-o", "r/"),
        ("a.md", "a.md", "-o", "review.txt"),
        ("a.md", "a.md", "-o", "r", "--workers", "-1"),
        ("a.md", "a.md", "-o", "r", "--timeout", "0"),
    ],
    ids=["a missing report", "a missing metrics file", "-o a file", "negative workers", "zero timeout"],
)
def test_a_usage_error_is_said_before_any_progress_bar(tmp_path, capsys, monkeypatch, args):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text(GOOD.format(region="阳泉市"), encoding="utf-8")
    (tmp_path / "review.txt").write_text("a file", encoding="utf-8")
    assert drafter("check", *args) == 2
    err = capsys.readouterr().err
    assert "checking" not in err and "核对" not in err and "Traceback" not in err
    assert not (tmp_path / "r").exists()


def test_the_review_page_lays_tab_separated_rows_out_as_a_table_with_its_marks(tmp_path):
    """The per-report page showed a table as tab-spaced text; its rows are a <table>, marks kept in cells."""
    reports = tmp_path / "reports"
    reports.mkdir()
    text = (
        "阳泉市人民政府关于2021年度履行教育职责自评情况的报告\n（四）学前教育\n主要指标：\n"
        "指标\t2021年\t备注\n学前三年毛入园率\t92.5%\t<b>\n全市学前三年毛入园率达到91.2%。\n"
    )
    (reports / "阳泉市.md").write_text(text, encoding="utf-8")
    review = tmp_path / "review"
    assert drafter("check", reports, "-m", _metrics(tmp_path, "阳泉市"), "-o", review) == 1
    page = (review / "阳泉市.md.check.html").read_text(encoding="utf-8")
    table = page[
        page.index('<table class="tab">') : page.index("</table>", page.index('<table class="tab">'))
    ]
    rows = table.split("<tr>")[1:]
    assert len(rows) == 2 and all(row.count("<td>") == 3 for row in rows)
    assert rows[0].startswith("<td>指标</td>")
    assert '<td><span class="fig mismatch"' in rows[1] and ">92.5%</span></td>" in rows[1]
    assert "<td>&lt;b&gt;</td>" in rows[1]  # cells are escaped
    assert "\t" not in page[page.index('<div class="draft">') :]
    assert '<span class="fig verified"' in page  # the prose after the table keeps its marks


# ---------------------------------------------------------------- Ctrl-C in the middle of a folder
def test_ctrl_c_to_the_process_group_keeps_every_report_checked_and_the_rerun_reuses_them(tmp_path, capsys):
    """The user's trial: Ctrl-C (to the whole process group, as a terminal sends it) during a folder check
    printed a worker's KeyboardInterrupt traceback, wrote no summary, and the rerun checked everything again."""
    reports = tmp_path / "reports"
    reports.mkdir()
    body = "".join(
        f"{i}. 2021年全市学前三年毛入园率达到91.2%，小学{i + 30}所，比上年增长4.2%。\n" for i in range(200)
    )
    for i in range(60):
        (reports / f"r{i:03}.md").write_text(GOOD.format(region="阳泉市") + body, encoding="utf-8")
    review = tmp_path / "review"
    argv = [sys.executable, "-m", "drafter", "check", str(reports), "-o", str(review), "--workers", "1"]
    child = subprocess.Popen(
        argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    deadline = time.monotonic() + 60
    while len(list(review.glob("*.check.json"))) < 4 and time.monotonic() < deadline:
        time.sleep(0.05)
    seen = len(list(review.glob("*.check.json")))
    os.killpg(child.pid, signal.SIGINT)
    _, err = child.communicate(timeout=30)
    assert child.returncode == 130
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    assert "再次运行同一命令即可继续" in err
    partial = json.loads((review / "summary.json").read_text(encoding="utf-8"))
    kept = len(partial["reports"])
    # one worker: at most one report written but not yet recorded when the signal came (it is checked again)
    assert partial["complete"] is False and seen - 1 <= kept < 60 and kept + len(partial["pending"]) == 60
    assert f"已核对 {kept} / 60 份" in err and (review / "summary.xlsx").is_file()
    assert f"已核对 {kept} / 60 份" in (review / "index.html").read_text(encoding="utf-8")
    assert drafter("check", reports, "-o", review, "--workers", "1") == 0
    assert f"其中 {kept} 份未变、沿用上次结果 / {kept} unchanged, reused" in capsys.readouterr().err
    finished = json.loads((review / "summary.json").read_text(encoding="utf-8"))
    assert len(finished["reports"]) == 60 and "pending" not in finished and finished["complete"] is True


def test_the_region_column_shows_the_region_the_report_names_not_its_metrics_region(tmp_path):
    """The user's trial: 清河县自评报告.docx checked against 丰乐县's data showed 丰乐县 as its region."""
    reports = tmp_path / "reports"
    reports.mkdir()
    body = "（四）学前教育\n2021年全县学前三年毛入园率达到91.2%。\n"
    (reports / "清河县自评报告.md").write_text(
        "关于报送2021年度履行教育职责自评报告的报告\n" + body, encoding="utf-8"
    )
    (reports / "b.md").write_text(
        "青山县人民政府关于2021年度履行教育职责自评情况的报告\n" + body, encoding="utf-8"
    )
    (reports / "c.md").write_text("2021年度自评报告\n" + body, encoding="utf-8")
    review = tmp_path / "review"
    drafter("check", reports, "-o", review, "--metrics", _metrics(tmp_path, "丰乐县"))
    sheet = load_workbook(review / "summary.xlsx").active
    regions = {row[0].value: row[2].value for row in sheet.iter_rows(min_row=2)}
    assert regions == {
        "清河县自评报告.md": "清河县",
        "b.md": "青山县",
        "c.md": "丰乐县（据数据 / from data）",
    }
    page = (review / "index.html").read_text(encoding="utf-8")
    assert "<td>清河县</td>" in page and "<td>青山县</td>" in page


def test_many_reports_of_another_region_are_one_line_each_for_the_first_only(tmp_path, capsys):
    """A second new user's rerun printed 138 lines of the same note: the first five, then a count."""
    reports = tmp_path / "reports"
    reports.mkdir()
    for k in range(8):
        (reports / f"长治市{k}.md").write_text(BAD.format(region="长治市"), encoding="utf-8")
    drafter("check", reports, "-m", _metrics(tmp_path, "阳泉市"), "-o", tmp_path / "review")
    err = capsys.readouterr().err
    assert err.count("报告中没有出现数据文件的地区") == 5
    assert "另有 3 条提示，见 summary.xlsx 的备注列" in err


def test_a_warning_of_the_one_metrics_file_is_said_once_not_once_per_report(tmp_path):
    """A reviewer's folder of 7 reports checked with one file of data that warns (a budget below one of its parts)
    printed the same warning 8 times: once when the file was chosen, then once more for each report."""
    reports = tmp_path / "reports"
    reports.mkdir()
    for k in range(3):
        (reports / f"阳泉市{k}.md").write_text(GOOD.format(region="阳泉市"), encoding="utf-8")
    metrics = tmp_path / "阳泉市.yaml"
    metrics.write_text(
        METRICS.format(region="阳泉市")
        + "  - {key: fund.general_budget_edu, label: 一般公共预算教育支出, unit: 万元, values: {2021: 142.689}}\n"
        + "  - {key: fund.public_funds_total, label: 学校公用经费, unit: 万元, values: {2021: 13282.41}}\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-m", "drafter", "check", reports, "-m", metrics, "-o", tmp_path / "review"],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "200"},
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.count("142.689万元 小于其中包含的") == 1


@pytest.mark.parametrize(
    ("title", "region"),
    [
        ("关于县政府履行教育职责的自查报告", ""),  # 安岳县's title: its issuer on the line above (the seed)
        ("清河县人民政府关于2021年度履行教育职责自评情况的报告", "清河县"),
        ("关于清河县2021年度履行教育职责情况的报告", "清河县"),
        ("中共青山县委 青山县人民政府关于报送自评报告的报告", "青山县"),
        ("2021年度自评报告", ""),
        ("2021年湖南省人民政府履行教育职责自评报告", "湖南省"),  # not 年湖南省
    ],
)
def test_the_region_a_title_names_has_no_word_of_its_neighbours(title, region):
    """A reviewer's table showed 关于县 as the region of 安岳县's report, and 年湖南省 as 湖南省's."""
    assert region_of(title) == region


def test_one_metrics_file_for_a_folder_leaves_the_reports_of_other_regions_to_self_consistency(
    tmp_path, capsys
):
    """A reviewer's folder of six counties checked with `--metrics 阳泉数据.yaml`: 抚顺市's report was flagged
    '21.87亿元 与来源不符，应为21.09亿元' — 阳泉市's budget. A report whose title names another region than the one
    metrics file's, and that never names the file's region, is checked for self-consistency only, and its row
    says why; a report that names no region is still checked against the data, with the note."""
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "阳泉市.md").write_text(BAD.format(region="阳泉市"), encoding="utf-8")
    (reports / "长治市.md").write_text(BAD.format(region="长治市"), encoding="utf-8")
    (reports / "自评报告.md").write_text(BAD.format(region="").lstrip("人民政府"), encoding="utf-8")
    review = tmp_path / "review"
    assert drafter("check", reports, "-m", _metrics(tmp_path, "阳泉市"), "-o", review) == 1
    err = capsys.readouterr().err
    assert "本报告写的是「长治市」：未用 阳泉市.yaml 核对，只检查了文中数字是否自洽" in err
    rows = _rows(review)
    assert rows["阳泉市.md"]["summary"]["mismatch"] == 1
    assert rows["长治市.md"]["summary"]["mismatch"] == 0
    assert rows["长治市.md"]["summary"]["unchecked"] == 1
    assert rows["自评报告.md"]["summary"]["mismatch"] == 1
    book = load_workbook(review / "summary.xlsx").active
    notes = {row[0]: row[9] or "" for row in book.iter_rows(min_row=2, values_only=True)}
    assert "只检查了文中数字是否自洽" in notes["长治市.md"]
    assert "metrics: 阳泉市.yaml" not in notes["长治市.md"]
    assert "请确认 阳泉市.yaml 是本报告的数据" in notes["自评报告.md"]


def test_a_review_folder_that_cannot_be_made_or_written_is_one_line_before_any_report(
    folder, tmp_path, capsys
):
    (tmp_path / "a-file.txt").write_text("not a folder", encoding="utf-8")
    assert drafter("check", folder, "-o", tmp_path / "a-file.txt" / "审核结果") == 2
    err = capsys.readouterr().err
    assert "cannot write here" in err and "a-file.txt" in err and "Traceback" not in err


def test_a_read_only_review_folder_is_refused_before_any_report_is_checked(
    folder, tmp_path, capsys, monkeypatch
):
    from drafter.core import files
    from drafter.review import run as review_run

    def refuse(*args, **kwargs):
        raise OSError(30, "Read-only file system")

    checked = []
    monkeypatch.setattr(files.tempfile, "TemporaryFile", refuse)
    monkeypatch.setattr(review_run, "run_isolated", lambda jobs, *a, **k: checked.extend(jobs))
    review = tmp_path / "审核结果"
    review.mkdir()
    assert drafter("check", folder, "-o", review) == 2
    err = capsys.readouterr().err
    assert "只读文件系统 / read-only file system" in err and "审核结果" in err and "Traceback" not in err
    assert checked == [] and list(review.iterdir()) == []


def test_the_year_column_comes_from_the_opening_or_the_metrics_when_the_title_names_none(tmp_path):
    """长治's report is titled 长治市人民政府办公室关于长治市履行教育职责的自评报告: the year column was empty."""
    reports = tmp_path / "reports"
    reports.mkdir()
    untitled = "长治市人民政府办公室关于长治市履行教育职责的自评报告\n根据《2022年对市县级政府履行教育职责的评价方案》要求，开展自评。\n（四）学前教育\n全市学前三年毛入园率达到91.2%。\n"
    opening = untitled.replace("开展自评", "开展2021年度履行教育职责自查自评工作")
    (reports / "长治市.md").write_text(untitled, encoding="utf-8")
    (reports / "晋城市.md").write_text(opening.replace("长治", "晋城"), encoding="utf-8")
    (reports / "阳泉市.md").write_text(GOOD.format(region="阳泉市"), encoding="utf-8")
    rectified = untitled.replace("长治", "安岳").replace(  # 安岳's: the last round's year, in 一、
        "（四）学前教育\n",
        "一、履职情况\n（一）问题整改情况\n督查组对县政府2021年履行教育职责情况进行了评价。\n",
    )
    (reports / "安岳县.md").write_text(rectified, encoding="utf-8")
    review = tmp_path / "review"
    assert drafter("check", reports, "-o", review) == 0
    assert (
        _years(review)
        == {
            "长治市.md": "",  # 2022年对…评价方案 is the round, not the year reported on
            "晋城市.md": "2021",
            "阳泉市.md": "2021",
            "安岳县.md": "",  # not 2021: that is the year of the evaluation whose problems 一、 says were put right
        }
    )
    metrics = _metrics(tmp_path, "长治市")
    assert (
        drafter("check", reports / "长治市.md", "--metrics", metrics, "-o", f"{tmp_path / 'with-data'}/") == 0
    )
    assert _years(tmp_path / "with-data") == {"长治市.md": "2021（据数据 / from data）"}


def _years(review: Path) -> dict[str, str]:
    """summary.xlsx's 年度 column by file."""
    rows = list(load_workbook(review / "summary.xlsx").active.iter_rows(values_only=True))
    file, year = rows[0].index("文件 file"), rows[0].index("年度 year")
    return {row[file]: row[year] or "" for row in rows[1:] if row[file]}


def test_a_job_whose_run_has_stopped_leaves_quietly_not_with_a_broken_pipe_traceback():
    """Ctrl-C while a job was being started: the run stopped, the job finished later and printed 'Process-5:
    Traceback … BrokenPipeError' under the interrupted line (seen in the Ctrl-C test under load)."""
    import multiprocessing

    from drafter.review import pool

    context = multiprocessing.get_context("forkserver")
    job = pool._start(context, "late", review_jobs.hang, (0.5,), Limits(seconds=30))
    job.conn.close()  # the parent is gone: nobody reads the answer
    job.process.join(timeout=30)
    assert job.process.exitcode == 0


def test_a_saved_web_page_s_folder_of_pictures_is_no_report(tmp_path, capsys):
    """A trial: 阳泉市报告.htm saved "网页，全部" beside 阳泉市报告_files/ (Word: 报告.files/) gave a row "cannot check a
    .gif file" per picture, and exit 1; a picture beside the reports still gets its row."""
    reports = tmp_path / "reports"
    for assets in ("阳泉市报告_files", "长治市.files"):
        (reports / assets).mkdir(parents=True)
        (reports / assets / "logo.png").write_bytes(b"\x89PNG\r\n")
        (reports / assets / "frame.htm").write_text("<html><body>1所</body></html>", encoding="utf-8")
    page = f"<html><body><p>{GOOD.format(region='阳泉市')}</p></body></html>"
    (reports / "阳泉市报告.htm").write_text(page, encoding="utf-8")
    (reports / "长治市.html").write_text(page.replace("阳泉", "长治"), encoding="utf-8")
    (reports / "扫描.png").write_bytes(b"\x89PNG\r\n")
    review = tmp_path / "review"
    assert drafter("check", reports, "-o", review) == 1
    rows = json.loads((review / "summary.json").read_text(encoding="utf-8"))["reports"]
    assert sorted(row["file"] for row in rows) == ["扫描.png", "长治市.html", "阳泉市报告.htm"]


def test_a_symlinked_report_s_row_is_named_by_the_link(tmp_path, capsys):
    """A trial: a link to a report that was moved away gave a row named after the missing target ("nowhere: 文件不存在"),
    and a second name linked to a report in the folder gave a row of the report's name again, its page written over
    the report's own."""
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "阳泉市.md").write_text(GOOD.format(region="阳泉市"), encoding="utf-8")
    (reports / "阳泉市（转发）.md").symlink_to("阳泉市.md")
    (reports / "长治市.md").symlink_to(tmp_path / "moved-away.md")
    review = tmp_path / "review"
    assert drafter("check", reports, "-o", review) == 1
    rows = {
        r["file"]: r for r in json.loads((review / "summary.json").read_text(encoding="utf-8"))["reports"]
    }
    assert sorted(rows) == ["长治市.md", "阳泉市.md", "阳泉市（转发）.md"]
    assert rows["长治市.md"]["status"] == "error" and "no such file" in rows["长治市.md"]["error"]
    assert (review / "阳泉市（转发）.md.check.json").is_file() and (review / "阳泉市.md.check.json").is_file()


def test_a_folder_named_like_a_report_with_nothing_in_it_says_so(tmp_path, capsys):
    """A trial: `drafter check 报告.pdf` where 报告.pdf is an empty folder said "several reports need a folder for the
    results → add -o REVIEW"; it holds no report at all."""
    (tmp_path / "报告.pdf").mkdir()
    assert drafter("check", tmp_path / "报告.pdf") == 2
    err = capsys.readouterr().err
    assert "nothing to check" in err and "报告.pdf" in err and "add -o" not in err
