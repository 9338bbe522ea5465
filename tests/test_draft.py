import json
import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from draft_helpers import FakeBackend, write_metrics

from drafter.core.config import Settings
from drafter.core.errors import BackendUnavailable, BadCompletion, InputError, PromptError
from drafter.drafting.plan import plan_sections
from drafter.drafting.run import run_draft
from drafter.export.markdown import parse_markdown
from drafter.figures.numbers import format_figure
from drafter.outdir.store import load_draft
from drafter.source.load import load_source

HEADINGS = [
    "一、自查自评工作开展情况",
    "二、上一轮评价反馈问题整改情况",
    "三、履行教育职责情况",
    "（一）坚持党对教育工作的全面领导",
    "（二）优先保障教育经费投入",
    "（三）加强教师队伍建设",
    "（四）推进学前教育普及普惠",
    "（五）推动义务教育优质均衡发展",
    "四、经验做法和特色亮点",
    "五、存在的问题和不足",
    "六、下一步工作打算",
]


@pytest.fixture
def settings():
    return replace(Settings.load(), concurrency=4)


@pytest.fixture
def metrics(tmp_path):
    return write_metrics(tmp_path)


def test_offline_draft_writes_every_file(tmp_path, metrics, settings):
    out = tmp_path / "out"
    outcome = run_draft(metrics, out, settings, progress=False)
    assert {p.name for p in out.iterdir()} >= {"draft.json", "draft.md", "check.json"}
    md = (out / "draft.md").read_text(encoding="utf-8")
    assert re.findall(r"^#{2,3} (.+)$", md, re.M) == HEADINGS
    assert "# 示例市人民政府关于2021年度履行教育职责自评情况的报告" in md
    assert md.rstrip().endswith("示例市人民政府\n\n2022年3月20日")
    assert outcome.failed == () and outcome.exit_code == outcome.check.exit_code
    assert load_draft(out) == outcome.draft
    assert json.loads((out / "check.json").read_text(encoding="utf-8"))["summary"]["figures"] >= 0


def test_every_latest_metric_value_appears(tmp_path, metrics, settings):
    source = load_source(metrics)
    run_draft(metrics, tmp_path / "out", settings, progress=False)
    md = (tmp_path / "out" / "draft.md").read_text(encoding="utf-8")
    for m in source.metrics:
        if m.key == "compulsory.large_class_count" and m.values[m.latest_year] == 0:
            assert f"{m.label}全部消除" in md  # a count to be eliminated at 0 is said in words, not as 0个
            continue
        assert format_figure(m.values[m.latest_year], m.unit) in md, m.key


def test_years_come_from_the_report_and_the_metrics(tmp_path, metrics, settings):
    run_draft(metrics, tmp_path / "out", settings, progress=False)
    md = (tmp_path / "out" / "draft.md").read_text(encoding="utf-8")
    years = set(map(int, re.findall(r"(?<!\d)(20\d\d)年", md)))
    assert years <= {2020, 2021, 2022}


def test_offline_figures_all_pass_the_checker(tmp_path, metrics, settings):
    outcome = run_draft(metrics, tmp_path / "out", settings, progress=False)
    summary = outcome.check.summary
    assert summary["mismatch"] == summary["unsupported"] == summary["inconsistent"] == 0, (
        outcome.check.problems
    )
    assert summary["verified"] + summary["derived"] >= 10


def test_provenance_of_offline_sections(tmp_path, metrics, settings):
    draft = run_draft(metrics, tmp_path / "out", settings, progress=False).draft
    prov = draft.section("preschool").provenance
    assert (prov.backend, prov.prompt) == ("offline", "offline/indicator")
    assert len(prov.prompt_hash) == 12 and prov.started_at and prov.error == ""
    assert draft.section("preschool").history == (prov,)


