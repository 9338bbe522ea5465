"""Knowledge files: front matter, chunking into passages with metadata, and bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.core.errors import InputError
from drafter.core.taxonomy import load_taxonomy
from drafter.knowledge import corpus

ROOT = Path(__file__).resolve().parent.parent


def passages(knowledge_dir: Path, name: str):
    return corpus.load_file(
        knowledge_dir / name, knowledge_dir, load_taxonomy(knowledge_dir / "taxonomy.yaml")
    )


def test_front_matter_fields_reach_every_passage(knowledge_dir):
    found = passages(knowledge_dir, "reports/anyue.md")
    assert {(p.region, p.level, p.year, p.source) for p in found} == {
        ("安岳县", "county", 2023, "reports/anyue.md")
    }
    assert all(p.quality == "个别数字为OCR识别，已人工核对" for p in found)


def test_policy_front_matter_indicator_wins_over_the_guess(knowledge_dir):
    path = knowledge_dir / "policies" / "framework.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("year: 2021", "year: 2021\nindicator: fund"),
        encoding="utf-8",
    )
    assert {p.indicator for p in passages(knowledge_dir, "policies/framework.md")} == {"fund"}


@pytest.mark.parametrize(
    ("needle", "section", "indicator"),
    [
        ("毛入园率92.3%", "（三）各项教育事业长足发展", "preschool"),
        ("全面消除56人以上大班额", "（三）各项教育事业长足发展", "compulsory"),
        ("21.09亿元", "（二）优先保障教育发展", "fund"),
        ("市委第155、156次常委会", "（一）党对教育工作的领导全面加强", "party"),
        ("课后服务实现全覆盖", "（四）“双减”系列政策落地见效", "double_reduction"),
    ],
)
def test_chunks_carry_their_heading_and_a_guessed_indicator(knowledge_dir, needle, section, indicator):
    hit = [p for p in passages(knowledge_dir, "reports/yangquan.md") if needle in p.text]
    assert len(hit) == 1
    assert (hit[0].section, hit[0].indicator) == (section, indicator)


def test_paragraphs_on_different_indicators_become_different_chunks(knowledge_dir):
    found = passages(knowledge_dir, "reports/yangquan.md")
    preschool = next(p for p in found if "毛入园率" in p.text)
    assert "大班额" not in preschool.text  # same heading, other indicator: a chunk of its own


def test_a_short_lead_in_stays_with_its_paragraph(knowledge_dir):
    path = knowledge_dir / "reports" / "anyue.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "问题一：“两个只增不减”增长水平低。整改情况", "问题一：“两个只增不减”增长水平低。\n\n整改情况"
        ),
        encoding="utf-8",
    )
    lead = next(p for p in passages(knowledge_dir, "reports/anyue.md") if "问题一" in p.text)
    assert "整改情况：我县持续加大教育经费投入" in lead.text


def test_ids_are_stable_and_follow_the_content(knowledge_dir):
    first = [p.id for p in passages(knowledge_dir, "reports/yangquan.md")]
    assert first == [p.id for p in passages(knowledge_dir, "reports/yangquan.md")]
    assert len(set(first)) == len(first) and first[0].startswith("yangquan-000-")
    path = knowledge_dir / "reports" / "yangquan.md"
    path.write_text(path.read_text(encoding="utf-8").replace("21.09亿元", "21.19亿元"), encoding="utf-8")
    second = [p.id for p in passages(knowledge_dir, "reports/yangquan.md")]
    assert len([a for a, b in zip(first, second, strict=True) if a != b]) == 1


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("一、自查情况", (11, "一、自查情况")),
        ("（三）各项教育事业长足发展", (12, "（三）各项教育事业长足发展")),
        ("(二) 教育发展与师资素质的不平衡", (12, "(二) 教育发展与师资素质的不平衡")),
        ("1.促进教育公平情况方面", (13, "1.促进教育公平情况方面")),
        ("（1）建立联系制度", (14, "（1）建立联系制度")),
        ("## 学前教育", (2, "学前教育")),
        ("（一）高位推动，谋划教育新蓝图。围绕突破重点问题出台若干意见。", None),  # a paragraph
        ("1. 教育职责进一步优先落实。2021年，市委常委会专门研究部署教育工作。", None),
        ("2020年全市一般公共预算教育经费投入21.09亿元", None),
        ("3.5万人参加培训", None),
    ],
)
def test_heading_detection(line, expected):
    assert corpus._heading(line) == expected


def test_long_paragraphs_split_at_sentence_ends():
    sentence = "全市义务教育学校标准化建设全面推进，办学条件持续改善。"
    pieces = corpus.split_long(sentence * 40, limit=100)
    assert all(len(p) <= 100 for p in pieces) and "".join(pieces) == sentence * 40
    assert all(p.endswith("。") for p in pieces)


def test_one_huge_sentence_is_cut_hard():
    assert [len(p) for p in corpus.split_long("字" * 250, limit=100)] == [100, 100, 50]


def test_no_chunk_exceeds_the_limit(knowledge_dir):
    path = knowledge_dir / "reports" / "big.md"
    body = "\n\n".join(
        f"（{i}）学前教育普及普惠。" + "新建公办幼儿园，扩大普惠性资源。" * 30 for i in range(1, 4)
    )
    path.write_text("---\nregion: 某县\nlevel: county\n---\n一、履职情况\n\n" + body, encoding="utf-8")
    found = passages(knowledge_dir, "reports/big.md")
    assert len(found) >= 3 and max(len(p.text) for p in found) <= corpus.MAX_CHARS


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("no front matter here\n\n正文", "no front matter"),
        ("---\nregion: [阳泉市\nlevel: city\n---\n正文", "broken front matter at line"),
        ("---\n- region\n- level\n---\n正文", "not a mapping"),
        ("---\nregion: 阳泉市\nlevel: town\n---\n正文", "unknown level 'town'"),
    ],
)
def test_bad_front_matter_names_the_file_and_the_fix(knowledge_dir, content, message):
    path = knowledge_dir / "reports" / "broken.md"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as err:
        corpus.load_corpus(knowledge_dir)
    assert message in err.value.message and "broken.md" in err.value.message
    assert err.value.hint


@pytest.mark.parametrize("make", ["missing", "empty"])
def test_missing_or_empty_knowledge_dir(tmp_path, make):
    target = tmp_path / "knowledge"
    if make == "empty":
        (target / "reports").mkdir(parents=True)
    with pytest.raises(InputError) as err:
        corpus.knowledge_files(target)
    assert str(target) in err.value.message and "DRAFTER_KNOWLEDGE_DIR" in err.value.hint


def test_missing_taxonomy(knowledge_dir):
    (knowledge_dir / "taxonomy.yaml").unlink()
    with pytest.raises(InputError, match="taxonomy"):
        corpus.load_corpus(knowledge_dir)


def test_the_real_knowledge_folder_loads():
    found = corpus.load_corpus(ROOT / "knowledge")
    assert len({p.source for p in found}) >= 5
    assert all(p.text and len(p.text) <= corpus.MAX_CHARS and p.source.endswith(".md") for p in found)
    assert len({p.id for p in found}) == len(found)
    assert sum(1 for p in found if p.indicator) > 0.9 * len(found)
