"""The backend an editor picks in a form, under one rule: the server's OPENAI_API_KEY is only ever sent to
the server's configured base URL (OPENAI_BASE_URL, else the OpenAI default).

A base URL typed into the form that is not that address gets no key: a model server on this machine
(127.0.0.1, localhost) is used without one, any other address is refused (400) — otherwise anyone with the
page token could collect the key with a server of their own, or make this server call into the LAN.
"""

from __future__ import annotations

import dataclasses
from typing import Any
from urllib.parse import urlsplit

from drafter.core.config import Settings
from drafter.core.errors import ConfigError
from drafter.drafting.backends.openai import DEFAULT_BASE_URL, is_local

MAX_MODEL = 100
MAX_URL = 300


def endpoint(url: str) -> tuple[str, str, int | None, str]:
    """What identifies an endpoint: scheme, host, port (default filled in) and path without a trailing /."""
    parts = urlsplit(url.strip())
    try:
        port = parts.port or {"http": 80, "https": 443}.get(parts.scheme.lower())
    except ValueError:  # a port that is not a number
        port = -1
    return parts.scheme.lower(), (parts.hostname or "").lower(), port, parts.path.rstrip("/")


def configured_url(server: Settings) -> str:
    return server.base_url or DEFAULT_BASE_URL


def form_settings(server: Settings, form: Any) -> Settings:
    """The settings for one draft or regeneration: the backend, model and base URL chosen in the form."""
    backend = (form.get("backend") or "offline").strip()
    if backend not in ("offline", "openai"):
        raise ConfigError(f"未知后端 / unknown backend {backend[:20]!r}")
    changes: dict[str, Any] = {"backend": backend, "quiet": True}
    model, base_url = (form.get("model") or "").strip(), (form.get("base_url") or "").strip()
    if backend == "openai" and model:
        changes["model"] = model[:MAX_MODEL]
    if backend == "openai" and base_url and endpoint(base_url) != endpoint(configured_url(server)):
        changes.update(base_url=_typed_url(base_url[:MAX_URL], server), api_key="")
    return dataclasses.replace(server, **changes).validated()


def _typed_url(base_url: str, server: Settings) -> str:
    """A base URL other than the configured one: allowed on this machine (without the key), else refused."""
    if not base_url.startswith(("http://", "https://")):
        raise ConfigError("接口地址须以 http:// 或 https:// 开头 / the base URL must start with http(s)://")
    if not is_local(base_url):
        raise ConfigError(
            f"服务器的 API 密钥只发往其配置的接口地址 {configured_url(server)}；其他地址只能是本机（127.0.0.1、"
            "localhost）上无需密钥的模型服务 / the server's API key goes only to its configured base URL; "
            "another address must be a model server on this machine, used without a key",
            hint="清空接口地址以使用服务器配置的接口；或请管理员设置 OPENAI_BASE_URL / leave the field empty, "
            "or ask the administrator to set OPENAI_BASE_URL",
        )
    return base_url
