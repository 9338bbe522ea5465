"""structure: heading numbering, part order, the fixed parts of a 公文 and consistent years.

Checks (value = share passed): numbering — 一、 → （一） → 1. → （1）, each level counting up by one
from 一/1 under its parent, no level skipped (1. may sit directly under 一、 and may run on across
（一）（二） as the seeds do); order — the 一、 parts in taxonomy order; title (names the assessed
year `report.period`), addressee, opening (根据…/…报告如下) and date present (the date only when
the source gives `report.date`: a writer cannot invent it); years — no year later
than `report.round` unless the source data itself states it, and the date in the round's year.
"""

from __future__ import annotations

import re

from drafter.evaluation.scorers.base import Issue, Line, Score, Subject
from drafter.evaluation.sourcetext import source_strings

NAME = "structure"
CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")}
HEADINGS = (
    (1, re.compile(r"^([一二三四五六七八九十]+)、")),
    (2, re.compile(r"^[（(]([一二三四五六七八九十]+)[）)]")),
    (3, re.compile(r"^(\d{1,2})\s*[.．、](?!\d)")),
    (4, re.compile(r"^[（(](\d{1,2})[）)]")),
)
DATE = re.compile(r"^((?:19|20)\d{2})年\d{1,2}月\d{1,2}日$")
YEAR = re.compile(r"(?<![\d〔\[（(.])((?:19|20)\d{2})(?![\d号])")


def cn_int(text: str) -> int:
    """一 → 1, 十 → 10, 十二 → 12, 二十三 → 23; Arabic digits pass through."""
    if text.isdigit():
        return int(text)
    if "十" not in text:
        return CN_DIGITS.get(text, 0)
    tens, _, ones = text.partition("十")
    return (CN_DIGITS.get(tens, 0) if tens else 1) * 10 + (CN_DIGITS.get(ones, 0) if ones else 0)


def headings(lines: tuple[Line, ...]) -> list[tuple[int, int, Line]]:
    """(level, number, line) for every numbered line."""
    out = []
    for line in lines:
        for level, pattern in HEADINGS:
            m = pattern.match(line.text)
            if m:
                out.append((level, cn_int(m.group(1)), line))
                break
    return out


def _parent_open(level: int, counters: dict[int, int]) -> bool:
    return {1: True, 2: counters[1] > 0, 3: counters[1] > 0, 4: counters[2] > 0 or counters[3] > 0}[level]


def numbering_issues(lines: tuple[Line, ...]) -> list[Issue]:
    counters = dict.fromkeys(range(1, 5), 0)
    run3 = 0  # 1. 2. 3. may run on across sub-sections
    issues = []
    for level, n, line in headings(lines):
        ok_next = n == counters[level] + 1 or (level == 3 and n == run3 + 1 and counters[3] == 0)
        if not _parent_open(level, counters):
            issues.append(
                Issue(f"level-{level} heading without its parent level", line.section, line.text[:30])
            )
        elif not ok_next:
            issues.append(
                Issue(
                    f"heading number {n} follows {counters[level]} (skipped or repeated)",
                    line.section,
                    line.text[:30],
                )
            )
        counters[level] = n
        run3 = n if level == 3 else run3
        for deeper in range(level + 1, 5):
            counters[deeper] = 0
    return issues


def _part_index(text: str, parts) -> int:
    for i, part in enumerate(parts):
        if part.heading in text or any(k in text for k in part.keywords):
            return i
    return -1


def order_issues(lines: tuple[Line, ...], taxonomy) -> list[Issue]:
    if taxonomy is None:
        return []
    issues, last = [], -1
    for level, _, line in headings(lines):
        index = _part_index(line.text, taxonomy.parts) if level == 1 else -1
        if index < 0:
            continue
        if index <= last:
            issues.append(
                Issue(f"part out of taxonomy order: {line.text[:20]}", line.section, line.text[:30])
            )
        last = max(last, index)
    return issues


def _find(lines: tuple[Line, ...], test) -> Line | None:
    return next((line for line in lines if test(line.text)), None)


def frame_issues(subject: Subject) -> dict[str, list[Issue]]:
    """Title, addressee, opening, date: one list of issues per check."""
    lines, report = subject.lines, subject.draft.report
    titles = [line for line in lines if line.kind == "title"] or [
        line for line in lines[:6] if not line.text.startswith("根据") and "如下" not in line.text
    ]
    title = _find(tuple(titles), lambda t: "报告" in t and ("关于" in t or "自评" in t))
    opening_i = next(
        (i for i, line in enumerate(lines) if line.text.startswith("根据") or "报告如下" in line.text), -1
    )
    addressee = _find(
        lines[:opening_i] if opening_i > 0 else (),
        lambda t: t.rstrip().endswith(("：", ":")) and len(t) <= 40,
    )
    date = _find(lines[-4:], lambda t: bool(DATE.match(t.strip())))
    found = {
        "title": [] if title else [Issue("no title line (…关于…报告)")],
        "title_period": []
        if not title or f"{report.period}年" in title.text
        else [
            Issue(f"the title does not name the assessed year {report.period}年", title.section, title.text)
        ],
        "addressee": [] if addressee else [Issue("no addressee line (…：) before the opening")],
        "opening": [] if opening_i >= 0 else [Issue("no opening (根据…／…报告如下)")],
        "date": [] if date or report.date is None else [Issue("no date line (YYYY年M月D日) at the end")],
    }
    if date and int(DATE.match(date.text.strip()).group(1)) != report.round:
        found["date"].append(
            Issue(f"date {date.text.strip()} is not in the round year {report.round}", date.section)
        )
    return found


def year_issues(subject: Subject) -> list[Issue]:
    allowed = " ".join(source_strings(subject.source)) if subject.source else ""
    issues = []
    for line in subject.lines:
        for year in dict.fromkeys(YEAR.findall(line.text)):
            if int(year) > subject.draft.report.round and year not in allowed:
                issues.append(
                    Issue(
                        f"year {year} is later than the round {subject.draft.report.round}",
                        line.section,
                        line.text[:40],
                    )
                )
    return issues


def score(subject: Subject) -> Score:
    checks = {
        "numbering": numbering_issues(subject.lines),
        "order": order_issues(subject.lines, subject.taxonomy),
        **frame_issues(subject),
        "years": year_issues(subject),
    }
    issues = tuple(i for found in checks.values() for i in found)
    details = {name: not found for name, found in checks.items()}
    details["headings"] = len(headings(subject.lines))
    value = sum(not found for found in checks.values()) / len(checks)
    return Score(NAME, value, not issues, details, issues)
