"""Every piece of text a metrics file supplies: what a draft may legitimately repeat (names, years, 文号)."""

from __future__ import annotations

import re

from drafter.core.types import SourceData

SPACE = re.compile(r"\s+")


def normalize(text: str) -> str:
    """Whitespace removed: knowledge files and drafts space figures differently (2020 年 / 2020年)."""
    return SPACE.sub("", text)


def source_strings(source: SourceData | None) -> tuple[str, ...]:
    if source is None:
        return ()
    r = source.report
    report = (r.region, r.issuer, r.basis, r.addressee, r.doc_number, r.issuer_mark, r.signer, r.superior)
    metrics = tuple(t for m in source.metrics for t in (m.label, m.note, m.target.label if m.target else ""))
    facts = tuple(s for statements in source.facts.values() for s in statements)
    lists = (*source.rectification, *source.problems, *source.plans, *source.experiences)
    return tuple(s for s in (*report, *metrics, *facts, *lists) if s)


def source_blob(source: SourceData | None) -> str:
    """All source text in one normalized string, for `in` tests."""
    return "\n".join(normalize(s) for s in source_strings(source))
