"""The carried sections as a normal Draft: last year's order and numbering, a section drafted by the usual writer
for each indicator the new data add, the writer's title/opening/落款 where last year's report had none, and the
review list of each section as a note in draft.md (`<!-- 待核实 … -->` lines are notes, never part of a body)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from drafter.carry.types import REVIEW, CarriedSection, FigureChange, LastSection
from drafter.core.taxonomy import Taxonomy
from drafter.core.types import Provenance, Section, SectionSpec, SourceData
from drafter.drafting.plan import chinese_number
from drafter.export.markdown import MARKER

KEY_IN_SOURCE = re.compile(r"[a-z_]+\.[a-z_0-9.]+")
WRITER_PARTS = ("title", "opening", "signature")  # drafted by the writer when last year's report lacks them


@dataclass(frozen=True)
class Addition:
    spec: SectionSpec
    after: str  # the id of the section it follows


def linked_indicators(changes: list[FigureChange]) -> set[str]:
    keys = {k for c in changes if c.status != REVIEW for k in KEY_IN_SOURCE.findall(c.source)}
    return {k.split(".", 1)[0] for k in keys if not k.startswith(("report.", "facts."))}


def additions(
    sections: list[LastSection], changes: list[FigureChange], new: SourceData, taxonomy: Taxonomy
) -> list[Addition]:
    """A sub-section for each indicator the new data have and last year's report never spoke of."""
    covered = {s.spec.indicator for s in sections if s.spec.indicator} | linked_indicators(changes)
    missing = [code for code in taxonomy.codes if code in new.indicators() and code not in covered]
    missing += [code for code in new.indicators() if code not in taxonomy.codes and code not in covered]
    if not missing:
        return []
    parent = _results_part(sections)
    children = [s for s in sections if s.spec.depth == 2 and s.spec.parent == parent]
    after = children[-1].spec.id if children else parent or _before_closing(sections)
    out = []
    for n, code in enumerate(missing, start=len(children) + 1):
        ind = taxonomy.indicator(code)
        spec = SectionSpec(
            id=_free(code, sections), kind="indicator", heading=ind.heading if ind else code,
            ordinal=f"（{chinese_number(min(n, 99))}）", depth=2, indicator=code, parent=parent,
        )  # fmt: skip
        out.append(Addition(spec, after))
        after = spec.id
    return out


def _results_part(sections: list[LastSection]) -> str:
    parts = [s for s in sections if s.spec.depth == 1]
    with_children = [p for p in parts if any(s.spec.parent == p.spec.id for s in sections)]
    chosen = next((p for p in parts if p.spec.kind == "results"), with_children[0] if with_children else None)
    return chosen.spec.id if chosen else ""


def _before_closing(sections: list[LastSection]) -> str:
    body = [s for s in sections if s.spec.kind not in ("problems", "plans", "signature")]
    return body[-1].spec.id if body else ""


def _free(code: str, sections: list[LastSection]) -> str:
    used = {s.spec.id for s in sections}
    ident, n = code, 2
    while ident in used:
        ident, n = f"{code}-{n}", n + 1
    return ident


def dropped(sections: list[LastSection], new: SourceData) -> list[str]:
    """Sub-sections about an indicator the new data no longer have (kept, every figure for review)."""
    present = set(new.indicators())
    return [s.spec.id for s in sections if s.spec.indicator and s.spec.indicator not in present]


def carried_section(c: CarriedSection, last_name: str, now: str) -> Section:
    counts = {
        status: sum(1 for ch in c.changes if ch.status == status)
        for status in ("updated", "recomputed", REVIEW)
    }
    note = (
        f"carried forward from {last_name}: {counts['updated']} updated, {counts['recomputed']} recomputed, "
        f"{counts[REVIEW]} kept for review"
    )
    prov = Provenance(backend="carried", model="", prompt="carry", started_at=now, note=note)
    return Section(
        c.last.spec, "\n".join(p for p in c.paragraphs if p.strip()), "drafted", prov, c.last.tables, (prov,)
    )


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def review_notes(md_text: str, changes: list[FigureChange]) -> str:
    """draft.md with a `<!-- 待核实: … -->` note under each section marker that has review items."""
    by_section: dict[str, list[str]] = {}
    for c in changes:
        if c.status == REVIEW:
            by_section.setdefault(c.section, []).append(c.old)

    def note(m: re.Match) -> str:
        items = by_section.get(m[1])
        if not items:
            return m[0]
        listed = "、".join(dict.fromkeys(i.replace("--", "—") for i in items))
        return f"{m[0]}\n<!-- 待核实 / for review ({len(items)}): {listed} -->"

    return MARKER.sub(note, md_text)
