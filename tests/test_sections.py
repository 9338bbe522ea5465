from dataclasses import replace

import pytest
from draft_helpers import FakeBackend, write_metrics

from drafter.core.config import Settings
from drafter.core.errors import BackendError, InputError
from drafter.core.types import SectionSpec
from drafter.drafting.plan import resolve_spec
from drafter.drafting.redraft import list_sections, regenerate
from drafter.drafting.run import run_draft
from drafter.export.markdown import split_markdown
from drafter.outdir.store import load_draft

SPECS = [
    SectionSpec(id="title", kind="title"),
    SectionSpec(id="self_check", kind="self_check", heading="自查自评工作开展情况", ordinal="一", depth=1),
    SectionSpec(id="results", kind="results", heading="履行教育职责情况", ordinal="三", depth=1),
    SectionSpec(
        id="preschool",
        kind="indicator",
        heading="推进学前教育普及普惠",
        ordinal="（三）",
        depth=2,
        indicator="preschool",
    ),
    SectionSpec(id="problems", kind="problems", heading="存在的问题和不足", ordinal="四", depth=1),
]


@pytest.mark.parametrize(
    ("ident", "expected"),
    [
        ("四", "problems"),
        ("四、", "problems"),
        ("（三）", "preschool"),
        ("(三)", "preschool"),
        ("三", "results"),
        ("preschool", "preschool"),
        ("推进学前教育普及普惠", "preschool"),
        ("（三）推进学前教育普及普惠", "preschool"),
        ("学前教育", "preschool"),
        ("存在的问题和不足", "problems"),
        ("title", "title"),
    ],
)
def test_resolve(ident, expected):
    assert resolve_spec(ident, SPECS).id == expected


NINE = [
    *SPECS,
    SectionSpec(id="safety", kind="indicator", heading="维护校园安全稳定", ordinal="（九）", depth=2),
]


@pytest.mark.parametrize(
    ("ident", "expected"),
    [
        ("九", "safety"),  # no 九、 part: the user means （九）
        ("第九", "safety"),
        ("9", "safety"),
        ("(9)", "safety"),
        ("（9）", "safety"),
        ("三", "results"),  # a 三、 part exists: it wins over （三）
        ("3", "results"),
        ("4", "problems"),
    ],
)
def test_resolve_bare_numeral(ident, expected):
    assert resolve_spec(ident, NINE).id == expected


@pytest.mark.parametrize("ident", ["0", "十", "（10）", "（九", "123"])
def test_resolve_numeral_of_no_section(ident):
    with pytest.raises(InputError):
        resolve_spec(ident, NINE)


@pytest.mark.parametrize("ident", ["九", "（九）", "nothing", "情况"])
def test_resolve_unknown_lists_valid_ids(ident):
    with pytest.raises(InputError) as err:
        resolve_spec(ident, SPECS)
    text = err.value.render()
    assert "（三） (preschool：推进学前教育普及普惠)" in text and "四 (problems" in text


@pytest.fixture
def settings():
    return Settings.load()


@pytest.fixture
def out(tmp_path, settings):
    out = tmp_path / "out"
    run_draft(write_metrics(tmp_path), out, settings, progress=False)
    return out


def _chunks(out):
    return {c.section_id: c.text for c in split_markdown((out / "draft.md").read_text(encoding="utf-8"))}


def test_regenerate_changes_only_that_section(out, settings):
    before = _chunks(out)
    backend = FakeBackend(
        lambda r: "按编辑要求重写：学前三年毛入园率[[preschool.gross_enrolment_rate@2021]]。"
    )
    outcome = regenerate(out, "（四）", settings, instructions="写得更简洁", backend=backend)
    after = _chunks(out)
    assert [k for k in before if before[k] != after[k]] == ["preschool"]
    assert "按编辑要求重写：学前三年毛入园率91.2%。" in after["preschool"]
    assert backend.calls[0].instructions == "写得更简洁"
    assert "写得更简洁" in backend.calls[0].messages[-1].content
    assert "+按编辑要求重写：学前三年毛入园率91.2%。" in outcome.diff and "\n-" in outcome.diff
    section = load_draft(out).section("preschool")
    assert section.status == "drafted" and section.provenance.instructions == "写得更简洁"
    assert [h.backend for h in section.history] == ["offline", "fake"]
    assert (out / "check.json").is_file()


