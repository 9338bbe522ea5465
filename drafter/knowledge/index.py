"""The knowledge index, built incrementally from knowledge/: only new or changed files are embedded, and a
manifest (format version, embedding model, file hashes) says what the last build saw.

The store itself (Chroma collection, manifest, chunk file, jieba tokenizer) is `knowledge.store`.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from drafter.core.config import Settings
from drafter.core.errors import IndexError_
from drafter.core.types import Passage
from drafter.knowledge.corpus import knowledge_files, load_file, taxonomy_for
from drafter.knowledge.store import FORMAT_VERSION, REBUILD, IndexStore, jieba_tokenizer


def taxonomy_words(knowledge_dir: Path) -> tuple[str, ...]:
    tax = taxonomy_for(knowledge_dir)
    return tuple(w for i in tax.indicators for w in (i.name, *i.keywords) if 2 <= len(w) <= 8)


def embed_text(p: Passage) -> str:
    """What the vector side sees: the heading gives a short paragraph its topic."""
    return f"{p.section}\n{p.text}" if p.section else p.text


def _metadata(p: Passage) -> dict[str, Any]:
    return {
        "source": p.source,
        "region": p.region,
        "level": p.level,
        "year": p.year,
        "indicator": p.indicator,
        "section": p.section,
        "quality": p.quality,
    }


def file_hash(path: Path, salt: str) -> str:
    return hashlib.sha256(salt.encode() + Path(path).read_bytes()).hexdigest()


@dataclass(frozen=True)
class BuildStats:
    files: int
    changed: int  # files (re-)embedded
    removed: int  # files gone since the last build
    passages: int
    embedded: int  # passages embedded in this build
    seconds: float


Progress = Callable[[int, int, str], None]  # (files done, files total, current source)


def build_index(
    settings: Settings, embedding_fn: Any, rebuild: bool = False, progress: Progress | None = None
) -> BuildStats:
    """Bring the index up to date with knowledge/; only new or changed files are embedded."""
    started = time.perf_counter()
    knowledge = Path(settings.knowledge_dir)
    files, taxonomy = knowledge_files(knowledge), taxonomy_for(knowledge)
    store = IndexStore(settings, embedding_fn)
    if rebuild:
        store.wipe()
    collection, old = _open_for_update(store)
    salt = f"{FORMAT_VERSION}:{Path(taxonomy.path).read_text(encoding='utf-8')}"
    hashes = {f.relative_to(knowledge).as_posix(): file_hash(f, salt) for f in files}
    kept, passages, tokens = _keep_unchanged(collection, old, hashes)
    new, vectors = _embed_changed(files, knowledge, taxonomy, kept, embedding_fn, progress)
    _add(collection, new, vectors)
    words = taxonomy_words(knowledge)
    tokenize = jieba_tokenizer(settings, words)
    passages += new
    tokens += [tokenize(embed_text(p)) for p in new]
    store.write(_manifest(settings, embedding_fn, hashes, len(passages), words), passages, tokens)
    return BuildStats(
        files=len(files),
        changed=len(files) - len(kept),
        removed=len(set(old[0]) - set(hashes)),
        passages=len(passages),
        embedded=len(new),
        seconds=time.perf_counter() - started,
    )


def _keep_unchanged(
    collection: Any, old: tuple[dict[str, str], tuple[Passage, ...], list[list[str]]], hashes: dict[str, str]
) -> tuple[set[str], list[Passage], list[list[str]]]:
    """The sources whose file is unchanged, with their passages and tokens; the others leave the collection."""
    old_files, old_passages, old_tokens = old
    kept = {p.source for p in old_passages} & {s for s, h in hashes.items() if old_files.get(s) == h}
    for source in set(old_files) - kept:
        collection.delete(where={"source": source})
    passages = [p for p in old_passages if p.source in kept]
    tokens = [t for p, t in zip(old_passages, old_tokens, strict=True) if p.source in kept]
    return kept, passages, tokens


def _manifest(
    settings: Settings, embedding_fn: Any, hashes: dict[str, str], passages: int, words: tuple[str, ...]
) -> dict[str, Any]:
    return {
        "format_version": FORMAT_VERSION,
        "embedding": embedding_fn.name(),
        "files": hashes,
        "passages": passages,
        "chroma_url": settings.chroma_url,
        "jieba_words": list(words),
    }


def _open_for_update(
    store: IndexStore,
) -> tuple[Any, tuple[dict[str, str], tuple[Passage, ...], list[list[str]]]]:
    """The collection and what the last build left; everything is re-embedded when the two disagree."""
    old = _previous(store)
    collection = store.collection(create=True)
    if collection.count() != len(old[1]):
        store.delete_collection()
        collection, old = store.collection(create=True), ({}, (), [])
    return collection, old


def _embed_changed(
    files: tuple[Path, ...],
    knowledge: Path,
    taxonomy: Any,
    kept: set[str],
    embedding_fn: Any,
    progress: Progress | None,
) -> tuple[list[Passage], list[Any]]:
    passages: list[Passage] = []
    vectors: list[Any] = []
    for done, path in enumerate(files, 1):
        source = path.relative_to(knowledge).as_posix()
        if source not in kept:
            new = load_file(path, knowledge, taxonomy)
            passages += new
            vectors += embedding_fn([embed_text(p) for p in new]) if new else []
        if progress:
            progress(done, len(files), source)
    return passages, vectors


def _previous(store: IndexStore) -> tuple[dict[str, str], tuple[Passage, ...], list[list[str]]]:
    if not store.exists():
        return {}, (), []
    manifest = store.read_manifest()
    if manifest.get("chroma_url", "") != store.settings.chroma_url:  # built into another store
        return {}, (), []
    passages, tokens = store.read_chunks()
    return dict(manifest.get("files") or {}), passages, tokens


def _add(collection: Any, passages: list[Passage], vectors: list[Any], batch: int = 1000) -> None:
    try:
        for i in range(0, len(passages), batch):
            part = passages[i : i + batch]
            collection.add(
                ids=[p.id for p in part],
                documents=[p.text for p in part],
                embeddings=vectors[i : i + batch],
                metadatas=[_metadata(p) for p in part],
            )
    except Exception as exc:
        raise IndexError_(
            f"无法写入知识库索引 / cannot write to the knowledge index ({exc})", hint=REBUILD
        ) from exc
