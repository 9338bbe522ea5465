"""A long text is checked in parts, side by side: every figure judged once, at the whole text's offsets, lines and
headings, the same whether the parts run in processes or one after another, and as in the whole text."""

from __future__ import annotations

import re
import threading
from pathlib import Path

import pytest

from drafter.checker import check as checking
from drafter.checker import parts
from drafter.checker.check import check_text, headings
from drafter.source.load import load_source

ROOT = Path(__file__).resolve().parent.parent
REPORTS = sorted((ROOT / "knowledge" / "reports").glob("*.md"))


def report(name: str) -> str:
    return re.sub(
        r"\A---\n.*?\n---\n", "", (ROOT / "knowledge" / "reports" / name).read_text(encoding="utf-8")
    )


def collection(copies: int = 3) -> str:
    """Every cleaned report, `copies` times over: 200,000 characters for three, more than one part."""
    return "\n\n".join([report(p.name) for p in REPORTS] * copies)


@pytest.fixture(scope="module")
def long_text() -> str:
    return collection()


@pytest.fixture(scope="module")
def in_parts(long_text: str):
    return check_text(long_text)


@pytest.fixture(scope="module")
def whole(long_text: str):
    return checking._check(long_text, None, None, "")


def key(f) -> tuple:
    return (f.start, f.end, f.status, f.expected, f.source, f.message, f.kind, f.line, f.section, f.text)


def test_a_report_is_one_part_and_a_long_text_several_that_cover_it_once():
    alone = report("changzhi-2021.md")
    assert parts.cut(alone) == [parts.Part(0, len(alone), 0, len(alone))]
    text = "甲" * 100 + ("第一段，共有学校12所。\n\n" * 40_000)
    cut = parts.cut(text)
    assert len(cut) >= 3
    assert cut[0].own_start == 0 and cut[-1].own_end == len(text)
    for before, after in zip(cut, cut[1:], strict=False):
        assert before.own_end == after.own_start  # no gap, no overlap
        assert text[after.own_start - 2 : after.own_start] == "\n\n"  # cut at a blank line
        assert after.start < after.own_start and before.end > before.own_end  # read with margins
        assert after.own_start - after.start >= parts.MARGIN
    assert all(p.own_end - p.own_start <= parts.PART * 3 // 2 for p in cut)


def test_a_collection_is_cut_where_a_report_begins_and_read_without_the_neighbour(long_text: str):
    first, second = parts.cut(long_text)
    assert parts.TITLE.match(long_text, second.own_start - 2)  # …履行教育职责自评情况的报告
    assert (first.end, second.start) == (second.own_start, second.own_start)  # a report is its own context


def test_every_figure_is_judged_once_at_the_whole_texts_place(long_text: str, in_parts, whole):
    assert [f.start for f in in_parts.findings] == [f.start for f in whole.findings]
    lines = headings(long_text)
    for f in in_parts.findings:
        assert f.text == long_text[f.start : f.end]
        assert f.line == long_text.count("\n", 0, f.start) + 1
        before = [name for offset, name in lines if offset <= f.start]
        assert f.section == (before[-1] if before else "")


def test_each_score_total_of_a_collection_adds_up_its_own_items(long_text: str, in_parts, whole):
    """抚顺's 总得分为96.15分 against its 14 item scores (91.15), in every copy: the items of a total end where the
    next report's total begins, whether the collection is checked whole or in parts."""
    for report_ in (in_parts, whole):
        scores = [f for f in report_.findings if long_text[f.start - 4 : f.end] == "总得分为96.15分"]
        assert [(f.status, f.expected) for f in scores] == [("inconsistent", "91.15分")] * 3


def test_parts_in_processes_and_one_after_another_agree(long_text: str, in_parts, monkeypatch):
    monkeypatch.setattr(parts, "_may_fork", lambda: False)
    assert [key(f) for f in check_text(long_text).findings] == [key(f) for f in in_parts.findings]


def test_a_thread_checks_its_parts_itself(long_text: str, in_parts):
    """A forked child of a threaded process (the web page) may inherit a lock held: no fork from a thread."""
    seen: dict[str, object] = {}

    def run() -> None:
        seen["fork"] = parts._may_fork()
        seen["report"] = check_text(long_text)

    worker = threading.Thread(target=run)
    worker.start()
    worker.join()
    assert seen["fork"] is False
    assert [key(f) for f in seen["report"].findings] == [key(f) for f in in_parts.findings]


@pytest.mark.parametrize(
    ("name", "metrics"),
    [
        ("changzhi-2021.md", "changzhi-2021.yaml"),
        ("fushun-2022.md", "fushun-2022.yaml"),
        ("collection-4-guangdong.md", "guangdong-2024.yaml"),
        ("collection-5-shanxi.md", "shanxi-2024.yaml"),
    ],
)
@pytest.mark.parametrize("where", [0.3, 0.5, 0.7])
def test_a_report_cut_anywhere_is_judged_as_whole(name: str, metrics: str, where: float):
    """A report cut at a blank line in its middle, each half read with its margin: every figure and claim judged as
    in the whole report, against its metrics — but 抚顺's 总得分 at the top, whose 得分 lines run to its end."""
    text = report(name)
    source = load_source(ROOT / "examples" / metrics)
    at = parts._blank_after(text, int(len(text) * where)) + 2
    cut = [
        parts.Part(0, parts._blank_after(text, at + parts.MARGIN), 0, at),
        parts.Part(parts._blank_before(text, at - parts.MARGIN), len(text), at, len(text)),
    ]
    marks = headings(text)
    halves = [key(f) for part in cut for f in checking._check_part(text, part, source, marks).findings]
    whole = [key(f) for f in check_text(text, source).findings]
    assert [k[0] for k in halves] == [k[0] for k in whole]
    differ = [k[9] for k, w in zip(halves, whole, strict=True) if k != w]
    assert differ == (["96.15分"] if name.startswith("fushun") and where == 0.3 else [])


def test_gap_markers_are_counted_once_though_margins_overlap():
    block = "一、学前教育\n\n全县幼儿园12所。【待补充：在园幼儿数】\n\n" * 9_000
    text = block + block
    cut = parts.cut(text)
    assert len(cut) >= 2 and any(p.start < p.own_start for p in cut)
    assert check_text(text).gaps == text.count("【待补充")
