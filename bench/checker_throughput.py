"""Checker throughput on one large document, and whether it grows linearly with the document.

The document is every real text of the project (knowledge/reports and eval/realtext) joined into one
block, repeated to about 3 MB. Printed: MB/s on the 3 MB document (text alone, and against a metrics
file) and on one block (no text repeated), the time of 16 blocks over the time of one block (16 for a
linear checker), and how much faster the check in parts is than the same document checked whole in one
process (`checker.parts`: a long text is checked in parts on every core), all measured in one run.

Times are wall-clock: what a user waits for, the parts running side by side. The CPU seconds of this
process and its workers are printed beside them (other jobs on the machine slow the wall clock).

    .venv/bin/python bench/checker_throughput.py [--mb 3]
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from realtext import seen_paths  # noqa: E402

from drafter.checker import check, parts  # noqa: E402
from drafter.checker.check import check_text  # noqa: E402
from drafter.source.load import load_source  # noqa: E402

FRONT = re.compile(r"\A---\n.*?\n---\n", re.S)
METRICS = ROOT / "examples" / "changzhi-2021.yaml"


def block() -> str:
    paths = sorted((ROOT / "knowledge" / "reports").glob("*.md")) + seen_paths()  # no blind split
    return "\n\n".join(FRONT.sub("", p.read_text(encoding="utf-8")) for p in paths)


def seconds(text: str, source: object, whole: bool = False) -> tuple[float, float]:
    """(wall-clock seconds, CPU seconds of this process and the workers it waited for) of one check; `whole`:
    the text checked whole in this process, as a text shorter than checker.parts.WHOLE_MAX is."""
    cpu, start = os.times(), time.perf_counter()
    if whole:
        with check._collector_paused():  # as check_text
            check._check(text, source, None, "")
    else:
        check_text(text, source)
    wall, done = time.perf_counter() - start, os.times()
    return wall, sum(done[:4]) - sum(cpu[:4])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mb", type=float, default=3.0, help="size of the large document")
    args = parser.parse_args()
    one = block()
    size = len(one.encode("utf-8"))
    copies = max(1, round(args.mb * 1e6 / size))
    big = "\n\n".join([one] * copies)
    mb = len(big.encode()) / 1e6
    source = load_source(METRICS)
    print(
        f"one block: {size / 1e6:.2f} MB ({len(one)} characters); large document: {copies} blocks, {mb:.2f} MB "
        f"in {len(parts.cut(big))} parts on {parts.workers_for(len(parts.cut(big)))} cores"
    )
    for name, data in (("text alone", None), ("with metrics", source)):
        t1, _ = seconds(one, data)
        t16, _ = seconds("\n\n".join([one] * 16), data)
        tbig, cpu = seconds(big, data)
        twhole, _ = seconds(big, data, whole=True)
        print(
            f"{name:13} {mb / tbig:5.2f} MB/s on {mb:.1f} MB ({tbig:.1f} s, {cpu:.1f} s CPU; one block alone "
            f"{size / 1e6 / t1:4.2f} MB/s); 16 blocks take {t16 / t1:4.1f}× the time of one (linear: 16); "
            f"whole in one process {mb / twhole:4.2f} MB/s: parts {twhole / tbig:3.1f}× faster"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
