"""The parts of a check page that survive printing: the counts in Chinese and English, and the list of
findings (status, figure, expected, why), the wrong ones first — the text's hover tooltips do not print."""

from __future__ import annotations

import html

from drafter.core.types import CheckReport, Finding

STATUS_NAMES = {  # a finding's status as the page says it
    "verified": "已核实 verified",
    "derived": "由公式推出 derived",
    "mismatch": "与来源不符 mismatch",
    "unsupported": "无来源 unsupported",
    "inconsistent": "前后矛盾 inconsistent",
    "ignored": "非统计数字 ignored",
    "unchecked": "未核对 unchecked",
}
COUNT_NAMES = {  # summary key -> the column header
    "figures": "数字 figures",
    **STATUS_NAMES,
    "claims": "表述 claims",
    "wrong_claims": "错误表述 wrong claims",
    "gaps": "待补充 gaps",
}
# the order a reviewer reads them in: what is wrong, what has no source, what was not checked, what is right
ORDER = {"mismatch": 0, "inconsistent": 0, "unsupported": 1, "unchecked": 2, "derived": 3, "verified": 3}


def counts_line(summary: dict[str, int], *, all_counts: bool = False) -> str:
    """The counts in one line, each in Chinese and English (数字 figures 79 · 由公式推出 derived 10 · …): zero counts
    left out unless `all_counts` (the figures always said)."""
    return " · ".join(
        f"{COUNT_NAMES.get(k, k)} {v}" for k, v in summary.items() if v or all_counts or k == "figures"
    )


HEAD = ("序号 no.", "行 line", "状态 status", "数字或表述 figure", "应为 expected", "原因 why")


def counts_table(report: CheckReport) -> str:
    """The summary counts, each column headed in Chinese and English."""
    counts = report.summary
    head = "".join(f"<th>{html.escape(COUNT_NAMES.get(k, k))}</th>" for k in counts)
    row = "".join(f"<td>{v}</td>" for v in counts.values())
    return f'<table class="summary"><tr>{head}</tr><tr>{row}</tr></table>'


def listed(report: CheckReport) -> list[Finding]:
    """Every finding but the ignored numbers (years, 文号 …): wrong ones first, then in the order of the text."""
    kept = [f for f in report.findings if f.status in ORDER]
    return sorted(kept, key=lambda f: (ORDER[f.status], f.start))


def findings_list(report: CheckReport, names: dict[str, str]) -> str:
    """The printable list under the text; a line saying so when there is nothing to list."""
    rows = listed(report)
    title = "<h2>核对结果清单 / findings</h2>"
    if not rows:
        return f'{title}\n<p class="findings-none">没有需要列出的数字 / no figure to list</p>'
    head = "".join(f"<th>{html.escape(h)}</th>" for h in HEAD)
    body = "".join(_row(number, f, names) for number, f in enumerate(rows, start=1))
    return f'{title}\n<table class="findings"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _row(number: int, f: Finding, names: dict[str, str]) -> str:
    why = " ".join(part for part in (f.message, f.source) if part)
    cells = (str(number), str(f.line), names.get(f.status, f.status), f.text, f.expected, why)
    tds = "".join(f"<td>{html.escape(cell)}</td>" for cell in cells)
    return f'<tr class="{html.escape(f.status)}">{tds}</tr>'
