"""`drafter draft NEW --from LAST -o OUT`: parse, call drafter.carry.run, print the review list and the check."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer


def run_from(metrics: Path, last: Path, out: Path, settings: Any, *, quiet: bool, as_json: bool) -> int:
    from drafter.drafting import stopped

    with stopped.saying(stopped.before_drafting(out)):  # the imports below take most of a second
        from drafter.carry.run import run_carry

    outcome = run_carry(metrics, last, out, settings)
    with stopped.saying(stopped.after_writing(out)):
        if as_json:
            typer.echo(json.dumps(summary(outcome), ensure_ascii=False, indent=2))
        elif not quiet:
            print_outcome(outcome)
    return outcome.exit_code


def summary(outcome: Any) -> dict[str, Any]:
    counts: dict[str, int] = {}
    for c in outcome.changes:
        counts[c.status] = counts.get(c.status, 0) + 1
    return {
        "out_dir": str(outcome.out_dir),
        "exit_code": outcome.exit_code,
        "changes": counts,
        "added": list(outcome.added),
        "dropped": list(outcome.dropped),
        "kept_locked": list(outcome.kept_locked),
        "notes": list(outcome.notes),
        "check": outcome.check.summary,
        "review": list(outcome.review),
    }


def print_outcome(outcome: Any) -> None:
    from rich.console import Console

    console = Console(highlight=False)
    counts = summary(outcome)["changes"]
    console.print(
        f"沿用去年报告 / carried forward → {outcome.out_dir}: 更新 updated {counts.get('updated', 0)}，"
        f"重算 recomputed {counts.get('recomputed', 0)}，待核实 for review {counts.get('kept-for-review', 0)}"
    )
    for note in outcome.notes:
        console.print(f"[yellow]注意 / note: {note}[/]")
    if outcome.added:
        console.print("新数据新增的指标（常规起草）/ added from the new data: " + ", ".join(outcome.added))
    for section in summary(outcome)["review"]:
        items = "；".join(f"{i['text']}（{i['context']}）" for i in section["items"][:12])
        more = f" …+{len(section['items']) - 12}" if len(section["items"]) > 12 else ""
        console.print(f"[bold]{section['heading']}[/] 待核实 {len(section['items'])}: {items}{more}")
    s = outcome.check.summary
    console.print(
        f"check: {s['figures']} figures — " + ", ".join(f"{k} {v}" for k, v in s.items() if k != "figures")
    )
    console.print("changes.json, redline.docx (修订模式 / tracked changes) written.")
