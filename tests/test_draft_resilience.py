"""A kill loses nothing, Ctrl-C stops at once and says what was kept, exit codes, secrets, failed-section comments.

Every test drafts through the real HTTP client against the local fake server; the kill and signal tests
run `python -m drafter` in a child process and signal it for real.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest
from draft_helpers import write_metrics
from fakeserver import GARBLED, FakeOpenAI, slot_echo

from drafter.checker.check import check_text
from drafter.core.config import Settings
from drafter.core.errors import ContextTooLong, Interrupted, ModelFailed
from drafter.core.types import Passage
from drafter.drafting.compose import draft_section
from drafter.drafting.context import build_context
from drafter.drafting.plan import plan_sections
from drafter.drafting.run import run_draft
from drafter.outdir import journal
from drafter.source.load import load_source

KEY = "sk-resilience-SECRET-0123456789abcdef"
MODELLED = 10  # sections of draft_helpers' metrics that the model writes


@pytest.fixture
def fake_openai():
    with FakeOpenAI() as fake:
        yield fake


@pytest.fixture
def settings(fake_openai, tmp_path):
    base = Settings.load(
        backend="openai", base_url=fake_openai.base_url, model="deepseek-chat", concurrency=2
    )
    return replace(
        base, api_key=KEY, max_retries=1, retry_backoff=0.01, timeout=5.0, cache_dir=tmp_path / "cache"
    )


def child_env(fake: FakeOpenAI, tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DRAFTER_", "OPENAI_"))}
    env.update(
        OPENAI_API_KEY=KEY,
        OPENAI_BASE_URL=fake.base_url,
        DRAFTER_MODEL="deepseek-chat",
        DRAFTER_CACHE_DIR=str(tmp_path / "cache"),
        DRAFTER_INDEX_DIR=str(tmp_path / "no-index"),
        PYTHONUNBUFFERED="1",
    )
    return env


def start_draft(metrics: Path, out: Path, env: dict[str, str], concurrency: int = 2) -> subprocess.Popen:
    argv = [sys.executable, "-m", "drafter", "draft", str(metrics), "-o", str(out), "--backend", "openai"]
    argv += ["--concurrency", str(concurrency), "-q"]
    return subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def modelled_kept(out: Path) -> int:
    """Journal entries the model wrote (the offline parts — title, date … — finish at once)."""
    entries = journal.entries(out, _digest(out)) if journal.journal_dir(out).is_dir() else {}
    return sum(1 for s in entries.values() if s.provenance.backend == "openai")


def _digest(out: Path) -> str:
    from drafter.drafting.run import metrics_hash

    return metrics_hash(out.parent / "metrics.yaml")


def wait_for(predicate, seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while not predicate():
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.02)


# ---------------------------------------------------------------- kill -9, then the same command
def test_kill_9_after_some_sections_then_the_rerun_makes_only_the_missing_calls(
    tmp_path, fake_openai, settings
):
    metrics = write_metrics(tmp_path)
    whole = run_draft(metrics, tmp_path / "whole", settings, progress=False)  # the uninterrupted run
    assert whole.failed == ()
    fake_openai.latency = 0.4
    out = tmp_path / "killed"
    child = start_draft(metrics, out, child_env(fake_openai, tmp_path))
    wait_for(lambda: modelled_kept(out) >= 3)
    child.send_signal(signal.SIGKILL)
    child.wait(10)
    kept = modelled_kept(out)
    assert kept >= 3 and not (out / "draft.json").exists()

    fake_openai.latency = 0.0
    before = len(fake_openai.chat_requests)
    again = run_draft(metrics, out, settings, progress=False)
    calls = len(fake_openai.chat_requests) - before
    assert calls <= MODELLED - kept
    assert again.failed == () and not journal.journal_dir(out).exists()
    assert again.draft.created_at  # a draft resumed from the journal alone still says when it was begun
    assert (out / "draft.md").read_text(encoding="utf-8") == (tmp_path / "whole" / "draft.md").read_text(
        encoding="utf-8"
    )


def test_journal_entries_from_other_data_are_not_trusted(tmp_path, fake_openai, settings):
    metrics = write_metrics(tmp_path)
    first = run_draft(metrics, tmp_path / "out", settings, progress=False)
    journal.record(
        tmp_path / "out", replace(first.draft.section("fund"), text="旧数据写的段落。"), "other-hash"
    )
    seen = len(fake_openai.chat_requests)
    again = run_draft(metrics, tmp_path / "out", settings, progress=False)
    assert len(fake_openai.chat_requests) == seen  # nothing to draft, and the stale entry is ignored
    assert again.draft.section("fund").text == first.draft.section("fund").text


# ---------------------------------------------------------------- Ctrl-C and SIGTERM
@pytest.mark.parametrize(
    "signum, code", [(signal.SIGINT, 130), (signal.SIGTERM, 143)], ids=["ctrl-c", "sigterm"]
)
def test_a_signal_stops_within_2_s_says_what_was_kept_and_exits_128_plus_n(
    tmp_path, fake_openai, signum, code
):
    metrics, out = write_metrics(tmp_path), tmp_path / "out"
    fake_openai.default = lambda r: (
        (fake_openai.sleep(0.3), slot_echo(r))[1]
        if len(fake_openai.chat_requests) <= 3
        else (fake_openai.sleep(30), slot_echo(r))[1]
    )
    child = start_draft(metrics, out, child_env(fake_openai, tmp_path))
    wait_for(lambda: modelled_kept(out) >= 1 and len(fake_openai.chat_requests) >= 5)
    sent = time.monotonic()
    child.send_signal(signum)
    _, err = child.communicate(timeout=10)
    assert time.monotonic() - sent < 2.0
    assert child.returncode == code
    assert "interrupted" in err and "run the same command again" in err and "Traceback" not in err
    said = re.search(r"(\d+) of the (\d+) sections of this run are kept", err)
    assert said and int(said.group(1)) == journal.count(out) and int(said.group(2)) == 15
    assert modelled_kept(out) >= 1


def test_interrupted_draft_cancels_calls_and_worker_threads_end(tmp_path, fake_openai, settings):
    """In-process: the signal handler raises Interrupted in the main thread; no worker is left running."""
    fake_openai.latency = 30
    previous = signal.signal(signal.SIGALRM, lambda n, f: (_ for _ in ()).throw(Interrupted(n)))
    signal.setitimer(signal.ITIMER_REAL, 1.0)
    started = time.monotonic()
    try:
        with pytest.raises(Interrupted) as err:
            run_draft(write_metrics(tmp_path), tmp_path / "out", settings, progress=False)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert time.monotonic() - started < 3.0
    assert f"{journal.count(tmp_path / 'out')} of the 15 sections" in err.value.kept
    wait_for(lambda: not [t for t in threading.enumerate() if t.name.startswith("ThreadPoolExecutor")], 2.0)


def _ctrl_c(*args, **kwargs):
    """Where a test puts it, Ctrl-C arrives: the signal handler raises Interrupted in the main thread."""
    raise Interrupted(signal.SIGINT)


def test_ctrl_c_before_drafting_says_nothing_was_drafted_and_out_is_as_it_was(tmp_path, settings):
    """A trial: Ctrl-C while Drafter was still loading said only "run the same command again to resume"."""
    metrics, out = write_metrics(tmp_path), tmp_path / "out"
    run_draft(metrics, out, settings, progress=False)
    before = (out / "draft.md").read_bytes()
    with pytest.raises(Interrupted) as err:
        run_draft(metrics, out, settings, only=("preschool",), progress=False, on_plan=_ctrl_c)
    assert "还没有起草任何章节" in err.value.kept and "nothing was drafted yet" in err.value.kept
    assert (out / "draft.md").read_bytes() == before


def test_ctrl_c_while_writing_keeps_every_section_and_the_rerun_drafts_none_again(
    tmp_path, fake_openai, settings, monkeypatch
):
    """A trial: Ctrl-C after the last section, while the files were written, said nothing of what was kept."""
    import drafter.drafting.run as run_module

    metrics, out = write_metrics(tmp_path), tmp_path / "out"
    run_draft(metrics, tmp_path / "whole", settings, progress=False)
    write_all = run_module.write_all
    monkeypatch.setattr(run_module, "write_all", _ctrl_c)
    with pytest.raises(Interrupted) as err:
        run_draft(metrics, out, settings, progress=False)
    assert "draft.md、draft.docx、check.json 还没有写出" in err.value.kept
    assert "were not written yet" in err.value.kept and not (out / "draft.md").exists()
    monkeypatch.setattr(run_module, "write_all", write_all)
    seen = len(fake_openai.chat_requests)
    again = run_draft(metrics, out, settings, progress=False)
    assert len(fake_openai.chat_requests) == seen and again.drafted == ()
    assert (out / "draft.md").read_bytes() == (tmp_path / "whole" / "draft.md").read_bytes()


def test_ctrl_c_while_the_summary_is_printed_says_the_draft_is_complete(tmp_path, monkeypatch):
    import drafter.cli.draft as cli_draft

    monkeypatch.setattr(cli_draft, "_print_draft", _ctrl_c)
    out = tmp_path / "out"
    with pytest.raises(Interrupted) as err:
        cli_draft.draft(write_metrics(tmp_path), out)
    assert "草稿已经写完" in err.value.kept and "the draft is complete" in err.value.kept
    assert (out / "draft.docx").is_file() and (out / "check.json").is_file()


# ---------------------------------------------------------------- exit codes and what draft.md says
def test_every_section_failing_for_a_model_reason_is_exit_3_with_one_line(tmp_path, fake_openai, settings):
    fake_openai.default = lambda request: GARBLED
    with pytest.raises(ModelFailed) as err:
        run_draft(write_metrics(tmp_path), tmp_path / "out", settings, progress=False)
    assert err.value.exit_code == 3 and "none of the 10 sections" in err.value.message
    assert (
        "模型一个章节也没有起草成功（共 10 个）" in err.value.message and "其余部分已保存" in err.value.hint
    )
    assert "garbled" in err.value.message and "\n" not in err.value.message


def test_a_failed_section_is_a_highlighted_gap_in_word_until_the_rerun_drafts_it(
    tmp_path, fake_openai, settings
):
    """A trial: a section the model could not draft was its heading over nothing in draft.docx — no mark in the
    file a clerk hands in, and `drafter check draft.docx` counted no gap."""
    from docx import Document

    from drafter.documents.read import read_document

    original = fake_openai.next_behaviour
    failing = {"on": True}

    def fail_fund(request):
        behaviour = original(request)
        if failing["on"] and "优先保障教育经费投入" in request.last_user:
            behaviour.status, behaviour.error = 500, {"message": "internal error"}
        return behaviour

    fake_openai.next_behaviour = fail_fund
    metrics, out = write_metrics(tmp_path), tmp_path / "out"
    assert run_draft(metrics, out, settings, progress=False).failed == ("fund",)
    texts = [p.text for p in Document(str(out / "draft.docx")).paragraphs]
    heading = next(i for i, t in enumerate(texts) if t.endswith("优先保障教育经费投入"))
    assert texts[heading + 1].startswith("【待补充：本部分未能起草")
    assert check_text(read_document(out / "draft.docx").text).summary["gaps"] == 1
    failing["on"] = False
    assert run_draft(metrics, out, settings, progress=False).failed == ()
    assert "未能起草" not in "".join(p.text for p in Document(str(out / "draft.docx")).paragraphs)


def test_failed_section_comments_are_not_read_as_figures(tmp_path, fake_openai, settings):
    fake_openai.default = lambda request: (
        "2021年经费[[fund.general_bud" if "优先保障教育经费投入" in request.last_user else slot_echo(request)
    )
    original = fake_openai.next_behaviour

    def cut_fund(request):
        behaviour = original(request)
        if "优先保障教育经费投入" in request.last_user or "截断" in request.last_user:
            behaviour.finish_reason = "length"
        return behaviour

    fake_openai.next_behaviour = cut_fund
    outcome = run_draft(write_metrics(tmp_path), tmp_path / "out", settings, progress=False)
    assert (
        outcome.failed == ("fund",) and "DRAFTER_MAX_TOKENS" in outcome.draft.section("fund").provenance.error
    )
    md = (tmp_path / "out" / "draft.md").read_text(encoding="utf-8")
    start = md.index("<!-- failed:")
    end = md.index("-->", start)
    check = json.loads((tmp_path / "out" / "check.json").read_text(encoding="utf-8"))
    assert not [f for f in check["findings"] if start <= f["start"] < end]


def test_the_key_echoed_by_a_model_or_an_error_is_never_written(tmp_path, fake_openai, settings):
    fake_openai.default = lambda request: (
        slot_echo(request) + f"调试信息：Authorization: Bearer {KEY}，密钥{KEY}。"
    )
    fake_openai.status(400, f"invalid request from key {KEY}")  # one section fails with the key in the error
    run_draft(write_metrics(tmp_path), tmp_path / "out", replace(settings, concurrency=1), progress=False)
    for path in (tmp_path / "out").rglob("*"):
        if path.is_file():
            assert KEY.encode() not in path.read_bytes(), path.name
    assert "***" in (tmp_path / "out" / "draft.md").read_text(encoding="utf-8")


# ---------------------------------------------------------------- a prompt too long for the model
class Exemplars:
    def search(self, query, k=5, indicator=None, level=None):
        return [
            Passage(
                id=f"p{i}",
                text="其他地区的范文片段。" * 20,
                source="x.md",
                region=f"地区{i}",
                level=level or "",
            )
            for i in range(k)
        ]


def test_a_prompt_too_long_shrinks_the_exemplars_and_retries_once(tmp_path, fake_openai, settings):
    ctx = build_context(load_source(write_metrics(tmp_path)), settings, None)
    ctx.retriever = Exemplars()
    spec = next(s for s in plan_sections(ctx.source, ctx.taxonomy) if s.id == "fund")
    fake_openai.context_too_long()
    section = draft_section(spec, ctx)
    assert section.status == "drafted" and len(section.provenance.exemplars) == 2
    sent = [r.last_user.count("--- 范文") for r in fake_openai.chat_requests]
    assert sent == [4, 2]
    fake_openai.context_too_long(times=2)
    failed = draft_section(spec, ctx)
    assert failed.status == "failed" and failed.provenance.error_kind == ContextTooLong.kind
    assert "DRAFTER_CONTEXT_TOKENS is 16000" in failed.provenance.error


LATE_CTRL_C = """
import os, signal, sys
from drafter.cli import main
try:
    main.run()
