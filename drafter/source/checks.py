"""Every problem of a metrics file's data, one line each: schema errors in plain words plus the rules that look across fields."""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from drafter.core.taxonomy import Taxonomy
from drafter.core.types import PART_FACTS
from drafter.source.plausible import value_problem
from drafter.source.schema import FileModel, MetricModel, ReportModel, TargetModel, number_or_none
from drafter.source.units import unit_problem

_FIXES = {
    "missing": "缺少必填项 / required field is missing → 请补上 / add it",
    "extra_forbidden": "未知字段 / unknown field → 请删除或检查拼写 / remove it or check its spelling",
    "string_type": "须为文字 / must be text",
    "string_too_short": "不能为空 / must not be empty",
    "string_pattern_mismatch": "格式须为 <指标>.<名称> / must look like <indicator>.<name>, e.g. fund.general_budget_edu (lowercase a-z, 0-9, _)",
    "too_short": "不能为空 / must not be empty → 至少给出一个 年份: 数值 / give at least one year: value",
    "dict_type": "须为键值对 / must be a mapping",
    "list_type": "须为列表 / must be a list",
    "model_type": "须为键值对 / must be a mapping",
    "date_from_datetime_parsing": "不是日期 / is not a date → 请写成 / write YYYY-MM-DD",
    "date_parsing": "不是日期 / is not a date → 请写成 / write YYYY-MM-DD",
    "date_type": "不是日期 / is not a date → 请写成 / write YYYY-MM-DD",
}


def check(data: dict, path: Path, taxonomy: Taxonomy) -> tuple[FileModel | None, list[str]]:
    """The validated model (None when the schema fails) and every problem as `path: key (cell): message`."""
    origin = data.pop("_origin", {}) if isinstance(data, dict) else {}
    lines = data.pop("_lines", {}) if isinstance(data, dict) else {}
    model, problems = None, []
    _facts_by_code(data, taxonomy)
    try:
        model = FileModel.model_validate(data)
    except ValidationError as exc:
        problems = _pydantic_problems(exc)
    problems += _semantic_problems(data, taxonomy)
    commas = dict(_comma_splits(data))
    problems = [p for p in problems if p[0] not in commas] + list(commas.items())
    problems.sort(key=_order)
    names = _metric_names(data)
    return model, [_line(path, loc, msg, origin, _where(loc, msg, names, lines)) for loc, msg in problems]


def key_path(loc: tuple[Any, ...]) -> str:
    """('metrics', 3, 'values', 2021) -> metrics[3].values.2021."""
    out, prev = "", None
    for part in loc:
        if part == "[key]":
            continue
        index = isinstance(part, int) and out and prev != "values"
        out, prev = out + (f"[{part}]" if index else f"{'.' if out else ''}{part}"), part
    return out


def _pydantic_problems(exc: ValidationError) -> list[tuple[str, str]]:
    problems = []
    for err in exc.errors():
        msg = str(err["msg"]).removeprefix("Value error, ")
        if err["type"] != "value_error":
            msg = _FIXES.get(err["type"], msg)
        if err["type"] == "extra_forbidden" and err["loc"]:
            msg += _meant_field(str(err["loc"][-1]))
        if err["type"] == "dict_type" and err["loc"] and err["loc"][-1] == "values":
            # values: 88.6 — a value with no year
            msg += f" → 每个数值前写年份，如 values: {{2023: {err.get('input', 88.6)}}} / give each value its year"
        problems.append((key_path(err["loc"]), msg))
    return problems


FIELDS = sorted(
    {name for model in (FileModel, ReportModel, MetricModel, TargetModel) for name in model.model_fields}
)


def _meant_field(name: str) -> str:
    """The field a misspelt one means (lable → label, metric → metrics), said after the fix; "" when none is near."""
    near = difflib.get_close_matches(name, FIELDS, n=1, cutoff=0.75)
    return f"（是否为 {near[0]}？ / did you mean {near[0]}?）" if near else ""


def _by_label(label: str, taxonomy: Taxonomy) -> list[str]:
    """Indicators whose expected metrics or keywords the label names: 毛入园率 → preschool."""
    if not label:
        return []
    return [
        ind.code
        for ind in taxonomy.indicators
        if any(m.label in label or label in m.label for m in ind.metrics)
        or any(len(word) > 2 and word in label for word in ind.keywords)
    ]


