"""The GB/T 9704-2012 page of a 公文 in python-docx: page, grid, styles, footers and fonts — no text."""

from __future__ import annotations

import math
import shutil
import subprocess
from dataclasses import dataclass

from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm

# ------------------------------------------------------------------ the numbers of the standard
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}  # 版心 156 × 225 mm on A4
PAGE_MM = (210, 297)
LINES_PER_PAGE, CHARS_PER_LINE = 22, 28
LINE_TWIPS = 579  # 28.95 pt: 22 lines fill the 225 mm 版心
BODY_HALF_POINTS = 32  # 三号 16 pt
TITLE_HALF_POINTS = 44  # 二号 22 pt
PAGE_NO_HALF_POINTS = 28  # 四号 14 pt
TABLE_HALF_POINTS = 24  # 小四 12 pt
FOOTER_MM = 21  # page number sits about 7 mm below the 版心
RED = "FF0000"
# The 28-character grid is in w:docGrid (Word's and WPS's 页面设置 show 22 行 × 28 字), but paragraphs do not
# snap to it: LibreOffice gives a 16 pt glyph two 15.8 pt grid cells (14 characters a line). Instead the
# body is condensed by 0.3 pt a character, so 28 fit in every editor; exact line spacing keeps 22 lines.
CONDENSE_TWIPS = -6

FONT_BODY, FONT_TITLE, FONT_H1, FONT_H2, FONT_PAGE = (
    "仿宋_GB2312",
    "方正小标宋简体",
    "黑体",
    "楷体_GB2312",
    "宋体",
)
STANDARD_FONTS = (FONT_BODY, FONT_TITLE, FONT_H1, FONT_H2, FONT_PAGE)
FALLBACKS = {  # what a machine without the licensed fonts usually has instead
    FONT_BODY: ("仿宋", "FangSong", "STFangsong"),
    FONT_TITLE: ("华文中宋", "STZhongsong", "宋体"),
    FONT_H1: ("SimHei", "STHeiti", "Noto Sans CJK SC"),
    FONT_H2: ("楷体", "KaiTi", "STKaiti"),
    FONT_PAGE: ("SimSun", "STSong", "Noto Serif CJK SC"),
}
THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def twips(mm: float) -> int:
    return round(mm * 1440 / 25.4)


def text_width_twips() -> int:
    return twips(PAGE_MM[0]) - twips(MARGINS_MM["left"]) - twips(MARGINS_MM["right"])


def char_pitch_twips() -> float:
    return text_width_twips() / CHARS_PER_LINE


def char_space() -> int:
    """w:charSpace: extra pitch over the 16 pt body character in 1/4096 pt so that 28 characters fit."""
    return math.floor((char_pitch_twips() / 20 - BODY_HALF_POINTS / 2) * 4096)


def indent_twips(chars: float) -> int:
    return round(chars * char_pitch_twips())


# ------------------------------------------------------------------ low-level XML helpers
# Word rejects a file whose property children are out of schema order, so new children are inserted in it.
ORDER = {
    "w:pPr": "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr "
    "shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN "
    "bidi adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc "
    "textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange",
    "w:rPr": "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof "
    "snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd "
    "fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath",
    "w:tblPr": "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc "
    "tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook",
    "w:tcPr": "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection tcFitText vAlign hideMark",
    "w:pBdr": "top left bottom right between bar",
    "w:tblBorders": "top left bottom right insideH insideV",
    "w:sectPr": "headerReference footerReference footnotePr endnotePr type pgSz pgMar paperSrc pgBorders "
    "lnNumType pgNumType cols formProt vAlign noEndnote titlePg textDirection bidi rtlGutter "
    "docGrid printerSettings sectPrChange",
}
RANKS = {
    qn(parent): {qn(f"w:{name}"): i for i, name in enumerate(seq.split())} for parent, seq in ORDER.items()
}


def child(parent, tag: str):
    """The first child `tag` of `parent`, created in schema order when missing."""
    found = parent.find(qn(tag))
    if found is not None:
        return found
    found = OxmlElement(tag)
    ranks = RANKS.get(parent.tag, {})
    rank = ranks.get(found.tag, len(ranks))
    later = next((c for c in parent if ranks.get(c.tag, -1) > rank), None)
    if later is None:
        parent.append(found)
    else:
        later.addprevious(found)
    return found


def set_attrs(element, **attrs: object) -> None:
    for key, value in attrs.items():
        element.set(qn(f"w:{key}"), str(value))


def set_fonts(rpr, font: str, ascii_font: str | None = None) -> None:
    """Name the font for East Asian and Latin text alike, with no theme fonts."""
    fonts = rpr.get_or_add_rFonts() if hasattr(rpr, "get_or_add_rFonts") else child(rpr, "w:rFonts")
    for attr in THEME_ATTRS:
        fonts.attrib.pop(qn(attr), None)
    latin = ascii_font or font
    set_attrs(fonts, ascii=latin, hAnsi=latin, eastAsia=font, cs=latin)


def set_size(rpr, half_points: int) -> None:
    set_attrs(child(rpr, "w:sz"), val=half_points)
    set_attrs(child(rpr, "w:szCs"), val=half_points)


# ------------------------------------------------------------------ styles
@dataclass(frozen=True)
class StyleSpec:
    style_id: str
    name: str
    font: str
    half_points: int = BODY_HALF_POINTS
    bold: bool = False
    align: str = "both"  # w:jc
    indent_chars: float = 2  # first-line indent
    outline: int | None = None  # navigation-pane level
    color: str = ""
    line: str = "exact"  # exact grid line or auto (single)
    keep_next: bool = False  # never the last line of a page


