"""`drafter check DRAFT [--metrics M] [--format table|json|html] [-o FILE]`: output, files and exit codes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from drafter.cli.main import run

METRICS = """\
report: {region: 阳泉市, level: city, round: 2022, period: 2021, issuer: 阳泉市人民政府}
metrics:
  - {key: fund.general_budget_edu, label: 一般公共预算教育支出, unit: 亿元, values: {2019: 21.00, 2020: 21.09}}
  - {key: preschool.gross_enrolment_rate, label: 学前三年毛入园率, unit: "%", values: {2021: 91.2}}
"""
GOOD = "（二）经费保障\n2020年全市一般公共预算教育支出21.09亿元，比2019年增加0.09亿元，增长0.43%。\n"
BAD = GOOD + "（四）学前教育\n2021年全市学前三年毛入园率达到92.5%<b>。\n"


def drafter(*args: object) -> int:
    with pytest.raises(SystemExit) as done:
        run([str(a) for a in args])
    return done.value.code


@pytest.fixture
def files(tmp_path: Path) -> Path:
    (tmp_path / "metrics.yaml").write_text(METRICS, encoding="utf-8")
    (tmp_path / "good.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "bad.md").write_text(BAD, encoding="utf-8")
    return tmp_path


def test_a_correct_draft_exits_0(files, capsys):
    assert drafter("check", files / "good.md", "--metrics", files / "metrics.yaml") == 0
    assert "没有发现问题" in capsys.readouterr().out


def test_a_wrong_figure_exits_1_and_the_table_says_why(files, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    assert drafter("check", files / "bad.md", "--metrics", files / "metrics.yaml") == 1
    out = capsys.readouterr().out
    assert "92.5%" in out and "mismatch" in out and "91.2%" in out and "（四）学前教育" in out


def test_the_status_is_said_in_chinese_and_never_folded_in_an_80_column_terminal(
    tmp_path, capsys, monkeypatch
):
    """A clerk's terminal of 80 columns showed "inconsisten" over "t", English only."""
    monkeypatch.setenv("COLUMNS", "80")
    report = tmp_path / "报告.md"
    report.write_text(
        "（二）经费保障\n全县一般公共预算教育支出52310.5万元，比上年的50120.3万元增长4.73%。\n", "utf-8"
    )
    assert drafter("check", report) == 1
    out = capsys.readouterr().out
    assert "前后矛盾" in out and re.search(r"│ inconsistent\s*│", out)


def test_a_table_of_figures_that_could_not_be_checked_leaves_out_the_columns_with_nothing_to_say(
    tmp_path, capsys, monkeypatch
):
    """At 80 columns the reasons of a table with no sections and nothing expected were folded four characters a
    line: the empty columns (and the status, one for all and said in the title) give their width to the reasons."""
    monkeypatch.setenv("COLUMNS", "80")
    report, data = tmp_path / "报告.txt", tmp_path / "data.yaml"
    report.write_text("2021年全市学前三年毛入园率达到91.2%，新建幼儿园12所。\n", "utf-8")
    data.write_text(METRICS, encoding="utf-8")
    assert drafter("check", report, "--metrics", data) == 1  # a figure not checked is to be looked at
    out = capsys.readouterr().out
    assert "12所" in out and "无法核对" in out
    assert "章节" not in out and "应为" not in out and "状态" not in out
    assert "来源数据中找不到这个数（无对应指标或派生公式）" in out  # the reason on one line


def test_json_is_check_json(files, capsys):
    assert drafter("check", files / "bad.md", "--metrics", files / "metrics.yaml", "--format", "json") == 1
    data = json.loads(capsys.readouterr().out)
    assert (
        data["summary"]["verified"] == 1
        and data["summary"]["derived"] == 2
        and data["summary"]["mismatch"] == 1
    )
    wrong = next(f for f in data["findings"] if f["status"] == "mismatch")
    assert (
        BAD[wrong["start"] : wrong["end"]] == "92.5%"
        and wrong["source"] == "preschool.gross_enrolment_rate@2021"
    )


