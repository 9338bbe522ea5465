"""Source data: read a metrics file (YAML / JSON / XLSX), report every problem at once, return SourceData.

The schema lives in `source.schema`, the checks in `source.checks`, the YAML template in
`source.yaml_template`.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

from drafter.core.config import Settings
from drafter.core.errors import InputError
from drafter.core.inputs import METRICS_LIMITS, TEXT_NOTES, check_zip, decode_text, read_bytes
from drafter.core.structured import parse_json, parse_yaml
from drafter.core.taxonomy import Taxonomy, load_taxonomy
from drafter.core.types import Metric, ReportInfo, SourceData, Target
from drafter.figures.numbers import people_unit
from drafter.source.checks import check
from drafter.source.consistency import warnings
from drafter.source.lines import yaml_lines
from drafter.source.schema import FileModel
from drafter.source.xlsx import read_workbook

log = logging.getLogger(__name__)
SUFFIXES = (".yaml", ".yml", ".json", ".xlsx")
MAX_SHOWN = 25


# ---------------------------------------------------------------- reading files
def read_text(path: Path) -> tuple[str, str]:
    """The file's text and the encoding it was read with: UTF-8, else GB18030/UTF-16 (said so by the caller)."""
    data = read_bytes(Path(path), METRICS_LIMITS, what="metrics file")
    if not data.strip():
        raise InputError(
            "文件是空的 / the file is empty",
            path=str(path),
            hint="可用 `drafter metrics template -o 文件` 生成模板 / run `drafter metrics template -o FILE` for a template",
        )
    return decode_text(data, path)


def _parse_text(path: Path, text: str) -> Any:
    return parse_json(text, path) if path.suffix.lower() == ".json" else parse_yaml(text, path)


def _read_xlsx(path: Path) -> dict:
    """A workbook, after its size and its zip members' inflated sizes pass the metrics limits."""
    data = read_bytes(path, METRICS_LIMITS, what="metrics workbook")
    check_zip(path, METRICS_LIMITS, data=data, what=".xlsx workbook")
    return read_workbook(path, data)


_OLD_SHEET = (
    "旧版 Excel/WPS 表格：请在 Excel/WPS 中“另存为” .xlsx 后再试 / an old Excel or WPS sheet: “Save as” .xlsx in "
    "Excel/WPS and try again"
)
_A_REPORT = (
    "这是报告，不是数据文件：核对报告用 `drafter check 报告`，沿用去年的报告起草用 `drafter draft 数据.xlsx --from 报告 "
    "-o 目录` / a report is no metrics file: check it with `drafter check REPORT`, or draft from it with "
    "`drafter draft METRICS --from REPORT -o OUT`"
)
WRONG_SUFFIX_HINTS = {
    ".xls": _OLD_SHEET,
    ".et": _OLD_SHEET,
    ".csv": "请把各列复制到 `drafter metrics template -o 数据.xlsx` 生成的模板中 / copy the columns into the template "
    "`drafter metrics template -o FILE.xlsx` writes",
    **dict.fromkeys((".docx", ".doc", ".wps", ".pdf", ".html", ".htm", ".md", ".txt"), _A_REPORT),
}