def test_model_sections_get_filled_slots_and_provenance(tmp_path, metrics, settings):
    backend = FakeBackend(
        lambda r: (
            "学前三年毛入园率达到[[preschool.gross_enrolment_rate@2021]]。"
            if r.spec.id == "preschool"
            else "各项工作扎实推进。"
        )
    )
    draft = run_draft(metrics, tmp_path / "out", settings, backend=backend, progress=False).draft
    assert draft.section("preschool").text == "学前三年毛入园率达到91.2%。"
    prov = draft.section("preschool").provenance
    assert (prov.backend, prov.model, prov.prompt) == ("fake", "fake-model", "draft/section")
    assert prov.tokens_in == 10 and prov.tokens_out == 5
    request = next(r for r in backend.calls if r.spec.id == "preschool")
    assert "[[preschool.gross_enrolment_rate@2021]]" in request.messages[-1].content
    assert draft.section("title").provenance.backend == "offline"  # formulaic parts never go to the model
    assert {r.spec.id for r in backend.calls}.isdisjoint(
        {"title", "addressee", "opening", "signature", "results"}
    )


def test_concurrency_is_bounded(tmp_path, metrics, settings):
    backend = FakeBackend(delay=0.05)
    run_draft(metrics, tmp_path / "out", replace(settings, concurrency=3), backend=backend, progress=False)
    assert 1 < backend.max_active <= 3


def _flaky(fail_on: str):
    def reply(request):
        return (
            BackendUnavailable("HTTP 500 from the server") if request.spec.id == fail_on else "工作扎实推进。"
        )

    return reply


def test_failed_section_is_kept_as_failed_and_resumed(tmp_path, metrics, settings):
    out = tmp_path / "out"
    first = run_draft(metrics, out, settings, backend=FakeBackend(_flaky("fund")), progress=False)
    assert first.failed == ("fund",) and first.exit_code == 1
    fund = first.draft.section("fund")
    assert fund.status == "failed" and "HTTP 500" in fund.provenance.error
    assert first.draft.section("preschool").status == "drafted"
    assert "<!-- failed:" in parse_markdown((out / "draft.md").read_text(encoding="utf-8")).get(
        "fund", ""
    ) or "<!-- failed:" in (out / "draft.md").read_text(encoding="utf-8")
    again = FakeBackend()
    second = run_draft(metrics, out, settings, backend=again, progress=False)
    assert [r.spec.id for r in again.calls] == ["fund"]
    assert second.failed == () and second.draft.section("fund").status == "drafted"
    assert second.draft.section("preschool") == first.draft.section("preschool")


def test_only_redrafts_the_named_sections(tmp_path, metrics, settings):
    out = tmp_path / "out"
    run_draft(metrics, out, settings, progress=False)
    backend = FakeBackend()
    outcome = run_draft(metrics, out, settings, only=("（四）", "fund"), backend=backend, progress=False)
    assert sorted(r.spec.id for r in backend.calls) == ["fund", "preschool"]
    assert outcome.drafted == ("fund", "preschool") or set(outcome.drafted) == {"fund", "preschool"}


def test_unknown_only_lists_valid_ids(tmp_path, metrics, settings):
    with pytest.raises(InputError) as err:
        run_draft(metrics, tmp_path / "out", settings, only=("九十九",), progress=False)
    assert "preschool" in err.value.render() and "（四）" in err.value.render()


def test_unknown_slot_is_retried_once_then_kept(tmp_path, metrics, settings):
    replies = iter(["毛入园率[[preschool.nope@2021]]。", "毛入园率[[preschool.gross_enrolment_rate@2021]]。"])
    backend = FakeBackend(lambda r: next(replies) if r.spec.id == "preschool" else "工作扎实推进。")
    draft = run_draft(metrics, tmp_path / "out", settings, backend=backend, progress=False).draft
    calls = [r for r in backend.calls if r.spec.id == "preschool"]
    assert len(calls) == 2 and "preschool.nope@2021" in calls[1].messages[-1].content
    assert draft.section("preschool").text == "毛入园率91.2%。"


@pytest.mark.parametrize("bad", ["", "Sorry, I cannot help with that request at all.", "率[[x.y@1]]。"])
def test_unusable_twice_is_failed(tmp_path, metrics, settings, bad):
    backend = FakeBackend(lambda r: bad if r.spec.id == "preschool" else "工作扎实推进。")
    outcome = run_draft(metrics, tmp_path / "out", settings, backend=backend, progress=False)
    assert outcome.failed == ("preschool",)
    assert "unusable reply" in outcome.draft.section("preschool").provenance.error


