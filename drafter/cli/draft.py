"""`drafter draft` and `drafter section`: parse flags, call drafter.drafting.run / .redraft, print."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from drafter.core.config import Settings
from drafter.core.errors import InputError

BACKEND_HELP = "offline（默认，无需联网）| openai（任何 OpenAI 兼容接口）"


def register(app: typer.Typer) -> None:
    app.command("draft")(draft)
    app.command("section")(section)


def _settings(**flags: Any):  # -> Settings

    return Settings.load(**flags)


def draft(
    metrics: Annotated[Path, typer.Argument(help="指标数据文件 / metrics file (.yaml .json .xlsx)")],
    out: Annotated[Path, typer.Option("-o", "--out", help="输出目录 / output directory")],
    backend: Annotated[str | None, typer.Option("--backend", help=BACKEND_HELP)] = None,
    model: Annotated[str | None, typer.Option("--model", help="模型名 / model name (DRAFTER_MODEL)")] = None,
    base_url: Annotated[
        str | None, typer.Option("--base-url", help="接口地址 / OpenAI-compatible base URL (OPENAI_BASE_URL)")
    ] = None,
    concurrency: Annotated[
        int | None, typer.Option("--concurrency", help="并发章节数 / sections drafted at once")
    ] = None,
    only: Annotated[
        list[str] | None,
        typer.Option("--only", help="只起草这些章节 / only these sections (ordinal, heading or id)"),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="不显示进度 / no progress, no table")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="输出 JSON 摘要 / JSON summary on stdout")] = False,
    last: Annotated[
        Path | None,
        typer.Option(
            "--from",
            help="去年的报告（.docx .pdf .doc .wps .html .md .txt）：沿用其结构和文字，数字按新数据更新 / carry last year's report forward",
        ),
    ] = None,
) -> None:
    """由指标数据起草自评报告 / Draft a report from a metrics file into OUT (draft.json, draft.md, draft.docx, check.json)."""
    from drafter.cli.carry import run_from

    if last is not None:
        settings = _settings(backend=backend, model=model, base_url=base_url, quiet=True)
        raise typer.Exit(run_from(metrics, last, out, settings, quiet=quiet, as_json=as_json))
    from drafter.drafting import stopped

    with stopped.saying(stopped.before_drafting(out)):  # the imports below take most of a second
        from drafter.drafting.run import run_draft

        settings = _settings(
            backend=backend,
            model=model,
            base_url=base_url,
            concurrency=concurrency,
            quiet=quiet or as_json or None,
        )
    outcome = run_draft(metrics, out, settings, only=tuple(only or ()), progress=not (quiet or as_json))
    with stopped.saying(stopped.after_writing(out)):
        _say_drafted(outcome, quiet=quiet, as_json=as_json)
    raise typer.Exit(outcome.exit_code)


def _say_drafted(outcome: Any, *, quiet: bool, as_json: bool) -> None:
    if outcome.data_changed and not as_json:
        typer.secho(
            "数据已变更：未锁定的章节已按新数据重新起草，手工修改（已锁定）的章节保留。"
            " / the metrics file changed: unlocked sections were drafted again, locked ones kept.",
            fg="yellow",
            err=True,
        )
    if as_json:
        typer.echo(json.dumps(draft_summary(outcome), ensure_ascii=False, indent=2))
    elif quiet:
        _print_failed_quietly(outcome)  # -q prints nothing but errors: a section that failed is one
    else:
        _print_draft(outcome)
        kept = _kept_line(outcome)
        if kept:
            typer.echo(kept, err=True)


def _print_failed_quietly(outcome: Any) -> None:
    from drafter.drafting.run import NOT_DRAFTED

    for sid in outcome.failed:
        section = outcome.draft.section(sid)
        error = section.provenance.error or "not drafted"
        if error != NOT_DRAFTED:
            typer.secho(
                f"✗ {section.spec.shown}: {error} — 再运行一次同一命令即可重试 / run the same command again to retry",
                fg="red",
                err=True,
            )


def _kept_line(outcome: Any) -> str:
    """A rerun on the same OUT says what it kept of the run before (a resumed run read like a fresh one)."""
    drafted, failed = set(outcome.drafted), set(outcome.failed)
    kept = [s for s in outcome.draft.sections if s.spec.id not in drafted and s.spec.id not in failed]
    if not kept:
        return ""
    if not drafted:
        return (
            f"数据未变：沿用上次已完成的全部 {len(kept)} 个章节，未重新起草（重写某一节用 drafter section）"
            f" / the data did not change: all {len(kept)} sections kept from the last run (drafter section redrafts one)"
        )
    return (
        f"沿用上次已完成的 {len(kept)} 个章节，本次起草 {len(drafted)} 个"
        f" / kept {len(kept)} sections from the last run, drafted {len(drafted)}"
    )


def draft_summary(outcome: Any) -> dict[str, Any]:
    return {
        "out_dir": str(outcome.out_dir),
        "exit_code": outcome.exit_code,
        "failed": list(outcome.failed),
        "drafted": list(outcome.drafted),
        "data_changed": outcome.data_changed,
        "check": outcome.check.summary,
        "sections": [
            {
                "id": s.spec.id,
                "ordinal": s.spec.ordinal,
                "heading": s.spec.heading,
                "status": s.status,
                "backend": s.provenance.backend,
                "model": s.provenance.model,
                "seconds": s.provenance.seconds,
                "error": s.provenance.error,
            }
            for s in outcome.draft.sections
        ],
    }


# a section's figures to check (its years, 文号 and ordinals left out: a header's "figures 2, ok 0" read as a
# failure to a clerk), those proven, those to look at
COUNT_COLUMNS = ("figures", "ok", "problems")


def _count_cells(c: dict) -> tuple[str, str, str]:
    checked = c.get("figures", 0) - c.get("ignored", 0)
    return str(checked), str(c.get("verified", 0) + c.get("derived", 0)), str(_problems(c))


def _print_draft(outcome: Any) -> None:
    from rich.console import Console
    from rich.table import Table

    from drafter.outdir.edits import read_markdown
    from drafter.outdir.outputs import section_counts

    counts = section_counts(read_markdown(outcome.out_dir, outcome.draft), outcome.check)
    table = Table(title=f"{outcome.draft.report.region} → {outcome.out_dir}")
    for column in ("章节 section", "status", "backend", "s", *COUNT_COLUMNS):
        table.add_column(
            column, justify="right" if column in ("s", *COUNT_COLUMNS) else "left", overflow="fold"
        )
    for s in outcome.draft.sections:
        c = counts.get(s.spec.id, {})
        style = "red" if s.status == "failed" or _problems(c) else None
        table.add_row(
            s.spec.shown,
            s.status,
            s.provenance.backend,
            f"{s.provenance.seconds:.1f}",
            *_count_cells(c),
            style=style,
        )
    console = Console()
    console.print(table)
    console.print(_check_line(outcome.check.summary))
    _print_failed(console, outcome)


def _print_failed(console: Any, outcome: Any) -> None:
    """A line per section that failed; the sections `--only` left out are one line, not a failure each."""
    from rich.markup import escape

    from drafter.drafting.run import NOT_DRAFTED

    errors = {sid: outcome.draft.section(sid).provenance.error or "not drafted" for sid in outcome.failed}
    left_out = [sid for sid, error in errors.items() if error == NOT_DRAFTED]
    for sid, error in errors.items():
        if sid not in left_out:
            heading = outcome.draft.section(sid).spec.shown
            console.print(
                f"[red]✗ {escape(heading)}[/]: {escape(error)} — 再运行一次同一命令即可重试 / run the same command "
                "again to retry",
                highlight=False,
                markup=True,
            )
    if left_out:
        console.print(
            f"[yellow]另有 {len(left_out)} 个章节还没有起草（--only 只起草所选章节）；不带 --only 再运行即可起草全部 / "
            f"{len(left_out)} other sections are not drafted yet (--only drafts the sections named): run the "
            "command without --only to draft them all[/]",
            highlight=False,
        )


def _problems(counts: dict[str, int]) -> int:
    return sum(counts.get(k, 0) for k in ("mismatch", "unsupported", "inconsistent"))


def _check_line(summary: dict[str, int]) -> str:
    from drafter.export.html_findings import counts_line

    line = f"核对 check: {counts_line(summary, all_counts=True)}"
    if summary.get("gaps"):
        line += f"\n还有 {summary['gaps']} 处【待补充】须补写 / {summary['gaps']} gap(s) left to fill in"
    return line


def section(
    out: Annotated[Path, typer.Argument(help="草稿目录 / a draft directory made by `drafter draft`")],
    section_id: Annotated[
        str | None,
        typer.Option(
            "--section",
            "-s",
            help="章节：序号（四、（三））、标题或指标代码 / the section: its ordinal (四, （三）), heading or indicator code",
        ),
    ] = None,
    instructions: Annotated[
        str, typer.Option("--instructions", "-i", help="修改要求 / instructions for this section")
    ] = "",
    backend: Annotated[str | None, typer.Option("--backend", help=BACKEND_HELP)] = None,
    model: Annotated[str | None, typer.Option("--model", help="模型名 / model name")] = None,
    base_url: Annotated[
        str | None, typer.Option("--base-url", help="接口地址 / OpenAI-compatible base URL")
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="覆盖手工修改 / overwrite a hand-edited (locked) section")
    ] = False,
    list_all: Annotated[
        bool, typer.Option("--list", help="列出章节 / list sections, status and check counts")
    ] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="不显示差异 / print nothing but errors")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="输出 JSON / JSON on stdout")] = False,
) -> None:
    """重新起草一个章节 / Draft one section of OUT again; the rest of draft.md stays byte-identical, hand edits stay locked."""
    if list_all:
        raise typer.Exit(_list(out, as_json))
    if not section_id:
        raise InputError(
            "请指明章节 / say which section",
            key="--section",
            hint="例如 --section 四，或用 --list 查看全部章节 / e.g. --section 四, or --list to see them",
        )
    from drafter.drafting import stopped

    with stopped.saying(stopped.section_left(out)):
        from drafter.drafting.redraft import regenerate

        settings = _settings(backend=backend, model=model, base_url=base_url, quiet=quiet or None)
        outcome = regenerate(out, section_id, settings, instructions=instructions, force=force)
    with stopped.saying(stopped.section_saved(out)):
        _say_regenerated(outcome, settings, quiet=quiet, as_json=as_json)
    raise typer.Exit(outcome.check.exit_code)


def _say_regenerated(outcome: Any, settings: Any, *, quiet: bool, as_json: bool) -> None:
    if as_json:
        typer.echo(
            json.dumps(
                {
                    "section": outcome.section.spec.id,
                    "status": outcome.section.status,
                    "imported": list(outcome.imported),
                    "check": outcome.check.summary,
                    "diff": outcome.diff,
                    "exit_code": outcome.check.exit_code,
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    elif not quiet:
        _print_regen(outcome, settings)


def _print_regen(outcome: Any, settings: Any) -> None:
    from rich.console import Console
    from rich.syntax import Syntax

    console = Console()
    for sid in outcome.imported:
        shown = next((s.spec.shown for s in outcome.draft.sections if s.spec.id == sid), sid)
        console.print(f"[yellow]已导入并锁定手工修改 / hand edits imported and locked:[/] {shown}")
    unchanged = f"（{outcome.section.spec.shown}：未改动 / no change）\n"
    console.print(Syntax(outcome.diff or unchanged, "diff", word_wrap=True))
    provenance = outcome.section.provenance
    if provenance.instructions and provenance.backend == "offline":
        from drafter.drafting.instructions import explain, parse_instructions
        from drafter.drafting.prompts import load_prompts

        prompts = load_prompts(settings.prompts_dir)
        intent = parse_instructions(provenance.instructions)
        note = explain(prompts, intent, outcome.section.spec.kind, changed=bool(outcome.diff))
        console.print(f"[yellow]{note}[/]", highlight=False)
    console.print(_check_line(outcome.check.summary))


def _list(out: Path, as_json: bool) -> int:
    from rich.console import Console
    from rich.table import Table

    from drafter.drafting.redraft import list_sections

    rows = list_sections(out)
    if as_json:
        typer.echo(json.dumps([r.__dict__ for r in rows], ensure_ascii=False, indent=2))
        return 0
    table = Table()
    for column in ("id", "序号", "标题 heading", "status", *COUNT_COLUMNS):
        table.add_column(column, overflow="fold")
    for r in rows:
        table.add_row(r.id, r.ordinal, r.heading, r.status, *_count_cells(r.counts))
    Console().print(table)
    return 0
