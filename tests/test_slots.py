import pytest
from draft_helpers import write_metrics

from drafter.core.types import SectionSpec, Slot
from drafter.drafting.slots import compact, fill_slots, section_slots, slot_names, slot_table
from drafter.figures.derive import derive_all
from drafter.source.load import load_source


@pytest.fixture
def source(tmp_path):
    return load_source(write_metrics(tmp_path))


@pytest.fixture
def table(source):
    return slot_table(source, derive_all(source))


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("fund.general_budget_edu@2021", "22.35亿元"),
        ("fund.general_budget_edu@2020", "21.09亿元"),
        ("preschool.gross_enrolment_rate@2021", "91.2%"),
        ("compulsory.large_class_count@2021", "0个"),
        ("growth(fund.general_budget_edu,2020,2021)", "5.97%"),
        ("diff(fund.general_budget_edu,2020,2021)", "1.26亿元"),
        ("pp_change(preschool.gross_enrolment_rate,2020,2021)", "1.1个百分点"),
        ("exceed_target_pct(fund.per_student_higher_vocational,2021)", "37.3%"),
        (
            "exceed_target(preschool.public_share,2021)",
            "3.9个百分点",
        ),  # below target: magnitude, words say 低于
        ("diff(teachers.recruited,2020,2021)", "30名"),  # a fall: magnitude, words say 减少
    ],
)
def test_slot_text(table, name, text):
    assert table[name].text == text


def test_negative_change_says_so_in_its_label(table):
    assert "减少" in table["diff(teachers.recruited,2020,2021)"].label
    assert table["diff(teachers.recruited,2020,2021)"].value == -30
    assert "减少" not in table["diff(fund.general_budget_edu,2020,2021)"].label


def test_fill_slots_replaces_and_reports_unknown(table, source):
    text = "2021年教育支出[[ fund.general_budget_edu@2021 ]]，增长[[growth(fund.general_budget_edu, 2020, 2021)]]，[[no.such@2021]]。"
    filled = fill_slots(text, table, source)
    assert filled.text == "2021年教育支出22.35亿元，增长5.97%，[[no.such@2021]]。"
    assert filled.unknown == ("no.such@2021",)
    assert filled.used == ("fund.general_budget_edu@2021", "growth(fund.general_budget_edu,2020,2021)")


def test_fill_slots_computes_formulas_missing_from_the_table(source):
    filled = fill_slots("[[growth(fund.general_budget_edu,2020,2021)]]", {}, source)
    assert filled.text == "5.97%" and not filled.unknown


def test_fill_slots_from_a_list_of_slots():
    slots = [Slot(name="a.b@2021", text="3所", label="x")]
    assert fill_slots("共[[a.b@2021]]", slots).text == "共3所"
    assert fill_slots("[[bad(]]", slots).unknown == ("bad(",)


def test_section_slots_are_the_indicators_own(table):
    spec = SectionSpec(id="preschool", kind="indicator", indicator="preschool", heading="x", depth=2)
    names = {s.name for s in section_slots(spec, table)}
    assert "preschool.gross_enrolment_rate@2021" in names
    assert "pp_change(preschool.gross_enrolment_rate,2020,2021)" in names
    assert not any(n.startswith("fund.") or "(fund." in n for n in names)


@pytest.mark.parametrize(("kind", "expect_all"), [("problems", True), ("plans", True), ("title", False)])
def test_section_slots_for_report_parts(table, kind, expect_all):
    spec = SectionSpec(id=kind, kind=kind)
    assert (len(section_slots(spec, table)) == len(table)) is expect_all


def test_slot_names_and_compact():
    assert slot_names("a[[x@1]]b[[ growth(a, 1,2) ]]") == ("x@1", "growth(a,1,2)")
    assert compact(" growth( a , 1 ) ") == "growth(a,1)"
