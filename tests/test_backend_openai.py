"""The openai backend against a real local OpenAI-compatible server: retries, bad replies, errors, the key."""

from __future__ import annotations

import logging
import socket
import time
import traceback

import fakeserver
import pytest
from fakeserver import FakeOpenAI

from drafter.core.config import Settings
from drafter.core.errors import BackendUnavailable, BadCompletion, ConfigError
from drafter.core.types import ReportInfo, SectionSpec, Slot, SourceData
from drafter.drafting.backends import make_backend
from drafter.drafting.backends.base import Message, SectionRequest
from drafter.drafting.backends.openai import LOCAL_DUMMY_KEY, OpenAIBackend
from drafter.drafting.backends.replies import clean_reply, is_garbled, reply_problem
from drafter.drafting.backends.retry import RetryPolicy, Transient, call_with_retries, parse_retry_after

fake_openai = fakeserver.fake_openai  # the fixture: a started FakeOpenAI per test

KEY = "sk-test-SECRET-0123456789abcdef"
SLOT = "preschool.gross_enrolment_rate@2021"
SPEC = SectionSpec(
    id="preschool",
    kind="indicator",
    heading="学前教育普及普惠",
    ordinal="（三）",
    depth=2,
    indicator="preschool",
)
SOURCE = SourceData(
    report=ReportInfo(region="阳泉市", level="city", round=2022, period=2021, issuer="阳泉市人民政府"),
    metrics=(),
)
REQUEST = SectionRequest(
    spec=SPEC,
    source=SOURCE,
    messages=(
        Message("system", "你是公文写作人员。"),
        Message("user", f"可用占位符：\n- [[{SLOT}]]：毛入园率，数值为 92.3%\n"),
    ),
    slots=(Slot(name=SLOT, text="92.3%", label="2021年学前三年毛入园率", value=92.3, unit="%"),),
)
GOOD = f"我市大力发展普惠性学前教育，学前三年毛入园率达到[[{SLOT}]]，入园难问题有效缓解。"


