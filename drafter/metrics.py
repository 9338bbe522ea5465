"""Source data: read a metrics file (YAML / JSON / XLSX), report every problem at once, return SourceData."""

from __future__ import annotations

import datetime as dt
import difflib
import json
import logging
import math
import re
import unicodedata
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, ValidationError

from drafter.errors import InputError
from drafter.taxonomy import Taxonomy, load_taxonomy
from drafter.types import Metric, ReportInfo, SourceData, Target

log = logging.getLogger(__name__)
SUFFIXES = (".yaml", ".yml", ".json", ".xlsx")
LEVELS = {"province": "province", "city": "city", "county": "county", "省": "province", "省级": "province",
          "市": "city", "市级": "city", "县": "county", "县级": "county", "区": "county"}
RELATIONS = {">=": ">=", ">": ">", "<=": "<=", "<": "<", "==": "==", "=": "==", "≥": ">=", "≤": "<=",
             "不低于": ">=", "不少于": ">=", "高于": ">", "不高于": "<=", "不超过": "<=", "低于": "<", "等于": "=="}
COUNT_UNITS = frozenset(("所", "个", "人", "名", "班", "次", "家", "人次", "条", "处", "项", "间", "台", "套", "册",
                         "座", "校", "户", "张", "篇", "门", "节", "期", "场", "批"))
GROWTH_WORDS = ("毛", "gross", "增长", "增幅", "growth", "提高", "增加", "change")
MAX_SHOWN = 25
_NUMBER = re.compile(r"[+-]?(\d+|\d{1,3}(,\d{3})+)(\.\d+)?")


# ---------------------------------------------------------------- scalar parsers (pydantic before-validators)
def parse_number(raw: Any) -> int | float:
    """A number as a person writes it: 12000, "12,000", "１２０００", "91.2%"; not "12,0o0", not yes/no."""
    if isinstance(raw, bool) or raw is None:
        raise ValueError(f"{json.dumps(raw)} is not a number")
    if isinstance(raw, int | float):
        if not math.isfinite(raw):
            raise ValueError(f"{raw} is not a number → write a finite figure")
        return raw
    text = unicodedata.normalize("NFKC", str(raw)).strip().removesuffix("%").strip()
    if not _NUMBER.fullmatch(text):
        raise ValueError(f"{json.dumps(str(raw), ensure_ascii=False)} is not a number → write digits, e.g. 12000 or 12,000.5")
    text = text.replace(",", "")
    return float(text) if "." in text else int(text)


def _number_or_none(raw: Any) -> int | float | None:
    try:
        return parse_number(raw)
    except ValueError:
        return None


def _year(raw: Any) -> int:
    text = unicodedata.normalize("NFKC", str(raw)).strip().removesuffix("年")
    if isinstance(raw, bool) or not text.isdigit() or not 1990 <= int(text) <= 2100:
        raise ValueError(f"{json.dumps(str(raw), ensure_ascii=False)} is not a year → use a year 1990–2100, e.g. 2021")
    return int(text)


def _level(raw: Any) -> str:
    if str(raw).strip() not in LEVELS:
        raise ValueError(f"{json.dumps(str(raw), ensure_ascii=False)} is not a level: use province, city or county")
    return LEVELS[str(raw).strip()]


def _relation(raw: Any) -> str:
    text = unicodedata.normalize("NFKC", str(raw)).strip()
    if text not in RELATIONS:
        raise ValueError(f"{json.dumps(str(raw), ensure_ascii=False)} is not a relation: use >= > <= < ==")
    return RELATIONS[text]


def _date(raw: Any) -> Any:
    if isinstance(raw, dt.datetime):
        return raw.date()
    found = re.fullmatch(r"\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*", str(raw or ""))
    if found:
        return dt.date(*map(int, found.groups()))
    return raw or None


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
    values: Annotated[dict[Year, Number], Field(min_length=1)]
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


