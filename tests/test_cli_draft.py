import json
import re

import pytest
from draft_helpers import write_metrics

from drafter.cli.main import run
from drafter.outdir.store import load_draft


def _run(argv, capsys):
    with pytest.raises(SystemExit) as exit_:
        run(argv)
    captured = capsys.readouterr()
    return exit_.value.code, captured.out, captured.err


@pytest.fixture
def metrics(tmp_path):
    return write_metrics(tmp_path)


def test_a_rerun_says_what_it_kept(tmp_path, metrics, capsys):
    """A new user's trial: a resumed or finished draft run again printed the same table as a fresh one."""
    argv = ["draft", str(metrics), "-o", str(tmp_path / "out")]
    code, _, err = _run(argv, capsys)
    assert code == 0 and "沿用" not in err  # a fresh draft keeps nothing
    code, _, err = _run(argv, capsys)
    assert code == 0 and "数据未变：沿用上次已完成的全部" in err


def test_draft_prints_a_table_and_exits_as_the_checker(tmp_path, metrics, capsys):
    code, out, err = _run(["draft", str(metrics), "-o", str(tmp_path / "out")], capsys)
    assert code == 0
    assert "（四）推进学前" in out
    assert re.search(r"核对 check: 数字 figures \d+ · 已核实 verified \d+", out)
    assert "✓" in err  # the progress display goes to stderr
    assert load_draft(tmp_path / "out").section("preschool").status == "drafted"


def test_the_parts_outside_the_numbered_sections_are_named_as_a_clerk_calls_them(
    tmp_path, metrics, capsys, monkeypatch
):
    """A trial: the table and the progress lines began with header, title, addressee, opening and signature — codes
    a clerk never sees in the report."""
    monkeypatch.setenv("COLUMNS", "120")
    code, out, err = _run(["draft", str(metrics), "-o", str(tmp_path / "out")], capsys)
    for name in ("标题 title", "主送机关 addressee", "开头 opening", "落款 signature"):
        assert f"│ {name} " in out and f"  {name} ✓" in err
    assert not re.search(r"│ (title|addressee|opening|signature) ", out)


def test_draft_json_summary(tmp_path, metrics, capsys):
    code, out, err = _run(["draft", str(metrics), "-o", str(tmp_path / "out"), "--json"], capsys)
    data = json.loads(out)
    assert data["exit_code"] == code and data["failed"] == []
    assert set(data["check"]) >= {"figures", "verified", "derived", "mismatch", "unsupported", "inconsistent"}
    assert [s["id"] for s in data["sections"]][:3] == ["title", "addressee", "opening"]
    assert err == ""


def test_quiet_prints_nothing(tmp_path, metrics, capsys):
    _, out, err = _run(["draft", str(metrics), "-o", str(tmp_path / "out"), "--quiet"], capsys)
    assert out == "" and err == ""


def test_bad_metrics_exit_2_without_traceback(tmp_path, capsys):
    bad = write_metrics(tmp_path, "report: [1, 2]\n", name="bad.yaml")
    code, _, err = _run(["draft", str(bad), "-o", str(tmp_path / "out")], capsys)
    assert code == 2 and "bad.yaml" in err and "Traceback" not in err


def test_openai_without_a_reachable_endpoint_exits_2(tmp_path, metrics, capsys, monkeypatch):
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    code, _, err = _run(
        ["draft", str(metrics), "-o", str(tmp_path / "out"), "--backend", "openai", "-q"], capsys
    )
    assert code == 2 and "--backend offline" in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()  # a new user's trial: an empty OUT was left behind


def test_section_list_regenerate_and_unknown(tmp_path, metrics, capsys):
    out_dir = str(tmp_path / "out")
    _run(["draft", str(metrics), "-o", out_dir, "-q"], capsys)
    code, out, _ = _run(["section", out_dir, "--list", "--json"], capsys)
    rows = json.loads(out)
    assert code == 0 and {"id": "preschool", "ordinal": "（四）"}.items() <= rows[9].items()
    code, out, _ = _run(
        ["section", out_dir, "--section", "（一）", "--instructions", "简要", "--json"], capsys
    )
    data = json.loads(out)
    assert data["section"] == "party" and data["diff"].startswith("---")
    code, _, err = _run(["section", out_dir, "--section", "九十"], capsys)
    assert code == 2 and "preschool" in err
    code, _, err = _run(["section", out_dir], capsys)
    assert code == 2 and "--list" in err


