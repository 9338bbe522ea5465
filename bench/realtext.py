"""eval/realtext as the benchmarks read it: documents, their hand annotations, and where each labelled span sits.

A document's `.md` is front matter + the text as published; its `.yaml` lists the relations the text
computes (with `defect` labels), the other real defects and the claims in words; `.metrics.yaml` (when
present) is the document's own figures as a Drafter metrics file. See eval/realtext/FORMAT.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent / "eval" / "realtext" / "docs"
# the splits nobody tunes on: holdout2 was gathered after holdout had been seen;
# holdout3 was gathered on 2026-12-05, after holdout2 had been seen (scored once, at the end);
# holdout4 was gathered on 2026-12-05, after holdout3 had been scored and seen (to be scored once, at the end);
# holdout5 was gathered on 2026-12-05, after holdout4 had been scored and seen (scored once, blind, at 72e424d);
# holdout6 was gathered on 2026-12-05, after holdout5 had been scored and seen (scored once, blind, at 23b5487);
# holdout7 was gathered on 2026-12-05, after holdout6 had been scored and seen (scored once, blind, at d5834b9);
# holdout8 was gathered on 2026-12-05, after holdout7 had been scored and seen (scored once, blind, at 0d96d0d);
# holdout9 was gathered on 2026-12-05, after holdout8 had been scored and seen (scored once, blind, at e96d744);
# holdout10 was gathered on 2026-12-05, after holdout9 had been scored and seen (scored once, blind, at d6d5972);
# holdout11 was gathered on 2026-12-05, after holdout10 had been scored and seen (scored once, blind, at 9385627);
# holdout12 was gathered on 2026-12-05, after holdout11 had been scored and seen (scored once, blind, at 200e7a3);
# holdout13 was gathered on 2026-12-05, after holdout12 had been scored and seen (scored once, blind, at 7637d89);
# holdout14 was gathered on 2026-12-05, after holdout13 had been scored and seen (scored once, blind, at 3741c2f and read after);
# holdout15 was gathered on 2026-12-05, after holdout14 had been scored and seen (scored once, blind, at 8ac2229 and read after);
# holdout16 was gathered on 2026-12-06, after holdout15 had been scored and seen (scored once, blind, at 8e7d480 and read after);
# holdout17 was gathered on 2026-12-06, after holdout16 had been scored and seen (scored once, blind, at b3fd1d3 and read after);
# holdout18 was gathered on 2026-12-06, after holdout17 had been scored and seen (scored once, blind, at 8d3b82b and read after);
# holdout19 was gathered on 2026-12-06, after holdout18 had been scored and seen (scored once, blind, at 4772f17 and read after);
# holdout20 was gathered on 2026-12-06, after holdout19 had been scored and seen (scored once, blind, at 9bb273a and read after);
BLIND = (
    "holdout",
    "holdout2",
    "holdout3",
    "holdout4",
    "holdout5",
    "holdout6",
    "holdout7",
    "holdout8",
    "holdout9",
    "holdout10",
    "holdout11",
    "holdout12",
    "holdout13",
    "holdout14",
    "holdout15",
    "holdout16",
    "holdout17",
    "holdout18",
    "holdout19",
    "holdout20",
)
# splits not scored yet: `--split all` leaves them out (holdout3 to holdout15 were each scored once, blind, on
# 2026-12-05, and came out of here after it; holdout16 to holdout20 once, blind, on 2026-12-06)
UNSEEN: tuple[str, ...] = ()
FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.S)
SPLIT = re.compile(r"(?m)^split:\s*(\S+)")


def seen_paths() -> list[Path]:
    """Every document's .md but those of an UNSEEN split: the benches that run the checker on the whole folder
    (findings_dump, checker_throughput) must not run it on a blind set before its one score."""
    out = []
    for md in sorted(ROOT.glob("*.md")):
        front = FRONT.match(md.read_text(encoding="utf-8"))
        split = SPLIT.search(front.group(1)) if front else None
        if split is None or split.group(1) not in UNSEEN:
            out.append(md)
    return out


@dataclass
class Span:
    start: int
    end: int
    text: str
    kind: str  # relation kind, defect type or claim kind
    defect: bool
    expected: str = ""


@dataclass
class RealDoc:
    id: str
    meta: dict
    text: str
    relations: list[Span] = field(default_factory=list)  # the stated figure of every relation
    defects: list[Span] = field(default_factory=list)  # every labelled real defect (relations and others)
    claims: list[Span] = field(default_factory=list)
    operands: list[Span] = field(default_factory=list)  # the figures relations are computed from
    metrics: Path | None = None

    @property
    def split(self) -> str:
        return self.meta.get("split", "dev")

    def paragraphs(self) -> list[tuple[int, int]]:
        """(start, end) of each block between blank lines."""
        out, pos = [], 0
        for block in re.split(r"(\n\s*\n)", self.text):
            if block.strip() and not re.fullmatch(r"\n\s*\n", block):
                out.append((pos, pos + len(block)))
            pos += len(block)
        return out


def locate(text: str, needle: str, occurrence: int = 1) -> tuple[int, int] | None:
    start = -1
    for _ in range(max(occurrence, 1)):
        start = text.find(needle, start + 1)
        if start < 0:
            return None
    return start, start + len(needle)


def figure_span(text: str, needle: str, occurrence: int = 1) -> tuple[int, int] | None:
    """The span of the last number (with what follows it) inside the located substring."""
    where = locate(text, needle, occurrence)
    if where is None:
        return None
    s, e = where
    numbers = list(re.finditer(r"-?\d[\d,，]*(?:[.。]\s?\d+)?", text[s:e]))
    return (s + numbers[-1].start(), e) if numbers else where


def load(split: str | None = None, prefix: str = "") -> list[RealDoc]:
    docs = []
    for md in sorted(ROOT.glob(f"{prefix}*.md")):
        doc = _read(md)
        if split is None or doc.split == split:
            docs.append(doc)
    return docs


def _read(md: Path) -> RealDoc:
    raw = md.read_text(encoding="utf-8")
    match = FRONT.match(raw)
    meta = yaml.safe_load(match.group(1)) if match else {}
    text = raw[match.end() :] if match else raw
    ann_path = md.with_suffix(".yaml")
    ann = yaml.safe_load(ann_path.read_text(encoding="utf-8")) if ann_path.exists() else {}
    metrics = md.with_name(md.stem + ".metrics.yaml")
    doc = RealDoc(md.stem, meta or {}, text, metrics=metrics if metrics.exists() else None)
    _annotate(doc, ann or {})
    return doc


def _annotate(doc: RealDoc, ann: dict) -> None:
    for rel in ann.get("relations") or []:
        where = figure_span(doc.text, str(rel["stated"]), int(rel.get("occurrence", 1)))
        if where is None:
            continue
        span = Span(
            *where,
            doc.text[where[0] : where[1]],
            rel["kind"],
            bool(rel.get("defect")),
            str(rel.get("expected", "")),
        )
        doc.relations.append(span)
        if span.defect:
            doc.defects.append(span)
        for arg in rel.get("args") or []:
            at = figure_span(doc.text, str(arg))
            if at:
                doc.operands.append(Span(*at, doc.text[at[0] : at[1]], "operand", False))
    for d in ann.get("defects") or []:
        where = figure_span(doc.text, str(d["text"]), int(d.get("occurrence", 1)))
        if where:
            doc.defects.append(
                Span(*where, d["text"], d.get("type", "other"), True, str(d.get("expected", "")))
            )
    for c in ann.get("claims") or []:
        where = locate(doc.text, str(c["text"]), int(c.get("occurrence", 1)))
        if where and c.get("truth") in (True, False):
            doc.claims.append(Span(*where, c["text"], c.get("kind", ""), c["truth"] is False))
