"""One exception tree. A DrafterError is a user-facing problem: the CLI prints it and exits 2."""

from __future__ import annotations

from drafter.core.secrets import redact


class DrafterError(Exception):
    """Base of every error Drafter raises on purpose."""

    exit_code = 2
    kind = "error"  # a stable name for the kind of problem, recorded where the error itself cannot travel

    def __init__(self, message: str, *, hint: str = "") -> None:
        message, hint = redact(message), redact(hint)  # an echoed API key never reaches a screen or file
        super().__init__(message)
        self.message = message
        self.hint = hint

    def render(self) -> str:
        """One or two lines: what is wrong, then how to fix it."""
        return f"{self.message}\n  → {self.hint}" if self.hint else self.message


class InputError(DrafterError):
    """A user's file or argument is wrong: names the file, the key path and the fix."""

    kind = "input"

    def __init__(self, message: str, *, path: str = "", key: str = "", hint: str = "") -> None:
        where = ": ".join(p for p in (path, key) if p)
        super().__init__(f"{where}: {message}" if where else message, hint=hint)
        self.path = path
        self.key = key


class ConfigError(DrafterError):
    """Settings, environment or flags that cannot work together."""

    kind = "config"


class IndexError_(DrafterError):  # noqa: N801 - trailing underscore avoids shadowing the builtin
    """The knowledge index is missing, corrupt or built by another version."""

    kind = "index"


class PromptError(DrafterError):
    """A prompt template is missing, broken, or cannot fit the model's context."""

    kind = "prompt"


class BackendError(DrafterError):
    """A model backend failed."""

    kind = "backend"


class BackendUnavailable(BackendError):
    """The endpoint cannot be reached, rejects the key or the model name."""

    kind = "unavailable"


class BadCompletion(BackendError):
    """The model answered, but the answer is empty, garbled or breaks the slot rules."""

    kind = "bad_reply"


class ModelFailed(BackendError):
    """The model drafted none of the sections it was asked for (every one failed for a model reason)."""

    exit_code = 3
    kind = "model_failed"


class ContextTooLong(BadCompletion):
    """The server says the prompt is longer than the model's context window."""

    kind = "context"


MODEL_ERROR_KINDS = frozenset(
    {"backend", "unavailable", "bad_reply", "context"}
)  # a failure of the model path


class Interrupted(BaseException):
    """Ctrl-C (SIGINT, exit 130) or SIGTERM (exit 143): stop now, keep what is finished, say so."""

    def __init__(self, signum: int, kept: str = "") -> None:
        super().__init__(signum)
        self.signum = signum
        self.kept = kept  # what was kept and how to resume, filled in by whoever knows

    @property
    def exit_code(self) -> int:
        return 128 + self.signum
