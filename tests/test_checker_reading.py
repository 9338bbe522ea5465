"""The checker's reading of text shapes found on the clean texts of eval/realtext (holdout6–8 read after their
scores): each row a shape that had been flagged on a correct figure."""

import pytest

from drafter.checker.check import check_text
from drafter.core.types import SourceData


@pytest.fixture
def metrics_file(tmp_path):
    """The SourceData of a metrics file with the given YAML, read as `drafter check --metrics` reads it."""
    from drafter.source.load import load_source

    def read(text: str) -> SourceData:
        path = tmp_path / "data.yaml"
        path.write_text(text, encoding="utf-8")
        return load_source(path)

    return read


def findings(text: str, data: SourceData | None) -> dict[str, tuple[str, str]]:
    return {f.text: (f.status, f.expected) for f in check_text(text, data).findings}


DROPOUT = (
    "report: {region: 广西壮族自治区, level: province, round: 2019, period: 2018, issuer: 广西壮族自治区教育厅}\n"
    "metrics:\n"
    "- {key: compulsory.primary_dropout_rate, label: 小学辍学率, unit: '%', values: {2018: 0.01, 2017: 0.03}}\n"
    "- {key: compulsory.junior_dropout_rate, label: 初中辍学率, unit: '%', values: {2018: 0.59, 2017: 1.49}}\n"
)


@pytest.mark.parametrize(("change", "status"), [("0.9", "derived"), ("0.8", "mismatch")])
def test_points_listed_after_a_fall_fall_too(metrics_file, change, status):
    """广西 2018: 比上年分别降低了0.02个百分点和0.9个百分点 — the second change has no word of its own; it goes
    down like the first (it had been read as a rise, the wrong way)."""
    text = f"2018年，小学和初中辍学率分别为0.01%和0.59%，比上年分别降低了0.02个百分点和{change}个百分点。"
    assert findings(text, metrics_file(DROPOUT))[f"{change}个百分点"][0] == status
