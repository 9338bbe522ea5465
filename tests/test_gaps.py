"""drafter.figures.gaps: the 【待补充：…】 markers a draft leaves for the editor."""

import pytest

from drafter.figures.gaps import count_gaps, find_gaps, split_gaps, without_gaps


@pytest.mark.parametrize(
    ("text", "topics"),
    [
        (
            "按照要求，【待补充：本年度专题研究教育工作的会议（名称、次数）】。",
            ["本年度专题研究教育工作的会议（名称、次数）"],
        ),
        ("【待补充:签发人姓名】与【待补充：主送机关】", ["签发人姓名", "主送机关"]),
        ("【待补充】和（待补充）不是规范的空缺标记", []),  # no topic: a leftover, not a gap
        ("没有空缺。", []),
    ],
)
def test_find_gaps(text, topics):
    gaps = find_gaps(text)
    assert [g.topic for g in gaps] == topics
    assert all(text[g.start : g.end] == g.text for g in gaps)
    assert count_gaps(text) == len(topics)


def test_without_and_split():
    text = "甲【待补充：乙】丙"
    assert without_gaps(text) == "甲丙"
    assert split_gaps(text) == [("甲", False), ("【待补充：乙】", True), ("丙", False)]
    assert split_gaps("【待补充：乙】") == [("【待补充：乙】", True)]
