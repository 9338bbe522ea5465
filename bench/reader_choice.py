"""Why these readers: PDFium vs pdfplumber for PDF text, our TRS/article block vs readability-lxml and
trafilatura for saved web pages. Measured on pages rendered by bench/formats.py (--keep DIR).

.venv/bin/python bench/formats.py --keep /tmp/formats && .venv/bin/python bench/reader_choice.py /tmp/formats
(pdfplumber, readability-lxml and trafilatura are not dependencies: `pip install` them to compare; missing ones
are skipped.)
"""

from __future__ import annotations

import importlib.util
import logging
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from drafter.core.inputs import decode_text  # noqa: E402
from drafter.documents.read import read_document  # noqa: E402

JUNK = ("发布时间", "浏览次数", "ICP", "公网安备", "联系电话", "2023-08-25", "访问者")


def _plain(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pdf_engines(folder: Path) -> None:
    pdfs = sorted(folder.glob("*.pdf"))
    engines = {"pypdfium2 (read_document)": lambda p: read_document(p).text}
    if importlib.util.find_spec("pdfplumber"):
        import pdfplumber

        def plumber(path: Path) -> str:
            with pdfplumber.open(path) as pdf:
                return "\n".join(page.extract_text() or "" for page in pdf.pages)

        engines["pdfplumber (text only)"] = plumber
    for name, read in engines.items():
        start = time.perf_counter()
        for pdf in pdfs:
            read(pdf)
        print(f"{name:30} {len(pdfs)} PDFs  {1000 * (time.perf_counter() - start) / len(pdfs):7.1f} ms/PDF")


def html_engines(folder: Path) -> None:
    pages = sorted(folder.glob("*.html"))
    engines = {"TRS/article block (lxml)": lambda p, h: read_document(p).text}
    if importlib.util.find_spec("readability"):
        import lxml.html
        import readability

        engines["readability-lxml"] = lambda p, h: lxml.html.fromstring(
            readability.Document(h).summary()
        ).text_content()
    if importlib.util.find_spec("trafilatura"):
        import trafilatura

        engines["trafilatura"] = lambda p, h: (
            trafilatura.extract(h, include_tables=True, favor_recall=True) or ""
        )
    logging.disable(logging.CRITICAL)
    for name, read in engines.items():
        start, whole, junk = time.perf_counter(), 0, 0
        for page in pages:
            text = _plain(read(page, decode_text(page.read_bytes(), page)[0]))
            reference = page.with_suffix(".txt").read_text(encoding="utf-8")
            whole += _plain(reference) in text
            junk += any(word in text and word not in reference for word in JUNK)
        ms = 1000 * (time.perf_counter() - start) / len(pages)
        print(
            f"{name:30} {len(pages)} pages {ms:7.1f} ms/page  whole text kept {whole}  site junk kept {junk}"
        )


if __name__ == "__main__":
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/formats")
    pdf_engines(folder)
    html_engines(folder)