def indicator_problem(code: str, taxonomy: Taxonomy, label: str = "") -> str:
    """Suggest by spelling (a prefix, then a close match) and by the metric's label (毛入园率 → preschool);
    a guess from the label alone is less sure, so the valid codes are listed beside it."""
    spelled = [c for c in taxonomy.codes if code and c.startswith(code)]
    spelled += difflib.get_close_matches(code, taxonomy.codes, n=1, cutoff=0.6)
    guesses = list(dict.fromkeys(_by_label(label, taxonomy)[:2] + spelled))[:3]
    every = "use one of: " + ", ".join(f"{c} {taxonomy.indicator(c).name}" for c in taxonomy.codes)
    if not guesses:
        return f"未知指标代码 / unknown indicator {code!r} (knowledge/taxonomy.yaml) → {every}"
    hint = f"did you mean {' or '.join(repr(g) for g in guesses)}?"
    return f"未知指标代码 / unknown indicator {code!r} (knowledge/taxonomy.yaml) → {hint}" + (
        "" if spelled else f" ({every})"
    )


def _metric_problems(i: int, metric: Any, seen: dict[str, int], taxonomy: Taxonomy) -> list[tuple[str, str]]:
    if not isinstance(metric, dict):
        return []
    out, key = [], metric.get("key")
    if isinstance(key, str) and key:
        if key in seen:
            out.append(
                (
                    f"metrics[{i}].key",
                    f"{key!r} 与 metrics[{seen[key]}] 重复 / repeats metrics[{seen[key]}] → 请合并 / merge their values",
                )
            )
        seen.setdefault(key, i)
    unit = metric.get("unit")
    if isinstance(unit, str) and (problem := unit_problem(str(key or f"metrics[{i}]"), unit)):
        out.append((f"metrics[{i}].unit", problem))
    values = metric.get("values")
    for year, raw in values.items() if isinstance(values, dict) else ():
        out += _plausibility(metric, raw, f"metrics[{i}].values.{year}")
    target = metric.get("target")
    raw_target = target.get("value") if isinstance(target, dict) else target
    return out + _plausibility(metric, raw_target, f"metrics[{i}].target.value")


def _plausibility(metric: dict, raw: Any, where: str) -> list[tuple[str, str]]:
    value = number_or_none(raw)
    problem = value_problem(metric, value) if value is not None else ""
    return [(where, problem)] if problem else _percent_sign(metric, raw, where)


def _percent_sign(metric: dict, raw: Any, where: str) -> list[tuple[str, str]]:
    """ "34%" is read as 34 (a rate typed with its sign), but not for a metric counted in 个 or 万元: the % says
    the value or the unit is not what was meant."""
    unit = metric.get("unit")
    if (
        not isinstance(raw, str)
        or not isinstance(unit, str)
        or unicodedata.normalize("NFKC", unit).strip() == "%"
    ):
        return []
    if not unicodedata.normalize("NFKC", raw).strip().endswith("%"):
        return []
    return [
        (
            where,
            f"{json.dumps(raw, ensure_ascii=False)} 带 %，但单位是 {unit!r} / has a % sign but the unit is {unit!r} "
            '→ 请去掉 %，或把 unit 改为 "%" / drop the %, or set unit: "%"',
        )
    ]


def _facts_by_code(data: Any, taxonomy: Taxonomy) -> None:
    """Facts filed under an indicator's Chinese name (党的领导), or its code and name (party 党的领导, as the Excel
    template's drop-down shows them), go under its code, as a metric's indicator column is read."""
    facts = data.get("facts") if isinstance(data, dict) else None
    if not isinstance(facts, dict):
        return
    names = {ind.name: ind.code for ind in taxonomy.indicators}
    for said in list(facts):
        words = str(said).split()
        code = next((w for w in words if w in taxonomy.codes), None) or next(
            (names[w] for w in words if w in names), None
        )
        if code is None or code == said or str(said) in PART_FACTS:
            continue
        facts[code] = _as_list(facts.get(code)) + _as_list(facts.pop(said))


def _as_list(items: Any) -> list:
    """Facts as the schema takes them: one statement, a list of them, or nothing."""
    return [] if items is None else list(items) if isinstance(items, list) else [items]