def test_backend_bad_completion_fails_only_that_section(tmp_path, metrics, settings):
    backend = FakeBackend(
        lambda r: BadCompletion("garbled twice") if r.spec.id == "party" else "工作扎实推进。"
    )
    outcome = run_draft(metrics, tmp_path / "out", settings, backend=backend, progress=False)
    assert outcome.failed == ("party",)


def test_a_failed_section_is_named_by_its_heading_under_the_table(tmp_path, metrics, settings):
    """A trial: "✗ party: …" named a section by a code the clerk never sees; the table above names headings."""
    import io

    from rich.console import Console

    from drafter.cli.draft import _print_failed

    backend = FakeBackend(
        lambda r: BadCompletion("garbled twice") if r.spec.id == "party" else "工作扎实推进。"
    )
    outcome = run_draft(metrics, tmp_path / "out", settings, backend=backend, progress=False)
    printed = io.StringIO()
    _print_failed(Console(file=printed, width=200), outcome)
    heading = outcome.draft.section("party").spec.numbered_heading
    assert (
        printed.getvalue().startswith(f"✗ {heading}: garbled twice") and "✗ party" not in printed.getvalue()
    )


def test_unreachable_for_every_section_is_bad_input_but_saved(tmp_path, metrics, settings):
    backend = FakeBackend(lambda r: BackendUnavailable("cannot connect to http://127.0.0.1:9"))
    with pytest.raises(BackendUnavailable) as err:
        run_draft(metrics, tmp_path / "out", settings, backend=backend, progress=False)
    assert "--backend offline" in err.value.render()
    assert load_draft(tmp_path / "out").section("title").status == "drafted"


def test_prompt_that_cannot_fit_is_a_prompt_error(tmp_path, metrics, settings):
    with pytest.raises(PromptError) as err:
        run_draft(
            metrics,
            tmp_path / "out",
            replace(settings, context_tokens=200),
            backend=FakeBackend(),
            progress=False,
        )
    assert "tokens even without exemplars" in err.value.message
    assert (tmp_path / "out" / "draft.json").is_file()


def test_out_holding_something_else_is_refused(tmp_path, metrics, settings):
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(InputError, match="not a draft"):
        run_draft(metrics, out, settings, progress=False)
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_bad_metrics_are_input_errors(tmp_path, settings):
    bad = write_metrics(tmp_path, "report:\n  region: 示例市\nmetrics: []\n", name="bad.yaml")
    with pytest.raises(InputError):
        run_draft(bad, tmp_path / "out", settings, progress=False)
    assert not (tmp_path / "out").exists()


class _Retriever:
    """Returns passages for a level first; records the calls."""

    def __init__(self, passages):
        self.passages, self.calls = passages, []

    def search(self, query, k=5, indicator=None, level=None):
        self.calls.append((indicator, level))
        return tuple(
            p for p in self.passages if p.indicator == indicator and (level is None or p.level == level)
        )[:k]


def _passage(pid, score, level="city"):
    from drafter.core.types import Passage

    return Passage(
        id=pid,
        text="范文：" + "学前教育普及普惠工作取得明显成效。" * 40,
        source="reports/x.md",
        region="别的市",
        level=level,
        indicator="preschool",
        score=score,
    )


def test_exemplars_prefer_the_same_level_and_the_weakest_go_first(metrics, settings):
    from drafter.drafting.compose import exemplars_for, fit_prompt
    from drafter.drafting.context import build_context
    from drafter.drafting.slots import section_slots

    source = load_source(metrics)
    ctx = build_context(source, settings, FakeBackend())
    own = replace(_passage("own", 0.99), region="示例市")
    ctx.retriever = _Retriever(
        [own, _passage("a", 0.9), _passage("b", 0.5), _passage("c", 0.7, level="county")]
    )
    spec = next(s for s in plan_sections(source, ctx.taxonomy) if s.id == "preschool")
    found = exemplars_for(spec, ctx)
    assert [p.id for p in found] == ["a", "b", "c"]  # same level first; never the region's own report
    assert ctx.retriever.calls == [("preschool", "city"), ("preschool", None)]
    slots = section_slots(spec, ctx.table)
    _, kept_all, tokens_all = fit_prompt(spec, ctx, slots, found, "")
    assert [p.id for p in kept_all] == ["a", "b", "c"]
    ctx.settings = replace(settings, context_tokens=int((tokens_all - 200) / 0.75))
    _, kept, tokens = fit_prompt(spec, ctx, slots, found, "")
    assert [p.id for p in kept] == ["a", "b"] and tokens < tokens_all  # the other-level one went first


