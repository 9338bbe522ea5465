"""A reviewer's folder: 100 ten-page 公文 PDFs checked by `drafter check FOLDER -o REVIEW` vs one by one.

Prints, measured in one run on this machine: reports per minute of the batch, batch time ÷ the time of
`drafter check FILE` run on each file one after another, the peak memory of the batch (the whole process
tree, sampled every 50 ms), and a second batch run that reuses every unchanged report.

.venv/bin/python bench/batch.py [--reports 100] [--pages 10] [--keep DIR] [--batch-only]
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from report_files import convert, split_front, write_docx  # noqa: E402

DRAFTER = str(Path(sys.executable).parent / "drafter")
CHARS_PER_PAGE = 500  # the 公文 layout of report_files: about 26 lines of 27 characters, less paragraph ends


def make_reports(folder: Path, count: int, pages: int) -> list[Path]:
    """`count` PDFs of about `pages` pages each, cut from the real cleaned reports (each a little different)."""
    texts = [
        split_front(p.read_text(encoding="utf-8"))[1]
        for p in sorted((ROOT / "knowledge" / "reports").glob("*.md"))
    ]
    docx_dir = folder / "docx"
    docx_dir.mkdir(parents=True)
    for number in range(count):
        text = _pages_of(texts[number % len(texts)], pages * CHARS_PER_PAGE)
        shift = number % 7  # each report a little different
        text = re.sub(r"(\d+)所", lambda m, shift=shift: f"{int(m.group(1)) + shift}所", text, count=3)
        write_docx(text, docx_dir / f"县{number:03d}.docx", gongwen=True, header="某县人民政府")
    made = convert(sorted(docx_dir.glob("*.docx")), "pdf", folder / "reports")
    pdfs = [pdf for pdf in made if pdf.is_file()]  # LibreOffice now and then drops one of hundreds silently
    for docx in docx_dir.glob("*.docx"):
        docx.unlink()
    docx_dir.rmdir()
    return pdfs


def _pages_of(text: str, chars: int) -> str:
    out, total = [], 0
    paragraphs = [p for p in text.splitlines() if p.strip()]
    while total < chars:
        for paragraph in paragraphs:
            out.append(paragraph)
            total += len(paragraph)
            if total >= chars:
                break
    return "\n".join(out)


def page_count(pdf: Path) -> int:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(pdf))
    try:
        return len(document)
    finally:
        document.close()


class PeakMemory:
    """Peak resident memory of a process and all its descendants, sampled from /proc."""

    def __init__(self, pid: int) -> None:
        self.pid, self.peak, self._stop = pid, 0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, sum(_rss(pid) for pid in _tree(self.pid)))
            time.sleep(0.05)


def _tree(root: int) -> list[int]:
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
                parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
    tree, frontier = [root], [root]
    while frontier:
        children = [pid for pid, parent in parents.items() if parent in frontier]
        tree += children
        frontier = children
    return tree


def _rss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def batch(folder: Path, review: Path) -> tuple[float, int, str]:
    """(seconds, peak bytes, last stderr line) of one `drafter check FOLDER -o REVIEW`."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [DRAFTER, "check", str(folder), "-o", str(review)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    with PeakMemory(process.pid) as memory:
        _, err = process.communicate()
    seconds = time.perf_counter() - start
    if process.returncode not in (0, 1):
        raise SystemExit(f"batch failed ({process.returncode}): {err[-2000:]}")
    return seconds, memory.peak, err.strip().splitlines()[-1]


def one_by_one(pdfs: list[Path], out: Path) -> float:
    start = time.perf_counter()
    for pdf in pdfs:
        code = subprocess.run(
            [DRAFTER, "check", str(pdf), "--format", "json", "-o", str(out / f"{pdf.stem}.json")],
            capture_output=True,
        ).returncode
        if code not in (0, 1):
            raise SystemExit(f"drafter check {pdf} exited {code}")
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=100)
    parser.add_argument("--pages", type=int, default=10)
    parser.add_argument("--keep", type=Path)
    parser.add_argument(
        "--batch-only", action="store_true", help="skip the one-by-one run (memory on big folders)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="drafter-batch-") as tmp:
        work = args.keep or Path(tmp)
        start = time.perf_counter()
        pdfs = make_reports(work, args.reports, args.pages)
        pages = [page_count(pdf) for pdf in pdfs]
        print(
            f"made {len(pdfs)} PDFs ({min(pages)}–{max(pages)} pages, {sum(pages) / len(pages):.1f} on average) "
            f"in {time.perf_counter() - start:.0f} s; {os.cpu_count()} cores"
        )
        seconds, peak, line = batch(work / "reports", work / "review")
        print(
            f"batch:       {seconds:7.1f} s  {60 * len(pdfs) / seconds:6.1f} reports/minute  "
            f"peak memory {peak / 2**20:.0f} MB   ({line})"
        )
        again, peak_again, line = batch(work / "reports", work / "review")
        print(f"batch again: {again:7.1f} s  (unchanged files reused: {line})")
        if args.batch_only:
            return 0
        (work / "single").mkdir()
        single = one_by_one(pdfs, work / "single")
        print(f"one by one:  {single:7.1f} s  {60 * len(pdfs) / single:6.1f} reports/minute")
        print(f"batch ÷ one by one = {seconds / single:.2f}   (target ≤ 0.6)")
        print(
            f"reports/minute = {60 * len(pdfs) / seconds:.0f}   (target ≥ 60);  peak memory {peak / 2**20:.0f} MB (≤ 1024)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
