"""`drafter check DRAFT [--metrics METRICS] [--format table|json|html] [-o FILE]`: parse, call the checker, print."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Annotated

import typer

from drafter.cli.overwrite import refuse_existing
from drafter.core.errors import InputError
from drafter.core.types import places_alike
from drafter.drafting.stopped import saying

FORMATS = ("table", "json", "html")
STATUS_WORDS = {"mismatch": "与来源不符", "unsupported": "无来源", "inconsistent": "前后矛盾"}


def register(app: typer.Typer) -> None:
    app.command("check")(check)


def check(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="要核对的报告，或一个文件夹 / the report to check (.pdf .doc .wps .html .docx .md .txt), "
            "or several reports or folders (then -o REVIEW is a folder)"
        ),
    ],
    metrics: Annotated[
        list[Path] | None,
        typer.Option(
            "--metrics",
            "-m",
            help="来源数据 / the metrics file (YAML, JSON or XLSX); with several reports also several files "
            "or a folder of them, matched by region name",
        ),
    ] = None,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="输出格式 / table | json (check.json) | html (highlighted page); 不写时按 -o 的扩展名 "
            "/ by default from the -o extension: .json → json, .html → html, .txt/.md → table as plain text "
            "(an Excel summary: -o FOLDER/)",
        ),
    ] = None,
    output: Annotated[
        str | None,  # a str: a Path would drop the trailing / that asks for a folder
        typer.Option(
            "-o",
            "--output",
            help="一份报告：-o 结果.json / 结果.html / 结果.txt 写一个文件（格式按扩展名）； "
            "-o 审核结果/ （以 / 结尾或已存在的文件夹）写审核文件夹。 文件夹或多份报告： -o 总是文件夹。 "
            "/ one report: -o FILE writes one file (its format from the extension); "
            "-o REVIEW/ (ending in /, or an existing folder) writes a review folder. A folder or several "
            "reports: -o is always a folder, with or without the /",
        ),
    ] = None,
    timeout: Annotated[
        float, typer.Option("--timeout", help="每个文件最多用时（秒）/ seconds per report in a batch")
    ] = 120.0,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="-o 的文件已存在且不是以前的核对结果时也覆盖 / overwrite an -o file that exists and is not an "
            "earlier check result",
        ),
    ] = False,
    workers: Annotated[
        int,
        typer.Option(
            "--workers", min=0, help="同时核对的文件数 / reports checked at once (default: the cores)"
        ),
    ] = 0,
) -> None:
    """核对报告中的每一个数字；有需改正或无法核对的数字时退出码为 1，输入有误为 2 / Check every figure of a report; exit 0 when all are right, 1 when any is wrong or could not be checked (unsupported), 2 on bad input.

    给一个文件夹、几个文件或 -o 审核结果/（以 / 结尾或已有的文件夹）时，逐份核对并写入该文件夹（summary.json、summary.xlsx、index.html 和每份报告一页）；任一份有问题或打不开则退出码为 1。 / With a folder, several files, or -o REVIEW/ (ending in /, or an existing folder): every report is checked into REVIEW (summary.json, summary.xlsx, index.html and a page per report); exit 1 when any is flagged or unreadable."""  # noqa: E501 (one line: the help reflows it)
    _check_limits(timeout, workers)
    out = Path(output.rstrip("/\\") or output) if output is not None else None
    if out is not None:
        _never_over_an_input(paths, out)
    if len(paths) > 1 or paths[0].is_dir() or _names_a_folder(output):
        from drafter.cli.check_batch import check_batch

        raise typer.Exit(check_batch(paths, metrics or [], out, timeout=timeout, workers=workers))
    if metrics and len(metrics) > 1:
        raise InputError(
            "一份报告只对应一个数据文件 / one report takes one metrics file",
            key="--metrics",
            hint="请只写一次 --metrics / give --metrics once",
        )
    if out is not None and fmt is None and out.suffix.lower() not in ONE_FILE_SUFFIXES:
        raise InputError(
            f"一份报告的结果只能写成 .json、.html 或 .txt，不能写成 {out.suffix} / the result of one report is "
            f"written as .json, .html or .txt, not {out.suffix}",
            key="-o",
            hint="例如 -o 结果.html；要 Excel 汇总表请写文件夹 -o 审核结果/（内有 summary.xlsx）"
            " / e.g. -o result.html; for an Excel summary give a folder: -o REVIEW/ (it holds summary.xlsx)",
        )
    if out is not None and out.is_file() and not _earlier_result(out):
        refuse_existing(out, force)  # 报告.docx -o 总结.txt: someone's text, not a result to write again
    with saying(_stopped_one(out)):  # Ctrl-C: nothing to resume, the check starts again
        code = _check_one(paths[0], metrics[0] if metrics else None, format_for(fmt, out), out)
    raise typer.Exit(code)


def _stopped_one(out: Path | None) -> str:
    """What a single check stopped by Ctrl-C / SIGTERM left: no result (-o is written whole, at the end, or not at
    all); the same command checks the report again from the start."""
    where = f"{out} 没有写出（或仍是原来的文件）" if out is not None else "结果没有显示"
    there = f"{out} was not written (or is as it was)" if out is not None else "no result was shown"
    return (
        f"{where}；再次运行同一命令即可重新核对。 / {there}; run the same command again to check the report "
        "from the start."
    )


# the marks of what _check_one writes: check.json's summary, the page's highlighted figures, the table's title line
RESULT_MARKS = (('"summary"', '"findings"'), (".fig.verified{",), ("需要处理的数字 / figures to fix",))


def _earlier_result(path: Path) -> bool:
    """The file is a result `drafter check -o` wrote before (checked again after a fix, it is written again)."""
    try:
        with path.open("rb") as f:
            head = f.read(65536).decode("utf-8", errors="ignore")
    except OSError:
        return False
    return any(all(mark in head for mark in marks) for marks in RESULT_MARKS)


ONE_FILE_SUFFIXES = (".json", ".html", ".htm", ".txt", ".md", "")  # what _check_one writes as such


def _never_over_an_input(paths: list[Path], out: Path) -> None:
    """-o naming a report being checked (报告.docx -o 报告.docx) or the folder being checked would write the results
    over the reports, or among them (to be read as reports on the next run): refused before anything is read."""
    target = out.resolve()
    for path in paths:
        if path.exists() and path.resolve() == target:
            what = "文件夹" if path.is_dir() else "报告"
            raise InputError(
                f"-o {out} 就是要核对的{what}本身，结果会覆盖或混入原文件 / -o {out} is the "
                f"{'folder' if path.is_dir() else 'report'} being checked: the results would overwrite it or "
                "mix with it",
                key="-o",
                hint="请换一个名字，例如 -o 审核结果/ 或 -o 结果.html / give another name, e.g. -o REVIEW/ or "
                "-o result.html",
            )


def format_for(fmt: str | None, output: Path | None) -> str:
    """-f as given; else from the -o extension (结果.json → json, 结果.html → html), else table."""
    if fmt is not None:
        return fmt
    suffix = output.suffix.lower() if output is not None else ""
    return {".json": "json", ".html": "html", ".htm": "html"}.get(suffix, "table")


def _check_limits(timeout: float, workers: int) -> None:
    if timeout <= 0:
        raise InputError(
            f"每个文件的用时必须大于 0 秒 / must be more than 0 seconds, not {timeout:g}",
            key="--timeout",
            hint="例如 / e.g. --timeout 120",
        )
    if workers < 0:
        raise InputError(
            f"同时核对的文件数不能为负 / cannot be negative, not {workers}",
            key="--workers",
            hint="不写或写 0 表示按 CPU 核数 / leave it out (or 0) for one per core",
        )


def _names_a_folder(output: str | None) -> bool:
    """-o REVIEW/ (a trailing / or \\) or an existing folder: the review folder, even for one report."""
    return output is not None and (output.endswith(("/", "\\")) or Path(output).is_dir())


def _check_one(draft: Path, metrics: Path | None, fmt: str, output: Path | None) -> int:
    from drafter.checker.check import check_text
    from drafter.documents.read import read_document

    if fmt not in FORMATS:
        raise InputError(
            f"未知格式 / unknown format {fmt!r}", key="--format", hint="请用 / use table, json or html"
        )
    source = _load_metrics(metrics) if metrics else None
    doc = read_document(draft)
    if doc.note:
        typer.secho(f"注意 / note: {doc.path}: {doc.note}", fg="yellow", err=True)
    used = _for_this_report(doc, source, metrics)
    report = check_text(doc.text, used)
    report = dataclasses.replace(report, path=doc.path) if not report.path else report
    alone = "" if used is not None else OTHER_REGION if source is not None else NO_METRICS
    rendered = _render(fmt, doc.text, report, alone, to_file=output is not None)
    if output is not None:
        from drafter.core.files import write_text_atomic

        write_text_atomic(output, rendered)
        typer.echo(f"{output}: {_summary_line(report)}", err=fmt == "table")
    elif rendered:
        typer.echo(rendered)
    return report.exit_code


def _for_this_report(doc, source, metrics: Path | None):  # -> SourceData | None
    """The metrics to check the report with: none for a report of another region (抚顺市's report beside 阳泉市's
    data: its figures would be "wrong" against them), as a folder check does; a note when the report names no
    region and so not the file's."""
    from drafter.checker.reading import document_starts
    from drafter.review.words import other_region, other_region_note, region_not_named

    if source is None:
        return None
    region = source.report.region
    named = other_region(doc.title, Path(doc.path).name, doc.text, region)
    note = other_region_note(named, region, metrics) if named else region_not_named(doc.text, region, metrics)
    if note:
        typer.secho(f"注意 / note: {doc.path}: {note}", fg="yellow", err=True)
    starts = document_starts(doc.text)  # (第二篇 and the title line under it: one document)
    documents = 1 + sum(1 for a, b in zip(starts, starts[1:], strict=False) if b - a > 100)
    if documents > 1 and not named:
        typer.secho(
            f"注意 / note: {doc.path}: 文中有 {documents} 份文件，数据文件只是{region}的，其他文件中的数字会被判为不符；"
            f"请分开核对 / the text holds {documents} documents and the metrics are {region}'s only: figures of the "
            "others will be flagged — check them apart",
            fg="yellow",
            err=True,
        )
    return None if named else source