def test_section_list_table(tmp_path, metrics, capsys):
    out_dir = str(tmp_path / "out")
    _run(["draft", str(metrics), "-o", out_dir, "-q"], capsys)
    code, out, _ = _run(["section", out_dir, "--list"], capsys)
    assert code == 0 and "preschool" in out and "drafted" in out


def test_offline_says_which_instructions_it_understands(tmp_path, metrics, capsys):
    out_dir = str(tmp_path / "out")
    _run(["draft", str(metrics), "-o", out_dir, "-q"], capsys)
    code, out, _ = _run(["section", out_dir, "--section", "problems", "-i", "突出普惠性幼儿园建设"], capsys)
    flat = out.replace("\n", "")
    assert (
        code == 0
        and "：未改动 / no change）" in out
        and "not done：突出普惠性幼儿园建设（离线模板只在指标小节中调整顺序）" in flat
    )
    code, out, _ = _run(["section", out_dir, "--section", "party", "-i", "更简洁，写得生动些"], capsys)
    flat = out.replace("\n", "")
    assert code == 0 and "no change" not in out  # the requirement sentence goes, the facts stay
    assert "done：精简" in flat and "not done：写得生动些" in flat and "--backend openai" in flat


def test_an_emphasis_with_nothing_to_move_is_not_said_done(tmp_path, metrics, capsys):
    """A clerk's `--section 学前教育 -i 突出普惠` printed "(no change)" and then "done：突出“普惠”" when nothing
    in the section spoke of it."""
    out_dir = str(tmp_path / "out")
    _run(["draft", str(metrics), "-o", out_dir, "-q"], capsys)
    code, out, _ = _run(["section", out_dir, "--section", "preschool", "-i", "突出校园足球"], capsys)
    flat = out.replace("\n", "")
    assert code == 0 and "推进学前教育普及普惠：未改动 / no change）" in flat
    assert "done：" not in flat and "unchanged：按要求（突出“校园足球”" in flat


def test_an_output_folder_that_cannot_be_made_is_said_before_any_progress(tmp_path, metrics, capsys):
    """-o under a file: the error came after a progress line per section."""
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    code, out, err = _run(["draft", str(metrics), "-o", str(tmp_path / "a-file" / "out")], capsys)
    assert code == 2 and "a-file" in err and "Traceback" not in err
    assert err.lstrip().startswith("错误"), err
    assert "header" not in err and "✓" not in err


def test_only_on_a_new_out_says_the_other_sections_in_one_line(tmp_path, metrics, capsys, monkeypatch):
    """A trial: `--only 九` on a new OUT printed 25 red "✗ title: not drafted yet — run the same command again to
    retry" lines, though the same command again drafts none of them."""
    monkeypatch.setenv("COLUMNS", "200")
    code, out, err = _run(["draft", str(metrics), "-o", str(tmp_path / "out"), "--only", "preschool"], capsys)
    assert code == 1 and load_draft(tmp_path / "out").section("preschool").status == "drafted"
    assert "✗ title" not in out and "not drafted yet —" not in out
    left = len(load_draft(tmp_path / "out").sections) - 1
    assert f"另有 {left} 个章节还没有起草" in out and "run the command without --only" in out


def test_a_section_s_figures_column_leaves_out_years_and_document_numbers():
    """A header's `figures 2, ok 0` (its year and 文号, never checked) read as a failure to a new user."""
    from drafter.cli.draft import _count_cells

    header = {"figures": 2, "verified": 0, "derived": 0, "ignored": 2}
    party = {"figures": 8, "verified": 1, "derived": 0, "ignored": 7}
    assert _count_cells(header) == ("0", "0", "0") and _count_cells(party) == ("1", "1", "0")


def test_a_hand_edit_imported_is_named_by_its_heading(tmp_path, metrics, capsys):
    """A new user's trial: `hand edits imported and locked: preschool` named the section by its inner id."""
    out_dir = tmp_path / "out"
    _run(["draft", str(metrics), "-o", str(out_dir), "-q"], capsys)
    md = out_dir / "draft.md"
    text = md.read_text(encoding="utf-8")
    heading = next(line for line in text.splitlines() if "推进学前教育普及普惠" in line)
    start = text.index(heading) + len(heading)
    body_end = text.index("\n\n", text.index("\n\n", start) + 2)
    md.write_text(text[:body_end] + "（经手工补充）" + text[body_end:], encoding="utf-8")
    code, out, _ = _run(["section", str(out_dir), "--section", "party"], capsys)
    flat = out.replace("\n", "")
    assert code == 0 and "hand edits imported and locked:" in flat and "推进学前教育普及普惠" in flat
    assert "locked: preschool" not in flat