class FileModel(_Model):
    report: ReportModel
    metrics: list[MetricModel] = []
    facts: dict[str, Texts] = {}
    rectification: Texts = []
    problems: Texts = []
    plans: Texts = []
    experiences: Texts = []


# ---------------------------------------------------------------- reading files
def read_text(path: Path) -> tuple[str, str]:
    """The file's text and the encoding it was read with: UTF-8, else GB18030 (said so by the caller)."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read the file ({exc.strerror})", path=str(path),
                         hint="check the path and that the file is readable") from exc
    if not data.strip():
        raise InputError("the file is empty", path=str(path), hint="run `drafter metrics template -o FILE` for a template")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding), encoding.removesuffix("-sig")
        except UnicodeDecodeError:
            continue
    raise InputError("the file is neither UTF-8 nor GB18030 text", path=str(path), hint="save it as UTF-8")


class _UniqueKeyLoader(yaml.SafeLoader):
    """A SafeLoader that refuses a key written twice in one mapping (a copied `2021:` line loses data)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen: set = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r} → write each key once", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep)


def _parse_text(path: Path, text: str) -> Any:
    try:
        return json.loads(text) if path.suffix.lower() == ".json" else yaml.load(text, _UniqueKeyLoader)
    except json.JSONDecodeError as exc:
        raise InputError(f"JSON syntax error at line {exc.lineno}, column {exc.colno}: {exc.msg}",
                         path=str(path), hint="fix the JSON syntax (commas, quotes, brackets)") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        reason = getattr(exc, "problem", None) or str(exc)
        hint = "merge the repeated entries" if "duplicate key" in reason else \
            "check indentation and quote values that contain ':' or '#'"
        raise InputError(f"YAML syntax error{where}: {reason}", path=str(path), hint=hint) from exc