def _load_metrics(path: Path):
    from drafter.source.load import load_source

    return load_source(path, for_checking=True)


def _summary_line(report) -> str:
    from drafter.export.html_findings import counts_line

    return counts_line(report.summary)


NO_METRICS = "未给 --metrics：只检查了文中数字是否自洽 / no --metrics: only self-consistency checked"
OTHER_REGION = (
    "数据文件是另一个地区的：只检查了文中数字是否自洽 / the metrics file is another region's: only "
    "self-consistency checked"
)


def _render(fmt: str, text: str, report, alone: str, *, to_file: bool = False) -> str:
    """`alone`: the line saying why the report was checked without data ("" when it was checked with them)."""
    if fmt == "json":
        from drafter.checker.check import report_to_json

        return json.dumps(report_to_json(report), ensure_ascii=False, indent=2)
    if fmt == "html":
        from drafter.export.html import render_report_html

        return render_report_html(text, report)
    if to_file:
        return _table_text(report, alone)
    from rich.console import Console

    _print_table(Console(), report, alone)
    return ""


WRONG = frozenset({"inconsistent", "mismatch"})  # a figure or claim that is wrong, not one with no source


def _table_text(report, alone: str) -> str:
    """The table as plain text for a file (结果.txt, 结果.md): one finding a line, no colours, no box lines,
    so that Notepad, WPS and a printer show it as it is."""
    lines = [f"{report.path} — 需要处理的数字 / figures to fix"]
    places = _places([f for f in report.findings if f.kind == "figure"])
    for title, group in _groups(report):
        lines += ["", title]
        for f, shown in zip(group, _figures_shown(places, group), strict=True):
            fields = [
                f"第{f.line}行 / line {f.line}",
                f.section,
                shown,
                f"{f.status} {STATUS_WORDS.get(f.status, '')}".strip(),
                f"应为 expected {f.expected}" if f.expected else "",
                f"原因 why: {_why(f)}" if _why(f) else "",
            ]
            lines.append(" · ".join(field for field in fields if field))
    if not report.problems:
        lines.append(_no_problem(report))
    if report.gaps:
        lines.append(_gaps_left(report))
    if alone:
        lines.append(alone)
    lines += ["", _summary_line(report)]
    return "".join(line.rstrip() + "\n" for line in lines)


