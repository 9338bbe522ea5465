"""`drafter kb build` and `drafter kb search` as a user runs them: exit codes and output."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from drafter.cli.main import run


@pytest.fixture
def kb_env(monkeypatch, tmp_path, knowledge_dir):
    """The CLI reads its settings from the environment: point it at the fixtures, use the fake embedding."""
    monkeypatch.setenv("DRAFTER_KNOWLEDGE_DIR", str(knowledge_dir))
    monkeypatch.setenv("DRAFTER_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.setenv("DRAFTER_EMBEDDING", "hash")
    monkeypatch.delenv("DRAFTER_CHROMA_URL", raising=False)
    return knowledge_dir


def drafter(*args: str) -> int:
    with pytest.raises(SystemExit) as done:
        run(list(args))
    return done.value.code


def test_search_before_build_says_to_build(kb_env, capsys):
    assert drafter("kb", "search", "毛入园率") == 2
    err = capsys.readouterr().err
    assert "drafter kb build" in err and "Traceback" not in err


def test_build_then_build_again(kb_env, capsys):
    assert drafter("kb", "build") == 0
    first = capsys.readouterr().out
    assert "3 files (3 embedded, 0 unchanged, 0 removed)" in first and "passages" in first
    assert drafter("kb", "build") == 0
    assert "3 files (0 embedded, 3 unchanged, 0 removed)" in capsys.readouterr().out
    assert drafter("kb", "build", "--rebuild") == 0
    assert "(3 embedded" in capsys.readouterr().out


def test_search_prints_source_section_score_and_snippet(kb_env, capsys):
    drafter("kb", "build", "-q")
    capsys.readouterr()
    assert drafter("kb", "search", "控辍保学", "-k", "2") == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("1. [") and "reports/anyue.md · 1.促进教育公平情况方面 · compulsory" in out[0]
    assert "控辍保学" in out[1]
    assert sum(1 for line in out if line[:2] in ("1.", "2.", "3.")) == 2


def test_search_json(kb_env, capsys):
    drafter("kb", "build", "-q")
    capsys.readouterr()
    assert (
        drafter("kb", "search", "幼儿园", "--json", "-k", "3", "--indicator", "preschool", "--level", "city")
        == 0
    )
    hits = json.loads(capsys.readouterr().out)
    assert 1 <= len(hits) <= 3
    assert all(h["indicator"] == "preschool" and h["level"] == "city" for h in hits)
    assert {"id", "text", "source", "section", "score", "region", "year"} <= set(hits[0])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["kb", "search", "  "], "query is empty"),
        (["kb", "search", "学前", "--indicator", "kindergarten"], "unknown indicator 'kindergarten'"),
        (["kb", "search", "学前", "--level", "town"], "unknown level 'town'"),
        (["kb", "search", "学前", "--mode", "semantic"], "unknown mode"),
    ],
)
def test_bad_search_input_is_one_line_and_exit_2(kb_env, capsys, args, message):
    drafter("kb", "build", "-q")
    capsys.readouterr()
    assert drafter(*args) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_broken_front_matter_names_the_file(kb_env, capsys):
    (kb_env / "reports" / "bad.md").write_text("---\nregion: [\n---\n正文\n", encoding="utf-8")
    assert drafter("kb", "build") == 2
    err = capsys.readouterr().err
    assert "bad.md" in err and "front matter" in err and "Traceback" not in err


def test_a_damaged_index_asks_for_rebuild(kb_env, capsys, tmp_path):
    drafter("kb", "build", "-q")
    (tmp_path / "state" / "index" / "manifest.json").write_text("{", encoding="utf-8")
    capsys.readouterr()
    assert drafter("kb", "search", "学前") == 2
    assert "drafter kb build --rebuild" in capsys.readouterr().err


def test_missing_knowledge_dir_in_a_real_process(tmp_path):
    env = {
        **os.environ,
        "DRAFTER_KNOWLEDGE_DIR": str(tmp_path / "nowhere"),
        "DRAFTER_STATE_DIR": str(tmp_path),
        "DRAFTER_EMBEDDING": "hash",
    }
    done = subprocess.run(
        [sys.executable, "-m", "drafter", "kb", "build"], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 2
    assert (
        "nowhere" in done.stderr and "DRAFTER_KNOWLEDGE_DIR" in done.stderr and "Traceback" not in done.stderr
    )


def test_build_and_search_with_the_real_model(kb_env, monkeypatch, capsys):
    monkeypatch.delenv("DRAFTER_EMBEDDING")
    assert drafter("kb", "build", "-q") == 0
    capsys.readouterr()
    assert drafter("kb", "search", "适龄儿童入园比例", "--json", "-k", "2", "--mode", "vector") == 0
    hits = json.loads(capsys.readouterr().out)
    assert any("毛入园率" in hit["text"] for hit in hits)


@pytest.mark.parametrize(
    ("text", "words", "expected_start"),
    [
        ("短文本，毛入园率92.3%。", ["毛入园率"], "短文本"),  # short: all of it
        ("甲" * 200 + "控辍保学成效明显" + "乙" * 200, ["控辍保学"], "…" + "甲" * 20 + "控辍保学"),
        ("丙" * 300, ["没有"], "丙" * 10),  # no word found: the beginning
    ],
)
def test_snippet_centres_on_the_first_query_word(text, words, expected_start):
    from drafter.cli.kb import SNIPPET, _snippet

    snippet = _snippet(text, words)
    assert snippet.startswith(expected_start)
    assert len(snippet.strip("…")) <= SNIPPET
