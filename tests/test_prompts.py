"""Prompt templates: strict rendering, hashes, the inputs comment, and what the drafting prompt tells a model."""

from __future__ import annotations

import re
from pathlib import Path

import jinja2
import jinja2.meta
import pytest

from drafter.core.config import PROJECT_ROOT
from drafter.core.errors import PromptError
from drafter.core.types import Passage, ReportInfo, SectionSpec, Slot, SourceData
from drafter.drafting.prompts import (
    Prompts,
    load_prompts,
    retry_message,
    section_messages,
    section_statements,
)

PROMPTS = PROJECT_ROOT / "prompts"
TEMPLATES = sorted(PROMPTS.rglob("*.j2"))
HEADER = re.compile(r"\A\{#-?(.*?)-?#\}", re.S)  # the first comment; it lists the inputs after "inputs"

REPORT = ReportInfo(region="安岳县", level="county", round=2024, period=2023, issuer="安岳县人民政府")
SOURCE = SourceData(
    report=REPORT,
    metrics=(),
    facts={"preschool": ("2023年新建公办幼儿园2所",), "party": ("县委常委会专题研究教育工作4次",)},
    problems=("城区学校大班额仍未完全消除",),
    plans=("加快城南学校建设",),
)
PRESCHOOL = SectionSpec(
    id="preschool",
    kind="indicator",
    heading="学前教育普及普惠",
    ordinal="（三）",
    depth=2,
    indicator="preschool",
)
SLOTS = (
    Slot(name="preschool.gross_enrolment_rate@2023", text="92.3%", label="2023年学前三年毛入园率"),
    Slot(name="pp(preschool.gross_enrolment_rate,2022,2023)", text="1.2个百分点", label="毛入园率提高"),
)
EXEMPLAR = Passage(
    id="cz-12",
    text="2021年，全市学前三年毛入园率达到91.5%。长治市坚持公益普惠基本方向，多渠道扩大普惠性资源。",
    source="reports/cz.md",
    region="长治市",
    year=2021,
    indicator="preschool",
)


@pytest.fixture
def tmp_prompts(tmp_path: Path) -> Prompts:
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "hello.j2").write_text("{# inputs: who #}你好，{{ who.name }}！\n", encoding="utf-8")
    (tmp_path / "t" / "broken.j2").write_text("{# inputs: x #}{% if x %}no end", encoding="utf-8")
    return Prompts(tmp_path)


# ---------------------------------------------------------------- the environment
def test_render_keeps_the_trailing_newline_and_escapes_nothing(tmp_prompts):
    who = type("W", (), {"name": "<张三>"})()
    assert tmp_prompts.render("t/hello", who=who) == "你好，<张三>！\n"
    assert tmp_prompts.render("t/hello.j2", who=who) == "你好，<张三>！\n"


@pytest.mark.parametrize(
    "name, ctx, words",
    [
        ("t/missing", {}, ["t/missing.j2", "not found"]),
        ("t/hello", {}, ["t/hello.j2", "variable who"]),
        ("t/hello", {"who": object()}, ["t/hello.j2", "name"]),
        ("t/broken", {"x": 1}, ["t/broken.j2", "line 1"]),
    ],
    ids=["no-template", "no-variable", "no-attribute", "syntax"],
)
def test_errors_name_the_template_and_the_variable(tmp_prompts, name, ctx, words):
    with pytest.raises(PromptError) as err:
        tmp_prompts.render(name, **ctx)
    assert all(w in err.value.message for w in words), err.value.message


def test_prompt_hash_is_12_hex_of_the_source_and_follows_edits(tmp_path):
    (tmp_path / "a.j2").write_text("{# inputs: none #}一", encoding="utf-8")
    first = Prompts(tmp_path).prompt_hash("a")
    assert re.fullmatch(r"[0-9a-f]{12}", first)
    (tmp_path / "a.j2").write_text("{# inputs: none #}二", encoding="utf-8")
    assert Prompts(tmp_path).prompt_hash("a") != first
    with pytest.raises(PromptError, match="not found"):
        Prompts(tmp_path).prompt_hash("b")


def test_load_prompts_shares_one_environment_per_directory():
    assert load_prompts(PROMPTS) is load_prompts(PROMPTS)


@pytest.mark.parametrize("path", TEMPLATES, ids=[str(p.relative_to(PROMPTS)) for p in TEMPLATES])
def test_every_template_starts_by_listing_the_inputs_it_uses(path):
    source = path.read_text(encoding="utf-8")
    header = HEADER.match(source)
    assert header and "inputs" in header.group(1).lower(), f"{path.name} must start with {{# inputs: ... #}}"
    used = jinja2.meta.find_undeclared_variables(jinja2.Environment().parse(source))
    used -= set(re.findall(r"\{%-?\s*set\s+([A-Za-z_]\w*)", source))  # set inside blocks: meta misses them
    listed = set(
        re.findall(r"[A-Za-z_][A-Za-z0-9_]*", re.split("inputs", header.group(1), maxsplit=1, flags=re.I)[1])
    )
    assert used <= listed, f"{path.name} uses inputs its header does not list: {sorted(used - listed)}"


# ---------------------------------------------------------------- the drafting prompt
def messages(spec=PRESCHOOL, slots=SLOTS, exemplars=(EXEMPLAR,), **kw):
    system, user = section_messages(load_prompts(PROMPTS), SOURCE, spec, slots, exemplars, **kw)
    assert (system.role, user.role) == ("system", "user")
    return system.content, user.content


