"""Page HTML of a draft: each section's lines with every figure highlighted by the checker's own HTML
highlighter (drafter.export.html), anchors on flagged figures, and a word-level diff of two texts."""

from __future__ import annotations

import difflib
import html
import re
from dataclasses import dataclass, replace

from markupsafe import Markup

from drafter.core.types import PROBLEM_STATUSES, Finding, Section
from drafter.export.html import STATUS_NAMES, highlight
from drafter.export.markdown import COMMENT, body_hash, split_markdown
from drafter.figures.gaps import GAP
from drafter.outdir.outputs import section_counts
from drafter.web.workspace import DraftView

HEADING = re.compile(r"^(#{1,6}) (.*)$")
TOKEN = re.compile(r"\d+(?:[.,]\d+)*%?|[A-Za-z]+|\s+|.", re.DOTALL)  # a number or a Latin word is one token


@dataclass(frozen=True)
class Block:
    """One section on the page."""

    section: Section
    version: str
    lines: tuple[tuple[str, Markup], ...]  # (tag, inner html): h1 h2 h3 p
    counts: dict[str, int]


@dataclass(frozen=True)
class Flag:
    anchor: str
    finding: Finding
    section_id: str
    label: str


def section_version(section: Section) -> str:
    """What a form sends back to prove it edits the section it saw (status and text)."""
    return body_hash(f"{section.spec.id}\n{section.status}\n{section.text}")


def flags(view: DraftView) -> list[Flag]:
    chunks = split_markdown(view.md_text)
    out = []
    for i, f in enumerate(view.report.findings):
        if f.status in PROBLEM_STATUSES:
            chunk = next((c for c in chunks if c.start <= f.start < c.end), None)
            out.append(
                Flag(
                    anchor=f"fig-{i}",
                    finding=f,
                    section_id=chunk.section_id if chunk else "",
                    label=STATUS_NAMES.get(f.status, f.status),
                )
            )
    return out


def blocks(view: DraftView) -> list[Block]:
    anchors = {fl.finding.start: fl.anchor for fl in flags(view)}
    findings = sorted(view.report.findings, key=lambda f: f.start)
    counts = section_counts(view.md_text, view.report)
    lines_by_id = {
        c.section_id: _chunk_lines(view.md_text, c.start, c.end, findings, anchors)
        for c in split_markdown(view.md_text)
    }
    return [
        Block(
            section=s,
            version=section_version(s),
            lines=lines_by_id.get(s.spec.id) or _plain(s),
            counts=counts.get(s.spec.id, {}),
        )
        for s in view.draft.sections
    ]


def _plain(section: Section) -> tuple[tuple[str, Markup], ...]:
    """A section draft.md does not hold (yet): its paragraphs, escaped, without figure marks."""
    return tuple(("p", Markup(mark_gaps(html.escape(p)))) for p in section.paragraphs)


def mark_gaps(inner: str) -> str:
    """Every gap marker (【待补充：…】) of an escaped line in <mark class="gap">, so the editor sees what to fill.
    A marker that holds figure markup is left as it is (it still reads as a gap)."""
    return GAP.sub(
        lambda m: m.group(0) if "<" in m.group(0) else f'<mark class="gap">{m.group(0)}</mark>', inner
    )


def _chunk_lines(
    text: str, start: int, end: int, findings: list[Finding], anchors: dict[int, str]
) -> tuple[tuple[str, Markup], ...]:
    out, offset = [], start
    for line in text[start:end].splitlines(keepends=True):
        stripped = line.rstrip("\n")
        if stripped.strip() and not COMMENT.match(stripped.strip()):
            tag, skip = _tag(stripped)
            inner = _line_html(stripped[skip:], offset + skip, findings, anchors)
            out.append((tag, Markup(mark_gaps(inner))))
        offset += len(line)
    return tuple(out)


def _tag(line: str) -> tuple[str, int]:
    match = HEADING.match(line)
    if not match:
        return "p", 0
    return f"h{min(len(match.group(1)), 3)}", len(match.group(1)) + 1


def _line_html(line: str, offset: int, findings: list[Finding], anchors: dict[int, str]) -> str:
    local = [
        replace(f, start=f.start - offset, end=f.end - offset)
        for f in findings
        if offset <= f.start and f.end <= offset + len(line)
    ]
    cuts = sorted(f.start for f in local if f.start + offset in anchors)
    pieces, pos = [], 0
    for cut in [*cuts, len(line)]:
        part = [replace(f, start=f.start - pos, end=f.end - pos) for f in local if pos <= f.start < cut]
        pieces.append(highlight(line[pos:cut], tuple(part)))
        if cut < len(line):
            pieces.append(f'<a class="anchor" id="{anchors[cut + offset]}"></a>')
        pos = cut
    return "".join(pieces)


def diff_html(old: str, new: str) -> tuple[Markup, Markup]:
    """Old and new text, escaped, with deleted runs in <del> and inserted runs in <ins>. Tokens are
    汉字 one by one (Chinese has no spaces to find words by), whole numbers and Latin words."""
    a_tokens, b_tokens = TOKEN.findall(old), TOKEN.findall(new)
    matcher = difflib.SequenceMatcher(None, a_tokens, b_tokens, autojunk=False)
    left, right = [], []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        a, b = html.escape("".join(a_tokens[i1:i2])), html.escape("".join(b_tokens[j1:j2]))
        if op == "equal":
            left.append(a)
            right.append(b)
            continue
        if a:
            left.append(f"<del>{a}</del>")
        if b:
            right.append(f"<ins>{b}</ins>")
    return Markup("".join(left)), Markup("".join(right))
