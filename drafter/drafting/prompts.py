"""Prompt templates: one jinja2 Environment over prompts/, strict about missing templates and variables.

Template names are paths under prompts/ with or without `.j2`: `draft/section` == `draft/section.j2`.
`section_messages` builds the messages of one model call from the shared dataclasses, so every caller
feeds `prompts/draft/system.j2` and `prompts/draft/section.j2` the same inputs.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2

from drafter.core.config import Settings
from drafter.core.errors import PromptError
from drafter.core.types import Passage, ReportInfo, SectionSpec, Slot, SourceData
from drafter.drafting.backends.base import Message
from drafter.drafting.exemplars import scrub
from drafter.drafting.verdicts import judge
from drafter.drafting.views import metric_views, self_reference
from drafter.knowledge.terms import terms_after, timely

SYSTEM = "draft/system"
SECTION = "draft/section"
RETRY = "draft/retry"

SELF_REFERENCE = {"province": "我省", "city": "我市", "county": "我县"}  # how a report names its own region
_UNDEFINED = re.compile(r"'([^']+)' (?:is undefined|has no attribute '([^']+)')")


SHARED_HEAD = 6  # characters two labels must open alike for the second to say only the rest
SHARED_ENDS = ("比例", "比重", "占比", "率", "数")  # what two measures of one thing end with (合格率, 优良率)
SHORT_REST = 5


def after_shared(label: str, before: str) -> str:
    """What `label` says after the words it shares with the label before it, when it says only that: the label
    before and more (义务教育阶段56人以上大班额 → 占比), or another measure of the same thing (国家学生体质健康标准
    合格率 → 优良率: short, both ending alike, and different before that ending). Never cut inside a number, nor inside
    a word (大班额比例 / 大校额比例 share 大 and 额比例: no); else `label`."""
    n = 0
    while n < min(len(label), len(before)) and label[n] == before[n]:
        n += 1
    rest, other = label[n:], before[n:]
    if n < SHARED_HEAD or len(rest) < 2 or rest[0].isdigit() or label[n - 1].isdigit():
        return label
    if not other:
        return rest
    end = next((e for e in SHARED_ENDS if rest.endswith(e) and other.endswith(e)), None)
    if end is None or not len(end) < min(len(rest), len(other)) <= max(len(rest), len(other)) <= SHORT_REST:
        return label
    return rest if rest[-len(end) - 1] != other[-len(end) - 1] else label


class Prompts:
    """The templates under one directory. Thread-safe: jinja2 environments and templates are."""

    def __init__(self, prompts_dir: Path) -> None:
        self.dir = Path(prompts_dir)
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(self.dir)),
            undefined=jinja2.StrictUndefined,
            keep_trailing_newline=True,
            autoescape=False,
        )
        self.env.filters["after_shared"] = after_shared

    def render(self, name: str, **ctx: Any) -> str:
        """The rendered template; PromptError names the template and the variable that is missing."""
        template = self._template(name)
        try:
            return template.render(**ctx)
        except jinja2.UndefinedError as exc:
            raise PromptError(
                f"prompt {template_file(name)}: {_undefined_name(exc)} is not given",
                hint="pass it to render() or remove it from the template",
            ) from None
        except jinja2.TemplateError as exc:
            raise PromptError(f"prompt {template_file(name)} cannot be rendered: {exc}") from None

    def source(self, name: str) -> str:
        """The template's text as stored."""
        try:
            text, _, _ = self.env.loader.get_source(self.env, template_file(name))  # type: ignore[union-attr]
        except jinja2.TemplateNotFound:
            raise _not_found(name, self.dir) from None
        return text

    def prompt_hash(self, name: str) -> str:
        """The first 12 hex digits of the sha256 of the template source: provenance of a draft."""
        return hashlib.sha256(self.source(name).encode("utf-8")).hexdigest()[:12]

    def _template(self, name: str) -> jinja2.Template:
        try:
            return self.env.get_template(template_file(name))
        except jinja2.TemplateNotFound:
            raise _not_found(name, self.dir) from None
        except jinja2.TemplateSyntaxError as exc:
            raise PromptError(
                f"prompt {template_file(name)} line {exc.lineno}: {exc.message}", hint="fix the jinja2 syntax"
            ) from None


