"""`drafter draft NEW --from LAST -o OUT`: last year's report carried forward, every figure proven or listed."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import docx
import pytest
from carry_helpers import CARRIED, LAST_MD, NEW_YAML, last_docx, write
from office_review import review, soffice

from drafter.carry.forward import carry, figure_text
from drafter.carry.linker import CheckerLinker, LinkedFigure
from drafter.carry.run import run_carry
from drafter.checker.check import check_text
from drafter.cli import main as cli
from drafter.core.config import Settings
from drafter.core.errors import InputError
from drafter.export.docx_revisions import read_body
from drafter.outdir.store import load_draft
from drafter.source.load import load_source

SETTINGS = Settings.load(backend="offline", quiet=True)


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    return write(tmp_path, "new.yaml", NEW_YAML), write(tmp_path, "last.md", LAST_MD)


@pytest.fixture
def carried(files, tmp_path):
    new, last = files
    return run_carry(new, last, tmp_path / "out", SETTINGS)


def by_old(outcome, old: str):
    return next(c for c in outcome.changes if c.old == old)


def test_figures_years_and_words_move_on_and_the_prose_is_kept(carried):
    draft = carried.draft
    assert draft.section("fund").text == CARRIED["fund"]
    assert draft.section("preschool").text == CARRIED["preschool"]
    assert draft.section("self_check").text == "市政府召开专题会议4次，会同12个部门开展自查。"
    assert [s.spec.numbered_heading for s in draft.sections if s.spec.depth == 2][:2] == [
        "（一）优先保障教育经费投入",
        "（二）推进学前教育普及普惠",
    ]


@pytest.mark.parametrize(
    "old, new, status, source",
    [
        ("22.35亿元", "21.80亿元", "updated", "fund.general_budget_edu@2022"),
        ("5.97%", "2.46%", "recomputed", "growth(fund.general_budget_edu,2021,2022)"),
        ("增长", "下降", "recomputed", ""),
        ("91.2%", "92.5%", "updated", "preschool.gross_enrolment_rate@2022"),
        ("1.1个百分点", "1.3个百分点", "recomputed", "pp_change(preschool.gross_enrolment_rate,2021,2022)"),
        ("90%", "90%", "kept", "preschool.gross_enrolment_rate.target"),
        ("6所", "6所", "kept-for-review", ""),
        ("4次", "4次", "kept-for-review", ""),
        ("95%", "95%", "kept-for-review", ""),  # a target in 下一步工作打算
    ],
)
def test_each_figure_is_updated_recomputed_kept_or_listed(carried, old, new, status, source):
    change = by_old(carried, old)
    assert (change.new, change.status) == (new, status)
    assert change.source == source or not source


def test_report_particulars_come_from_the_new_report(carried):
    draft = carried.draft
    assert draft.section("title").text == "示例市人民政府关于2022年度履行教育职责自评情况的报告"
    assert (
        "《2023年对市县级政府履行教育职责的评价方案》（示教督〔2023〕1号）" in draft.section("opening").text
    )
    assert draft.section("signature").paragraphs == ("示例市人民政府", "2023年3月20日")


def test_an_indicator_the_new_data_add_gets_a_section_from_the_writer(carried):
    added = carried.draft.section("teachers")
    assert carried.added == ("teachers",)
    assert added.spec.ordinal == "（三）" and added.spec.parent == "results"
    assert "130名" in added.text and added.provenance.backend == "offline"
    ids = [s.spec.id for s in carried.draft.sections]
    assert ids.index("teachers") == ids.index("preschool") + 1


def test_out_is_a_normal_draft_with_changes_and_a_redline(carried, tmp_path):
    out = tmp_path / "out"
    assert {p.name for p in out.iterdir()} >= {
        "draft.json",
        "draft.md",
        "draft.docx",
        "check.json",
        "changes.json",
        "redline.docx",
    }
    changes = json.loads((out / "changes.json").read_text(encoding="utf-8"))
    assert changes["summary"]["kept-for-review"] == len(
        [c for c in changes["changes"] if c["status"] == "kept-for-review"]
    )
    review = {s["section"]: [i["text"] for i in s["items"]] for s in changes["review"]}
    assert review["self_check"] == ["4次", "12个"] and review["preschool"] == ["6所"]
    md = (out / "draft.md").read_text(encoding="utf-8")
    assert "<!-- 待核实 / for review (1): 6所 -->" in md
    check = {
        f["text"]: f["status"]
        for f in json.loads((out / "check.json").read_text(encoding="utf-8"))["findings"]
    }
    assert all(check[t] in ("verified", "derived") for t in ("21.80亿元", "2.46%", "92.5%", "1.3个百分点"))
    assert load_draft(out).section("fund").history[-1].backend == "carried"


def test_the_redline_accepted_is_the_carried_text_and_its_figures_for_review_are_highlighted(
    carried, tmp_path
):
    redline = tmp_path / "out" / "redline.docx"
    body = [b.text for b in read_body(redline).blocks]
    assert CARRIED["fund"] in body and CARRIED["preschool"] in body
    assert carried.draft.section("teachers").spec.numbered_heading in body  # the added section, inserted
    with zipfile.ZipFile(redline) as package:
        document = package.read("word/document.xml").decode("utf-8")
    assert (
        'w:author="Drafter"' in document
        and "w:delText" in document
        and 'w:highlight w:val="yellow"' in document
    )


@pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_accepts_the_redline_to_the_new_text_and_rejects_it_to_last_years(carried, tmp_path):
    redline = tmp_path / "out" / "redline.docx"
    accepted, rejected = review(redline, "Accept", tmp_path), review(redline, "Reject", tmp_path)
    assert CARRIED["fund"] in accepted and CARRIED["preschool"] in accepted
    for line in (
        "2021年全市一般公共预算教育支出22.35亿元，比2020年增长5.97%。",
        "示例市人民政府关于2021年度履行教育职责自评情况的报告",
    ):
        assert line in rejected.replace("\n", "") and line not in accepted.replace("\n", "")


def test_a_docx_last_is_revised_in_place_with_its_own_formatting(tmp_path):
    new = write(tmp_path, "new.yaml", NEW_YAML)
    last = last_docx(tmp_path / "last.docx")
    outcome = run_carry(new, last, tmp_path / "out", SETTINGS)
    assert outcome.draft.section("fund").text == CARRIED["fund"]
    assert outcome.draft.section("fund").spec.heading == "优先保障教育经费投入。"
    redlined = docx.Document(tmp_path / "out" / "redline.docx")
    heading = next(p for p in redlined.paragraphs if p.text.startswith("（一）"))
    assert heading.runs[0].bold  # last year's own run, kept
    accepted = [b.text for b in read_body(tmp_path / "out" / "redline.docx").blocks]
    assert "（一）优先保障教育经费投入。" + CARRIED["fund"] in accepted


def test_traditional_characters_are_kept_and_read(tmp_path):
    text = LAST_MD.replace(
        "2021年全市一般公共预算教育支出22.35亿元，比2020年增长5.97%。",
        "2021年全市一般公共預算教育支出22.35億元，比2020年增長5.97%。",
    )
    outcome = run_carry(
        write(tmp_path, "new.yaml", NEW_YAML), write(tmp_path, "last.md", text), tmp_path / "out", SETTINGS
    )
    assert (
        outcome.draft.section("fund").text == "2022年全市一般公共預算教育支出21.80億元，比2021年下降2.46%。"
    )


@pytest.mark.parametrize(
    "last, message",
    [
        ("", "holds no text"),
        ("会议纪要\n\n今天开会。", "does not look like a report"),
        (LAST_MD.replace("示例", "别的"), "another region"),
        (LAST_MD.replace("2021年度", "2023年度"), "later than the new data"),
    ],
)
def test_bad_last_reports_are_refused_and_out_is_untouched(tmp_path, last, message):
    new = write(tmp_path, "new.yaml", NEW_YAML)
    path = write(tmp_path, "last.md", last)
    (tmp_path / "out").mkdir()
    with pytest.raises(InputError, match=message):
        run_carry(new, path, tmp_path / "out", SETTINGS)
    assert list((tmp_path / "out").iterdir()) == []


def test_new_metrics_without_last_period_values_name_the_figures_they_cannot_recognise(tmp_path):
    only_new = NEW_YAML.replace("{2020: 21.09, 2021: 22.35, 2022: 21.80}", "{2022: 21.80}")
    only_new = only_new.replace("{2020: 90.1, 2021: 91.2, 2022: 92.5}", "{2022: 92.5}").replace(
        "{2021: 120, 2022: 130}", "{2022: 130}"
    )
    with pytest.raises(
        InputError, match=r"no values of 2021 or earlier.*22.35亿元 \(一般公共预算教育支出: only 2022\)"
    ):
        run_carry(
            write(tmp_path, "new.yaml", only_new),
            write(tmp_path, "last.md", LAST_MD),
            tmp_path / "out",
            SETTINGS,
        )


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("last.xlsx", b"PK", "spreadsheet"),
        ("last.pdf", b"%PDF", "not a readable PDF"),
        ("last.doc", b"\x01\x02x", "not a Word/WPS document"),  # text named .doc is read as text
        ("last.odt", b"x", "cannot read a .odt file"),
    ],
)
def test_files_that_are_no_report_format(tmp_path, name, data, message):
    (tmp_path / name).write_bytes(data)
    with pytest.raises(InputError, match=message):
        run_carry(write(tmp_path, "new.yaml", NEW_YAML), tmp_path / name, tmp_path / "out", SETTINGS)


def test_an_image_only_docx_is_refused(tmp_path):
    document = docx.Document()
    document.add_paragraph("")
    document.save(tmp_path / "scan.docx")
    with pytest.raises(InputError, match="holds no text"):
        run_carry(write(tmp_path, "new.yaml", NEW_YAML), tmp_path / "scan.docx", tmp_path / "out", SETTINGS)


def test_an_out_with_a_plain_draft_is_not_overwritten(tmp_path, files):
    from drafter.drafting.run import run_draft

    new, last = files
    run_draft(new, tmp_path / "out", SETTINGS, progress=False)
    before = (tmp_path / "out" / "draft.json").read_bytes()
    with pytest.raises(InputError, match="not carried from a report"):
        run_carry(new, last, tmp_path / "out", SETTINGS)
    assert (tmp_path / "out" / "draft.json").read_bytes() == before


def test_a_rerun_keeps_hand_edits_and_a_plain_redraft_is_refused(carried, files, tmp_path, capsys):
    out = tmp_path / "out"
    md = (out / "draft.md").read_text(encoding="utf-8").replace("新建幼儿园6所。", "新建幼儿园8所。")
    (out / "draft.md").write_text(md, encoding="utf-8")
    new, last = files
    again = run_carry(new, last, out, SETTINGS)
    assert again.kept_locked == ("preschool",) and "新建幼儿园8所" in again.draft.section("preschool").text
    with pytest.raises(SystemExit) as exit_:
        cli.run(["draft", str(new), "-o", str(out)])
    assert exit_.value.code == 2 and "--from" in capsys.readouterr().err


def test_import_round_trip_on_a_carried_draft(carried, tmp_path):
    from drafter.outdir.word_import import import_word

    out = tmp_path / "out"
    document = docx.Document(out / "draft.docx")
    p = next(p for p in document.paragraphs if "92.5%" in p.text)
    for run in p.runs:
        run.text = run.text.replace("92.5%", "93.5%")
    p.insert_paragraph_before("全市新增公办学位1200个。")
    document.save(tmp_path / "edited.docx")
    outcome = import_word(out, tmp_path / "edited.docx", load_source(tmp_path / "new.yaml"))
    assert outcome.changed == ("preschool",)
    flagged = {f.text: f.status for f in outcome.check.problems}
    assert flagged["93.5%"] == "mismatch"
    assert load_draft(out).section("fund").text == CARRIED["fund"]


def test_cli_prints_the_review_list(files, tmp_path, capsys):
    new, last = files
    with pytest.raises(SystemExit) as exit_:
        cli.run(["draft", str(new), "--from", str(last), "-o", str(tmp_path / "cli")])
    out = capsys.readouterr().out
    assert exit_.value.code == 1  # the figures kept for review have no source
    assert "待核实" in out and "6所" in out and "redline.docx" in out


# ------------------------------------------------------------------ the pieces
def test_a_linker_is_a_protocol_the_carry_only_reads(tmp_path, files):
    class NothingLinked:
        def link(self, text, source):
            return ()

    new, last = files
    outcome = run_carry(new, last, tmp_path / "out", SETTINGS, linker=NothingLinked())
    assert not [c for c in outcome.changes if c.kind == "figure" and c.status in ("updated", "recomputed")]
    assert any("no figure of LAST could be linked" in n for n in outcome.notes)


@pytest.mark.parametrize(
    "text, unit, value, value_unit, printed",
    [
        ("21.09亿元", "亿元", 2180000000, "元", "21.80亿元"),
        ("0.5%", "%", 0.73, "个百分点", "0.7个百分点"),  # a change of a rate is written in 个百分点
        ("4900多万元", "万元", 53650000, "元", "5300多万元"),  # as round as last year's
        ("3,534人", "人", 3690, "人", "3690人"),
        ("三所", "所", 4, "所", None),  # a Chinese numeral: left for the editor
    ],
)
def test_figure_text_keeps_the_printed_form(text, unit, value, value_unit, printed):
    number = float(text.replace(",", "").rstrip("亿元%万人多所个百分点") or 0) if text[0].isdigit() else 3
    decimals = len(text.split(".")[1].rstrip("亿元%")) if "." in text else 0
    f = LinkedFigure(0, len(text), text, number, unit, decimals)
    assert figure_text(f, value, value_unit) == printed


def test_a_list_that_now_goes_both_ways_gives_each_figure_its_own_word():
    new = load_source_text(
        NEW_YAML.replace("teachers.recruited", "fund.per_student")
        .replace("{2021: 120, 2022: 130}", "{2020: 100, 2021: 120, 2022: 130}")
        .replace("新招聘教师", "生均经费")
        .replace("unit: 名", "unit: 元")
    )
    text = "2021年，一般公共预算教育支出22.35亿元、生均经费120元，分别增长5.97%、20.00%。"
    past = __import__("drafter.carry.body", fromlist=["past_view"]).past_view(new, 1)
    edits = carry(text, CheckerLinker().link(text, past), new)
    carried = text
    for e in sorted(edits, key=lambda e: e.start, reverse=True):
        carried = carried[: e.start] + e.new + carried[e.end :]
    # 22.35 → 21.80亿元 fell, 120 → 130元 rose: the shared word turns, the second figure carries its own
    assert carried == "2022年，一般公共预算教育支出21.80亿元、生均经费130元，分别下降2.46%、增长8.33%。"
    assert not [e for e in edits if e.status == "kept-for-review"]
    report = check_text(carried, new)
    growths = [f for f in report.findings if f.kind == "figure" and f.text in ("2.46%", "8.33%")]
    assert [f.status for f in growths] == ["derived", "derived"]


@pytest.mark.parametrize(
    ("said", "values", "carried"),
    [
        ("超过", "{2021: 91.2, 2022: 89.5}", "89.5%，低于省定90%的标准"),
        ("达到", "{2021: 91.2, 2022: 89.5}", "89.5%，未达到省定90%的标准"),
        ("未达到", "{2021: 89.5, 2022: 91.2}", "91.2%，达到省定90%的标准"),
        ("达到", "{2021: 91.2, 2022: 92.5}", "92.5%，达到省定90%的标准"),  # still above: the words stay
    ],
)
def test_the_words_before_a_standard_follow_the_new_value(said, values, carried):
    new = load_source_text(NEW_YAML.replace("{2020: 90.1, 2021: 91.2, 2022: 92.5}", values))
    text = f"2021年，全市学前三年毛入园率为{values[7:11]}%，{said}省定90%的标准。"
    past = __import__("drafter.carry.body", fromlist=["past_view"]).past_view(new, 1)
    edits = carry(text, CheckerLinker().link(text, past), new)
    for e in sorted(edits, key=lambda e: e.start, reverse=True):
        text = text[: e.start] + e.new + text[e.end :]
    assert text == f"2022年，全市学前三年毛入园率为{carried}。"
    assert not check_text(text, new).problems


def load_source_text(text: str):
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        return load_source(write(Path(tmp), "m.yaml", text))


def test_the_redline_of_a_docx_last_imports_back_unchanged_and_with_an_edit(tmp_path):
    from drafter.outdir.word_import import import_word

    new = write(tmp_path, "new.yaml", NEW_YAML)
    run_carry(new, last_docx(tmp_path / "last.docx"), tmp_path / "out", SETTINGS)
    untouched = import_word(tmp_path / "out", tmp_path / "out" / "redline.docx", load_source(new))
    assert untouched.changes == () and untouched.insertions > 0  # read as accepted: the carried text itself
    document = docx.Document(tmp_path / "out" / "redline.docx")
    p = next(p for p in document.paragraphs if "新建幼儿园" in p.text)
    next(r for r in p.runs if r.text == "6所").text = "7所"  # the highlighted run of the figure for review
    document.save(tmp_path / "edited.docx")
    edited = import_word(tmp_path / "out", tmp_path / "edited.docx", load_source(new))
    assert edited.changed == ("preschool",)
    assert load_draft(tmp_path / "out").section("preschool").text.endswith("新建幼儿园7所。")
    assert load_draft(tmp_path / "out").section("fund").text == CARRIED["fund"]


def _ctrl_c(*args, **kwargs):
    """Where a test puts it, Ctrl-C arrives: the signal handler raises Interrupted in the main thread."""
    import signal

    from drafter.core.errors import Interrupted

    raise Interrupted(signal.SIGINT)


def test_ctrl_c_in_a_carry_says_what_was_written_and_the_same_command_finishes_it(
    files, tmp_path, monkeypatch
):
    """A trial: Ctrl-C in `drafter draft --from` said only "run the same command again to resume", before anything
    was written and after draft.md was (redline.docx and changes.json still missing) alike."""
    import drafter.carry.run as carry_run
    from drafter.core.errors import Interrupted

    metrics, last = files
    out = tmp_path / "out"
    validate = carry_run.validate
    monkeypatch.setattr(carry_run, "validate", _ctrl_c)
    with pytest.raises(Interrupted) as err:
        run_carry(metrics, last, out, Settings.load(quiet=True))
    assert "nothing was drafted yet" in err.value.kept and not (out / "draft.json").exists()
    monkeypatch.setattr(carry_run, "validate", validate)
    monkeypatch.setattr(carry_run, "_write_redline", _ctrl_c)
    with pytest.raises(Interrupted) as err:
        run_carry(metrics, last, out, Settings.load(quiet=True))
    assert (
        "redline.docx 和 changes.json 可能还是旧的" in err.value.kept
        and "run the same command again" in err.value.kept
    )
    assert (out / "draft.json").exists() and not (out / "changes.json").exists()
    monkeypatch.undo()
    outcome = run_carry(metrics, last, out, Settings.load(quiet=True))
    assert (out / "changes.json").exists() and (out / "redline.docx").exists()
    assert CARRIED["fund"] in outcome.draft.section("fund").text


def test_a_report_with_years_in_chinese_numerals_moves_on_and_lists_the_rest(tmp_path):
    """二〇二一年度 in the title is last year's period (it was read as none, and the title kept 二〇二一);
    a 二〇二一年 of the body, which the checker does not read as a year, is listed for review, not kept silently."""
    text = (
        LAST_MD.replace("2021年度", "二〇二一年度")
        .replace("市政府召开专题会议4次", "二〇二一年，市政府召开专题会议4次")
        .replace("2022年3月20日", "二〇二二年三月二十日")
    )
    outcome = run_carry(
        write(tmp_path, "new.yaml", NEW_YAML), write(tmp_path, "last.md", text), tmp_path / "out", SETTINGS
    )
    assert "二〇二二年度履行教育职责" in outcome.draft.section("title").text
    assert "2023年3月20日" in outcome.draft.section("signature").text
    spelled = [c for c in outcome.changes if c.old == "二〇二一" and c.section == "self_check"]
    assert [c.status for c in spelled] == ["kept-for-review"]
