"""Last year's paragraphs cut into sections by its own headings: 一、 and （一）/(一) start a section (a heading that
leads a paragraph, “（一）全面加强党的领导。扎实开展…”, is split off it), 1. and （1） stay inside the text. Before the first
heading: 版头, title, 主送机关, opening; after the last text: 落款 and date. Each part is matched to the taxonomy
(parts by their keywords, sub-sections to indicators) for its id and kind."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from drafter.carry.last_read import Block, simplified
from drafter.carry.types import LastParagraph, LastSection, LastTable
from drafter.core.cn_dates import arabic_years
from drafter.core.taxonomy import Taxonomy
from drafter.core.types import SectionSpec, Table
from drafter.export.docx_text import date_text

H1 = re.compile(r"^([一二三四五六七八九十]{1,3})\s*[、.．]\s*")
H2 = re.compile(r"^[（(]\s*([一二三四五六七八九十]{1,3})\s*[)）]\s*")
HEADING_MAX = 40  # characters of a heading (a longer first sentence is text, not a heading)
TITLE_WORDS = re.compile(r"报告|履行教育职责|自评|自查")
DOC_NUMBER = re.compile(r"〔\s*\d{4}\s*〕\s*\d+\s*号")
YEAR = re.compile(r"((?:19|20)\d\d)\s*年")


@dataclass(frozen=True)
class Heading:
    depth: int
    numeral: str
    text: str  # as printed after the ordinal (a final 。 kept)
    length: int  # characters of the paragraph the heading takes (the rest is text)


def heading_of(text: str) -> Heading | None:
    """一、… / （一）… at the start of a paragraph: the whole paragraph, or its short first sentence."""
    simple = simplified(text)
    found = H1.match(simple) or H2.match(simple)
    if not found:
        return None
    depth = 1 if found.re is H1 else 2
    rest = simple[found.end() :]
    if len(rest) <= HEADING_MAX and not re.search(r"[。；！？]", rest[:-1]):
        return Heading(depth, found[1], text[found.end() :].rstrip(), len(text))
    stop = re.search(r"[。：:]", rest)
    if stop and 0 < stop.start() <= HEADING_MAX:
        return Heading(
            depth, found[1], text[found.end() : found.end() + stop.end()], found.end() + stop.end()
        )
    return None


def split_sections(blocks: list[Block], taxonomy: Taxonomy) -> list[LastSection]:
    first = next(
        (k for k, b in enumerate(blocks) if isinstance(b, LastParagraph) and heading_of(b.text)), len(blocks)
    )
    tail = _signature_start(blocks, first)
    sections = _front(blocks[:first]) + _body(blocks[first:tail], taxonomy)
    if tail < len(blocks):
        sections.append(LastSection(SectionSpec("signature", "signature"), _texts(blocks[tail:])))
    return sections


def _texts(blocks: list[Block]) -> tuple[LastParagraph, ...]:
    return tuple(b for b in blocks if isinstance(b, LastParagraph))


# ------------------------------------------------------------------ before the first heading
def _front(blocks: list[Block]) -> list[LastSection]:
    paras = list(_texts(blocks))
    title = next((k for k, p in enumerate(paras) if _is_title(p.text)), None)
    out = []
    if title is None:
        header = [p for p in paras if DOC_NUMBER.search(p.text) and len(p.text) <= 30]
        rest = [p for p in paras if p not in header]
    else:
        end = title + 1
        while (
            end < len(paras) and len(paras[end].text) <= 20 and not re.search(r"[，。：:,]", paras[end].text)
        ):
            end += 1
        header, rest = paras[:title], paras[end:]
        out.append(LastSection(SectionSpec("title", "title"), tuple(paras[title:end])))
    if header:
        out.insert(0, LastSection(SectionSpec("header", "header"), tuple(header)))
    if rest and _is_addressee(rest[0].text):
        out.append(LastSection(SectionSpec("addressee", "addressee"), (rest[0],)))
        rest = rest[1:]
    if rest:
        out.append(LastSection(SectionSpec("opening", "opening"), tuple(rest)))
    return out


def _is_title(text: str) -> bool:
    return (
        len(text) <= 80 and bool(TITLE_WORDS.search(simplified(text))) and not re.match(r"根据|按照|为", text)
    )


def _is_addressee(text: str) -> bool:
    return len(text) <= 40 and text.endswith(("：", ":")) and not re.match(r"根据|按照|现将", text)


# ------------------------------------------------------------------ 落款
def _signature_start(blocks: list[Block], first: int) -> int:
    """Where the 落款 starts: the short lines before the last date among the final paragraphs."""
    last = len(blocks)
    dates = [
        k
        for k in range(max(first, last - 6), last)
        if isinstance(blocks[k], LastParagraph) and date_text(blocks[k].text)
    ]
    if not dates:
        return last
    start = dates[-1]
    while start - 1 > first and _is_signer(blocks[start - 1]):
        start -= 1
    return start


def _is_signer(block: Block) -> bool:
    return (
        isinstance(block, LastParagraph) and len(block.text) <= 30 and not re.search(r"[。；，,]", block.text)
    )


# ------------------------------------------------------------------ the numbered parts
def _body(blocks: list[Block], taxonomy: Taxonomy) -> list[LastSection]:
    sections: list[LastSection] = []
    used: set[str] = {"header", "title", "addressee", "opening", "signature"}
    parent = ""
    for block in blocks:
        heading = heading_of(block.text) if isinstance(block, LastParagraph) else None
        if heading is not None:
            spec = _spec(heading, taxonomy, used, parent, len(sections))
            parent = spec.id if heading.depth == 1 else parent
            head, rest = _cut(block, heading)
            sections.append(LastSection(spec, (rest,) if rest else (), head))
        elif sections and isinstance(block, LastParagraph):
            sections[-1] = replace(sections[-1], paragraphs=(*sections[-1].paragraphs, block))
        elif sections:
            sections[-1] = replace(sections[-1], tables=(*sections[-1].tables, _table(block)))
    return sections


def _cut(block: LastParagraph, heading: Heading) -> tuple[LastParagraph, LastParagraph | None]:
    head = replace(block, text=block.text[: heading.length])
    text = block.text[heading.length :]
    lead = len(text) - len(text.lstrip())
    rest = replace(block, text=text.strip(), offset=block.offset + heading.length + lead)
    return head, (rest if rest.text else None)


def _table(block: LastTable) -> Table:
    rows = block.rows or ((),)
    return Table("", tuple(rows[0]), tuple(tuple(r) for r in rows[1:]))


def _spec(heading: Heading, taxonomy: Taxonomy, used: set[str], parent: str, n: int) -> SectionSpec:
    words = simplified(heading.text)
    if heading.depth == 1:
        part = _best(words, [(p, p.keywords, p.heading) for p in taxonomy.parts])
        ident, kind, code = (part.id if part else f"part-{n + 1}"), (part.kind if part else "results"), ""
        ordinal = heading.numeral
    else:
        ind = _best(words, [(i, i.keywords, i.name) for i in taxonomy.indicators])
        ident, kind, code = (ind.code if ind else f"sub-{n + 1}"), "indicator", (ind.code if ind else "")
        ordinal = f"（{heading.numeral}）"
    ident = _unique(ident, used)
    return SectionSpec(
        id=ident,
        kind=kind,
        heading=heading.text.strip(),
        ordinal=ordinal,
        depth=heading.depth,
        indicator=code,
        parent=parent if heading.depth == 2 else "",
    )


def _best(words: str, candidates: list) -> object | None:
    scores = [
        (sum(len(k) for k in keywords if k in words) + (10 if name and name in words else 0), item)
        for item, keywords, name in candidates
    ]
    score, item = max(scores, key=lambda t: t[0], default=(0, None))
    return item if score > 0 else None


def _unique(ident: str, used: set[str]) -> str:
    out, n = ident, 2
    while out in used:
        out, n = f"{ident}-{n}", n + 1
    used.add(out)
    return out


def report_year(sections: list[LastSection]) -> int:
    """The year LAST reports on: the year in its title, else the year it names most often (the latest on a tie)."""
    title = next((s for s in sections if s.spec.kind == "title"), None)
    if title is not None:
        found = YEAR.search(arabic_years(simplified("".join(p.text for p in title.paragraphs))))
        if found:
            return int(found[1])
    text = arabic_years(simplified("\n".join(p.text for s in sections for p in s.paragraphs)))
    counts = Counter(int(y) for y in YEAR.findall(text))
    return max(counts, key=lambda y: (counts[y], y)) if counts else 0
