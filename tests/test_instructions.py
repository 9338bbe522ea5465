"""drafter.drafting.instructions: an editor's instructions as the offline writer understands them."""

import pytest

from drafter.core.config import Settings
from drafter.drafting.instructions import emphasis_first, explain, mentions, parse_instructions
from drafter.drafting.prompts import load_prompts


@pytest.mark.parametrize(
    ("text", "concise", "emphasis", "problems", "analysis", "unknown"),
    [
        ("更简洁，突出普惠性幼儿园建设", True, ("普惠性幼儿园建设",), False, False, ()),
        ("简要一些", True, (), False, False, ()),
        ("补充存在的问题", False, (), True, False, ()),
        ("加强数据分析", False, (), False, True, ()),
        ("突出“双减”工作；写得生动些", False, ("双减",), False, False, ("写得生动些",)),
        ("请改成第三人称", False, (), False, False, ("请改成第三人称",)),
    ],
)
def test_parse_instructions(text, concise, emphasis, problems, analysis, unknown):
    intent = parse_instructions(text)
    assert (intent.concise, intent.emphasis, intent.more_problems, intent.more_analysis, intent.unknown) == (
        concise,
        emphasis,
        problems,
        analysis,
        unknown,
    )


def test_emphasis_first_keeps_the_order_within_each_group():
    items = ["新建公办幼儿园12所", "认定普惠性幼儿园30所", "大班额全部消除", "普惠性幼儿园覆盖率80.1%"]
    assert emphasis_first(items, ("普惠性幼儿园建设",)) == [items[1], items[3], items[0], items[2]]
    assert mentions("认定普惠性幼儿园30所", "普惠性幼儿园建设") and not mentions("大班额", "普惠性幼儿园建设")


def test_explain_says_what_was_done_and_what_was_not():
    prompts = load_prompts(Settings.load().prompts_dir)
    note = explain(prompts, parse_instructions("简要，突出双减，写得生动些"), "problems")
    assert note.startswith("离线模板已按要求改写 / done：精简")
    assert "not done：突出双减（离线模板只在指标小节中调整顺序）；写得生动些。" in note
    assert explain(prompts, parse_instructions(""), "indicator") == ""
