"""Tables in the text: each number of a cell named by its row and its column, in the unit its column counts.

Reports and 统计公报 pasted from the web carry tables in two shapes: markdown rows (`| 小学 | 334 | 8697 |`) and
one cell per line (`学校数 |` / `小学 |` / `334 |` …, what a page's table gives as text). A cell's number has
no words of its own around it: its words are the row's label and the column's heading (小学 + 学校数), and
its unit is the one the heading counts (学校数 → 所, 在校学生数 → 人, 金额（万元） → 万元) or the table's
单位 line. A row whose cells do not line up with the headings (a cell left out) gives its numbers the row's
label only.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

from drafter.core.types import Figure

CELL_LINE = re.compile(r"(?m)^[^\n|]*\|[^\n]*$")
NUMBER = re.compile(r"[-+]?\d[\d,]*(?:\.\d+)?%?")
EMPTY = re.compile(r"[/／\-—–]*")
RULE = re.compile(r"[\s|:：\-—]*")
UNIT_IN_HEADING = re.compile(r"[（(](万元|亿元|元|万人|人|所|个|%|万平方米|平方米)[)）]")
UNIT_LINE = re.compile(r"单位[：:]\s*(万元|亿元|元|万人|人|所|个|%)")
COUNTED = (  # what a heading counts, by its last words
    (re.compile(r"(?:学校|校|园|幼儿园)(?:数|数量)?$"), "所"),
    (re.compile(r"(?:班级|班)(?:数|数量)?$"), "个"),
    (re.compile(r"(?:学生|在校生|幼儿|儿童|教职工|教师|人员|毕业生|招生)(?:数|人数)?$|人数$"), "人"),
)
MIN_CELLS = 6


@dataclass(frozen=True)
class Cell:
    start: int
    end: int
    text: str


def read_tables(norm: str, figures: tuple[Figure, ...]) -> tuple[tuple[Figure, ...], dict[int, str]]:
    """The figures with the units their columns count, and the words (row label + heading) of each figure in
    a table cell, by figure index."""
    words: dict[int, tuple[str, str]] = {}
    starts = [f.start for f in figures]  # figures are in text order
    for block in _blocks(norm):
        unit = _unit_line(norm, block[0][0].start)
        for cell, (label, unit_of_cell) in _cell_words(block, unit).items():
            for i in range(bisect.bisect_left(starts, cell.start), bisect.bisect_left(starts, cell.end)):
                if not figures[i].ignored:
                    words[i] = (label, unit_of_cell)
    out = list(figures)
    for i, (_, unit) in words.items():
        if unit and not out[i].unit:
            out[i] = replace(out[i], unit=unit)
    return tuple(out), {i: label for i, (label, _) in words.items()}


def _blocks(norm: str) -> list[list[list[Cell]]]:
    """Each run of consecutive lines holding '|', as rows of cells (one cell per line: one row of all)."""
    blocks: list[list[list[Cell]]] = []
    rows: list[list[Cell]] = []
    last_end = -2
    for m in CELL_LINE.finditer(norm):
        if m.start() != last_end + 1 and rows:
            blocks.append(rows)
            rows = []
        last_end = m.end()
        row = _cells(norm, m.start(), m.end())
        if row and not all(RULE.fullmatch(c.text) for c in row):
            rows.append(row)
    if rows:
        blocks.append(rows)
    return [_as_rows(b) for b in blocks if sum(len(r) for r in b) >= MIN_CELLS]


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
    return bool(NUMBER.fullmatch(c.text) or EMPTY.fullmatch(c.text))


def _cell_words(rows: list[list[Cell]], default_unit: str) -> dict[Cell, tuple[str, str]]:
    """For each number cell: (its row label + its column heading, the unit the heading counts)."""
    if len(rows) < 2:
        return {}
    headings = [c.text for c in rows[0][1:]]
    out: dict[Cell, tuple[str, str]] = {}
    for row in rows[1:]:
        label, values = row[0].text, row[1:]
        if _is_value(row[0]) or not any(NUMBER.fullmatch(c.text) for c in values):
            continue
        aligned = len(values) == len(headings)
        for k, c in enumerate(values):
            if NUMBER.fullmatch(c.text):
                heading = headings[k] if aligned else ""
                out[c] = (label + heading, _unit_of(heading, default_unit) if aligned else "")
    return out


def _unit_of(heading: str, default_unit: str) -> str:
    stated = UNIT_IN_HEADING.search(heading)
    if stated:
        return stated.group(1)
    bare = re.sub(r"[（(][^）)]*[）)]", "", heading).strip()
    return next((unit for rx, unit in COUNTED if rx.search(bare)), default_unit if "比" not in bare else "")


def _unit_line(norm: str, start: int) -> str:
    m = UNIT_LINE.search(norm[max(0, start - 60) : start])
    return m.group(1) if m else ""
