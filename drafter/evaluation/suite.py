"""One `drafter eval`: load the config and the cases, refuse an incomparable --compare early, run,
compare, write the report. The CLI calls `evaluate`; tests call it with a fake drafter or judge.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from drafter.core.config import Settings
from drafter.core.files import write_json_atomic
from drafter.core.taxonomy import load_taxonomy
from drafter.drafting.backends.openai import OpenAIBackend
from drafter.drafting.prompts import load_prompts
from drafter.evaluation.compare import check_comparable, compare, comparison_to_dict, load_results
from drafter.evaluation.config import EvalConfig, load_config
from drafter.evaluation.dataset import load_cases
from drafter.evaluation.knowledge import load_knowledge
from drafter.evaluation.meta import run_metadata
from drafter.evaluation.report import write_report
from drafter.evaluation.runner import EvalRun, run_with_progress
from drafter.evaluation.scoring import Scoring


@dataclass(frozen=True)
class EvalOutcome:
    results: dict[str, Any]
    comparison: Any  # compare.Comparison | None
    out_dir: Path

    @property
    def regressions(self) -> int:
        return len(self.comparison.regressions) if self.comparison is not None else 0

    @property
    def counts(self) -> tuple[int, int]:
        """(errored, total) cases: an errored case could not be loaded or drafted."""
        counts = self.results.get("summary", {}).get("_cases", {})
        return int(counts.get("errored", 0)), int(counts.get("total", 0))

    @property
    def none_ran(self) -> bool:
        """Every case errored: the run measured nothing."""
        errored, total = self.counts
        return bool(total) and errored == total

    def first_error(self) -> str:
        case = next((c for c in self.results.get("cases", {}).values() if c.get("error")), {})
        return str(case.get("error", "")).splitlines()[0] if case else ""


def config_path_for(cases_dir: Path, settings: Settings) -> Path:
    """eval/config.yaml beside the cases folder, else the project's."""
    beside = Path(cases_dir).resolve().parent / "config.yaml"
    return beside if beside.is_file() else settings.root / "eval" / "config.yaml"


def judge_backend(settings: Settings, config: EvalConfig) -> Any:
    """The openai backend with the judge's model, or None when no judge model is configured."""
    if not config.judge.enabled:
        return None

    base_url = config.judge.base_url or settings.base_url
    return OpenAIBackend(replace(settings, backend="openai", model=config.judge.model, base_url=base_url))


def prepare_run(
    cases_dir: Path, out_dir: Path, settings: Settings, config: EvalConfig, **options: Any
) -> Any:
    """The EvalRun: cases, knowledge (leakage), taxonomy, prompts and the run metadata."""

    cases = load_cases(cases_dir)
    knowledge = load_knowledge(settings.knowledge_dir, config.official_titles, settings.cache_dir)
    taxonomy = load_taxonomy(settings.knowledge_dir / "taxonomy.yaml")
    scoring = Scoring(config, knowledge, taxonomy, load_prompts(settings.prompts_dir))
    meta = run_metadata(settings, cases, config)
    return EvalRun(cases, Path(out_dir), settings, config, meta, scoring, **options)


def _previous(compare_with: Path | None, run: Any) -> dict[str, Any] | None:
    """The earlier results, checked against this run's case set before anything is drafted."""

    if compare_with is None:
        return None
    before = load_results(compare_with)
    check_comparable(before, {"meta": run.meta}, str(compare_with))
    return before


def evaluate(
    cases_dir: Path,
    out_dir: Path,
    settings: Settings,
    *,
    config_path: Path | None = None,
    compare_with: Path | None = None,
    no_cache: bool = False,
    judge_model: str | None = None,
    judge_base_url: str | None = None,
    quiet: bool = False,
    draft_fn: Any = None,
    judge: Any = None,
) -> EvalOutcome:
    """Draft and score every case, write results.json and report.html, compare with an earlier run."""

    config = load_config(
        config_path or config_path_for(cases_dir, settings), required=config_path is not None
    )
    config = config.with_judge(judge_model, judge_base_url)
    judge = judge if judge is not None else judge_backend(settings, config)
    run = prepare_run(cases_dir, out_dir, settings, config, no_cache=no_cache, draft_fn=draft_fn, judge=judge)
    before = _previous(compare_with, run)
    results = run_with_progress(run, quiet=quiet)
    comparison = compare(before, results, config, str(compare_with)) if before is not None else None
    if comparison is not None:
        results["comparison"] = comparison_to_dict(comparison)
        write_json_atomic(Path(out_dir) / "results.json", results)
    write_report(out_dir, results, comparison)
    return EvalOutcome(results, comparison, Path(out_dir))
