import datetime as dt

import pytest

from drafter.core.types import Draft, Provenance, ReportInfo, Section, SectionSpec
from drafter.export.markdown import (
    body_hash,
    parse_markdown,
    render_markdown,
    render_section,
    replace_chunk,
    split_markdown,
)

REPORT = ReportInfo(
    region="示例市", level="city", round=2022, period=2021, issuer="示例市人民政府", date=dt.date(2022, 3, 20)
)


def _draft() -> Draft:
    sections = (
        Section(SectionSpec(id="header", kind="header"), "示例市人民政府\n示政函〔2022〕1号"),
        Section(
            SectionSpec(id="title", kind="title"), "示例市人民政府关于2021年度履行教育职责自评情况的报告"
        ),
        Section(SectionSpec(id="addressee", kind="addressee"), "示例省人民政府教育督导委员会办公室："),
        Section(
            SectionSpec(
                id="self_check", kind="self_check", heading="自查自评工作开展情况", ordinal="一", depth=1
            ),
            "第一段。\n第二段。",
        ),
        Section(
            SectionSpec(id="results", kind="results", heading="履行教育职责情况", ordinal="二", depth=1),
            "主要情况如下：",
        ),
        Section(
            SectionSpec(
                id="preschool",
                kind="indicator",
                heading="推进学前教育普及普惠",
                ordinal="（一）",
                depth=2,
                indicator="preschool",
                parent="results",
            ),
            "学前三年毛入园率为91.2%。",
        ),
        Section(
            SectionSpec(
                id="fund",
                kind="indicator",
                heading="优先保障教育经费投入",
                ordinal="（二）",
                depth=2,
                indicator="fund",
                parent="results",
            ),
            "",
            status="failed",
            provenance=Provenance(error="BackendUnavailable: server said 500 -- twice"),
        ),
        Section(SectionSpec(id="signature", kind="signature"), "示例市人民政府\n2022年3月20日"),
    )
    return Draft(report=REPORT, sections=sections)


def test_layout():
    md = render_markdown(_draft())
    assert md.startswith(
        "<!-- section: header -->\n\n示例市人民政府\n\n示政函〔2022〕1号\n\n<!-- section: title -->\n\n# 示例市"
    )
    assert "<!-- section: self_check -->\n\n## 一、自查自评工作开展情况\n\n第一段。\n\n第二段。\n\n" in md
    assert "### （一）推进学前教育普及普惠\n\n学前三年毛入园率为91.2%。" in md
    assert "<!-- failed: BackendUnavailable: server said 500 — twice -->" in md
    assert md.endswith("2022年3月20日\n") and not md.endswith("\n\n")


def test_round_trip_is_exact():
    draft = _draft()
    bodies = parse_markdown(render_markdown(draft))
    assert list(bodies) == [s.spec.id for s in draft.sections]
    for s in draft.sections:
        assert bodies[s.spec.id] == s.text, s.spec.id


def test_parse_ignores_headings_comments_and_spacing():
    text = "前言\n<!-- section: a -->\n\n## 一、标题\n  第一段。  \n\n\n<!-- 批注 -->\n第二段。\n<!-- section: b -->\n# 大标题\n"
    assert parse_markdown(text) == {"a": "第一段。\n第二段。", "b": "大标题"}


def test_chunks_cover_the_file_after_the_first_marker():
    md = render_markdown(_draft())
    chunks = split_markdown(md)
    assert "".join(c.text for c in chunks) == md
    assert [c.section_id for c in chunks][:2] == ["header", "title"]


@pytest.mark.parametrize("section_id", ["header", "preschool", "signature"])
def test_replace_chunk_keeps_every_other_byte(section_id):
    draft = _draft()
    md = render_markdown(draft).replace("第二段。", "第二段（手改）。")
    old = draft.section(section_id)
    new = Section(old.spec, "全新的内容。")
    out = replace_chunk(md, new)
    before = {c.section_id: c.text for c in split_markdown(md)}
    after = {c.section_id: c.text for c in split_markdown(out)}
    assert {k for k in before if before[k] != after[k]} == {section_id}
    assert parse_markdown(out)[section_id] == "全新的内容。"
    assert "第二段（手改）。" in out and out.endswith("\n") and not out.endswith("\n\n")


def test_body_hash_ignores_blank_lines_and_edges_only():
    assert body_hash("a\n\n b \n") == body_hash("a\nb")
    assert body_hash("a\nb") != body_hash("a\nc")


def test_render_section_title():
    title = _draft().section("title")
    assert (
        render_section(title)
        == "<!-- section: title -->\n\n# 示例市人民政府关于2021年度履行教育职责自评情况的报告\n\n"
    )


def test_merge_keeps_other_bytes_or_renders_anew_when_the_plan_changed():
    from dataclasses import replace

    from drafter.export.markdown import merge_markdown

    draft = _draft()
    md = render_markdown(draft).replace("第二段。", "第二段（手改）。")
    new = replace(
        draft,
        sections=tuple(Section(s.spec, "重写。") if s.spec.id == "preschool" else s for s in draft.sections),
    )
    merged = merge_markdown(md, new, {"preschool"})
    assert "第二段（手改）。" in merged and parse_markdown(merged)["preschool"] == "重写。"
    fewer = replace(new, sections=new.sections[1:])
    assert merge_markdown(md, fewer, {"preschool"}) == render_markdown(fewer)