def _groups(report) -> list[tuple[str, list]]:
    """The findings to act on, in two lists: what is wrong (前后矛盾, 与来源不符, a wrong claim), then what could not be
    checked (无来源) — a reviewer sends the first back to a county and looks the second up."""
    wrong = [f for f in report.problems if f.status in WRONG]
    unsure = [f for f in report.problems if f.status not in WRONG]
    return [
        (title, group)
        for title, group in (
            (f"需要改正的数字和说法 / wrong figures and claims（{len(wrong)}）", wrong),
            (
                f"无法核对的数字：数据里没有，请人工核对 / figures that could not be checked（{len(unsure)}）",
                unsure,
            ),
        )
        if group
    ]


def _places(findings) -> dict[int, int]:
    """Each finding's place on its line among those printed alike there (by its start; 0 when it is the only one)."""
    return places_alike([(f.line, f.text, f.start) for f in findings])


def _figures_shown(places: dict[int, int], group) -> list[str]:
    """Each finding's figure as the table shows it: with its place on the line when the line prints it more than
    once (1所（本行第2处 / #2 on the line）), so that two rows are not alike. `places`: of every figure of the
    report, read once for all its tables (none: of the group's own findings)."""
    places = places or _places(group)
    return [
        f"{f.text}（本行第{k}处 / #{k} on the line）" if (k := places.get(f.start, 0)) else f.text
        for f in group
    ]