def read_raw(path: Path, *, log_notes: bool = True) -> tuple[dict, str]:
    """The file as plain data (dict) and the encoding it was read with ("xlsx" for workbooks). How it was
    read (not UTF-8, a percent-formatted cell) is logged unless `log_notes` is False (read again)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if path.is_dir():
        raise _folder_error(path)
    if suffix not in SUFFIXES:
        raise InputError(
            f"未知的文件类型 / unknown file type {suffix or '(none)'!r}",
            path=str(path),
            hint=WRONG_SUFFIX_HINTS.get(
                suffix,
                "请用 .yaml .yml .json 或 .xlsx 数据文件 / use a .yaml, .yml, .json or .xlsx metrics file",
            ),
        )
    if suffix == ".xlsx":
        data = _read_xlsx(path)
        notes = data.pop("_notes", [])
        for note in notes if log_notes else ():
            log.warning("%s: %s", path, note)
        return data, "xlsx"
    text, encoding = read_text(path)
    if encoding != "utf-8" and log_notes:
        log.warning("%s: %s", path, TEXT_NOTES[encoding])
    data = _parse_text(path, text)
    for note in _comments_in_labels(text) if log_notes and suffix != ".json" else ():
        log.warning("%s: %s", path, note)
    if data is None:
        raise InputError(
            "文件中没有数据 / the file holds no data",
            path=str(path),
            hint="请添加 report: 和 metrics: 两部分 / add report: and metrics: sections",
        )
    if not isinstance(data, dict):
        raise InputError(
            "最外层须包含 report: 和 metrics: / the top level must be a mapping with report: and metrics:",
            path=str(path),
            hint="参见 / see examples/yangquan-2021.yaml",
        )
    if suffix != ".json":
        data["_lines"] = yaml_lines(text)  # problems say the line, as a workbook's say the cell
    return data, encoding


def _folder_error(path: Path) -> InputError:
    drafted = (path / "draft.json").is_file()
    return InputError(
        "这是文件夹，不是数据文件 / is a folder, not a metrics file"
        + ("（这是 drafter draft 的输出文件夹 / the output folder of drafter draft）" if drafted else ""),
        path=str(path),
        hint="请给出数据文件本身（.yaml .yml .json 或 .xlsx），例如 -m 数据/丰乐县.yaml；一个装有数据文件的文件夹"
        "只在核对一批报告时按地区匹配 / give the metrics file itself (.yaml, .json or .xlsx), e.g. the one "
        "drafter draft was given; a folder of metrics files is only for checking a folder of reports",
    )


# label: 普通中学 #高中 招生数 — YAML reads " #高中 招生数" as a comment: the label is 普通中学
_COMMENTED_LABEL = re.compile(r"(?m)^\s*-?\s*label:\s*([^\"'\s#][^\n#]*?)\s+#(\S[^\n]*)$")


def _comments_in_labels(text: str) -> list[str]:
    """A note for each unquoted label that YAML cuts at its ' #' (a yearbook's part mark)."""
    return [
        f"第{text.count(chr(10), 0, m.start()) + 1}行 label 中“ #{m.group(2)}”被 YAML 当作注释，标签只剩“{m.group(1)}”"
        f" → 给标签加引号：label: \"{m.group(1)} #{m.group(2)}\" / quote the label: YAML reads ' #' as a comment"
        for m in _COMMENTED_LABEL.finditer(text)
    ]


def default_taxonomy() -> Taxonomy:
    return load_taxonomy(Settings.from_env().knowledge_dir / "taxonomy.yaml")


# ---------------------------------------------------------------- public
def validate_file(
    path: Path, taxonomy: Taxonomy | None = None, *, for_checking: bool = False, log_notes: bool = True
) -> list[str]:
    """Every problem of a metrics file, one line each; [] when it is good (`for_checking`: as `load_source`;
    `log_notes`: as `read_raw`, False when the file is read again)."""
    try:
        data, _ = read_raw(Path(path), log_notes=log_notes)
    except InputError as exc:
        return list(getattr(exc, "problems", None) or [exc.render()])
    if for_checking:
        _defaults_for_checking(data)
    return check(data, Path(path), taxonomy or default_taxonomy())[1]


def load_source(
    path: Path, taxonomy: Taxonomy | None = None, *, log_warnings: bool = True, for_checking: bool = False
) -> SourceData:
    """Read and validate a metrics file; raise one InputError listing every problem. Warnings (an unknown
    indicator, data that disagree with themselves) are logged unless the caller prints them itself
    (`source_warnings` returns them). `for_checking`: the data only check a report, and what only a draft needs
    may be left out (`_defaults_for_checking`)."""
    path = Path(path)
    taxonomy = taxonomy or default_taxonomy()
    data, _ = read_raw(path, log_notes=log_warnings)
    if for_checking:
        _defaults_for_checking(data)
    model, problems = check(data, path, taxonomy)
    if problems or model is None:
        raise InputError(
            summarize(problems, path),
            hint=f"请逐项修改后运行 / fix them, then run `drafter metrics validate {path}`",
        )
    source = to_source(model, path)
    for line in warnings(source, taxonomy, str(path)) if log_warnings else ():
        log.warning("%s", line)
    return source


def _defaults_for_checking(data: Any) -> None:
    """A reviewer's data for checking a county's report need not say who issues the report nor the round it is
    written in (new-user trial: `report.issuer` and `report.round` were demanded): the issuer is the region's
    people's government, and the round the year after the assessed one, as in nearly every report."""
    report = data.get("report") if isinstance(data, dict) else None
    if not isinstance(report, dict):
        return  # (the missing report itself is said as before)
    region = report.get("region")
    if report.get("issuer") in (None, "") and isinstance(region, str) and region.strip():
        report["issuer"] = f"{region.strip()}人民政府"
    try:
        period = int(str(report.get("period")).strip())
    except ValueError:
        return  # (a missing or wrong period is said as before)
    if report.get("round") in (None, ""):
        report["round"] = period + 1


def source_warnings(source: SourceData, taxonomy: Taxonomy | None = None) -> list[str]:
    """What is valid but suspicious in the data: unknown indicators, a budget below one of its parts,
    a stated growth the two values contradict."""
    return warnings(source, taxonomy or default_taxonomy())


def summarize(problems: list[str], path: Path) -> str:
    shown = problems[:MAX_SHOWN]
    more = (
        f"\n  … 另有 {len(problems) - MAX_SHOWN} 个 / and {len(problems) - MAX_SHOWN} more"
        if len(problems) > MAX_SHOWN
        else ""
    )
    return (
        f"{path} 中有 {len(problems)} 个问题 / {len(problems)} problem(s) in {path}:\n"
        + "\n".join(f"  - {p}" for p in shown)
        + more
    )


def _facts(model: FileModel) -> dict[str, tuple[str, ...]]:
    """Facts per indicator, and the top-level `self_check` list as the facts of that report part (so every
    reader of the user's statements, the checker included, sees them)."""
    facts = {code: tuple(items) for code, items in model.facts.items()}
    if model.self_check:
        facts["self_check"] = (*facts.get("self_check", ()), *model.self_check)
    return facts


def to_source(model: FileModel, path: Path) -> SourceData:
    metrics = tuple(
        Metric(
            key=m.key,
            label=m.label,
            unit=people_unit(m.unit, m.label),
            values=dict(sorted(m.values.items())),
            note=m.note,
            target=Target(m.target.value, m.target.relation, m.target.label) if m.target else None,
        )
        for m in model.metrics
    )
    return SourceData(
        report=ReportInfo(**model.report.model_dump()),
        metrics=metrics,
        facts=_facts(model),
        rectification=tuple(model.rectification),
        problems=tuple(model.problems),
        plans=tuple(model.plans),
        experiences=tuple(model.experiences),
        path=str(path),
    )