def read_raw(path: Path) -> tuple[dict, str]:
    """The file as plain data (dict) and the encoding it was read with ("xlsx" for workbooks)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError(f"unknown file type {suffix or '(none)'!r}", path=str(path),
                         hint="use a .yaml, .yml, .json or .xlsx metrics file")
    if suffix == ".xlsx":
        from drafter.xlsx import read_workbook

        return read_workbook(path), "xlsx"
    text, encoding = read_text(path)
    if encoding != "utf-8":
        log.warning("%s is not UTF-8: read it as %s", path, encoding.upper())
    data = _parse_text(path, text)
    if data is None:
        raise InputError("the file holds no data", path=str(path), hint="add report: and metrics: sections")
    if not isinstance(data, dict):
        raise InputError("the top level must be a mapping with report: and metrics:", path=str(path),
                         hint="see examples/yangquan-2021.yaml")
    return data, encoding


# ---------------------------------------------------------------- problems
_FIXES = {
    "missing": "required field is missing → add it",
    "extra_forbidden": "unknown field → remove it or check its spelling",
    "string_type": "must be text",
    "string_too_short": "must not be empty",
    "string_pattern_mismatch": "must look like <indicator>.<name>, e.g. fund.general_budget_edu (lowercase a-z, 0-9, _)",
    "too_short": "must not be empty → give at least one year: value",
    "dict_type": "must be a mapping",
    "list_type": "must be a list",
    "model_type": "must be a mapping",
    "date_from_datetime_parsing": "is not a date → write YYYY-MM-DD",
    "date_parsing": "is not a date → write YYYY-MM-DD",
    "date_type": "is not a date → write YYYY-MM-DD",
}


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
        problems.append((key_path(err["loc"]), msg))
    return problems


def _indicator_problem(code: str, taxonomy: Taxonomy) -> str:
    close = difflib.get_close_matches(code, taxonomy.codes, n=1, cutoff=0.6)
    hint = f"did you mean {close[0]!r}?" if close else f"use one of: {', '.join(taxonomy.codes)}"
    return f"unknown indicator {code!r} (knowledge/taxonomy.yaml) → {hint}"


def _value_problem(metric: dict, value: float) -> str:
    unit, words = str(metric.get("unit", "")).strip(), f"{metric.get('key', '')} {metric.get('label', '')}"
    if unit == "%" and value > 100 and not any(w in words for w in GROWTH_WORDS):
        return f"{value:g}% is above 100, which a coverage/share/rate cannot be → check the figure or the unit"
    if unit in COUNT_UNITS and value < 0:
        return f"{value:g}{unit} is a negative count → counts cannot be below 0"
    return ""


def _metric_problems(i: int, metric: Any, seen: dict[str, int], taxonomy: Taxonomy) -> list[tuple[str, str]]:
    if not isinstance(metric, dict):
        return []
    out, key = [], metric.get("key")
    if isinstance(key, str) and key:
        if key.split(".", 1)[0] not in taxonomy.codes:
            out.append((f"metrics[{i}].key", _indicator_problem(key.split(".", 1)[0], taxonomy)))
        if key in seen:
            out.append((f"metrics[{i}].key", f"{key!r} repeats metrics[{seen[key]}] → merge their values"))
        seen.setdefault(key, i)
    values = metric.get("values")
    for year, raw in (values.items() if isinstance(values, dict) else ()):
        value = _number_or_none(raw)
        problem = _value_problem(metric, value) if value is not None else ""
        if problem:
            out.append((f"metrics[{i}].values.{year}", problem))
    return out


def _semantic_problems(data: dict, taxonomy: Taxonomy) -> list[tuple[str, str]]:
    """Rules that look across fields, run on the raw data so they add to (not hide behind) schema errors."""
    out: list[tuple[str, str]] = []
    seen: dict[str, int] = {}
    metrics = data.get("metrics")
    for i, metric in enumerate(metrics if isinstance(metrics, list) else []):
        out += _metric_problems(i, metric, seen, taxonomy)
    facts = data.get("facts")
    for code in (facts if isinstance(facts, dict) else {}):
        if str(code) not in taxonomy.codes:
            out.append((f"facts.{code}", _indicator_problem(str(code), taxonomy)))
    report = data.get("report") if isinstance(data.get("report"), dict) else {}
    rnd, period = _number_or_none(report.get("round")), _number_or_none(report.get("period"))
    if rnd is not None and period is not None and period > rnd:
        out.append(("report.period", f"assessed year {period} is after the round {rnd} → period <= round"))
    return out


def default_taxonomy() -> Taxonomy:
    from drafter.config import Settings

    return load_taxonomy(Settings.from_env().knowledge_dir / "taxonomy.yaml")


def _check(data: dict, path: Path, taxonomy: Taxonomy) -> tuple[FileModel | None, list[str]]:
    origin = data.pop("_origin", {}) if isinstance(data, dict) else {}
    model, problems = None, []
    try:
        model = FileModel.model_validate(data)
    except ValidationError as exc:
        problems = _pydantic_problems(exc)
    problems += _semantic_problems(data, taxonomy)
    problems.sort(key=_order)
    return model, [_line(path, loc, msg, origin) for loc, msg in problems]


def _order(problem: tuple[str, str]) -> list[Any]:
    """Report first, then metrics in file order, then the rest; indexes compared as numbers."""
    rank = ("report", "metrics", "facts").index(problem[0].split(".")[0].split("[")[0]) \
        if problem[0].split(".")[0].split("[")[0] in ("report", "metrics", "facts") else 3
    return [rank] + [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", problem[0])]


def _line(path: Path, loc: str, msg: str, origin: dict[str, str]) -> str:
    cell = next((origin[p] for p in sorted(origin, key=len, reverse=True) if loc == p or loc.startswith(p + ".")), "")
    where = f"{loc} ({cell})" if cell else loc
    return f"{path}: {where}: {msg}" if where else f"{path}: {msg}"


# ---------------------------------------------------------------- public
def validate_file(path: Path, taxonomy: Taxonomy | None = None) -> list[str]:
    """Every problem of a metrics file, one line each; [] when it is good."""
    try:
        data, _ = read_raw(Path(path))
    except InputError as exc:
        return list(getattr(exc, "problems", None) or [exc.render()])
    return _check(data, Path(path), taxonomy or default_taxonomy())[1]


def load_source(path: Path, taxonomy: Taxonomy | None = None) -> SourceData:
    """Read and validate a metrics file; raise one InputError listing every problem."""
    path = Path(path)
    data, _ = read_raw(path)
    model, problems = _check(data, path, taxonomy or default_taxonomy())
    if problems or model is None:
        raise InputError(summarize(problems, path), hint=f"fix them, then run `drafter metrics validate {path}`")
    return to_source(model, path)


def summarize(problems: list[str], path: Path) -> str:
    shown = problems[:MAX_SHOWN]
    more = f"\n  … and {len(problems) - MAX_SHOWN} more" if len(problems) > MAX_SHOWN else ""
    return f"{len(problems)} problem(s) in {path}:\n" + "\n".join(f"  - {p}" for p in shown) + more


def to_source(model: FileModel, path: Path) -> SourceData:
    metrics = tuple(
        Metric(key=m.key, label=m.label, unit=m.unit, values=dict(sorted(m.values.items())), note=m.note,
               target=Target(m.target.value, m.target.relation, m.target.label) if m.target else None)
        for m in model.metrics)
    return SourceData(
        report=ReportInfo(**model.report.model_dump()), metrics=metrics,
        facts={code: tuple(items) for code, items in model.facts.items()},
        rectification=tuple(model.rectification), problems=tuple(model.problems), plans=tuple(model.plans),
        experiences=tuple(model.experiences), path=str(path))


# ---------------------------------------------------------------- the YAML template
_YAML_HEAD = """\
# Drafter metrics file (履行教育职责自评报告 source data). Fill in, then run: drafter metrics validate FILE
# Every figure a draft states must come from here (units as in your statistics: 亿元 万元 元 % 所 个 人 …).
report:
  region: XX市                # required: 地区
  level: city                 # required: province | city | county
  round: {round}                 # required: evaluation round, the year the report is written
  period: {period}                # required: assessed year (<= round)
  issuer: XX市人民政府        # required: 发文机关
  # date: {round}-03-20          # 成文日期
  # basis: 《…评价方案》（文号）
  # addressee: …              # 主送机关
  # doc_number: …             # 本报告文号
  # issuer_mark: …            # 发文机关标志
