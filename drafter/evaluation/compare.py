"""Compare two eval runs: per scorer and per case, before → after with deltas; regressions marked.

A regression is a value that dropped by more than the scorer's tolerance (eval/config.yaml
`tolerance`), or a case that scored before and errors now. Runs of another results format version
or over another case set cannot be compared: InputError says what differs.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from drafter.core.errors import InputError
from drafter.core.inputs import TEXT_LIMITS, read_text
from drafter.core.structured import parse_json
from drafter.evaluation.config import EvalConfig
from drafter.evaluation.runner import FORMAT, VERSION

META_FIELDS = (
    "backend",
    "model",
    "knowledge_hash",
    "git_commit",
    "drafter_version",
    "code_hash",
    "judge_model",
)


@dataclass(frozen=True)
class Delta:
    scorer: str
    case: str  # "" for the scorer's mean over all cases
    before: float | None
    after: float | None
    tolerance: float

    @property
    def change(self) -> float:
        return (
            (self.after or 0.0) - (self.before or 0.0)
            if self.before is not None and self.after is not None
            else 0.0
        )

    @property
    def regressed(self) -> bool:
        if self.before is not None and self.after is None:
            return True
        return self.change < -self.tolerance - 1e-9

    @property
    def improved(self) -> bool:
        return self.change > self.tolerance + 1e-9 or (self.before is None and self.after is not None)


@dataclass(frozen=True)
class Comparison:
    before_path: str
    scorers: tuple[Delta, ...]  # means
    cases: tuple[Delta, ...]  # only the cells that changed
    changed: dict[str, tuple[Any, Any]]  # run metadata that differs: field -> (before, after)
    status: tuple[tuple[str, str, str], ...]  # (case, before status, after status) where it changed

    @property
    def regressions(self) -> tuple[Delta, ...]:
        return tuple(d for d in (*self.scorers, *self.cases) if d.regressed)


def load_results(path: Path) -> dict[str, Any]:
    path = Path(path)
    try:
        data = parse_json(read_text(path, TEXT_LIMITS, what="results.json")[0], path)
    except InputError as exc:
        raise InputError(
            f"无法读取要比较的结果 / cannot read the results to compare with: {exc.message}",
            hint="请给出之前一次 `drafter eval` 的 results.json / pass the results.json of an earlier `drafter eval` run",
        ) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InputError(
            "不是 `drafter eval` 写的 results.json / not a results.json written by `drafter eval`",
            path=str(path),
            hint="请给出之前一次运行的 OUT/results.json / pass OUT/results.json of an earlier run",
        )
    return data


def check_comparable(before: dict[str, Any], after: dict[str, Any], path: str) -> None:
    if before.get("version") != VERSION:
        raise InputError(
            f"结果格式版本 {before.get('version')} 无法与版本 {VERSION} 比较 / results format version "
            f"{before.get('version')} cannot be compared with version {VERSION}",
            path=path,
            hint="请用当前的 Drafter 重新运行早先版本的评测 / run the earlier revision's eval again with this Drafter",
        )
    old = before["meta"]["case_set"]["cases"]
    new = after["meta"]["case_set"]["cases"]
    if old != new:
        diffs = [
            f"only before: {', '.join(sorted(set(old) - set(new)))}" if set(old) - set(new) else "",
            f"only now: {', '.join(sorted(set(new) - set(old)))}" if set(new) - set(old) else "",
            f"changed: {', '.join(sorted(k for k in set(old) & set(new) if old[k] != new[k]))}",
        ]
        what = "; ".join(d for d in diffs if d and not d.endswith(": "))
        raise InputError(
            f"用例集不同 / another case set ({what})",
            path=path,
            hint="请比较同一套 eval/cases 的运行，或重新运行早先的版本 / compare runs over the same eval/cases, or run "
            "the earlier revision again",
        )


def _value(data: dict[str, Any], case: str, scorer: str) -> float | None:
    entry = data["cases"].get(case, {})
    score = entry.get("scores", {}).get(scorer) if entry.get("status") == "ok" else None
    return float(score["value"]) if score else None


def _mean(data: dict[str, Any], scorer: str) -> float | None:
    entry = data["summary"].get(scorer)
    return float(entry["mean"]) if entry else None


def _changed_meta(before: dict[str, Any], after: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    changed = {
        f: (before["meta"].get(f), after["meta"].get(f))
        for f in META_FIELDS
        if before["meta"].get(f) != after["meta"].get(f)
    }
    old, new = before["meta"].get("prompt_hashes", {}), after["meta"].get("prompt_hashes", {})
    for name in sorted(set(old) | set(new)):
        if old.get(name) != new.get(name):
            changed[f"prompt {name}"] = (old.get(name), new.get(name))
    return changed


def compare(
    before: dict[str, Any], after: dict[str, Any], config: EvalConfig, before_path: str = ""
) -> Comparison:
    check_comparable(before, after, before_path)
    scorers = [s for s in after["scorers"] if s in before["scorers"]]
    means = tuple(Delta(s, "", _mean(before, s), _mean(after, s), config.tolerance_for(s)) for s in scorers)
    cells = (
        Delta(s, c, _value(before, c, s), _value(after, c, s), config.tolerance_for(s))
        for c in sorted(after["cases"])
        for s in scorers
    )
    changed_cells = tuple(d for d in cells if d.before != d.after)
    status = tuple(
        (c, before["cases"].get(c, {}).get("status", "-"), e["status"])
        for c, e in sorted(after["cases"].items())
        if before["cases"].get(c, {}).get("status") != e["status"]
    )
    return Comparison(before_path, means, changed_cells, _changed_meta(before, after), status)


def comparison_to_dict(comparison: Comparison) -> dict[str, Any]:
    def row(d: Delta) -> dict[str, Any]:
        return {
            "scorer": d.scorer,
            "case": d.case,
            "before": d.before,
            "after": d.after,
            "delta": round(d.change, 4),
            "regressed": d.regressed,
            "improved": d.improved,
        }

    return {
        "before": comparison.before_path,
        "changed": {k: list(v) for k, v in comparison.changed.items()},
        "scorers": [row(d) for d in comparison.scorers],
        "cases": [row(d) for d in comparison.cases],
        "status": [list(s) for s in comparison.status],
        "regressions": len(comparison.regressions),
    }
