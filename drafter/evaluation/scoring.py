"""Score one drafted case: build the `Subject` (draft, source, check, knowledge) and run every scorer on it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from drafter.core.errors import DrafterError
from drafter.core.types import CheckReport, Draft
from drafter.evaluation.config import EvalConfig
from drafter.evaluation.dataset import Case
from drafter.evaluation.scorers import CROSS, DETERMINISTIC, judge
from drafter.evaluation.scorers.base import Issue, Score, Subject
from drafter.export.markdown import render_markdown
from drafter.outdir.outputs import check_markdown
from drafter.outdir.store import load_draft
from drafter.source.load import load_source


@dataclass(frozen=True)
class Scoring:
    """What every case is scored with; loaded once per run."""

    config: EvalConfig
    knowledge: Any  # evaluation.knowledge.Knowledge
    taxonomy: Any  # drafter.core.taxonomy.Taxonomy
    prompts: Any = None  # drafter.drafting.prompts.Prompts, for the judge

    def names(self, judge: bool = False) -> tuple[str, ...]:
        return (*DETERMINISTIC, *CROSS, *(("judge",) if judge else ()))


def _check(markdown: str, source: Any) -> CheckReport:
    return check_markdown(markdown, source)


def load_subject(scoring: Scoring, case: Case, directory: Path, outcome: Any) -> Subject:
    """The subject from a fresh DraftOutcome, or from the cached draft in the case directory."""

    source = load_source(case.metrics_path, scoring.taxonomy)
    draft = outcome.draft if outcome is not None else load_draft(directory)
    markdown = render_markdown(draft)
    check = outcome.check if outcome is not None else _check(markdown, source)
    return Subject(
        draft=draft,
        config=scoring.config,
        source=source,
        check=check,
        expect=case.expect,
        reference=case.reference,
        knowledge=scoring.knowledge,
        taxonomy=scoring.taxonomy,
        markdown=markdown,
    )


def judge_score(subject: Subject, backend: Any, prompts: Any) -> Score:
    try:
        return judge.score(subject, backend, prompts)
    except DrafterError as exc:
        return Score(judge.NAME, 0.0, False, {"error": exc.message}, (Issue(f"judge failed: {exc.message}"),))


def case_sections(scores: dict[str, Score], draft: Draft) -> dict[str, dict[str, Any]]:
    """Per section, per scorer: its value where the scorer gives one, and how many issues it raised there."""
    out: dict[str, dict[str, Any]] = {}
    for section in draft.sections:
        sid = section.spec.id
        row = {}
        for name, score in scores.items():
            issues = sum(i.section == sid for i in score.issues)
            if sid in score.sections or issues:
                row[name] = {"value": round(score.sections.get(sid, 1.0), 4), "issues": issues}
        if row:
            out[sid] = row
    return out


def score_case(
    scoring: Scoring, case: Case, directory: Path, outcome: Any, judge_backend: Any = None
) -> dict[str, Any]:
    subject = load_subject(scoring, case, directory, outcome)
    scores = {name: scorer(subject) for name, scorer in DETERMINISTIC.items()}
    if judge_backend is not None:
        scores["judge"] = judge_score(subject, judge_backend, scoring.prompts)
    failed = [s.spec.id for s in subject.draft.sections if s.status == "failed"]
    return {
        "status": "ok",
        "error": "",
        "failed_sections": failed,
        "scores": {name: s.to_dict() for name, s in scores.items()},
        "sections": case_sections(scores, subject.draft),
    }
