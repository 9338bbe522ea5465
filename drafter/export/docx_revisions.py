"""A .docx body read as Word shows it with every tracked change accepted: paragraphs, tables, styles, revisions.

Inserted text (`w:ins`, `w:moveTo`) counts, deleted text (`w:del`, `w:moveFrom`, `w:delText`) does not, and a
paragraph whose mark was deleted runs on into the next one. Revisions still pending are counted, so a caller can
say that it read them as accepted. `visible_runs` is the one definition of a paragraph's text: the import reads
it, and the redline writer splits runs by offsets into it.

Only lxml on the package's XML parts (python-docx cannot see revision marks); the file comes in through
`drafter.core.inputs` (size limit, zip members checked before inflating).
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from drafter.core.errors import InputError
from drafter.core.inputs import check_zip, read_bytes

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DOCUMENT = "word/document.xml"
STYLES = "word/styles.xml"
HIDDEN = frozenset({"del", "moveFrom", "pPr", "rPr", "sectPr", "tblPr", "trPr", "tcPr", "txbxContent"})
RUN_TEXT = {"t": None, "tab": "\t", "noBreakHyphen": "-", "softHyphen": ""}


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def local(element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


@dataclass(frozen=True)
class WordParagraph:
    text: str
    style: str  # the style's name (公文标题, 一级标题, Normal …), "" when none is set
    index: int  # the first of `paragraphs(body)` this paragraph comes from


@dataclass(frozen=True)
class WordTable:
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class WordBody:
    blocks: tuple[WordParagraph | WordTable, ...]
    insertions: int = 0  # tracked insertions still pending (read as accepted)
    deletions: int = 0  # tracked deletions still pending (read as accepted)


# ------------------------------------------------------------------ the package
def read_package(path: Path, *, what: str = "Word document") -> dict[str, bytes]:
    """The XML parts a reader needs, from a .docx checked by core.inputs; InputError for anything else."""
    path = Path(path)
    data = read_bytes(path, what=what)
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise InputError(
            "不是 .docx 文件 / is not a .docx file (not a zip package)",
            path=str(path),
            hint="请用 Word/WPS 打开后另存为 .docx / open it in Word/WPS, save as .docx",
        )
    check_zip(path, data=data)
    return package_parts(data, str(path))


def package_parts(data: bytes, name: str = "") -> dict[str, bytes]:
    """document.xml and styles.xml of a .docx already checked (or written by Drafter itself)."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = set(package.namelist())
        if DOCUMENT not in names:
            raise InputError(
                "不是 Word 文档 / is not a Word document (no word/document.xml)",
                path=name,
                hint="请给出 Word 或 WPS 保存的 .docx（表格、演示文稿不行）/ give a .docx saved by Word or WPS (a spreadsheet or presentation will not do)",
            )
        try:
            return {part: package.read(part) for part in (DOCUMENT, STYLES) if part in names}
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as exc:  # a damaged member
            raise InputError(
                f"Word 文件的一部分已损坏 / a part of the Word file is damaged ({exc})",
                path=name,
                hint="请用 Word/WPS 打开后重新保存 / open it in Word/WPS and save it again",
            ) from None


def parse_xml(data: bytes, path: str = ""):
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, remove_blank_text=False
    )
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(
            f"Word 文件内容已损坏 / the Word XML is damaged ({exc})",
            path=path,
            hint="请用 Word/WPS 打开后重新保存 / open it in Word/WPS and save it again",
        ) from None


def style_names(styles_xml: bytes | None) -> dict[str, str]:
    """styleId → name (GwHeading1 → 一级标题)."""
    if not styles_xml:
        return {}
    root = parse_xml(styles_xml)
    names = {}
    for style in root.iter(w("style")):
        name = style.find(w("name"))
        names[style.get(w("styleId"), "")] = name.get(w("val"), "") if name is not None else ""
    return names


def body_of(document):
    body = document.find(w("body"))
    if body is None:
        raise InputError(
            "Word 文档没有正文 / the Word document has no body",
            hint="请用 Word/WPS 打开后重新保存 / open it in Word/WPS and save it again",
        )
    return body


