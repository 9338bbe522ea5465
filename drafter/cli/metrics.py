"""`drafter metrics validate FILE` and `drafter metrics template -o FILE(.xlsx|.yaml)`: parse, call, print."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from drafter.cli.overwrite import force_option, refuse_existing
from drafter.core.errors import InputError
from drafter.core.files import write_text_atomic
from drafter.core.types import PART_FACTS

metrics_app = typer.Typer(
    help="指标数据文件：校验与模板 / metrics files: validate and template", no_args_is_help=True
)


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _report_table(source: Any, encoding: str) -> Any:
    from rich.table import Table

    table = Table(title=f"报告信息 report ({source.path})", show_header=False, title_justify="left")
    for name, value in vars(source.report).items():
        if value not in ("", None):
            table.add_row(name, str(value))
    if encoding not in ("utf-8", "xlsx"):
        table.add_row("encoding", f"{encoding.upper()} (not UTF-8; read it as {encoding.upper()})")
    facts = sum(len(v) for code, v in source.facts.items() if code not in PART_FACTS)  # self_check is its own
    counts = (
        f"{len(source.metrics)} 项指标 metrics, {facts} 条事实 facts, "
        f"{len(source.rectification)} 条整改 rectification, {len(source.problems)} 条问题 problems, "
        f"{len(source.plans)} 条措施 plans, {len(source.experiences)} 条经验 experiences, "
        f"{len(source.self_check)} 条自查 self-check"
    )
    table.add_row("contents", counts)
    return table


def _indicator_table(title: str, metrics: list[Any]) -> Any:
    from rich.table import Table

    years = sorted({y for m in metrics for y in m.values})
    table = Table(title=title, title_justify="left")
    for column in ("key", "label", "unit", *map(str, years), "target"):
        numeric = column[:1].isdigit()
        table.add_column(column, justify="right" if numeric else "left", overflow="fold", no_wrap=numeric)
    for m in metrics:
        target = f"{m.target.relation} {_fmt(m.target.value)}" if m.target else ""
        cells = [_fmt(m.values[y]) if y in m.values else "" for y in years]
        table.add_row(m.key, m.label, m.unit, *cells, target)
    return table


def _print_source(source: Any, encoding: str, taxonomy: Any) -> None:
    from rich.console import Console

    console = Console()
    console.print(_report_table(source, encoding))
    for code in source.indicators():
        metrics = [m for m in source.metrics if m.indicator == code]
        indicator = taxonomy.indicator(code)
        facts = len(source.facts.get(code, ()))
        title = f"{code} {indicator.name if indicator else ''} — {len(metrics)} metrics, {facts} facts"
        console.print(_indicator_table(title, metrics) if metrics else title)


@metrics_app.command("validate")
def validate(
    file: Annotated[Path, typer.Argument(help="指标数据文件 / metrics file: .yaml .yml .json .xlsx")],
) -> None:
    """校验指标数据文件 / Print what the file holds (a table per indicator), or every problem at once (exit 2)."""
    from drafter.source.load import default_taxonomy, load_source, read_raw, source_warnings, validate_file

    taxonomy = default_taxonomy()
    problems = validate_file(file, taxonomy)
    # data meant only for checking a report may leave out who issues it and its round (`check --metrics` fills them)
    check_only = bool(problems) and not validate_file(file, taxonomy, for_checking=True, log_notes=False)
    if problems and not check_only:
        typer.secho(
            f"{file} 中有 {len(problems)} 个问题 / {len(problems)} problem(s) in {file}:", fg="red", err=True
        )
        for problem in problems:
            typer.echo(f"  - {problem}", err=True)
        raise typer.Exit(2)
    # its warnings are printed below the table, once
    source = load_source(file, taxonomy, log_warnings=False, for_checking=check_only)
    _print_source(source, read_raw(file, log_notes=False)[1], taxonomy)
    for line in source_warnings(source, taxonomy):
        typer.secho(f"警告 / warning: {line}", fg="yellow", err=True)
    if check_only:
        typer.secho(
            f"OK: {file} 可用于核对报告（drafter check --metrics）/ is valid for checking a report. "
            "用它起草报告还需补上 / to draft from it, add:",
            fg="green",
        )
        for problem in problems:
            typer.echo(f"  - {problem}")
        return
    typer.secho(f"OK: {file} 是有效的指标数据文件 / is a valid metrics file.", fg="green")


@metrics_app.command("template")
def template(
    output: Annotated[Path, typer.Option("-o", "--output", help="输出文件 / FILE.xlsx or FILE.yaml")],
    force: Annotated[bool, force_option()] = False,
) -> None:
    """生成可填写的模板 / Write a template staff can fill in: an Excel workbook with drop-downs, or a commented YAML file."""
    from drafter.source.load import default_taxonomy
    from drafter.source.yaml_template import yaml_template

    taxonomy, suffix = default_taxonomy(), output.suffix.lower()
    if suffix in (".xlsx", ".yaml", ".yml"):
        refuse_existing(output, force)  # a filled-in workbook of the same name would be wiped
    if suffix == ".xlsx":
        from drafter.source.xlsx_template import write_template

        write_template(output, taxonomy)
    elif suffix in (".yaml", ".yml"):
        write_text_atomic(output, yaml_template(taxonomy))
    else:
        raise InputError(
            f"无法写成 {suffix or '无扩展名'} 模板 / cannot write a template as {suffix or 'a file without extension'}",
            path=str(output),
            hint="请用 -o 文件.xlsx（Excel）或 -o 文件.yaml / use -o FILE.xlsx (Excel) or -o FILE.yaml",
        )
    typer.echo(f"已写入 / wrote {output}")


def register(app: typer.Typer) -> None:
    app.add_typer(metrics_app, name="metrics")
