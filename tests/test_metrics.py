"""drafter.source.load: loading YAML/JSON metrics files and naming every problem with its key path."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path

import pytest
import yaml

from drafter.core.errors import InputError
from drafter.core.taxonomy import parse_taxonomy
from drafter.source.load import load_source, source_warnings, validate_file
from drafter.source.schema import parse_number
from drafter.source.yaml_template import yaml_template

TAXONOMY = parse_taxonomy(
    {
        "parts": [{"id": "results", "kind": "results", "heading": "履行教育职责情况"}],
        "indicators": [
            {
                "code": "fund",
                "name": "经费保障",
                "heading": "h",
                "order": 1,
                "metrics": [
                    {"key": "fund.general_budget_edu", "label": "一般公共预算教育支出", "unit": "亿元"}
                ],
            },
            {"code": "preschool", "name": "学前教育", "heading": "h", "order": 2},
            {"code": "party", "name": "党的领导", "heading": "h", "order": 3},
            {"code": "compulsory", "name": "义务教育", "heading": "h", "order": 4},
        ],
    }
)

GOOD = {
    "report": {
        "region": "阳泉市",
        "level": "city",
        "round": 2022,
        "period": 2021,
        "issuer": "阳泉市人民政府办公室",
        "date": dt.date(2022, 3, 20),
        "basis": "《评价方案》",
        "addressee": "省督导办",
        "doc_number": "阳政办函〔2022〕1号",
        "issuer_mark": "阳泉市人民政府办公室",
    },
    "metrics": [
        {
            "key": "fund.general_budget_edu",
            "label": "一般公共预算教育支出",
            "unit": "亿元",
            "values": {2020: 21.09, 2019: 21.00},
        },
        {
            "key": "preschool.gross_enrolment_rate",
            "label": "学前三年毛入园率",
            "unit": "%",
            "values": {2021: 91.2},
            "target": {"value": 90, "relation": ">="},
        },
        {"key": "compulsory.large_class_count", "label": "56人以上大班额", "unit": "个", "values": {2021: 0}},
        {
            "key": "preschool.public_share",
            "label": "公办幼儿园在园幼儿占比",
            "unit": "%",
            "values": {2021: 53},
        },
    ],
    "facts": {"party": ["市委常委会专题研究教育工作4次"]},
    "rectification": ["整改一"],
    "problems": ["问题一"],
    "plans": ["措施一"],
    "experiences": ["经验一"],
}


def write_yaml(tmp_path: Path, data: dict, name: str = "m.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


DELETE = object()


def _key(node: object, part: str) -> object:
    if isinstance(node, list):
        return int(part)
    return int(part) if part.isdigit() and int(part) in node else part


def changed(path: str, value: object) -> dict:
    """GOOD with one value replaced (or deleted when value is DELETE); path like metrics.1.values.2021."""
    data = copy.deepcopy(GOOD)
    *parents, last = path.split(".")
    node = data
    for part in parents:
        node = node[_key(node, part)]
    if value is DELETE:
        del node[_key(node, last)]
    else:
        node[_key(node, last)] = value
    return data


def test_good_file_loads_into_source_data(tmp_path):
    source = load_source(write_yaml(tmp_path, GOOD), TAXONOMY)
    assert source.report.region == "阳泉市" and source.report.level == "city"
    assert source.report.date == dt.date(2022, 3, 20) and source.report.doc_number == "阳政办函〔2022〕1号"
    assert source.report.addressee == "省督导办" and source.report.issuer_mark == "阳泉市人民政府办公室"
    fund = source.metric("fund.general_budget_edu")
    assert dict(fund.values) == {2019: 21.0, 2020: 21.09} and list(fund.values) == [2019, 2020]
    rate = source.metric("preschool.gross_enrolment_rate")
    assert rate.target.value == 90 and rate.target.relation == ">="
    assert source.facts == {"party": ("市委常委会专题研究教育工作4次",)}
    assert source.experiences == ("经验一",) and source.plans == ("措施一",)
    assert source.indicators() == ("fund", "preschool", "compulsory", "party")
    assert validate_file(write_yaml(tmp_path, GOOD), TAXONOMY) == []


def test_json_loads_like_yaml(tmp_path):
    data = json.loads(json.dumps(GOOD, default=str, ensure_ascii=False))  # year keys become strings
    path = tmp_path / "m.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    from_json, from_yaml = load_source(path, TAXONOMY), load_source(write_yaml(tmp_path, GOOD), TAXONOMY)
    assert from_json.report == from_yaml.report and from_json.metrics == from_yaml.metrics
    assert from_json.facts == from_yaml.facts and from_json.path == str(path)


@pytest.mark.parametrize(
    "raw, expected",
    [
        (12000, 12000),
        ("12,000", 12000),
        ("１２，０００", 12000),
        ("12,000.5", 12000.5),
        ("91.2%", 91.2),
        (" 3.5 ", 3.5),
        ("-3", -3),
        ("0", 0),
    ],
)
def test_numbers_people_write_are_accepted(raw, expected):
    assert parse_number(raw) == expected


@pytest.mark.parametrize("raw", ["12,0o0", "1,2", "abc", "", "12 000", True, None, "3.5万", float("nan")])
def test_non_numbers_are_rejected(raw):
    with pytest.raises(ValueError):
        parse_number(raw)


@pytest.mark.parametrize(
    ("raw", "number", "unit"),
    [("12,345.6万元", "12345.6", "万元"), ("30所", "30", "所"), ("5 人", "5", "人")],
)
def test_a_number_typed_with_its_unit_is_told_to_put_the_unit_in_unit(raw, number, unit):
    """The trial's "12,345.6万元" got 'write digits, e.g. 12000 or 12,000.5', which does not say where the unit
    goes."""
    with pytest.raises(ValueError) as info:
        parse_number(raw)
    assert f"write {number} alone, with unit: {unit}" in str(info.value)


# one row per rule: (what changes, the key path the message must name, words the message must hold)
RULES = [
    ("report.region", DELETE, "report.region", "required field is missing"),
    ("report.level", DELETE, "report.level", "required field is missing"),
    ("report.round", DELETE, "report.round", "required field is missing"),
    ("report.period", DELETE, "report.period", "required field is missing"),
    ("report.issuer", DELETE, "report.issuer", "required field is missing"),
    ("report.level", "town", "report.level", "province, city or county"),
    ("report.period", 2023, "report.period", "after the round"),
    ("report.round", "明年", "report.round", "is not a year"),
    ("report.date", "next spring", "report.date", "not a date"),
    ("report.colour", "red", "report.colour", "unknown field"),
    # a trial: a misspelt field was told only "remove it or check its spelling"
    ("report.isuer", "阳泉市人民政府", "report.isuer", "did you mean issuer?"),
    ("metrics.0.lable", "x", "metrics[0].lable", "did you mean label?"),
    ("metric", [], "metric", "did you mean metrics?"),
    ("metrics.0.key", DELETE, "metrics[0].key", "required field is missing"),
    ("metrics.0.label", DELETE, "metrics[0].label", "required field is missing"),
    ("metrics.0.unit", DELETE, "metrics[0].unit", "required field is missing"),
    ("metrics.0.values", DELETE, "metrics[0].values", "required field is missing"),
    ("metrics.0.values", {}, "metrics[0].values", "must not be empty"),
    ("metrics.0.label", "  ", "metrics[0].label", "must not be empty"),
    ("metrics.0.key", "一般公共预算", "metrics[0].key", "<indicator>.<name>"),
    ("metrics.0.values.2020", "12,0o0", "metrics[0].values.2020", '"12,0o0" 不是数字 / is not a number'),
    ("metrics.0.values", {"20x": 1}, "metrics[0].values.20x", "is not a year"),
    ("metrics.0.values", {1850: 1}, "metrics[0].values.1850", "is not a year"),
    # a trial: `values: {1.1}` (a YAML set) said both "not a year" and "null is not a number"
    ("metrics.0.values", {1.1: None}, "metrics[0].values", "has no year → 请写成 {2024: 1.1}"),
    ("metrics.3.values.2021", 101.5, "metrics[3].values.2021", "above 100"),
    ("metrics.2.values.2021", -3, "metrics[2].values.2021", "negative count"),
    ("metrics.1.target.relation", "=>", "metrics[1].target.relation", "is not a relation"),
    ("metrics.1.target.value", "ninety", "metrics[1].target.value", "is not a number"),
    ("metrics.2.key", "fund.general_budget_edu", "metrics[2].key", "repeats metrics[0]"),
    ("facts.partyy", ["x"], "facts.partyy", "did you mean 'party'"),
    ("facts.party", [""], "facts.party[0]", "must not be empty"),
    ("rectification", {"a": 1}, "rectification", "must be a list"),
]


@pytest.mark.parametrize("where, value, key_path, words", RULES, ids=[f"{r[0]}={r[1]!r}"[:60] for r in RULES])
def test_each_rule_names_the_file_and_key_path(tmp_path, where, value, key_path, words):
    path = write_yaml(tmp_path, changed(where, value))
    problems = validate_file(path, TAXONOMY)
    assert any(p.startswith(f"{path}: {key_path}: ") and words in p for p in problems), problems
    with pytest.raises(InputError) as info:
        load_source(path, TAXONOMY)
    assert key_path in info.value.message and "drafter metrics validate" in info.value.hint


@pytest.mark.parametrize(
    ("where", "value", "key_path", "words"),
    [
        ("metrics.0.key", "fnd.general_budget_edu", "metrics[0].key", "did you mean 'fund'"),
        # no spelling is close: the label 一般公共预算教育支出 names fund's metric
        ("metrics.0.key", "money.general_budget_edu", "metrics[0].key", "did you mean 'fund'"),
        ("metrics.1.key", "pre.gross_enrolment_rate", "metrics[1].key", "did you mean 'preschool'"),
        (
            "metrics.0.key",
            "zzz.thing",
            "metrics[0].key",
            "use one of: fund 经费保障, preschool 学前教育, party 党的领导",
        ),
    ],
)
def test_an_unknown_indicator_is_a_warning_and_the_metric_is_still_read(
    tmp_path, where, value, key_path, words
):
    path = write_yaml(tmp_path, changed(where, value))
    assert validate_file(path, TAXONOMY) == []
    source = load_source(path, TAXONOMY)
    assert source.metric(value) is not None  # still there for the checker
    assert any(
        w.startswith(f"{key_path}: 未知指标代码 / unknown indicator") and words in w
        for w in source_warnings(source, TAXONOMY)
    )


def test_a_value_with_no_year_says_how_to_give_it_one(tmp_path):
    """A new user wrote values: 88.6 and read only 须为键值对 / must be a mapping."""
    problems = validate_file(write_yaml(tmp_path, changed("metrics.1.values", 88.6)), TAXONOMY)
    assert len(problems) == 1 and "metrics[1].values" in problems[0] and "values: {2023: 88.6}" in problems[0]


@pytest.mark.parametrize(
    ("key", "warned"),
    [
        ("fund.public_budget_spend", True),
        ("fund.general_budget_edu", False),
        ("fund.general_budget_edux", False),
    ],
)
def test_a_known_label_under_another_key_is_a_warning(tmp_path, key, warned):
    """A new user's Excel row: preschool.inclusive_rate labelled 普惠性幼儿园覆盖率 (preschool.inclusive_coverage's
    label) passed validation silently; the known key decides its sentence and its target. (A key one letter off is
    said by the typo warning; a known key is fine.)"""
    path = write_yaml(tmp_path, changed("metrics.0.key", key))
    said = [w for w in source_warnings(load_source(path, TAXONOMY), TAXONOMY) if "标准指标" in w]
    assert bool(said) == warned
    if warned:
        assert said[0].startswith("metrics[0].key:") and "did you mean 'fund.general_budget_edu'" in said[0]


@pytest.mark.parametrize(
    "label, key, value",
    [
        ("学前三年毛入园率", "preschool.gross_enrolment_rate", 103.5),  # gross rates may pass 100
        ("高中阶段毛入学率", "preschool.rate", 101.0),
        ("一般公共预算教育支出增长率", "fund.growth", 131.28),  # a growth rate is not a share
    ],
)
def test_rates_that_may_exceed_100_pass(tmp_path, label, key, value):
    data = changed("metrics.1", {"key": key, "label": label, "unit": "%", "values": {2021: value}})
    assert validate_file(write_yaml(tmp_path, data), TAXONOMY) == []


def test_every_problem_is_reported_at_once_in_file_order(tmp_path):
    data = changed("report.level", "town")
    data["metrics"][0]["values"][2020] = "12,0o0"
    data["metrics"][2]["values"][2021] = -1
    data["facts"]["nope"] = ["x"]
    problems = validate_file(write_yaml(tmp_path, data), TAXONOMY)
    assert [p.split(": ")[1] for p in problems] == [
        "report.level",
        "metrics[0].values.2020",
        "metrics[2].values.2021",
        "facts.nope",
    ]


def test_many_problems_are_cut_to_the_first_few_and_a_count(tmp_path):
    data = copy.deepcopy(GOOD)
    data["metrics"] = [
        {"key": f"fund.m{i}", "label": "x", "unit": "所", "values": {2021: -1}} for i in range(40)
    ]
    with pytest.raises(InputError) as info:
        load_source(write_yaml(tmp_path, data), TAXONOMY)
    assert "中有 40 个问题 / 40 problem(s) in" in info.value.message
    assert "… 另有 15 个 / and 15 more" in info.value.message


@pytest.mark.parametrize(
    "content, name, words",
    [
        (b"", "m.yaml", "the file is empty"),
        (b"  \n\n", "m.yaml", "the file is empty"),
        (b"# only a comment\n", "m.yaml", "holds no data"),
        (b"- a\n- b\n", "m.yaml", "top level must be a mapping"),
        (b"report:\n  region: x\n   level: city\n", "m.yaml", "YAML syntax error at line 3"),
        (
            b"report: {}\nmetrics:\n- values:\n    2021: 1\n    2021: 2\n",
            "m.yaml",
            "line 5, column 5: 键 2021 重复 / duplicate key 2021",
        ),
        (b'{"report": {"region": "x",}}', "m.json", "JSON syntax error at line 1"),
        (b"report: {}\n", "m.toml", "unknown file type '.toml'"),
        # a trial: WPS saves 数据.xls by default, and a clerk gives last year's report; both were told only
        # "use a .yaml, .yml, .json or .xlsx metrics file"
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "数据.xls", "“Save as” .xlsx in Excel/WPS"),
        (b"PK\x03\x04", "2023自评报告.docx", "--from REPORT"),
        (b"\xff\xfe\x00\x81\x00", "m.yaml", "binary data"),
    ],
)
def test_unreadable_files_get_one_clear_message(tmp_path, content, name, words):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError) as info:
        load_source(path, TAXONOMY)
    assert words in info.value.render() and str(path) in info.value.render()
    assert any(words in p for p in validate_file(path, TAXONOMY))


def test_missing_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        load_source(tmp_path / "nope.yaml", TAXONOMY)


def test_gb18030_file_is_read_and_said_so(tmp_path, caplog):
    path = tmp_path / "gbk.yaml"
    path.write_bytes(yaml.safe_dump(GOOD, allow_unicode=True).encode("gb18030"))
    with caplog.at_level("WARNING"):
        source = load_source(path, TAXONOMY)
    assert source.report.region == "阳泉市" and "GB18030" in caplog.text


def test_chinese_spellings_of_level_relation_and_date_are_accepted(tmp_path):
    data = changed("report.level", "县")
    data["report"]["date"] = "2022年3月5日"
    data["metrics"][1]["target"] = {"value": "90", "relation": "≥"}
    source = load_source(write_yaml(tmp_path, data), TAXONOMY)
    assert source.report.level == "county" and source.report.date == dt.date(2022, 3, 5)
    assert source.metrics[1].target.relation == ">="


def test_a_bare_number_target_means_at_least(tmp_path):
    source = load_source(write_yaml(tmp_path, changed("metrics.1.target", 90)), TAXONOMY)
    assert source.metrics[1].target.value == 90 and source.metrics[1].target.relation == ">="


def test_yaml_template_validates_and_lists_the_taxonomy_keys(tmp_path):
    text = yaml_template(TAXONOMY, 2022)
    assert "fund.general_budget_edu  一般公共预算教育支出  [亿元]" in text and "round: 2022" in text
    path = tmp_path / "t.yaml"
    path.write_text(text, encoding="utf-8")
    source = load_source(path, TAXONOMY)
    assert source.metrics == () and source.report.period == 2021


def test_self_check_statements_are_facts_of_that_part_not_an_indicator(tmp_path):
    data = {**GOOD, "self_check": ["由市政府教育督导委员会办公室牵头，会同34个部门开展自查自评"]}
    source = load_source(write_yaml(tmp_path, data), TAXONOMY)
    assert source.self_check == ("由市政府教育督导委员会办公室牵头，会同34个部门开展自查自评",)
    assert "self_check" in source.facts and "self_check" not in source.indicators()


@pytest.mark.parametrize(
    ("path", "value", "said"),
    [
        ("metrics.2.values.2021", "3%", "\"3%\" 带 %，但单位是 '个' / has a % sign but the unit is '个'"),
        ("metrics.0.values.2020", "21.09％", "has a % sign but the unit is '亿元'"),
    ],
)
def test_a_percent_sign_on_a_value_whose_unit_is_not_percent_is_a_problem(tmp_path, path, value, said):
    """`values: {2021: "34%"}` of a metric counted in 个 was read as 34 个 and said nothing."""
    [problem] = validate_file(write_yaml(tmp_path, changed(path, value)), TAXONOMY)
    assert said in problem and 'set unit: "%"' in problem


def test_a_percent_sign_on_a_rate_is_read_as_the_rate(tmp_path):
    source = load_source(write_yaml(tmp_path, changed("metrics.1.values.2021", "91.2％")), TAXONOMY)
    assert source.metric("preschool.gross_enrolment_rate").values[2021] == 91.2


def test_years_and_dates_in_chinese_numerals_are_read(tmp_path):
    """A 公文 prints 二〇二二年 and 二〇二二年三月二十日; staff copy them into the file as printed."""
    data = copy.deepcopy(GOOD)
    data["report"].update(round="二〇二二年", period="二〇二一年度", date="二〇二二年三月二十日")
    data["metrics"][0]["values"] = {"二〇二〇年": 21.09, "二〇一九": 21.00}
    source = load_source(write_yaml(tmp_path, data), TAXONOMY)
    assert (source.report.round, source.report.period) == (2022, 2021)
    assert source.report.date == dt.date(2022, 3, 20)
    assert dict(source.metric("fund.general_budget_edu").values) == {2019: 21.0, 2020: 21.09}
    data["report"]["date"] = "二〇二二年二月三十日"  # no such day: still refused, as a date
    with pytest.raises(InputError, match="report.date"):
        load_source(write_yaml(tmp_path, data), TAXONOMY)
