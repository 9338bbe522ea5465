"""The backend protocol: a section request in, a completion (text with [[slots]]) out."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from drafter.core.types import Passage, SectionSpec, Slot, SourceData


@dataclass(frozen=True)
class Message:
    role: str  # system | user | assistant
    content: str


@dataclass(frozen=True)
class SectionRequest:
    """Everything a backend may use to write one section.

    A model backend sends `messages` (the rendered prompt). The offline backend writes from the
    structured fields instead. Either way the reply uses [[slot]] names for figures and code fills them.
    """

    spec: SectionSpec
    messages: tuple[Message, ...]
    source: SourceData
    slots: tuple[Slot, ...] = ()
    exemplars: tuple[Passage, ...] = ()
    instructions: str = ""  # an editor's instructions when one section is drafted again


@dataclass(frozen=True)
class Completion:
    text: str
    model: str = ""
    tokens_in: int = 0
    tokens_out: int = 0
    seconds: float = 0.0


class Backend(Protocol):
    name: str
    model: str

    def complete(self, request: SectionRequest) -> Completion:
        """Write one section. Raises BackendUnavailable or BadCompletion (drafter.core.errors) on failure."""
        ...