class Sleeps(list):
    """A stand-in for time.sleep that records the waits instead of waiting."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def backend(
    fake: FakeOpenAI,
    *,
    retries: int = 2,
    timeout: float = 2.0,
    stream: bool = False,
    key: str = KEY,
    sleep=None,
) -> OpenAIBackend:
    settings = Settings(
        backend="openai",
        base_url=fake.base_url,
        api_key=key,
        model="gpt-4o-mini",
        timeout=timeout,
        max_retries=retries,
    )
    return OpenAIBackend(settings, backoff=0.01, stream=stream, sleep=time.sleep if sleep is None else sleep)


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# ---------------------------------------------------------------- success
@pytest.mark.parametrize("stream", [False, True], ids=["json", "sse-stream"])
def test_reply_with_slots_comes_back_clean_with_tokens(fake_openai, stream):
    fake_openai.reply(GOOD)
    done = backend(fake_openai, stream=stream).complete(REQUEST)
    assert done.text == GOOD
    assert done.model == "gpt-4o-mini"
    assert done.tokens_in > 10 and done.tokens_out == len(GOOD) // 2  # the server's usage numbers
    sent = fake_openai.chat_requests[0]
    assert sent.headers["authorization"] == f"Bearer {KEY}"
    assert [m["role"] for m in sent.messages] == ["system", "user"]
    assert sent.body["model"] == "gpt-4o-mini"
    assert bool(sent.body.get("stream")) is stream


@pytest.mark.parametrize("stream", [False, True], ids=["json", "sse-stream"])
def test_tokens_are_counted_when_the_server_reports_no_usage(stream):
    with FakeOpenAI(usage=False) as fake:
        fake.reply(GOOD)
        done = backend(fake, stream=stream).complete(REQUEST)
    assert done.text == GOOD
    assert done.tokens_in > 5 and done.tokens_out > 5


def test_markdown_fence_and_repeated_heading_are_removed(fake_openai):
    fake_openai.reply(f"```\n（三）学前教育普及普惠\n**{GOOD}**\n```")
    assert backend(fake_openai).complete(REQUEST).text == GOOD


# ---------------------------------------------------------------- transient failures
def test_429_then_success_waits_at_least_retry_after(fake_openai):
    sleeps = Sleeps()
    fake_openai.status(429, "Rate limit reached", retry_after=2).reply(GOOD)
    done = backend(fake_openai, sleep=sleeps).complete(REQUEST)
    assert done.text == GOOD
    assert len(fake_openai.chat_requests) == 2
    assert sleeps == [2.0]


def test_500_every_time_fails_after_all_retries_with_doubling_backoff(fake_openai):
    sleeps = Sleeps()
    fake_openai.status(500, "upstream exploded", times=4)
    with pytest.raises(BadCompletion) as err:
        backend(fake_openai, retries=3, sleep=sleeps).complete(REQUEST)
    assert len(fake_openai.chat_requests) == 4
    assert "HTTP 500" in err.value.message and "4 tries" in err.value.message
    assert all(base <= s <= base * 1.1 for s, base in zip(sleeps, (0.01, 0.02, 0.04), strict=True))


def test_quota_exhausted_429_is_not_retried(fake_openai):
    fake_openai.status(429, "You exceeded your current quota", code_name="insufficient_quota")
    with pytest.raises(BackendUnavailable, match="no quota"):
        backend(fake_openai).complete(REQUEST)
    assert len(fake_openai.chat_requests) == 1


def test_timeout_is_retried_then_succeeds(fake_openai):
    fake_openai.hang(1.0).reply(GOOD)
    assert backend(fake_openai, timeout=0.2).complete(REQUEST).text == GOOD
    assert len(fake_openai.chat_requests) == 2


def test_timeout_every_time_fails_after_retries(fake_openai):
    fake_openai.hang(1.0, times=2)
    started = time.monotonic()
    with pytest.raises(BadCompletion, match="timed out after 0.2 s"):
        backend(fake_openai, retries=1, timeout=0.2).complete(REQUEST)
    assert len(fake_openai.chat_requests) == 2
    assert time.monotonic() - started < 1.5


# ---------------------------------------------------------------- bad replies: one retry with the problem stated
@pytest.mark.parametrize(
    "bad, problem_words",
    [
        ("", "空"),
        ("   \n  ", "空"),
        ("\ufffd\ufffd\x00\x01\ufffd\ufffdabc\ufffd", "乱码"),
        ("The education budget grew strongly this year.", "乱码"),
        ("æˆ‘å¸‚æ•™è‚²æŠ•å…¥æŒç»­å¢žåŠ ", "乱码"),  # UTF-8 read as cp1252
    ],
    ids=["empty", "blank", "binary", "english", "mojibake"],
)
def test_bad_reply_is_retried_once_with_the_problem_stated(fake_openai, bad, problem_words):
    fake_openai.reply(bad).reply(GOOD)
    assert backend(fake_openai).complete(REQUEST).text == GOOD
    second = fake_openai.chat_requests[1].messages
    assert problem_words in second[-1]["content"]
    assert second[:2] == fake_openai.chat_requests[0].messages


@pytest.mark.parametrize("script", ["empty", "garbled"])
def test_bad_reply_twice_is_a_bad_completion(fake_openai, script):
    getattr(fake_openai, script)(times=2)
    with pytest.raises(BadCompletion, match=f"section preschool: the model's reply was {script}") as err:
        backend(fake_openai).complete(REQUEST)
    assert "模型的回答两次都不合格" in err.value.message and "再运行一次同一命令即可重试" in err.value.hint
    assert len(fake_openai.chat_requests) == 2


def test_slot_misuse_is_shown_to_the_model_then_fixed(fake_openai):
    fake_openai.misuse_slots("fund.invented@2099").reply(GOOD)
    assert backend(fake_openai).complete(REQUEST).text == GOOD
    retry = fake_openai.chat_requests[1].messages
    assert retry[-2]["role"] == "assistant" and "[[fund.invented@2099]]" in retry[-2]["content"]
    assert "[[fund.invented@2099]]" in retry[-1]["content"] and f"[[{SLOT}]]" in retry[-1]["content"]


def test_slot_misuse_twice_names_the_slot(fake_openai):
    fake_openai.misuse_slots("fund.invented@2099", times=2)
    with pytest.raises(BadCompletion, match=r"fund\.invented@2099"):
        backend(fake_openai).complete(REQUEST)


# ---------------------------------------------------------------- fatal: no retry, plain message, never the key
def _no_key_anywhere(exc: BaseException, caplog) -> None:
    shown = "".join(traceback.format_exception(exc)) + str(exc) + repr(exc) + getattr(exc, "render", str)()
    assert KEY not in shown
    assert KEY not in caplog.text


def test_401_is_unavailable_at_once_and_never_shows_the_key(fake_openai, caplog):
    caplog.set_level(logging.DEBUG)
    fake_openai.status(401, f"Incorrect API key provided: {KEY}", code_name="invalid_api_key")
    with pytest.raises(BackendUnavailable, match="rejected the API key") as err:
        backend(fake_openai).complete(REQUEST)
    assert len(fake_openai.chat_requests) == 1
    assert "--backend offline" in err.value.render()
    _no_key_anywhere(err.value, caplog)


def test_a_server_echoing_the_key_in_a_500_is_redacted(fake_openai, caplog):
    caplog.set_level(logging.DEBUG)
    fake_openai.status(500, f"bad key {KEY} in request", times=2)
    with pytest.raises(BadCompletion) as err:
        backend(fake_openai, retries=1).complete(REQUEST)
    assert "***" in err.value.message
    _no_key_anywhere(err.value, caplog)
    assert KEY not in repr(backend(fake_openai))


@pytest.mark.parametrize(
    "status, message",
    [
        (404, "The model `gpt-4o-mini` does not exist"),
        (400, "Model Not Exist"),  # DeepSeek's way
    ],
)
def test_a_rejected_model_name_is_unavailable_and_named(fake_openai, status, message):
    fake_openai.status(status, message)
    with pytest.raises(BackendUnavailable, match="rejected the model name 'gpt-4o-mini'"):
        backend(fake_openai).complete(REQUEST)
    assert len(fake_openai.chat_requests) == 1


def test_a_404_without_a_model_complaint_points_at_the_base_url(fake_openai):
    fake_openai.status(404, "Not Found")
    with pytest.raises(BackendUnavailable, match="no chat completions API"):
        backend(fake_openai).complete(REQUEST)


def test_an_unreachable_base_url_is_unavailable_naming_the_url(caplog):
    url = f"http://127.0.0.1:{closed_port()}/v1"
    settings = Settings(backend="openai", base_url=url, api_key=KEY, timeout=1, max_retries=1)
    with pytest.raises(BackendUnavailable) as err:
        OpenAIBackend(settings, backoff=0.01).complete(REQUEST)
    assert url in err.value.message and "--backend offline" in err.value.render()
    assert (
        "无法连接模型服务" in err.value.message and "请检查 --base-url" in err.value.hint
    )  # said in Chinese too
    _no_key_anywhere(err.value, caplog)


# ---------------------------------------------------------------- configuration
def test_a_remote_endpoint_without_a_key_is_a_config_error():
    settings = Settings(backend="openai", base_url="https://api.deepseek.com/v1", api_key="")
    with pytest.raises(ConfigError) as err:
        OpenAIBackend(settings)
    assert "OPENAI_API_KEY" in err.value.render() and "--backend offline" in err.value.render()


@pytest.mark.parametrize("typed", ["127.0.0.1:18555/v1", "localhost:11434/v1", "api.deepseek.com/v1"])
def test_a_base_url_without_its_scheme_says_so(typed):
    """A new user's trial: 127.0.0.1:18555/v1 was told "no API key" (read as a remote host), not what was wrong."""
    with pytest.raises(ConfigError) as err:
        OpenAIBackend(Settings(backend="openai", base_url=typed, api_key=""))
    said = err.value.render()
    assert "http://" in said and f"http://{typed}" in said and "API key" not in said


