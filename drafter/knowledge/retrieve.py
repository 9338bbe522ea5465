"""Hybrid retrieval over the knowledge index: jieba BM25 + vectors, fused by reciprocal rank (k=60).

Modes: `hybrid` (RRF, the default), `convex` (min-max normalised scores added, BM25 weighted
`BM25_WEIGHT`; kept for comparison in bench/retrieval.py), `vector` and `bm25` alone.
"""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path
from typing import Any, Literal

import numpy as np

from drafter.core.config import Settings
from drafter.core.errors import IndexError_, InputError
from drafter.core.types import Passage
from drafter.knowledge.embeddings import DEFAULT_MODEL, embedding_by_name, make_embedding_function
from drafter.knowledge.store import REBUILD, IndexStore, jieba_tokenizer

Mode = Literal["hybrid", "convex", "vector", "bm25"]
MODES: tuple[str, ...] = ("hybrid", "convex", "vector", "bm25")
RRF_K = 60
POOL = 50  # candidates each side contributes before fusion
BM25_WEIGHT = 0.5  # share of the normalised BM25 score in `convex`


def embedding_for(settings: Settings) -> Any:
    """The embedding function to build with: Settings.embedding (when the field exists), DRAFTER_EMBEDDING, or the default."""

    return make_embedding_function(
        getattr(settings, "embedding", "") or os.environ.get("DRAFTER_EMBEDDING", "") or DEFAULT_MODEL
    )