def test_resume_keeps_hand_edits_byte_for_byte(tmp_path, metrics, settings):
    from drafter.export.markdown import split_markdown

    out = tmp_path / "out"
    run_draft(metrics, out, settings, backend=FakeBackend(_flaky("fund")), progress=False)
    md_path = out / "draft.md"
    md = md_path.read_text(encoding="utf-8")
    md_path.write_text(md.replace("工作扎实推进。", "工作扎实推进  （编辑补充一句）。", 1), encoding="utf-8")
    edited = {c.section_id: c.text for c in split_markdown(md_path.read_text(encoding="utf-8"))}
    outcome = run_draft(metrics, out, settings, backend=FakeBackend(), progress=False)
    after = {c.section_id: c.text for c in split_markdown(md_path.read_text(encoding="utf-8"))}
    assert [k for k in edited if edited[k] != after[k]] == ["fund"]
    locked = [s for s in outcome.draft.sections if s.status == "locked"]
    assert len(locked) == 1 and "编辑补充一句" in locked[0].text


def test_an_unexpected_error_fails_only_its_section(tmp_path, metrics, settings):
    backend = FakeBackend(lambda r: KeyError("boom") if r.spec.id == "teachers" else "工作扎实推进。")
    outcome = run_draft(metrics, tmp_path / "out", settings, backend=backend, progress=False)
    assert outcome.failed == ("teachers",)
    assert "internal error KeyError" in outcome.draft.section("teachers").provenance.error


def test_changed_metrics_redraft_every_unlocked_section(tmp_path):
    """Resuming keeps sections; new data must not: the unlocked sections are drafted again from it."""
    metrics = tmp_path / "m.yaml"
    shutil.copy(Path(__file__).parent.parent / "examples" / "yangquan-2021.yaml", metrics)
    settings = Settings.load(quiet=True)
    out = tmp_path / "out"
    first = run_draft(metrics, out, settings, progress=False)
    assert not first.data_changed and "92.3%" in (out / "draft.md").read_text(encoding="utf-8")

    again = run_draft(metrics, out, settings, progress=False)
    assert again.drafted == () and not again.data_changed  # same data: a resume drafts nothing

    metrics.write_text(metrics.read_text(encoding="utf-8").replace("92.3", "93.4"), encoding="utf-8")
    changed = run_draft(metrics, out, settings, progress=False)
    text = (out / "draft.md").read_text(encoding="utf-8")
    assert changed.data_changed and "preschool" in changed.drafted
    assert "93.4%" in text and "92.3%" not in text
    assert changed.check.exit_code == 0
    assert load_draft(out).metrics_hash == changed.draft.metrics_hash != first.draft.metrics_hash


def test_a_figure_the_checker_flags_is_marked_in_the_word_file(tmp_path, settings):
    """A new user's trial: 安岳's data hold 142.689万元 for a budget that holds 13282.41万元; the draft prints it and
    check.json flags it, but draft.docx showed it plainly. It is red with a wavy underline; the rest is not."""
    import docx
    from docx.oxml.ns import qn

    example = Path(__file__).resolve().parent.parent / "examples" / "anyue-2023.yaml"
    outcome = run_draft(example, tmp_path / "out", settings, progress=False)
    assert [f.text for f in outcome.check.problems] == ["142.689万元"]
    marked = [
        r.text
        for p in docx.Document(str(tmp_path / "out" / "draft.docx")).paragraphs
        for r in p.runs
        if r._r.rPr is not None and r._r.rPr.find(qn("w:u")) is not None
    ]
    assert marked == ["142.689万元"]


def test_a_figure_another_sections_facts_state_by_its_label_is_not_told_again(tmp_path, settings):
    """A new user's trial: 安岳's （五） fact says 2023年教育督导经费预算110万元已足额拨付到位, and （十四） said again
    2023年，全县教育督导经费预算为110万元 from the metric of that label: the same figure twice in one report."""
    example = Path(__file__).resolve().parent.parent / "examples" / "anyue-2023.yaml"
    run_draft(example, tmp_path / "out", settings, progress=False)
    text = (tmp_path / "out" / "draft.md").read_text(encoding="utf-8")
    assert text.count("110万元") == 1 and "教育督导经费预算110万元已足额拨付到位" in text


