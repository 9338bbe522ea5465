"""Tables in the text: each number of a cell named by its row and its column, in the unit its column counts.

Reports and 统计公报 pasted from the web carry tables in three shapes: markdown rows (`| 小学 | 334 | 8697 |`),
one cell per line (`学校数 |` / `小学 |` / `334 |` …, what a page's table gives as text) and rows whose cells
are separated by spaces (`类别 学校数 班级数` / `小学 334 8697`, what a PDF's or a yearbook's text layer gives). A cell's number has
no words of its own around it: its words are the row's label and the column's heading (小学 + 学校数), and
its unit is the one the heading counts (学校数 → 所, 在校学生数 → 人, 金额（万元） → 万元) or the table's
单位 line; a heading that is a year (2013年) is the year of its column's numbers. A row whose cells do not
line up with the headings (a cell left out) gives its numbers the row's label only.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace

from drafter.checker.labels import levels_of
from drafter.core.types import Figure
from drafter.figures.numbers import mistyped

CELL_LINE = re.compile(r"(?m)^[^\n|]*\|[^\n]*$")
NUMBER = re.compile(r"[-+]?\d[\d,]*(?:\.\d+)?%?")
EMPTY = re.compile(r"[/／\-—–]*")
RATIO_CELL = re.compile(r"\d+(?:\.\d+)?(?:\s*[:：]\s*\d+(?:\.\d+)?)+")  # 8.5 :54.7 :36.8, a row's 比例 cell
RULE = re.compile(r"[\s|:：\-—]*")
UNIT_IN_HEADING = re.compile(r"[（(](万元|亿元|元|万人|人|所|个|%|万平方米|平方米)[)）]")
TEN_THOUSAND = re.compile(r"[（(]万[)）]")  # a heading's bare (万): 万 of what the heading counts
_UNIT_WORDS = r"(?:万元|亿元|元|万人|人|所|个|%)"
UNIT_LINE = re.compile(
    rf"单位[：:]\s*({_UNIT_WORDS}(?:[、，,]{_UNIT_WORDS})*)"
)  # 单位：所、万人: one per kind
COUNTED = (  # what a heading counts, by its last words
    (re.compile(r"(?:学校|校|园|幼儿园)(?:数|数量)?$"), "所"),
    (re.compile(r"(?:班级|教学班)(?:数|数量)?$|班(?:数|数量)$"), "个"),  # (幼儿班, 小班, 高班: grades)
    (re.compile(r"(?:学生|在校生|幼儿|儿童|教职工|教师|人员|毕业生|招生)(?:数|人数)?$|人数$"), "人"),
)
RATIO_WORDS = re.compile(r"比例|之比|生师比|师生比")
MONEY = re.compile(r"(?:经费|投入|支出|收入|拨款|资金|金额|预算)(?:总额|合计|数)?$")
MIN_CELLS = 6
CORNER_WORDS = ("项目", "指标", "年份", "年度", "类别", "指标名称")
TYPO_TOTAL = re.compile(r"(?:全(?:国|省|市|县|区|州|旗|盟))?(?:合计|总计|共计)")
NOT_ADDED = re.compile(r"比|率|均|%|％")
NOT_A_PART = re.compile(r"教学点|附设|分校")
TOTAL_ROW = re.compile(
    r"(?:全(?:国|省|市|县|区|州|旗|盟))?(?:合计|总计|总数|共计)|全(?:国|省|市|县|区|州|旗|盟)"
)
PART_ROW = re.compile(r"\s*(?:其中|#|＃|含|内：|内:)")
RATIO_HEADING = re.compile(r"([\u4e00-\u9fff]{2,8}?)(?:与|/|／)([\u4e00-\u9fff]{2,8}?)(?:之)?比")
CHANGE_HEADING = re.compile(r"(?:增减|增长|增幅|增量|变化|同比|比上年|较上年|差额|差值)")
TAB_LINE = re.compile(r"(?m)^[^\n\t]*\t[^\n]*$")
GLUED_LABEL = re.compile(rf"((?:\d{{4}}\s?年度?)?\D*?)({NUMBER.pattern})")  # 2021年45: a year row
UNIT_HEADING = re.compile(r"(?:计量)?单位")
UNITS_SAID = ("万元", "亿元", "元", "万人", "人", "所", "个", "%", "万平方米", "平方米", "册", "万册")
SECTION_TITLE = re.compile(r"^[一二三四五六七八九十]+[、.．]|[#\s]")
# a table whose '|' stand on lines of their own, with a cell on the line before each (or an empty cell)
BAR_RUN = re.compile(r"(?m)(?:^(?:[^\n|]{1,40}\n)?[ \t]*\|[ \t]*(?:\n|$)){6,}")
# 2013年, 2013学年, and a school year by its first calendar year: 2009/10学年, 2019-2020学年
SCHOOL_YEAR = r"(?:[/／\-—–](?:(?:19|20)\d{2}|\d{2}))?"
YEAR_HEADING = re.compile(rf"((?:19|20)\d{{2}}){SCHOOL_YEAR}(?:年|学年)(?:度|末|底)?")
YEAR_LABEL = re.compile(r"((?:19|20)\d{2})(?:年|学年)?(?:度|末|底)?")  # a row label: 2012 or 2012年
TABLE_NUMBER = re.compile(r"^(?:附)?表\s*[\d一二三四五六七八九十]+(?:[—\-－.．]\d+)?[：:.．、\s]*")
# rows of cells separated by spaces, as normalised (checker.text drops the space after the label): a label,
# then two or more numbers (or empty cells: / —) each after a space; a heading row of three or more words
SPACE_ROW = re.compile(
    r"(?m)^[ \t]*((?:19|20)\d{2}年?(?=[ \t])|[^\s\d|，。；：:][^\d|，。；：:\n]*?)[ \t]*"
    r"((?:[-+]?\d[\d,]*(?:\.\d+)?%?|[/／—–])(?:[ \t\u3000]+(?:[-+]?\d[\d,]*(?:\.\d+)?%?|[/／\-—–])){1,})[ \t]*$"
)
SPACE_VALUE = re.compile(r"[-+]?\d[\d,]*(?:\.\d+)?%?|[/／\-—–]")
SPACE_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")  # a cell that adds: no sign, no %, no dash
# a row whose cells stand one per line, each ending in |, the first opening with | (blank lines around it)
SPREAD_ROW = re.compile(
    r"(?m)^[ \t]*\|[^\n|]*\|[ \t]*\n(?:[ \t]*[^\n|]*\|[ \t]*\n|[ \t]*[^\n|\d]{1,20}\n(?=[ \t]*[A-Za-z][^\n|]*\|))*"
)
SPREAD_GAP = 60  # characters of blank lines between two rows of one table
ENGLISH = re.compile(r"[A-Za-z][A-Za-z\s\-',&.()]*")
BARE_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?:年)?(?!\d)")
HEADING_TOKEN = re.compile(rf"(?:19|20)\d{{2}}{SCHOOL_YEAR}(?:年|学年)(?:度|末|底)?|[^\s\d|，。；]+")


@dataclass(frozen=True)
class Cell:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Tables:
    """What the tables of a text say of their cells' figures, by figure index."""

    figures: tuple[Figure, ...]  # every figure, a cell's with the unit its column counts
    words: dict[int, str]  # a cell's row label + column heading
    years: dict[int, int]  # a cell under a year heading: that year
    ratios: tuple[tuple[int, int, int], ...] = ()  # a 生师比 cell, the cells of its row it divides
    sums: tuple[
        tuple[int, tuple[int, ...]], ...
    ] = ()  # a 合计 row's cell, the cells of its column it adds up


