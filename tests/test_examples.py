"""examples/: every metrics file loads cleanly and holds figures its report really prints."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from drafter.source.load import load_source, validate_file

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
REPORT_LINE = re.compile(r"^# cleaned text of the same report: (knowledge/reports/\S+\.md)$", re.M)
# figures per example that a reader would look for first, as the report prints them
SPOT = {
    "yangquan-2021": [
        "21.09亿元",
        "0.09亿元",
        "16477.24元",
        "12000元",
        "92.3%",
        "53%",
        "80.1%",
        "3534人",
        "113369人",
        "3.12%",
        "30所",
        "273所",
        "98.9%",
    ],
    "changzhi-2021": [
        "611968.81万元",
        "3.29%",
        "9291.25元",
        "16.78%",
        "15918.57元",
        "883所",
        "94983人",
        "82.74%",
        "61.3%",
        "7.9%",
        "7.4%",
        "56.18%",
        "1.2个百分点",
        "9976.75万元",
    ],
    "fushun-2022": [
        "96.15分",
        "19.59亿元",
        "21.87亿元",
        "391个",
        "348个",
        "46.1%",
        "84.2%",
        "96.3%",
        "84.16%",
        "26.7%",
        "314人",
        "1078.85万元",
    ],
    "anyue-2023": [
        "142.689万元",
        "1.45%",
        "9.69%",
        "4942.289万元",
        "89051人次",
        "88.11%",
        "56.57%",
        "8045.01元",
        "54.68平方米",
        "6697.85万元",
        "7.43万人",
        "342处",
    ],
    "guangdong-2024": [
        "4918.76亿元",
        "3217.77亿元",
        "15.24%",
        "14.70%",
        "6039.55元",
        "36290.78元",
        "95.08%",
        "37.57%",
        "82.54%",
        "95.43%",
        "61.62万个",
        "5282个",
        "96.88%",
        "82.71%",
    ],
    "shanxi-2024": ["456所", "160所", "508所", "54个", "61个", "111个", "103所"],
}


def report_text(example: Path) -> str:
    found = REPORT_LINE.search(example.read_text(encoding="utf-8"))
    assert found, f"{example.name} names no knowledge/reports file in its header"
    path = ROOT / found.group(1)
    if not path.exists():
        pytest.skip(f"{path} is not in this checkout")
    return re.sub(r"\s+", "", path.read_text(encoding="utf-8"))


def forms(value: float) -> set[str]:
    return {f"{value:g}"} | {f"{value:.{d}f}" for d in (1, 2, 3, 4)}


def test_there_is_one_example_per_reconstructable_seed_region():
    assert {p.stem for p in EXAMPLES} == set(SPOT)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_example_loads_without_problems(example):
    assert validate_file(example) == []
    source = load_source(example)
    assert len(source.metrics) >= 10
    assert source.report.region and source.report.period <= source.report.round
    assert source.facts and source.problems and source.plans


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_spot_checked_figures_appear_in_the_report(example):
    text = report_text(example)
    missing = [figure for figure in SPOT[example.stem] if figure not in text]
    assert missing == []


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_every_metric_value_is_printed_in_the_report_or_marked_derived(example):
    """A value with its unit appears in the report text, unless its note says how it was derived (a = b ± c)."""
    text, source = report_text(example), load_source(example)
    missing = []
    for metric in source.metrics:
        for year, value in metric.values.items():
            units = {metric.unit, metric.unit.removesuffix("元")}  # 1.3亿 / 2800万 as printed
            if not any(f + u in text for f in forms(value) for u in units) and "=" not in metric.note:
                missing.append(f"{metric.key}@{year}={value}{metric.unit}")
    assert missing == []


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_spot_figures_are_held_by_the_metrics_or_the_facts(example):
    """What the spot list checks in the report is also in the example (a metric value or a fact sentence)."""
    source = load_source(example)
    held = {f + m.unit for m in source.metrics for v in m.values.values() for f in forms(v)}
    held |= {f + m.unit for m in source.metrics if m.target for f in forms(m.target.value)}
    sentences = "".join(s for facts in source.facts.values() for s in facts)
    sentences += "".join(source.problems + source.rectification + source.plans + source.experiences)
    unheld = [f for f in SPOT[example.stem] if f not in held and f not in sentences]
    assert unheld == []
