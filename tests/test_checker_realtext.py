"""The checker on real text nobody on the project wrote (eval/realtext, dev split): the labelled real defects are
found and correct paragraphs stay clean. bench/checker_accuracy.py prints the full measure; this pins it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

from realtext import load  # noqa: E402

from drafter.checker.check import check_text  # noqa: E402
from drafter.core.types import PROBLEM_STATUSES  # noqa: E402

DOCS = load("dev")


def problems(text: str) -> list:
    return [f for f in check_text(text).findings if f.status in PROBLEM_STATUSES]


@pytest.mark.skipif(not DOCS, reason="eval/realtext is not in this checkout")
def test_real_defects_are_found_and_correct_paragraphs_stay_clean():
    found = total = noisy = paragraphs = 0
    for d in DOCS:
        flags = problems(d.text)
        wrong = [(x.start, x.end) for x in d.defects] + [(c.start, c.end) for c in d.claims if c.defect]
        for x in d.defects:
            total += 1
            found += any(f.start < x.end and x.start < f.end for f in flags)
        for s, e in d.paragraphs():
            if not any(s <= a < e for a, _ in wrong):
                paragraphs += 1
                noisy += any(s <= f.start < e for f in flags)
    assert total >= 30 and found / total >= 0.85, (found, total)
    assert noisy <= 2, (noisy, paragraphs)


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        (
            "2021年全县一般公共预算教育支出3.2亿元，比上年增长5%；小学生均经费8000元，比上年下降1.2%，实现了“两个只增不减”。",
            True,
        ),
        (
            "2021年全县一般公共预算教育支出3.2亿元，比上年增长5%；小学生均经费8000元，比上年增长1.2%，实现了“两个只增不减”。",
            False,
        ),
        ("严格落实教育经费“两个只增不减”要求。", False),  # a commitment, not a result
        ("全县56人以上大班额仍有3个，已全面消除大班额。", True),
        ("化解56人以上大班额317个，实现了“大班额”清零的目标。", False),  # 317 counts what was removed
        ("2019年全县深入落实“双减”政策。", True),  # 双减 began in July 2021
        ("出台消除大班额专项规划。", False),  # a document, not the result
        # ceilings stated with their signs after the claim (a district's 均衡 statistics): 0.335 ≤ 0.65
        ("差异系数小学0.335,初中0.328,均达到国家规定要求(小学≤0.65,初中≤0.55)。", False),
        ("差异系数小学0.335,初中0.328,均未达到国家规定要求(小学≤0.65,初中≤0.55)。", True),
        ("差异系数小学0.735,初中0.328,均达到国家规定要求(小学≤0.65,初中≤0.55)。", True),
    ],
)
def test_claims_in_words(text, flagged):
    claims = [f for f in check_text(text).findings if f.kind == "claim"]
    assert any(f.status == "mismatch" for f in claims) == flagged, claims
