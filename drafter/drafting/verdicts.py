"""What the data say about the report as a whole: the verdicts every evaluative phrase is chosen from.

"两个只增不减" is claimed only when the general budget and at least one per-student figure are known and
none fell; "不低于当地公务员" only when the teachers' average is not below the civil servants' (or every
county complies). The problems are the data's (a standard missed, a known-direction figure moving the
wrong way, a fund figure that fell); 经验做法 may praise only indicators with good news and no problem.
The offline templates and the model prompt both read this, so the two writers cannot disagree with the data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from drafter.core.taxonomy import BUDGET_KEY, two_no_decrease_key
from drafter.drafting.views import MetricView

SALARY_TEACHER, SALARY_CIVIL = "salary.teacher_avg", "salary.civil_servant_avg"
SALARY_SHARE = "salary.counties_compliant_share"
SALARY_COUNTIES, SALARY_COMPLIANT = "salary.counties_total", "salary.counties_compliant"


@dataclass(frozen=True)
class DataProblem:
    """One problem the data show, for 五、 and, as a plan, for 六、."""

    indicator: str
    kind: str  # below (a standard missed) | worse (wrong direction) | fund | salary
    view: MetricView | None = None  # the metric, for below/worse
    labels: tuple[str, ...] = ()  # fund: the figures that fell; salary: (lower | partly,)


@dataclass(frozen=True)
class Verdicts:
    two_no_decrease: str = ""  # met | missed | "" (the data cannot judge it)
    fund_fell: tuple[str, ...] = ()  # labels of fund figures that fell
    salary: str = ""  # not_lower | lower | partly | ""
    problems: tuple[DataProblem, ...] = ()
    praised: tuple[str, ...] = ()  # indicators 经验做法 may draw on, in report order
    well: dict[str, tuple[MetricView, ...]] = field(default_factory=dict)  # indicator -> its good metrics


def _fund_parts(views: list[MetricView]) -> tuple[list[MetricView], list[MetricView]]:
    """The general budget and the per-student figures, each as a value series or a stated growth rate
    (`…_growth`, kept apart when the base figure is not given)."""
    fund = [v for v in views if v.indicator == "fund" and two_no_decrease_key(v.key)]
    total = [v for v in fund if v.key.removesuffix("_growth") == BUDGET_KEY]
    per_student = [v for v in fund if v.key.removesuffix("_growth") != BUDGET_KEY]
    return total, per_student


def _known(v: MetricView) -> bool:
    return bool(v.trend or v.companion or v.key.endswith("_growth"))


def _fell(v: MetricView) -> bool:
    """A value series that went down, or a stated growth rate below zero (a growth rate smaller than last
    year's is still a rise: 3.29% then 2.95% is no fall)."""
    if v.key.endswith("_growth"):
        return v.value < 0
    return v.trend == "down" or v.companion_down


GROWTH_SUFFIX = re.compile(r"(?:较上年|比上年|同比)?(?:增长率?|增幅)$")


def fund_verdict(views: list[MetricView]) -> tuple[str, tuple[str, ...]]:
    total, per_student = _fund_parts(views)
    fell = tuple(
        dict.fromkeys(
            GROWTH_SUFFIX.sub("", v.label) for v in (*total, *per_student) if _known(v) and _fell(v)
        )
    )  # 小学生均…支出较上年增长 -1.52 is 小学生均…支出, said once with its value series
    if fell:
        return "missed", fell
    judged = any(map(_known, total)) and any(map(_known, per_student))
    return ("met" if judged else ""), ()


def salary_verdict(views: list[MetricView]) -> str:
    by_key = {v.key: v for v in views}
    teacher, civil, share = by_key.get(SALARY_TEACHER), by_key.get(SALARY_CIVIL), by_key.get(SALARY_SHARE)
    if teacher and civil and teacher.latest_year == civil.latest_year:
        return "not_lower" if teacher.value >= civil.value else "lower"
    if share is not None:
        return "not_lower" if share.value >= 100 else "partly"
    total, compliant = by_key.get(SALARY_COUNTIES), by_key.get(SALARY_COMPLIANT)
    if total and compliant and total.latest_year == compliant.latest_year:
        return "not_lower" if compliant.value >= total.value else "partly"
    return ""


def data_problems(
    views: list[MetricView], fund: str, fell: tuple[str, ...], salary: str
) -> list[DataProblem]:
    """Fund and salary as one problem each, then every other metric below its standard or getting worse."""
    out = [DataProblem("fund", "fund", labels=fell)] if fund == "missed" else []
    if salary in ("lower", "partly"):
        out.append(DataProblem("salary", "salary", labels=(salary,)))
    for v in views:
        if v.indicator == "fund" and two_no_decrease_key(v.key) and v.target_met is not False:
            continue  # told as the fund problem
        if v.target_met is False:
            out.append(DataProblem(v.indicator, "below", v))
        elif v.good is False:
            out.append(DataProblem(v.indicator, "worse", v))
    return out


def judge(
    views: list[MetricView], indicators: tuple[str, ...], user_problems: tuple[str, ...] = ()
) -> Verdicts:
    """The verdicts of a report's metrics; `user_problems` (the editor's own 存在问题) keep an indicator
    they name out of 经验做法 too."""
    fund, fell = fund_verdict(views)
    salary = salary_verdict(views)
    problems = data_problems(views, fund, fell, salary)
    troubled = {p.indicator for p in problems}
    named = "；".join(user_problems)
    well: dict[str, tuple[MetricView, ...]] = {}
    for code in indicators:
        mine = [v for v in views if v.indicator == code]
        if code in troubled or any(v.label in named for v in mine):
            continue
        good = tuple(v for v in mine if v.well)
        if good:
            well[code] = good
    return Verdicts(fund, fell, salary, tuple(problems), tuple(well), well)