def read_tables(norm: str, figures: tuple[Figure, ...]) -> Tables:
    """The figures with the units their columns count, and the words (row label + heading) and the year of
    each figure in a table cell, by figure index."""
    words: dict[int, tuple[str, str, int | None]] = {}
    starts = [f.start for f in figures]  # figures are in text order
    cells: dict[Cell, tuple[str, str, int | None]] = {}
    year_labels: list[Cell] = []
    named_heads: list[Cell] = []
    ratio_cells: list[tuple[Cell, Cell, Cell]] = []
    sum_cells: list[tuple[Cell, list[Cell]]] = []
    blocks = (
        [_merge_heads(norm, _stacked_heads(b)) for b in _blocks(norm)]
        + _space_blocks(norm)
        + _tab_blocks(norm)
    )
    blocks = [panel for block in blocks for panel in _side_by_side(block)]
    for block in blocks + _spread_rows(norm) + _paragraph_rows(norm):
        start = next(row[0].start for row in block if row)
        cells.update(_cell_words(block, _unit_line(norm, start), _title(norm, start), ratio_cells, sum_cells))
        year_labels += [row[0] for row in block[1:] if row and YEAR_LABEL.fullmatch(row[0].text)]
        year_labels += [c for c in block[0] if BARE_YEAR.fullmatch(norm[c.start : c.end])]  # Item 2006 2007
        year_labels += [
            c for c in block[0] if "学年" in c.text and YEAR_HEADING.fullmatch(c.text)
        ]  # 2009/10学年
        named_heads += _numbered_headings(block)
    for run in BAR_RUN.finditer(norm):
        cells.update(_bar_cells(norm, run.start(), run.end()))
    for cell, said in cells.items():
        for i in range(bisect.bisect_left(starts, cell.start), bisect.bisect_left(starts, cell.end)):
            if not figures[i].ignored:
                words[i] = said
    out = list(figures)
    for i, (_, unit, _) in words.items():
        if unit and not out[i].unit:
            out[i] = replace(out[i], unit=unit)
    for cell in year_labels:  # | 2012 | 1498 | 4498100 |: the row's year, no figure
        for i in range(bisect.bisect_left(starts, cell.start), bisect.bisect_left(starts, cell.end)):
            out[i] = replace(out[i], ignored=out[i].ignored or "year")
    for cell in named_heads:  # 其中：1类 | 2类 over the columns: a heading's number names the column
        for i in range(bisect.bisect_left(starts, cell.start), bisect.bisect_left(starts, cell.end)):
            out[i] = replace(out[i], ignored=out[i].ignored or "name")
    ragged = _ragged_sums(norm)
    sum_cells += ragged
    index = {figures[i].start: i for i in words}
    for cell in {
        c for total, parts in ragged for c in (total, *parts)
    }:  # (no words: only a place in a column)
        k = bisect.bisect_left(starts, cell.start)
        if k < len(figures) and figures[k].start == cell.start and not figures[k].ignored:
            index[cell.start] = k
    ratios = tuple(
        (index[r.start], index[a.start], index[b.start])
        for r, a, b in ratio_cells
        if r.start in index and a.start in index and b.start in index
    )
    sums = tuple(
        (index[t.start], tuple(index[p.start] for p in parts))
        for t, parts in sum_cells
        if t.start in index and all(p.start in index for p in parts)
    )
    return Tables(
        tuple(out),
        {i: label for i, (label, _, _) in words.items()},
        {i: year for i, (_, _, year) in words.items() if year is not None},
        ratios,
        sums,
    )


