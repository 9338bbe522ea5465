"""`drafter import OUT EDITED.docx`: Word edits come back section by section; nothing else changes."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import docx
import pytest
from draft_helpers import write_metrics

from drafter.cli import main as cli
from drafter.core.config import Settings
from drafter.core.errors import InputError
from drafter.core.types import Table
from drafter.drafting.run import run_draft
from drafter.export.docx_revisions import paragraphs, read_body
from drafter.export.markdown import split_markdown
from drafter.export.redline import Revision, redline
from drafter.outdir.names import OUTPUT_FILES
from drafter.outdir.outputs import write_outputs
from drafter.outdir.store import load_draft
from drafter.outdir.word_import import import_word
from drafter.source.load import load_source

WHEN = dt.datetime(2025, 3, 1, tzinfo=dt.UTC)


@pytest.fixture
def out(tmp_path: Path) -> Path:
    metrics = write_metrics(tmp_path)
    run_draft(metrics, tmp_path / "out", Settings.load(backend="offline", quiet=True), progress=False)
    return tmp_path / "out"


def source_of(out: Path):
    return load_source(Path(load_draft(out).metrics_path))


def edit(out: Path, name: str, change) -> Path:
    document = docx.Document(out / "draft.docx")
    change(document)
    document.save(out.parent / name)
    return out.parent / name


def paragraph(document, needle: str):
    return next(p for p in document.paragraphs if needle in p.text)


def sections_json(out: Path) -> dict:
    return {
        s["spec"]["id"]: json.dumps(s, ensure_ascii=False)
        for s in json.loads((out / "draft.json").read_text())["sections"]
    }


def chunks(out: Path) -> dict:
    return {c.section_id: c.text for c in split_markdown((out / "draft.md").read_text(encoding="utf-8"))}


def change_figure_and_add_sentence(document) -> None:
    p = paragraph(document, "毛入园率")
    for run in p.runs:
        run.text = run.text.replace("91.2%", "95.2%")
    p.insert_paragraph_before("全市新增公办学位1200个，入园难问题进一步缓解。")


def test_an_edited_figure_and_an_added_sentence_come_back_and_nothing_else_changes(out):
    before_json, before_md = sections_json(out), chunks(out)
    edited = edit(out, "edited.docx", change_figure_and_add_sentence)
    outcome = import_word(out, edited, source_of(out))
    assert outcome.changed == ("preschool",)
    section = load_draft(out).section("preschool")
    assert section.status == "locked" and section.history[-1].backend == "hand"
    assert "全市新增公办学位1200个" in section.text and "95.2%" in section.text
    after_json, after_md = sections_json(out), chunks(out)
    assert [k for k in before_json if before_json[k] != after_json[k]] == ["preschool"]
    assert [k for k in before_md if before_md[k] != after_md[k]] == ["preschool"]
    flagged = {f.text: f for f in outcome.check.problems}
    assert flagged["95.2%"].status == "mismatch" and flagged["95.2%"].expected == "91.2%"
    assert outcome.check.exit_code == 1


def test_a_renamed_heading_a_deleted_paragraph_and_a_replaced_one(out):
    def change(document):
        heading = paragraph(document, "推进学前教育")
        heading.runs[0].text = heading.text.replace("推进学前教育", "大力推进学前教育")
        for run in heading.runs[1:]:
            run.text = ""
        party = paragraph(document, "专题研究教育工作")
        party._p.getparent().remove(party._p)

    outcome = import_word(out, edit(out, "edited.docx", change), source_of(out))
    assert set(outcome.changed) == {"preschool", "party"}
    draft = load_draft(out)
    assert draft.section("preschool").spec.heading.startswith("大力推进学前教育")
    assert draft.section("preschool").spec.ordinal == "（四）"
    assert "### （四）大力推进学前教育" in (out / "draft.md").read_text(encoding="utf-8")
    assert "专题研究教育工作" not in draft.section("party").text
    assert {c.section_id: c.parts for c in outcome.changes}["preschool"] == ("heading",)


def test_pending_tracked_changes_are_read_as_accepted_and_counted(out):
    document_xml_paragraphs = [p for p in read_body(out / "draft.docx").blocks]
    target = next(b for b in document_xml_paragraphs if "毛入园率" in getattr(b, "text", ""))
    start = target.text.index("91.2%")
    data = redline(
        (out / "draft.docx").read_bytes(),
        [Revision(target.index, start, start + 5, "91.2%", "90.1%")],
        when=WHEN,
    )
    (out.parent / "tracked.docx").write_bytes(data)
    outcome = import_word(out, out.parent / "tracked.docx", source_of(out))
    assert outcome.changed == ("preschool",)
    assert (outcome.insertions, outcome.deletions) == (1, 1)
    assert "90.1%" in load_draft(out).section("preschool").text


def test_rejected_changes_leave_every_file_as_it_was(out):
    before_md, before_json = (out / "draft.md").read_bytes(), sections_json(out)
    outcome = import_word(out, out / "draft.docx", source_of(out))  # what “reject all” gives back
    assert outcome.changes == ()
    assert sections_json(out) == before_json
    assert (out / "draft.md").read_bytes() == before_md


def test_tables_come_back(out):
    draft = load_draft(out)
    table = Table("表1 学前教育主要指标", ("指标", "2021年"), (("学前三年毛入园率", "91.2%"),))
    sections = tuple(
        dataclasses.replace(s, tables=(table,)) if s.spec.id == "preschool" else s for s in draft.sections
    )
    write_outputs(out, dataclasses.replace(draft, sections=sections), source_of(out))

    def change(document):
        document.tables[0].cell(1, 1).paragraphs[0].runs[0].text = "92.0%"

    outcome = import_word(out, edit(out, "edited.docx", change), source_of(out))
    assert outcome.changed == ("preschool",)
    assert load_draft(out).section("preschool").tables[0].rows == (("学前三年毛入园率", "92.0%"),)
    assert load_draft(out).section("preschool").tables[0].caption == "表1 学前教育主要指标"


@pytest.mark.parametrize(
    "make, message",
    [
        (
            lambda d: [d.add_paragraph("会议纪要"), d.add_paragraph("一、参会人员")],
            "not a version of the draft",
        ),
        (None, "not a version of the draft"),  # every heading removed
    ],
)
def test_a_document_that_is_not_ours_is_refused_and_out_is_untouched(out, make, message):
    if make is None:

        def strip(document):
            for p in document.paragraphs:
                if p.style.name in ("一级标题", "二级标题"):
                    p._p.getparent().remove(p._p)

        foreign = edit(out, "foreign.docx", strip)
    else:
        document = docx.Document()
        make(document)
        foreign = out.parent / "foreign.docx"
        document.save(foreign)
    before = {name: (out / name).read_bytes() for name in OUTPUT_FILES}
    with pytest.raises(InputError, match=message):
        import_word(out, foreign, source_of(out))
    assert {name: (out / name).read_bytes() for name in OUTPUT_FILES} == before


def run_cli(argv, capsys):
    with pytest.raises(SystemExit) as exit_:
        cli.run(argv)
    captured = capsys.readouterr()
    return exit_.value.code, captured.out, captured.err


def test_cli_prints_changed_sections_and_flags(out, capsys):
    edited = edit(out, "edited.docx", change_figure_and_add_sentence)
    code, stdout, _ = run_cli(["import", str(out), str(edited)], capsys)
    assert code == 1
    assert "已导入并锁定" in stdout and "preschool" in stdout and "95.2%" in stdout and "mismatch" in stdout
    assert "与来源不符" in stdout  # a trial: the status was in English only, unlike `drafter check`'s table


def test_cli_json_and_bad_input(out, tmp_path, capsys):
    edited = edit(out, "edited.docx", change_figure_and_add_sentence)
    code, stdout, _ = run_cli(["import", str(out), str(edited), "--json"], capsys)
    data = json.loads(stdout)
    assert data["changed"] == [{"section": "preschool", "parts": ["text"]}] and data["exit_code"] == code == 1
    sheet = tmp_path / "book.xlsx"
    sheet.write_bytes(b"PK\x05\x06" + b"\x00" * 18)  # an empty zip: not a Word document
    code, _, err = run_cli(["import", str(out), str(sheet)], capsys)
    assert code == 2 and "book.xlsx" in err and "Traceback" not in err


def test_paragraph_indexes_of_read_body_are_those_of_the_package(out):
    from drafter.export.docx_revisions import DOCUMENT, body_of, parse_xml, read_package

    root = parse_xml(read_package(out / "draft.docx")[DOCUMENT])
    found = paragraphs(body_of(root))
    for block in read_body(out / "draft.docx").blocks:
        if hasattr(block, "index"):
            assert "".join(found[block.index].itertext()) == block.text


def test_another_regions_draft_docx_is_refused_though_its_headings_are_the_same(out, tmp_path, capsys):
    """Every OUT has a draft.docx: one picked from the wrong folder has the same 一、… headings and would lock
    every section with the other region's text."""
    region = load_draft(out).report.region

    def other_region(document):
        for p in document.paragraphs:
            for run in p.runs:
                run.text = run.text.replace(region, "晋城市").replace(region[:-1], "晋城")

    foreign = edit(out, "draft.docx", other_region)
    before = {name: (out / name).read_bytes() for name in OUTPUT_FILES}
    code, _, err = run_cli(["import", str(out), str(foreign)], capsys)
    assert code == 2 and "it looks like another region's draft" in err and str(foreign) in err
    assert {name: (out / name).read_bytes() for name in OUTPUT_FILES} == before
    edited = edit(out, "edited.docx", change_figure_and_add_sentence)  # its own edits still come back
    assert import_word(out, edited, source_of(out)).changed == ("preschool",)


