"""Whether a metric's value can be true for its unit: no negative amounts, counts or areas, shares within
0–100 % (gross rates such as 毛入园率 may pass 100, and so may a share of a year's budget (完成年初预算, 预算执行率)
or of last year's figure, up to 300 %; changes may be negative), nothing beyond what any
region could report. A value past these limits is a typo or a unit slip, and would later break the
arithmetic (1e308 亿元 cannot be rounded), so `metrics validate` refuses it with the key and the fix.
"""

from __future__ import annotations

from typing import Any

COUNT_UNITS = frozenset(
    [
        "所",
        "个",
        "人",
        "名",
        "班",
        "次",
        "家",
        "人次",
        "条",
        "处",
        "项",
        "间",
        "台",
        "套",
        "册",
        "座",
        "校",
        "户",
        "张",
        "篇",
        "门",
        "节",
        "期",
        "场",
        "批",
        "位",
        "件",
        "种",
        "辆",
        "本",
        "支",
        "课时",
    ]
)
MONEY_UNITS = frozenset(("元",))
AREA_UNITS = frozenset(("平方米", "亩", "公顷", "平方公里"))
SCALES = (("万亿", 1e12), ("亿", 1e8), ("万", 1e4), ("千", 1e3), ("百", 1e2))
CHANGE_WORDS = (
    "增长",
    "增幅",
    "增速",
    "growth",
    "change",
    "变化",
    "增减",
    "提高",
    "增加",
    "下降",
    "减少",
    "差",
)
GROSS_WORDS = ("毛", "gross")
# 完成年初预算的100.4% / 预算执行率 / 相当于上年的105%: a part of a plan or of last year, which may be passed
BEYOND_WORDS = ("年初预算", "预算执行", "执行率", "相当于上年", "为上年", "为去年", "是上年", "预算数的")
LIMITS = {  # in the base unit (元, 人 …, 平方米)
    "money": 1e15,  # 1,000万亿元: several times any country's budget
    "count": 2e9,  # more people than any region has
    "area": 1e13,  # larger than China
    "score": 1000.0,
}
MAX_ANY = 1e15  # any figure in any unit
MAX_GROSS = 300.0  # gross enrolment rates pass 100 %, never 300 %
MAX_CHANGE = 10_000.0  # a change of more than 100-fold, in %


def _kind(unit: str) -> tuple[str, float]:
    """(kind of quantity, factor to its base unit): 万人 → (count, 1e4), 亿元 → (money, 1e8)."""
    base, factor = unit, 1.0
    for prefix, scale in SCALES:
        if unit.startswith(prefix) and len(unit) > len(prefix):
            base, factor = unit[len(prefix) :], scale
            break
    base = base.split("/")[0]  # 元/生, 人/年
    for kind, units in (("money", MONEY_UNITS), ("count", COUNT_UNITS), ("area", AREA_UNITS)):
        if base in units:
            return kind, factor
    return ("score", 1.0) if base == "分" else ("other", factor)


def value_problem(metric: dict[str, Any], value: float) -> str:
    """What is wrong with `value` for this metric ("" when it is plausible)."""
    unit = str(metric.get("unit", "")).strip()
    words = f"{metric.get('key', '')} {metric.get('label', '')}"
    change = any(w in words for w in CHANGE_WORDS)
    if abs(value) > MAX_ANY:
        return f"{value:g}{unit} 不合常理 / is not a plausible figure (over {MAX_ANY:g}) → 请检查数字和单位 / check the figure and its unit"
    if unit == "%":
        gross, beyond = any(w in words for w in GROSS_WORDS), any(w in words for w in BEYOND_WORDS)
        return _percent_problem(value, change, gross, beyond)
    kind, factor = _kind(unit)
    if value < 0 and not change and kind != "other":
        noun = {"money": "amount", "count": "count", "area": "area", "score": "score"}[kind]
        return f"{value:g}{unit} 为负数 / is a negative {noun} → {noun}s cannot be below 0 (增减请另设指标 / a change is its own metric)"
    limit = LIMITS.get(kind)
    if limit is not None and abs(value) * factor > limit:
        return f"{value:g}{unit} 超出任何地区的可能 / is more than any region could report → 请检查数字和单位 / check the figure and its unit"
    return ""


def _percent_problem(value: float, change: bool, gross: bool, beyond: bool = False) -> str:
    if change:
        return (
            ""
            if abs(value) <= MAX_CHANGE
            else f"{value:g}% 的变化不合常理 / a change of {value:g}% is not plausible → 请检查数字 / check the figure"
        )
    if value < 0:
        return f"{value:g}% 为负 / is a negative share → 比例不能小于 0 / a share or rate cannot be below 0 (a change is its own metric)"
    if gross and value > MAX_GROSS:
        return f"{value:g}% 超过 {MAX_GROSS:g}，毛入学率也不可能 / is above {MAX_GROSS:g}, which even a gross rate cannot be → 请检查数字 / check the figure"
    if beyond and value > MAX_GROSS:
        return f"{value:g}% 不合常理 / {value:g}% is not plausible → 请检查数字 / check the figure"
    if value > 100 and not gross and not beyond:
        return f"{value:g}% 超过 100，覆盖率、比例不可能 / is above 100, which a coverage/share/rate cannot be → 请检查数字或单位 / check the figure or the unit"
    return ""
