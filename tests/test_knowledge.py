"""The committed knowledge base: front matter, cleanliness, and figures that must survive cleaning."""

from __future__ import annotations

import functools
import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from opencc_purepy import OpenCC

ROOT = Path(__file__).resolve().parents[1]
KNOWLEDGE = ROOT / "knowledge"
REPORTS = sorted((KNOWLEDGE / "reports").glob("*.md"))
POLICIES = sorted((KNOWLEDGE / "policies").glob("*.md"))
SEEDS = ROOT.parent / "shared" / "seeds"
CLEAN_SCRIPT = ROOT / "scripts" / "clean_seeds.py"

REPORT_FIELDS = ("title", "region", "level", "round", "period", "issuer", "quality", "source")
POLICY_FIELDS = ("title", "kind", "year", "source")
LEVELS = {"province", "city", "county"}
SEED_SOURCE = re.compile(r"^seeds/\d{3}_[0-9a-f]{16}\.txt(#[1-9])?$")
KEEP_CHARS = frozenset("著")  # valid simplified; opencc_purepy t2s wrongly rewrites 显著 -> 显着
JUNK = ("[bookmark", "本DOCX文档", "欢迎访问", "文章关键字", "访问次数", "www.", "http")
CJK = r"\u3400-\u9fff\u3000-\u303f\uff00-\uffef"

# Figures the checker's tests rely on: they must survive cleaning exactly as printed.
FIGURES = [
    ("yangquan-2021.md", "16477.24元"),
    ("yangquan-2021.md", "21.09亿元"),
    ("yangquan-2021.md", "超出省定12000元标准37.3%"),
    ("yangquan-2021.md", "3534人"),
    ("changzhi-2021.md", "较上年减少了0.5%"),
    ("changzhi-2021.md", "611968.81万元"),
    ("changzhi-2021.md", "普惠性幼儿园覆盖率82.74%"),
    ("collection-1-tieling.md", "配建率达到52.3%"),
    ("collection-1-tieling.md", "配建小区配套幼儿园53所"),
    ("collection-1-tieling.md", "满1 0年"),
    ("collection-4-guangdong.md", "较2024学年下降了0.16%"),
    ("collection-4-guangdong.md", "占比95.08%"),
    ("fushun-2022.md", "总得分为96.15分"),
    ("fushun-2022.md", "得分：7.15分"),
    ("anyue-2024.md", "142.689万元"),
    ("anyue-2024.md", "752. 96万元"),
    ("anyue-2024.md", "4942.289万元"),
]
NUMBER = re.compile(r"\d+(?:\.\d+)?")


def split_front_matter(path: Path) -> tuple[dict, str]:
    text = path.read_text(encoding="utf-8")
    match = re.match(r"^---\n(.*?)\n---\n", text, re.S)
    assert match, f"{path.name}: no front matter"
    meta = yaml.safe_load(match.group(1))
    assert isinstance(meta, dict), f"{path.name}: front matter is not a mapping"
    return meta, text[match.end() :]


@functools.cache
def taxonomy_codes() -> frozenset[str]:
    data = yaml.safe_load((KNOWLEDGE / "taxonomy.yaml").read_text(encoding="utf-8"))
    return frozenset(ind["code"] for ind in data["indicators"])


@pytest.fixture(scope="module")
def t2s() -> OpenCC:
    return OpenCC("t2s")


def body_of(name: str) -> str:
    return split_front_matter(KNOWLEDGE / "reports" / name)[1]


def test_there_are_nine_reports_and_a_policy_per_indicator():
    assert len(REPORTS) == 9
    indicators = {split_front_matter(p)[0].get("indicator") for p in POLICIES}
    assert taxonomy_codes() <= indicators


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.name)
def test_report_front_matter(path: Path):
    meta, body = split_front_matter(path)
    missing = [f for f in REPORT_FIELDS if meta.get(f) in (None, "")]
    assert not missing, f"{path.name}: missing {missing}"
    assert meta["level"] in LEVELS
    assert 2015 <= meta["period"] <= meta["round"] <= 2030
    assert SEED_SOURCE.match(meta["source"]), meta["source"]
    assert meta.get("year_basis") in ("printed", "inferred")
    assert meta.get("region_basis", "inferred") == "inferred"
    if meta.get("region_basis") or meta["year_basis"] == "inferred":
        assert "推断" in meta["quality"], "say in quality what was inferred and from what"
    assert meta["title"] in body


@pytest.mark.parametrize("path", POLICIES, ids=lambda p: p.name)
def test_policy_front_matter_and_size(path: Path):
    meta, body = split_front_matter(path)
    missing = [f for f in POLICY_FIELDS if meta.get(f) in (None, "")]
    assert not missing, f"{path.name}: missing {missing}"
    assert meta["kind"] == "policy"
    assert "〔" in meta["source"] or "《" in meta["source"]
    if "indicator" in meta:
        assert meta["indicator"] in taxonomy_codes()
        assert path.stem == meta["indicator"]
    assert 300 <= len(re.sub(r"\s", "", body)) <= 1500


@pytest.mark.parametrize("path", REPORTS + POLICIES + [KNOWLEDGE / "README.md"], ids=lambda p: p.name)
def test_no_traditional_characters(path: Path, t2s: OpenCC):
    # Character by character: opencc_purepy's phrase mode also rewrites some simplified text.
    text = path.read_text(encoding="utf-8")
    traditional = sorted(c for c in set(text) if c not in KEEP_CHARS and t2s.convert(c) != c)
    assert not traditional, f"{path.name}: Traditional characters {traditional}"


