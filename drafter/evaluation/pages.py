"""One HTML page per case: its scores and issues, then the draft with every figure highlighted by checker status.

Uses the checker's own highlighter (`drafter.export.html`) for a draft.md and its check.json.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

from drafter.core.types import Finding
from drafter.export.html import CSS as EXPORT_CSS
from drafter.export.html import highlight as export_highlight
from drafter.export.html import legend
from drafter.outdir.names import CHECK_FILE, MD_FILE

SECTION_MARK = re.compile(r"^&lt;!-- section: ([\w.\-]+) --&gt;\n\n?", re.M)


CSS = """body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:2em;max-width:60em}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25em .6em;text-align:left;vertical-align:top}
.pass{background:#e3f6e3}.fail{background:#fde2e2}.err{background:#eee}.reg{color:#b00;font-weight:bold}
.imp{color:#070}pre.draft{white-space:pre-wrap;font-family:FangSong,"Noto Serif CJK SC",serif;font-size:1.05em;
line-height:1.8;border:1px solid #ddd;padding:1em}
.legend span{margin-right:1em;padding:0 .4em}small{color:#666}"""


def page(title: str, body: str) -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
        f"<style>{CSS}</style></head><body>\n{body}\n</body></html>\n"
    )


def checker_highlight(text: str, findings: list[dict[str, Any]]) -> str:
    """The checker's own highlighter (drafter.export.html) over the findings of a check.json."""
    fields = set(Finding.__dataclass_fields__)
    return export_highlight(
        text, tuple(Finding(**{k: v for k, v in f.items() if k in fields}) for f in findings)
    )


def _checker_css() -> str:
    return EXPORT_CSS.replace("body{", ".x{").replace(
        ".draft{", ".x{"
    )  # keep this page's body and pre styles


def _unmark_sections(marked: str) -> str:
    """The escaped `<!-- section: ID -->` lines become anchors (offsets are already applied)."""
    return SECTION_MARK.sub(lambda m: f'<a id="{m.group(1)}"></a>', marked)


def draft_html(case_dir: Path) -> str:
    """The highlighted draft.md of a case directory ("" when there is none)."""
    md, check = Path(case_dir) / MD_FILE, Path(case_dir) / CHECK_FILE
    if not md.is_file():
        return ""
    text = md.read_text(encoding="utf-8")
    try:
        findings = (
            json.loads(check.read_text(encoding="utf-8")).get("findings", []) if check.is_file() else []
        )
    except (OSError, ValueError):
        findings = []
    return f'<style>{_checker_css()}</style><pre class="draft">{_unmark_sections(checker_highlight(text, findings))}</pre>'


def issues_html(result: dict[str, Any]) -> str:
    rows = []
    for scorer, score in result.get("scores", {}).items():
        for issue in score.get("issues", [])[:50]:
            where = html.escape(issue.get("section", ""))
            source = f" <small>{html.escape(issue['source'])}</small>" if issue.get("source") else ""
            rows.append(
                f"<tr><td>{scorer}</td><td>{where}</td><td>{html.escape(issue['message'])}{source}</td></tr>"
            )
    if not rows:
        return "<p>No issues.</p>"
    return "<table><tr><th>scorer</th><th>section</th><th>issue</th></tr>" + "".join(rows) + "</table>"


def case_page(name: str, result: dict[str, Any], case_dir: Path) -> str:
    cells = "".join(
        f'<td class="{"pass" if s["passed"] else "fail"}">{scorer}<br>{s["value"]:.0%}</td>'
        for scorer, s in result.get("scores", {}).items()
    )
    head = f'<p><a href="../report.html">← all cases</a></p><h1>{html.escape(name)}</h1>'
    if result.get("status") != "ok":
        return page(name, f'{head}<p class="err">error: {html.escape(result.get("error", ""))}</p>')
    body = (
        f"{head}<table><tr>{cells}</tr></table><h2>Issues</h2>{issues_html(result)}"
        f"<h2>Draft</h2>{legend()}{draft_html(case_dir)}"
    )
    return page(name, body)