def _side_by_side(block: list[list[Cell]]) -> list[list[list[Cell]]]:
    """A long list printed in panels side by side, its headings repeated (民族 | 毕业人数 | 占比 | 民族 | 毕业人数 |
    占比 |, then 汉族 | 6545 | 96.51% | 白族 | 2 | 0.03% |): one table per panel, so that 白族's 2 is not 汉族's.
    The panels end at the first row of another width; the rows from there on are a table of their own."""
    if len(block) < 2:
        return [block]
    head = [c.text.replace(" ", "") for c in block[0]]
    n = len(head)
    for k in range(2, n // 2 + 1):
        if n % k or any(head[j] != head[j % k] for j in range(k, n)) or not any(head[:k]):
            continue
        end = next((r for r in range(1, len(block)) if len(block[r]) != n), len(block))
        rest = [block[end:]] if end < len(block) else []
        return [[row[p * k : (p + 1) * k] for row in block[:end]] for p in range(n // k)] + rest
    return [block]


def _numbered_headings(block: list[list[Cell]]) -> list[Cell]:
    """The heading cells with a number in their words (其中：1类, 2类, 56人以上): those of the rows above the
    table's first value, each a few words, not a value."""
    first = next((k for k, row in enumerate(block) if any(NUMBER.fullmatch(c.text) for c in row)), 0)
    return [
        c
        for row in block[:first]
        for c in row
        if len(c.text) <= 12 and re.search(r"\d", c.text) and re.search(r"[\u4e00-\u9fff]", c.text)
    ]


def _line_runs(
    norm: str, line: re.Pattern[str], cells: Callable[[str, int, int], list[Cell]]
) -> list[list[list[Cell]]]:
    """Each run of consecutive lines `line` finds, as rows of `cells` (rules of dashes left out)."""
    blocks: list[list[list[Cell]]] = []
    rows: list[list[Cell]] = []
    last_end = -2
    for m in line.finditer(norm):
        if m.start() != last_end + 1 and rows:
            blocks.append(rows)
            rows = []
        last_end = m.end()
        row = cells(norm, m.start(), m.end())
        if row and not all(RULE.fullmatch(c.text) for c in row):
            rows.append(row)
    if rows:
        blocks.append(rows)
    return blocks


def _blocks(norm: str) -> list[list[list[Cell]]]:
    """Each run of consecutive lines holding '|', as rows of cells (one cell per line: one row of all)."""
    blocks = _line_runs(norm, CELL_LINE, _cells)
    return [_as_rows(b) for b in blocks if sum(len(r) for r in b) >= MIN_CELLS]


def _bar_cells(norm: str, start: int, end: int) -> dict[Cell, tuple[str, str, int | None]]:
    """A table served one cell per line with each '|' on a line of its own (a yearbook page: 指 标 / | /
    2014年 / | / 2013年 / | / 中等职业学校 / | / 57 / | / 58 …): rows of a label and one value per year
    heading, the unit from the section's 计量单位 line. A row whose label was lost (two '|' lines in a row)
    names nothing; its numbers are left alone."""
    out: dict[Cell, tuple[str, str, int | None]] = {}
    years: list[int] = []
    unit, label = _unit_line(norm, start), ""
    section = _section_title(norm, start)
    cells = _bar_texts(norm, start, end)
    first = next((n for n, c in enumerate(cells) if _number_or_empty(c)), len(cells))
    columns = _grouped_bar_columns(
        [c.text for c in cells[: max(first - 1, 0)]]
    )  # (the first row's label out)
    if columns is not None:
        return _grouped_bar_cells(cells, first, columns, unit)
    values: list[Cell] = []
    previous_bar = False
    pos = start
    for line in norm[start:end].split("\n"):
        text, at = line.strip(), pos + len(line) - len(line.lstrip())
        pos += len(line) + 1
        if text == "|":
            if previous_bar:
                label, values = "", []  # an empty cell: the row's label was lost
            previous_bar = True
            continue
        previous_bar = False
        if not text:
            continue
        cell = Cell(at, at + len(text), text)
        year = YEAR_HEADING.fullmatch(text)
        if year is not None:
            years = (
                [*years, int(year.group(1))] if not label and not values and years else [int(year.group(1))]
            )
            continue
        if NUMBER.fullmatch(text) or EMPTY.fullmatch(text):
            values.append(cell)
            if years and len(values) == len(years):
                if label:
                    for value, y in zip(values, years, strict=True):
                        if NUMBER.fullmatch(value.text):
                            out[value] = (label + section, _row_unit(label, section, unit), y)
                label, values = "", []
            continue
        counted = _counted(text)
        if counted is not None:  # 四、招生数 计量单位:人 — what the section's rows count, and in what
            section, unit = counted
        heads = counted is not None or text.replace(" ", "") in ("指标", "项目")
        label, values = (
            ("" if heads else re.sub(r"^[#＃]\s*", "", text)),
            [],
        )  # # 初中: a part of the row above
    return out


def _bar_texts(norm: str, start: int, end: int) -> list[Cell]:
    """The cells of a table served one cell per line, '|' lines left out."""
    cells, pos = [], start
    for line in norm[start:end].split("\n"):
        text, at = line.strip(), pos + len(line) - len(line.lstrip())
        pos += len(line) + 1
        if text and text != "|":
            cells.append(Cell(at, at + len(text), text))
    return cells


def _number_or_empty(c: Cell) -> bool:
    return bool(NUMBER.fullmatch(c.text) or EMPTY.fullmatch(c.text))


def _grouped_bar_columns(heads: list[str]) -> list[tuple[str, int | None]] | None:
    """地区 | 中等职业学校 | 普通高等学校 | 2007年 | 2008年 | 增长率(%) | 2007年 | 2008年 | 增长率(%): a corner, k groups
    and their k runs of the same m headings (a merged heading row served as cells) — the columns, each a group's
    heading and its year (None for 增长率). None when the headings are not so."""
    first_year = next((k for k, h in enumerate(heads) if YEAR_HEADING.fullmatch(h)), None)
    if first_year is None or first_year < 3:
        return None
    groups, subs = heads[1:first_year], heads[first_year:]
    k = len(groups)
    if k < 2 or len(subs) % k or len(subs) // k < 2:
        return None
    m = len(subs) // k
    runs = [subs[g * m : (g + 1) * m] for g in range(k)]
    if any(run != runs[0] for run in runs) or any(YEAR_HEADING.fullmatch(g) for g in groups):
        return None
    columns = []
    for group in groups:
        for sub in runs[0]:
            year = YEAR_HEADING.fullmatch(sub)
            columns.append((group if year else group + sub, int(year.group(1)) if year else None))
    return columns


def _grouped_bar_cells(
    cells: list[Cell], first: int, columns: list[tuple[str, int | None]], unit: str
) -> dict[Cell, tuple[str, str, int | None]]:
    """The rows under grouped headings (`_grouped_bar_columns`), from the table's first value on: a label, then one
    value per column; a value's words are its row's label and its column's group (北京市 + 中等职业学校), a 增长率
    column's unit is %."""
    out: dict[Cell, tuple[str, str, int | None]] = {}
    label, values = (
        (cells[first - 1].text.replace(" ", "") if first else ""),
        [],
    )  # 总 计: a label's spaces are layout
    for cell in cells[first:]:
        if not _number_or_empty(cell):
            label, values = cell.text.replace(" ", ""), []
            continue
        values.append(cell)
        if len(values) == len(columns):
            for value, (words, year) in zip(values, columns, strict=True):
                if NUMBER.fullmatch(value.text) and label:
                    # the groups are what the rows are of (中等职业学校), not what the cells count: the table's 单位
                    own = "%" if year is None and re.search(r"率|%", words) else unit or _unit_of(words, unit)
                    out[value] = (label + words, own, year)
            label, values = "", []
    return out


def _section_title(norm: str, start: int) -> str:
    """四、招生数 计量单位:人 on the line before a table: what its rows count (招生数)."""
    counted = _counted(norm[norm.rfind("\n", 0, max(start - 1, 0)) + 1 : start].strip())
    return counted[0] if counted is not None else ""


def _counted(line: str) -> tuple[str, str] | None:
    """(what a section's rows count, its unit) from its title line: 四、招生数 计量单位:人 → (招生数, 人)."""
    stated = UNIT_LINE.search(line)
    if stated is None:
        return None
    title = line[: line.find("计量") if "计量" in line else stated.start()]
    return SECTION_TITLE.sub("", title), stated.group(1)


def _space_blocks(norm: str) -> list[list[list[Cell]]]:
    """Rows whose cells are separated by spaces, under the heading lines right above the first of them: runs
    of such rows on consecutive lines (a blank line between two rows allowed), two rows at least."""
    runs: list[list[list[Cell]]] = []
    sections: dict[int, str] = {}
    last_end = -2
    for m in SPACE_ROW.finditer(norm):
        if not runs or norm[last_end : m.start()].count("\n") > 2:
            runs.append([])
        label = Cell(m.start(1), m.end(1), m.group(1).strip())
        values = [
            Cell(m.start(2) + v.start(), m.start(2) + v.end(), v.group())
            for v in SPACE_VALUE.finditer(m.group(2))
        ]
        if all(YEAR_LABEL.fullmatch(v.text) for v in values) and (
            YEAR_LABEL.fullmatch(label.text)
            or not re.search(r"[\u4e00-\u9fff]", label.text)
            or label.text.replace(" ", "") in CORNER_WORDS
        ):
            continue  # 2019 2020 2021 / Item 2006 2007: a line of year headings, not a row
        section = _section_line(norm, max(last_end, 0) if runs[-1] else max(0, m.start() - 200), m.start())
        if section is not None:
            sections[id(runs[-1])] = section
        section = sections.get(id(runs[-1]), "")
        if section or ENGLISH.search(label.text):
            # 专任教师 Number of Full-time Teachers / 普通高等学校 Regular Institutions … 23717 26089: each row
            # under that line counts its section's kind; the English of a bilingual yearbook says nothing more
            label = Cell(label.start, label.end, ENGLISH.sub("", label.text).replace(" ", "") + section)
        runs[-1].append([label, *values])
        last_end = m.end()
    blocks = []
    for rows in runs:
        if len(rows) < 2:
            continue
        width = Counter(len(r) - 1 for r in rows).most_common(1)[0][0]
        heading = _year_line(norm, rows[0][0].start, width) or _heading_cells(norm, rows[0][0].start, width)
        if heading is not None:
            blocks.append([heading, *rows])
    return blocks


def _ragged_sums(norm: str) -> list[tuple[Cell, list[Cell]]]:
    """市直属 3 3 9 9 13 4 9 50 5094 86551 / 龙华区 6 7 88 101 2595 49980 / … / 合计 3 6 11 11 39 33 399 500 16544 290837:
    rows of a table whose empty cells were dropped, so that they differ in length, still end in the table's last
    columns. Its 合计 row's cells are held against the rows above, column by column from the right as far as every
    row has a cell — when at least two of those columns add up, which shows the rows stand aligned so."""
    out: list[tuple[Cell, list[Cell]]] = []
    for rows in _space_runs(norm):
        *parts, last = [r for r in rows if not PART_ROW.match(r[0].text)]
        widths = {len(r) for r in rows}
        if len(parts) < 2 or len(widths) < 2 or not TOTAL_ROW.fullmatch(last[0].text.replace(" ", "")):
            continue
        columns = []
        for k in range(1, min(widths)):
            cells = [r[-k] for r in (*parts, last)]
            if not all(SPACE_NUMBER.fullmatch(c.text) for c in cells):
                break
            columns.append((cells[-1], cells[:-1]))
        if sum(_adds_up(t, p) for t, p in columns) >= 2:
            out += columns
    return out


def _space_runs(norm: str) -> list[list[list[Cell]]]:
    """The rows of SPACE_ROW on consecutive lines (a blank line between two allowed), as cells: label, values."""
    runs: list[list[list[Cell]]] = []
    last_end = -2
    for m in SPACE_ROW.finditer(norm):
        if not runs or norm[last_end : m.start()].count("\n") > 2:
            runs.append([])
        values = [
            Cell(m.start(2) + v.start(), m.start(2) + v.end(), v.group())
            for v in SPACE_VALUE.finditer(m.group(2))
        ]
        runs[-1].append([Cell(m.start(1), m.end(1), m.group(1).strip()), *values])
        last_end = m.end()
    return runs


def _spread_rows(norm: str) -> list[list[list[Cell]]]:
    """A web table served with each cell on its own line and blank lines between rows (| 一、高等教育 Higher
    Education | / 266 | / 735 | / 1490 |), a heading cell's Chinese and English on two lines (毕业生数 / Graduates |):
    each run of such rows as one table, the row of words before the first numbers its headings, English dropped."""
    blocks: list[list[list[Cell]]] = []
    rows: list[list[Cell]] = []
    last_end = 0
    for m in SPREAD_ROW.finditer(norm):
        row, at = [], m.start()
        pieces = m.group(0).split("|")
        at += len(pieces[0]) + 1
        for piece in pieces[1:-1]:  # what stands between the row's first | and its last
            text = ENGLISH.sub("", " ".join(piece.split())).replace(" ", "")
            start = at + len(piece) - len(piece.lstrip())
            row.append(Cell(start, start + len(piece.strip()), text))
            at += len(piece) + 1
        row = [c for k, c in enumerate(row) if c.text or k == 0]  # the corner may be empty, no other cell
        if rows and m.start() - last_end > SPREAD_GAP:
            blocks.append(rows)
            rows = []
        if len(row) >= 2:
            rows.append(row)
        last_end = m.end()  # a row of words only (一、高等教育 |  |  |) is no gap in the table
    blocks.append(rows)
    out = []
    for block in blocks:
        first = next((k for k, r in enumerate(block) if any(NUMBER.fullmatch(c.text) for c in r[1:])), None)
        if first is None or first == 0 or len(block) - first < 2:
            continue
        head = block[first - 1]
        out.append([head, *(r for r in block[first:] if len(r) == len(head))])
    return out


# a table served one cell per paragraph, no bars: short lines with a blank line between each two
PARAGRAPH_CELL = re.compile(r"(?m)^[ \t]*([^\s|，。；：:,;][^\n|，。；：;]{0,23}?)[ \t]*$")
CJK_SPACE = re.compile(r"(?<=[\u4e00-\u9fff])[ \t\u3000]+(?=[\u4e00-\u9fff])")  # 高 中 → 高中
HEAD_CLOSES = ("）", ")")


def _paragraph_rows(norm: str) -> list[list[list[Cell]]]:
    """表12 各级各类学校学生情况 served one cell per paragraph (类 别 / 在校学生数(万人) / 比上年 / 增长(%) / … /
    普通高等学校 / 51.28 / 2.0 / 12.69 / 3.9 / 普通中等学校 / …): a run of such cells, each row a label and as many
    numbers as every other row, under the headings before the first row (a heading split over two paragraphs,
    比上年 / 增长(%), joined; one that opens with 比上年 named by the heading before it)."""
    out: list[list[list[Cell]]] = []
    for run in _paragraph_runs(norm):
        k = _row_width(run)
        if k is None:
            continue
        first = next(
            n for n, c in enumerate(run) if n + 1 < len(run) and not _is_value(c) and _is_value(run[n + 1])
        )
        heads = _joined_heads(run[:first], k)
        if heads is None:
            continue
        rows: list[list[Cell]] = [heads]
        n = first
        while (
            n + k < len(run) and not _is_value(run[n]) and all(_is_value(c) for c in run[n + 1 : n + 1 + k])
        ):
            rows.append(run[n : n + 1 + k])
            n += k + 1
        if len(rows) >= 3:
            out.append(rows)
    return out


def _paragraph_runs(norm: str) -> list[list[Cell]]:
    """Runs of paragraph cells: one short line each, a single blank line between two (six cells at least)."""
    runs: list[list[Cell]] = []
    run: list[Cell] = []
    last_end = -10
    for m in PARAGRAPH_CELL.finditer(norm):
        between = norm[last_end : m.start()]
        if not (between.count("\n") == 2 and not between.strip()):
            if len(run) >= MIN_CELLS:
                runs.append(run)
            run = []
        run.append(Cell(m.start(1), m.end(1), CJK_SPACE.sub("", m.group(1))))
        last_end = m.end()
    if len(run) >= MIN_CELLS:
        runs.append(run)
    return runs


def _row_width(run: list[Cell]) -> int | None:
    """How many numbers follow each label: the same for two rows at least, two or more."""
    widths, n = [], 0
    for k, c in enumerate(run):
        if _is_value(c):
            n += 1
        else:
            if n and k > n:
                widths.append(n)
            n = 0
    widths += [n] if n else []
    if len(widths) < 2:
        return None
    width, count = Counter(widths).most_common(1)[0]
    return width if width >= 2 and count >= 2 else None


def _joined_heads(cells: list[Cell], k: int) -> list[Cell] | None:
    """The corner and k headings from the heading cells: fragments joined up to a closing bracket when there are
    more than k (比上年 / 增长(%)); a heading opening with 比上年 takes the noun of the one before it."""
    if not cells or any(_is_value(c) for c in cells):
        return None
    corner, rest = cells[0], cells[1:]
    if len(rest) > k:
        joined, piece = [], None
        for c in rest:
            piece = c if piece is None else Cell(piece.start, c.end, piece.text + c.text)
            if c.text.endswith(HEAD_CLOSES):
                joined.append(piece)
                piece = None
        rest = joined + ([piece] if piece is not None else [])
    if len(rest) != k:
        return None
    named: list[Cell] = []
    for c in rest:
        if (
            c.text.startswith("比上年") and named
        ):  # 在校学生数(万人) / 比上年增长(%): the growth of that count
            noun = re.sub(r"[（(].*$", "", named[-1].text)
            c = Cell(c.start, c.end, noun + c.text)
        named.append(c)
    return [corner, *named]


def _section_line(norm: str, start: int, end: int) -> str | None:
    """The words of a line between two rows (or right above the first) that holds no number: what the rows
    under it count (学校数 Number of Schools → 学校数)."""
    lines = [x.strip() for x in norm[start:end].split("\n")[1:] if x.strip()]
    if (
        not lines
        or re.search(r"\d|[，。；,]", lines[-1])
        or lines[-1][:1] in "(（"
        or UNIT_LINE.search(lines[-1])
        or re.search(r"[\u4e00-\u9fff）)]\s+[\u4e00-\u9fff（(]", ENGLISH.sub("", lines[-1]))  # 类别 学校数 …
    ):
        return None  # (万元) under a heading: the heading's unit, not a section; a line of headings
    words = ENGLISH.sub("", lines[-1]).replace(" ", "")
    return words if 2 <= len(words) <= 12 else None


def _year_line(norm: str, start: int, width: int) -> list[Cell] | None:
    """A heading line of bare years a few lines above the first row (Item 2006 2007): the year columns."""
    for line in reversed(norm[max(0, start - 300) : start].split("\n")[-5:]):
        years = list(BARE_YEAR.finditer(line))
        if len(years) >= width >= 1 and not re.search(r"\d", BARE_YEAR.sub("", line)):
            offset = norm.rfind(line, max(0, start - 300), start)
            return [Cell(offset + y.start(), offset + y.end(), y.group(1) + "年") for y in years[-width:]]
    return None


def _heading_cells(norm: str, start: int, width: int) -> list[Cell] | None:
    """The `width` column headings above a table's first row: the words of the lines between it and the blank
    line before (a heading split over lines, its unit in brackets on a line of its own: 学校占地面积 / (平方米)),
    the last `width` of them. None when those lines hold a sentence or a number that is no year."""
    end = norm.rfind("\n", 0, start)
    top = end
    while top > 0:
        line_start = norm.rfind("\n", 0, top) + 1
        line = norm[line_start:top]
        if not line.strip() or SPACE_ROW.fullmatch(line) or end - line_start > 400:
            break
        top = line_start - 1
    lines = norm[top + 1 : end] if end > 0 else ""
    if (
        not lines.strip()
        or re.search(r"[。；]|\d", HEADING_TOKEN.sub("", lines))
        or re.search(r"[*＊]", lines)
    ):
        return None  # a sentence, or a number that is no year: not the table's headings
    cells: list[Cell] = []
    for t in HEADING_TOKEN.finditer(lines):
        cell = Cell(top + 1 + t.start(), top + 1 + t.end(), t.group())
        if cells and cell.text[0] in "(（":  # (平方米) under 学校占地面积
            last = cells[-1]
            cells[-1] = Cell(last.start, cell.end, last.text + cell.text)
        else:
            cells.append(cell)
    return cells[-width:] if len(cells) >= width >= 2 else None


CORNER = re.compile(r"地区|项目|指标|类别|学校类别|区域|市县|县区|单位名称|名称")
SPACED_HAN = re.compile(r"(?<=[\u4e00-\u9fff）)])\s+(?=[\u4e00-\u9fff（(])")  # 济 南 市, 学龄儿童 入 学 率
# a heading that is nothing but a level's name (小 学 once closed up): a group over the columns of the next line
LEVEL_NAME = re.compile(r"幼儿园|学前教育|小学|初中|普通初中|普通高中|高中|中职|中等职业教育|特殊教育")


def _stacked_heads(rows: list[list[Cell]]) -> list[list[Cell]]:
    """A yearbook table whose heading row was served over several lines, a group's columns on the last one:
    | 地 区 | 学龄儿童 入 学 率 | / | 小 学 | 幼儿园数 （所） | / … / | 升学率 | 辍学率 | over | 济 南 市 | 100.00 | 99.70 |
    0.04 | … → one row 地区 | 学龄儿童入学率 | 小学升学率 | 小学辍学率 | 幼儿园数（所） | …, the one heading that
    names a level (小学) spanning the last line's columns. Labels spaced out to fill their cells are closed up."""
    first = next((k for k, row in enumerate(rows) if any(_is_value(c) for c in row)), None)
    corner = next(
        (k for k, row in enumerate(rows[:first]) if row and CORNER.fullmatch(_closed(row[0].text))), None
    )
    if first is None or corner is None or first - corner < 3:
        return rows
    width = Counter(len(row) for row in rows[first:]).most_common(1)[0][0]
    top = [c for row in rows[corner : first - 1] for c in row][1:]
    sub = rows[first - 1]
    groups = [k for k, c in enumerate(top) if LEVEL_NAME.fullmatch(_closed(c.text))]
    if len(groups) != 1 or len(top) - 1 + len(sub) != width - 1:
        return rows
    g = top[groups[0]]
    heads = [*top[: groups[0]], *(Cell(c.start, c.end, _closed(g.text) + _closed(c.text)) for c in sub)]
    heads += top[groups[0] + 1 :]
    closed = [Cell(c.start, c.end, _closed(c.text)) for c in heads]
    label = rows[corner][0]
    body = [[Cell(r[0].start, r[0].end, _closed(r[0].text)), *r[1:]] if r else r for r in rows[first:]]
    return [[Cell(label.start, label.end, _closed(label.text)), *closed], *body]


def _closed(text: str) -> str:
    return SPACED_HAN.sub("", text.strip())


def _merge_heads(norm: str, rows: list[list[Cell]]) -> list[list[Cell]]:
    """Two heading rows, the first grouping the second (merged cells, left empty or repeated): | 学校类别 |
    学校数（所） | | 在校学生数（人） | | over | | 合计 | 其中民办 | 合计 | 其中民办 | → one row of 学校数（所）合计,
    学校数（所）其中民办 … ."""
    if len(rows) < 3 or any(_is_value(c) for c in rows[1]) or not any(_is_value(c) for c in rows[2]):
        return rows
    top, sub = (_raw_cells(norm, r[0].start) for r in rows[:2])
    return _grouped(top, sub, rows[2:]) or rows


def _grouped(top: list[Cell], sub: list[Cell], rest: list[list[Cell]]) -> list[list[Cell]] | None:
    """One heading row from a grouping row and the row under it, both with their empty cells (`_merge_heads`).
    Read from a PDF the empty cells are lost: a row under the headings one cell short lacks the labels' column,
    and groups fewer than its columns each span as many (学校数（所） and 在校学生数（人） over four)."""
    width = Counter(len(_filled(r)) for r in rest).most_common(1)[0][0] if rest else 0
    # (| 项目 | 专任教师 | 外聘教师 | ||| over | 数量 | 比例(%) | 数量 | 比例(%) | ||: empty cells a web page's merged
    # cells left at the end of both rows hold nothing)
    top_full, sub_full = _filled(top), _filled(sub)
    if (
        len(sub_full) == width - 1 == len(_trimmed(sub))
        and len(top_full) == len(_trimmed(top)) >= 2
        and (width - 1) % (len(top_full) - 1) == 0
    ):
        spread = (width - 1) // (len(top_full) - 1)
        sub = [Cell(sub_full[0].start, sub_full[0].start, ""), *sub_full]
        top = [top_full[0], *(c for c in top_full[1:] for _ in range(spread))]
    if top and len(top) < len(sub):  # a trailing merged cell whose tab was cut
        top = top + [Cell(top[-1].end, top[-1].end, "")] * (len(sub) - len(top))
    if len(top) != len(sub) or len(top) < 3:
        return None
    heads, group = [], ""
    for k, (t, u) in enumerate(zip(top, sub, strict=True)):
        group = t.text or group if k else ""
        text = group if u.text in ("", group) else group + u.text
        heads.append(Cell(t.start if t.text else u.start, t.end if t.text else u.end, text or t.text))
    heads[0] = top[0] if top[0].text else sub[0]
    return [[c for c in heads if c.text], *rest]


def _filled(cells: list[Cell]) -> list[Cell]:
    return [c for c in cells if c.text]


def _trimmed(cells: list[Cell]) -> list[Cell]:
    """The cells without the empty ones at the end of the row."""
    end = len(cells)
    while end and not cells[end - 1].text:
        end -= 1
    return cells[:end]


def _tab_blocks(norm: str) -> list[list[list[Cell]]]:
    """Tables whose cells are separated by tabs, one row per line (a Word or web page table as read): the first
    row the headings (two heading rows merged), a label glued to its first number split off (普通小学1476)."""
    out = []
    for b in _line_runs(norm, TAB_LINE, _tab_cells):
        if any(NUMBER.fullmatch(c.text) for c in b[0][1:]):
            b = [[], *b]  # no heading row (a PDF whose headings wrapped over lines): the rows name nothing
        if len(b) < 2 or not any(NUMBER.fullmatch(c.text) for r in b[1:] for c in r):
            continue
        if (
            len(b) >= 3
            and b[0]
            and not any(NUMBER.fullmatch(c.text) for c in b[1])
            and any(_is_value(c) for c in b[2])
        ):
            b = _grouped(b[0], b[1], b[2:]) or b
        out.append(
            [r if r and r[0].text else [c for c in r if c.text] for r in b]
        )  # a row keeps its empty cells
    return out


def _tab_cells(norm: str, start: int, end: int) -> list[Cell]:
    cells, pos = [], start
    for k, piece in enumerate(norm[start:end].split("\t")):
        text = piece.strip()
        lead = len(piece) - len(piece.lstrip())
        glued = GLUED_LABEL.fullmatch(text) if k == 0 else None
        if glued and glued.group(1).strip():  # 普通小学1476: the normaliser took the tab after the label
            cells.append(Cell(pos + lead, pos + lead + len(glued.group(1)), glued.group(1)))
            cells.append(Cell(pos + lead + glued.start(2), pos + lead + glued.end(2), glued.group(2)))
        else:
            cells.append(Cell(pos + lead, pos + lead + len(text), text))
        pos += len(piece) + 1
    return cells


def _raw_cells(norm: str, at: int) -> list[Cell]:
    """The cells of the markdown row at `at`, empty ones kept (their column still counts)."""
    start, end = norm.rfind("\n", 0, at) + 1, norm.find("\n", at)
    end = len(norm) if end < 0 else end
    line = norm[start:end]
    inner_start = start + line.find("|") + 1 if line.lstrip().startswith("|") else start
    inner = norm[inner_start:end].rstrip()
    inner = inner[:-1] if inner.endswith("|") else inner
    cells, pos = [], inner_start
    for piece in inner.split("|"):
        text = piece.strip()
        lead = len(piece) - len(piece.lstrip())
        cells.append(Cell(pos + lead, pos + lead + len(text), text))
        pos += len(piece) + 1
    return cells


def _cells(norm: str, start: int, end: int) -> list[Cell]:
    cells, pos = [], start
    for piece in norm[start:end].split("|"):
        text = piece.strip()
        if text:
            lead = len(piece) - len(piece.lstrip())
            cells.append(Cell(pos + lead, pos + lead + len(text), text))
        pos += len(piece) + 1
    return cells


def _as_rows(block: list[list[Cell]]) -> list[list[Cell]]:
    """Markdown rows as they are; one cell per line regrouped: the headings, then each label and its numbers."""
    if sum(len(r) > 1 for r in block) * 2 >= len(block):
        return block
    cells = [c for r in block for c in r]
    rows: list[list[Cell]] = [[]]
    for k, c in enumerate(cells):
        opens = not _is_value(c) and k > 0 and _is_value(cells[k - 1])
        first_label = not _is_value(c) and k + 1 < len(cells) and _is_value(cells[k + 1]) and len(rows) == 1
        if opens or first_label:
            rows.append([])
        rows[-1].append(c)
    return rows


def _is_value(c: Cell) -> bool:
    return bool(NUMBER.fullmatch(c.text) or EMPTY.fullmatch(c.text) or RATIO_CELL.fullmatch(c.text))


def _cell_words(
    rows: list[list[Cell]],
    default_unit: str,
    title: str = "",
    ratio_cells: list[tuple[Cell, Cell, Cell]] | None = None,
    sum_cells: list[tuple[Cell, list[Cell]]] | None = None,
) -> dict[Cell, tuple[str, str, int | None]]:
    """For each number cell: (its row label + its column heading, the unit the heading counts, the year the
    heading is). A heading line with one word more than a row's numbers heads the labels with its first. A row
    whose label is a year (| 2012 | 1498 | 4498100 |) is that year's: its cells are named by their headings and
    the table's title (全市普通小学基本情况)."""
    if len(rows) < 2:
        return {}
    heads, group, grouped = _year_heads(rows[0])
    # 单位：所、万人 among the heading cells, or in a row of its own above the first value (填报单位：… | 单位：万元)
    heading_rows = (
        rows[: next((k for k, r in enumerate(rows) if any(map(_is_value, r))), len(rows))] or rows[:1]
    )
    stated = next((m for r in heading_rows for c in r if (m := UNIT_LINE.search(c.text))), None)
    default_unit = default_unit or (stated.group(1) if stated else "")
    out: dict[Cell, tuple[str, str, int | None]] = {}
    grid: list[tuple[str, list[Cell]]] = []
    grid_heads: list[str] = []  # the headings the rows of the grid are aligned with
    kind = part_kind = ""
    splits: list[tuple[list[Cell], list[list[Cell]]]] = []
    spanned = (
        ""  # the level a row of two label cells opened (学前教育 | 国家助学金 |): the rows under it share it
    )
    for row in rows[1:]:
        lead = next((k for k, c in enumerate(row) if _is_value(c)), len(row))
        if lead >= 2 and grouped:  # 普通中专 | 学校数 | 85 |: a new group, then its first row
            group = "".join(c.text for c in row[: lead - 1] if not _heading_only(c.text))
            part_kind = ""
        own = row[lead - 1].text if lead >= 1 else ""
        label = _grouped_label(group, own, kind, part_kind) if grouped and lead >= 1 else row[0].text
        if not grouped:
            label, spanned = _row_label(row, lead, spanned)
        values = row[lead:] if grouped and lead >= 1 else row[1:]
        if grouped and own[:1] in "#＃":
            part_kind = "" if levels_of(own) else own[1:].strip()
            if part_kind:  # #专任教师 | 23.55 | 21.23 |, then 高中 and 初中: the rows it is split into
                splits.append((values, []))
        elif grouped and part_kind and levels_of(own):
            splits[-1][1].append(values)
        elif grouped:
            kind, part_kind = own, ""
        year_row = YEAR_LABEL.fullmatch(label)
        if year_row is not None and len(values) <= len(heads) <= len(values) + 1:
            for c, heading in zip(values, heads[len(heads) - len(values) :], strict=True):
                if NUMBER.fullmatch(c.text):
                    out[c] = (title + heading, _unit_of(heading, default_unit), int(year_row.group(1)))
            continue
        if _is_value(row[0]) or not any(NUMBER.fullmatch(c.text) for c in values):
            continue
        headings = heads[1:] if len(heads) > len(values) else heads
        if len(values) == len(headings) - 1:  # a row that lost a cell: its ratio column says which
            values = _realigned(headings, values)
        aligned = len(values) == len(headings)
        if aligned and ratio_cells is not None:
            ratio_cells += _row_ratios(headings, values)
        if aligned:
            grid.append((label, values))
            grid_heads = headings
        row_unit = _unit_column(headings, values) if aligned else ""
        for k, c in enumerate(values):
            if NUMBER.fullmatch(c.text):
                heading = headings[k] if aligned else ""
                year = YEAR_HEADING.fullmatch(heading)
                if (
                    year is not None
                ):  # the row counts, or the corner above the labels says what all rows count
                    counted, unit = _corner(heads[0]) if len(heads) > len(values) else ("", "")
                    unit = unit or row_unit or _unit_of(counted, "") or _unit_of(label, default_unit)
                    out[c] = (label + counted, unit, int(year.group(1)))
                else:
                    unit = (
                        _unit_of(heading, row_unit or default_unit)
                        if aligned
                        else _unaligned_unit(c, default_unit)
                    )
                    out[c] = (label + heading, unit, None)
    if sum_cells is not None:
        sum_cells += _total_rows(grid, grid_heads)
        sum_cells += _unnamed_totals(grid, grid_heads)
        for total, parts in splits:
            sum_cells += _split_sums(total, parts)
    return out


def _unaligned_unit(c: Cell, stated: str) -> str:
    """The unit of a cell whose column is not known (its row lost cells): the table's stated unit (单位：万元) when
    the cell has decimals, which no count of persons, schools or classes has; else none."""
    return stated if "." in c.text and stated and stated not in ("人", "所", "个") else ""


def _row_label(row: list[Cell], lead: int, spanned: str) -> tuple[str, str]:
    """A row's label, and the level rows under it share. Every word cell before its first value names the row
    (义务教育 | 营养改善计划 | 307.55: 义务教育营养改善计划), a unit cell (所, 万元) left out; a row of one word cell right
    under rows of two whose first names a level stands in that level (its cell merged over them: 困难生生活补助 of
    义务教育)."""
    words = [c.text for c in row[1:lead] if c.text not in UNITS_SAID and not _heading_only(c.text)]
    first = row[0].text
    if words:
        return first + "".join(words), first if levels_of(first) else ""
    if lead == 1 and spanned and not levels_of(first):
        return spanned + first, spanned
    return first, ""


def _unnamed_totals(grid: list[tuple[str, list[Cell]]], headings: list[str]) -> list[tuple[Cell, list[Cell]]]:
    """A row the rows right after it add up to in every column, though no 合计 names it (普通中等专业学校 30 28 over
    中等技术学校 21 19 and 中等师范学校 9 9): proven per column, and a column one mistyped digit off is
    inconsistent when at least two other columns (or, in a table of two, the other one) add up exactly."""
    out: list[tuple[Cell, list[Cell]]] = []
    rows = [(label, values) for label, values in grid if not TOTAL_ROW.fullmatch(_row_name(label))]
    for r, (_, total) in enumerate(rows):
        for k in (2, 3, 4):
            parts = [values for _, values in rows[r + 1 : r + 1 + k]]
            if len(parts) < k or any(len(p) != len(total) for p in parts):
                break
            held, missed = _column_sums(total, parts, headings)
            if len(held) >= 2 and not missed:
                out += held
                break
            if _telling(held) and len(missed) == 1 and _telling(missed) and _one_digit_off(*missed[0]):
                out += held + missed  # every other column adds up
                break
    return out


def _telling(columns: list[tuple[Cell, list[Cell]]]) -> bool:
    """Some column's total has two digits or more: single digits add up (2 = 1 + 1), or miss by one digit, by chance."""
    return any(_value(total) >= 10 for total, _ in columns)


def _split_sums(total: list[Cell], parts: list[list[Cell]]) -> list[tuple[Cell, list[Cell]]]:
    """(a # kind row's cell, the cells of the level rows below it) for each year column that adds up, and the one
    that misses by a mistyped digit when every other column adds up (#专任教师 23.55 over 高中 6.44 + 初中 16.91)."""
    if len(parts) < 2 or any(len(p) != len(total) for p in parts):
        return []
    proven, rest = _column_sums(total, parts)
    if proven and len(rest) == 1 and _one_digit_off(*rest[0]):
        return proven + rest
    return proven


def _column_sums(
    total: list[Cell], parts: list[list[Cell]], headings: list[str] | None = None
) -> tuple[list[tuple[Cell, list[Cell]]], list[tuple[Cell, list[Cell]]]]:
    """(the columns the parts' cells add up to the total's cell in, the columns they do not), number cells only;
    with `headings`, columns of shares, ratios and averages are no sums (生师比, 巩固率, 生均…)."""
    columns = [
        (cell, [p[c] for p in parts])
        for c, cell in enumerate(total)
        if NUMBER.fullmatch(cell.text)
        and all(NUMBER.fullmatch(p[c].text) for p in parts)
        and (
            headings is None
            or "%" not in cell.text
            and not (c < len(headings) and NOT_ADDED.search(headings[c]))
        )
    ]
    held = [(cell, cells) for cell, cells in columns if _adds_up(cell, cells)]
    return held, [(cell, cells) for cell, cells in columns if not _adds_up(cell, cells)]


def _grouped_label(group: str, own: str, kind: str, part_kind: str) -> str:
    """A yearbook row's name within its group (普通中学): 学校数 → 普通中学学校数; a # part of the row above,
    a level (招生数 | #高中 → 普通中学高中招生数; 普通中学 | #高中 → 高中) or a kind (教职工数 | #专任教师 →
    普通中学专任教师); a level right after a # kind splits it (#专任教师 | 高中 | 初中 → 普通中学高中专任教师)."""
    if own[:1] in "#＃":
        name = own[1:].strip()
        if not levels_of(name):
            return group + name
        return group + name + ("" if levels_of(kind) else kind)
    if part_kind and levels_of(own):
        return group + own + part_kind
    return group + own


def _total_rows(grid: list[tuple[str, list[Cell]]], headings: list[str]) -> list[tuple[Cell, list[Cell]]]:
    """(a 合计/总计 row's cell, the cells above or below it in its column) where they add up to it: every other
    row, or every row that is no 其中/# part of another. Only what adds up is kept: a table's rows may list
    part of its total."""
    out = []
    totals = [k for k, (label, _) in enumerate(grid) if TOTAL_ROW.fullmatch(_row_name(label))]
    if len(totals) != 1 or len(grid) < 3:
        return out
    total = grid[totals[0]][1]
    grid = [
        (label, values) for label, values in grid if len(values) == len(total)
    ]  # rows read as aligned only
    totals = [k for k, (label, _) in enumerate(grid) if TOTAL_ROW.fullmatch(_row_name(label))]
    others = [values for k, (_, values) in enumerate(grid) if k != totals[0]]
    mains = [values for k, (label, values) in enumerate(grid) if k != totals[0] and not PART_ROW.match(label)]
    typos = []
    for col, cell in enumerate(total):
        if not NUMBER.fullmatch(cell.text) or "%" in cell.text:
            continue
        if col < len(headings) and NOT_ADDED.search(headings[col]):
            continue  # 生师比, 巩固率, 生均…: a column that does not add up
        candidates = [
            parts
            for parts in ([values[col] for values in rows] for rows in (others, mains))
            if len(parts) >= 2 and all(NUMBER.fullmatch(p.text) for p in parts)
        ]
        proven = next((parts for parts in candidates if _adds_up(cell, parts)), None)
        if proven is not None:
            out.append((cell, proven))
        elif candidates and _one_digit_off(cell, candidates[-1]):  # 合计 128 over 52 + 52 + 22 = 126: a typo
            typos.append((cell, candidates[-1]))  # (the rows that are no 其中 part of another)
        elif candidates:
            typos.append((cell, []))  # off by more: no typo, and the row's other typos are not sure either
    # …when every other column of a 合计 row adds up: rows that none adds up to may hold one another (合计 131 /
    # 基础教育 129 / 小学 62); a 全市 row may be compared with, not made of, the rows; 教学点 are no schools
    sure = (
        out
        and TYPO_TOTAL.fullmatch(_row_name(grid[totals[0]][0]))
        and len(typos) == 1
        and typos[0][1]
        and not any(NOT_A_PART.search(label) for k, (label, _) in enumerate(grid) if k != totals[0])
    )
    return out + typos if sure else out


def _row_name(label: str) -> str:
    """A row's label without spaces and its unit (合计（万元） is a 合计 row)."""
    return UNIT_IN_HEADING.sub("", label.replace(" ", ""))


def _value(c: Cell) -> float:
    return float(c.text.replace(",", "").rstrip("%"))


def _places(cells: list[Cell]) -> int:
    return max(len(c.text.split(".")[1]) if "." in c.text else 0 for c in cells)


def _adds_up(total: Cell, parts: list[Cell]) -> bool:
    places = _places([total, *parts])
    slack = 0.5 * 10**-places * len(parts) if places else 0.0  # whole numbers (counts) add up exactly
    return abs(sum(map(_value, parts)) - _value(total)) <= slack + 1e-9


def _one_digit_off(total: Cell, parts: list[Cell]) -> bool:
    """The column adds up to what the total would be with one digit mistyped or two next to each other swapped
    (45050 for 44050): every row is there, and the total is wrong. A bigger gap may be rows left out."""
    places = _places([total, *parts])
    return mistyped(f"{_value(total):.{places}f}", f"{sum(map(_value, parts)):.{places}f}")


def _heading_only(text: str) -> bool:
    """A year heading or a unit line repeated inside a yearbook table: no part of a row's name."""
    return bool(
        YEAR_HEADING.fullmatch(text) or UNIT_LINE.search(text) or text.replace(" ", "") in ("指标", "项目")
    )


def _year_heads(top: list[Cell]) -> tuple[list[str], str, bool]:
    """The heading row's texts, and for a yearbook page read one cell per line (高、中等学校基本情况 | 单位 | 指 标
    | 2005年 | 2012年 | 2013年 | 普通高等学校 |) the year columns alone and the group the first rows belong to:
    (["", "2005年", …], "普通高等学校", True). Other tables: (the texts, "", False)."""
    years = [k for k, c in enumerate(top) if YEAR_HEADING.fullmatch(c.text)]
    if len(years) < 2 or years != list(range(years[0], years[-1] + 1)) or years[-1] == len(top) - 1:
        return [c.text for c in top], "", False
    if all(CHANGE_HEADING.match(c.text.replace(" ", "")) for c in top[years[-1] + 1 :]):
        return (
            [c.text for c in top],
            "",
            False,
        )  # 项目 | 2022年 | 2023年 | 增减: a column of the changes, no group
    return ["", *(top[k].text for k in years)], "".join(c.text for c in top[years[-1] + 1 :]), True


def _row_ratios(headings: list[str], values: list[Cell]) -> list[tuple[Cell, Cell, Cell]]:
    """(the ratio cell, the cells it divides) for each column of the row whose heading is a ratio of two other
    columns: 学生与专任教师比 = 在校学生数 ÷ 专任教师数, 生师比, 平均班额 = 学生 ÷ 班级."""
    out = []
    for k, heading in enumerate(headings):
        parts = _ratio_parts(heading)
        if parts is None or not NUMBER.fullmatch(values[k].text):
            continue
        cols = [_column(headings, words, k) for words in parts]
        if None not in cols and cols[0] != cols[1]:
            a, b = (values[c] for c in cols)  # type: ignore[index]
            if NUMBER.fullmatch(a.text) and NUMBER.fullmatch(b.text):
                out.append((values[k], a, b))
    return out


def _ratio_parts(heading: str) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    if "%" in heading:
        return None  # 专任教师与教职工比（%）: a share in %, not a quotient
    bare = re.sub(r"[（(][^）)]*[）)]", "", heading).replace(" ", "")
    if bare.endswith("生师比"):
        return ("学生", "在校生"), ("专任教师", "教师")
    if re.search(r"(?:平均|班均)班额$|班均(?:学生|人数)$", bare):
        return ("学生", "在校生", "幼儿"), ("班级", "班数")
    m = RATIO_HEADING.fullmatch(bare)
    if m is None:
        return None
    return tuple((w, w.removesuffix("数").removesuffix("人")) for w in m.groups())  # type: ignore[return-value]


def _column(headings: list[str], words: tuple[str, ...], own: int) -> int | None:
    found = [k for k, h in enumerate(headings) if k != own and any(w and w in h for w in words)]
    return found[0] if len(found) == 1 else None


def _realigned(headings: list[str], values: list[Cell]) -> list[Cell]:
    """A row one cell short (| 普通高中 | 56 | 1853 | 89750 | 6996 | 12.83 | under six headings): the place of the
    lost cell is the one place where the row's ratio column divides its own cells; else the row as it was."""
    if not any(_ratio_parts(h) for h in headings):
        return values  # no ratio column: nothing tells where the cell was lost
    fits = []
    for gap in range(len(values) + 1):
        trial = [*values[:gap], Cell(-1, -1, ""), *values[gap:]]
        found = _row_ratios(headings, trial)
        if found and all(_divides(r, a, b) for r, a, b in found):
            fits.append(trial)
    return fits[0] if len(fits) == 1 else values


def _divides(r: Cell, a: Cell, b: Cell) -> bool:
    """a ÷ b is r at r's shown precision."""
    value, x, y = map(_value, (r, a, b))
    return y > 0 and abs(x / y - value) <= 0.5 * 10 ** -_places([r]) + 1e-9


def _unit_column(headings: list[str], values: list[Cell]) -> str:
    """The row's unit from a 单位 / 计量单位 column (| 普通小学在校学生数 | 万人 | 452.67 | 0.6 |)."""
    for heading, c in zip(headings, values, strict=True):
        if UNIT_HEADING.fullmatch(heading.replace(" ", "")) and c.text.strip() in UNITS_SAID:
            return c.text.strip()
    return ""


def _corner(heading: str) -> tuple[str, str]:
    """指标（在校学生数/人） above a table's labels: what every row counts (在校学生数) and in what (人)."""
    words = re.sub(r"指标|项目|类别|[（(）)]", "", heading)
    counted, _, unit = words.partition("/")
    return counted.strip(), unit.strip() if unit.strip() in UNITS_SAID else ""


def _row_unit(label: str, section: str, unit: str) -> str:
    """A row's unit: its own (小学毕业生升学率(%)), else its section's 计量单位 (技工学校 under 在校学生数 counts 人,
    not 所), else what its words count."""
    stated = UNIT_IN_HEADING.search(label)
    if stated:
        return stated.group(1)
    return _unit_of(label + section, unit) if "、" in unit else unit or _unit_of(label + section, "")


def _unit_of(heading: str, default_unit: str) -> str:
    stated = UNIT_IN_HEADING.search(heading)
    if stated:
        return stated.group(1)
    bare = re.sub(r"[（(][^）)]*[）)]", "", heading).strip()
    if RATIO_WORDS.search(bare):
        return ""  # 各类学校学生与专任教师的比例 | 高等学校 | 17: a ratio, though its row names schools
    counted = next((unit for rx, unit in COUNTED if rx.search(bare)), "")
    if counted == "人" and TEN_THOUSAND.search(heading):
        return "万人"  # 文盲人口减少人数(万): people in 万
    listed = re.split(r"[、，,]", default_unit)
    if len(listed) > 1:  # 单位：所、万人 — 学校数 in 所, 招生数 in 万人
        # (a row that names no kind — 高中 under #专任教师 — is left without a unit: either could be meant)
        if not counted and MONEY.search(bare):
            counted = "元"  # 单位：万元、所 — 教育经费 in 万元 (alone, a money heading's unit is not known)
        others = [u for u in listed if u != "%"]
        if not counted and len(others) == 1 and len(listed) == 2 and not re.search(r"率|比|%", bare):
            return others[0]  # 单位：人、% — 研究生 in 人, the 比例 column in %
        return next(
            (u for u in listed if counted and u.endswith(counted)), counted if counted != "元" else ""
        )
    return counted or (default_unit if "比" not in bare else "")


def _title(norm: str, start: int) -> str:
    """The table's title on the line before it, without its number: 表1 全市普通小学基本情况 → 全市普通小学基本情况
    (the subject of a table whose rows are years)."""
    lines = [x.strip() for x in norm[max(0, start - 80) : start].split("\n")]
    line = next((x for x in reversed(lines) if x), "")
    if "|" in line or len(line) > 40:
        return ""
    return TABLE_NUMBER.sub("", UNIT_LINE.sub("", line)).strip()


def _unit_line(norm: str, start: int) -> str:
    m = UNIT_LINE.search(norm[max(0, start - 60) : start])
    return m.group(1) if m else ""
