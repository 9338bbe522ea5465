"""The 公文 docx as LibreOffice lays it out: PDF pages, text, 22 lines × 28 characters, page numbers, PNGs.

Needs `soffice` (Debian: libreoffice-writer-nogui) and poppler-utils; skipped with the reason otherwise.
The licensed 公文 fonts are mapped to Noto CJK (fonts-noto-cjk) through a private fontconfig file, the way
a machine without them falls back; the page PNGs stay in the test's tmp dir for a person to look at.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from drafter.export.docx import write_docx
from drafter.outdir.store import load_draft

FIXTURE = Path(__file__).parent / "fixtures" / "draft"
TOOLS = ("soffice", "pdftoppm", "pdftotext", "pdfinfo")
MISSING = [t for t in TOOLS if not shutil.which(t)]
pytestmark = pytest.mark.skipif(
    bool(MISSING),
    reason=f"visual docx test needs {', '.join(MISSING)}: apt-get install "
    "libreoffice-writer-nogui poppler-utils fonts-noto-cjk",
)

PT_PER_MM = 72 / 25.4
TOP, BOTTOM, LEFT, RIGHT = (m * PT_PER_MM for m in (37, 35, 28, 26))
FONTS_CONF = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  {aliases}
  <match target="pattern"><test name="family"><string>方正小标宋简体</string></test>
    <edit name="weight" mode="assign"><const>bold</const></edit></match>
</fontconfig>
"""
ALIASES = {
    "仿宋_GB2312": "Noto Serif CJK SC",
    "方正小标宋简体": "Noto Serif CJK SC",
    "楷体_GB2312": "Noto Serif CJK SC",
    "黑体": "Noto Sans CJK SC",
    "宋体": "Noto Serif CJK SC",
}
HANGING = "，。；：、！？”’）》"
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


@dataclass(frozen=True)
class Word:
    x0: float
    y0: float
    x1: float
    text: str


@dataclass(frozen=True)
class Rendered:
    tmp: Path
    pdf: Path
    width: float
    height: float
    pages: list[list[Word]]


def fonts_conf(tmp: Path) -> Path:
    aliases = "\n  ".join(
        f'<alias binding="same"><family>{name}</family><prefer><family>{to}</family></prefer></alias>'
        for name, to in ALIASES.items()
    )
    path = tmp / "fonts.conf"
    path.write_text(FONTS_CONF.format(aliases=aliases), encoding="utf-8")
    return path


def words_by_page(pdf: Path) -> tuple[float, float, list[list[Word]]]:
    xml = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    size = re.search(r'<page width="([\d.]+)" height="([\d.]+)"', xml)
    pages = [
        [Word(float(m[1]), float(m[2]), float(m[3]), m[5]) for m in WORD.finditer(chunk)]
        for chunk in xml.split("<page ")[1:]
    ]
    return float(size[1]), float(size[2]), pages


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> Rendered:
    tmp = tmp_path_factory.mktemp("docx_visual")
    source = write_docx(load_draft(FIXTURE), tmp / "draft.docx")
    env = {**os.environ, "FONTCONFIG_FILE": str(fonts_conf(tmp))}
    command = [
        "soffice",
        f"-env:UserInstallation=file://{tmp}/lo-profile",
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        str(tmp),
        str(source),
    ]
    subprocess.run(command, env=env, capture_output=True, timeout=180, check=True)
    pdf = tmp / "draft.pdf"
    assert pdf.is_file(), "LibreOffice wrote no PDF"
    return Rendered(tmp, pdf, *words_by_page(pdf))


def rows(words: list[Word], y_from: float, y_to: float) -> list[list[Word]]:
    """Words grouped into printed lines by their top edge (within 3 pt), between two heights."""
    lines: list[list[Word]] = []
    for word in sorted((w for w in words if y_from <= w.y0 <= y_to), key=lambda w: (w.y0, w.x0)):
        if lines and abs(lines[-1][0].y0 - word.y0) < 3:
            lines[-1].append(word)
        else:
            lines.append([word])
    return lines


def body_rows(rendered: Rendered, page: int) -> list[list[Word]]:
    return rows(rendered.pages[page - 1], TOP - 6, rendered.height - BOTTOM)


def test_pdf_has_several_a4_pages(rendered):
    info = subprocess.run(["pdfinfo", str(rendered.pdf)], capture_output=True, text=True, check=True).stdout
    assert int(re.search(r"Pages:\s+(\d+)", info)[1]) >= 3
    assert (round(rendered.width), round(rendered.height)) == (595, 842)  # A4 in points


