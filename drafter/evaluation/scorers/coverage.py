"""coverage: does the draft say what the data holds?

Three shares, value = their mean, passed when all three are 1.0:
- indicators: every indicator with metrics has a drafted sub-section (spec.indicator or id = its code);
- values: the latest year's value of every metric appears in the draft — a figure of the same unit
  family equal to it at no less than its own precision (up to 2 decimals, so 16477.24元 may be
  1.65万元), or a figure the checker verified against `key@year`. A value of 0 counts when the
  metric's label is mentioned (`消除大班额` rarely prints 0个). Earlier years are reported as
  `all_values` for information only: drafts may leave out a base year;
- parts: 自查 (self_check), 履职情况 (results), 经验做法 (experience), 存在问题 (problems), 改进措施
  (plans) and 落款 (signature) present with text; 整改 (rectification) too when the data has
  rectification items; plus the case's expect.yaml (sections, no_sections, contains, not_contains).
"""

from __future__ import annotations

from drafter.core.types import Figure, Metric
from drafter.evaluation.scorers.base import Issue, Score, Subject, share
from drafter.figures.numbers import convert, find_figures, matches_shown, same_family, shown_decimals

NAME = "coverage"
REQUIRED_KINDS = ("self_check", "results", "experience", "problems", "plans", "signature")


def _shows(figure: Figure, value: float, unit: str) -> bool:
    if figure.ignored or not same_family(figure.unit, unit):
        return False
    wanted = convert(value, unit, figure.unit)
    return figure.decimals >= min(shown_decimals(wanted), 2) and matches_shown(
        figure.value, figure.decimals, wanted
    )


def value_shown(
    metric: Metric, year: int, figures: tuple[Figure, ...], verified: set[str], text: str
) -> bool:
    value = metric.values[year]
    if f"{metric.key}@{year}" in verified:
        return True
    if value == 0 and metric.label in text:
        return True
    return any(_shows(f, value, metric.unit) for f in figures)


def _verified_refs(subject: Subject) -> set[str]:
    if subject.check is None:
        return set()
    return {f.source for f in subject.check.findings if f.status == "verified" and f.source}


def _drafted(subject: Subject) -> dict[str, bool]:
    """section id / indicator code / kind -> has text."""
    out: dict[str, bool] = {}
    for s in subject.draft.sections:
        has_text = bool(s.paragraphs) and s.status != "failed"
        for key in (s.spec.id, s.spec.indicator, s.spec.kind):
            if key:
                out[key] = out.get(key, False) or has_text or s.spec.kind == "results"
    return out


def indicator_issues(subject: Subject, drafted: dict[str, bool]) -> tuple[int, list[Issue]]:
    codes = list(dict.fromkeys(m.indicator for m in subject.source.metrics))
    return len(codes), [
        Issue(f"indicator {c} has metrics but no drafted sub-section", c) for c in codes if not drafted.get(c)
    ]


def value_issues(subject: Subject, years: str) -> tuple[int, list[Issue]]:
    text, verified = subject.text, _verified_refs(subject)
    figures = find_figures(text)
    wanted = [
        (m, y) for m in subject.source.metrics for y in (m.years if years == "all" else (m.latest_year,))
    ]
    missing = [
        Issue(
            f"{m.label} {y}年 = {m.values[y]:g}{m.unit} not in the draft", m.indicator, source=f"{m.key}@{y}"
        )
        for m, y in wanted
        if not value_shown(m, y, figures, verified, text)
    ]
    return len(wanted), missing


def part_issues(subject: Subject, drafted: dict[str, bool]) -> tuple[int, list[Issue]]:
    expect = subject.expect
    wanted = [
        *REQUIRED_KINDS,
        *(("rectification",) if subject.source.rectification else ()),
        *expect.sections,
    ]
    issues = [Issue(f"part {k} missing or empty", k) for k in wanted if not drafted.get(k)]
    issues += [Issue(f"section {k} should not be there", k) for k in expect.no_sections if k in drafted]
    issues += [
        Issue(f"expected text not found: {t}", text=t) for t in expect.contains if t not in subject.text
    ]
    issues += [
        Issue(f"text that should not be there: {t}", text=t) for t in expect.not_contains if t in subject.text
    ]
    total = len(wanted) + len(expect.no_sections) + len(expect.contains) + len(expect.not_contains)
    return total, issues


def score(subject: Subject) -> Score:
    if subject.source is None:
        return Score(NAME, 0.0, False, {"error": "no source data"}, (Issue("the metrics were not loaded"),))
    drafted = _drafted(subject)
    (n_ind, ind), (n_val, val), (n_part, part) = (
        indicator_issues(subject, drafted),
        value_issues(subject, "latest"),
        part_issues(subject, drafted),
    )
    n_all, all_missing = value_issues(subject, "all")
    shares = {
        "indicators": share(n_ind - len(ind), n_ind),
        "values": share(n_val - len(val), n_val),
        "parts": share(n_part - len(part), n_part),
    }
    details = {k: round(v, 4) for k, v in shares.items()}
    details["all_values"] = round(share(n_all - len(all_missing), n_all), 4)
    value = sum(shares.values()) / len(shares)
    return Score(NAME, value, value == 1.0, details, tuple(ind + val + part))