def test_hand_edits_are_imported_locked_and_kept(out, settings):
    md_path = out / "draft.md"
    md = md_path.read_text(encoding="utf-8")
    fund_chunk = _chunks(out)["fund"]
    edited_chunk = fund_chunk.replace("。", "（编辑手改）。", 1)
    assert edited_chunk != fund_chunk
    md_path.write_text(md.replace(fund_chunk, edited_chunk), encoding="utf-8")
    outcome = regenerate(out, "preschool", settings, backend=FakeBackend())
    assert outcome.imported == ("fund",)
    assert _chunks(out)["fund"] == edited_chunk  # byte-identical
    draft = load_draft(out)
    assert draft.section("fund").status == "locked" and "编辑手改" in draft.section("fund").text
    assert draft.section("fund").history[-1].backend == "hand"
    with pytest.raises(InputError, match="locked"):
        regenerate(out, "fund", settings, backend=FakeBackend())
    assert _chunks(out)["fund"] == edited_chunk
    regenerate(out, "fund", settings, backend=FakeBackend(), force=True)
    assert "编辑手改" not in _chunks(out)["fund"]
    assert load_draft(out).section("fund").status == "drafted"


def test_refused_regeneration_still_records_the_lock(out, settings):
    md_path = out / "draft.md"
    md_path.write_text(
        md_path.read_text(encoding="utf-8").replace("主要情况如下：", "主要情况如下（改）："),
        encoding="utf-8",
    )
    with pytest.raises(InputError):
        regenerate(out, "results", settings, backend=FakeBackend())
    assert load_draft(out).section("results").status == "locked"


def test_failed_regeneration_leaves_the_section(out, settings):
    from drafter.core.errors import BackendUnavailable

    before = (out / "draft.md").read_bytes()
    backend = FakeBackend(lambda r: BackendUnavailable("connection refused"))
    with pytest.raises(BackendError, match="connection refused"):
        regenerate(out, "preschool", settings, backend=backend)
    assert (out / "draft.md").read_bytes() == before


def test_a_section_the_model_fails_is_exit_3_said_in_chinese_and_english(out, settings):
    """A trial: the model timing out on `drafter section` was exit 2 (bad input) with an English-only hint."""
    from drafter.core.errors import BadCompletion, ModelFailed

    before = (out / "draft.md").read_bytes()
    backend = FakeBackend(lambda r: BadCompletion("the model's reply was garbled (not Chinese prose), twice"))
    with pytest.raises(ModelFailed) as err:
        regenerate(out, "preschool", settings, backend=backend)
    said = err.value.render()
    assert err.value.exit_code == 3 and "没有起草成功" in said and "could not be drafted" in said
    assert "该章节保持原样" in said and "学前教育" in said
    assert (out / "draft.md").read_bytes() == before


def test_ctrl_c_in_drafter_section_says_whether_the_section_changed(out, monkeypatch):
    """A trial: Ctrl-C while the model was drafting the section said only "run the same command again to resume"."""
    import signal

    import drafter.cli.draft as cli_draft
    import drafter.drafting.redraft as redraft
    from drafter.core.errors import Interrupted

    def ctrl_c(*args, **kwargs):
        raise Interrupted(signal.SIGINT)

    before = (out / "draft.md").read_bytes()
    monkeypatch.setattr(redraft, "draft_section", ctrl_c)
    with pytest.raises(Interrupted) as err:
        cli_draft.section(out, section_id="preschool", instructions="更简洁")
    assert "章节没有改动" in err.value.kept and "the section was left as it was" in err.value.kept
    assert (out / "draft.md").read_bytes() == before
    monkeypatch.undo()
    monkeypatch.setattr(cli_draft, "_print_regen", ctrl_c)
    with pytest.raises(Interrupted) as err:
        cli_draft.section(out, section_id="preschool", instructions="更简洁")
    assert "新的章节已保存" in err.value.kept and (out / "draft.md").read_bytes() != before


def test_offline_regeneration_with_instructions_is_recorded(out, settings):
    # 简要 drops the generic requirement sentence and keeps the facts (it used to drop the facts)
    outcome = regenerate(out, "party", settings, instructions="简要")
    assert "按照" not in outcome.section.text and "一是市委常委会" in outcome.section.text
    assert outcome.section.history[-1].instructions == "简要"


def test_list_shows_status_and_counts(out, settings):
    md_path = out / "draft.md"
    md_path.write_text(
        md_path.read_text(encoding="utf-8").replace("主要情况如下：", "主要情况如下（改）："),
        encoding="utf-8",
    )
    rows = {r.id: r for r in list_sections(out)}
    assert rows["results"].status == "edited" and rows["preschool"].status == "drafted"
    assert rows["preschool"].ordinal == "（四）" and rows["preschool"].heading == "推进学前教育普及普惠"
    assert rows["preschool"].counts["figures"] >= 5
    assert rows["title"].heading.startswith("示例市人民政府关于")


def test_not_a_draft_dir(tmp_path, settings):
    with pytest.raises(InputError, match="no draft.json"):
        regenerate(tmp_path, "四", settings)


def test_missing_metrics_file_is_input_error(out, settings, tmp_path):
    (tmp_path / "metrics.yaml").unlink()
    with pytest.raises(InputError):
        regenerate(out, "preschool", replace(settings), backend=FakeBackend())