metrics: []                   # replace [] by a list like the commented example below
#  - key: preschool.gross_enrolment_rate   # <indicator>.<name>, see the list at the end
#    label: 学前三年毛入园率
#    unit: "%"
#    values: {{{period}: 91.2, {prev}: 90.5}}
#    target: {{value: 90, relation: ">="}}   # optional standard
facts: {{}}                     # indicator -> list of sentences, e.g. party: ["市委常委会专题研究教育工作4次"]
rectification: []             # 上一轮问题整改情况
problems: []                  # 存在问题
plans: []                     # 改进措施
experiences: []               # 经验做法
#
# Metric keys known to knowledge/taxonomy.yaml (key  label  [unit]  target):
"""


def yaml_template(taxonomy: Taxonomy, round_year: int | None = None) -> str:
    """A commented metrics.yaml that validates as is, listing the taxonomy's metric keys as comments."""
    rnd = round_year or dt.date.today().year
    lines = [_YAML_HEAD.format(round=rnd, period=rnd - 1, prev=rnd - 2).rstrip("\n")]
    for ind in taxonomy.indicators:
        lines.append(f"#   {ind.code}: {ind.name}")
        lines += [f"#     {m.key}  {m.label}  [{m.unit}]" + (f"  {m.target}" if m.target else "") for m in ind.metrics]
    return "\n".join(lines) + "\n"
