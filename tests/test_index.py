"""The knowledge index: build, reopen, incremental updates, damage, the real model and a real Chroma server."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from drafter.core.errors import IndexError_
from drafter.knowledge.embeddings import HashEmbedding
from drafter.knowledge.index import build_index
from drafter.knowledge.retrieve import Retriever
from drafter.knowledge.store import FORMAT_VERSION, IndexStore, jieba_tokenizer


def built(settings, embedding):
    return build_index(settings, embedding), IndexStore(settings, embedding)


def test_first_build_embeds_everything_and_writes_a_manifest(kb_settings, fake_embedding):
    stats, store = built(kb_settings, fake_embedding)
    assert (stats.files, stats.changed, stats.embedded) == (3, 3, stats.passages)
    assert stats.passages >= 12
    manifest = store.read_manifest()
    assert manifest["format_version"] == FORMAT_VERSION
    assert manifest["embedding"] == "drafter-hash-bigram"
    assert set(manifest["files"]) == {"reports/yangquan.md", "reports/anyue.md", "policies/framework.md"}
    assert store.collection().count() == stats.passages


class CountingEmbedding(HashEmbedding):
    def __init__(self, **config) -> None:
        super().__init__(**config)
        self.texts = 0

    def __call__(self, input):
        self.texts += len(input)
        return super().__call__(input)


def test_unchanged_files_are_not_embedded_again(kb_settings):
    counting = CountingEmbedding()
    first = build_index(kb_settings, counting)
    assert counting.texts == first.passages
    again = build_index(kb_settings, counting)
    assert (again.changed, again.embedded, again.passages, counting.texts) == (
        0,
        0,
        first.passages,
        first.passages,
    )


def test_a_changed_file_is_embedded_alone(kb_settings, fake_embedding):
    first, store = built(kb_settings, fake_embedding)
    path = Path(kb_settings.knowledge_dir) / "reports" / "anyue.md"
    path.write_text(
        path.read_text(encoding="utf-8") + "\n（4）新增段落。控辍保学成效明显，辍学率为零。\n",
        encoding="utf-8",
    )
    stats = build_index(kb_settings, fake_embedding)
    anyue = [p for p in store.read_chunks()[0] if p.source == "reports/anyue.md"]
    assert stats.changed == 1 and stats.embedded == len(anyue) < first.passages
    assert store.collection().count() == stats.passages
    assert any("辍学率为零" in p.text for p in anyue)


def test_a_removed_file_leaves_the_index(kb_settings, fake_embedding):
    _, store = built(kb_settings, fake_embedding)
    (Path(kb_settings.knowledge_dir) / "policies" / "framework.md").unlink()
    stats = build_index(kb_settings, fake_embedding)
    assert (stats.removed, stats.files, stats.embedded) == (1, 2, 0)
    assert store.collection().get(where={"source": "policies/framework.md"})["ids"] == []
    assert store.collection().count() == stats.passages


def test_rebuild_embeds_everything(kb_settings, fake_embedding):
    first, _ = built(kb_settings, fake_embedding)
    stats = build_index(kb_settings, fake_embedding, rebuild=True)
    assert stats.embedded == stats.passages == first.passages


def test_reopening_uses_the_registered_function_not_chromas_default(kb_settings, fake_embedding, monkeypatch):
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    built(kb_settings, fake_embedding)
    monkeypatch.setattr(socket.socket, "connect", lambda *a, **k: (_ for _ in ()).throw(OSError("offline")))
    client = chromadb.PersistentClient(
        path=str(kb_settings.index_dir), settings=ChromaSettings(anonymized_telemetry=False)
    )
    collection = client.get_collection("knowledge")  # no embedding function given
    assert collection.configuration_json["embedding_function"]["name"] == "drafter-hash-bigram"
    by_text = collection.query(query_texts=["毛入园率"], n_results=3)["ids"][0]
    by_vector = collection.query(query_embeddings=fake_embedding(["毛入园率"]), n_results=3)["ids"][0]
    assert by_text == by_vector


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda m: "{not json", "corrupt"),
        (lambda m: json.dumps({**json.loads(m), "format_version": 999}), "another version"),
        (lambda m: json.dumps({**json.loads(m), "embedding": "drafter-use-multilingual"}), "another version"),
        (lambda m: json.dumps({"files": {}}), "corrupt"),
    ],
)
def test_a_damaged_or_foreign_index_asks_for_a_rebuild(kb_settings, fake_embedding, damage, message):
    _, store = built(kb_settings, fake_embedding)
    store.manifest_path.write_text(damage(store.manifest_path.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(IndexError_) as err:
        build_index(kb_settings, fake_embedding)
    assert message in err.value.message and "drafter kb build --rebuild" in err.value.hint
    assert build_index(kb_settings, fake_embedding, rebuild=True).embedded > 0


def test_a_damaged_chunk_file_asks_for_a_rebuild(kb_settings, fake_embedding):
    _, store = built(kb_settings, fake_embedding)
    (store.dir / "chunks.json").write_text("[{]", encoding="utf-8")
    with pytest.raises(IndexError_, match="corrupt"):
        Retriever(kb_settings, fake_embedding)


def test_a_damaged_chroma_store_is_rebuilt(kb_settings, fake_embedding):
    from chromadb.api.shared_system_client import SharedSystemClient

    _, store = built(kb_settings, fake_embedding)
    SharedSystemClient.clear_system_cache()
    (store.dir / "chroma.sqlite3").write_bytes(b"this is not a database" * 100)
    with pytest.raises(IndexError_) as err:
        build_index(kb_settings, fake_embedding)
    assert "--rebuild" in err.value.hint
    stats = build_index(kb_settings, fake_embedding, rebuild=True)
    assert IndexStore(kb_settings, fake_embedding).collection().count() == stats.passages


def test_jieba_keeps_domain_words_whole(kb_settings):
    tokenize = jieba_tokenizer(kb_settings)
    for word in ("毛入园率", "控辍保学", "两个只增不减", "优质均衡"):
        assert word in tokenize(f"全市{word}情况良好")
    assert "的" not in tokenize("义务教育的优质均衡")


# ------------------------------------------------------------------ the real model (a few texts)
def test_the_packaged_use_model_embeds_chinese():
    from drafter.knowledge.embeddings import UseEmbedding

    embed = UseEmbedding()
    vectors = np.array(embed(["适龄儿童入园比例", "幼儿园入园率", "校园安全"]))
    assert vectors.shape == (3, 512)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-3)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.2
    assert UseEmbedding.build_from_config(embed.get_config()).get_config() == embed.get_config()


# ------------------------------------------------------------------ a real Chroma server
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def chroma_server(tmp_path):
    exe = Path(sys.executable).parent / "chroma"
    if not exe.exists():
        pytest.skip("the chroma command is not installed")
    port = _free_port()
    env = {**os.environ, "ANONYMIZED_TELEMETRY": "False"}
    proc = subprocess.Popen(
        [str(exe), "run", "--path", str(tmp_path / "server"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    try:
        if not _wait_for_heartbeat(port, proc):
            pytest.skip("the chroma server did not start")
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def _wait_for_heartbeat(port: int, proc: subprocess.Popen, seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=1):
                return True
        except OSError:
            time.sleep(0.2)
    return False


def test_build_and_search_against_a_chroma_server(kb_settings, fake_embedding, chroma_server):
    local = build_index(kb_settings, fake_embedding)
    settings = replace(kb_settings, chroma_url=chroma_server)
    with pytest.raises(IndexError_, match="built for the local store"):
        Retriever(settings, fake_embedding)
    stats = build_index(settings, fake_embedding)
    assert stats.embedded == stats.passages == local.passages  # a local build does not count for the server
    assert build_index(settings, fake_embedding).embedded == 0
    hits = Retriever(settings, fake_embedding).search("控辍保学", k=3)
    assert stats.passages > 10 and "控辍保学" in hits[0].text
    server = IndexStore(settings, fake_embedding).client()
    assert server.get_collection("knowledge").count() == stats.passages  # the vectors live on the server


def test_an_unreachable_chroma_server_is_one_clear_error(kb_settings, fake_embedding):
    settings = replace(kb_settings, chroma_url=f"http://127.0.0.1:{_free_port()}")
    with pytest.raises(IndexError_) as err:
        build_index(settings, fake_embedding)
    assert "cannot reach the Chroma server" in err.value.message and "DRAFTER_CHROMA_URL" in err.value.hint
