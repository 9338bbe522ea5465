"""The indicator taxonomy (knowledge/taxonomy.yaml): headings, keywords, report parts and expected metrics."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from drafter.core.errors import InputError

# "两个只增不减": the general budget for education and its average per student (按在校生人数平均的一般公共预算教育
# 支出) of each level; the 事业费 (operating) and 公用经费 (public) parts and the standards are no part of it.
# The writer's verdict and the checker's judge of the claim both read these.
BUDGET_KEY = "fund.general_budget_edu"
_PER_STUDENT = re.compile(r"^fund\.per_student_(?!.*(?:operating|public|standard))")


def two_no_decrease_key(key: str) -> bool:
    """A metric (or its `_growth` rate) that "两个只增不减" is judged by."""
    base = key.removesuffix("_growth")
    return base == BUDGET_KEY or bool(_PER_STUDENT.match(base))


# libyaml's safe loader where PyYAML has it: the same data, the taxonomy read in 7 ms instead of 54
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class MetricSpec:
    key: str
    label: str
    unit: str
    synonyms: tuple[str, ...] = ()
    target: str = ""  # the usual standard, in words, e.g. ">=90"


@dataclass(frozen=True)
class Indicator:
    code: str
    name: str  # short name, e.g. 学前教育
    heading: str  # the sub-section heading a draft uses
    order: int
    section: str  # report part id it belongs to (usually "results")
    keywords: tuple[str, ...] = ()
    metrics: tuple[MetricSpec, ...] = ()
    levels: tuple[str, ...] = ("province", "city", "county")


@dataclass(frozen=True)
class Part:
    """A top-level report part: 自查情况, 履职情况, 经验做法 …"""

    id: str
    kind: str
    heading: str
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class Taxonomy:
    parts: tuple[Part, ...]
    indicators: tuple[Indicator, ...]
    path: str = ""

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(i.code for i in self.indicators)

    def indicator(self, code: str) -> Indicator | None:
        return next((i for i in self.indicators if i.code == code), None)

    def nearest(self, code: str, n: int = 3) -> list[str]:
        """The codes spelled most like `code` (a prefix first): fund for fun, preschool for preschol."""
        prefixed = [c for c in self.codes if code and (c.startswith(code) or code.startswith(c))]
        return list(dict.fromkeys(prefixed + difflib.get_close_matches(code, self.codes, n=n, cutoff=0.5)))[
            :n
        ]

    def nearest_metrics(self, key: str, max_edits: int = 1, n: int = 3) -> list[str]:
        """Known keys of the same indicator whose name is at most `max_edits` edits from this key's name
        (fund.general_budget_edu for fund.general_budgt_edu), closest first; [] for a known key. One edit: a
        metric of its own (fund.central_budget_edu, two from general) is no typo."""
        code, _, name = key.partition(".")
        ind = self.indicator(code)
        if ind is None or not name or any(m.key == key for m in ind.metrics):
            return []
        near = [(edits(name, m.key.partition(".")[2]), m.key) for m in ind.metrics]
        return [k for d, k in sorted(near) if d <= max_edits][:n]

    def metric_spec(self, key: str) -> MetricSpec | None:
        ind = self.indicator(key.split(".", 1)[0])
        return next((m for m in ind.metrics if m.key == key), None) if ind else None


def edits(a: str, b: str) -> int:
    """The edits that turn a into b: insertions, deletions, substitutions and two neighbours swapped (a typo's
    junoir for junior is one)."""
    rows = [list(range(len(b) + 1))]
    for i, ca in enumerate(a, 1):
        row = [i]
        for j, cb in enumerate(b, 1):
            best = min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                best = min(best, rows[-2][j - 2] + 1)
            row.append(best)
        rows.append(row)
    return rows[-1][-1]


def _tuple(value: object) -> tuple[str, ...]:
    return tuple(str(v) for v in value) if isinstance(value, list) else ()


def _metric(raw: dict) -> MetricSpec:
    return MetricSpec(
        key=raw["key"],
        label=raw["label"],
        unit=str(raw.get("unit", "")),
        synonyms=_tuple(raw.get("synonyms")),
        target=str(raw.get("target", "")),
    )


def _indicator(raw: dict) -> Indicator:
    return Indicator(
        code=raw["code"],
        name=raw["name"],
        heading=raw["heading"],
        order=int(raw["order"]),
        section=raw.get("section", "results"),
        keywords=_tuple(raw.get("keywords")),
        metrics=tuple(_metric(m) for m in raw.get("metrics") or []),
        levels=_tuple(raw.get("levels")) or ("province", "city", "county"),
    )


def parse_taxonomy(data: dict, path: str = "") -> Taxonomy:
    try:
        parts = tuple(
            Part(id=p["id"], kind=p["kind"], heading=p["heading"], keywords=_tuple(p.get("keywords")))
            for p in data["parts"]
        )
        indicators = tuple(sorted((_indicator(i) for i in data["indicators"]), key=lambda i: i.order))
    except (KeyError, TypeError) as exc:
        raise InputError(
            f"指标体系条目缺少 {exc} / taxonomy entry lacks {exc}",
            path=path,
            hint="请参照文件开头的格式说明 / see the schema at the top of the file",
        ) from exc
    return Taxonomy(parts=parts, indicators=indicators, path=path)


@lru_cache(maxsize=8)
def load_taxonomy(path: Path) -> Taxonomy:
    try:
        data = yaml.load(Path(path).read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    except (OSError, yaml.YAMLError) as exc:
        raise InputError(
            f"无法读取指标体系 / cannot read the taxonomy ({exc})",
            path=str(path),
            hint="请从 git 恢复 / restore knowledge/taxonomy.yaml from git",
        ) from exc
    return parse_taxonomy(data or {}, str(path))
