"""The edits a carried text is made of, the new figure behind one, and how edits are applied to a text."""

from __future__ import annotations

from dataclasses import dataclass

from drafter.carry.types import ChangeKind, ChangeStatus


@dataclass(frozen=True)
class Edit:
    start: int
    end: int
    old: str
    new: str
    status: ChangeStatus
    kind: ChangeKind = "figure"
    source: str = ""
    reason: str = ""


@dataclass(frozen=True)
class NewFigure:
    value: float
    unit: str
    source: str
    status: ChangeStatus
    old_years: tuple[int, ...]
    signed: bool = False  # a change or a gap: its sign decides the words (增长/下降, 超出/低于)
    decimals: int | None = (
        None  # the project's own precision for its kind (growth: 2), None: last year's shown
    )


def apply(text: str, edits: list[Edit]) -> tuple[str, list[int]]:
    """The text with every edit made, and where each edit's new text starts in it (a kept one: where it stays)."""
    out, starts, last, shift = [], [], 0, 0
    for e in edits:
        out.append(text[last : e.start])
        starts.append(e.start + shift)
        out.append(e.new)
        shift += len(e.new) - (e.end - e.start)
        last = e.end
    out.append(text[last:])
    return "".join(out), starts
