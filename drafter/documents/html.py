"""A saved web page: the article only — the CMS's article block (`div.TRS_Editor` on many government sites),
`<article>`, or else the largest block of text — never menus, counters, 发布时间, phone or ICP lines."""

from __future__ import annotations

import re
from pathlib import Path

from drafter.core.errors import InputError
from drafter.core.inputs import TEXT_NOTES, decode_text
from drafter.documents.paragraphs import lay_out
from drafter.documents.types import Document

# article blocks of the CMSs that Chinese government sites run on (TRS WCM, 开普云 UCAP, Hanweb …)
ARTICLE_XPATHS = (
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' TRS_Editor ')]",
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' TRS_UEDITOR ')]",
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' Custom_UnionStyle ')]",
    "//*[@id='UCAP-CONTENT' or @id='zoom' or @id='Zoom' or @id='js_content']",
    "//article",
)
BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "tr",
        "table",
        "tbody",
        "thead",
        "section",
        "article",
        "blockquote",
        "pre",
        "center",
        "header",
        "footer",
        "main",
        "figure",
        "figcaption",
    ]
)
SKIP_TAGS = frozenset(
    ["script", "style", "noscript", "template", "iframe", "object", "svg", "button", "select", "form"]
)
CANDIDATE_TAGS = ("div", "td", "section", "main", "article", "body")
MIN_ARTICLE = 150  # characters: less than this in the best block is not an article
_SPACES = re.compile(r"[ \t\r\n\f\v\u00a0]+")
_CELL = re.compile(r" ?\x1f ?")  # a table-cell boundary, a tab once the spaces are collapsed


def read_html(path: Path, data: bytes) -> Document:
    text, encoding = decode_text(data, path)
    root = _parse(text, path)
    article = _article(root)
    if article is None:
        raise InputError(
            "网页中没有找到正文（只有菜单、链接或简短通知）/ no article found in the web page (only menus, links or a short notice)",
            path=str(path),
            hint="请保存报告正文所在的网页，或把正文复制到 .txt 文件 / save the page of the report itself, or copy its text into a .txt file",
        )
    body, paragraphs = lay_out((line, 0) for line in block_lines(article))
    note = TEXT_NOTES.get(encoding, "")
    return Document(
        path=str(path),
        format="html",
        text=body,
        paragraphs=paragraphs,
        title=_title(root) or (paragraphs[0].text[:60] if paragraphs else ""),
        notes=(note,) if note else (),
    )


def _parse(text: str, path: Path):
    import lxml.html
    from lxml.etree import ParserError

    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)  # lxml refuses an encoding declaration in a str
    try:
        return lxml.html.document_fromstring(text)
    except (ParserError, ValueError) as exc:
        raise InputError(
            f"无法读取的网页 / not a readable web page ({exc})",
            path=str(path),
            hint="请重新保存网页 / save the page again",
        ) from None


def _article(root):
    """The CMS's own article block when there is one with text, else the largest block of text."""
    for xpath in ARTICLE_XPATHS:
        found = [node for node in root.xpath(xpath) if _text_length(node)]
        if found:
            return max(found, key=_text_length)
    best = max(
        (node for tag in CANDIDATE_TAGS for node in root.iter(tag)), key=_own_text_length, default=None
    )
    return best if best is not None and _own_text_length(best) >= MIN_ARTICLE else None


def _text_length(node) -> int:
    return sum(len(line) for line in block_lines(node))


def _own_text_length(node) -> int:
    """Text held by the node itself and its inline children — not by nested blocks, not inside links."""
    total = len((node.text or "").strip())
    for child in node:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag not in BLOCK_TAGS or tag == "p":
            total += 0 if tag == "a" or tag in SKIP_TAGS else len(_SPACES.sub("", child.text_content()))
        total += len((child.tail or "").strip())
    return total


def block_lines(node) -> list[str]:
    """The node's text, one line per block (p, div, li, br, table row …); table cells joined by a tab."""
    lines = [""]
    _walk(node, lines)
    cleaned = (_CELL.sub("\t", _SPACES.sub(" ", line)).strip(" \u3000") for line in lines)
    return [line for line in cleaned if line.strip("\t")]


def _walk(node, lines: list[str]) -> None:
    tag = node.tag if isinstance(node.tag, str) else ""
    if tag == "table" and not node.xpath(".//table"):  # a table of data, not one that lays out the page
        lines.extend("\x1f".join(row) for row in _grid(node))
        lines.append(node.tail or "")
        return
    if tag and tag not in SKIP_TAGS:
        if tag in BLOCK_TAGS or tag == "br":
            lines.append("")
        elif tag in ("td", "th") and lines[-1]:
            lines[-1] += "\x1f"
        lines[-1] += node.text or ""
        for child in node:
            _walk(child, lines)
        if tag in BLOCK_TAGS:
            lines.append("")
    lines[-1] += node.tail or ""


def _grid(table) -> list[list[str]]:
    """The table's rows, one text per column: a cell's paragraphs joined, a cell spanning columns or rows read
    once and its other places left empty (学校数（所） over 合计 and 其中民办 keeps both their columns)."""
    rows: list[list[str]] = []
    below: dict[int, int] = {}  # column -> rows a cell above still covers
    for tr in table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr"):
        row: list[str] = []
        cells = iter(tr.xpath("./td|./th"))
        col = 0
        while True:
            if below.get(col, 0) > 0:
                below[col] -= 1
                row.append("")
                col += 1
                continue
            cell = next(cells, None)
            if cell is None:
                break
            across, down = (_span(cell.get(name)) for name in ("colspan", "rowspan"))
            row += [_SPACES.sub(" ", cell.text_content()).strip()] + [""] * (across - 1)
            for k in range(across):
                if down > 1:
                    below[col + k] = down - 1
            col += across
        for k in sorted(
            c for c, n in below.items() if c >= col and n > 0
        ):  # covered columns at the row's end
            row += [""] * (k - col) + [""]
            below[k] -= 1
            col = k + 1
        rows.append(row)
    return rows


def _span(value: str | None) -> int:
    try:
        return min(max(int(value or 1), 1), 50)
    except ValueError:
        return 1


def _title(root) -> str:
    """The page's heading (h1, or an element whose class says title), else the <title> without the site name."""
    for xpath in ("//h1", "//*[contains(@class, 'title') or contains(@id, 'title')]"):
        for node in root.xpath(xpath):
            text = _SPACES.sub(" ", node.text_content()).strip()
            if 6 <= len(text) <= 80:
                return text
    head = root.find(".//title")
    parts = re.split(r"\s*[-_|｜—]+\s*", (head.text_content() if head is not None else "").strip())
    return max(parts, key=len) if parts else ""
