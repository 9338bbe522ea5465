"""`drafter check PATH... -o REVIEW`: parse, run the review with a progress bar, print where the tables are."""

from __future__ import annotations

from pathlib import Path

import typer

from drafter.core.cores import usable_cores
from drafter.core.errors import InputError

NOTES_SHOWN = 5  # notes printed one per line; the rest are counted


def check_batch(
    paths: list[Path], metrics: list[Path], output: Path | None, *, timeout: float, workers: int
) -> int:
    from drafter.review.pool import Limits
    from drafter.review.run import metrics_note, run_review

    if output is None:
        from drafter.review.collect import collect

        collect(paths)  # a folder that holds no report (报告.pdf that is a folder) says so, not "add -o"
        raise InputError(
            "多份报告需要一个存放结果的文件夹 / several reports need a folder for the results",
            key="-o",
            hint="请加上 -o 审核结果文件夹 / add -o REVIEW (a folder)",
        )
    limits = Limits(workers=workers or usable_cores(), seconds=timeout)
    with _Bar() as bar:
        review = run_review(paths, output, metrics, limits, progress=bar)
    typer.echo(metrics_note(review.plan), err=True)
    for line in review.plan.warnings:
        typer.secho(f"警告 / warning: {line}", fg="yellow", err=True)
    notes = [(row.file, line) for row in review.rows for line in row.warnings]
    for file, line in notes[:NOTES_SHOWN]:
        typer.secho(f"注意 / note: {file}: {line}", fg="yellow", err=True)
    if len(notes) > NOTES_SHOWN:  # a folder of 140 reports of other regions: not 140 lines
        typer.secho(
            f"注意 / note: 另有 {len(notes) - NOTES_SHOWN} 条提示，见 summary.xlsx 的备注列 / "
            f"{len(notes) - NOTES_SHOWN} more notes: see the notes column of summary.xlsx",
            fg="yellow",
            err=True,
        )
    checked = sum(1 for r in review.rows if r.status == "checked")
    errors = len(review.rows) - checked
    to_fix = sum(1 for r in review.rows if r.needs_fixing)  # as index.html counts them
    to_look = sum(1 for r in review.rows if r.only_unchecked)
    typer.echo(
        f"{len(review.rows)} 份报告 reports: 已核对 {checked} checked（其中 {review.reused} 份未变、沿用上次结果 / "
        f"{review.reused} unchanged, reused），{to_fix} 份有需改正的数字 / {to_fix} with figures to fix，"
        f"另 {to_look} 份只有无法核对的数字 / {to_look} more with only figures that could not be checked，"
        f"{errors} 份无法读取 / {errors} could not be read",
        err=True,
    )
    for name in ("summary.xlsx", "index.html", "summary.json"):
        typer.echo(str(output / name))
    return review.exit_code


class _Bar:
    """A rich progress bar on stderr naming the files being read. It appears only once the reports are
    found and the metrics chosen (total()), so a usage error (a missing path, a bad -o) is never shown
    under a bar."""

    def __enter__(self) -> _Bar:
        self.progress = None
        self.task = None
        self.reading: list[str] = []
        return self

    def __exit__(self, *exc: object) -> None:
        if self.progress is not None:
            self.progress.__exit__(*exc)

    def _started(self):
        if self.progress is None:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self.progress = Progress(
                TextColumn("[bold]核对 checking"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                TextColumn("{task.description}"),
                console=Console(stderr=True),
                transient=False,
            )
            self.progress.__enter__()
            self.task = self.progress.add_task("", total=None)
        return self.progress

    def total(self, count: int, reused: int) -> None:
        self._started().update(self.task, total=count, completed=reused)

    def start(self, report) -> None:
        self.reading.append(report.name)
        self._show()

    def done(self, row) -> None:
        progress = self._started()
        if row.file in self.reading:
            self.reading.remove(row.file)
        if row.status == "error":
            progress.console.print(f"[yellow]✗ {row.file}: {row.error}[/yellow]")
        progress.advance(self.task)
        self._show()

    def _show(self) -> None:
        self._started().update(self.task, description=", ".join(self.reading)[:80])
