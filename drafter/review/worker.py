"""One report, checked in its own process: read, choose its metrics, check, write <file>.check.json/.html."""

from __future__ import annotations

import time
from pathlib import Path

from drafter.checker.check import check_text, report_to_json
from drafter.core.errors import DrafterError, InputError
from drafter.core.files import write_json_atomic, write_text_atomic
from drafter.documents.read import read_document
from drafter.export.html import render_report_html
from drafter.review.metrics import choose
from drafter.review.types import MetricsFile, MetricsPlan, Report, Row
from drafter.review.words import (
    first_findings,
    other_region,
    other_region_note,
    problems,
    region_not_named,
    report_region,
    report_year,
)
from drafter.source.load import load_source

NO_METRICS_FOR_REGION = "没有与本报告地区对应的数据文件：只检查了文中数字是否自洽 / no metrics file for this region: self-consistency only"


def outputs(out: Path, name: str) -> tuple[Path, Path]:
    """REVIEW/<file>.check.json and REVIEW/<file>.check.html."""
    return out / f"{name}.check.json", out / f"{name}.check.html"


def check_one(report: Report, out: Path, plan: MetricsPlan) -> Row:
    """The report's row; a DrafterError (unreadable, empty, a bomb, a scan …) becomes an error row."""
    start = time.perf_counter()
    try:
        return _checked(report, out, plan, start)
    except DrafterError as exc:
        for stale in outputs(out, report.name):
            stale.unlink(missing_ok=True)
        message = exc.render().replace("\n  → ", " → ").removeprefix(f"{report.path}: ")
        return error_row(report, message, time.perf_counter() - start)


def error_row(report: Report, message: str, seconds: float = 0.0) -> Row:
    return Row(file=report.name, status="error", error=message, seconds=seconds)


def _invalid_metrics(chosen: MetricsFile) -> InputError:
    return InputError(
        f"本报告的数据文件无效 / its metrics file {chosen.path.name} ({chosen.region}) is invalid: {chosen.problem}",
        hint=f"请修正后重新核对 / fix it (`drafter metrics validate {chosen.path}`), then run the check again",
    )


def _metrics_note(chosen: MetricsFile) -> str:
    if not chosen.not_used:
        return f"metrics: {chosen.path.name}"
    return f"metrics: {chosen.path.name} (the newest for {chosen.region}; not used: {', '.join(chosen.not_used)})"


def _region_warning(text: str, chosen: MetricsFile | None) -> tuple[str, ...]:
    """The note for a report that never names its metrics file's region (one file for every report)."""
    note = region_not_named(text, chosen.region, chosen.path.name) if chosen is not None else ""
    return (note,) if note else ()


def _elsewhere(plan: MetricsPlan, title: str, name: str, text: str, chosen: MetricsFile | None) -> str:
    """The note for a report that names another region than the one metrics file given for every report; ""
    when it is that region's, names none, or its file was matched by region."""
    if plan.mode != "one" or chosen is None:
        return ""
    named = other_region(title, name, text, chosen.region)
    return other_region_note(named, chosen.region, chosen.path.name) if named else ""


def _checked(report: Report, out: Path, plan: MetricsPlan, start: float) -> Row:
    document = read_document(report.path)
    chosen = choose(plan, document.title, document.text)
    if chosen is not None and chosen.problem:
        raise _invalid_metrics(chosen)
    elsewhere = _elsewhere(plan, document.title, report.name, document.text, chosen)
    if (
        elsewhere
    ):  # one metrics file for a folder, and this is another region's report: its data are not these
        chosen = None
    # the plan read the file first and said its warnings once: not once more per report
    source = load_source(chosen.path, log_warnings=False, for_checking=True) if chosen else None
    result = check_text(document.text, source)
    data = report_to_json(result)
    json_path, html_path = outputs(out, report.name)
    write_json_atomic(json_path, data)
    write_text_atomic(
        html_path, render_report_html(document.text, result, title=document.title or report.name)
    )
    notes = list(document.notes)
    warnings = (elsewhere,) if elsewhere else _region_warning(document.text, chosen)
    if chosen is not None:
        notes += [*warnings, _metrics_note(chosen)]
    elif elsewhere:
        notes.append(elsewhere)
    elif plan.mode == "by_region":
        notes.append(NO_METRICS_FOR_REGION)
    flagged = problems(data)
    return Row(
        file=report.name,
        status="checked",
        summary=data["summary"],
        title=document.title,
        region=report_region(document.title, report.name, chosen.region if chosen else ""),
        year=report_year(document.title, document.text, source.report.period if source else None),
        flagged=sum(1 for f in flagged if f.get("kind", "figure") != "claim"),
        wrong_claims=sum(1 for f in flagged if f.get("kind") == "claim"),
        findings=first_findings(data),
        notes=tuple(notes),
        warnings=warnings,
        seconds=time.perf_counter() - start,
    )
