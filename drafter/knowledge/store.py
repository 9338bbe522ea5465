"""Where the knowledge index lives: one Chroma collection (vectors) plus a manifest and a chunk/token file
beside it, and the jieba tokenizer whose tokens feed BM25 at build and at search time.

Chroma types stay inside this module; callers get `Passage`s, ids and scores. `knowledge.index` builds it.
"""

from __future__ import annotations

import json
import logging
import re
import shutil
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from drafter.core.config import Settings
from drafter.core.errors import IndexError_
from drafter.core.files import write_json_atomic
from drafter.core.types import Passage

FORMAT_VERSION = 1
COLLECTION = "knowledge"
MANIFEST, CHUNKS = "manifest.json", "chunks.json"
REBUILD = "请运行 / run `drafter kb build --rebuild`"
# words jieba must keep whole (the taxonomy's keywords are added at build time too)
_DOMAIN = (
    "毛入园率 控辍保学 两个只增不减 优质均衡 普惠性 大班额 双减 生均 公用经费 一般公共预算 教育督导 责任督学 "
    "县管校聘 课后服务 校外培训 随迁子女 普惠性幼儿园 公办园 巩固率 毛入学率 特殊教育 平安校园 立德树人 五育并举 义务教育"
)
_STOP = "的 了 和 与 及 在 是 对 为 等 将 把 被 以 于 并 或 其 之 也 都 而 我 我市 我县 我省 全市 全县 进一步"
DOMAIN_WORDS, STOPWORDS = tuple(_DOMAIN.split()), frozenset(_STOP.split())
_WORD = re.compile(r"[\w]")
_jieba_words: set[str] = set()  # jieba's dictionary is one per process: words added so far


def jieba_tokenizer(settings: Settings, extra_words: tuple[str, ...] = ()) -> Callable[[str], list[str]]:
    """A quiet jieba with the domain words added; its dictionary cache lives under settings.cache_dir."""
    import jieba

    if not _jieba_words:  # the first use loads (or caches) the dictionary
        jieba.setLogLevel(logging.WARNING)
        Path(settings.cache_dir).mkdir(parents=True, exist_ok=True)
        jieba.dt.tmp_dir = str(settings.cache_dir)
    for word in sorted({*DOMAIN_WORDS, *extra_words} - _jieba_words):
        jieba.add_word(word, freq=20000)
        _jieba_words.add(word)

    def tokenize(text: str) -> list[str]:
        return [
            t
            for t in (w.strip().lower() for w in jieba.lcut_for_search(text))
            if t and _WORD.match(t) and t not in STOPWORDS
        ]

    return tokenize


