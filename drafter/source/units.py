"""Which units a metric may have: the units the figure reader finds in report text, and a few more that
statistics use. A unit outside them (忆元 for 亿元) would keep every figure of the metric from matching the
text, so it is an error that names the nearest known units."""

from __future__ import annotations

import difflib
import unicodedata

from drafter.figures.numbers import UNITS

# units of statistics the figure reader needs no rule for (it reads them as plain words or ratios)
MORE_UNITS = (
    "户",
    "场次",
    "人次",
    "吨",
    "米",
    "公里",
    "千米",
    "千瓦",
    "株",
    "棵",
    "课时",
    "学时",
    "门次",
    "‰",
    ":1",
)
SCALES = ("万", "亿", "千", "百")
KNOWN = frozenset((*UNITS, *MORE_UNITS))
# characters a pinyin input method gives for the unit's own (yì 忆/亿, wàn 玩/万, yuán 园/元 …)
SOUNDS_LIKE = str.maketrans(
    {
        "忆": "亿",
        "意": "亿",
        "以": "亿",
        "乙": "亿",
        "玩": "万",
        "完": "万",
        "晚": "万",
        "园": "元",
        "圆": "元",
        "原": "元",
        "员": "元",
        "鸣": "名",
        "明": "名",
        "索": "所",
        "锁": "所",
        "各": "个",
        "仁": "人",
    }
)

# a unit written as its name (the 单位 cell of a clerk's sheet says 百分比): the sign it means, offered first
SPELLED = {
    "百分比": "%",
    "百分率": "%",
    "百分数": "%",
    "percent": "%",
    "pct": "%",
    "千分比": "‰",
    "千分率": "‰",
}


def is_known(unit: str) -> bool:
    """元, 万元, 万亩 (a scale before a known unit), 元/生 (a known unit per anything), 19:1 ratios."""
    unit = unicodedata.normalize("NFKC", unit).strip()
    if unit in KNOWN or (unit[:1] in SCALES and unit[1:] in KNOWN):
        return True
    head, slash, _ = unit.partition("/")
    return bool(slash) and is_known(head)


def nearest(unit: str, n: int = 3) -> list[str]:
    """The known units closest to a misspelt one: 忆元 → 亿元, 万元, 千元."""
    heard = [unit.translate(SOUNDS_LIKE)] if is_known(unit.translate(SOUNDS_LIKE)) else []
    if unit.lower() in SPELLED:
        return [SPELLED[unit.lower()]]
    same_end = [u for u in UNITS if len(u) == len(unit) and u[-1:] == unit[-1:]]
    close = difflib.get_close_matches(unit, sorted(KNOWN), n=n, cutoff=0.3)
    return list(dict.fromkeys(heard + same_end + close))[:n]


def unit_problem(key: str, unit: str) -> str:
    """ "" for a known unit, else the message: the key, the unit, the nearest known ones."""
    if not unit.strip() or is_known(unit):
        return ""
    near = nearest(unit.strip())
    guess = f"是否为 {'、'.join(near)}？ / did you mean {' or '.join(near)}? " if near else ""
    return (
        f"{key} 的单位 {unit!r} 无法识别 / unknown unit {unit!r} for {key} → {guess}"
        f"(常用 / common: 亿元 万元 元 % 所 个 人 名 班 平方米)"
    )
