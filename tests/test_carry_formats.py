"""`drafter draft --from` reads last year's report as it arrives: a 公文 PDF, an old .doc, a saved web page."""

from __future__ import annotations

from pathlib import Path

import pytest
from carry_helpers import CARRIED, LAST_MD, NEW_YAML, write
from report_files import convert, soffice, write_docx, write_html

from drafter.carry.run import run_carry
from drafter.core.config import Settings

SETTINGS = Settings.load(backend="offline", quiet=True)
needs_soffice = pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed")


def carried_from(tmp_path: Path, last: Path):
    return run_carry(write(tmp_path, "new.yaml", NEW_YAML), last, tmp_path / "out", SETTINGS)


def changes(outcome) -> list[tuple[str, str, str]]:
    return sorted((c.old, c.new, c.status) for c in outcome.changes)


@pytest.fixture(scope="module")
def from_markdown(tmp_path_factory):
    folder = tmp_path_factory.mktemp("md")
    return changes(carried_from(folder, write(folder, "last.md", LAST_MD)))


@needs_soffice
@pytest.mark.parametrize("fmt", ["pdf", "doc"])
def test_a_pdf_or_doc_last_carries_forward_like_its_text(tmp_path, from_markdown, fmt):
    write_docx(LAST_MD, tmp_path / "last.docx", gongwen=fmt == "pdf", header="示例市人民政府")
    (last,) = convert([tmp_path / "last.docx"], fmt, tmp_path / "converted")
    outcome = carried_from(tmp_path, last)
    assert outcome.draft.section("fund").text == CARRIED["fund"]
    assert outcome.draft.section("preschool").text == CARRIED["preschool"]
    assert changes(outcome) == from_markdown
    assert (tmp_path / "out" / "redline.docx").is_file()


def test_a_saved_web_page_last_carries_forward_like_its_text(tmp_path, from_markdown):
    last = write_html(
        LAST_MD, tmp_path / "last.html", title="示例市2021年度履行教育职责自评报告", encoding="gb18030"
    )
    outcome = carried_from(tmp_path, last)
    assert outcome.draft.section("fund").text == CARRIED["fund"]
    assert changes(outcome) == from_markdown


@pytest.mark.parametrize("named", ["last.docx", "last.pdf"])
def test_a_last_report_whose_name_says_another_format_carries_like_its_text(tmp_path, from_markdown, named):
    """A trial: last year's report as text saved under a Word or PDF name was "not a .docx file (not a zip package)"
    / "not a readable PDF", though `drafter check` reads such a file as what it holds."""
    last = write(tmp_path, named, LAST_MD)
    outcome = carried_from(tmp_path, last)
    assert outcome.draft.section("fund").text == CARRIED["fund"]
    assert changes(outcome) == from_markdown


def test_a_folder_as_the_last_report_is_said_to_be_a_folder(tmp_path):
    """A trial: `--from 去年报告/` was "cannot read a suffix-less file"."""
    from drafter.core.errors import InputError

    (tmp_path / "去年报告").mkdir()
    with pytest.raises(InputError, match="is a folder, not last year's report"):
        carried_from(tmp_path, tmp_path / "去年报告")
