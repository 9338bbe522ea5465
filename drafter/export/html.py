"""The check report as one HTML page: the text with every figure highlighted by status, source on hover."""

from __future__ import annotations

import html
from pathlib import Path

from drafter.checker.check import check_text
from drafter.core.types import STATUSES, CheckReport, Draft, Finding, SourceData
from drafter.export.html_findings import STATUS_NAMES, counts_table, findings_list
from drafter.export.markdown import render_markdown
from drafter.source.load import load_source

CSS = """
body{font-family:"FangSong","仿宋","Songti SC",serif;max-width:60em;margin:2em auto;line-height:1.9;padding:0 1em}
.draft{white-space:pre-wrap;font-size:16px}
.fig{border-radius:3px;padding:0 2px;cursor:help}
.fig.verified{background:#d4f4d4}.fig.derived{background:#d4e8fb}.fig.mismatch{background:#ffc9c9}
.fig.unsupported{background:#ffe3a8}.fig.inconsistent{background:#f3c4f3}.fig.ignored{color:#888}
.fig.unchecked{background:#eee}
.tab{border-collapse:collapse;margin:.5em 0;white-space:normal;line-height:1.5}
.tab td{border:1px solid #bbb;padding:2px 8px;vertical-align:top}
.legend span{margin-right:1em}.summary td,.summary th{padding:2px 10px;border-bottom:1px solid #ddd}
.findings{border-collapse:collapse;width:100%;line-height:1.5;font-size:14px}
.findings th,.findings td{border:1px solid #bbb;padding:2px 6px;vertical-align:top;text-align:left}
.findings tr.mismatch td:nth-child(3),.findings tr.inconsistent td:nth-child(3){background:#ffc9c9}
.findings tr.unsupported td:nth-child(3){background:#ffe3a8}
@media print{body{max-width:none;margin:0}.findings thead{display:table-header-group}.findings tr{break-inside:avoid}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
"""


def _title(f: Finding) -> str:
    parts = [STATUS_NAMES.get(f.status, f.status), f.source, f.message]
    if f.expected:
        parts.append(f"应为 expected: {f.expected}")
    return " · ".join(p for p in parts if p)


def highlight(text: str, findings: tuple[Finding, ...], start: int = 0, end: int | None = None) -> str:
    """text[start:end] escaped, each finding that lies wholly inside it marked by status."""
    end = len(text) if end is None else end
    out, pos = [], start
    for f in sorted(findings, key=lambda f: f.start):
        if f.start < pos or f.end <= f.start or f.end > end:
            continue
        out += [
            html.escape(text[pos : f.start]),
            f'<span class="fig {f.status}" title="{html.escape(_title(f))}">{html.escape(text[f.start : f.end])}</span>',
        ]
        pos = f.end
    out.append(html.escape(text[pos:end]))
    return "".join(out)


def _blocks(text: str) -> list[tuple[str, int, int]]:
    """("text" | "table", start, end) in order: a table is two or more consecutive lines holding a tab,
    text is the lines between tables; the line breaks around a table belong to neither."""
    lines, offset = [], 0
    for line in text.split("\n"):
        lines.append((offset, offset + len(line), "\t" in line))
        offset += len(line) + 1
    blocks: list[tuple[str, int, int]] = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and lines[j][2]:
            j += 1
        kind = "table" if j - i >= 2 else "text"
        if kind == "text":
            j = max(j, i + 1)
            while j < len(lines) and not _table_at(lines, j):
                j += 1
        blocks.append((kind, lines[i][0], lines[j - 1][1]))
        i = j
    return blocks


def _table_at(lines: list[tuple[int, int, bool]], i: int) -> bool:
    return lines[i][2] and i + 1 < len(lines) and lines[i + 1][2]


def _table(text: str, findings: tuple[Finding, ...], start: int, end: int) -> str:
    """Tab-separated rows as an HTML table, each cell with its findings marked."""
    rows, pos = [], start
    for line in text[start:end].split("\n"):
        cells, cell_start = [], pos
        for cell in line.split("\t"):
            cells.append(f"<td>{highlight(text, findings, cell_start, cell_start + len(cell))}</td>")
            cell_start += len(cell) + 1
        rows.append(f"<tr>{''.join(cells)}</tr>")
        pos += len(line) + 1
    return f'<table class="tab">{"".join(rows)}</table>'


def highlight_with_tables(text: str, findings: tuple[Finding, ...]) -> str:
    """The text marked as highlight() does, with tab-separated rows laid out as tables."""
    return "".join(
        _table(text, findings, start, end) if kind == "table" else highlight(text, findings, start, end)
        for kind, start, end in _blocks(text)
    )


def legend() -> str:
    items = "".join(f'<span class="fig {s}">{html.escape(STATUS_NAMES[s])}</span>' for s in STATUSES)
    return f'<p class="legend">{items}</p>'


def render_report_html(text: str, report: CheckReport, title: str = "") -> str:
    """A full HTML page: title, legend, counts, the text with every figure marked, then the list of findings
    (what a printout keeps of the tooltips)."""
    title = title or report.path or "Drafter check"
    return (
        f'<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
        f"<style>{CSS}</style></head><body>\n<h1>{html.escape(title)}</h1>\n{legend()}\n"
        f"{counts_table(report)}\n"
        f'<div class="draft">{highlight_with_tables(text, report.findings)}</div>\n'
        f"{findings_list(report, STATUS_NAMES)}\n</body></html>\n"
    )


def render_html(draft: Draft, source: SourceData | None = None) -> str:
    """The check page of a whole draft (its markdown), checked against `source` or the draft's metrics file."""
    if source is None and draft.metrics_path and Path(draft.metrics_path).is_file():
        source = load_source(Path(draft.metrics_path))
    text = render_markdown(draft)
    return render_report_html(text, check_text(text, source), title=draft.report.region or "draft")