def test_a_local_server_needs_no_key(fake_openai):
    settings = Settings(
        backend="openai", base_url=fake_openai.base_url.replace("127.0.0.1", "localhost"), api_key=""
    )
    fake_openai.reply(GOOD)
    assert OpenAIBackend(settings).complete(REQUEST).text == GOOD
    assert fake_openai.chat_requests[0].headers["authorization"] == f"Bearer {LOCAL_DUMMY_KEY}"


def test_make_backend_builds_the_named_backend(fake_openai):
    made = make_backend(Settings(backend="openai", base_url=fake_openai.base_url, model="qwen-plus"))
    assert isinstance(made, OpenAIBackend) and made.name == "openai" and made.model == "qwen-plus"
    with pytest.raises(ConfigError, match="unknown backend"):
        make_backend(Settings(backend="claude"))


def test_make_backend_offline_is_the_offline_backend():
    pytest.importorskip("drafter.drafting.backends.offline")
    assert make_backend(Settings(backend="offline")).name == "offline"


# ---------------------------------------------------------------- reply checks and retry policy (no server)
@pytest.mark.parametrize(
    "text, problem, unknown",
    [
        (GOOD, "", []),
        ("各项工作稳步推进，成效明显。", "", []),
        ("", "empty", []),
        (f"[[{SLOT}]]", "garbled", []),
        ("123 456 789 (2021)", "garbled", []),
        ("增长[[fund.x@2020]]和[[fund.y@2020]]，成效明显。", "unknown_slots", ["fund.x@2020", "fund.y@2020"]),
    ],
)
def test_reply_problem(text, problem, unknown):
    assert reply_problem(text, [SLOT]) == (problem, unknown)


