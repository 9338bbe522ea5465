"""`drafter import OUT EDITED.docx`: parse, call drafter.outdir.word_import, print what changed and what is flagged."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer


def register(app: typer.Typer) -> None:
    app.command("import")(import_docx)


def import_docx(
    out: Annotated[Path, typer.Argument(help="草稿目录 / a draft directory made by `drafter draft`")],
    edited: Annotated[Path, typer.Argument(help="在 Word/WPS 中修改过的 .docx / the edited Word file")],
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="只输出错误 / print nothing but errors")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="输出 JSON / JSON on stdout")] = False,
) -> None:
    """导入在 Word/WPS 中的修改 / Bring Word/WPS edits back: changed sections are locked, the others stay byte-identical, all is re-checked."""
    from drafter.outdir.store import load_draft
    from drafter.outdir.word_import import import_word

    outcome = import_word(out, edited, _source(load_draft(out).metrics_path))
    if as_json:
        typer.echo(json.dumps(_summary(outcome), ensure_ascii=False, indent=2))
    elif not quiet:
        _print(outcome, edited)
    raise typer.Exit(outcome.check.exit_code)


def _source(metrics_path: str):  # -> SourceData | None
    from drafter.core.errors import InputError
    from drafter.source.load import load_source

    try:
        return load_source(Path(metrics_path)) if metrics_path else None
    except InputError:
        return None  # the metrics file moved: check the text against itself


def _summary(outcome: Any) -> dict[str, Any]:
    return {
        "changed": [{"section": c.section_id, "parts": list(c.parts)} for c in outcome.changes],
        "pending_revisions": {"insertions": outcome.insertions, "deletions": outcome.deletions},
        "hand_edits": list(outcome.hand_edits),
        "conflicts": list(outcome.conflicts),
        "check": outcome.check.summary,
        "flagged": [
            {
                "section": f.section,
                "text": f.text,
                "status": f.status,
                "expected": f.expected,
                "message": f.message,
            }
            for f in outcome.check.problems
        ],
        "exit_code": outcome.check.exit_code,
    }


def _print(outcome: Any, edited: Path) -> None:
    from rich.console import Console

    console = Console(highlight=False)
    if outcome.insertions or outcome.deletions:
        console.print(
            f"[yellow]注意：{edited.name} 中仍有未处理的修订（插入 {outcome.insertions} 处、删除 {outcome.deletions} 处），"
            f"已按“全部接受”读取 / tracked changes were still pending: read as if all were accepted[/]"
        )
    for sid in outcome.conflicts:
        console.print(
            f"[yellow]{sid}: draft.md 与 Word 中都改过，采用 Word 的文本 / edited in both: Word's text kept[/]"
        )
    sections = {s.spec.id: s for s in outcome.draft.sections}
    if not outcome.changes:
        console.print("没有章节改动 / no section changed")
    for change in outcome.changes:
        spec = sections[change.section_id].spec
        parts = "、".join({"text": "正文", "heading": "标题", "tables": "表格"}[p] for p in change.parts)
        console.print(f"[green]已导入并锁定[/] {spec.numbered_heading or spec.id} ({spec.id}): {parts}")
    _print_flags(console, outcome)


def _print_flags(console: Any, outcome: Any) -> None:
    from rich.table import Table

    summary = outcome.check.summary
    console.print(
        f"check: {summary['figures']} figures — "
        + ", ".join(f"{k} {v}" for k, v in summary.items() if k != "figures")
    )
    if not outcome.check.problems:
        console.print("[green]没有需要处理的数字 / no figure flagged[/]")
        return
    table = Table(title="需要处理的数字 / flagged figures")
    for column in ("章节 section", "数字 figure", "状态 status", "应为 expected", "原因 why"):
        table.add_column(column, overflow="fold")
    from drafter.cli.check import STATUS_WORDS

    for f in outcome.check.problems:  # the status in Chinese first, as `drafter check` says it
        table.add_row(
            f.section, f.text, f"{STATUS_WORDS.get(f.status, '')}\n{f.status}".strip(), f.expected, f.message
        )
    console.print(table)