def test_key_text_is_in_the_pdf(rendered):
    text = subprocess.run(
        ["pdftotext", str(rendered.pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = re.sub(r"\s+", "", text)
    for expected in (
        "阳泉市人民政府关于2021年度履行教育职责自评情况的报告",
        "山西省人民政府教育督导委员会办公室：",
        "一、自查情况",
        "（五）加强教师队伍建设",
        "一般公共预算教育支出21.09亿元",
        "特此报告。",
        "阳泉市人民政府2022年3月20日",
    ):
        assert expected in flat


def full_page(rendered: Rendered) -> int:
    """The inner page with the most lines (pages end early before a heading kept with its text)."""
    inner = range(2, len(rendered.pages))
    return max(inner, key=lambda page: len(body_rows(rendered, page)))


def test_a_full_body_page_has_22_lines_inside_the_type_area(rendered):
    counts = {page: len(body_rows(rendered, page)) for page in range(2, len(rendered.pages))}
    assert max(counts.values()) in (21, 22, 23) and min(counts.values()) >= 15, counts
    lines = body_rows(rendered, full_page(rendered))
    left, right = min(w.x0 for line in lines for w in line), max(w.x1 for line in lines for w in line)
    assert left >= LEFT - 1 and right <= rendered.width - RIGHT + 2
    assert right - left >= 0.97 * (rendered.width - LEFT - RIGHT)  # full lines span the 156 mm 版心


def test_full_lines_hold_28_characters(rendered):
    pages = range(2, len(rendered.pages))
    texts = ["".join(w.text for w in line) for page in pages for line in body_rows(rendered, page)]
    # only all-CJK lines; a closing punctuation mark may hang past the margin (标点悬挂)
    counts = [len(t) - (len(t) == 29 and t[-1] in HANGING) for t in texts if all(ord(c) > 0x2E80 for c in t)]
    assert max(counts) == 28, counts


def test_page_numbers_sit_below_the_type_area_on_the_outer_side(rendered):
    centre = rendered.width / 2
    for page in (1, 2, 3):
        footer = rows(rendered.pages[page - 1], rendered.height - BOTTOM + 1, rendered.height)
        assert len(footer) == 1
        text = "".join(w.text for w in footer[0])
        assert text.strip("—–-") == str(page)
        outer_right = page % 2 == 1
        assert (min(w.x0 for w in footer[0]) > centre) == outer_right


def red_share(ppm: bytes, rows_from: float, rows_to: float) -> float:
    """Share of strongly red pixels in a horizontal band of a binary PPM (P6) image."""
    header = re.match(rb"P6\s+(\d+)\s+(\d+)\s+255\s", ppm)
    width, height = int(header[1]), int(header[2])
    pixels = ppm[header.end() :]
    band = range(int(rows_from * height), int(rows_to * height))
    red = sum(
        1
        for y in band
        for x in range(0, width * 3, 3)
        if pixels[y * width * 3 + x] > 200 and pixels[y * width * 3 + x + 1] < 80
    )
    return red / (len(band) * width)


def test_page_images_show_the_red_masthead_on_page_one_only(rendered):
    full = full_page(rendered)
    for page in (1, full):
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "60",
                "-f",
                str(page),
                "-l",
                str(page),
                "-singlefile",
                str(rendered.pdf),
                str(rendered.tmp / f"page-{page}"),
            ],
            check=True,
            timeout=60,
        )
    pngs = [rendered.tmp / f"page-{page}.png" for page in (1, full)]
    print("\n".join(f"page image: {p}" for p in pngs))
    assert len(pngs) == 2
    for png in pngs:
        data = png.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        assert (int.from_bytes(data[16:20]), int.from_bytes(data[20:24])) in {
            (496, 702),
            (497, 702),
        }  # A4 at 60 dpi
    ppm = subprocess.run(
        ["pdftoppm", "-r", "30", "-f", "1", "-l", "2", str(rendered.pdf)],  # two equal pages
        capture_output=True,
        check=True,
        timeout=60,
    ).stdout
    first, second = ppm[: len(ppm) // 2], ppm[len(ppm) // 2 :]
    assert red_share(first, 0.1, 0.3) > 0.005  # 发文机关标志 and the red rule
    assert red_share(first, 0.3, 1.0) == 0 and red_share(second, 0, 1.0) == 0
