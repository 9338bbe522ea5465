"""Re-check one changed section of draft.md instead of the whole text: the check of the new draft.md is
the old check with the section's findings replaced by a check of the section alone, and the findings
after it moved by the change in length and lines. The section is checked with the headings of the whole
text (so every finding names the same section as a full check would); rules that compare figures read
within a section, so its findings are those of a full check.
"""

from __future__ import annotations

import bisect
from dataclasses import replace

from drafter.checker.check import check_text, headings
from drafter.core.types import CheckReport, Finding, SourceData
from drafter.export.markdown import Chunk, split_markdown
from drafter.figures.gaps import count_gaps
from drafter.outdir.outputs import without_comments


def _chunk(md_text: str, section_id: str) -> Chunk | None:
    return next((c for c in split_markdown(md_text) if c.section_id == section_id), None)


def _moved(finding: Finding, chars: int, lines: int) -> Finding:
    return replace(finding, start=finding.start + chars, end=finding.end + chars, line=finding.line + lines)


def recheck_section(
    old_md: str, new_md: str, section_id: str, previous: CheckReport, source: SourceData | None
) -> CheckReport | None:
    """The check of `new_md`, given `previous` (the check of `old_md`) and that only `section_id`'s chunk
    changed; None when the section is missing from either text (then check the whole text)."""
    old, new = _chunk(old_md, section_id), _chunk(new_md, section_id)
    if old is None or new is None or old_md[: old.start] != new_md[: new.start]:
        return None
    if old_md[old.end :] != new_md[new.end :]:
        return None
    marks = headings(without_comments(new_md))
    offsets = [o for o, _ in marks]
    sections = [(o - new.start, n) for o, n in marks if o < new.end]
    alone = check_text(without_comments(new.text), source, sections=sections)
    lines_before = new_md.count("\n", 0, new.start)
    shift, line_shift = new.end - old.end, new.text.count("\n") - old.text.count("\n")
    after = [_moved(f, shift, line_shift) for f in previous.findings if f.start >= old.end]
    findings = (
        *(f for f in previous.findings if f.end <= old.start),
        *(_moved(f, new.start, lines_before) for f in alone.findings),
        *(
            replace(f, section=_section_at(offsets, marks, f.start)) for f in after
        ),  # a heading may come or go
    )
    return CheckReport(findings=findings, path=previous.path, gaps=count_gaps(without_comments(new_md)))


def _section_at(offsets: list[int], marks: list[tuple[int, str]], offset: int) -> str:
    i = bisect.bisect_right(offsets, offset) - 1
    return marks[i][1] if i >= 0 else ""
