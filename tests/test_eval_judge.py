"""The optional LLM judge: rubric rendered with draft and reference, grades parsed, failures scored 0."""

from __future__ import annotations

from eval_helpers import make_subject

from drafter.core.config import PROJECT_ROOT
from drafter.drafting.backends.base import Completion
from drafter.drafting.prompts import load_prompts
from drafter.evaluation.scorers import judge


class FakeJudge:
    model = "fake-judge"

    def __init__(self, reply: str) -> None:
        self.reply, self.requests = reply, []

    def complete(self, request):
        self.requests.append(request)
        return Completion(text=self.reply, model=self.model)


PROMPTS = load_prompts(PROJECT_ROOT / "prompts")


def test_judge_scores_completeness_and_register():
    backend = FakeJudge("完整性：4\n语体：5\n评语：存在问题部分略显空泛。")
    score = judge.score(make_subject(reference="参照报告正文"), backend, PROMPTS)
    assert score.value == (4 + 5 - 2) / 8 and score.passed
    assert score.details["completeness"] == 4 and score.details["comment"] == "存在问题部分略显空泛。"
    prompt = backend.requests[0].messages[0].content
    assert (
        "青屏市（市级）2021年度" in prompt
        and "参照报告正文" in prompt
        and "高于省定标准2.3个百分点" in prompt
    )


def test_low_grades_fail_and_garbage_scores_zero():
    assert not judge.score(make_subject(), FakeJudge("完整性：2\n语体：4\n评语：缺少部分。"), PROMPTS).passed
    garbage = judge.score(make_subject(), FakeJudge("很好"), PROMPTS)
    assert garbage.value == 0.0 and not garbage.passed and "no grades" in garbage.issues[0].message


def test_without_reference_the_rubric_leaves_the_reference_out():
    backend = FakeJudge("完整性：5\n语体：5\n评语：无。")
    judge.score(make_subject(), backend, PROMPTS)
    assert "参照报告" not in backend.requests[0].messages[0].content