@pytest.mark.parametrize(("example", "figure"), [("changzhi-2021", "3.2289亿元"), ("fushun-2022", "96.15分")])
def test_a_figure_another_sections_facts_state_in_other_words_is_not_told_again(
    tmp_path, settings, example, figure
):
    """A new user's trial: 长治's （九） fact says 投资3.2289亿元，大力实施义务教育薄弱环节改善与能力提升工程, and （十三）
    said again 义务教育薄弱环节改善与能力提升工程投资为3.2289亿元 (the label's words in another order); 抚顺's 一、 fact
    says 总得分为96.15分 and （十四） said it again."""
    source = Path(__file__).resolve().parent.parent / "examples" / f"{example}.yaml"
    run_draft(source, tmp_path / "out", settings, progress=False)
    text = (tmp_path / "out" / "draft.md").read_text(encoding="utf-8")
    assert text.count(figure) == 1


@pytest.mark.parametrize(
    ("example", "said"),
    [
        ("fushun-2022", "国家学生体质健康标准合格率为84.16%，优良率为26.7%。"),
        ("guangdong-2024", "义务教育阶段56人以上大班额5282个，占比为1.53%。"),
    ],
)
def test_a_label_that_goes_on_from_the_one_before_says_only_its_own_words(tmp_path, settings, example, said):
    """A new user's trial: 国家学生体质健康标准合格率为84.16%；国家学生体质健康标准优良率为26.7% read as a dump of labels."""
    source = Path(__file__).resolve().parent.parent / "examples" / f"{example}.yaml"
    outcome = run_draft(source, tmp_path / "out", settings, progress=False)
    assert said in (tmp_path / "out" / "draft.md").read_text(encoding="utf-8")
    assert not outcome.check.problems


def test_after_shared_keeps_a_label_that_shares_too_little():
    from drafter.drafting.prompts import after_shared

    assert after_shared("国家学生体质健康标准优良率", "国家学生体质健康标准合格率") == "优良率"
    assert after_shared("普通高中学校", "普通高中在校生") == "普通高中学校"  # four alike: no
    assert (
        after_shared("一般公共预算教育支出", "一般公共预算教育支出") == "一般公共预算教育支出"
    )  # nothing left
    # never inside a word or a number (a review of the change: 校额比例, 6人以上大班额比例)
    assert after_shared("义务教育阶段大校额比例", "义务教育阶段大班额比例") == "义务教育阶段大校额比例"
    assert after_shared("义务教育阶段56人以上大班额比例", "义务教育阶段55人以上班额比例") == (
        "义务教育阶段56人以上大班额比例"
    )
    assert (
        after_shared("义务教育阶段56人以上大班额占比", "义务教育阶段56人以上大班额") == "占比"
    )  # the one before, and more


def test_a_label_named_in_other_words_needs_its_head():
    """初中专任教师学历合格率 holds eight of its ten character pairs in 小学专任教师学历合格率达100%: not named there."""
    from drafter.drafting.views import _names_label

    assert not _names_label("小学专任教师学历合格率达100%", "初中专任教师学历合格率")
    assert _names_label(
        "投资3.2289亿元，大力实施义务教育薄弱环节改善与能力提升工程", "义务教育薄弱环节改善与能力提升工程投资"
    )


def test_metrics_that_add_up_to_the_total_before_them_are_told_as_its_parts(tmp_path, settings):
    """A new user's trial: 教师招聘314人；公办中小学招聘教师130人；民办中小学招聘教师97人。民办幼儿园招聘教师87人 — the
    parts of 314 (130 + 97 + 87) read as four unrelated figures, across a sentence break."""
    source = Path(__file__).resolve().parent.parent / "examples" / "fushun-2022.yaml"
    outcome = run_draft(source, tmp_path / "out", settings, progress=False)
    text = (tmp_path / "out" / "draft.md").read_text(encoding="utf-8")
    assert (
        "教师招聘314人，其中公办中小学招聘教师130人、民办中小学招聘教师97人、民办幼儿园招聘教师87人。" in text
    )
    assert not outcome.check.problems