def test_a_draft_docx_edited_in_word_is_kept_before_drafter_writes_it_again(out, caplog):
    """An editor changes OUT/draft.docx in Word and saves it there, then redrafts without importing first: the
    edited file is copied beside the new one (nothing lost) and the message says how to bring it in. A rewrite of
    an unedited draft.docx makes no copy, and importing the edited file itself makes none either."""
    source = source_of(out)
    write_outputs(out, load_draft(out), source)  # as Drafter wrote it: no copy
    assert not list(out.glob("draft.word-edited-*.docx"))

    document = docx.Document(out / "draft.docx")
    change_figure_and_add_sentence(document)
    document.save(out / "draft.docx")
    edited = (out / "draft.docx").read_bytes()
    with caplog.at_level("WARNING"):
        write_outputs(out, load_draft(out), source)
    kept = list(out.glob("draft.word-edited-*.docx"))
    assert len(kept) == 1 and kept[0].read_bytes() == edited
    assert (out / "draft.docx").read_bytes() != edited  # written again from the draft
    assert "drafter import" in caplog.text and kept[0].name in caplog.text

    import_word(out, kept[0], source)  # the kept edits brought in: draft.docx was Drafter's own, no copy
    document = docx.Document(out / "draft.docx")
    change_figure_and_add_sentence(document)
    document.save(out / "draft.docx")
    import_word(out, out / "draft.docx", source)  # the edited file itself imported: no second copy
    assert len(list(out.glob("draft.word-edited-*.docx"))) == 1
    assert "95.2%" in (out / "draft.md").read_text(encoding="utf-8")


def test_an_out_written_before_the_hash_keeps_a_draft_docx_saved_after_its_draft_json(out):
    import os

    source = source_of(out)
    (out / ".draft.docx.sha256").unlink()
    later = (out / "draft.json").stat().st_mtime + 60
    os.utime(out / "draft.docx", (later, later))
    write_outputs(out, load_draft(out), source)
    assert len(list(out.glob("draft.word-edited-*.docx"))) == 1
