"""The Excel template staff fill in: its layout (sheets, columns, notes) and the writer, with drop-downs from the taxonomy.

`source.xlsx` reads a filled-in copy back with the same layout constants.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from drafter.core.files import write_bytes_atomic
from drafter.core.taxonomy import Taxonomy
from drafter.source.template_years import data_years

REPORT, METRICS, FACTS, LISTS = "报告信息", "指标数据", "定性事实", "_lists"
TEXT_SHEETS = {
    "整改情况": "rectification",
    "存在问题": "problems",
    "改进措施": "plans",
    "经验做法": "experiences",
    "自查情况": "self_check",
}
REQUIRED = (REPORT, METRICS)
# (key, 字段 as printed, 说明) — the report sheet, one row per field
REPORT_FIELDS = (
    ("region", "地区", "必填：如 阳泉市"),
    ("level", "层级", "必填：province 省级 / city 市级 / county 县级"),
    ("round", "评价年度", "必填：报告撰写的年份（评价轮次），如 2022"),
    ("period", "自评年度", "必填：被评价的年度，如 2021，不晚于评价年度"),
    ("issuer", "发文机关", "必填：如 阳泉市人民政府"),
    ("date", "成文日期", "可选：如 2022-03-20"),
    ("basis", "评价依据", "可选：《…评价方案》（文号）"),
    ("addressee", "主送机关", "可选：如 山西省人民政府教育督导委员会办公室"),
    ("doc_number", "文号", "可选：本报告文号，如 阳政办函〔2021〕174号"),
    ("issuer_mark", "发文机关标志", "可选：版头的发文机关名称，须与发文机关一致（可加“文件”）"),
    ("signer", "签发人", "可选：上行文（有文号、不是函）版头右侧的签发人姓名"),
    ("superior", "上级政府", "可选：评价本地区的上级政府所在地区，如 山西省；不填主送机关时据此写主送机关"),
)
LEVEL_NAMES = {"province": "省级", "city": "市级", "county": "县级"}  # the 层级 drop-down: county（县级）
METRIC_HEAD = ("indicator", "key", "label", "unit")
METRIC_TAIL = ("target", "relation", "note")
HEADERS = {
    "indicator": "指标领域",
    "key": "指标键",
    "label": "指标名称",
    "unit": "单位",
    "target": "目标值",
    "relation": "关系",
    "note": "备注",
    "statement": "事实表述",
    "text": "内容",
}
NOTES = {
    REPORT: "报告基本信息：在“值”一列填写，必填项不能为空。",
    METRICS: "每行一个指标：先选指标领域和指标键（下拉），填写名称、单位和各年份数值（单位按报告原文，如 亿元、%、所）；"
    "目标值和关系可选（如 90 与 >=）。年份表头可改成其他年份。",
    FACTS: "定性事实：每行一条，选择所属指标领域，照录原文句子，其中的数字视为有来源。草稿中的【待补充：…】"
    "即需在此补充的内容，如 party：本年度专题研究教育工作的会议（名称、次数）、出台的文件（名称、文号）；"
    "其他领域：本年度的主要举措、项目和文件。",
    "自查情况": "自查自评的组织方式，每行一条：牵头单位、参与部门、对照的指标项数、公示等（填写后草稿不再留空）。",
    "整改情况": "上一轮评价反馈问题及整改情况，每行一条，写成“问题：整改情况”，如 大班额现象严重：新建学校3所，起始班额控制在55人以内。",
    "存在问题": "存在的问题和不足，每行一条（可不填，系统据指标生成）。",
    "改进措施": "下一步工作打算 / 改进措施，每行一条。",
    "经验做法": "经验做法和特色亮点，每行一条（可选）。",
}
NOTE_ROW, HEADER_ROW, FIRST_ROW = 1, 2, 3


def _style_header(ws: Any, columns: int, widths: tuple[int, ...]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws.cell(NOTE_ROW, 1).font = Font(italic=True, color="666666")
    ws.cell(NOTE_ROW, 1).alignment = Alignment(wrap_text=True, vertical="top")
    for col in range(1, columns + 1):
        cell = ws.cell(HEADER_ROW, col)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="305496")
        cell.alignment = Alignment(horizontal="center")
        ws.column_dimensions[get_column_letter(col)].width = widths[min(col - 1, len(widths) - 1)]
    ws.freeze_panes = ws.cell(FIRST_ROW, 1)


def _sheet(wb: Any, title: str, header: list[str], widths: tuple[int, ...]) -> Any:
    ws = wb.create_sheet(title)
    ws.cell(NOTE_ROW, 1, NOTES[title])
    if len(header) > 1:  # the note row may be merged: it is above the data area
        ws.merge_cells(start_row=NOTE_ROW, start_column=1, end_row=NOTE_ROW, end_column=len(header))
    ws.row_dimensions[NOTE_ROW].height = 36
    for col, text in enumerate(header, 1):
        ws.cell(HEADER_ROW, col, text)
    _style_header(ws, len(header), widths)
    return ws


def _list_validation(ws: Any, formula: str, cells: str) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    dv = DataValidation(type="list", formula1=formula, allow_blank=True, showErrorMessage=False)
    ws.add_data_validation(dv)
    dv.add(cells)


def _lists_sheet(wb: Any, taxonomy: Taxonomy) -> tuple[str, str]:
    ws = wb.create_sheet(LISTS)
    keys = [key_choice(m.key, m.label) for i in taxonomy.indicators for m in i.metrics]
    for row, code in enumerate(taxonomy.codes, 1):
        ws.cell(
            row, 1, key_choice(code, taxonomy.indicator(code).name)
        )  # party（党的领导）: read back as party
        ws.cell(row, 2, taxonomy.indicator(code).name)
    for row, key in enumerate(keys, 1):
        ws.cell(row, 3, key)
    ws.sheet_state = "hidden"
    return f"'{LISTS}'!$A$1:$A${len(taxonomy.codes)}", f"'{LISTS}'!$C$1:$C${max(len(keys), 1)}"


def key_choice(key: str, label: str) -> str:
    """A key as the drop-down shows it, with its Chinese name: fund.general_budget_edu（一般公共预算教育支出）, an
    indicator party（党的领导）, a level county（县级）; `source.xlsx` reads the key back from it (and a metric's name,
    when the 指标名称 cell is empty)."""
    return f"{key}（{label}）" if label else key


def _report_sheet(wb: Any) -> None:
    ws = _sheet(wb, REPORT, ["字段", "值", "说明"], (16, 44, 60))
    for row, (key, name, note) in enumerate(REPORT_FIELDS, FIRST_ROW):
        ws.cell(row, 1, f"{name} {key}")
        ws.cell(row, 3, note)
    levels = ",".join(key_choice(level, name) for level, name in LEVEL_NAMES.items())
    _list_validation(ws, f'"{levels}"', f"B{FIRST_ROW + 1}")


def _metrics_sheet(wb: Any, codes: str, keys: str, years: tuple[int, ...]) -> None:
    header = (
        [f"{HEADERS[c]} {c}" for c in METRIC_HEAD]
        + [str(y) for y in years]
        + [f"{HEADERS[c]} {c}" for c in METRIC_TAIL]
    )
    ws = _sheet(wb, METRICS, header, (14, 48, 30, 8) + (11,) * len(years) + (10, 8, 30))
    _list_validation(ws, codes, "A3:A500")
    _list_validation(ws, keys, "B3:B500")
    relation_col = ws.cell(HEADER_ROW, len(header) - 1).column_letter
    _list_validation(ws, '">=,>,<=,<,等于"', f"{relation_col}3:{relation_col}500")


def write_template(path: Path, taxonomy: Taxonomy, round_year: int | None = None) -> None:
    """Write the fill-in workbook: report info, metrics, facts and the text sheets, with drop-downs; its year
    columns end with the assessed year of `round_year` (this year by default), as the YAML template's do."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    _report_sheet(wb)
    codes, keys = _lists_sheet(wb, taxonomy)
    _metrics_sheet(wb, codes, keys, data_years(round_year))
    facts = _sheet(
        wb, FACTS, [f"{HEADERS['indicator']} indicator", f"{HEADERS['statement']} statement"], (16, 90)
    )
    _list_validation(facts, codes, "A3:A500")
    for title in TEXT_SHEETS:
        _sheet(wb, title, [f"{HEADERS['text']} text"], (100,))
    wb.move_sheet(LISTS, offset=len(wb.sheetnames))
    buffer = io.BytesIO()
    wb.save(buffer)
    write_bytes_atomic(Path(path), buffer.getvalue())
