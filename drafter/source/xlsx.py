"""Read a filled-in Excel template back as plain data (the same dict shape as a metrics.yaml).

openpyxl's reading side stays inside this module (the writing side in `xlsx_template`). `read_workbook`
returns the metrics-file dict plus an `_origin` map (key path -> sheet!cell) so that problems found later
can name the cell. The layout constants and `write_template` are `xlsx_template`'s.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path
from typing import Any

from drafter.core.cn_dates import cn_year
from drafter.core.errors import InputError
from drafter.source.xlsx_template import (
    FACTS,
    FIRST_ROW,
    HEADER_ROW,
    HEADERS,
    LISTS,
    METRIC_HEAD,
    METRIC_TAIL,
    METRICS,
    REPORT,
    REPORT_FIELDS,
    REQUIRED,
    TEXT_SHEETS,
)

MAX_ROWS = 5_000  # a metrics workbook holds a few hundred rows
MAX_COLUMNS = 200


def _cell_text(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    return "" if value is None else str(value).strip()


def _open(path: Path, content: bytes | None) -> Any:
    """The workbook; any failure inside openpyxl on a damaged file is the file's fault, said in one line."""
    from openpyxl import load_workbook

    try:
        return load_workbook(io.BytesIO(content) if content is not None else path, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises a dozen kinds on damaged XML; all mean the same
        raise _unreadable(path, exc) from None


def _unreadable(path: Path, exc: BaseException) -> InputError:
    reason = " ".join(str(exc).split())[:120]
    return InputError(
        f"无法读取的 .xlsx 工作簿 / not a readable .xlsx workbook ({type(exc).__name__}: {reason})",
        path=str(path),
        hint="请在 Excel/WPS 中另存为 .xlsx，或从 `drafter metrics template -o 文件.xlsx` 的模板开始 / save it from Excel/WPS as .xlsx, or start from `drafter metrics template -o FILE.xlsx`",
    )


def _size_problems(ws: Any, path: Path) -> list[str]:
    """A sheet used far beyond a metrics workbook's size (a stray cell at row 1,048,576): refused before
    its empty rows are walked."""
    if ws.max_row <= MAX_ROWS and ws.max_column <= MAX_COLUMNS:
        return []
    return [
        f"{path}: {ws.title}: holds cells down to row {ws.max_row}, column {ws.max_column} "
        f"(a metrics workbook has at most {MAX_ROWS} rows and {MAX_COLUMNS} columns) "
        "→ delete the rows and columns below and right of your data"
    ]


def _value(raw: Any) -> Any:
    if isinstance(raw, float) and raw.is_integer():
        return int(raw)
    if isinstance(raw, str):
        return raw.strip() or None
    return raw


_LITERAL = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')  # quoted text, an escaped character, [Red] / [$-804]


def _percent_format(cell: Any) -> bool:
    """A number shown as a percentage (`0.0%`): Excel stores 86.5% as 0.865. A literal `"%"` or `\\%`
    in the format only prints the sign after the number as typed."""
    number = isinstance(cell.value, int | float) and not isinstance(cell.value, bool)
    return number and "%" in _LITERAL.sub("", str(cell.number_format or ""))


def _column(text: str, names: tuple[str, ...]) -> str:
    """The field a header cell names: by its English code or its Chinese name; "" if neither."""
    tokens = text.replace("（", " ").replace("(", " ").replace(")", " ").replace("）", " ").split()
    return next((n for n in names if n in tokens or (HEADERS.get(n) and HEADERS[n] in text)), "")


def _merged_problems(ws: Any, path: Path, header: int = HEADER_ROW) -> list[str]:
    return [
        f"{path}: {ws.title}!{rng.coord}: 数据区有合并单元格 / merged cells in the data area → 请取消合并 / unmerge them (one value per cell)"
        for rng in ws.merged_cells.ranges
        if rng.max_row >= header
    ]


def _header_row(ws: Any) -> int:
    """The metrics sheet's header row: the template's, or the first of the top rows with a 指标键 key cell — a row
    staff insert above it to group columns (各年数值 merged over 2020 … 2025) is a title, not the header."""
    for row in range(1, min(ws.max_row, HEADER_ROW + 3) + 1):
        texts = [_cell_text(c.value) for c in ws[row]]
        if any(len(t) <= 20 and _column(t, ("key",)) for t in texts):  # not the long note of row 1
            return row
    return HEADER_ROW


def _year_header(text: str) -> int | None:
    spelled = cn_year(text)  # 二〇二一年, as a 公文's table prints it
    text = str(spelled) if spelled else text.removesuffix("年").strip()
    return int(text) if text.isdigit() and 1990 <= int(text) <= 2100 else None


def _metric_columns(ws: Any, path: Path, problems: list[str], header: int) -> dict[int, Any]:
    """Column index -> field name or year, from the header row; renamed headers become problems."""
    columns: dict[int, Any] = {}
    for cell in ws[header]:
        text = _cell_text(cell.value)
        field = _year_header(text) or _column(text, METRIC_HEAD + METRIC_TAIL)
        if field:
            columns[cell.column] = field
        elif text:
            expected = ", ".join(f"{HEADERS[c]} {c}" for c in METRIC_HEAD + METRIC_TAIL)
            problems.append(
                f"{path}: {ws.title}!{cell.coordinate}: 未知列标题 / unknown column header {text!r} "
                f"→ use a year (e.g. 2021) or one of: {expected}"
            )
    for need in ("key", "label", "unit"):
        if need not in columns.values():
            problems.append(
                f"{path}: {ws.title}!row {header}: 标题行缺少「{HEADERS[need]}」列 / no {HEADERS[need]} {need} column in the header row "
                f"→ restore it from `drafter metrics template`"
            )
    return columns


def _percent_cells(metric: dict, percent: dict[Any, Any], notes: list[str]) -> None:
    """Percent-formatted numbers: ×100 when the metric's unit is %, else kept as typed and said so."""
    if not percent:
        return
    if str(metric.get("unit") or "").strip() in ("%", "％"):
        for field, cell in percent.items():
            scaled = _value(round(cell.value * 100, 10))
            if isinstance(field, int):
                metric["values"][field] = scaled
            else:
                metric[field] = scaled
        return
    cells = ", ".join(f"{METRICS}!{cell.coordinate}" for cell in percent.values())
    notes.append(
        f"{cells}: 单元格为百分比格式，但单位是 {metric.get('unit') or '(空)'}，按原值读取 / formatted as a "
        f"percentage but the unit is {metric.get('unit') or '(none)'}: read as typed "
        f"({', '.join(repr(c.value) for c in percent.values())}) → set the unit to % or the cell format to a number"
    )


def _metric_row(
    cells: tuple[Any, ...], columns: dict[int, Any], where: str, origin: dict[str, str], notes: list[str]
) -> dict:
    metric: dict[str, Any] = {"values": {}}
    percent: dict[Any, Any] = {}
    for cell in cells:
        field, value = columns.get(cell.column), _value(cell.value)
        if isinstance(field, str):  # an empty required cell is named too (指标数据!D3, not "row 3")
            origin[f"{where}.{field}"] = f"{METRICS}!{cell.coordinate}"
        if field is None or value is None:
            continue
        if isinstance(field, int):
            metric["values"][field] = value
            origin[f"{where}.values.{field}"] = f"{METRICS}!{cell.coordinate}"
        else:
            metric[field] = value
        if (isinstance(field, int) or field == "target") and _percent_format(cell):
            percent[field] = cell
    _percent_cells(metric, percent, notes)
    _split_key_choice(metric)
    indicator = code_of(str(metric.pop("indicator", "") or ""))
    if indicator and isinstance(metric.get("key"), str) and "." not in metric["key"]:
        metric["key"] = f"{indicator}.{metric['key']}"
    if "target" in metric or "relation" in metric:
        target = {"value": metric.pop("target", None), "relation": metric.pop("relation", ">=")}
        metric["target"] = {k: v for k, v in target.items() if v is not None}
    return metric


_KEY_CHOICE = re.compile(r"\s*([A-Za-z0-9_.]+)\s*[（(]\s*(.*?)\s*[）)]\s*")


def code_of(text: str) -> str:
    """The code of a drop-down choice (party（党的领导） → party, county（县级） → county); other text as it is."""
    found = _KEY_CHOICE.fullmatch(text)
    return found.group(1) if found else text


def _split_key_choice(metric: dict) -> None:
    """A key picked from the drop-down, fund.general_budget_edu（一般公共预算教育支出）: the key, and the name
    as the label when the 指标名称 cell is empty."""
    found = _KEY_CHOICE.fullmatch(metric["key"]) if isinstance(metric.get("key"), str) else None
    if found:
        metric["key"] = found.group(1)
        if found.group(2) and not str(metric.get("label") or "").strip():
            metric["label"] = found.group(2)


def _read_metrics(
    ws: Any, path: Path, problems: list[str], origin: dict[str, str], notes: list[str]
) -> list[dict]:
    header = _header_row(ws)
    columns, metrics = _metric_columns(ws, path, problems, header), []
    for cells in ws.iter_rows(min_row=header + 1):
        if all(_value(c.value) is None for c in cells):
            continue
        where = f"metrics[{len(metrics)}]"
        origin[where] = f"{METRICS}!row {cells[0].row}"
        metrics.append(_metric_row(cells, columns, where, origin, notes))
    return metrics


def _report_key(text: str) -> str:
    """The report field a 字段 cell names: its English key, or its Chinese name as the first word."""
    words = text.split()
    by_key = next((key for key, _, _ in REPORT_FIELDS if key in words), "")
    return by_key or next((key for key, name, _ in REPORT_FIELDS if words and words[0] == name), "")


def _read_report(ws: Any, path: Path, problems: list[str], origin: dict[str, str]) -> dict:
    report: dict[str, Any] = {}
    for row in range(FIRST_ROW, ws.max_row + 1):
        label, value = _cell_text(ws.cell(row, 1).value), _value(ws.cell(row, 2).value)
        key = _report_key(label)
        if label and not key:
            problems.append(
                f"{path}: {REPORT}!A{row}: 未知字段 / unknown field {label!r} → use one of: "
                + ", ".join(f"{name} {k}" for k, name, _ in REPORT_FIELDS)
            )
        elif key and value is not None:
            report[key] = code_of(value) if key == "level" and isinstance(value, str) else value
        if key:
            origin[f"report.{key}"] = f"{REPORT}!B{row}"
    return report


def _read_facts(ws: Any, origin: dict[str, str]) -> dict[str, list[str]]:
    facts: dict[str, list[str]] = {}
    for row in range(FIRST_ROW, ws.max_row + 1):
        code, text = code_of(_cell_text(ws.cell(row, 1).value)), _cell_text(ws.cell(row, 2).value)
        if not code and not text:
            continue
        origin.setdefault(f"facts.{code}", f"{FACTS}!A{row}")
        origin[f"facts.{code}[{len(facts.get(code, []))}]"] = f"{FACTS}!B{row}"
        facts.setdefault(code, []).append(text)
    return facts


def _read_texts(ws: Any, name: str, origin: dict[str, str]) -> list[str]:
    texts = []
    for row in range(FIRST_ROW, ws.max_row + 1):
        text = _cell_text(ws.cell(row, 1).value)
        if text:
            origin[f"{name}[{len(texts)}]"] = f"{ws.title}!A{row}"
            texts.append(text)
    return texts


def read_workbook(path: Path, content: bytes | None = None) -> dict:
    """The workbook (read from `content` when given) as metrics-file data (plus `_origin`, and `_notes`:
    cells read in a way the user should hear about); structural problems raise one InputError."""
    wb, problems, origin, notes = _open(path, content), [], {}, []
    problems += [p for ws in wb.worksheets if ws.title != LISTS for p in _size_problems(ws, path)]
    if problems:
        raise _problems_error(problems, path)
    problems += [
        f"{path}: 缺少工作表 / sheet {name!r} is missing → sheets needed: {', '.join(REQUIRED)} "
        f"(see `drafter metrics template`)"
        for name in REQUIRED
        if name not in wb.sheetnames
    ]
    for ws in wb.worksheets:
        header = _header_row(ws) if ws.title == METRICS else HEADER_ROW
        problems += _merged_problems(ws, path, header) if ws.title != LISTS else []
    data: dict[str, Any] = {}
    if REPORT in wb.sheetnames:
        data["report"] = _read_report(wb[REPORT], path, problems, origin)
    if METRICS in wb.sheetnames:
        data["metrics"] = _read_metrics(wb[METRICS], path, problems, origin, notes)
    if FACTS in wb.sheetnames:
        data["facts"] = _read_facts(wb[FACTS], origin)
    for title, name in TEXT_SHEETS.items():
        data[name] = _read_texts(wb[title], name, origin) if title in wb.sheetnames else []
    if problems:
        raise _problems_error(problems, path)
    return {**data, "_origin": origin, "_notes": notes}


def _problems_error(problems: list[str], path: Path) -> InputError:
    error = InputError(
        f"{path} 中有 {len(problems)} 个问题 / {len(problems)} problem(s) in {path}:\n"
        + "\n".join(f"  - {p}" for p in problems),
        hint="请修正工作簿的格式，或把数字复制到新模板中 / fix the workbook's layout, or copy your figures into a fresh template",
    )
    error.problems = problems  # type: ignore[attr-defined]  # validate_file lists them one by one
    return error
