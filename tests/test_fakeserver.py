"""The fake OpenAI server speaks the wire format real clients expect: checked with raw HTTP and the openai SDK."""

from __future__ import annotations

import json
import math
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import fakeserver
import openai
import pytest
from fakeserver import FakeOpenAI, listed_slots, slot_echo

fake_openai = fakeserver.fake_openai  # the fixture: a started FakeOpenAI per test


def post(fake: FakeOpenAI, path: str, body: dict, key: str = "k") -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(
        fake.base_url + path,
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {key}"},
    )
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read()


def chat(content: str = "你好", **extra) -> dict:
    return {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": content}], **extra}


def client(fake: FakeOpenAI, key: str = "k") -> openai.OpenAI:
    return openai.OpenAI(base_url=fake.base_url, api_key=key, max_retries=0, timeout=5)


def test_models_are_listed(fake_openai):
    names = [m.id for m in client(fake_openai).models.list()]
    assert names == ["gpt-4o-mini", "deepseek-chat", "qwen-plus"]


def test_chat_json_reply_and_usage(fake_openai):
    fake_openai.reply("我市教育工作成效明显。")
    status, _, raw = post(fake_openai, "/chat/completions", chat())
    data = json.loads(raw)
    assert status == 200 and data["object"] == "chat.completion"
    assert data["choices"][0]["message"] == {"role": "assistant", "content": "我市教育工作成效明显。"}
    assert data["usage"]["completion_tokens"] == len("我市教育工作成效明显。") // 2


def test_chat_stream_is_sse_ending_with_done_and_usage(fake_openai):
    text = "我市认真履行教育职责，各项工作稳步推进，成效明显。"
    fake_openai.reply(text)
    status, headers, raw = post(
        fake_openai, "/chat/completions", chat(stream=True, stream_options={"include_usage": True})
    )
    events = [line[len("data: ") :] for line in raw.decode().split("\n\n") if line.startswith("data: ")]
    assert status == 200 and headers["Content-Type"] == "text/event-stream"
    assert events[-1] == "[DONE]"
    chunks = [json.loads(e) for e in events[:-1]]
    assert "".join(c["choices"][0]["delta"].get("content", "") for c in chunks if c["choices"]) == text
    assert chunks[-1]["choices"] == [] and chunks[-1]["usage"]["completion_tokens"] > 0


def test_the_openai_sdk_reads_the_stream(fake_openai):
    fake_openai.reply("一是加大投入；二是优化布局。")
    stream = client(fake_openai).chat.completions.create(
        model="qwen-plus", messages=[{"role": "user", "content": "x"}], stream=True
    )
    assert (
        "".join(c.choices[0].delta.content or "" for c in stream if c.choices)
        == "一是加大投入；二是优化布局。"
    )


def test_429_carries_retry_after_and_the_queue_moves_on(fake_openai):
    fake_openai.status(429, "Rate limit reached", retry_after=1).reply("好")
    status, headers, raw = post(fake_openai, "/chat/completions", chat())
    assert status == 429 and headers["Retry-After"] == "1"
    assert json.loads(raw)["error"]["message"] == "Rate limit reached"
    assert (
        json.loads(post(fake_openai, "/chat/completions", chat())[2])["choices"][0]["message"]["content"]
        == "好"
    )


@pytest.mark.parametrize(
    "script, error",
    [
        ("unauthorized", openai.AuthenticationError),
        ("model_not_found", openai.NotFoundError),
    ],
)
def test_scripted_errors_reach_the_sdk_as_its_own_exceptions(fake_openai, script, error):
    getattr(fake_openai, script)()
    with pytest.raises(error):
        client(fake_openai).chat.completions.create(
            model="gpt-4o-mini", messages=[{"role": "user", "content": "x"}]
        )


def test_a_wrong_key_is_refused_when_the_server_has_one():
    with FakeOpenAI(api_key="right") as fake:
        assert post(fake, "/chat/completions", chat(), key="wrong")[0] == 401
        assert post(fake, "/chat/completions", chat(), key="right")[0] == 200


def test_hang_outlasts_the_client_timeout(fake_openai):
    fake_openai.hang(2.0)
    with pytest.raises(openai.APITimeoutError):
        openai.OpenAI(
            base_url=fake_openai.base_url, api_key="k", max_retries=0, timeout=0.2
        ).chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": "x"}])


def test_embeddings_are_deterministic_unit_vectors(fake_openai):
    data = json.loads(
        post(fake_openai, "/embeddings", {"model": "e", "input": ["学前教育", "学前教育", "双减"]})[2]
    )
    first, again, other = (d["embedding"] for d in data["data"])
    assert first == again != other
    assert math.isclose(sum(v * v for v in first), 1.0)


def test_requests_are_recorded_with_body_and_headers(fake_openai):
    post(fake_openai, "/chat/completions", chat("记录我"), key="abc")
    [seen] = fake_openai.chat_requests
    assert seen.last_user == "记录我" and seen.headers["authorization"] == "Bearer abc"


def test_default_reply_uses_every_listed_slot():
    prompt = "【可用的数字占位符】\n- [[fund.a@2021]]：经费，数值为 1亿元\n- [[growth(fund.a,2020,2021)]]：增长率\n写成 [[占位符名称]]"
    fake = FakeOpenAI()
    request = type("R", (), {"messages": [{"role": "user", "content": prompt}]})()
    assert listed_slots(request) == ["fund.a@2021", "growth(fund.a,2020,2021)"]
    assert "经费为[[fund.a@2021]]；增长率为[[growth(fund.a,2020,2021)]]" in fake.default(request)
    assert slot_echo(type("R", (), {"messages": []})()).startswith("我市")


def test_slow_answers_are_served_concurrently():
    with FakeOpenAI(latency=0.2) as fake, ThreadPoolExecutor(10) as pool:
        started = time.monotonic()
        statuses = list(pool.map(lambda _: post(fake, "/chat/completions", chat())[0], range(10)))
        wall = time.monotonic() - started
    assert statuses == [200] * 10
    assert wall < 1.0  # one after the other would take 2 s