@lru_cache(maxsize=8)
def load_prompts(prompts_dir: Path) -> Prompts:
    """One Prompts (one Environment, one template cache) per directory."""
    return Prompts(Path(prompts_dir))


def template_file(name: str) -> str:
    return name if name.endswith(".j2") else f"{name}.j2"


def _not_found(name: str, directory: Path) -> PromptError:
    return PromptError(
        f"prompt template {template_file(name)} not found in {directory}",
        hint="check the name, or set DRAFTER_PROMPTS_DIR to the prompts directory",
    )


def _undefined_name(exc: jinja2.UndefinedError) -> str:
    match = _UNDEFINED.search(str(exc))
    if not match:
        return f"a variable ({exc.message})"
    return f"variable {match.group(1)}.{match.group(2)}" if match.group(2) else f"variable {match.group(1)}"


# ---------------------------------------------------------------- the drafting prompt
def section_statements(source: SourceData, spec: SectionSpec) -> tuple[str, ...]:
    """The user's own statements a section may draw on: facts of its indicator, or its report part."""
    by_kind = {
        "rectification": source.rectification,
        "problems": source.problems,
        "plans": source.plans,
        "experience": source.experiences,
        "self_check": source.self_check,
    }
    if spec.kind in by_kind:
        return tuple(by_kind[spec.kind])
    return tuple(source.facts.get(spec.indicator, ())) if spec.indicator else ()


def report_context(report: ReportInfo) -> dict[str, Any]:
    return {"report": report, "self_ref": SELF_REFERENCE.get(report.level, "我市")}


def data_context(source: SourceData, spec: SectionSpec, slots: Sequence[Slot]) -> dict[str, Any]:
    """What the data say, for the prompt: this section's metrics with their verdicts, the report's verdicts
    (two 只增不减, salary, the data's problems) and the policies a report on the assessed year cannot name."""
    table = {s.name: s for s in slots}
    every = metric_views(source, table)
    views = [v for v in every if v.indicator == spec.indicator] if spec.indicator else []
    year = source.report.period

    def first_timely(options: Any) -> str:
        options = [options] if isinstance(options, str) else list(options)
        return next((o for o in options if timely(o, year)), options[-1])

    return {
        "area": self_reference(source.report)[1],
        "views": views,
        "verdicts": judge(every, source.indicators(), source.problems),
        "avoid": list(terms_after(year)),
        "timely": first_timely,
    }


def section_messages(
    prompts: Prompts,
    source: SourceData,
    spec: SectionSpec,
    slots: Sequence[Slot] = (),
    exemplars: Iterable[Passage] = (),
    *,
    instructions: str = "",
    retry_problem: str = "",
    indicator_name: str = "",
) -> tuple[Message, ...]:
    """System + user messages for one section. Drop exemplars (never slots) to fit a context window."""
    ctx = report_context(source.report)
    user = prompts.render(
        SECTION,
        **ctx,
        **data_context(source, spec, slots),
        spec=spec,
        indicator_name=indicator_name or spec.heading,
        slots=list(slots),
        facts=list(section_statements(source, spec)),
        exemplars=list(scrub(exemplars, ctx["self_ref"])),
        instructions=instructions.strip(),
        retry_problem=retry_problem.strip(),
    )
    return (Message("system", prompts.render(SYSTEM, **ctx)), Message("user", user))


def retry_message(
    prompts: Prompts, problem: str, *, unknown_slots: Sequence[str] = (), allowed_slots: Sequence[str] = ()
) -> Message:
    """The extra user message that tells the model what its last reply got wrong.

    `problem` is a code: empty | garbled | unknown_slots (the wording lives in prompts/draft/retry.j2).
    """
    text = prompts.render(
        RETRY, problem=problem, unknown_slots=list(unknown_slots), allowed_slots=list(allowed_slots)
    )
    return Message("user", text)


# ---------------------------------------------------------------- module-level shortcuts
def render(name: str, /, **ctx: Any) -> str:
    """Render from the configured prompts directory (DRAFTER_PROMPTS_DIR or ./prompts)."""
    return load_prompts(_configured_dir()).render(name, **ctx)


def prompt_hash(name: str, /) -> str:
    return load_prompts(_configured_dir()).prompt_hash(name)


def _configured_dir() -> Path:
    return Settings.from_env().prompts_dir
