"""Years and dates written in Chinese numerals, as a 公文 may print them: 二〇二二年, 二〇二二年三月二十日.
Shared by the metrics reader (report.round, report.date, a year's column) and the readers of last year's report."""

from __future__ import annotations

import datetime as dt
import re

CN_DIGITS = "〇一二三四五六七八九"
ZEROS = str.maketrans("○零ＯOΟ", "〇〇〇〇〇")  # what a typist uses for 〇
CN_YEAR = re.compile(r"[〇○零Ｏ一二三四五六七八九]{4}(?=\s*年)")
_YEAR_ONLY = re.compile(r"\s*([〇一二三四五六七八九]{4})\s*(?:年度?)?\s*")
_DATE = re.compile(
    r"\s*([〇一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,2})\s*月\s*([一二三四五六七八九十]{1,3})\s*日\s*"
)


def cn_number(text: str) -> int:
    """12, 二〇二二 (digit by digit), 二十 / 十二 / 三十一 (with 十). ValueError for anything else."""
    text = text.translate(ZEROS)
    if text.isdigit() and text.isascii():
        return int(text)
    tens, ten, ones = text.partition("十")
    try:
        if not ten:
            return int("".join(str(CN_DIGITS.index(c)) for c in text))
        return (CN_DIGITS.index(tens) if tens else 1) * 10 + (CN_DIGITS.index(ones) if ones else 0)
    except ValueError:
        raise ValueError(f"not a number in Chinese numerals: {text!r}") from None


def cn_year(text: str) -> int | None:
    """二〇二二 / 二〇二二年 / 二〇二二年度 → 2022; None when `text` is not such a year."""
    found = _YEAR_ONLY.fullmatch(str(text).translate(ZEROS))
    return cn_number(found[1]) if found else None


def cn_date(text: str) -> dt.date | None:
    """二〇二二年三月二十日 → 2022-03-20; None when `text` is not such a date (or no such day exists)."""
    found = _DATE.fullmatch(str(text).translate(ZEROS))
    if not found:
        return None
    try:
        return dt.date(*(cn_number(g) for g in found.groups()))
    except ValueError:
        return None


def in_cn(year: int) -> str:
    """2022 → 二〇二二."""
    return "".join(CN_DIGITS[int(d)] for d in str(year))


def arabic_years(text: str) -> str:
    """`text` with every year in Chinese numerals before 年 written in digits; the same length, so offsets hold."""
    return CN_YEAR.sub(lambda m: str(cn_number(m[0])), text)


def shift_year(text: str, by: int) -> str:
    """`2021年` → `2022年`, `二〇二一` → `二〇二二` (by 1): a year moved on in the numerals it was written in."""
    head, tail = text[:4], text[4:]
    return (str(int(head) + by) if head.isdigit() else in_cn(cn_number(head) + by)) + tail
