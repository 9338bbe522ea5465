"""The eval dataset (cases, expectations, fingerprint) and what leakage learns from the knowledge files."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.core.config import PROJECT_ROOT
from drafter.core.errors import InputError
from drafter.evaluation.dataset import Expect, case_set, fingerprint, load_cases
from drafter.evaluation.knowledge import collect, is_place_name, knowledge_hash


def make_case(root: Path, name: str, files: dict[str, str]) -> None:
    (root / name).mkdir(parents=True)
    for file, text in files.items():
        (root / name / file).write_text(text, encoding="utf-8")


def test_cases_with_reference_expectations_and_errors(tmp_path):
    make_case(
        tmp_path,
        "b",
        {
            "metrics.yaml": "report: {}",
            "reference.md": "参照报告",
            "expect.yaml": "sections: [rectification]\ncontains: [整改]",
        },
    )
    make_case(tmp_path, "a", {"metrics.json": "{}"})
    make_case(tmp_path, "c", {"notes.txt": "no metrics"})
    make_case(tmp_path, "d", {"metrics.yaml": "", "expect.yaml": "unknown: [1]"})
    (tmp_path / ".hidden").mkdir()
    a, b, c, d = load_cases(tmp_path)
    assert [x.name for x in (a, b, c, d)] == ["a", "b", "c", "d"]
    assert a.metrics_path.name == "metrics.json" and not a.error
    assert b.reference == "参照报告" and b.expect == Expect(contains=("整改",), sections=("rectification",))
    assert "no metrics file" in c.error
    assert "unknown key(s) unknown" in d.error


def test_fingerprint_follows_names_and_contents(tmp_path):
    make_case(tmp_path, "a", {"metrics.yaml": "x: 1"})
    before = fingerprint(load_cases(tmp_path))
    (tmp_path / "a" / "metrics.yaml").write_text("x: 2", encoding="utf-8")
    assert fingerprint(load_cases(tmp_path)) != before
    assert set(case_set(load_cases(tmp_path))) == {"a"}


@pytest.mark.parametrize("where", ["missing", "empty"])
def test_no_cases_is_an_input_error(tmp_path, where):
    with pytest.raises(InputError):
        load_cases(tmp_path / "nope" if where == "missing" else tmp_path)


def test_shipped_cases_cover_every_level():
    import yaml

    cases = load_cases(PROJECT_ROOT / "eval" / "cases")
    assert len(cases) >= 8 and not [c.error for c in cases if c.error]
    levels = {yaml.safe_load(c.metrics_path.read_text(encoding="utf-8"))["report"]["level"] for c in cases}
    assert levels == {"province", "city", "county"}


@pytest.mark.parametrize(
    ("word", "is_name"),
    [
        ("阳泉市", True),
        ("老河口市", True),
        ("山西省", True),
        ("全市", False),
        ("各县区", False),
        ("城市", False),
        ("偏远地区", False),
        ("本市", False),
    ],
)
def test_place_names(word, is_name):
    assert is_place_name(word) is is_name


def test_collect_names_officials_doc_numbers_and_text(tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "x.md").write_text(
        "---\nregion: 铁岭市\nlevel: city\n---\n# 报告\n省长马兴瑞听取汇报。铁岭市和开原市按照"
        "《通知》（辽教发〔2024〕80号）要求，全市各县区认真落实。\n",
        encoding="utf-8",
    )
    found = collect(tmp_path, ("省长", "市长"))
    assert {"铁岭市", "开原市"} <= found.regions and "全市" not in found.regions
    assert found.officials == {"省长马兴瑞"}
    assert found.doc_numbers == {"辽教发〔2024〕80号"}
    assert (
        found.file_regions == {"reports/x.md": "铁岭市"}
        and "省长马兴瑞听取汇报" in found.texts["reports/x.md"]
    )
    assert found.hash == knowledge_hash(tmp_path)
