"""Model backends: every backend fills the one `Backend.complete(request)` shape of base.py."""

from __future__ import annotations

from typing import TYPE_CHECKING

from drafter.core.errors import ConfigError

if TYPE_CHECKING:
    from drafter.core.config import Settings
    from drafter.drafting.backends.base import Backend

BACKENDS = ("offline", "openai")


def make_backend(settings: Settings) -> Backend:
    """The backend `settings.backend` names; heavy vendor imports happen only for the one chosen."""
    if settings.backend == "offline":
        from drafter.drafting.backends.offline import OfflineBackend

        return OfflineBackend(settings)
    if settings.backend == "openai":
        from drafter.drafting.backends.openai import OpenAIBackend

        return OpenAIBackend(settings)
    raise ConfigError(
        f"未知后端 / unknown backend {settings.backend!r}",
        hint="请用 --backend offline 或 --backend openai / use --backend offline or --backend openai",
    )
