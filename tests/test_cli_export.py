"""`drafter export OUT [--format docx|md|html] [-o FILE]`: files written, hand edits kept, bad input exits 2."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
from pathlib import Path

import docx
import pytest

from drafter.cli.main import run
from drafter.core import files
from drafter.export import docx_layout

FIXTURE = Path(__file__).parent / "fixtures" / "draft" / "draft.json"
TITLE = "阳泉市人民政府关于2021年度履行教育职责自评情况的报告"


@pytest.fixture
def out(tmp_path, monkeypatch) -> Path:
    directory = tmp_path / "out"
    directory.mkdir()
    shutil.copy(FIXTURE, directory / "draft.json")
    monkeypatch.setattr(docx_layout, "missing_fonts", lambda: ())
    return directory


def drafter(*args: str) -> int:
    with pytest.raises(SystemExit) as done:
        run([str(a) for a in args])
    return done.value.code


def texts(path: Path) -> list[str]:
    return [p.text.replace("\n", "") for p in docx.Document(str(path)).paragraphs]


def test_export_writes_the_docx_into_out_by_default(out, capsys):
    assert drafter("export", out) == 0
    assert capsys.readouterr().out.strip() == str(out / "draft.docx")
    assert TITLE in texts(out / "draft.docx")


def test_export_markdown_and_custom_output(out, tmp_path):
    assert drafter("export", out, "--format", "md", "-o", tmp_path / "x.md") == 0
    markdown = (tmp_path / "x.md").read_text(encoding="utf-8")
    assert f"# {TITLE}" in markdown and "## 一、自查情况" in markdown
    assert not (out / "draft.md").exists()


def test_hand_edits_in_draft_md_reach_the_docx(out):
    assert drafter("export", out, "--format", "md") == 0
    md = out / "draft.md"
    md.write_text(md.read_text(encoding="utf-8").replace("特此报告。", "专此报告。"), encoding="utf-8")
    assert drafter("export", out) == 0
    paragraphs = texts(out / "draft.docx")
    assert "专此报告。" in paragraphs and "特此报告。" not in paragraphs
    assert (
        json.loads((out / "draft.json").read_text(encoding="utf-8"))["sections"][-2]["text"] == "特此报告。"
    )


def test_missing_fonts_are_named(out, capsys, monkeypatch):
    monkeypatch.setattr(docx_layout, "missing_fonts", lambda: ("仿宋_GB2312", "方正小标宋简体"))
    assert drafter("export", out) == 0
    err = capsys.readouterr().err
    assert "仿宋_GB2312 → 仿宋 / FangSong" in err and "方正小标宋简体 → 华文中宋" in err


def test_control_characters_are_reported(out, capsys):
    data = json.loads((out / "draft.json").read_text(encoding="utf-8"))
    data["sections"][3]["text"] += "\x0c"
    (out / "draft.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert drafter("export", out) == 0
    assert "removed 1 control character(s) from section opening" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(version=0), "version 0"),
        (lambda d: d.update(format="other"), "not a Drafter draft.json"),
        (lambda d: d["sections"][0].pop("spec"), "damaged"),
    ],
)
def test_bad_draft_json_exits_2_with_the_reason(out, capsys, change, message):
    data = json.loads((out / "draft.json").read_text(encoding="utf-8"))
    change(data)
    (out / "draft.json").write_text(json.dumps(data), encoding="utf-8")
    assert drafter("export", out) == 2
    err = capsys.readouterr().err
    assert message in err and "drafter draft" in err and "Traceback" not in err
    assert not (out / "draft.docx").exists()


def test_missing_draft_and_unknown_format_exit_2(tmp_path, out, capsys):
    assert drafter("export", tmp_path / "nothing") == 2
    assert "no draft.json here" in capsys.readouterr().err
    assert drafter("export", out, "--format", "pdf") == 2
    assert "docx, md, html" in capsys.readouterr().err


def test_read_only_out_exits_2_and_writes_nothing(out, capsys, monkeypatch):
    out.chmod(0o555)
    if os.geteuid() == 0:  # root ignores permission bits: refuse the temp file as a read-only disk would

        def refuse(*args, **kwargs):
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr(files.tempfile, "mkstemp", refuse)
    try:
        assert drafter("export", out) == 2
        assert "cannot write here" in capsys.readouterr().err
        assert sorted(p.name for p in out.iterdir()) == ["draft.json"]
    finally:
        out.chmod(0o755)


METRICS = """\
report: {region: 阳泉市, level: city, round: 2022, period: 2021, issuer: 阳泉市人民政府, date: 2022-03-20}
metrics:
  - {key: fund.general_budget_edu, label: 一般公共预算教育支出, unit: 亿元, values: {2019: 21.00, 2020: 21.09}}
