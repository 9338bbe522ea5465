"""drafter.drafting.exemplars: exemplars lose other regions' figures, years, names and placeholders."""

import pytest

from drafter.core.types import Passage
from drafter.drafting.exemplars import scrub, scrub_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "2021年，长治市学前三年毛入园率达到91.5%，长治市坚持公益普惠基本方向，多渠道扩大普惠性资源。",
            "我市坚持公益普惠基本方向，多渠道扩大普惠性资源。",
        ),
        (
            "新建公办幼儿园三所，入园难、入园贵问题得到有效缓解。",
            "入园难、入园贵问题得到有效缓解。",
        ),  # 三所 is a figure
        ("xx市出台《关于…的通知》（x政发〔20XX〕x号），建立了联席会议制度。", "建立了联席会议制度。"),
        ("投入X亿元改善办学条件，办学条件明显改善。", "办学条件明显改善。"),
        ("经费达***万元。", ""),
    ],
)
def test_scrub_text(text, expected):
    assert scrub_text(text, "长治市", "我市") == expected


def test_a_passage_left_with_less_than_a_sentence_is_dropped():
    kept = Passage(
        id="a", text="长治坚持公益普惠基本方向，多渠道扩大普惠性学前教育资源。", source="r", region="长治市"
    )
    empty = Passage(id="b", text="2021年毛入园率91.5%。", source="r", region="长治市")
    (only,) = scrub((kept, empty), "我县")
    assert only.id == "a" and only.text == "我县坚持公益普惠基本方向，多渠道扩大普惠性学前教育资源。"
