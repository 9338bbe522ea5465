"""Plan a report: which sections, in which order, with which 一、/（一） numbering (taxonomy + metrics)."""

from __future__ import annotations

import re

from drafter.core.errors import InputError
from drafter.core.taxonomy import Part, Taxonomy
from drafter.core.types import SectionSpec, SourceData
from drafter.knowledge.terms import timely_heading

DIGITS = "零一二三四五六七八九"
RECTIFICATION_FROM_ROUND = 2022  # the 上一轮整改 part is reported from the 2022 round on
FORMULAIC_KINDS = frozenset({"header", "title", "addressee", "opening", "results", "signature"})


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 23 → 二十三 (ordinals up to 99)."""
    if not 0 < n < 100:
        raise ValueError(f"ordinal out of range: {n}")
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else DIGITS[tens] + "十")
    return head + (DIGITS[ones] if ones else "")


def _wants_part(part: Part, source: SourceData) -> bool:
    if part.kind == "rectification":
        recent = source.report.round >= RECTIFICATION_FROM_ROUND
        return recent or bool(source.rectification) or "rectify" in source.indicators()
    return True


def _indicator_codes(source: SourceData, taxonomy: Taxonomy) -> tuple[str, ...]:
    """Indicators of 三、 with metrics or facts, in taxonomy order. An indicator the taxonomy does not know
    gets no section (its metrics still serve the checker; `metrics validate` warns about it)."""
    present = set(source.indicators())
    return tuple(c for c in taxonomy.codes if c in present and taxonomy.indicator(c).section == "results")


def _indicator_specs(source: SourceData, taxonomy: Taxonomy, parent: str) -> list[SectionSpec]:
    specs = []
    for n, code in enumerate(_indicator_codes(source, taxonomy), start=1):
        ind = taxonomy.indicator(code)
        specs.append(
            SectionSpec(
                id=code,
                kind="indicator",
                heading=timely_heading(code, ind.heading, source.report.period) if ind else code,
                ordinal=f"（{chinese_number(n)}）",
                depth=2,
                indicator=code,
                parent=parent,
            )
        )
    return specs


def _front_matter(source: SourceData) -> list[SectionSpec]:
    report = source.report
    specs = []
    if report.issuer_mark or report.doc_number:
        specs.append(SectionSpec(id="header", kind="header"))
    specs += [
        SectionSpec(id="title", kind="title"),
        SectionSpec(id="addressee", kind="addressee"),
        SectionSpec(id="opening", kind="opening"),
    ]
    return specs


def plan_sections(source: SourceData, taxonomy: Taxonomy) -> tuple[SectionSpec, ...]:
    """Every section of the report in print order; ordinals renumber when a part is absent."""
    specs = _front_matter(source)
    parts = [p for p in taxonomy.parts if _wants_part(p, source)]
    for n, part in enumerate(parts, start=1):
        specs.append(
            SectionSpec(id=part.id, kind=part.kind, heading=part.heading, ordinal=chinese_number(n), depth=1)
        )
        if part.kind == "results":
            specs += _indicator_specs(source, taxonomy, part.id)
    specs.append(SectionSpec(id="signature", kind="signature"))
    return tuple(specs)


def is_formulaic(spec: SectionSpec) -> bool:
    """Sections written by the house templates whatever the backend (title, date, …)."""
    return spec.kind in FORMULAIC_KINDS


ASCII_PARENS = str.maketrans({"(": "（", ")": "）"})


def _ident_forms(spec: SectionSpec) -> set[str]:
    forms = {spec.id, spec.indicator, spec.heading, spec.numbered_heading, spec.ordinal}
    if spec.depth == 1:
        forms.add(f"{spec.ordinal}、")
    return {f for f in forms if f}


NUMERAL = re.compile(r"第?(（?)(\d{1,2}|[一二三四五六七八九十]{1,3})(）?)、?")


def _by_numeral(wanted: str, specs: tuple[SectionSpec, ...] | list[SectionSpec]) -> list[SectionSpec]:
    """Sections a bare number names: `9` is 九; `九` (or `第九`) that is no 一、 part is the sub-section （九）."""
    m = NUMERAL.fullmatch(wanted)
    if not m or bool(m[1]) != bool(m[3]) or m[2] in ("0", "00"):
        return []
    number = chinese_number(int(m[2])) if m[2].isdigit() else m[2]
    for ordinal in [f"（{number}）"] if m[1] else [number, f"（{number}）"]:
        hits = [s for s in specs if s.ordinal == ordinal]
        if hits:
            return hits
    return []


def resolve_spec(ident: str, specs: tuple[SectionSpec, ...] | list[SectionSpec]) -> SectionSpec:
    """A section by ordinal (四, （三）, (三); a bare 九 or 9 that no 一、 part has is （九）), heading text,
    section id or indicator code."""
    wanted = ident.strip().translate(ASCII_PARENS)
    exact = [s for s in specs if wanted in _ident_forms(s)] or _by_numeral(wanted, specs)
    if not exact and len(wanted) >= 2:
        exact = [s for s in specs if s.heading and wanted in s.heading]
    if len(exact) == 1:
        return exact[0]
    valid = ", ".join(f"{s.ordinal or s.id} ({s.id}{'：' + s.heading if s.heading else ''})" for s in specs)
    problem = "对应多个章节 / matches several sections" if exact else "没有对应的章节 / names no section"
    raise InputError(f"--section {ident!r} {problem}", key="--section", hint=f"可用 / use one of: {valid}")
