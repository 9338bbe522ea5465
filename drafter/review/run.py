"""`drafter check PATH... -o REVIEW`: every report checked in its own process, unchanged ones reused, one table."""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from drafter.core.errors import InputError, Interrupted
from drafter.core.files import ensure_writable_folder
from drafter.review import cache
from drafter.review.collect import collect
from drafter.review.metrics import plan_metrics
from drafter.review.pool import Limits, run_isolated
from drafter.review.tables import write_index, write_summary_json, write_xlsx
from drafter.review.types import MetricsPlan, Report, Row
from drafter.review.worker import check_one, error_row

DEFAULT_LIMITS = Limits()
SAVE_EVERY = 1.0  # seconds between saves of the reuse cache while reports are checked


class Progress(Protocol):
    def total(self, count: int, reused: int) -> None: ...
    def start(self, report: Report) -> None: ...
    def done(self, row: Row) -> None: ...


class Silent:
    def total(self, count: int, reused: int) -> None: ...
    def start(self, report: Report) -> None: ...
    def done(self, row: Row) -> None: ...


@dataclass(frozen=True)
class Review:
    out: Path
    rows: tuple[Row, ...]
    plan: MetricsPlan
    reused: int

    @property
    def exit_code(self) -> int:
        """1 when a report has a flagged figure or claim or could not be read, else 0."""
        return 1 if any(r.status == "error" or r.flagged or r.wrong_claims for r in self.rows) else 0


def run_review(
    paths: list[Path],
    out: Path,
    metrics: list[Path] | None = None,
    limits: Limits = DEFAULT_LIMITS,
    progress: Progress | None = None,
    title: str = "",
) -> Review:
    """Check every report under `paths` into `out`; InputError only for bad usage (exit 2). `title` names the
    review on index.html (the paths given, by default)."""
    progress = progress or Silent()
    if out.exists() and not out.is_dir():
        raise InputError(
            "这是文件，不是文件夹 / is a file, not a folder",
            path=str(out),
            hint="-o 请给一个文件夹 / give -o a folder for the review",
        )
    plan = plan_metrics(list(metrics or []))
    skip = frozenset(
        {out.resolve(), *(m.path.resolve() for m in plan.files), *(p.resolve() for p in plan.passed_over)}
    )
    reports = collect(paths, skip)
    ensure_writable_folder(out)  # a read-only REVIEW is said before any report is checked
    key, previous = cache.run_key(plan), cache.load(out)
    hashes = {report.name: cache.file_hash(report.path) for report in reports}
    rows: list[Row] = []
    jobs = []
    for report in reports:
        reused = cache.reuse(previous, report.name, hashes[report.name], key, out)
        if reused is not None:
            rows.append(reused)
        else:
            jobs.append((report, check_one, (report, out, plan)))
    progress.total(len(reports), len(rows))

    saved = [time.monotonic()]

    def finished(report: Report, row: Row | None, failure: str) -> None:
        row = dataclasses.replace(row or error_row(report, failure), sha256=hashes[report.name])
        rows.append(row)
        if time.monotonic() - saved[0] >= SAVE_EVERY:  # even a killed run loses at most a second's work
            cache.save(out, rows, key)
            saved[0] = time.monotonic()
        progress.done(row)

    try:
        run_isolated(jobs, limits, on_start=progress.start, on_done=finished)
    except Interrupted as exc:
        cache.save(out, rows, key)  # every report checked so far is reused by the next run
        exc.kept = _partial(
            out, rows, plan, paths, [r.name for r in reports if r.name not in _names(rows)], title
        )
        raise
    cache.save(out, rows, key)
    _write_tables(out, rows, plan, paths, title=title)
    return Review(
        out=out, rows=tuple(sorted(rows, key=lambda r: r.file)), plan=plan, reused=len(reports) - len(jobs)
    )


def _names(rows: list[Row]) -> set[str]:
    return {row.file for row in rows}


def _partial(
    out: Path, rows: list[Row], plan: MetricsPlan, paths: list[Path], pending: list[str], title: str = ""
) -> str:
    """The tables of what was checked before an interrupt; what the CLI says was kept."""
    note = interrupted_note(len(rows), len(rows) + len(pending))
    _write_tables(out, rows, plan, paths, pending=pending, extra=[note], title=title)
    return f"{note} → {out / 'summary.xlsx'}"


def interrupted_note(done: int, total: int) -> str:
    return (
        f"运行被中断：已核对 {done} / {total} 份，结果已保存；再次运行同一命令即可继续（已核对的不再重复核对） "
        f"/ interrupted: {done} of {total} reports checked and kept; run the same command again to finish "
        "(those already checked are reused)"
    )


def _write_tables(
    out: Path,
    rows: list[Row],
    plan: MetricsPlan,
    paths: list[Path],
    pending: list[str] | None = None,
    extra: list[str] | None = None,
    title: str = "",
) -> None:
    write_summary_json(out, rows, pending)
    write_xlsx(out, rows)
    title = "审核结果 / review: " + (title or ", ".join(path.name or str(path) for path in paths))
    write_index(out, rows, title=title, notes=[*(extra or []), metrics_note(plan), *plan.warnings])


def metrics_note(plan: MetricsPlan) -> str:
    """What was chosen, in one line (printed by the CLI and shown on the index page)."""
    if plan.mode == "none":
        return (
            "未给数据文件（--metrics）：只检查了文中数字是否自洽 / no --metrics file: self-consistency only"
        )
    if plan.mode == "one":
        return f"所有报告都对照同一个数据文件 / one metrics file for every report: {plan.files[0].path.name}"
    regions = ", ".join(
        f"{m.region} ({m.path.name}{', 无效 invalid' if m.problem else ''})" for m in plan.files
    )
    return f"按地区名称匹配数据文件 / metrics matched by region name: {regions}"