def test_traditional_check_would_catch_the_seed_text(t2s: OpenCC):
    seed_line = "新時代教育督導體制機制改革邁出新步伐"
    assert [c for c in seed_line if t2s.convert(c) != c] == ["時", "導", "體", "機", "邁"]


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.name)
def test_report_body_is_clean(path: Path):
    _, body = split_front_matter(path)
    assert not [j for j in JUNK if j in body]
    assert not re.search(rf"(?<=[{CJK}]) | (?=[{CJK}])", body), "space next to a Chinese character"
    assert "\n\n\n" not in body and "\t" not in body
    assert re.search(r"^[一二三四五六七八九十]+、\S+$", body, re.M), "no 一、 heading paragraph"
    assert not re.search(r"[\u4e00-\u9fff][,;:!?]|[,;:!?][\u4e00-\u9fff]", body), "half-width punctuation"


def test_collection_002_is_split_into_five():
    sources = sorted(split_front_matter(p)[0]["source"] for p in REPORTS)
    parts = [s for s in sources if s.startswith("seeds/002_")]
    assert parts == [f"seeds/002_ea4ec32d74bf242f.txt#{n}" for n in range(1, 6)]
    levels = [
        split_front_matter(KNOWLEDGE / "reports" / f"collection-{n}-{r}.md")[0]["level"]
        for n, r in ((4, "guangdong"), (5, "shanxi"))
    ]
    assert levels == ["province", "province"]


@pytest.mark.parametrize(("name", "figure"), FIGURES, ids=[f"{n}:{f}" for n, f in FIGURES])
def test_figure_survives_as_printed(name: str, figure: str):
    assert figure in body_of(name)


def test_fushun_printed_scores_do_not_add_up_to_the_total():
    scores = [float(s) for s in re.findall(r"^得分：([\d.]+)分$", body_of("fushun-2022.md"), re.M)]
    assert len(scores) == 14 and round(sum(scores), 2) == 91.15


@pytest.mark.parametrize(
    ("name", "glued"),
    [
        ("yangquan-2021.md", "自评情况的报告山西省"),  # title joined to the addressee
        ("yangquan-2021.md", "校园\n\n安全日"),  # mid-sentence break left in place
        ("fushun-2022.md", "《抚《抚顺市"),  # page-break duplicate
        ("anyue-2024.md", "\n1、履职情况"),  # DOCX auto-numbering artifact
        ("collection-4-guangdong.md", "自评报告根据"),  # title glued to the first paragraph
    ],
)
def test_cleaning_artifacts_are_gone(name: str, glued: str):
    assert glued not in body_of(name)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed reports are not next to this checkout")
def test_every_number_in_the_seeds_is_kept():
    seeds = "".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    bodies = "".join(split_front_matter(p)[1] for p in REPORTS)
    kept = set(NUMBER.findall(bodies))
    lost = set(NUMBER.findall(seeds)) - kept
    assert not lost, f"numbers lost in cleaning: {sorted(lost)[:20]}"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed reports are not next to this checkout")
def test_clean_script_reproduces_the_committed_reports():
    run = subprocess.run(
        [sys.executable, str(CLEAN_SCRIPT), "--check", "--seeds", str(SEEDS)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr


def _load_clean_script():
    spec = importlib.util.spec_from_file_location("clean_seeds", CLEAN_SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


clean = _load_clean_script()


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("(二) 五育并举，落实教改新任务。", "（二）五育并举，落实教改新任务。"),  # half-width numbering
        ("2020 年全市一般公共预算教育经费投入 21.09 亿元", "2020年全市一般公共预算教育经费投入21.09亿元"),
        ("资金752. 96万元", "资金752. 96万元"),  # a space inside a number stays
        ("签发人：易  磊", "签发人：易磊"),
        ("按男女1:1设岗, 共 3 人", "按男女1:1设岗，共3人"),  # 1:1 kept, comma made full-width
        (
            "《关于印发<2021年方案>的通知》(晋政教督〔2021〕1号)",
            "《关于印发〈2021年方案〉的通知》（晋政教督〔2021〕1号）",
        ),
        ("《计划（2017-2020）》(2017-2020)", "《计划（2017-2020）》(2017-2020)"),  # no Chinese inside: kept
    ],
)
def test_line_cleaning(raw: str, expected: str):
    assert clean.drop_spaces(clean.fullwidth_punct(raw)) == expected


LONG = "市委书记和分管教育副书记多次深入调研，在儿童节、教师节等重要时间节点"


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        ([LONG + "校园", "安全日带队检查。"], [LONG + "校园安全日带队检查。"]),  # broken mid-sentence
        ([LONG + "。", "下一段。"], [LONG + "。", "下一段。"]),  # sentence end
        ([LONG + "，", "2.第二条。"], [LONG + "，", "2.第二条。"]),  # next line is numbered
        (["（三）“双减”政策与教育支撑体系的不平衡情况说明", "在“双减”背景下"], None),  # heading
        (["阳泉市人民政府办公室关于阳泉市人民政府2021年履行教育职责自评情况的报告", "山西省："], None),
        (["阳泉市人民政府办公室", "2021年11月12日"], None),  # short signature lines
    ],
)
def test_join_broken_lines(lines: list[str], expected: list[str] | None):
    assert clean.join_broken(lines) == (lines if expected is None else expected)


def test_to_simplified_converts_only_traditional_characters(t2s: OpenCC):
    text = "擴大市級專職督學規模，成效显著，显著提升；“5+2”），结束时间"
    assert clean.to_simplified(text, t2s) == "扩大市级专职督学规模，成效显著，显著提升；“5+2”），结束时间"