def test_system_prompt_sets_register_and_slot_rule():
    system, _ = messages()
    for words in ("我县", "一是", "（1）", "Markdown", "[[占位符名称]]", "不要编造", "2024年", "2023年"):
        assert words in system, words
    assert not system.startswith("\n")


def test_section_prompt_carries_report_spec_slots_facts_and_exemplars():
    _, user = messages()
    for words in (
        "安岳县",
        "县级",
        "评价年度：2024年",
        "被评价年度：2023年",
        "学前教育普及普惠",
        "preschool",
        "- [[preschool.gross_enrolment_rate@2023]]：2023年学前三年毛入园率，数值为 92.3%",
        "- [[pp(preschool.gross_enrolment_rate,2022,2023)]]：毛入园率提高，数值为 1.2个百分点",
        "2023年新建公办幼儿园2所",
        "范文1（长治市，2021年）",
        "不得照抄",
        "我县坚持公益普惠基本方向，多渠道扩大普惠性资源。",  # scrubbed: no figure, no year, no other name
    ):
        assert words in user, words
    assert "91.5%" not in user and "长治市坚持" not in user
    assert "县委常委会" not in user  # another indicator's facts stay out
    assert "编辑的修改要求" not in user and "上一次生成的问题" not in user


def test_instructions_and_previous_problem_appear_only_when_given():
    _, user = messages(instructions="  突出普惠性资源扩容  ", retry_problem="used a slot it was not given")
    assert "【编辑的修改要求】（优先满足）\n突出普惠性资源扩容\n" in user
    assert "used a slot it was not given" in user


def test_no_exemplars_and_no_slots_say_so():
    _, user = messages(slots=(), exemplars=())
    assert "范文" not in user and "不要写任何统计数字" in user


@pytest.mark.parametrize(
    "kind, statement, guidance",
    [
        ("problems", "城区学校大班额仍未完全消除", "存在的问题"),
        ("plans", "加快城南学校建设", "改进措施"),
        ("self_check", None, "自查自评"),
    ],
)
def test_report_parts_get_their_own_statements_and_guidance(kind, statement, guidance):
    spec = SectionSpec(id=kind, kind=kind, heading="x", ordinal="五", depth=1)
    _, user = messages(spec=spec, slots=(), exemplars=())
    assert guidance in user
    assert (statement in user) if statement else "已核实事实" not in user
    assert section_statements(SOURCE, spec) == ((statement,) if statement else ())


@pytest.mark.parametrize(
    "problem, words",
    [
        ("empty", "空"),
        ("garbled", "乱码"),
        ("unknown_slots", "[[fund.x@2099]]"),
    ],
)
def test_retry_message_states_the_problem(problem, words):
    message = retry_message(
        load_prompts(PROMPTS), problem, unknown_slots=["fund.x@2099"], allowed_slots=["fund.a@2021"]
    )
    assert message.role == "user" and words in message.content
    if problem == "unknown_slots":
        assert "[[fund.a@2021]]" in message.content


# ---------------------------------------------------------------- what the data say, in the prompt
FUND = SectionSpec(
    id="fund", kind="indicator", heading="优先保障教育经费投入", ordinal="（一）", depth=2, indicator="fund"
)


def _fund_source(period=2023):
    from drafter.core.types import Metric

    report = ReportInfo(
        region="安岳县", level="county", round=period + 1, period=period, issuer="安岳县人民政府"
    )
    metrics = (
        Metric("fund.general_budget_edu", "一般公共预算教育支出", "万元", {period - 1: 9000, period: 9500}),
        Metric(
            "fund.per_student_junior",
            "初中生均一般公共预算教育支出",
            "元",
            {period - 1: 15000, period: 14800},
        ),
    )
    return SourceData(report=report, metrics=metrics)


def _fund_prompt(period=2023):
    from drafter.drafting.slots import section_slots, slot_table
    from drafter.figures.derive import derive_all

    source = _fund_source(period)
    slots = section_slots(FUND, slot_table(source, derive_all(source)))
    _, user = section_messages(load_prompts(PROMPTS), source, FUND, slots, ())
    return user.content


def test_the_prompt_gives_the_datas_verdicts_and_forbids_the_contrary_claim():
    user = _fund_prompt()
    assert "【数据结论】" in user
    assert (
        "- 一般公共预算教育支出：比上年增加" in user and "- 初中生均一般公共预算教育支出：比上年减少" in user
    )
    assert "“两个只增不减”未实现，不得写“实现两个只增不减”" in user


def test_the_prompt_shows_a_written_example_with_slots():
    user = _fund_prompt()
    assert "【写法示例】" in user
    assert "2023年，全县一般公共预算教育支出为[[fund.general_budget_edu@2023]]，比2022年增加[[diff(" in user


@pytest.mark.parametrize(("period", "named"), [(2019, True), (2022, False)])
def test_the_prompt_lists_the_policies_a_report_on_its_year_cannot_name(period, named):
    user = _fund_prompt(period)
    assert ("【不得使用的提法】" in user) is named
    if named:
        assert "双减（2021-07起）" in user and "提质培优（2020-09起）" in user


def test_the_system_prompt_forbids_preambles_and_invented_facts():
    system, _ = messages()
    for words in (
        "不写“好的”“以下是”",
        "【待补充：需要补充的内容】",
        "占位符后面不要再写单位",
        "只能按【数据结论】选择",
    ):
        assert words in system, words
