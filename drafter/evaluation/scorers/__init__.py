"""The scorers: one module each, `score(subject) -> Score`; the judge also needs a backend and prompts."""

from __future__ import annotations

from collections.abc import Callable

from drafter.evaluation.scorers import (
    anachronism,
    claims,
    coverage,
    figures,
    header,
    leakage,
    placeholders,
    repetition,
    sameness,
    structure,
    style,
)
from drafter.evaluation.scorers.base import Issue, Score, Subject

DETERMINISTIC: dict[str, Callable[[Subject], Score]] = {
    figures.NAME: figures.score,
    coverage.NAME: coverage.score,
    structure.NAME: structure.score,
    leakage.NAME: leakage.score,
    placeholders.NAME: placeholders.score,
    style.NAME: style.score,
    claims.NAME: claims.score,
    anachronism.NAME: anachronism.score,
    repetition.NAME: repetition.score,
    header.NAME: header.score,
}
CROSS = (sameness.NAME,)  # scored across all cases after the run (evaluation/runner.py)
# must pass for the offline writer
GATED = (
    "figures",
    "claims",
    "coverage",
    "structure",
    "leakage",
    "placeholders",
    "anachronism",
    "repetition",
    "header",
    "sameness",
)
ALL = (*DETERMINISTIC, *CROSS, "judge")

__all__ = ["ALL", "CROSS", "DETERMINISTIC", "GATED", "Issue", "Score", "Subject", "score_all"]


def score_all(subject: Subject) -> dict[str, Score]:
    return {name: scorer(subject) for name, scorer in DETERMINISTIC.items()}
