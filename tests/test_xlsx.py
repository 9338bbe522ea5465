"""drafter.source.xlsx: the Excel template round-trips into SourceData; layout damage is named by sheet and cell."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from test_metrics import TAXONOMY

from drafter.core.errors import InputError
from drafter.source.load import load_source, validate_file
from drafter.source.xlsx import read_workbook
from drafter.source.xlsx_template import FACTS as FACTS_SHEET
from drafter.source.xlsx_template import METRICS, REPORT, write_template


@pytest.fixture
def template(tmp_path: Path) -> Path:
    path = tmp_path / "t.xlsx"
    write_template(path, TAXONOMY, round_year=2025)  # year columns 2019 … 2024
    return path


def fill(path: Path, *, level: str = "city", extra_rows: tuple = ()) -> None:
    wb = openpyxl.load_workbook(path)
    report = wb[REPORT]
    values = [
        "阳泉市",
        level,
        2022,
        2021,
        "阳泉市人民政府",
        dt.datetime(2022, 3, 20),
        "《评价方案》",
        "省督导办",
    ]
    for row, value in enumerate(values, 3):
        report.cell(row, 2, value)
    metrics = wb[METRICS]
    # indicator, key, label, unit, 2019 … 2024, target, relation, note
    metrics.append(["fund", "fund.general_budget_edu", "一般公共预算教育支出", "亿元", 21.0, 21.09])
    metrics.append(
        [
            "preschool",
            "gross_enrolment_rate",
            "学前三年毛入园率",
            "%",
            None,
            None,
            90.5,
            91.2,
            None,
            None,
            90,
            ">=",
            "省定标准",
        ]
    )
    metrics.append([])  # a blank row in between is skipped
    metrics.append(["compulsory", "compulsory.large_class_count", "56人以上大班额", "个", None, None, 0])
    for row in extra_rows:
        metrics.append(list(row))
    wb["定性事实"].append(["party", "市委常委会专题研究教育工作4次"])
    wb["整改情况"].append(["上一轮问题已整改"])
    wb["存在问题"].append(["农村学校点多面散"])
    wb["改进措施"].append(["加大教育投入"])
    wb.save(path)


def test_template_has_the_sheets_headers_and_drop_downs(template):
    wb = openpyxl.load_workbook(template)
    assert wb.sheetnames[:7] == [
        "报告信息",
        "指标数据",
        "定性事实",
        "整改情况",
        "存在问题",
        "改进措施",
        "经验做法",
    ]
    assert wb["_lists"].sheet_state == "hidden"
    metrics = wb[METRICS]
    header = [c.value for c in metrics[2]]
    assert header[:4] == ["指标领域 indicator", "指标键 key", "指标名称 label", "单位 unit"]
    assert header[4:10] == ["2019", "2020", "2021", "2022", "2023", "2024"] and "目标值 target" in header
    assert metrics.freeze_panes == "A3" and "每行一个指标" in metrics["A1"].value
    ranges = {str(dv.sqref): dv.formula1 for dv in metrics.data_validations.dataValidation}
    assert ranges["A3:A500"] == "'_lists'!$A$1:$A$4" and ranges["B3:B500"] == "'_lists'!$C$1:$C$1"
    assert [c.value for c in wb["_lists"]["A"]] == [
        "fund（经费保障）",
        "preschool（学前教育）",
        "party（党的领导）",
        "compulsory（义务教育）",
    ]  # a new user's trial: the drop-down offered bare codes (rectify, party, moral …) to a clerk
    levels = {str(dv.sqref): dv.formula1 for dv in wb[REPORT].data_validations.dataValidation}["B4"]
    assert levels == '"province（省级）,city（市级）,county（县级）"'
    assert wb["_lists"]["C1"].value == "fund.general_budget_edu（一般公共预算教育支出）"
    assert [wb[REPORT].cell(r, 1).value for r in (3, 4)] == ["地区 region", "层级 level"]


def test_the_drop_downs_choices_are_read_back_as_codes(template):
    """party（党的领导） in 指标领域 and 定性事实, county（县级） in 层级: what the drop-downs put in the cells."""
    fill(template, level="city（市级）")
    wb = openpyxl.load_workbook(template)
    wb[METRICS]["A3"] = "fund（经费保障）"
    wb[METRICS].append(
        ["preschool（学前教育）", "public_share", "公办幼儿园在园幼儿占比", "%", None, None, 53.0]
    )
    wb["定性事实"].append(["party（党的领导）", "市政府常务会议研究教育工作3次"])
    wb.save(template)
    source = load_source(template, TAXONOMY)
    assert source.report.level == "city"
    assert "preschool.public_share" in [m.key for m in source.metrics]
    assert "市政府常务会议研究教育工作3次" in source.facts["party"]
    assert not [code for code in source.facts if "（" in code]


def test_filled_template_round_trips_into_source_data(template):
    fill(template)
    source = load_source(template, TAXONOMY)
    assert source.report.region == "阳泉市" and source.report.round == 2022 and source.report.period == 2021
    assert source.report.date == dt.date(2022, 3, 20) and source.report.addressee == "省督导办"
    assert [m.key for m in source.metrics] == [
        "fund.general_budget_edu",
        "preschool.gross_enrolment_rate",
        "compulsory.large_class_count",
    ]
    assert dict(source.metrics[0].values) == {2019: 21.0, 2020: 21.09}
    rate = source.metrics[1]
    assert (
        dict(rate.values) == {2021: 90.5, 2022: 91.2} and rate.target.value == 90 and rate.note == "省定标准"
    )
    assert dict(source.metrics[2].values) == {2021: 0}
    assert source.facts == {"party": ("市委常委会专题研究教育工作4次",)}
    assert source.rectification == ("上一轮问题已整改",) and source.problems == ("农村学校点多面散",)
    assert source.plans == ("加大教育投入",) and source.experiences == ()


def test_value_problems_name_the_cell(template):
    fill(template, level="town", extra_rows=[("fund", "fund.x", "x", "亿元", None, "12,0o0")])
    problems = validate_file(template, TAXONOMY)
    assert any("report.level (报告信息!B4)" in p and "province, city or county" in p for p in problems)
    assert any("metrics[3].values.2020 (指标数据!F7)" in p and "is not a number" in p for p in problems)


def test_an_empty_required_cell_is_named_by_its_cell(template):
    """A trial: a metric row with no 单位 was "metrics[3].unit (指标数据!row 7)"; every other problem names its cell."""
    fill(template, extra_rows=[("fund", "fund.x", "x", None, None, 12)])
    problems = validate_file(template, TAXONOMY)
    assert any("metrics[3].unit (指标数据!D7)" in p and "required field is missing" in p for p in problems)


def test_a_changed_year_header_is_read_as_that_year(template):
    fill(template)
    wb = openpyxl.load_workbook(template)
    wb[METRICS]["J2"] = "2025年"
    wb[METRICS]["J3"] = 22.5
    wb.save(template)
    assert dict(load_source(template, TAXONOMY).metrics[0].values) == {2019: 21.0, 2020: 21.09, 2025: 22.5}


def test_a_group_row_merged_above_the_header_and_years_in_chinese_numerals_are_read(template):
    """Staff insert a row above the header to group the year columns (各年数值 merged over them) and type a year as
    the 公文 prints it: seven problems were listed ("unknown column header '各年数值'", merged cells, no 指标键 …)."""
    fill(template)
    wb = openpyxl.load_workbook(template)
    ws = wb[METRICS]
    ws["J2"] = "二〇二五年"
    ws["J3"] = 22.5
    ws.insert_rows(2)
    ws["A2"], ws["E2"] = "基本信息", "各年数值"
    ws.merge_cells("A2:D2")
    ws.merge_cells("E2:J2")
    wb.save(template)
    source = load_source(template, TAXONOMY)
    assert dict(source.metrics[0].values) == {2019: 21.0, 2020: 21.09, 2025: 22.5}
    assert [m.key for m in source.metrics][1:] == [
        "preschool.gross_enrolment_rate",
        "compulsory.large_class_count",
    ]
    ws.merge_cells("A5:B5")  # below the header a merged cell is still refused, by its cell
    wb.save(template)
    assert any("指标数据!A5:B5" in p and "merged cells" in p for p in validate_file(template, TAXONOMY))


@pytest.mark.parametrize(
    "damage, words",
    [
        (lambda wb: wb.remove(wb[METRICS]), "sheet '指标数据' is missing"),
        (lambda wb: wb.remove(wb[REPORT]), "sheet '报告信息' is missing"),
        (
            lambda wb: wb[METRICS].merge_cells("E3:F4"),
            "指标数据!E3:F4: 数据区有合并单元格 / merged cells in the data area",
        ),
        (lambda wb: wb[REPORT].merge_cells("B3:B4"), "报告信息!B3:B4: 数据区有合并单元格 / merged cells"),
        (
            lambda wb: wb[METRICS].__setitem__("D2", "计量"),
            "指标数据!D2: 未知列标题 / unknown column header '计量'",
        ),
        (lambda wb: wb[REPORT].__setitem__("A5", "年份"), "报告信息!A5: 未知字段 / unknown field '年份'"),
    ],
)
def test_layout_damage_is_named_by_sheet_and_cell(template, damage, words):
    fill(template)
    wb = openpyxl.load_workbook(template)
    damage(wb)
    wb.save(template)
    with pytest.raises(InputError) as info:
        read_workbook(template)
    assert words in info.value.message
    assert any(words in p for p in validate_file(template, TAXONOMY))


def test_a_merged_note_row_is_allowed(template):
    fill(template)
    wb = openpyxl.load_workbook(template)
    wb[FACTS_SHEET].unmerge_cells("A1:B1")
    wb[FACTS_SHEET].merge_cells("A1:B1")
    wb.save(template)
    assert len(load_source(template, TAXONOMY).metrics) == 3


def test_a_file_that_is_not_a_workbook(tmp_path):
    path = tmp_path / "fake.xlsx"
    path.write_text("not a zip", encoding="utf-8")
    with pytest.raises(InputError, match="not a readable .xlsx workbook"):
        load_source(path, TAXONOMY)


def test_signer_superior_and_self_check_round_trip(template):
    fill(template)
    wb = openpyxl.load_workbook(template)
    report = wb[REPORT]
    rows = {report.cell(r, 1).value: r for r in range(3, report.max_row + 1)}
    report.cell(rows["签发人 signer"], 2, "王某某")
    report.cell(rows["上级政府 superior"], 2, "山西省")
    wb["自查情况"].append(["由市政府教育督导委员会办公室牵头，会同34个部门开展自查自评"])
    wb.save(template)
    source = load_source(template, TAXONOMY)
    assert (source.report.signer, source.report.superior) == ("王某某", "山西省")
    assert source.self_check == ("由市政府教育督导委员会办公室牵头，会同34个部门开展自查自评",)
    assert "self_check" not in source.indicators()


def _percent_rows(template: Path, rows: list[tuple], formats: dict[str, str]) -> None:
    """The filled template with `rows` added, then `formats` (cell -> number format) applied by Excel's rule:
    86.5% is stored as 0.865."""
    fill(template, extra_rows=rows)
    wb = openpyxl.load_workbook(template)
    for coordinate, number_format in formats.items():
        wb[METRICS][coordinate].number_format = number_format
    wb.save(template)


def _metric(source, key: str):
    return next(m for m in source.metrics if m.key == key)


def test_a_percent_formatted_cell_of_a_percent_metric_is_read_times_100(template, caplog):
    coverage = ("preschool", "inclusive_coverage", "普惠性幼儿园覆盖率", "%", None, None, 0.865, 0.9)
    _percent_rows(template, [(*coverage, None, None, 0.8)], {"G7": "0.0%", "H7": "0%", "K7": "0%"})
    source = load_source(template, TAXONOMY)
    metric = _metric(source, "preschool.inclusive_coverage")
    assert (
        dict(metric.values) == {2021: 86.5, 2022: 90} and metric.target.value == 80
    )  # not 90.00000000000001
    assert "百分比" not in caplog.text


@pytest.mark.parametrize(
    "number_format",
    ["0.0", "General", '0.0"%"', "0.0\\%"],  # a literal "%" only prints the sign after the number as typed
)
def test_a_number_not_shown_as_a_fraction_is_read_as_typed(template, number_format):
    coverage = ("preschool", "inclusive_coverage", "普惠性幼儿园覆盖率", "%", None, None, 86.5)
    _percent_rows(template, [coverage], {"G7": number_format})
    assert dict(_metric(load_source(template, TAXONOMY), "preschool.inclusive_coverage").values) == {
        2021: 86.5
    }


def test_a_percent_formatted_cell_of_another_unit_is_kept_and_said(template, caplog):
    _percent_rows(template, [("fund", "fund.x", "某项支出", "亿元", None, None, 0.5)], {"G7": "0%"})
    assert dict(_metric(load_source(template, TAXONOMY), "fund.x").values) == {2021: 0.5}
    warning = [r.getMessage() for r in caplog.records if "百分比" in r.getMessage()]
    assert len(warning) == 1 and "指标数据!G7" in warning[0] and "亿元" in warning[0]
    assert "set the unit to %" in warning[0] and str(template) in warning[0]


def test_the_workbook_and_the_yaml_template_start_from_the_same_years(tmp_path, capsys):
    """The user's trial: the workbook's year columns stopped at 2024 while the YAML template assumed 2025."""
    import yaml

    from drafter.cli.main import run

    for name in ("m.xlsx", "m.yaml"):
        with pytest.raises(SystemExit) as done:
            run(["metrics", "template", "-o", str(tmp_path / name)])
        assert done.value.code == 0
    period = dt.date.today().year - 1
    header = [c.value for c in openpyxl.load_workbook(tmp_path / "m.xlsx")[METRICS][2]]
    years = [int(h) for h in header if str(h).isdigit()]
    assert years == list(range(period - 5, period + 1))
    report = yaml.safe_load((tmp_path / "m.yaml").read_text(encoding="utf-8"))["report"]
    assert report["period"] == period == years[-1] and report["round"] == period + 1


def test_a_key_picked_from_the_drop_down_shows_its_chinese_name_and_reads_back(template):
    wb = openpyxl.load_workbook(template)
    choices = [c.value for c in wb["_lists"]["C"] if c.value]
    ranges = {str(dv.sqref): dv.formula1 for dv in wb[METRICS].data_validations.dataValidation}
    assert ranges["B3:B500"] == f"'_lists'!$C$1:$C${len(choices)}"
    assert choices == ["fund.general_budget_edu（一般公共预算教育支出）"]
    fill(template)
    wb = openpyxl.load_workbook(template)
    wb[METRICS].append([None, "fund.fiscal_edu（国家财政性教育经费）", None, "亿元", None, None, 28.1])
    wb.save(template)
    source = load_source(template, TAXONOMY)
    picked = source.metric("fund.fiscal_edu")
    assert picked is not None and picked.label == "国家财政性教育经费" and dict(picked.values) == {2021: 28.1}
