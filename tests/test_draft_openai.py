"""Drafting end to end against the local OpenAI-compatible server: concurrency, failures kept, resume."""

import json
import time
from dataclasses import replace

import pytest
from draft_helpers import write_metrics
from fakeserver import GARBLED, FakeOpenAI, slot_echo

from drafter.core.config import Settings
from drafter.core.errors import BackendUnavailable
from drafter.drafting.run import run_draft
from drafter.outdir.store import load_draft

MODELLED = (
    "self_check",
    "rectification",
    "party",
    "fund",
    "teachers",
    "preschool",
    "compulsory",
    "experience",
    "problems",
    "plans",
)


@pytest.fixture
def fake_openai():
    with FakeOpenAI() as fake:
        yield fake


@pytest.fixture
def settings(fake_openai):
    base = Settings.load(
        backend="openai", base_url=fake_openai.base_url, model="deepseek-chat", concurrency=8
    )
    return replace(base, api_key="sk-test-secret-123", max_retries=2, retry_backoff=0.01, timeout=5.0)


def _section_of(request) -> str:
    text = next((m["content"] for m in request.messages if m.get("role") == "user"), "")
    for marker, sid in (("推进学前教育普及普惠", "preschool"), ("优先保障教育经费投入", "fund")):
        if f"标题：{marker}" in text:
            return sid
    return ""


def test_concurrent_draft_fills_slots_from_the_model(tmp_path, fake_openai, settings):
    from drafter.drafting.backends import make_backend

    make_backend(settings)  # import langchain before the clock starts
    fake_openai.latency = 0.3
    started = time.monotonic()
    outcome = run_draft(write_metrics(tmp_path), tmp_path / "out", settings, progress=False)
    wall = time.monotonic() - started
    assert outcome.failed == ()
    assert len(fake_openai.chat_requests) == len(MODELLED)
    busy = sum(outcome.draft.section(s).provenance.seconds for s in MODELLED)
    assert busy >= 0.3 * len(MODELLED)
    assert wall < 0.8 * busy  # sections overlapped: one after another would take longer than their sum
    preschool = outcome.draft.section("preschool")
    assert "91.2%" in preschool.text and "[[" not in preschool.text
    assert (preschool.provenance.backend, preschool.provenance.model) == ("openai", "deepseek-chat")
    assert preschool.provenance.tokens_in > 0 and preschool.provenance.prompt == "draft/section"
    assert outcome.draft.section("title").provenance.backend == "offline"


def test_the_key_is_never_written(tmp_path, fake_openai, settings):
    run_draft(write_metrics(tmp_path), tmp_path / "out", settings, progress=False)
    for path in (tmp_path / "out").iterdir():
        assert b"sk-test-secret-123" not in path.read_bytes(), path.name


def test_failed_section_is_kept_while_others_succeed_then_resumed(tmp_path, fake_openai, settings):
    fake_openai.default = lambda request: (
        GARBLED if _section_of(request) == "preschool" else slot_echo(request)
    )
    metrics, out = write_metrics(tmp_path), tmp_path / "out"
    first = run_draft(metrics, out, settings, progress=False)
    assert first.failed == ("preschool",) and first.exit_code == 1
    assert first.draft.section("preschool").provenance.error_kind == "bad_reply"
    assert all(first.draft.section(s).status == "drafted" for s in MODELLED if s != "preschool")
    assert json.loads((out / "draft.json").read_text(encoding="utf-8"))["sections"]
    fake_openai.default = slot_echo
    seen = len(fake_openai.chat_requests)
    second = run_draft(metrics, out, settings, progress=False)
    new = fake_openai.chat_requests[seen:]
    assert [_section_of(r) for r in new] == ["preschool"]
    assert second.failed == () and "91.2%" in second.draft.section("preschool").text
    assert second.draft.section("fund") == first.draft.section("fund")


def test_a_rerun_whose_one_section_left_fails_again_is_no_total_failure(tmp_path, fake_openai, settings):
    """A new user's trial: after 19 sections were drafted, the rerun of the one left failed again and was told
    "the model drafted none of the 1 sections" (exit 3): the draft holds the model's other sections."""
    fake_openai.default = lambda request: (
        GARBLED if _section_of(request) == "preschool" else slot_echo(request)
    )
    metrics, out = write_metrics(tmp_path), tmp_path / "out"
    assert run_draft(metrics, out, settings, progress=False).failed == ("preschool",)
    again = run_draft(metrics, out, settings, progress=False)  # (ModelFailed, exit 3, before)
    assert again.failed == ("preschool",) and again.exit_code == 1


def test_rate_limit_then_success(tmp_path, fake_openai, settings):
    fake_openai.status(429, retry_after=0)
    outcome = run_draft(
        write_metrics(tmp_path), tmp_path / "out", replace(settings, concurrency=1), progress=False
    )
    assert outcome.failed == ()
    assert len(fake_openai.chat_requests) == len(MODELLED) + 1


def test_misused_slots_are_retried_once(tmp_path, fake_openai, settings):
    fake_openai.misuse_slots()
    outcome = run_draft(
        write_metrics(tmp_path), tmp_path / "out", replace(settings, concurrency=1), progress=False
    )
    assert outcome.failed == ()
    retry = fake_openai.chat_requests[1]
    assert "fund.invented_metric@2099" in json.dumps(retry.messages, ensure_ascii=False)


def test_a_model_the_server_rejects_is_bad_input_and_nothing_is_lost(tmp_path, fake_openai, settings):
    fake_openai.model_not_found(times=50)
    with pytest.raises(BackendUnavailable) as err:
        run_draft(
            write_metrics(tmp_path),
            tmp_path / "out",
            replace(settings, model="no-such-model"),
            progress=False,
        )
    assert "--backend offline" in err.value.render() or "offline" in err.value.render()
    draft = load_draft(tmp_path / "out")
    assert draft.section("title").status == "drafted" and draft.section("fund").status == "failed"


def test_quiet_still_names_a_section_that_failed(tmp_path, fake_openai, monkeypatch, capsys):
    """A new user's trial: with -q a failed section printed nothing at all, exit 1 as for a flagged figure."""
    from drafter.cli.main import run

    fake_openai.default = lambda request: (
        GARBLED if _section_of(request) == "preschool" else slot_echo(request)
    )
    monkeypatch.setenv("OPENAI_BASE_URL", fake_openai.base_url)
    monkeypatch.setenv("DRAFTER_MODEL", "deepseek-chat")
    monkeypatch.setenv("DRAFTER_MAX_RETRIES", "0")
    argv = ["draft", str(write_metrics(tmp_path)), "-o", str(tmp_path / "out"), "--backend", "openai", "-q"]
    with pytest.raises(SystemExit) as done:
        run(argv)
    out, err = capsys.readouterr()
    assert done.value.code == 1 and out == ""
    assert "✗ （" in err and "推进学前教育普及普惠" in err and "再运行一次同一命令即可重试" in err
