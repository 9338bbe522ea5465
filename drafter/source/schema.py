"""What a metrics file may hold: the pydantic schema and the scalar parsers (numbers, years, levels) it uses."""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import unicodedata
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

from drafter.core.cn_dates import cn_date, cn_year

LEVELS = {
    "province": "province",
    "city": "city",
    "county": "county",
    "省": "province",
    "省级": "province",
    "市": "city",
    "市级": "city",
    "县": "county",
    "县级": "county",
    "区": "county",
}
RELATIONS = {
    ">=": ">=",
    ">": ">",
    "<=": "<=",
    "<": "<",
    "==": "==",
    "=": "==",
    "≥": ">=",
    "≤": "<=",
    "不低于": ">=",
    "不少于": ">=",
    "高于": ">",
    "不高于": "<=",
    "不超过": "<=",
    "低于": "<",
    "等于": "==",
}
_NUMBER = re.compile(r"[+-]?(\d+|\d{1,3}(,\d{3})+)(\.\d+)?")
_WITH_UNIT = re.compile(
    r"([+-]?[\d,]+(?:\.\d+)?)\s*([^\d\s,.%+-]{1,4})"
)  # 12,345.6万元: a unit typed after it
_DECIMAL_COMMA = re.compile(r"[+-]?\d+,(\d{1,2}|\d{4,})")  # 91,5: a decimal comma, not thousands


# ---------------------------------------------------------------- scalar parsers (pydantic before-validators)
def parse_number(raw: Any) -> int | float:
    """A number as a person writes it: 12000, "12,000", "１２０００", "91.2%"; not "12,0o0", not yes/no."""
    if isinstance(raw, bool) or raw is None:
        raise ValueError(f"{json.dumps(raw)} 不是数字 / is not a number")
    if isinstance(raw, int | float):
        if not math.isfinite(raw):
            raise ValueError(f"{raw} 不是数字 / is not a number → 请写有限的数 / write a finite figure")
        return raw
    text = unicodedata.normalize("NFKC", str(raw)).strip().removesuffix("%").strip()
    if _DECIMAL_COMMA.fullmatch(text):
        raise ValueError(
            f"{json.dumps(str(raw), ensure_ascii=False)} 不是数字：逗号不是小数点 / is not a number: a comma is not "
            f"a decimal point → 请写 / write {text.replace(',', '.')}"
        )
    with_unit = _WITH_UNIT.fullmatch(text)
    if with_unit and _NUMBER.fullmatch(with_unit[1]):
        number, unit = with_unit[1].replace(",", ""), with_unit[2]
        raise ValueError(
            f"{json.dumps(str(raw), ensure_ascii=False)} 不是数字：数字后带了单位 / is not a number: a unit follows it "
            f"→ 请只写 {number}，单位写在 unit: {unit} / write {number} alone, with unit: {unit}"
        )
    if not _NUMBER.fullmatch(text):
        raise ValueError(
            f"{json.dumps(str(raw), ensure_ascii=False)} 不是数字 / is not a number → 请写数字 / write digits, e.g. 12000 or 12,000.5"
        )
    text = text.replace(",", "")
    return float(text) if "." in text else int(text)


def number_or_none(raw: Any) -> int | float | None:
    try:
        return parse_number(raw)
    except ValueError:
        return None


def _year(raw: Any) -> int:
    text = unicodedata.normalize("NFKC", str(raw)).strip().removesuffix("年度").removesuffix("年")
    spelled = cn_year(text) if not isinstance(raw, bool) else None  # 二〇二二年, as a 公文 prints it
    text = str(spelled) if spelled else text
    if isinstance(raw, bool) or not text.isdigit() or not 1990 <= int(text) <= 2100:
        raise ValueError(
            f"{json.dumps(str(raw), ensure_ascii=False)} 不是年份 / is not a year → 请写 1990–2100 之间的年份 / use a year 1990–2100, e.g. 2021"
        )
    return int(text)


def _values(raw: Any) -> Any:
    """`values: {1.1}` (YAML reads a set: the number as a key, no value): one message saying the year is missing,
    not "not a year" and "null is not a number" for one slip."""
    if isinstance(raw, dict) and raw and all(v is None for v in raw.values()):
        numbers = [k for k in raw if number_or_none(k) is not None and not _is_year(k)]
        if numbers:
            shown = ", ".join(str(k) for k in numbers)
            raise ValueError(
                f"{{{shown}}} 缺少年份 / has no year → 请写成 {{2024: {numbers[0]}}}（年份: 数值）/ "
                f"write {{2024: {numbers[0]}}} (year: value)"
            )
    return raw


def _is_year(raw: Any) -> bool:
    try:
        _year(raw)
    except ValueError:
        return False
    return True


def _level(raw: Any) -> str:
    if str(raw).strip() not in LEVELS:
        raise ValueError(
            f"{json.dumps(str(raw), ensure_ascii=False)} 不是层级 / is not a level: 请用 / use province, city or county"
        )
    return LEVELS[str(raw).strip()]


def _relation(raw: Any) -> str:
    text = unicodedata.normalize("NFKC", str(raw)).strip()
    if text not in RELATIONS:
        raise ValueError(
            f"{json.dumps(str(raw), ensure_ascii=False)} 不是比较关系 / is not a relation: 请用 / use >= > <= < =="
        )
    return RELATIONS[text]


def _date(raw: Any) -> Any:
    if isinstance(raw, dt.datetime):
        return raw.date()
    found = re.fullmatch(r"\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*", str(raw or ""))
    if found:
        return dt.date(*map(int, found.groups()))
    return cn_date(str(raw)) or raw or None


def _text_list(raw: Any) -> Any:
    return [raw] if isinstance(raw, str) else raw or []


def _target(raw: Any) -> Any:
    return raw if isinstance(raw, dict) or raw is None else {"value": raw}


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Number = Annotated[float, BeforeValidator(parse_number)]
Year = Annotated[int, BeforeValidator(_year)]
Texts = Annotated[list[Text], BeforeValidator(_text_list)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TargetModel(_Model):
    value: Number
    relation: Annotated[str, BeforeValidator(_relation)] = ">="
    label: str = ""


class MetricModel(_Model):
    key: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")]
    label: Text
    unit: Text
    values: Annotated[dict[Year, Number], Field(min_length=1), BeforeValidator(_values)]
    target: Annotated[TargetModel | None, BeforeValidator(_target)] = None
    note: str = ""


class ReportModel(_Model):
    region: Text
    level: Annotated[str, BeforeValidator(_level)]
    round: Year
    period: Year
    issuer: Text
    date: Annotated[dt.date | None, BeforeValidator(_date)] = None
    basis: str = ""
    addressee: str = ""
    doc_number: str = ""
    issuer_mark: str = ""
    signer: str = ""
    superior: str = ""


class FileModel(_Model):
    report: ReportModel
    metrics: list[MetricModel] = []
    facts: dict[str, Texts] = {}
    rectification: Texts = []
    problems: Texts = []
    plans: Texts = []
    experiences: Texts = []
    self_check: Texts = []
