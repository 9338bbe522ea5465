"""A report's row in words: its first problems, its region and year — for the table a reviewer prints."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import jinja2

from drafter.core.config import Settings
from drafter.core.types import PROBLEM_STATUSES, places_alike

STATUS_WORDS = {
    "mismatch": "与来源不符",
    "unsupported": "无来源",
    "inconsistent": "前后矛盾",
}
FIRST = 3
# a wrong figure or claim before one with no source
LEVELS = {"inconsistent": 0, "mismatch": 0, "unsupported": 1}
_REGION = re.compile(r"[\u4e00-\u9fff]{2,10}?(?:自治区|自治州|省|市|州|盟|县|区|旗)")
_REGION_SUFFIX = re.compile(r"(?:特别行政区|自治区|自治州|自治县|省|市|县|区|旗|盟|州)$")
_YEAR = re.compile(r"(20\d\d)\s*年")
_YEAR_OF_DUTIES = re.compile(r"(20\d\d)\s*年度?\s*履行教育职责")  # not 2021年对市县级政府履行…: the round
OPENING = 800  # characters of a report's beginning where its year is said, when its title says none
_FIRST_PART = re.compile(
    r"^[ \t\u3000#]*一、", re.M
)  # where the opening ends: 一、… (often 上一轮整改, of another year)
_YEAR_WORDS = re.compile(r"\d+\s*年度?")


@lru_cache(maxsize=1)
def _template() -> jinja2.Template:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(Settings.load().prompts_dir)),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
    )
    return env.get_template("review/finding.j2")


def problems(check_json: dict[str, Any]) -> list[dict[str, Any]]:
    return [f for f in check_json.get("findings", []) if f.get("status") in PROBLEM_STATUSES]


def first_findings(check_json: dict[str, Any]) -> tuple[str, ...]:
    """The three worst problems of a check.json, one line each: what is wrong (mismatch, inconsistent, a
    wrong claim) before what has no source, each level in the order of the text."""
    worst = sorted(problems(check_json), key=lambda f: (LEVELS.get(f["status"], 1), f.get("start", 0)))
    every = [f for f in check_json.get("findings", []) if f.get("kind", "figure") == "figure"]
    spots = [(f.get("line", 0), f.get("text", ""), f.get("start", 0)) for f in every]
    places = places_alike(spots)
    return tuple(
        _template()
        .render(
            **{
                **f,
                "label": STATUS_WORDS.get(f["status"], f["status"]),
                "nth": places.get(f.get("start", 0), 0),
            }
        )
        .strip()
        for f in worst[:FIRST]
    )


def region_of(title: str) -> str:
    """The region a title names (阳泉市, 安岳县, 广东省 …): the one after 关于 (关于清河县…), else the issuer's
    (清河县人民政府关于…); empty when it names none."""
    title = _YEAR_WORDS.sub("，", title.strip().removeprefix("中共"))  # 2021年湖南省…: not 年湖南省
    issuer, _, subject = title.partition("关于") if "关于" in title else (title, "", title)
    # the issuer's words before 关于 only: 关于县政府履行教育职责的自查报告 names no region, not 关于县
    match = _REGION.search(subject) or _REGION.search(issuer)
    return match.group(0) if match else ""


def report_region(title: str, file_name: str, data_region: str) -> str:
    """The region of a report for the review's table: the one its title names, else its file name's
    (清河县自评报告.docx), else its metrics file's, marked as taken from the data."""
    named = region_of(title) or region_of(re.sub(r"\.[A-Za-z]+$", "", file_name.rsplit("/", 1)[-1]))
    return named or (f"{data_region}（据数据 / from data）" if data_region else "")


def names_region(text: str, region: str) -> bool:
    """The report names the metrics file's region, whole or without its 县/市/区 (桃源县 as 桃源); a region too
    short to tell is taken as named."""
    core = _REGION_SUFFIX.sub("", region.strip())
    return len(core) < 2 or core in text


def region_not_named(text: str, region: str, metrics: object) -> str:
    """The note for a report checked against a metrics file whose region it never names; "" when it names it."""
    if names_region(text, region):
        return ""
    return (
        f"报告中没有出现数据文件的地区「{region}」，请确认 {metrics} 是本报告的数据 "
        "/ the metrics file's region does not appear in the report: is it this report's data?"
    )


def other_region(title: str, file_name: str, text: str, region: str) -> str:
    """The region a report names in its title (else its file name) when it is not the metrics file's and the
    text never names the latter (抚顺市's report beside 阳泉市's data); "" otherwise."""
    if not region or names_region(text, region):
        return ""
    named = region_of(title) or region_of(re.sub(r"\.[A-Za-z]+$", "", file_name.rsplit("/", 1)[-1]))
    if not named or names_region(named, region) or names_region(region, named):
        return ""
    return named


def other_region_note(named: str, region: str, metrics: object) -> str:
    """The note for a report of another region than the one metrics file: not checked against it."""
    return (
        f"报告中没有出现数据文件的地区「{region}」，本报告写的是「{named}」：未用 {metrics} 核对，只检查了文中数字是否自洽"
        f" / the report is about {named}, {metrics} about {region}: not checked against it, self-consistency only"
    )


def report_year(title: str, text: str, data_period: int | None = None) -> str:
    """The year of a report for the review's table: the one its title names, else the first `2021年度履行教育
    职责` of its opening (before 一、: 安岳's 一、问题整改情况 names the year of the last round's evaluation), else its
    metrics file's period, marked as taken from the data (as the region is)."""
    opening = text[:OPENING]
    part = _FIRST_PART.search(opening)
    match = _YEAR.search(title) or _YEAR_OF_DUTIES.search(opening[: part.start()] if part else opening)
    if match:
        return match.group(1)
    return f"{data_period}（据数据 / from data）" if data_period else ""