def _why(f) -> str:
    """The reason, and the figures or the data it rests on; a rule's inner name (rule:percent_for_points) is no
    help to a reviewer, the message says what the rule found."""
    # (a claim judged by the text's figures says them in its message: text:7.2%,3.3%,2.7% is no help to a reader)
    source = (
        "" if f.source.startswith("rule:") or f.kind == "claim" and f.source.startswith("text:") else f.source
    )
    if not source:
        return f.message
    # (what the source is said in words: a clerk reads fund.general_budget_edu@2022 as a code of the data file)
    said = f"依据文中：{source[len('text:') :]}" if source.startswith("text:") else f"数据项：{source}"
    return f"{f.message}（{said}）" if f.message else said


def _no_problem(report) -> str:
    if report.gaps:  # a report with 【待补充】 left in it is not "without problems"
        return "没有发现数字问题 / no wrong figure found"
    return "没有发现问题 / no problem found"


def _gaps_left(report) -> str:
    return (
        f"还有 {report.gaps} 处【待补充】没有填写，报告尚未完成 / {report.gaps} 【待补充】 gap(s) still to fill: "
        "the report is not finished"
    )


TABLE_COLUMNS = ("行 line", "章节 section", "数字 figure", "状态 status", "应为 expected", "原因 why")
STATUS_COLUMN = 3
ALWAYS_SHOWN = (0, 2, 5)  # the line, the figure and the reason


def _print_table(console, report, alone: str) -> None:
    from rich.table import Table

    places = _places([f for f in report.findings if f.kind == "figure"])
    for title, group in _groups(report):
        table = Table(title=f"{report.path} — {title}", show_lines=False)
        rows = [
            (
                str(f.line),
                f.section,
                shown,
                f"{STATUS_WORDS[f.status]}\n{f.status}" if f.status in STATUS_WORDS else f.status,
                f.expected,
                _why(f),
            )
            for f, shown in zip(group, _figures_shown(places, group), strict=True)
        ]
        # a column with nothing to say in this table (no sections, nothing expected, the status of a table of
        # figures that could not be checked) leaves its width to the reasons: at 80 columns they were folded four
        # characters a line
        said = [any(row[k] for row in rows) for k in range(len(TABLE_COLUMNS))]
        said[STATUS_COLUMN] = any(f.status != "unsupported" for f in group)
        keep = [k for k in range(len(TABLE_COLUMNS)) if said[k] or k in ALWAYS_SHOWN]
        for k in keep:
            # the status whole in a narrow terminal (80 columns folded it to "inconsisten" / "t"), Chinese first
            table.add_column(TABLE_COLUMNS[k], overflow="fold", no_wrap=k == STATUS_COLUMN)
        for row in rows:
            table.add_row(*(row[k] for k in keep))
        console.print(table)
    if not report.problems:
        console.print(f"[green]{_no_problem(report)}[/green]")
    if report.gaps:
        console.print(f"[yellow]{_gaps_left(report)}[/yellow]")
    if alone:
        console.print(f"[yellow]{alone}[/yellow]")
    console.print(_summary_line(report))