def test_parts_with_changes_of_their_own_or_that_do_not_add_up_are_not_listed():
    from drafter.drafting.views import MetricView, mark_listed_parts

    def view(key: str, value: float, change: str = "") -> MetricView:
        return MetricView(key, "x", key, "人", False, 2021, f"{key}@2021", value=value, change=change)

    listed = mark_listed_parts(
        [view("学校数", 10), view("城区学校数", 6), view("农村学校数", 4), view("教师数", 9)]
    )
    assert [v.listed_part for v in listed] == [False, True, True, False]
    short = [view("学校数", 10), view("城区学校数", 6), view("农村学校数", 3)]
    assert not any(v.listed_part for v in mark_listed_parts(short))
    changed = [view("学校数", 10), view("城区学校数", 6, "b.change"), view("农村学校数", 4)]
    assert not any(v.listed_part for v in mark_listed_parts(changed))


@pytest.mark.parametrize(
    ("labels", "unit"),
    [
        (("省级平安校园数", "市级平安校园数", "县级平安校园数"), "所"),  # siblings named by a qualifier
        (("新建公办幼儿园数", "改扩建幼儿园数", "新认定普惠性民办幼儿园数"), "所"),
        (("培训校长", "公办学校招聘教师", "民办学校招聘教师"), "人"),  # no words of the total
        (("初中生均公用经费补助标准", "小学生均公用经费补助标准", "学前教育生均公用经费补助标准"), "元"),
        (("学前三年毛入园率提高", "普惠性幼儿园覆盖率提高", "公办园在园幼儿占比提高"), "个百分点"),
        (("生均校舍建筑面积", "生均体育运动场馆面积", "生均绿化面积"), "平方米"),
    ],
)
def test_metrics_that_add_up_by_chance_are_not_listed_as_parts(labels, unit):
    """A review of the change: 省级平安校园3所，其中市级平安校园2所、县级平安校园1所 and the like were written."""
    from drafter.drafting.views import MetricView, mark_listed_parts

    views = [
        MetricView(f"k.{n}", "x", label, unit, False, 2021, f"k.{n}@2021", value=value)
        for n, (label, value) in enumerate(zip(labels, (3, 2, 1), strict=True))
    ]
    assert not any(v.listed_part for v in mark_listed_parts(views))


def test_an_emphasis_moves_a_total_and_its_parts_together(tmp_path, settings):
    """A review of the change: 突出民办中小学招聘教师 put the parts first and the total last, with no subject."""
    from drafter.drafting.redraft import regenerate

    source = Path(__file__).resolve().parent.parent / "examples" / "fushun-2022.yaml"
    run_draft(source, tmp_path / "out", settings, progress=False)
    regenerate(tmp_path / "out", "teachers", settings, instructions="突出民办中小学招聘教师")
    text = (tmp_path / "out" / "draft.md").read_text(encoding="utf-8")
    assert (
        "教师招聘314人，其中公办中小学招聘教师130人、民办中小学招聘教师97人、民办幼儿园招聘教师87人" in text
    )


def test_counted_parts_of_a_total_are_named_without_gongyou(tmp_path, settings):
    """共有义务教育学校45所，其中城区义务教育学校12所、农村义务教育学校33所 — not 其中共有城区…、共有农村…."""
    source = tmp_path / "m.yaml"
    source.write_text(
        "report: {region: 青山县, level: county, round: 2024, period: 2023, issuer: 青山县人民政府}\n"
        "metrics:\n"
        "  - {key: compulsory.schools, label: 义务教育学校数, unit: 所, values: {2023: 45}}\n"
        "  - {key: compulsory.schools_urban, label: 城区义务教育学校数, unit: 所, values: {2023: 12}}\n"
        "  - {key: compulsory.schools_rural, label: 农村义务教育学校数, unit: 所, values: {2023: 33}}\n",
        encoding="utf-8",
    )
    outcome = run_draft(source, tmp_path / "out", settings, progress=False)
    text = (tmp_path / "out" / "draft.md").read_text(encoding="utf-8")
    assert "共有义务教育学校45所，其中城区义务教育学校12所、农村义务教育学校33所。" in text
    assert not outcome.check.problems
