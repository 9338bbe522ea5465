"""A region's name as a report may print it: 阳泉市 is named 阳泉市 or 阳泉, 安岳县 安岳."""

from __future__ import annotations

import re

REGION_SUFFIX = re.compile(r"(?:特别行政区|自治区|自治州|自治县|地区|新区|省|市|县|区|州|盟|旗)$")


def region_stem(region: str) -> str:
    """The name without its 省/市/县 … (阳泉市 → 阳泉); the whole name when the rest would be one character."""
    stem = REGION_SUFFIX.sub("", region.strip())
    return stem if len(stem) >= 2 else region.strip()
