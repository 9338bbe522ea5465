"""The text rules of a 公文 .docx, free of python-docx: characters XML cannot hold, widths in characters,
where a long title breaks, and the forms a 成文日期 may take."""

from __future__ import annotations

import re

from drafter.core.cn_dates import cn_number
from drafter.core.types import Draft, Section

# XML 1.0 cannot hold these; python-docx refuses them. \r would become a line break.
ILLEGAL = re.compile("[\x00-\x08\x0b-\x1f\ufffe\uffff\ud800-\udfff]")
DATE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")
CN_DIGITS = "〇一二三四五六七八九"
ZEROS = str.maketrans("○零ＯO", "〇〇〇〇")
DATE_CN = re.compile(  # 二〇二二年三月二十日, and the mixed 二〇二二年3月20日
    r"^([〇一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2}|\d{1,2})月([一二三四五六七八九十]{1,3}|\d{1,2})日$"
)
TITLE_CHARS = 20  # 二号 characters on a 156 mm line
TITLE_BREAKS = ("人民政府", "办公室", "关于", "年度", "年(?!度)")  # a title line may end after these words


def clean(text: str) -> str:
    return ILLEGAL.sub("", text)


def control_chars(draft: Draft) -> tuple[tuple[str, int], ...]:
    """(section id, count) of the characters a .docx cannot hold; write_docx drops them."""
    counts = ((s.spec.id, len(ILLEGAL.findall(s.text))) for s in draft.sections)
    return tuple((sid, n) for sid, n in counts if n)


def paragraphs(section: Section) -> list[str]:
    return [p for p in (clean(line).strip() for line in section.text.split("\n")) if p]


def title_lines(title: str) -> list[str]:
    if width_chars(title) <= TITLE_CHARS:
        return [title]
    cuts = {m.end() for word in TITLE_BREAKS for m in re.finditer(word, title)} - {len(title)}
    fits = [c for c in cuts if max(width_chars(title[:c]), width_chars(title[c:])) <= TITLE_CHARS]
    if not fits:
        return [title]  # too long for two lines: the editor wraps it
    best = min(fits, key=lambda c: abs(width_chars(title[:c]) - width_chars(title[c:])))
    return [title[:best], title[best:]]


def date_text(line: str) -> str | None:
    """`2022年03月20日`, `二〇二二年三月二十日` → `2022年3月20日`; None when the line is not a date."""
    line = line.replace(" ", "").translate(ZEROS)
    found = DATE.match(line) or DATE_CN.match(line)
    return f"{_number(found[1])}年{_number(found[2])}月{_number(found[3])}日" if found else None


def _number(text: str) -> int:
    """12, 二〇二二 (digit by digit), 二十 / 十二 / 三十一 (with 十)."""
    return cn_number(text)


def width_chars(text: str) -> float:
    return sum(0.5 if ord(c) < 128 else 1 for c in text)