def test_html_highlights_escapes_and_writes_the_file(files, capsys):
    out = files / "out" / "report.html"
    assert (
        drafter("check", files / "bad.md", "--metrics", files / "metrics.yaml", "--format", "html", "-o", out)
        == 1
    )
    page = out.read_text(encoding="utf-8")
    assert '<span class="fig mismatch" title="' in page and ">92.5%</span>" in page
    assert '<span class="fig verified"' in page and "fund.general_budget_edu@2020" in page
    assert "&lt;b&gt;" in page and "<b>" not in page  # the draft's text is escaped
    assert "unchecked" in page and '<table class="summary">' in page  # legend and summary on top


def test_without_metrics_only_the_rules_run(files, capsys):
    assert drafter("check", files / "bad.md", "--format", "json") == 0
    summary = json.loads(capsys.readouterr().out)["summary"]
    # 0.43% is proven from the text itself: 0.09亿元 ÷ (21.09亿元 − 0.09亿元)
    assert (summary["unchecked"], summary["derived"]) == (3, 1)


def test_a_docx_draft_is_read(files, capsys):
    import docx

    document = docx.Document()
    for line in BAD.splitlines():
        document.add_paragraph(line)
    document.save(files / "bad.docx")
    assert drafter("check", files / "bad.docx", "--metrics", files / "metrics.yaml", "--format", "json") == 1


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("empty.md", b"  \n", "empty"),
        ("fake.docx", b"not a zip", "not a .docx"),
        ("binary.txt", b"\xff\xfe\x00\x81\xff" * 3, "binary"),
        ("draft.pdf", b"%PDF", "not a readable PDF"),
        ("draft.xyz", b"some text", "cannot check a .xyz"),
    ],
)
def test_bad_drafts_exit_2_with_one_message(files, capsys, name, content, words):
    (files / name).write_bytes(content)
    assert drafter("check", files / name, "-o", files / "never.json", "--format", "json") == 2
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err
    assert not (files / "never.json").exists()


def test_gb18030_is_read_with_a_note(files, capsys):
    (files / "gbk.txt").write_bytes(BAD.encode("gb18030"))
    assert drafter("check", files / "gbk.txt", "--metrics", files / "metrics.yaml", "--format", "json") == 1
    assert "GB18030" in capsys.readouterr().err


def test_a_missing_draft_and_a_bad_format_exit_2(files, capsys):
    assert drafter("check", files / "nope.md") == 2
    assert drafter("check", files / "good.md", "--format", "xml") == 2
    assert "unknown format" in capsys.readouterr().err


@pytest.mark.parametrize("args", [(), ("-f", "table")])
def test_the_table_goes_to_the_output_file_without_colours(files, capsys, args):
    out = files / "t.txt"
    assert drafter("check", files / "bad.md", "--metrics", files / "metrics.yaml", *args, "-o", out) == 1
    table = out.read_text(encoding="utf-8")
    assert "92.5%" in table and "mismatch" in table and "91.2%" in table and "mismatch 1" in table
    assert "\x1b[" not in table and all(line == line.rstrip() for line in table.splitlines())
    captured = capsys.readouterr()
    assert "92.5%" not in captured.out and f"{out}: " in captured.err and "mismatch 1" in captured.err


@pytest.mark.parametrize("folder", ["审核结果/", "审核结果\\", "existing"])
def test_one_report_into_a_folder_is_a_review_folder(files, capsys, monkeypatch, folder):
    monkeypatch.chdir(files)
    (files / "existing").mkdir()
    assert drafter("check", "bad.md", "--metrics", "metrics.yaml", "-o", folder) == 1
    review = files / folder.rstrip("/\\")
    assert review.is_dir() and {"summary.json", "summary.xlsx", "index.html"} <= {
        p.name for p in review.iterdir()
    }
    assert json.loads((review / "summary.json").read_text(encoding="utf-8"))["reports"][0]["file"] == "bad.md"
    assert (
        drafter("check", "bad.md", "good.md", "--metrics", "metrics.yaml", "-o", review) == 1
    )  # the same folder


