"""What every scorer takes (a `Subject`: one draft with its source data) and returns (a `Score`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from drafter.core.types import CheckReport, Draft, SourceData
from drafter.evaluation.config import EvalConfig
from drafter.evaluation.dataset import Expect


@dataclass(frozen=True)
class Issue:
    """One thing a scorer holds against a draft."""

    message: str
    section: str = ""  # section id, "" for the whole draft
    text: str = ""  # the offending text
    source: str = ""  # where it came from (a knowledge file, a metric ref …)


@dataclass(frozen=True)
class Score:
    scorer: str
    value: float  # 0..1, higher is better; what `compare` diffs
    passed: bool  # the scorer's own pass mark (the offline gate asserts it)
    details: Mapping[str, Any] = field(default_factory=dict)  # numbers shown in tables
    issues: tuple[Issue, ...] = ()
    sections: Mapping[str, float] = field(default_factory=dict)  # per-section value where it makes sense

    def to_dict(self) -> dict[str, Any]:
        return {
            "value": round(self.value, 4),
            "passed": self.passed,
            "details": dict(self.details),
            "issues": [vars(i) for i in self.issues],
            "sections": dict(self.sections),
        }


def score_from_dict(scorer: str, raw: Mapping[str, Any]) -> Score:
    issues = tuple(Issue(**i) for i in raw.get("issues", ()))
    return Score(
        scorer,
        float(raw["value"]),
        bool(raw["passed"]),
        dict(raw.get("details", {})),
        issues,
        dict(raw.get("sections", {})),
    )


@dataclass(frozen=True)
class Line:
    """One printed line of a draft: a heading or a paragraph, with the section it belongs to."""

    section: str
    kind: str
    text: str
    heading: bool = False


def draft_lines(draft: Draft) -> tuple[Line, ...]:
    """The draft as printed: each numbered section's heading, then its paragraphs."""
    lines: list[Line] = []
    for section in draft.sections:
        spec = section.spec
        if spec.depth and spec.heading:
            lines.append(Line(spec.id, spec.kind, spec.numbered_heading, heading=True))
        lines += [Line(spec.id, spec.kind, p) for p in section.paragraphs]
    return tuple(lines)


@dataclass(frozen=True)
class Subject:
    """One draft to score and everything a scorer may compare it with."""

    draft: Draft
    config: EvalConfig = field(default_factory=EvalConfig)
    source: SourceData | None = None
    check: CheckReport | None = None
    expect: Expect = field(default_factory=Expect)
    reference: str = ""
    knowledge: Any = None  # evaluation.knowledge.Knowledge (leakage)
    taxonomy: Any = None  # drafter.core.taxonomy.Taxonomy (structure, coverage)
    markdown: str = ""  # the draft.md the checker read: its findings' offsets point into it

    @cached_property
    def lines(self) -> tuple[Line, ...]:
        return draft_lines(self.draft)

    @cached_property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    def section_texts(self) -> dict[str, str]:
        texts: dict[str, list[str]] = {}
        for line in self.lines:
            texts.setdefault(line.section, []).append(line.text)
        return {k: "\n".join(v) for k, v in texts.items()}


def share(part: int, whole: int) -> float:
    """part/whole, 1.0 when there is nothing to count."""
    return part / whole if whole else 1.0
