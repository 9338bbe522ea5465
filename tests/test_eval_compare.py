"""compare: before → after per scorer and per case, regressions beyond tolerance, incomparable runs refused."""

from __future__ import annotations

import json

import pytest

from drafter.core.errors import InputError
from drafter.evaluation.compare import compare, comparison_to_dict, load_results
from drafter.evaluation.config import EvalConfig
from drafter.evaluation.report import print_console, write_report

SCORERS = ["figures", "style"]
CONFIG = EvalConfig(tolerance={"default": 0.0, "style": 0.05})


def results(
    values: dict[str, dict[str, float] | None],
    *,
    version: int = 1,
    hashes: dict | None = None,
    prompts: dict | None = None,
) -> dict:
    """A results.json: `values` maps case -> {scorer: value}, None for an errored case."""
    cases = {}
    for case, scores in values.items():
        if scores is None:
            cases[case] = {"status": "error", "error": "metrics invalid", "cached": False, "seconds": 0}
        else:
            cases[case] = {
                "status": "ok",
                "error": "",
                "cached": False,
                "seconds": 0.5,
                "sections": {},
                "scores": {
                    s: {"value": v, "passed": v == 1.0, "details": {}, "issues": [], "sections": {}}
                    for s, v in scores.items()
                },
            }
    ok = [c for c in cases.values() if c["status"] == "ok"]
    summary = {
        s: {"mean": sum(c["scores"][s]["value"] for c in ok) / len(ok), "passed": 0, "scored": len(ok)}
        for s in SCORERS
    }
    meta = {
        "backend": "offline",
        "model": "offline",
        "prompt_hashes": prompts or {"offline/plans.j2": "aaa"},
        "knowledge_hash": "k",
        "git_commit": "",
        "drafter_version": "0.1.0",
        "code_hash": "c",
        "judge_model": "",
        "case_set": {"fingerprint": "f", "cases": hashes or dict.fromkeys(values, "h")},
        "seconds": 1.0,
    }
    return {
        "format": "drafter.eval.results",
        "version": version,
        "meta": meta,
        "scorers": SCORERS,
        "summary": summary,
        "cases": cases,
    }


BEFORE = results({"a": {"figures": 1.0, "style": 0.75}, "b": {"figures": 1.0, "style": 1.0}})

ROWS = [
    ("unchanged", {"a": {"figures": 1.0, "style": 0.75}, "b": {"figures": 1.0, "style": 1.0}}, []),
    (
        "figures dropped",
        {"a": {"figures": 0.9, "style": 0.75}, "b": {"figures": 1.0, "style": 1.0}},
        [("figures", ""), ("figures", "a")],
    ),
    (
        "style within tolerance",
        {"a": {"figures": 1.0, "style": 0.72}, "b": {"figures": 1.0, "style": 1.0}},
        [],
    ),
    (
        "style beyond tolerance",
        {"a": {"figures": 1.0, "style": 0.5}, "b": {"figures": 1.0, "style": 1.0}},
        [("style", ""), ("style", "a")],
    ),
    (
        "case now errors",
        {"a": {"figures": 1.0, "style": 0.75}, "b": None},  # b's 100% style leaves the mean too
        [("figures", "b"), ("style", "b"), ("style", "")],
    ),
    ("improvement only", {"a": {"figures": 1.0, "style": 1.0}, "b": {"figures": 1.0, "style": 1.0}}, []),
]


@pytest.mark.parametrize(("why", "after", "regressed"), ROWS, ids=[r[0] for r in ROWS])
def test_regressions_beyond_tolerance(why, after, regressed):
    comparison = compare(BEFORE, results(after), CONFIG, "runs/a/results.json")
    assert sorted((d.scorer, d.case) for d in comparison.regressions) == sorted(regressed)


def test_deltas_and_changed_metadata():
    after = results(
        {"a": {"figures": 1.0, "style": 1.0}, "b": {"figures": 1.0, "style": 1.0}},
        prompts={"offline/plans.j2": "bbb"},
    )
    comparison = compare(BEFORE, after, CONFIG, "prev.json")
    (cell,) = comparison.cases
    assert (cell.case, cell.scorer, cell.before, cell.after, cell.change) == ("a", "style", 0.75, 1.0, 0.25)
    assert cell.improved and not cell.regressed
    assert comparison.changed == {"prompt offline/plans.j2": ("aaa", "bbb")}
    data = comparison_to_dict(comparison)
    assert data["regressions"] == 0 and data["cases"][0]["delta"] == 0.25


def test_another_version_is_refused():
    with pytest.raises(InputError, match="version 2 cannot be compared with version 1"):
        compare(results({"a": {"figures": 1.0, "style": 1.0}}, version=2), BEFORE, CONFIG, "old.json")


def test_another_case_set_says_what_differs():
    other = results(
        {"a": {"figures": 1.0, "style": 1.0}, "c": {"figures": 1.0, "style": 1.0}},
        hashes={"a": "changed", "c": "h"},
    )
    with pytest.raises(InputError) as caught:
        compare(other, BEFORE, CONFIG, "old.json")
    message = caught.value.render()
    assert "only before: c" in message and "only now: b" in message and "changed: a" in message


@pytest.mark.parametrize(
    ("content", "message"), [("{not json", "cannot read"), ('{"format": "other"}', "not a results.json")]
)
def test_unreadable_compare_files(tmp_path, content, message):
    path = tmp_path / "prev.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        load_results(path)


def test_console_and_html_show_before_after_with_regressions_marked(tmp_path):
    from rich.console import Console

    after = results({"a": {"figures": 0.9, "style": 0.75}, "b": {"figures": 1.0, "style": 1.0}})
    comparison = compare(BEFORE, after, CONFIG, "runs/a/results.json")
    console = Console(record=True, width=160)
    print_console(after, comparison, console=console)
    text = console.export_text()
    assert "100% → 90.0% (-10.0%) ▼" in text and "1 regression" not in text and "2 regression(s)" in text
    write_report(tmp_path, after, comparison)
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert 'href="drafts/a.html"' in page and "Compared with runs/a/results.json" in page
    assert '<td class="reg">100% → 90.0% (-10.0%) ▼</td>' in page
    assert json.dumps(after)  # stays serialisable