@pytest.mark.parametrize(
    ("text", "warned"), [("阳泉市" + GOOD, False), ("桃源县" + GOOD.replace("全市", "全县"), True)]
)
def test_a_metrics_file_of_a_region_the_report_never_names_is_said(files, capsys, text, warned):
    """A new user checked 清河县's report against 桃源县's data: every difference was blamed on the report."""
    (files / "r.md").write_text(text, encoding="utf-8")
    drafter("check", files / "r.md", "--metrics", files / "metrics.yaml")
    assert ("报告中没有出现数据文件的地区「阳泉市」" in capsys.readouterr().err) == warned


@pytest.mark.parametrize(
    ("text", "documents"),
    [
        ("阳泉市人民政府关于履行教育职责的自评报告\n\n阳泉市" + GOOD * 3, 1),
        (
            "阳泉市人民政府关于履行教育职责的自评报告\n\n阳泉市"
            + GOOD * 3
            + "\n第二篇：\n桃源县人民政府关于履行教育职责的自查报告\n\n桃源县"
            + GOOD.replace("全市", "全县") * 3
            + "\n清河县人民政府关于履行教育职责的自查报告\n\n清河县"
            + GOOD.replace("全市", "全县") * 3,
            3,
        ),
    ],
)
def test_a_metrics_file_for_a_text_of_several_documents_is_said_to_be_one_regions(
    files, capsys, text, documents
):
    """A reviewer checked a collection of reports against one region's data: every other region's figure was a
    mismatch, and nothing said why."""
    (files / "r.md").write_text(text, encoding="utf-8")
    drafter("check", files / "r.md", "--metrics", files / "metrics.yaml")
    said = re.findall(r"文中有 (\d+) 份文件，数据文件只是阳泉市的", capsys.readouterr().err)
    assert said == ([] if documents == 1 else [str(documents)])


