"""`drafter eval`: draft every case (concurrently, with a progress bar), score it, write results.json.

OUT/results.json    the run log a later run compares with (compare.py)
OUT/cases/<case>/   the case's draft directory as `drafter draft` writes it, plus `.eval.json`
                    (cache keys and scores: an interrupted run resumes, unchanged cases are reused)
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from drafter.core.config import Settings
from drafter.core.errors import DrafterError
from drafter.core.files import write_json_atomic
from drafter.drafting.run import run_draft
from drafter.evaluation.config import EvalConfig
from drafter.evaluation.dataset import Case
from drafter.evaluation.meta import draft_key, score_key
from drafter.evaluation.scorers import sameness
from drafter.evaluation.scoring import Scoring, score_case
from drafter.outdir.names import OUTPUT_FILES
from drafter.outdir.store import load_draft

FORMAT = "drafter.eval.results"
VERSION = 1
STATE_FILE = ".eval.json"

DraftFn = Callable[..., Any]  # run_draft(metrics_path, out_dir, settings, *, progress=False) -> DraftOutcome


@dataclass(frozen=True)
class EvalRun:
    """What one `drafter eval` needs: inputs, settings, and the drafting function (tests pass a fake)."""

    cases: tuple[Case, ...]
    out_dir: Path
    settings: Settings
    config: EvalConfig
    meta: dict[str, Any]
    scoring: Scoring
    no_cache: bool = False
    draft_fn: DraftFn | None = None
    judge: Any = field(default=None)  # a backend for the judge scorer, None when no judge model


def case_dir(run: EvalRun, case: Case) -> Path:
    return Path(run.out_dir) / "cases" / case.name


def _read_state(directory: Path) -> dict[str, Any]:
    try:
        return json.loads((directory / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _reset(directory: Path) -> None:
    """Remove a stale draft so `run_draft` starts afresh instead of resuming it."""
    for name in (*OUTPUT_FILES, STATE_FILE):
        (directory / name).unlink(missing_ok=True)
    if directory.is_dir() and not any(directory.iterdir()):
        shutil.rmtree(directory)


def _draft_fn(run: EvalRun) -> DraftFn:
    if run.draft_fn is not None:
        return run.draft_fn

    return run_draft


def draft_case(run: EvalRun, case: Case) -> tuple[Any, bool]:
    """(draft outcome or None when cached, cached?) — the draft stays in OUT/cases/<case>."""
    directory, key = case_dir(run, case), draft_key(run.meta, case)
    state = _read_state(directory)
    if not run.no_cache and state.get("draft_key") == key and state.get("drafted"):
        return None, True
    if run.no_cache or state.get("draft_key") != key:
        _reset(directory)
    write_json_atomic(directory / STATE_FILE, {"draft_key": key, "drafted": False})
    outcome = _draft_fn(run)(case.metrics_path, directory, run.settings, progress=False)
    write_json_atomic(directory / STATE_FILE, {"draft_key": key, "drafted": True})
    return outcome, False


def _error(message: str, started: float) -> dict[str, Any]:
    return {
        "status": "error",
        "error": message,
        "cached": False,
        "seconds": round(time.monotonic() - started, 2),
    }


def evaluate_case(run: EvalRun, case: Case) -> dict[str, Any]:
    """One case's entry of results.json; errors are recorded, never raised."""
    started = time.monotonic()
    if case.error:
        return _error(case.error, started)
    directory, skey = case_dir(run, case), score_key(run.meta, case)
    state = _read_state(directory)
    if not run.no_cache and state.get("score_key") == skey and state.get("result"):
        return {**state["result"], "cached": True}
    try:
        outcome, cached = draft_case(run, case)
        result = score_case(run.scoring, case, directory, outcome, judge_backend=run.judge)
    except DrafterError as exc:
        return _error(exc.render(), started)
    except Exception as exc:  # a bug in one case must not stop the others; --debug re-raises
        if run.settings.debug:
            raise
        return _error(f"internal error {type(exc).__name__}: {exc}", started)
    result.update(cached=cached, seconds=round(time.monotonic() - started, 2), dir=f"cases/{case.name}")
    state = {"draft_key": draft_key(run.meta, case), "drafted": True, "score_key": skey, "result": result}
    write_json_atomic(directory / STATE_FILE, state)
    return result


def summarize(cases: dict[str, dict[str, Any]], scorers: tuple[str, ...]) -> dict[str, Any]:
    summary = {}
    for name in scorers:
        scores = [
            c["scores"][name] for c in cases.values() if c["status"] == "ok" and name in c.get("scores", {})
        ]
        if scores:
            summary[name] = {
                "mean": round(sum(s["value"] for s in scores) / len(scores), 4),
                "passed": sum(s["passed"] for s in scores),
                "scored": len(scores),
            }
    summary["_cases"] = {"total": len(cases), "errored": sum(c["status"] == "error" for c in cases.values())}
    return summary


def results_document(run: EvalRun, cases: dict[str, dict[str, Any]], seconds: float) -> dict[str, Any]:
    scorers = run.scoring.names(judge=run.judge is not None)
    meta = {
        **run.meta,
        "seconds": round(seconds, 2),
        "finished_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
    return {
        "format": FORMAT,
        "version": VERSION,
        "meta": meta,
        "scorers": list(scorers),
        "summary": summarize(cases, scorers),
        "cases": dict(sorted(cases.items())),
    }


def run_cases(run: EvalRun, on_done: Callable[[str, dict[str, Any]], None] | None = None) -> dict[str, Any]:
    """Draft and score every case, `settings.concurrency` at a time; write OUT/results.json atomically."""
    started = time.monotonic()
    results: dict[str, dict[str, Any]] = {}
    pool = ThreadPoolExecutor(max_workers=max(1, run.settings.concurrency))
    try:
        futures = {pool.submit(evaluate_case, run, case): case for case in run.cases}
        for future in as_completed(futures):
            name = futures[future].name
            results[name] = future.result()
            if on_done:
                on_done(name, results[name])
    finally:  # on Ctrl-C, cases not started are dropped; finished ones are kept in their .eval.json
        pool.shutdown(wait=True, cancel_futures=True)
    add_cross_case(run, results)
    document = results_document(run, results, time.monotonic() - started)
    write_json_atomic(Path(run.out_dir) / "results.json", document)
    return document


def add_cross_case(run: EvalRun, results: dict[str, dict[str, Any]]) -> None:
    """The cross-case scorers (sameness) over every case drafted: they depend on the other cases, so they are
    scored after the run and never cached with one case."""
    drafts = {}
    for name, result in results.items():
        if result["status"] == "ok":
            try:
                drafts[name] = load_draft(Path(run.out_dir) / "cases" / name)
            except DrafterError:
                continue
    for name, score in sameness.cross_case(drafts).items():
        results[name].setdefault("scores", {})[sameness.NAME] = score.to_dict()


def run_with_progress(run: EvalRun, quiet: bool = False) -> dict[str, Any]:
    """run_cases with a rich progress bar on stderr (one tick per case)."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (
        TextColumn("[bold]eval"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
    )
    with Progress(*columns, console=Console(stderr=True), disable=quiet, transient=False) as bar:
        task = bar.add_task("", total=len(run.cases))

        def done(name: str, result: dict[str, Any]) -> None:
            mark = "cached" if result.get("cached") else result["status"]
            bar.update(task, advance=1, description=f"{name} ({mark})")

        return run_cases(run, on_done=done)