# ------------------------------------------------------------------ paragraphs and runs
def paragraphs(body) -> list:
    """Every w:p of the body in document order (table cells included, text boxes not)."""
    return [p for p in body.iter(w("p")) if not any(local(a) == "txbxContent" for a in p.iterancestors())]


def visible_runs(paragraph) -> list[tuple[object, str]]:
    """(w:r, its text) for every run Word shows with all changes accepted, in order."""
    return [(run, run_text(run)) for run in _runs(paragraph)]


def _runs(element) -> Iterator:
    for child in element:
        name = local(child)
        if name == "r":
            yield child
        elif name and name not in HIDDEN and name != "p":
            yield from _runs(child)  # w:ins, w:moveTo, w:hyperlink, w:smartTag, w:sdt, w:fldSimple …


def run_text(run) -> str:
    parts = []
    for child in run:
        name = local(child)
        if name in RUN_TEXT:
            parts.append(child.text or "" if RUN_TEXT[name] is None else RUN_TEXT[name])
    return "".join(parts)


def paragraph_text(paragraph) -> str:
    return "".join(text for _, text in visible_runs(paragraph))


def mark_deleted(paragraph) -> bool:
    """The paragraph mark itself is a pending deletion: the paragraph runs on into the next one."""
    ppr = paragraph.find(w("pPr"))
    rpr = ppr.find(w("rPr")) if ppr is not None else None
    return rpr is not None and (rpr.find(w("del")) is not None or rpr.find(w("moveFrom")) is not None)


def paragraph_style(paragraph, names: dict[str, str]) -> str:
    ppr = paragraph.find(w("pPr"))
    style = ppr.find(w("pStyle")) if ppr is not None else None
    style_id = style.get(w("val"), "") if style is not None else ""
    return names.get(style_id, style_id)


# ------------------------------------------------------------------ the body as blocks
def read_body(path: Path) -> WordBody:
    """The .docx at `path` as paragraphs and tables, every tracked change read as accepted."""
    return body_from_parts(read_package(Path(path)), str(path))


def body_from_parts(parts: dict[str, bytes], name: str = "") -> WordBody:
    document = parse_xml(parts[DOCUMENT], name)
    body = body_of(document)
    names = style_names(parts.get(STYLES))
    index = {p: k for k, p in enumerate(paragraphs(body))}  # elements as keys keep lxml's proxies alive
    blocks = list(_blocks(body, names, index))
    insertions = sum(1 for tag in ("ins", "moveTo") for _ in body.iter(w(tag)))
    deletions = sum(1 for tag in ("del", "moveFrom") for _ in body.iter(w(tag)))
    return WordBody(tuple(blocks), insertions, deletions)


def _blocks(container, names: dict[str, str], index: dict) -> Iterator[WordParagraph | WordTable]:
    carry: WordParagraph | None = None  # a paragraph whose mark was deleted, waiting for the next one
    for child in container:
        name = local(child)
        if name == "p":
            para = WordParagraph(paragraph_text(child), paragraph_style(child, names), index[child])
            if carry is not None:
                para = WordParagraph(carry.text + para.text, carry.style, carry.index)
            carry = para if mark_deleted(child) else None
            if carry is None:
                yield para
        elif name == "tbl":
            yield WordTable(tuple(table_rows(child)))
        elif name in ("sdt", "sdtContent", "customXml", "ins", "moveTo"):
            yield from _blocks(child, names, index)
    if carry is not None:
        yield carry


def table_rows(table) -> Iterator[tuple[str, ...]]:
    for row in table.findall(w("tr")):
        trpr = row.find(w("trPr"))
        if trpr is not None and trpr.find(w("del")) is not None:
            continue  # a deleted row
        cells = []
        for cell in row.findall(w("tc")):
            cells.append("".join(paragraph_text(p) for p in cell.findall(w("p"))))
        yield tuple(cells)