@pytest.mark.parametrize(
    ("name", "head", "kind"),
    [
        ("scan.pdf", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "JPEG"),
        ("scan.pdf", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        ("scan.pdf", b"GIF89a\x01\x00\x01\x00", "GIF"),
        ("scan.pdf", b"II*\x00\x08\x00\x00\x00", "TIFF"),
        ("scan.docx", b"\xff\xd8\xff\xdb\x00\x43", "JPEG"),
    ],
    ids=["jpeg as pdf", "png as pdf", "gif as pdf", "tiff as pdf", "jpeg as docx"],
)
def test_a_picture_renamed_to_a_report_is_said_to_be_a_picture(files, capsys, name, head, kind):
    """A JPEG renamed to .pdf was called damaged: say it is a picture and that a scan needs OCR."""
    (files / name).write_bytes(head + b"\x00" * 500)
    assert drafter("check", files / name) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1, err
    assert f"{kind} 图片" in err and f"{kind} image" in err and "OCR" in err
    assert "damaged" not in err and "Traceback" not in err


@pytest.mark.parametrize(
    "command",
    [(), ("check",), ("draft",), ("section",), ("import",), ("export",), ("eval",), ("serve",)]
    + [("kb", "build"), ("kb", "search"), ("metrics", "validate"), ("metrics", "template")],
    ids=lambda c: " ".join(c) or "drafter",
)
def test_help_is_plain_and_bilingual(capsys, command):
    """--help showed `<bool>`, `<list[Path]>`, `{paths}...` and `[default: 0]`, and English-only descriptions."""
    assert drafter(*command, "--help") == 0
    page = capsys.readouterr().out
    for oddity in ("<bool>", "<str>", "<path>", "<int>", "<list", "{", "[default: 0]", "[default: None]"):
        assert oddity not in page, (oddity, page)
    assert "显示本帮助并退出" in page and "Show this message" not in page
    description = page.split("Usage:")[1].split("╭")[0]  # the lines between the usage line and the tables
    assert any("\u4e00" <= ch <= "\u9fff" for ch in description), description


def test_drafter_alone_prints_the_help_and_no_empty_error(capsys):
    """`drafter` with nothing after it printed the help, then `错误：用法不对 / Error: ` with no words."""
    drafter()
    out, err = capsys.readouterr()
    assert "Usage:" in out + err and "错误" not in err and "Error" not in err


@pytest.mark.parametrize("columns", ["80", "100"])
@pytest.mark.parametrize(
    "command",
    [(), ("check",), ("draft",), ("section",), ("import",), ("export",), ("eval",), ("serve",)]
    + [("kb", "build"), ("kb", "search"), ("metrics", "validate"), ("metrics", "template")],
    ids=lambda c: " ".join(c) or "drafter",
)
def test_help_texts_fold_and_are_never_cut_with_an_ellipsis(capsys, monkeypatch, command, columns):
    """At 80 columns rich cut lines of mixed 汉字 and English with "…" (`OpenAI-compatible base UR…`,
    `章节：序号（四、（三））、标题或指标 …`): the rest of the help text was lost."""
    monkeypatch.setenv("COLUMNS", columns)
    assert drafter(*command, "--help") == 0
    page = capsys.readouterr().out
    assert "…" not in page, page
    if command == ("draft",):
        assert "base URL" in page and "(OPENAI_BASE_URL)" in page


def test_every_options_help_is_in_chinese_and_english():
    """--section's help was Chinese only (章节：序号（四、（三））、标题或指标代码), eval's --backend English only."""
    import re

    import typer

    from drafter.cli import main

    main._register_commands()

    def options(command, path):
        for param in command.params:
            if param.param_type_name == "option":
                yield path, param.opts, param.help or ""
        for name, sub in getattr(command, "commands", {}).items():
            yield from options(sub, f"{path} {name}")

    names = re.compile(r"--?[\w-]+|\b(?:offline|openai|docx|md|html|json|table)\b")
    one_language = [
        (path, opts, text)
        for path, opts, text in options(typer.main.get_command(main.app), "drafter")
        if not re.search("[\u4e00-\u9fff]", text) or not re.search("[A-Za-z]{3,}", names.sub("", text))
    ]
    assert one_language == []


def test_check_help_names_values_and_shows_flags_bare(capsys):
    assert drafter("check", "--help") == 0
    page = capsys.readouterr().out
    assert "PATHS..." in page and "METRICS" in page and "-f" in page and "[default: table]" not in page


BAD_INPUTS = [
    # (why, files to write, argv, Chinese words, English words)
    ("a missing report", {}, ["check", "{d}/nope.md"], "文件不存在", "no such file"),
    (
        "a damaged PDF",
        {"r.pdf": b"%PDF-1.7 broken"},
        ["check", "{d}/r.pdf"],
        "无法读取的 PDF",
        "not a readable PDF",
    ),
    (
        "an unknown format",
        {"r.md": GOOD.encode()},
        ["check", "{d}/r.md", "-f", "xml"],
        "未知格式",
        "unknown format",
    ),
    (
        "a folder without -o",
        {"a.md": b"x", "b.md": b"y"},
        ["check", "{d}/a.md", "{d}/b.md"],
        "多份报告",
        "several reports",
    ),
    (
        "a YAML syntax error",
        {"m.yaml": b"report: [1, 2\n"},
        ["check", "{d}/m.md", "-m", "{d}/m.yaml"],
        "YAML 语法错误",
        "YAML syntax error",
    ),
    (
        "an unknown backend",
        {"m.yaml": METRICS.encode()},
        ["draft", "{d}/m.yaml", "-o", "{d}/o", "--backend", "x"],
        "未知后端",
        "unknown backend",
    ),
    ("no draft here", {}, ["export", "{d}"], "这里没有 draft.json", "no draft.json here"),
    ("an unknown level", {}, ["kb", "search", "学前", "--level", "town"], "未知层级", "unknown level"),
    (
        "a bad --timeout",
        {"a.md": b"x"},
        ["check", "{d}/a.md", "{d}/a.md", "-o", "{d}/r", "--timeout", "-1"],
        "用时必须大于 0",
        "more than 0",
    ),
]


@pytest.mark.parametrize(
    ("why", "files", "argv", "chinese", "english"), BAD_INPUTS, ids=[c[0] for c in BAD_INPUTS]
)
def test_an_error_is_said_in_chinese_first_then_english(tmp_path, capsys, why, files, argv, chinese, english):
    """Error texts after 错误 / error: were English only; Chinese first, then English, in one or two lines."""
    (tmp_path / "m.md").write_text(GOOD, encoding="utf-8")
    for name, content in files.items():
        (tmp_path / name).write_bytes(content)
    assert drafter(*[a.format(d=tmp_path) for a in argv]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("错误 / error:") and "Traceback" not in err
    assert len(err.splitlines()) <= 2, err
    assert chinese in err and english in err and err.index(chinese) < err.index(english), err


def test_the_problems_of_a_metrics_file_are_listed_in_chinese_and_english(tmp_path, capsys):
    (tmp_path / "m.yaml").write_text(
        "report: {region: 阳泉市, level: town, round: 2022, period: 2021}\n"
        "metrics:\n  - {key: preschool.gross_enrolment_rate, label: 毛入园率, unit: '%', values: {2021: abc}}\n",
        encoding="utf-8",
    )
    assert drafter("draft", tmp_path / "m.yaml", "-o", tmp_path / "o") == 2
    err = capsys.readouterr().err
    assert "中有 3 个问题 / 3 problem(s) in" in err
    assert "report.issuer: 缺少必填项 / required field is missing" in err
    assert '"town" 不是层级 / is not a level' in err and '"abc" 不是数字 / is not a number' in err


# ---------------------------------------------------------------- -o by extension, -m a folder
@pytest.mark.parametrize("name", ["结果.json", "结果.html", "结果.txt", "结果.md"])
def test_the_output_format_follows_the_extension_when_f_is_not_given(files, capsys, name):
    out = files / name
    assert drafter("check", files / "bad.md", "--metrics", files / "metrics.yaml", "-o", out) == 1
    written = out.read_text(encoding="utf-8")
    if name.endswith(".json"):
        assert json.loads(written)["summary"]["mismatch"] == 1
    elif name.endswith(".html"):
        assert written.startswith("<!DOCTYPE html>") and "92.5%" in written
    else:
        assert "92.5%" in written and "应为 expected 91.2%" in written and "mismatch 1" in written
        assert not set("─│┃━┏┗┌└") & set(written)  # no box-drawing lines in a text file


def test_the_help_of_o_says_file_or_folder_plainly(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "400")
    assert drafter("check", "--help") == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "格式按扩展名" in out and "-o 总是文件夹" in out


def test_a_folder_given_as_metrics_is_said_to_be_a_folder(files, capsys):
    drafted = files / "out" / "qh"
    drafted.mkdir(parents=True)
    (drafted / "draft.json").write_text("{}", encoding="utf-8")
    assert drafter("check", files / "bad.md", "-m", drafted) == 2
    err = capsys.readouterr().err
    assert "这是文件夹，不是数据文件" in err and "drafter draft 的输出文件夹" in err and "(none)" not in err
    assert "请给出数据文件本身" in err


def test_the_report_page_prints_a_findings_list_wrong_ones_first_and_counts_in_chinese(files):
    """The per-report page had the reasons only as hover tooltips, which a printout loses."""
    assert (
        drafter("check", files / "bad.md", "--metrics", files / "metrics.yaml", "-o", f"{files / 'review'}/")
        == 1
    )
    page = (files / "review" / "bad.md.check.html").read_text(encoding="utf-8")
    counts = page[page.index('<table class="summary">') :].split("</table>")[0]
    assert "<th>数字 figures</th>" in counts and "<th>与来源不符 mismatch</th>" in counts
    listed = page[page.index("</div>\n<h2>核对结果清单 / findings</h2>") :]  # under the text
    rows = re.findall(r'<tr class="(\w+)">(.*?)</tr>', listed)
    statuses = [status for status, _ in rows]
    assert statuses[0] == "mismatch" and {"verified", "derived"} <= set(statuses[1:])
    cells = re.findall(r"<td>(.*?)</td>", rows[0][1])
    assert (
        cells[2] == "与来源不符 mismatch"
        and cells[3] == "92.5%"
        and cells[4] == "91.2%"
        and "学前三年毛入园率" in cells[5]
    )
    assert "ignored" not in statuses and "@media print" in page


def test_the_text_list_for_a_county_puts_the_wrong_figures_before_those_with_no_source(files):
    """抚顺 2021 checked with data: `-o 结果.txt` listed 119 figures the data lack in the order of the text, with its
    one wrong figure buried among them; the list a reviewer sends back starts with what is wrong."""
    text = "（一）党的领导\n召开会议5次，印发文件12个。\n" + BAD
    (files / "county.md").write_text(text, encoding="utf-8")
    out = files / "结果.txt"
    assert drafter("check", files / "county.md", "--metrics", files / "metrics.yaml", "-o", out) == 1
    rows = [line for line in out.read_text(encoding="utf-8").splitlines() if line.startswith("第")]
    statuses = [next(s for s in ("mismatch", "inconsistent", "unsupported") if s in line) for line in rows]
    assert statuses[0] == "mismatch" and "92.5%" in rows[0]
    assert statuses == sorted(statuses, key=lambda s: s == "unsupported")
    assert statuses.count("unsupported") == 2


@pytest.mark.parametrize("target", ["bad.md", "./bad.md", "."])
def test_the_output_never_overwrites_a_report_or_the_folder_being_checked(files, capsys, monkeypatch, target):
    """A new user's trial: `drafter check 报告.txt -o 报告.txt` wrote the findings over the report. -o naming an input
    (a file, or the folder checked) is refused before anything is read, and the report is left as it was."""
    monkeypatch.chdir(files)
    source = "." if target == "." else "bad.md"
    assert drafter("check", source, "-o", target) == 2
    assert (files / "bad.md").read_text(encoding="utf-8") == BAD
    assert "要核对的" in capsys.readouterr().err
    assert not (files / "summary.json").exists()


@pytest.mark.parametrize("name", ["结果.json", "结果.html", "结果.txt"])
def test_a_result_is_written_again_but_another_file_is_not_overwritten_without_force(files, capsys, name):
    """`check -o` wrote over any file named, while `export -o` refused: a result of an earlier check is written again
    (the report checked again after a fix), someone's own file of that name only with --force."""
    out, data = files / name, ("--metrics", files / "metrics.yaml")
    assert drafter("check", files / "bad.md", *data, "-o", out) == 1
    assert drafter("check", files / "good.md", *data, "-o", out) == 0  # the earlier result: written again
    assert "92.5%" not in out.read_text(encoding="utf-8")
    out.write_text("2021年工作总结（定稿）\n", encoding="utf-8")
    capsys.readouterr()
    assert drafter("check", files / "bad.md", *data, "-o", out) == 2
    assert out.read_text(encoding="utf-8") == "2021年工作总结（定稿）\n"
    assert "--force" in capsys.readouterr().err
    assert drafter("check", files / "bad.md", *data, "-o", out, "--force") == 1
    assert "92.5%" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["结果.xlsx", "结果.pdf", "结果.docx"])
def test_one_report_is_not_written_as_a_file_it_cannot_be(files, capsys, name):
    """-o 结果.xlsx used to get plain text under an Excel name; it is refused with the way to get a summary.xlsx."""
    assert drafter("check", files / "bad.md", "-o", files / name) == 2
    assert not (files / name).exists()
    assert "summary.xlsx" in capsys.readouterr().err


@pytest.mark.parametrize("args", [(), ("-o", "t.txt")])
def test_a_report_with_gaps_left_is_not_said_to_be_without_problems(files, capsys, monkeypatch, args):
    """A new user's trial: the demo's own draft with a 【待补充】 left in it was reported '没有发现问题'."""
    monkeypatch.chdir(files)
    (files / "gap.md").write_text(
        GOOD + "【待补充：本年度推进学前教育普及普惠的主要举措】\n", encoding="utf-8"
    )
    assert drafter("check", "gap.md", "--metrics", "metrics.yaml", *args) == 0
    said = (files / "t.txt").read_text(encoding="utf-8") if args else capsys.readouterr().out
    assert (
        "没有发现问题" not in said
        and "没有发现数字问题" in said
        and "还有 1 处【待补充】" in said.replace("\n", "")
    )


def test_what_is_wrong_and_what_could_not_be_checked_are_two_lists(files, capsys):
    """A new user's trial: 1 real flag and 20 '无来源' rows under one heading, with inner rule names in the why
    column. What is wrong comes first under its own heading; figures the data lack under another."""
    extra = "全市还有民办学校17所。毛入学率由90.1%提高到91.3%，提高了1.2%。\n"
    (files / "mixed.md").write_text(BAD + extra, encoding="utf-8")
    out = files / "t.txt"
    assert drafter("check", files / "mixed.md", "--metrics", files / "metrics.yaml", "-o", out) == 1
    text = out.read_text(encoding="utf-8")
    wrong, unsure = text.index("需要改正的数字和说法"), text.index("无法核对的数字")
    assert wrong < text.index("92.5%") < unsure < text.index("17所")
    assert "1.2个百分点" in text and "rule:" not in text


def test_a_report_of_another_region_is_not_judged_by_this_region_s_data(files, capsys):
    """A trial: 抚顺市's report checked with 阳泉市's metrics file got 3 figures "wrong" and 118 "no source" against
    阳泉's data, under a note; a folder check leaves such a report to self-consistency, and so does one report."""
    report = files / "抚顺市自查报告.md"
    report.write_text(
        "抚顺市人民政府关于2021年度履行教育职责情况的自查报告\n（二）经费保障\n2020年全市一般公共预算教育支出25.00亿元。\n",
        encoding="utf-8",
    )
    assert drafter("check", report, "--metrics", files / "metrics.yaml", "-f", "json") == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["summary"]["mismatch"] == 0
    assert "本报告写的是「抚顺市」" in captured.err and "self-consistency only" in captured.err
    assert drafter("check", report, "--metrics", files / "metrics.yaml") == 0
    assert "数据文件是另一个地区的" in capsys.readouterr().out
    assert drafter("check", files / "good.md", "--metrics", files / "metrics.yaml", "-f", "json") == 0
    assert (
        json.loads(capsys.readouterr().out)["summary"]["verified"] >= 1
    )  # a report naming no region: checked


def test_data_for_checking_need_not_say_the_issuer_nor_the_round(tmp_path, capsys, monkeypatch):
    """A reviewer's metrics file for checking a county's figures was refused for lacking report.issuer and
    report.round, which only a draft needs (new-user trial); a folder review takes it too. Drafting still asks."""
    monkeypatch.setenv("COLUMNS", "200")
    short = METRICS.replace(" round: 2022,", "").replace(", issuer: 阳泉市人民政府", "")
    assert "round" not in short.splitlines()[0] and "issuer" not in short.splitlines()[0]
    (tmp_path / "m.yaml").write_text(short, encoding="utf-8")
    (tmp_path / "bad.md").write_text(BAD, encoding="utf-8")
    assert drafter("check", tmp_path / "bad.md", "--metrics", tmp_path / "m.yaml") == 1
    assert "92.5%" in capsys.readouterr().out  # checked against the data: 91.2%
    assert (
        drafter("check", tmp_path / "bad.md", "--metrics", tmp_path / "m.yaml", "-o", f"{tmp_path / 'r'}/")
        == 1
    )
    rows = json.loads((tmp_path / "r" / "summary.json").read_text(encoding="utf-8"))["reports"]
    assert rows[0]["summary"]["mismatch"] == 1
    capsys.readouterr()
    assert drafter("draft", tmp_path / "m.yaml", "-o", tmp_path / "out") == 2
    err = capsys.readouterr().err
    assert "report.issuer" in err and "report.round" in err


def test_the_review_counts_reports_to_fix_as_its_page_does(files, capsys):
    """A new user saw "3 with flagged figures" in the terminal and "to fix: 1" on index.html for the same run: the
    terminal counted figures that could not be checked too. Both now say the reports to fix, then the others."""
    (files / "odd.md").write_text(
        GOOD + "全市新建学校7所。\n", encoding="utf-8"
    )  # 7所: in no data, not wrong
    review = files / "review"
    assert (
        drafter(
            "check",
            files / "bad.md",
            files / "good.md",
            files / "odd.md",
            "--metrics",
            files / "metrics.yaml",
            "-o",
            review,
        )
        == 1
    )
    err = capsys.readouterr().err
    assert "1 份有需改正的数字 / 1 with figures to fix" in err and "另 1 份只有无法核对的数字" in err
    page = (review / "index.html").read_text(encoding="utf-8")
    assert "to fix: 1</span>" in page and "only not checkable: 1</span>" in page


def test_two_alike_figures_of_one_line_are_told_apart_in_the_tables(files, capsys):
    """Two different 7所 of one line were two identical rows (line, section, figure, reason): a duplication bug to
    the new user. Each now says its place on the line, in the text table and in summary.xlsx's first findings."""
    (files / "two.md").write_text(GOOD + "全市新建学校7所、改扩建学校7所。\n", encoding="utf-8")
    assert drafter("check", files / "two.md", "--metrics", files / "metrics.yaml", "-o", files / "r.txt") == 1
    table = (files / "r.txt").read_text(encoding="utf-8")
    assert "7所（本行第1处 / #1 on the line）" in table and "7所（本行第2处 / #2 on the line）" in table
    capsys.readouterr()
    assert (
        drafter("check", files / "two.md", "--metrics", files / "metrics.yaml", "-o", f"{files / 'review'}/")
        == 1
    )
    rows = json.loads((files / "review" / "summary.json").read_text(encoding="utf-8"))["reports"]
    assert rows[0]["file"] == "two.md"
    import openpyxl

    cells = [
        c.value or "" for row in openpyxl.load_workbook(files / "review" / "summary.xlsx").active for c in row
    ]
    assert any("7所（本行第1处）" in str(c) for c in cells) and any(
        "7所（本行第2处）" in str(c) for c in cells
    )


def test_a_reader_that_closes_the_pipe_early_gets_no_exit_1(tmp_path):
    """`drafter check 报告.docx | head -2` exited 1 (figures flagged) in 2 runs of 3 for a report with none: the
    pipe closed under rich, which says so with exit 1. It is now 141, as for any program stopped by SIGPIPE."""
    import subprocess
    import sys

    path = tmp_path / "long.txt"  # far more output than a pipe holds: the write after the reader left fails
    path.write_text(
        "".join(f"第{k}条：全区在校学生共8.1，其中公办学校在校生3.07。\n" for k in range(2000)),
        encoding="utf-8",
    )
    run_ = subprocess.Popen(
        [sys.executable, "-m", "drafter", "check", str(path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert run_.stdout.read(5)
    run_.stdout.close()
    err = run_.stderr.read().decode("utf-8", "replace")
    assert run_.wait(timeout=120) == 141 and "Traceback" not in err


def test_the_reason_names_what_its_code_is(tmp_path, capsys, monkeypatch):
    """A new user's trial: the 原因 column ended in fund.general_budget_edu@2022 or growth(…), which a clerk could not
    place; it now says it is the data file's item (数据项) or figures of the text (依据文中)."""
    monkeypatch.setenv("COLUMNS", "250")
    report, data = tmp_path / "报告.md", tmp_path / "data.yaml"
    report.write_text("2022年，全县一般公共预算教育支出53650万元，比上年增长3%。\n", "utf-8")
    data.write_text(
        "report: {region: 清河县, level: county, round: 2022, period: 2022}\nmetrics:\n"
        "- {key: fund.general_budget_edu, label: 一般公共预算教育支出, unit: 万元, values: {2021: 52000, 2022: 53560}}\n",
        "utf-8",
    )
    assert drafter("check", report, "--metrics", data) == 1
    assert "（数据项：fund.general_budget_edu@2022）" in capsys.readouterr().out
