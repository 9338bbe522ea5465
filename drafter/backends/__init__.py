"""Model backends: every backend fills the one `Backend.complete(request)` shape of base.py."""

from __future__ import annotations

from typing import TYPE_CHECKING

from drafter.errors import ConfigError

if TYPE_CHECKING:
    from drafter.backends.base import Backend
    from drafter.config import Settings

BACKENDS = ("offline", "openai")


def make_backend(settings: Settings) -> Backend:
    """The backend `settings.backend` names; heavy vendor imports happen only for the one chosen."""
    if settings.backend == "offline":
        from drafter.backends.offline import OfflineBackend

        return OfflineBackend(settings)
    if settings.backend == "openai":
        from drafter.backends.openai import OpenAIBackend

        return OpenAIBackend(settings)
    raise ConfigError(
        f"unknown backend {settings.backend!r}", hint="use --backend offline or --backend openai"
    )