def _embedding_of_index(store: IndexStore) -> Any:
    """The function the index was built with, so a search embeds queries the same way."""

    try:
        name = json.loads(store.manifest_path.read_text(encoding="utf-8"))["embedding"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise IndexError_(
            f"知识库索引已损坏 / the knowledge index at {store.dir} is corrupt ({exc})", hint=REBUILD
        ) from exc
    function = embedding_by_name(name)
    if function is None:
        raise IndexError_(
            f"知识库索引所用的向量模型未知 / the knowledge index was built with unknown embeddings {name!r}",
            hint=REBUILD,
        )
    return function


def rrf(*rankings: list[str], k: int = RRF_K) -> list[tuple[str, float]]:
    """Reciprocal rank fusion: sum of 1/(k + rank) over the rankings an id appears in, best first."""
    scores: dict[str, float] = {}
    for ranking in rankings:
        for rank, pid in enumerate(ranking, 1):
            scores[pid] = scores.get(pid, 0.0) + 1.0 / (k + rank)
    return sorted(scores.items(), key=lambda item: (-item[1], item[0]))


def convex(
    lexical: list[tuple[str, float]], dense: list[tuple[str, float]], weight: float = BM25_WEIGHT
) -> list[tuple[str, float]]:
    """weight × minmax(BM25) + (1 − weight) × minmax(cosine), over the union of both candidate lists."""
    lex, vec = _minmax(lexical), _minmax(dense)
    scores = {i: weight * lex.get(i, 0.0) + (1 - weight) * vec.get(i, 0.0) for i in {*lex, *vec}}
    return sorted(scores.items(), key=lambda item: (-item[1], item[0]))


def _minmax(ranking: list[tuple[str, float]]) -> dict[str, float]:
    if not ranking:
        return {}
    low, high = min(s for _, s in ranking), max(s for _, s in ranking)
    return {i: (s - low) / (high - low) if high > low else 1.0 for i, s in ranking}


class Retriever:
    """Opens a built index once; `search` answers in a few milliseconds after that."""

    def __init__(self, settings: Settings, embedding_fn: Any = None) -> None:
        self.settings = settings
        self.store = IndexStore(settings, embedding_fn)
        if not self.store.exists():
            raise IndexError_(
                f"还没有知识库索引 / no knowledge index at {settings.index_dir} yet",
                hint="请先运行 / run `drafter kb build`",
            )
        self.embedding_fn = self.store.embedding_fn = embedding_fn or _embedding_of_index(self.store)
        manifest = self.store.read_manifest()
        if manifest.get("chroma_url", "") != settings.chroma_url:
            where = manifest.get("chroma_url") or "the local store"
            raise IndexError_(
                f"知识库索引是为另一个位置建立的 / the knowledge index at {settings.index_dir} was built for {where}",
                hint="请用检索时的 DRAFTER_CHROMA_URL 运行 / run `drafter kb build` with the DRAFTER_CHROMA_URL you search with",
            )
        self.passages, tokens = self.store.read_chunks()
        self.by_id = {p.id: p for p in self.passages}
        self.tokenize = jieba_tokenizer(settings, tuple(manifest.get("jieba_words") or ()))
        self.bm25 = _bm25(tokens)
        self.store.collection()  # fail now, not on the first query, when the store is gone

    def search(
        self,
        query: str,
        k: int = 5,
        indicator: str | None = None,
        level: str | None = None,
        year: int | None = None,
        mode: Mode = "hybrid",
    ) -> tuple[Passage, ...]:
        """The k best passages for `query` that match the filters, each with its score."""
        query = (query or "").strip()
        if not query:
            raise InputError(
                "检索词为空 / the query is empty",
                key="QUERY",
                hint="请给出几个词，例如 / give a few words, e.g. 学前三年毛入园率",
            )
        if k < 1:
            raise InputError(f"-k 至少为 1 / k must be at least 1, not {k}", key="-k")
        filters = {key: v for key, v in (("indicator", indicator), ("level", level), ("year", year)) if v}
        pool = max(POOL, 2 * k)
        if mode not in MODES:
            raise InputError(
                f"未知检索方式 / unknown mode {mode!r}",
                key="--mode",
                hint=f"请用 / use one of {', '.join(MODES)}",
            )
        lexical = self._bm25_ranking(query, filters, pool) if mode != "vector" else []
        dense = self._vector_ranking(query, filters, pool) if mode != "bm25" else []
        if mode == "hybrid":
            ranked = rrf([i for i, _ in lexical], [i for i, _ in dense])
        elif mode == "convex":
            ranked = convex(lexical, dense)
        else:
            ranked = lexical or dense
        return tuple(replace(self.by_id[i], score=round(s, 6)) for i, s in ranked[:k] if i in self.by_id)

    def _bm25_ranking(self, query: str, filters: dict[str, Any], n: int) -> list[tuple[str, float]]:
        if self.bm25 is None:
            return []
        vocab = self.bm25.vocab_dict
        words = [t for t in self.tokenize(query) if t in vocab]
        if not words:
            return []
        scores = self.bm25.get_scores(words)
        order = np.argsort(-scores, kind="stable")
        hits = [(self.passages[i], float(scores[i])) for i in order if scores[i] > 0]
        return [(p.id, s) for p, s in hits if _matches(p, filters)][:n]

    def _vector_ranking(self, query: str, filters: dict[str, Any], n: int) -> list[tuple[str, float]]:
        embedding = self.embedding_fn.embed_query([query])[0]
        return self.store.query(embedding, min(n, len(self.passages)) or 1, _where(filters))


def _matches(p: Passage, filters: dict[str, Any]) -> bool:
    return all(getattr(p, key) == value for key, value in filters.items())


def _where(filters: dict[str, Any]) -> dict[str, Any] | None:
    clauses = [{key: value} for key, value in filters.items()]
    if not clauses:
        return None
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}


def _bm25(tokens: list[list[str]]) -> Any:
    import bm25s

    if not any(tokens):
        return None
    index = bm25s.BM25()
    index.index([t or [""] for t in tokens], show_progress=False)
    return index


def open_retriever(settings: Settings) -> tuple[Retriever | None, str]:
    """The knowledge index when it is built, else None and why; drafting goes on without exemplars."""
    if (
        not settings.chroma_url and not Path(settings.index_dir).exists()
    ):  # skip importing chromadb for nothing
        return None, f"no exemplars: no knowledge index at {settings.index_dir} (run `drafter kb build`)"
    try:
        return Retriever(settings), ""
    except IndexError_ as exc:
        return None, f"no exemplars: {exc.message}"
