"""draft.md: render a Draft as markdown and parse it back, section by section, exactly.

Layout: every section starts with a marker line `<!-- section: ID -->`; numbered parts carry their
heading as `## 一、…` (depth 1) or `### （一）…` (depth 2); the title is `# …`; paragraphs are
separated by one blank line. Other HTML comment lines are notes and never part of a body.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from drafter.core.types import Draft, Section

MARKER = re.compile(r"^<!-- section: ([\w.\-]+) -->$", re.MULTILINE)
COMMENT = re.compile(r"^<!--.*-->$")


@dataclass(frozen=True)
class Chunk:
    """One section's raw text in a draft.md, marker line included, with its character span."""

    section_id: str
    start: int
    end: int
    text: str


def _heading_line(section: Section) -> str:
    spec = section.spec
    if spec.kind == "title":
        return ""
    return f"{'#' * (spec.depth + 1)} {spec.numbered_heading}" if spec.depth else ""


def _body(section: Section) -> str:
    if section.spec.kind == "title":
        return "\n\n".join(f"# {p}" for p in section.paragraphs)
    if section.status == "failed" and not section.paragraphs:
        reason = " ".join(section.provenance.error.split())[:200].replace("--", "—")
        return f"<!-- failed: {reason} -->"
    return "\n\n".join(section.paragraphs)


def render_section(section: Section) -> str:
    """One section's chunk: marker, heading, body, trailing blank line."""
    parts = [f"<!-- section: {section.spec.id} -->", _heading_line(section), _body(section)]
    return "\n\n".join(p for p in parts if p) + "\n\n"


def render_markdown(draft: Draft) -> str:
    return "".join(render_section(s) for s in draft.sections).rstrip("\n") + "\n"


def split_markdown(text: str) -> tuple[Chunk, ...]:
    """The chunks of a draft.md in order; text before the first marker is not a section."""
    marks = list(MARKER.finditer(text))
    chunks = []
    for i, mark in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        chunks.append(Chunk(mark.group(1), mark.start(), end, text[mark.start() : end]))
    return tuple(chunks)


def _chunk_body(chunk: Chunk) -> str:
    lines = [ln.strip() for ln in chunk.text.splitlines()[1:]]
    body = []
    for line in lines:
        if not line or COMMENT.match(line):
            continue
        if line.startswith("# "):
            body.append(line[2:].strip())
        elif not re.match(r"^#{2,6} ", line):
            body.append(line)
    return "\n".join(body)


def parse_markdown(text: str) -> dict[str, str]:
    """Section id → body (paragraphs joined by "\\n", headings and notes removed)."""
    return {chunk.section_id: _chunk_body(chunk) for chunk in split_markdown(text)}


def normalize_body(text: str) -> str:
    return "\n".join(p.strip() for p in text.split("\n") if p.strip())


def body_hash(text: str) -> str:
    """Content hash used to tell a hand-edited section from the drafted one."""
    return hashlib.sha256(normalize_body(text).encode("utf-8")).hexdigest()[:16]


def replace_chunk(text: str, section: Section) -> str:
    """draft.md with one section's chunk re-rendered; every other byte stays as it was."""
    for chunk in split_markdown(text):
        if chunk.section_id == section.spec.id:
            new = render_section(section)
            if chunk.end == len(text):  # last chunk: keep the file's single trailing newline
                new = new.rstrip("\n") + "\n"
            return text[: chunk.start] + new + text[chunk.end :]
    raise KeyError(section.spec.id)


def merge_markdown(md_text: str, draft: Draft, changed: set[str] | frozenset[str]) -> str:
    """draft.md after some sections were drafted again: their chunks replaced, every other byte kept.

    When draft.md no longer lists the draft's sections in order (a part came or went), render it anew.
    """
    if [c.section_id for c in split_markdown(md_text)] != [s.spec.id for s in draft.sections]:
        return render_markdown(draft)
    for section in draft.sections:
        if section.spec.id in changed:
            md_text = replace_chunk(md_text, section)
    return md_text