def test_clean_reply_normalises_slot_spacing_and_markdown_headings():
    assert (
        clean_reply(f"## 学前教育普及普惠：\n达到[[ {SLOT} ]]。\n\n\n一是…", SPEC)
        == f"达到[[{SLOT}]]。\n一是…"
    )
    assert not is_garbled("2022年3月20日")


def test_retry_policy_delays_double_and_respect_retry_after_and_cap():
    policy = RetryPolicy(attempts=5, base_delay=1.0, max_delay=5.0, jitter=0.0)
    assert [policy.delay(n) for n in range(4)] == [1.0, 2.0, 4.0, 5.0]
    assert policy.delay(0, retry_after=3.0) == 3.0
    assert policy.delay(0, retry_after=600.0) == 5.0
    assert parse_retry_after("2") == 2.0 and parse_retry_after("Wed, 21 Oct 2015") is None


def test_call_with_retries_stops_at_the_first_success():
    calls = []

    def flaky() -> str:
        calls.append(1)
        if len(calls) < 3:
            raise Transient("HTTP 503", kind="server")
        return "ok"

    assert call_with_retries(flaky, RetryPolicy(attempts=3, base_delay=0.0)) == "ok"
    assert len(calls) == 3
    with pytest.raises(Transient):
        call_with_retries(_always_fails, RetryPolicy(attempts=2, base_delay=0.0))


def _always_fails() -> str:
    raise Transient("timed out", kind="timeout")


def test_after_a_rejected_key_later_sections_fail_at_once(fake_openai):
    fake_openai.unauthorized()
    made = backend(fake_openai)
    for _ in range(3):
        with pytest.raises(BackendUnavailable, match="rejected the API key"):
            made.complete(REQUEST)
    assert len(fake_openai.chat_requests) == 1


@pytest.mark.live
def test_live_endpoint_writes_a_section_with_the_slot():
    """Run with `pytest -m live` and OPENAI_API_KEY / OPENAI_BASE_URL / DRAFTER_MODEL set."""
    settings = Settings.load(backend="openai")
    if not settings.api_key:
        pytest.skip("OPENAI_API_KEY is not set")
    from drafter.drafting.prompts import load_prompts, section_messages

    messages = section_messages(load_prompts(settings.prompts_dir), SOURCE, SPEC, REQUEST.slots)
    done = OpenAIBackend(settings).complete(
        SectionRequest(spec=SPEC, messages=messages, source=SOURCE, slots=REQUEST.slots)
    )
    assert f"[[{SLOT}]]" in done.text and done.tokens_out > 0
