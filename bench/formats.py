"""Every format gives the same figures with the same statuses as the same text given as .txt.

Real texts (eval/realtext/docs, knowledge/reports) are rendered as .docx, as a 公文-style PDF exported by
LibreOffice (running header, "— N —" page numbers, 版记), as .doc, and as a TRS-like government web page
(every other one in GB18030); each is read back with read_document and checked (without metrics, and with the
document's own metrics file where it has one). A figure is the same when its text (spaces aside), value, unit
and status are; "same section" also asks for the same heading.

.venv/bin/python bench/formats.py [--only PREFIX] [--keep DIR] [--workers 2]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from realtext import seen_paths  # noqa: E402
from report_files import convert, split_front, write_docx, write_html  # noqa: E402

from drafter.checker.check import check_text  # noqa: E402
from drafter.documents.read import read_document  # noqa: E402
from drafter.source.load import load_source  # noqa: E402

FORMATS = ("pdf", "doc", "docx", "html")


def gather(only: str) -> list[tuple[str, str, str, Path | None]]:
    """(id, title, text, metrics file or None) of every real text."""
    out = []
    paths = seen_paths() + sorted(  # no document of a blind split before its one score
        (ROOT / "knowledge" / "reports").glob("*.md")
    )
    for path in paths:
        if only and not path.stem.startswith(only):
            continue
        meta, text = split_front(path.read_text(encoding="utf-8"))
        metrics = path.with_suffix(".metrics.yaml")
        out.append((path.stem, meta.get("title", path.stem), text, metrics if metrics.is_file() else None))
    return out


def render(docs, work: Path) -> None:
    """name.txt, name.docx, name.pdf (from a 公文-style .docx), name.doc, name.html in `work`."""
    plain, gongwen = work / "plain", work / "gongwen"
    plain.mkdir(parents=True)
    gongwen.mkdir()
    for number, (name, title, text, _) in enumerate(docs):
        (work / f"{name}.txt").write_text(text, encoding="utf-8")
        write_docx(text, plain / f"{name}.docx")
        write_docx(text, gongwen / f"{name}.docx", gongwen=True)
        write_html(text, work / f"{name}.html", title=title, encoding="gb18030" if number % 2 else "utf-8")
    convert(sorted(gongwen.glob("*.docx")), "pdf", work)
    convert(sorted(plain.glob("*.docx")), "doc", work)
    for docx in plain.glob("*.docx"):
        docx.rename(work / docx.name)


def keys(report, with_section: bool) -> Counter:
    return Counter(
        (
            ("".join(f.section.split())[:20],) if with_section else ()
        )  # the checker cuts names at 30 characters
        + ("".join(f.text.split()), f.value, f.unit, f.status)
        for f in report.findings
    )


def compare_one(args) -> list[dict]:
    """One document in every format, without and with its metrics."""
    name, work, metrics = args
    sources = [None] + ([load_source(metrics)] if metrics else [])
    reference = read_document(work / f"{name}.txt").text
    rows = []
    for fmt in FORMATS:
        start = time.perf_counter()
        try:
            text = read_document(work / f"{name}.{fmt}").text
            error = ""
        except Exception as exc:  # noqa: BLE001 - the benchmark reports every failure as a row
            text, error = "", f"{exc.__class__.__name__}: {exc}"
        seconds = time.perf_counter() - start
        for source in sources:
            want, got = check_text(reference, source), check_text(text, source)
            row = {
                "name": name,
                "format": fmt,
                "metrics": source is not None,
                "seconds": seconds,
                "error": error,
            }
            for label, with_section in (("", False), ("section_", True)):
                a, b = keys(want, with_section), keys(got, with_section)
                row[f"{label}missing"], row[f"{label}extra"] = sum((a - b).values()), sum((b - a).values())
                row[f"{label}examples"] = list((a - b).elements())[:3], list((b - a).elements())[:3]
            row["figures"] = len(want.findings)
            rows.append(row)
    return rows


def summarise(rows: list[dict], docs: int) -> None:
    print(f"\n{docs} real texts; a figure = (text without spaces, value, unit, status)\n")
    head = f"{'format':6} {'metrics':7} {'docs same':>10} {'figures':>8} {'missing':>8} {'extra':>6} {'same %':>7} {'+section %':>10} {'read ms/doc':>11}"
    print(head)
    for fmt in FORMATS:
        for with_metrics in (False, True):
            part = [r for r in rows if r["format"] == fmt and r["metrics"] == with_metrics]
            if not part:
                continue
            figures = sum(r["figures"] for r in part)
            missing = sum(r["missing"] for r in part)
            same = sum(1 for r in part if not r["missing"] and not r["extra"])
            section_missing = sum(r["section_missing"] for r in part)
            ms = 1000 * sum(r["seconds"] for r in part) / len(part)
            print(
                f"{fmt:6} {'yes' if with_metrics else 'no':7} {same:>4}/{len(part):<5} {figures:>8} {missing:>8} "
                f"{sum(r['extra'] for r in part):>6} {100 * (figures - missing) / max(figures, 1):>6.2f}% "
                f"{100 * (figures - section_missing) / max(figures, 1):>9.2f}% {ms:>11.0f}"
            )
    differing = [r for r in rows if r["missing"] or r["extra"] or r["error"]]
    if differing:
        print("\ndocuments that differ (first figures missing / extra):")
        for r in differing:
            print(
                f"  {r['format']:5} {r['name']}{' +metrics' if r['metrics'] else ''}: {r['error'] or r['examples']}"
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="", help="only documents whose id starts with this")
    parser.add_argument("--keep", type=Path, help="render into this folder and keep it")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    docs = gather(args.only)
    with tempfile.TemporaryDirectory(prefix="drafter-formats-") as tmp:
        work = args.keep or Path(tmp)
        start = time.perf_counter()
        render(docs, work)
        print(f"rendered {len(docs)} texts × {len(FORMATS)} formats in {time.perf_counter() - start:.1f} s")
        jobs = [(name, work, metrics) for name, _, _, metrics in docs]
        with ProcessPoolExecutor(args.workers) as pool:
            rows = [row for part in pool.map(compare_one, jobs) for row in part]
    summarise(rows, len(docs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
