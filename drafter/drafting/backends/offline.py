"""The offline writer: deterministic 公文 prose from a SectionRequest's structured fields, no network.

All phrasing lives in prompts/offline/<kind>.j2; this module only prepares plain data for the templates:
each metric as a view (slot names, trend, standard — drafting/views.py), the report's verdicts
(drafting/verdicts.py), the editor's instructions as understood (drafting/instructions.py), and `timely`,
which picks the first wording a report about the assessed year may use (knowledge/terms.yaml).
Figures are written as [[slot]] names, exactly as a model would, and the shared slot filler turns them
into formatted numbers — so every figure the offline writer prints is sourced.
"""

from __future__ import annotations

import re
import time
from functools import partial
from pathlib import Path

from drafter.core.config import Settings
from drafter.core.taxonomy import load_taxonomy
from drafter.core.types import SectionSpec, SourceData
from drafter.drafting.backends.base import Completion, SectionRequest
from drafter.drafting.instructions import emphasis_first, mentions, parse_instructions
from drafter.drafting.prompts import load_prompts
from drafter.drafting.slots import slot_table
from drafter.drafting.verdicts import judge
from drafter.drafting.views import (
    listed_units,
    mark_listed_parts,
    mark_told,
    mark_told_elsewhere,
    metric_views,
    self_reference,
)
from drafter.figures.derive import derive_all
from drafter.knowledge.terms import TERMS_FILE, load_terms, timely

LEVEL_SUFFIX = {"province": "省", "city": "市", "county": "县"}
PAIR = re.compile(r"^([^：:。；]{2,40})[：:](.+)$", re.S)


def clean(statement: str) -> str:
    return re.sub(r"[。；;，,\s]+$", "", statement.strip())


def pair(item: str) -> tuple[str, str]:
    """`问题：整改情况` / `标题：说明` as (head, rest); (item, "") when the item has no such head."""
    found = PAIR.match(clean(item))
    if not found or (found.group(1)[-1].isdigit() and found.group(2)[:1].isdigit()):  # the colon of 1:1
        return clean(item), ""
    return clean(found.group(1)), clean(found.group(2))


def first_timely(options, year: int, month: int = 12, terms=()) -> str:
    """The first wording that names no term begun after the year (the last one when none is timely)."""
    options = [options] if isinstance(options, str) else list(options)
    return next((o for o in options if timely(o, year, terms, month=month)), options[-1] if options else "")


def _terms(settings: Settings):
    path = Path(settings.knowledge_dir) / "terms.yaml"
    return load_terms(path if path.is_file() else TERMS_FILE)


def _headings(settings: Settings) -> dict[str, str]:
    path = Path(settings.knowledge_dir) / "taxonomy.yaml"
    taxonomy = load_taxonomy(path) if path.is_file() else None
    return {ind.code: ind.heading for ind in taxonomy.indicators} if taxonomy else {}


def _lists(source: SourceData) -> dict:
    return {
        "rectification": [pair(s) for s in source.rectification],
        "problems": [clean(s) for s in source.problems],
        "plans": [pair(s) for s in source.plans],
        "experiences": [pair(s) for s in source.experiences],
        "self_check": [clean(s) for s in source.self_check],
    }


def _emphasised(views: list, emphasis: tuple[str, ...]) -> list:
    """The metrics with those an emphasis names first; a total and its listed parts move as one."""
    units = emphasis_first(listed_units(views), emphasis, lambda unit: "、".join(v.label for v in unit))
    return [v for unit in units for v in unit]


def template_context(request: SectionRequest, slots: dict, settings: Settings) -> dict:
    source, spec = request.source, request.spec
    report, terms = source.report, _terms(settings)
    self_ref, area = self_reference(report)
    intent = parse_instructions(request.instructions)
    facts = [clean(f) for f in source.facts.get(spec.indicator, ())] if spec.indicator else []
    every = metric_views(source, slots)
    mine = (
        mark_told(metric_views(source, slots, spec.indicator), tuple(facts), slots) if spec.indicator else []
    )
    others = tuple(clean(f) for code, said in source.facts.items() if code != spec.indicator for f in said)
    mine = mark_told_elsewhere(mine, others, slots)
    plan_month = report.date.month if report.date else 12
    return {
        "report": report,
        "spec": spec,
        "self_ref": self_ref,
        "area": area,
        "level_word": LEVEL_SUFFIX.get(report.level, "市"),
        "metrics": _emphasised(mark_listed_parts(mine), intent.emphasis),
        "all_metrics": every,
        "verdicts": judge(every, source.indicators(), source.problems),
        "indicators": list(source.indicators()),
        "headings": _headings(settings),
        "facts": emphasis_first(facts, intent.emphasis),
        **_lists(source),
        "rectify": metric_views(source, slots, "rectify") if spec.kind == "rectification" else [],
        "intent": intent,
        "mentions": mentions,
        "timely": partial(first_timely, year=report.period, terms=terms),
        "timely_plan": partial(first_timely, year=report.round, month=plan_month, terms=terms),
    }


PARAGRAPH = "¶"  # the templates' paragraph mark: their own line breaks and indentation are layout only


def tidy(text: str) -> str:
    """Template layout out: lines are joined, `¶` starts a paragraph; one paragraph per output line."""
    joined = "".join(ln.strip() for ln in text.splitlines())
    return "\n".join(p.strip() for p in joined.split(PARAGRAPH) if p.strip())


class OfflineBackend:
    """Writes each section from prompts/offline/<kind>.j2. Same request → same text."""

    name = "offline"

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings.load()
        self.model = "offline-templates"
        self.prompts = load_prompts(self.settings.prompts_dir)

    def template_name(self, kind: str) -> str:
        return f"offline/{kind}"

    def verdict(self, source: SourceData, indicator: str) -> str:
        """The writer's verdict sentence for `indicator` (fund: 两个只增不减, salary: 不低于公务员) from `source`,
        "" when it has none or the data cannot judge it."""
        table = slot_table(source, derive_all(source))
        spec = SectionSpec(indicator, "indicator", indicator=indicator)
        request = SectionRequest(spec=spec, messages=(), source=source, slots=tuple(table.values()))
        context = template_context(request, table, self.settings)
        return tidy(self.prompts.render("offline/verdict", **context))

    def complete(self, request: SectionRequest) -> Completion:
        started = time.perf_counter()
        slots = {s.name: s for s in request.slots}
        context = template_context(request, slots, self.settings)
        text = self.prompts.render(self.template_name(request.spec.kind), **context)
        return Completion(text=tidy(text), model=self.model, seconds=time.perf_counter() - started)