"""


def test_html_export_uses_the_checker_report_or_says_it_is_missing(out, capsys):
    (out / "metrics.yaml").write_text(METRICS, encoding="utf-8")
    data = json.loads((out / "draft.json").read_text(encoding="utf-8"))
    data["metrics_path"] = str(out / "metrics.yaml")
    (out / "draft.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code = drafter("export", out, "--format", "html")
    if importlib.util.find_spec("drafter.export.html") is None:
        assert code == 2
        assert "HTML check report is not available" in capsys.readouterr().err
    else:
        assert code == 0
        html = (out / "draft.html").read_text(encoding="utf-8")
        assert '<span class="fig verified"' in html and "21.09亿元</span>" in html


def test_html_export_without_the_metrics_file_says_so(out, capsys):
    pytest.importorskip("drafter.export.html", reason="checker html report not available yet")
    assert drafter("export", out, "--format", "html", "-o", out / "x.html") == 0
    assert "examples/yangquan/metrics.yaml not found" in capsys.readouterr().err
    assert "21.09" in (out / "x.html").read_text(encoding="utf-8")


def test_the_format_follows_the_extension_of_o(out, tmp_path):
    assert drafter("export", out, "-o", tmp_path / "x.md") == 0
    assert (tmp_path / "x.md").read_text(encoding="utf-8").lstrip().startswith("<!-- section:")
    assert drafter("export", out, "-o", tmp_path / "x.html") == 0
    assert "<html" in (tmp_path / "x.html").read_text(encoding="utf-8")
    assert drafter("export", out, "-o", tmp_path / "x.DOCX") == 0
    assert TITLE in texts(tmp_path / "x.DOCX")
    assert drafter("export", out, "--format", "md", "-o", tmp_path / "notes.txt") == 0  # said outright: kept
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == (tmp_path / "x.md").read_text(
        encoding="utf-8"
    )


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["-o", "报告.pdf"], "cannot export to a .pdf file"),
        (["-o", "报告"], "the file name has no extension"),
        (["--format", "md", "-o", "报告.docx"], "--format md does not match the extension .docx"),
        (["-o", "审核"], "is a folder, not a file"),
    ],
)
def test_an_extension_that_is_not_the_format_exits_2_and_writes_nothing(out, tmp_path, capsys, args, said):
    target = tmp_path / args[-1]
    if args[-1] == "审核":
        target.mkdir()
    assert drafter("export", out, *args[:-1], target) == 2
    err = capsys.readouterr().err
    assert said in err and str(target) in err and "Traceback" not in err
    assert not target.is_file() and not list(tmp_path.rglob("*.docx"))


def test_export_over_an_existing_file_is_refused_unless_force(out, tmp_path, capsys):
    """`export -o F` wrote over F silently (a Word file edited by hand, say); OUT/draft.docx, the draft's own
    file that every command writes again, is still written without --force."""
    mine = tmp_path / "我的 报告.docx"
    mine.write_bytes(b"edited in Word")
    assert drafter("export", out, "-o", mine) == 2
    err = capsys.readouterr().err
    assert "already exists" in err and "--force" in err and str(mine) in err and "Traceback" not in err
    assert mine.read_bytes() == b"edited in Word"
    assert drafter("export", out, "-o", mine, "--force") == 0 and TITLE in texts(mine)
    assert drafter("export", out) == 0 and drafter("export", out) == 0
    assert drafter("export", out, "-o", out / "draft.docx") == 0