finally:
    os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C as the process ends, its work done
"""


def test_a_ctrl_c_as_drafter_exits_changes_nothing(tmp_path):
    """A trial: Ctrl-C ~0.1 s after the last file was written (the interpreter shutting down) ended the process
    silently with 130, the draft complete; the exit code is the command's."""
    metrics = write_metrics(tmp_path)
    done = subprocess.run(
        [sys.executable, "-c", LATE_CTRL_C, "draft", str(metrics), "-o", str(tmp_path / "out"), "-q"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (
        done.returncode == 0
        and "Traceback" not in done.stderr
        and (tmp_path / "out" / "draft.docx").is_file()
    )


def test_a_wait_the_server_asks_for_is_said_above_the_progress_bars(tmp_path, fake_openai, settings, capsys):
    """A trial: 19 sections each told "429, Retry-After: 5" showed still progress bars for 54 s, no word why."""
    fake_openai.status(429, "Rate limit reached for requests", retry_after=1, code_name="rate_limit_exceeded")
    outcome = run_draft(write_metrics(tmp_path), tmp_path / "out", settings, progress=True)
    err = capsys.readouterr().err
    assert (
        outcome.failed == () and "1 秒后重试" in err and "retrying in 1 s: HTTP 429 Rate limit reached" in err
    )
