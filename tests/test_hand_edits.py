"""Hand edits are never lost: draft.md as Notepad, WPS or a mail client saves it is read with its edits by
every command, or refused (exit 2) before anything is written."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import hostile_files as hf
import pytest

from drafter.cli.main import run
from drafter.core.config import Settings
from drafter.outdir.store import load_draft

ENCODINGS = ["gbk", "utf-16", "utf-16-le", "utf-8-sig", "utf-8"]


def drafter(*args: object) -> int:
    with pytest.raises(SystemExit) as done:
        run([str(a) for a in args])
    return done.value.code


@pytest.fixture(scope="module")
def drafted(tmp_path_factory) -> Path:
    from drafter.drafting.run import run_draft

    out = tmp_path_factory.mktemp("drafted") / "out"
    run_draft(hf.EXAMPLE, out, Settings.load(quiet=True), progress=False)
    return out


@pytest.fixture
def out(drafted: Path, tmp_path: Path) -> Path:
    target = tmp_path / "out"
    shutil.copytree(drafted, target)
    (target / "draft.docx").unlink()
    return target


def docx_text(path: Path) -> str:
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_export_keeps_an_edit_saved_in_any_encoding_with_crlf(out, encoding, caplog):
    edit = hf.hand_edit(out, encoding)  # also turns every line end into CRLF, as Notepad does
    with caplog.at_level("WARNING"):
        assert drafter("export", out) == 0
    assert edit in docx_text(out / "draft.docx")
    said = "draft.md: 不是 UTF-8，已按" in caplog.text  # the CLI prints warnings on stderr
    assert said == encoding.startswith(("gbk", "utf-16"))


@pytest.mark.parametrize("command", ["draft", "section"])
def test_redrafting_imports_and_locks_an_edit_saved_as_gbk(out, command):
    edit = hf.hand_edit(out, "gbk")
    args = (
        ("draft", hf.EXAMPLE, "-o", out, "-q")
        if command == "draft"
        else ("section", out, "-s", "opening", "-q")
    )
    assert drafter(*args) in (0, 1)
    locked = [s for s in load_draft(out).sections if edit in s.text]
    assert len(locked) == 1 and locked[0].status == "locked"
    assert edit in (out / "draft.md").read_text(encoding="utf-8")  # written back as UTF-8


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (hf.random.Random(19).randbytes(64 * 1024), "is binary data"),
        ("一份没有章节标记的文本。\n".encode("gbk"), "none of the draft's section markers"),
        (b"", "none of the draft's section markers"),
    ],
    ids=["binary junk", "text without markers", "empty"],
)
def test_a_draft_md_that_cannot_be_placed_is_refused_before_anything_is_written(out, content, words, capsys):
    (out / "draft.md").write_bytes(content)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    for args in (
        ("export", out),
        ("export", out, "-f", "md", "-o", out / "x.md"),
        ("section", out, "-s", "opening"),
    ):
        assert drafter(*args) == 2
        err = capsys.readouterr().err
        assert words in err and "draft.md" in err and "Traceback" not in err
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
