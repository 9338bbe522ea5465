"""judge (optional, LLM): a model scores completeness and register 1–5 with the rubric in prompts/eval/judge.j2.

Runs only when a judge model is configured (eval/config.yaml `judge.model` or `--judge-model`), through
the openai backend; it adds a score and never replaces the deterministic scorers.
value = (completeness + register − 2) / 8, passed when both are at least 3.
"""

from __future__ import annotations

import re
from typing import Any

from drafter.core.types import SectionSpec
from drafter.drafting.backends.base import Message, SectionRequest
from drafter.evaluation.scorers.base import Issue, Score, Subject

NAME = "judge"
TEMPLATE = "eval/judge"
GRADE = re.compile(r"(完整性|语体)\s*[:：]\s*([1-5])")
COMMENT = re.compile(r"评语\s*[:：]\s*(.+)")


def judge_messages(subject: Subject, prompts: Any) -> tuple[Message, ...]:
    r = subject.draft.report
    text = prompts.render(
        TEMPLATE,
        region=r.region,
        level=r.level,
        round=r.round,
        period=r.period,
        draft=subject.text,
        reference=subject.reference[: subject.config.judge.max_reference_chars],
    )
    return (Message("user", text),)


def parse_grades(reply: str) -> tuple[dict[str, int], str]:
    grades = {name: int(n) for name, n in GRADE.findall(reply)}
    comment = COMMENT.search(reply)
    return grades, comment.group(1).strip() if comment else ""


def score(subject: Subject, backend: Any, prompts: Any) -> Score:
    request = SectionRequest(
        spec=SectionSpec(id="judge", kind="judge"),
        messages=judge_messages(subject, prompts),
        source=subject.source,
    )
    completion = backend.complete(request)
    grades, comment = parse_grades(completion.text)
    if set(grades) != {"完整性", "语体"}:
        return Score(
            NAME, 0.0, False, {"reply": completion.text[:200]}, (Issue("the judge's reply has no grades"),)
        )
    completeness, register = grades["完整性"], grades["语体"]
    details = {
        "completeness": completeness,
        "register": register,
        "comment": comment,
        "model": completion.model or getattr(backend, "model", ""),
    }
    issues = (Issue(f"judge: {comment}"),) if comment and min(completeness, register) < 5 else ()
    return Score(NAME, (completeness + register - 2) / 8, min(completeness, register) >= 3, details, issues)
