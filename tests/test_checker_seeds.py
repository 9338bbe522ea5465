"""The real defects of the seed reports are found on the text alone, with at most one false alarm per report."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from drafter.checker.check import check_text

ROOT = Path(__file__).resolve().parent.parent
SEEDS = (
    ROOT.parent / "shared" / "seeds"
)  # the raw seed files, when the steering folder sits beside the checkout

# (figure as printed, words just before it, expected value): every real case the rules cover, see README
DEFECTS = (
    ("0.5%", "较上年减少了", "0.5个百分点"),  # 长治: 7.9% → 7.4% is a change of 0.5 个百分点
    ("52.3%", "配建率达到", "52.5%"),  # 铁岭 (collection 1): 53 / 101 = 52.5%
    ("0.16%", "下降了", "0.16个百分点"),  # 广东 (collection 4): 大班额占比 1.53%
    ("96.15", "总得分为", "91.15分"),  # 抚顺: the 14 printed item scores sum to 91.15
    ("142.689万元", "教育经费为", ""),  # 安岳: smaller than its own part 资助资金4942.289万元
    (
        "2024年",
        "项目。2024-",
        "",
    ),  # 铁岭 (collection 1): every year of the copy made 2024: a range 2024 to 2024
    (
        "2024年",
        "工程。2024—",
        "",
    ),  # (both dashes are printed; the ones inside 《…》 titles are names, not figures)
)


def cleaned_texts() -> list[tuple[str, str]]:
    """The cleaned copies in knowledge/reports (front matter removed): always in the repo."""
    return [
        (
            f"knowledge/reports/{p.name}",
            re.sub(r"\A---\n.*?\n---\n", "", p.read_text(encoding="utf-8"), flags=re.S),
        )
        for p in sorted((ROOT / "knowledge" / "reports").glob("*.md"))
    ]


def seed_texts() -> list[tuple[str, str]]:
    """The raw seed files, when ../shared/seeds exists beside the checkout."""
    return [(p.name, p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt"))]


TEXTS = cleaned_texts() + seed_texts()


def expected_defects(text: str) -> list[tuple[str, str, str]]:
    squeezed = re.sub(r"\s", "", text)
    return [d for d in DEFECTS if d[1] + d[0] in squeezed]


@pytest.mark.parametrize(("name", "text"), TEXTS, ids=[n for n, _ in TEXTS])
def test_seed_defects_found_with_at_most_one_false_alarm(name, text):
    report = check_text(text)
    problems = report.problems
    for figure, _, expected in expected_defects(text):
        hits = [f for f in problems if re.sub(r"\s", "", f.text).startswith(figure)]
        assert hits, f"{name}: {figure} not flagged"
        assert hits[0].status == "inconsistent"
        if expected:
            assert hits[0].expected.replace(" ", "") == expected
    defects = {
        re.sub(r"\s", "", f.text)
        for f in problems
        if any(re.sub(r"\s", "", f.text).startswith(d[0]) for d in expected_defects(text))
    }
    false_alarms = [f for f in problems if re.sub(r"\s", "", f.text) not in defects]
    assert len(false_alarms) <= 1, [(f.text, f.message) for f in false_alarms]


def test_every_listed_defect_occurs_in_the_cleaned_copies():
    found = {d for _, text in cleaned_texts() for d in expected_defects(text)}
    assert found == set(DEFECTS)


@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"no raw seed files at {SEEDS}")
def test_every_listed_defect_occurs_in_the_raw_seeds():
    found = {d for _, text in seed_texts() for d in expected_defects(text)}
    assert found == set(DEFECTS)
