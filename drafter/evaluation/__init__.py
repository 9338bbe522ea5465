"""The evaluation suite, after inspect_ai: a dataset (eval/cases, dataset.py), a solver (the drafting
pipeline, runner.py), scorers (scorers/: figures, coverage, structure, leakage, placeholders, style and
the optional LLM judge) and a run log (results.json) that a later run is compared with (compare.py);
report.py shows a run in the console and as report.html.
"""

from __future__ import annotations

from drafter.evaluation.suite import EvalOutcome, evaluate

__all__ = ["EvalOutcome", "evaluate"]