def _semantic_problems(data: dict, taxonomy: Taxonomy) -> list[tuple[str, str]]:
    """Rules that look across fields, run on the raw data so they add to (not hide behind) schema errors."""
    out: list[tuple[str, str]] = []
    seen: dict[str, int] = {}
    metrics = data.get("metrics")
    for i, metric in enumerate(metrics if isinstance(metrics, list) else []):
        out += _metric_problems(i, metric, seen, taxonomy)
    facts = data.get("facts")
    for code in facts if isinstance(facts, dict) else {}:
        if str(code) not in taxonomy.codes and str(code) not in PART_FACTS:
            out.append((f"facts.{code}", indicator_problem(str(code), taxonomy)))  # facts need a section
    report = data.get("report") if isinstance(data.get("report"), dict) else {}
    rnd, period = number_or_none(report.get("round")), number_or_none(report.get("period"))
    if rnd is not None and period is not None and period > rnd:
        out.append(
            (
                "report.period",
                f"评价年度 {period} 晚于评价轮次 {rnd} / assessed year {period} is after the round {rnd} → period <= round",
            )
        )
    return out + _header_problems(report)


def _header_problems(report: dict) -> list[tuple[str, str]]:
    """The 版头 names the same issuer as the title and the 落款 (report.issuer), optionally + 文件."""
    issuer, mark = str(report.get("issuer") or "").strip(), str(report.get("issuer_mark") or "").strip()
    if issuer and mark and mark.removesuffix("文件") != issuer:
        return [
            (
                "report.issuer_mark",
                f"版头 {mark!r} names another issuer than report.issuer {issuer!r} (title and 落款) "
                f"→ use {issuer!r} (or {issuer + '文件'!r}), or change report.issuer",
            )
        ]
    return []


def _order(problem: tuple[str, str]) -> list[Any]:
    """Report first, then metrics in file order, then the rest; indexes compared as numbers."""
    rank = (
        ("report", "metrics", "facts").index(problem[0].split(".")[0].split("[")[0])
        if problem[0].split(".")[0].split("[")[0] in ("report", "metrics", "facts")
        else 3
    )
    return [rank] + [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", problem[0])]


def _comma_splits(data: Any) -> list[tuple[str, str]]:
    """{2023: 91,5} in YAML is 2023: 91 and a year 5 with no value: say the comma, not "5 is not a year"."""
    metrics = data.get("metrics") if isinstance(data, dict) else None
    out = []
    for i, metric in enumerate(metrics if isinstance(metrics, list) else []):
        values = metric.get("values") if isinstance(metric, dict) else None
        items = list(values.items()) if isinstance(values, dict) else []
        for (year, before), (digits, after) in zip(items, items[1:], strict=False):
            split = (
                re.fullmatch(r"\d{1,3}", str(digits)) if after is None and isinstance(before, int) else None
            )
            if split is None:
                continue
            read = f"“{year}: {before},{digits}” 被读成 {year}: {before} 和年份 {digits}："
            read_en = f"read as {year}: {before} and a year {digits}: "
            if len(str(digits)) < 3:
                fix = (
                    f"逗号不是小数点 / {read_en}a comma is not a decimal point → 请写 / write {year}: {before}.{digits}"
                    "（若是千位分隔，请去掉逗号 / a thousands separator: drop the comma）"
                )
            else:
                fix = (
                    f"花括号里的千位逗号会把数字拆开 / {read_en}inside {{…}} a thousands comma splits the number "
                    f'→ 请写 / write {year}: {before}{digits}（或加引号 / or quote it: "{before},{digits}"）'
                )
            out.append((f"metrics[{i}].values.{digits}", read + fix))
    return out


def _metric_names(data: Any) -> dict[str, str]:
    """metrics[8] -> its key (preschool.gross_enrolment_rate): a problem names the metric, not only its index."""
    metrics = data.get("metrics") if isinstance(data, dict) else None
    return {
        f"metrics[{i}]": m["key"]
        for i, m in enumerate(metrics if isinstance(metrics, list) else [])
        if isinstance(m, dict) and isinstance(m.get("key"), str) and m["key"]
    }


def _where(loc: str, msg: str, names: dict[str, str], lines: dict[str, str]) -> str:
    """The metric's key (metrics[8] is preschool.gross_enrolment_rate) and the YAML line, for the end of a
    problem; a message that names the key already is not told it again."""
    head = loc.split(".")[0]
    name = names.get(head, "")
    line = next(
        (lines[p] for p in sorted(lines, key=len, reverse=True) if loc == p or loc.startswith(p + ".")), ""
    )
    return "，".join(part for part in (name if name not in msg else "", line) if part)


def _line(path: Path, loc: str, msg: str, origin: dict[str, str], where_else: str = "") -> str:
    cell = next(
        (origin[p] for p in sorted(origin, key=len, reverse=True) if loc == p or loc.startswith(p + ".")), ""
    )
    where = f"{loc} ({cell})" if cell else loc
    msg = f"{msg} （{where_else}）" if where_else else msg
    return f"{path}: {where}: {msg}" if where else f"{path}: {msg}"
