"""The data that crosses module borders: frozen dataclasses, no vendor types, no dicts of dicts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

Level = Literal["province", "city", "county"]
FindingKind = Literal["figure", "claim"]
Status = Literal["verified", "derived", "mismatch", "unsupported", "inconsistent", "ignored", "unchecked"]
STATUSES: tuple[str, ...] = (
    "verified",
    "derived",
    "mismatch",
    "unsupported",
    "inconsistent",
    "ignored",
    "unchecked",
)
PROBLEM_STATUSES: frozenset[str] = frozenset({"mismatch", "unsupported", "inconsistent"})


def places_alike(spots: Sequence[tuple[int, str, int]]) -> dict[int, int]:
    """start → the place of the figure (line, figure text, start) among the figures printed alike on its line (1,
    2 …), or 0 when it is the only one — two 1所 of one line are told apart in a table (第2处), not shown as two
    equal rows."""
    alike: dict[tuple[int, str], list[int]] = {}
    for line, text, start in spots:
        alike.setdefault((line, text), []).append(start)
    return {
        start: sorted(alike[line, text]).index(start) + 1 if len(alike[line, text]) > 1 else 0
        for line, text, start in spots
    }


# ---------------------------------------------------------------- source data (metrics.yaml)
PART_FACTS = frozenset({"self_check"})  # report parts whose statements are kept in SourceData.facts


@dataclass(frozen=True)
class Target:
    """A standard a metric is compared against, e.g. 毛入园率 >= 90."""

    value: float
    relation: str = ">="  # one of >= > <= < ==
    label: str = ""  # e.g. 省定标准


@dataclass(frozen=True)
class Metric:
    key: str  # <indicator>.<name>, indicators listed in knowledge/taxonomy.yaml
    label: str
    unit: str
    values: Mapping[int, float]  # year -> value, as stated (units as stated)
    target: Target | None = None
    note: str = ""

    @property
    def indicator(self) -> str:
        return self.key.split(".", 1)[0]

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(sorted(self.values))

    @property
    def latest_year(self) -> int:
        return max(self.values)


@dataclass(frozen=True)
class ReportInfo:
    region: str
    level: Level
    round: int  # evaluation round: the year the report is written
    period: int  # assessed year
    issuer: str
    date: dt.date | None = None  # signature date
    basis: str = ""  # 《…评价方案》（文号）
    addressee: str = ""  # 主送机关
    doc_number: str = ""  # 文号 of this report, optional
    issuer_mark: str = ""  # 发文机关标志, optional
    signer: str = ""  # 签发人, printed in the header of an 上行文 (a report with a 文号 that is not a 函)
    superior: str = ""  # the evaluating government's region (山西省, 资阳市): names the default addressee


@dataclass(frozen=True)
class SourceData:
    """Everything a draft may state: the contents of one metrics file."""

    report: ReportInfo
    metrics: tuple[Metric, ...]
    facts: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # indicator -> statements
    rectification: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()
    plans: tuple[str, ...] = ()
    experiences: tuple[str, ...] = ()
    path: str = ""

    def metric(self, key: str) -> Metric | None:
        return next((m for m in self.metrics if m.key == key), None)

    @property
    def self_check(self) -> tuple[str, ...]:
        """How the self-check was organised (一、自查自评工作开展情况): the facts of the `self_check` part."""
        return tuple(self.facts.get("self_check", ()))

    def indicators(self) -> tuple[str, ...]:
        """Indicator codes that have metrics or facts, in first-seen order (report parts such as self_check,
        whose statements are kept with the facts, are not indicators)."""
        seen = dict.fromkeys([m.indicator for m in self.metrics] + list(self.facts))
        return tuple(code for code in seen if code not in PART_FACTS)


# ---------------------------------------------------------------- figures and checking
@dataclass(frozen=True)
class Figure:
    """A number found in text, with its unit. `decimals` is the precision shown."""

    start: int
    end: int
    text: str
    value: float
    unit: str
    decimals: int = 0
    ignored: str = ""  # why it is not a figure (year, date, 文号, ordinal, name, phone…); "" = a figure


@dataclass(frozen=True)
class Derived:
    """A figure computed by code from the metrics, named by its formula."""

    formula: str  # e.g. growth(fund.general_budget_edu,2020,2021)
    value: float
    unit: str
    inputs: tuple[str, ...] = ()  # metric refs it uses: key@year
    label: str = ""  # human words, e.g. 一般公共预算教育支出增长率
    decimals: int = 2  # precision to print it with


@dataclass(frozen=True)
class Slot:
    """A figure a model may write as [[name]]; code replaces it with `text`."""

    name: str  # metric ref `fund.general_budget_edu@2021` or a formula `growth(fund.general_budget_edu,2020,2021)`
    text: str  # the formatted figure with its unit, e.g. 21.09亿元, 0.43%, 1.2个百分点
    label: str  # what it is, in words, for the prompt
    value: float = 0.0
    unit: str = ""


@dataclass(frozen=True)
class Finding:
    section: str
    line: int
    start: int
    end: int
    text: str
    value: float | None
    unit: str
    status: Status
    expected: str = ""
    source: str = ""  # metric ref (key@year) or formula
    message: str = ""
    kind: FindingKind = (
        "figure"  # "claim": a claim made in words (实现“两个只增不减”), judged against the data
    )


@dataclass(frozen=True)
class CheckReport:
    findings: tuple[Finding, ...]
    path: str = ""
    gaps: int = 0  # 【待补充：…】 markers in the text

    @property
    def summary(self) -> dict[str, int]:
        """Statuses count figures; `claims` counts the claims in words judged, `wrong_claims` those the data
        contradict, `gaps` the 【待补充：…】 markers left for the editor."""
        figures = [f for f in self.findings if f.kind == "figure"]
        counts = dict.fromkeys(STATUSES, 0)
        for f in figures:
            counts[f.status] += 1
        claims = [f for f in self.findings if f.kind == "claim"]
        wrong = sum(f.status in PROBLEM_STATUSES for f in claims)
        return {
            "figures": len(figures),
            **counts,
            "claims": len(claims),
            "wrong_claims": wrong,
            "gaps": self.gaps,
        }

    @property
    def problems(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.status in PROBLEM_STATUSES)

    @property
    def exit_code(self) -> int:
        return 1 if self.problems else 0


# ---------------------------------------------------------------- knowledge and retrieval
@dataclass(frozen=True)
class Passage:
    id: str
    text: str
    source: str  # knowledge file, relative to knowledge/
    region: str = ""
    level: str = ""
    year: int = 0
    indicator: str = ""
    section: str = ""  # heading the passage sits under
    quality: str = ""
    score: float = 0.0


# ---------------------------------------------------------------- drafts
SectionKind = Literal[
    "header",
    "title",
    "addressee",
    "opening",
    "self_check",
    "rectification",
    "results",
    "indicator",
    "experience",
    "problems",
    "plans",
    "closing",
    "signature",
]


SectionStatus = Literal["drafted", "edited", "locked", "failed"]


# the parts of a 公文 outside its numbered sections, as a clerk calls them
UNNUMBERED_PARTS = {
    "header": "版头",
    "title": "标题",
    "addressee": "主送机关",
    "opening": "开头",
    "signature": "落款",
}


@dataclass(frozen=True)
class SectionSpec:
    id: str  # stable id: "self_check", "preschool", "problems", …
    kind: SectionKind
    heading: str = ""  # heading text without ordinal, e.g. 学前教育普及普惠
    ordinal: str = ""  # 一 / （三） as printed, "" for unnumbered parts
    depth: int = 0  # 0 unnumbered, 1 一、, 2 （一）
    indicator: str = ""  # taxonomy code for kind == "indicator"
    parent: str = ""

    @property
    def numbered_heading(self) -> str:
        if not self.ordinal:
            return self.heading
        sep = "、" if self.depth == 1 else ""
        return f"{self.ordinal}{sep}{self.heading}"

    @property
    def shown(self) -> str:
        """The name a clerk reads in tables and messages: the numbered heading, else the part of the 公文 with its id
        (`版头 header`), which `--section` takes."""
        return self.numbered_heading or f"{UNNUMBERED_PARTS.get(self.kind, '')} {self.id}".strip()


@dataclass(frozen=True)
class Provenance:
    backend: str = ""
    model: str = ""
    prompt: str = ""  # template name
    prompt_hash: str = ""
    exemplars: tuple[tuple[str, float], ...] = ()  # (passage id, score)
    started_at: str = ""
    seconds: float = 0.0
    tokens_in: int = 0
    tokens_out: int = 0
    instructions: str = ""
    error: str = ""  # what went wrong, in words
    error_kind: str = ""  # the DrafterError.kind behind `error` ("unavailable", "prompt", …); "" when none
    note: str = ""  # e.g. why no exemplars were used


@dataclass(frozen=True)
class Table:
    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Section:
    spec: SectionSpec
    text: str  # body: paragraphs separated by "\n", no heading line
    status: SectionStatus = "drafted"
    provenance: Provenance = field(default_factory=Provenance)
    tables: tuple[Table, ...] = ()
    history: tuple[Provenance, ...] = ()

    @property
    def paragraphs(self) -> tuple[str, ...]:
        return tuple(p.strip() for p in self.text.split("\n") if p.strip())


@dataclass(frozen=True)
class Draft:
    report: ReportInfo
    sections: tuple[Section, ...]
    metrics_path: str = ""
    created_at: str = ""
    version: int = 1
    metrics_hash: str = ""  # of the metrics file drafted from; a change redrafts the unlocked sections

    def section(self, section_id: str) -> Section | None:
        return next((s for s in self.sections if s.spec.id == section_id), None)