STYLES = (
    StyleSpec(
        "GwTitle",
        "公文标题",
        FONT_TITLE,
        TITLE_HALF_POINTS,
        align="center",
        indent_chars=0,
        outline=0,
        keep_next=True,
    ),
    StyleSpec("GwHeading1", "一级标题", FONT_H1, outline=0, keep_next=True),
    StyleSpec("GwHeading2", "二级标题", FONT_H2, outline=1, keep_next=True),
    StyleSpec("GwHeading3", "三级标题", FONT_BODY),
    StyleSpec("GwHeading4", "四级标题", FONT_BODY),
    StyleSpec("GwAddressee", "主送机关", FONT_BODY, indent_chars=0),
    StyleSpec("GwSignature", "发文机关署名", FONT_BODY, align="right", indent_chars=0),
    StyleSpec("GwDate", "成文日期", FONT_BODY, align="right", indent_chars=0),
    StyleSpec(
        "GwIssuerMark", "发文机关标志", FONT_TITLE, 60, align="center", indent_chars=0, color=RED, line="auto"
    ),
    StyleSpec("GwDocNumber", "发文字号", FONT_BODY, align="center", indent_chars=0),
    StyleSpec("GwCaption", "表格标题", FONT_H1, 28, align="center", indent_chars=0, keep_next=True),
    StyleSpec(
        "GwTableText", "表格文字", FONT_BODY, TABLE_HALF_POINTS, align="center", indent_chars=0, line="auto"
    ),
    StyleSpec(
        "GwPageNumber", "页码", FONT_PAGE, PAGE_NO_HALF_POINTS, align="right", indent_chars=0, line="auto"
    ),
)


def set_paragraph_format(ppr, spec: StyleSpec) -> None:
    if spec.keep_next:
        child(ppr, "w:keepNext")
    set_attrs(child(ppr, "w:widowControl"), val=0)  # GB/T 9704: every page holds its 22 lines
    set_attrs(child(ppr, "w:snapToGrid"), val=0)  # see CONDENSE_TWIPS
    spacing = child(ppr, "w:spacing")
    set_attrs(spacing, before=0, after=0)
    if spec.line == "exact":
        set_attrs(spacing, line=LINE_TWIPS, lineRule="exact")
    else:
        set_attrs(spacing, line=240, lineRule="auto")
    chars = round(spec.indent_chars * 100)
    set_attrs(child(ppr, "w:ind"), firstLineChars=chars, firstLine=indent_twips(spec.indent_chars))
    set_attrs(child(ppr, "w:jc"), val=spec.align)
    if spec.outline is not None:
        set_attrs(child(ppr, "w:outlineLvl"), val=spec.outline)


def set_run_format(rpr, spec: StyleSpec) -> None:
    set_fonts(rpr, spec.font)
    if spec.bold:
        child(rpr, "w:b")
    if spec.color:
        set_attrs(child(rpr, "w:color"), val=spec.color)
    if spec.style_id == "Normal":
        set_attrs(child(rpr, "w:spacing"), val=CONDENSE_TWIPS)
    set_size(rpr, spec.half_points)


def define_styles(document) -> None:
    """Normal plus one named paragraph style per 公文 element, so an editor can restyle them."""
    normal = document.styles["Normal"]
    body = StyleSpec("Normal", "Normal", FONT_BODY)
    set_paragraph_format(normal.element.get_or_add_pPr(), body)
    set_run_format(normal.element.get_or_add_rPr(), body)
    for spec in STYLES:
        style = document.styles.add_style(spec.name, WD_STYLE_TYPE.PARAGRAPH)
        style.style_id = spec.style_id
        style.base_style, style.quick_style = normal, True
        set_paragraph_format(style.element.get_or_add_pPr(), spec)
        set_run_format(style.element.get_or_add_rPr(), spec)
    set_defaults(document)


def set_defaults(document) -> None:
    """docDefaults and every existing style: explicit fonts, Chinese language, no theme fonts."""
    styles = document.styles.element
    rpr = child(child(child(styles, "w:docDefaults"), "w:rPrDefault"), "w:rPr")
    set_fonts(rpr, FONT_BODY)
    set_size(rpr, BODY_HALF_POINTS)
    set_attrs(child(rpr, "w:lang"), val="en-US", eastAsia="zh-CN", bidi="ar-SA")
    ppr = child(child(child(styles, "w:docDefaults"), "w:pPrDefault"), "w:pPr")
    set_attrs(child(ppr, "w:spacing"), before=0, after=0)
    for fonts in styles.iter(qn("w:rFonts")):
        if any(fonts.get(qn(a)) for a in THEME_ATTRS):
            set_fonts(fonts.getparent(), FONT_BODY)
        elif not fonts.get(qn("w:eastAsia")):
            set_attrs(fonts, eastAsia=FONT_BODY)


# ------------------------------------------------------------------ page and grid
def setup_page(section) -> None:
    section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    section.header_distance, section.footer_distance = Mm(15), Mm(FOOTER_MM)
    grid = child(section._sectPr, "w:docGrid")
    set_attrs(grid, type="linesAndChars", linePitch=LINE_TWIPS, charSpace=char_space())


# ------------------------------------------------------------------ fonts on this machine
def missing_fonts(fonts: tuple[str, ...] = STANDARD_FONTS) -> tuple[str, ...] | None:
    """The standard fonts fontconfig does not know; None when fc-list is not available."""
    if not shutil.which("fc-list"):
        return None
    try:
        listing = subprocess.run(
            ["fc-list", ":", "family"], capture_output=True, text=True, timeout=20
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    families = {name.strip() for line in listing.splitlines() for name in line.split(",")}
    return tuple(f for f in fonts if f not in families)
