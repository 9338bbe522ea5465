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
from drafter.checker.labels import Labels
from drafter.core.cores import usable_cores
from drafter.source.load import load_source

ROOT = Path(__file__).resolve().parent.parent
REPORTS = sorted((ROOT / "knowledge" / "reports").glob("*.md"))


def report(name: str) -> str:
    text = (ROOT / "knowledge" / "reports" / name).read_text(encoding="utf-8")
    return re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)  # the front matter off


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


def covered(text: str, cut: list[parts.Part]) -> None:
    """The parts own the text once, in order, each read with a margin of at most MARGIN and a line beyond it."""
    assert cut[0].own_start == 0 and cut[-1].own_end == len(text)
    for before, after in zip(cut, cut[1:], strict=False):
        assert before.own_end == after.own_start  # no gap, no overlap
        assert after.start < after.own_start and before.end > before.own_end  # read with margins
        assert (
            after.own_start - after.start <= 2 * parts.MARGIN
            and before.end - before.own_end <= 2 * parts.MARGIN
        )
    assert all(p.own_end - p.own_start <= parts.PART * 3 // 2 for p in cut)


def test_a_report_is_one_part_and_a_long_text_several_that_cover_it_once():
    alone = report("changzhi-2021.md")
    assert parts.cut(alone) == [parts.Part(0, len(alone), 0, len(alone))]
    text = "甲" * 100 + ("第一段，共有学校12所。\n\n" * 40_000)
    cut = parts.cut(text)
    assert len(cut) >= 3
    covered(text, cut)
    assert all(text[p.own_start - 2 : p.own_start] == "\n\n" for p in cut[1:])  # cut at a blank line


@pytest.mark.parametrize("end", ["\n", "\r\n"])
def test_a_word_files_text_with_no_blank_line_is_cut_at_line_breaks(end: str):
    """A .docx or .pdf is read one paragraph a line, a Windows text file with \\r\\n: each part reads its own
    lines and a margin, not the whole text."""
    text = f"全县共有学校12所，在校生3456人。{end}" * 12_000
    cut = parts.cut(text)
    assert len(cut) == 2
    covered(text, cut)
    assert all(text[p.own_start - 1] == "\n" for p in cut[1:])
    assert sum(p.end - p.start for p in cut) < len(text) + 4 * parts.MARGIN


def test_a_numbered_heading_that_ends_in_a_title_word_opens_no_document():
    assert parts.DOCUMENT_TITLE.search("\n关于县政府履行教育职责的自查报告\n")
    assert parts.DOCUMENT_TITLE.search("\n第二篇：履行教育职责自评报告\n")
    assert not parts.DOCUMENT_TITLE.search("\n四、学校布局调整工作总结\n")
    assert not parts.DOCUMENT_TITLE.search("\n（二）2023年度部门决算报告\n")
    assert not parts.DOCUMENT_TITLE.search("\n各校按要求上报了自查报告。\n")


def test_a_collection_is_cut_where_a_report_begins_and_read_without_the_neighbour(long_text: str):
    first, second = parts.cut(long_text)
    assert parts.DOCUMENT_TITLE.match(long_text, second.own_start)  # …履行教育职责…报告
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
    in the whole report, against its metrics — but 抚顺's 总得分 at the top, whose 得分 lines run to its end, and
    which the first half leaves alone."""
    text = report(name)
    source = load_source(ROOT / "examples" / metrics)
    at = text.index("\n\n", int(len(text) * where)) + 2
    cut = [
        parts.Part(0, parts._line_end(text, at + parts.MARGIN), 0, at),
        parts.Part(parts._line_start(text, at - parts.MARGIN), len(text), at, len(text)),
    ]
    marks = headings(text)
    found = [f for part in cut for f in checking._check_part(text, part, source, marks).findings]
    found += checking._whole_text_claims(text, source, marks)
    halves = [key(f) for f in sorted(found, key=lambda f: f.start)]
    whole = [key(f) for f in check_text(text, source).findings]
    assert [k[0] for k in halves] == [k[0] for k in whole]
    differ = [(k[9], k[2]) for k, w in zip(halves, whole, strict=True) if k != w]
    # (the total's items run past the first half: it is left unjudged there, not judged on some of them)
    assert differ == ([("96.15分", "verified")] if name.startswith("fushun") else [])  # (the data hold 96.15)


FILL = "各校持续推进课程改革，教学质量稳步提升，办学条件不断改善。\n\n"  # no figure, no year


def test_what_is_read_from_the_whole_text_is_read_from_the_whole_of_a_long_one():
    """The year a text was written is the latest it names, anywhere (双减 in 2020 is no anachronism in a text that
    names 2022 two parts before), and a heading's year is held against its twin anywhere."""
    text = (
        "一、总体情况\n\n2022年全县教育工作稳步推进。\n\n"
        + FILL * 5000
        + "2020年，全县落实双减政策。\n\n"
        + FILL * 1000
    )
    assert len(parts.cut(text)) == 2
    assert not [f for f in check_text(text).findings if f.source.startswith("term:")]
    text = (
        "一、2022年度收入支出决算总体情况\n\n"
        + FILL * 5000
        + "一、2023年度收入支出决算总体情况\n\n"
        + FILL * 1000
    )
    assert [(f.start, f.expected) for f in check_text(text).findings if f.source == "text:stale_heading"] == [
        (2, "2023年度")
    ]


def test_a_score_total_whose_items_run_past_a_part_is_not_judged_on_some_of_them():
    items = "".join(f"（{k}）第{k}项指标得分：6分。\n\n" + FILL * 100 for k in range(1, 11))
    text = FILL * 3700 + "总得分为60分。\n\n" + items + FILL * 2000
    assert len(parts.cut(text)) == 2
    flagged = [f for f in check_text(text).findings if f.source == "rule:score_total"]
    assert flagged == []
    wrong = text.replace("总得分为60分", "总得分为66分")  # checked whole, the rule still adds up all ten
    assert [f.expected for f in check_text(wrong[-150_000:]).findings if f.source == "rule:score_total"] == [
        "60分"
    ]


def test_a_worker_of_a_pool_checks_its_parts_itself(monkeypatch):
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(1) as pool:
        assert pool.submit(parts.workers_for, 8).result() == 1
    # the parent as a command line runs it, one thread (a thread an earlier test left behind would forbid forking)
    monkeypatch.setattr(parts.threading, "active_count", lambda: 1)
    assert parts.workers_for(8) == min(8, usable_cores())


def test_the_labels_kept_for_the_same_data_follow_the_taxonomy(tmp_path, monkeypatch):
    source = load_source(ROOT / "examples" / "changzhi-2021.yaml")
    assert Labels.of(source) is Labels.of(source)
    kept = Labels.of(source)
    monkeypatch.setenv("DRAFTER_KNOWLEDGE_DIR", str(tmp_path))  # no taxonomy.yaml there: no synonyms
    assert Labels.of(source) is not kept


def test_gap_markers_are_counted_once_though_margins_overlap():
    block = "一、学前教育\n\n全县幼儿园12所。【待补充：在园幼儿数】\n\n" * 9_000
    text = block + block
    cut = parts.cut(text)
    assert len(cut) >= 2 and any(p.start < p.own_start for p in cut)
    assert check_text(text).gaps == text.count("【待补充")


def test_a_collection_checked_whole_judges_each_report_as_alone():
    """Nine reports joined (67,000 characters: checked whole): each begins with its title line, and no rule reads
    past it — 安岳's 142.689万元 is held against its own 13282.41万元, not another report's 154.3亿元."""
    texts = [report(p.name) for p in REPORTS]
    joined = "\n\n".join(texts)
    assert len(parts.cut(joined)) == 1
    alone, offset = {}, 0
    for text in texts:
        alone |= {f.start + offset: key(f)[2:6] for f in check_text(text).findings}
        offset += len(text) + 2
    together = {f.start: key(f)[2:6] for f in check_text(joined).findings}
    assert together == alone


def test_ctrl_c_on_one_long_check_says_the_check_starts_again_and_writes_nothing(tmp_path):
    """Ctrl-C on `drafter check` of one report said 再次运行同一命令即可继续 / run the same command again to resume,
    the words of a draft: a check keeps nothing to resume, and its -o file is written whole or not at all."""
    import os
    import signal
    import subprocess
    import sys
    import time

    if parts.workers_for(2) < 2:
        pytest.skip("the parts run in workers only where the process may fork onto two cores")
    text = tmp_path / "汇编.md"
    text.write_text(collection(12), encoding="utf-8")  # about 800,000 characters: seconds of checking
    out = tmp_path / "结果.json"
    argv = [sys.executable, "-m", "drafter", "check", str(text), "-o", str(out)]
    child = subprocess.Popen(
        argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    children = Path(f"/proc/{child.pid}/task/{child.pid}/children")
    deadline = time.monotonic() + 60
    while child.poll() is None and not children.read_text().strip() and time.monotonic() < deadline:
        time.sleep(0.02)  # until the parts' workers run: the check has begun
    assert child.poll() is None, "the check ended before its workers were seen"
    os.killpg(child.pid, signal.SIGINT)
    _, err = child.communicate(timeout=60)
    assert child.returncode == 130, err
    assert "Traceback" not in err
    assert "重新核对" in err and "check the report from the start" in err
    assert "resume" not in err and "继续" not in err
    assert not out.exists()