class IndexStore:
    """One Chroma collection + manifest + chunk/token file in settings.index_dir."""

    def __init__(self, settings: Settings, embedding_fn: Any) -> None:
        self.settings = settings
        self.embedding_fn = embedding_fn
        self.dir = Path(settings.index_dir)
        self._client: Any = None
        self._collection: Any = None

    # ------------------------------------------------------------ files beside the store
    @property
    def manifest_path(self) -> Path:
        return self.dir / MANIFEST

    def exists(self) -> bool:
        return self.manifest_path.is_file()

    def read_manifest(self) -> dict[str, Any]:
        """The manifest, checked against this version and embedding model; IndexError_ when it does not fit."""
        try:
            data = json.loads(self.manifest_path.read_text(encoding="utf-8"))
            version, model = data["format_version"], data["embedding"]
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise IndexError_(
                f"知识库索引已损坏 / the knowledge index at {self.dir} is corrupt ({exc})", hint=REBUILD
            ) from exc
        if version != FORMAT_VERSION or model != self.embedding_fn.name():
            raise IndexError_(
                f"知识库索引由其他版本建立 / the knowledge index at {self.dir} was built by another version "
                f"(format {version}, embeddings {model})",
                hint=REBUILD,
            )
        return data

    def read_chunks(self) -> tuple[tuple[Passage, ...], list[list[str]]]:
        try:
            rows = json.loads((self.dir / CHUNKS).read_text(encoding="utf-8"))
            return tuple(Passage(**r["passage"]) for r in rows), [r["tokens"] for r in rows]
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise IndexError_(
                f"知识库索引的分块文件已损坏 / the chunk file of the knowledge index is corrupt ({exc})",
                hint=REBUILD,
            ) from exc

    def write(self, manifest: dict[str, Any], passages: list[Passage], tokens: list[list[str]]) -> None:
        rows = [{"passage": asdict(p), "tokens": t} for p, t in zip(passages, tokens, strict=True)]
        write_json_atomic(self.dir / CHUNKS, rows)
        write_json_atomic(self.manifest_path, manifest)

    def wipe(self) -> None:
        """Forget everything: the collection (on a server) or the whole local index folder."""
        if self.settings.chroma_url:
            self.delete_collection()
            for name in (MANIFEST, CHUNKS):
                (self.dir / name).unlink(missing_ok=True)
            return
        self._client = self._collection = None
        from chromadb.api.shared_system_client import SharedSystemClient

        SharedSystemClient.clear_system_cache()
        shutil.rmtree(self.dir, ignore_errors=True)

    # ------------------------------------------------------------ chroma
    def client(self) -> Any:
        if self._client is None:
            self._client = self._connect()
        return self._client

    def _connect(self) -> Any:
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        chroma_settings = ChromaSettings(anonymized_telemetry=False)
        url = self.settings.chroma_url
        if url:
            return _http_client(url, chroma_settings)
        try:
            self.dir.mkdir(parents=True, exist_ok=True)
            return chromadb.PersistentClient(path=str(self.dir), settings=chroma_settings)
        except Exception as exc:  # chromadb raises many kinds on a damaged store
            raise IndexError_(
                f"无法打开知识库索引 / cannot open the knowledge index at {self.dir} ({exc})", hint=REBUILD
            ) from exc

    def collection(self, create: bool = False) -> Any:
        """The collection, opened once (create=True always asks the store: it may have been deleted)."""
        if self._collection is not None and not create:
            return self._collection
        client = self.client()
        try:
            get = client.get_or_create_collection if create else client.get_collection
            self._collection = get(COLLECTION, embedding_function=self.embedding_fn)
            return self._collection
        except Exception as exc:
            if not create and "does not exist" in str(exc):
                raise IndexError_(
                    "知识库索引尚未建立 / the knowledge index has no collection yet",
                    hint="请运行 / run `drafter kb build`",
                ) from exc
            raise IndexError_(
                f"无法打开知识库索引 / the knowledge index cannot be opened ({exc})", hint=REBUILD
            ) from exc

    def delete_collection(self) -> None:
        self._collection = None
        try:
            self.client().delete_collection(COLLECTION)
        except Exception as exc:
            if "does not exist" not in str(exc):
                raise IndexError_(
                    f"无法删除旧索引 / cannot delete the old collection ({exc})", hint=REBUILD
                ) from exc

    def query(self, embedding: Any, n: int, where: dict[str, Any] | None) -> list[tuple[str, float]]:
        """(id, cosine similarity) of the n nearest chunks that match `where`."""
        try:
            res = self.collection().query(
                query_embeddings=[embedding], n_results=n, where=where, include=["distances"]
            )
        except IndexError_:
            raise
        except Exception as exc:
            raise IndexError_(
                f"无法检索知识库索引 / the knowledge index cannot be searched ({exc})", hint=REBUILD
            ) from exc
        return [(i, 1.0 - float(d)) for i, d in zip(res["ids"][0], res["distances"][0], strict=True)]


def _http_client(url: str, chroma_settings: Any) -> Any:
    import chromadb

    parsed = urlparse(url if "://" in url else f"http://{url}")
    try:
        return chromadb.HttpClient(
            host=parsed.hostname or "localhost",
            port=parsed.port or 8000,
            ssl=parsed.scheme == "https",
            settings=chroma_settings,
        )
    except Exception as exc:
        raise IndexError_(
            f"无法连接 Chroma 服务器 / cannot reach the Chroma server at {url} ({exc})",
            hint="请启动它（`chroma run --path DIR --port N`）或取消 DRAFTER_CHROMA_URL / start it or unset DRAFTER_CHROMA_URL",
        ) from exc
