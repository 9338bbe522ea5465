"""The check report as one HTML page: the text with every figure highlighted by status, source on hover."""

from __future__ import annotations

import html
from pathlib import Path

from drafter.checker.check import check_text
from drafter.core.types import STATUSES, CheckReport, Draft, Finding, SourceData
from drafter.export.markdown import render_markdown
from drafter.source.load import load_source

STATUS_NAMES = {
    "verified": "已核实 verified",
    "derived": "由公式推出 derived",
    "mismatch": "与来源不符 mismatch",
    "unsupported": "无来源 unsupported",
    "inconsistent": "前后矛盾 inconsistent",
    "ignored": "非统计数字 ignored",
    "unchecked": "未核对 unchecked",
}
CSS = """
body{font-family:"FangSong","仿宋","Songti SC",serif;max-width:60em;margin:2em auto;line-height:1.9;padding:0 1em}
.draft{white-space:pre-wrap;font-size:16px}
.fig{border-radius:3px;padding:0 2px;cursor:help}
.fig.verified{background:#d4f4d4}.fig.derived{background:#d4e8fb}.fig.mismatch{background:#ffc9c9}
.fig.unsupported{background:#ffe3a8}.fig.inconsistent{background:#f3c4f3}.fig.ignored{color:#888}
.fig.unchecked{background:#eee}
.legend span{margin-right:1em}.summary td,.summary th{padding:2px 10px;border-bottom:1px solid #ddd}
"""


def _title(f: Finding) -> str:
    parts = [STATUS_NAMES.get(f.status, f.status), f.source, f.message]
    if f.expected:
        parts.append(f"应为 expected: {f.expected}")
    return " · ".join(p for p in parts if p)


def highlight(text: str, findings: tuple[Finding, ...]) -> str:
    out, pos = [], 0
    for f in sorted(findings, key=lambda f: f.start):
        if f.start < pos or f.end <= f.start or f.end > len(text):
            continue
        out += [
            html.escape(text[pos : f.start]),
            f'<span class="fig {f.status}" title="{html.escape(_title(f))}">{html.escape(text[f.start : f.end])}</span>',
        ]
        pos = f.end
    out.append(html.escape(text[pos:]))
    return "".join(out)


def _summary(report: CheckReport) -> str:
    counts = report.summary
    head = "".join(f"<th>{html.escape(k)}</th>" for k in counts)
    row = "".join(f"<td>{v}</td>" for v in counts.values())
    return f'<table class="summary"><tr>{head}</tr><tr>{row}</tr></table>'


def legend() -> str:
    items = "".join(f'<span class="fig {s}">{html.escape(STATUS_NAMES[s])}</span>' for s in STATUSES)
    return f'<p class="legend">{items}</p>'


def render_report_html(text: str, report: CheckReport, title: str = "") -> str:
    """A full HTML page: title, legend, summary, then the text with every figure marked."""
    title = title or report.path or "Drafter check"
    return (
        f'<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
        f"<style>{CSS}</style></head><body>\n<h1>{html.escape(title)}</h1>\n{legend()}\n{_summary(report)}\n"
        f'<div class="draft">{highlight(text, report.findings)}</div>\n</body></html>\n'
    )


def render_html(draft: Draft, source: SourceData | None = None) -> str:
    """The check page of a whole draft (its markdown), checked against `source` or the draft's metrics file."""
    if source is None and draft.metrics_path and Path(draft.metrics_path).is_file():
        source = load_source(Path(draft.metrics_path))
    text = render_markdown(draft)
    return render_report_html(text, check_text(text, source), title=draft.report.region or "draft")
