"""Show an eval run: a rich console table (cases × scorers) and OUT/report.html with a page per case.

With a comparison, both show before → after per scorer and the case cells that changed, regressions
marked ▼ (beyond tolerance) and improvements ▲.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from drafter.core.files import write_text_atomic
from drafter.evaluation.compare import Comparison, Delta
from drafter.evaluation.pages import case_page, page


def pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}" if value in (0.0, 1.0) else f"{value:.1%}"


def delta_text(d: Delta) -> str:
    mark = " ▼" if d.regressed else " ▲" if d.improved else ""
    return f"{pct(d.before)} → {pct(d.after)} ({d.change:+.1%}){mark}"


# ---------------------------------------------------------------- console
def _cell(result: dict[str, Any], scorer: str) -> str:
    score = result.get("scores", {}).get(scorer)
    if result["status"] != "ok":
        return "[dim]error[/]"
    if score is None:
        return "—"
    return f"[{'green' if score['passed'] else 'red'}]{pct(score['value'])}[/]"


def results_table(results: dict[str, Any]) -> Any:
    from rich.table import Table

    meta = results["meta"]
    table = Table(
        title=f"drafter eval · {meta['backend']} {meta['model']} · {len(results['cases'])} cases "
        f"· {meta.get('seconds', 0):.1f} s"
    )
    table.add_column("case", no_wrap=True)
    for scorer in results["scorers"]:
        table.add_column(scorer, justify="right")
    table.add_column("s", justify="right")
    for name, result in results["cases"].items():
        mark = " (cached)" if result.get("cached") else ""
        table.add_row(
            name + mark, *(_cell(result, s) for s in results["scorers"]), f"{result.get('seconds', 0):.1f}"
        )
    means = [pct(results["summary"].get(s, {}).get("mean")) for s in results["scorers"]]
    table.add_row("[bold]mean[/]", *means, "", end_section=True)
    return table


def comparison_tables(comparison: Comparison) -> list[Any]:
    from rich.table import Table

    means = Table(title=f"compared with {comparison.before_path}")
    for col in ("scorer", "before", "after", "Δ", ""):
        means.add_column(col, justify="left" if col == "scorer" else "right")
    for d in comparison.scorers:
        flag = "[red]▼ regression[/]" if d.regressed else "[green]▲[/]" if d.improved else ""
        means.add_row(d.scorer, pct(d.before), pct(d.after), f"{d.change:+.1%}", flag)
    cells = Table(title="cases that changed")
    for col in ("case", "scorer", "before → after"):
        cells.add_column(col)
    for d in comparison.cases:
        colour = "red" if d.regressed else "green" if d.improved else "white"
        cells.add_row(d.case, d.scorer, f"[{colour}]{delta_text(d)}[/]")
    for case, old, new in comparison.status:
        cells.add_row(case, "status", f"[{'red' if new == 'error' else 'green'}]{old} → {new}[/]")
    return [means, cells] if comparison.cases or comparison.status else [means]


def print_console(results: dict[str, Any], comparison: Comparison | None = None, console: Any = None) -> None:
    from rich.console import Console

    if console is None:
        console = Console()
        if not console.is_terminal:  # a file or a pipe: wide enough for every column
            console = Console(width=max(console.width, 150))
    console.print(results_table(results))
    for name, result in results["cases"].items():
        if result["status"] != "ok":
            console.print(f"[red]✗ {name}[/]: {result['error']}")
    if comparison is not None:
        for key, (old, new) in comparison.changed.items():
            console.print(f"[dim]changed since the earlier run:[/] {key}: {old} → {new}")
        for table in comparison_tables(comparison):
            console.print(table)
        n = len(comparison.regressions)
        console.print(f"[red]{n} regression(s) beyond tolerance[/]" if n else "[green]no regression[/]")


# ---------------------------------------------------------------- html
def _html_cell(name: str, result: dict[str, Any], scorer: str) -> str:
    score = result.get("scores", {}).get(scorer)
    if result["status"] != "ok" or score is None:
        return '<td class="err">error</td>' if result["status"] != "ok" else "<td>—</td>"
    tips = "\n".join(i["message"] for i in score.get("issues", [])[:8])
    return (
        f'<td class="{"pass" if score["passed"] else "fail"}" title="{html.escape(tips)}">'
        f'<a href="drafts/{html.escape(name)}.html">{pct(score["value"])}</a></td>'
    )


def cases_table_html(results: dict[str, Any]) -> str:
    head = "".join(f"<th>{s}</th>" for s in results["scorers"])
    rows = [
        f'<tr><td><a href="drafts/{html.escape(n)}.html">{html.escape(n)}</a></td>'
        + "".join(_html_cell(n, r, s) for s in results["scorers"])
        + "</tr>"
        for n, r in results["cases"].items()
    ]
    means = "".join(
        f"<td><b>{pct(results['summary'].get(s, {}).get('mean'))}</b></td>" for s in results["scorers"]
    )
    return f"<table><tr><th>case</th>{head}</tr>{''.join(rows)}<tr><td><b>mean</b></td>{means}</tr></table>"


def comparison_html(comparison: Comparison) -> str:
    def row(d: Delta, first: str) -> str:
        cls = "reg" if d.regressed else "imp" if d.improved else ""
        return f'<tr><td>{html.escape(first)}</td><td class="{cls}">{html.escape(delta_text(d))}</td></tr>'

    changed = "".join(
        f"<li>{html.escape(k)}: {html.escape(str(o))} → {html.escape(str(n))}</li>"
        for k, (o, n) in comparison.changed.items()
    )
    means = "".join(row(d, d.scorer) for d in comparison.scorers)
    cells = "".join(row(d, f"{d.case} · {d.scorer}") for d in comparison.cases)
    n = len(comparison.regressions)
    return (
        f"<h2>Compared with {html.escape(comparison.before_path)}</h2><ul>{changed}</ul>"
        f'<p class="{"reg" if n else "imp"}">{n} regression(s) beyond tolerance</p>'
        f"<table><tr><th>scorer (mean)</th><th>before → after</th></tr>{means}</table>"
        f"<h3>Cases that changed</h3><table>{cells or '<tr><td>none</td></tr>'}</table>"
    )


def meta_html(meta: dict[str, Any]) -> str:
    keys = ("backend", "model", "git_commit", "drafter_version", "knowledge_hash", "started_at", "seconds")
    items = "".join(f"<li>{k}: {html.escape(str(meta.get(k, '')))}</li>" for k in keys)
    return f"<ul>{items}<li>case set: {meta['case_set']['fingerprint']}</li></ul>"


def write_report(out_dir: Path, results: dict[str, Any], comparison: Comparison | None = None) -> Path:
    """OUT/report.html and OUT/drafts/<case>.html."""
    out_dir = Path(out_dir)
    for name, result in results["cases"].items():
        write_text_atomic(
            out_dir / "drafts" / f"{name}.html", case_page(name, result, out_dir / "cases" / name)
        )
    body = f"<h1>drafter eval</h1>{meta_html(results['meta'])}{cases_table_html(results)}" + (
        comparison_html(comparison) if comparison else ""
    )
    path = out_dir / "report.html"
    write_text_atomic(path, page("drafter eval", body))
    return path
