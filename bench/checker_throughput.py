"""Checker throughput on one large document, and whether it grows linearly with the document.

The document is every real text of the project (knowledge/reports and eval/realtext) joined into one
block, repeated to about 3 MB. Printed: MB/s on the 3 MB document (text alone, and against a metrics
file) and on one block (no text repeated), and the time of 16 blocks over the time of one block (16 for a
linear checker), measured in one run.

    .venv/bin/python bench/checker_throughput.py [--mb 3] [--cpu]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from drafter.checker.check import check_text  # noqa: E402
from drafter.source.load import load_source  # noqa: E402
from realtext import seen_paths  # noqa: E402

FRONT = re.compile(r"\A---\n.*?\n---\n", re.S)
METRICS = ROOT / "examples" / "changzhi-2021.yaml"


def block() -> str:
    paths = sorted((ROOT / "knowledge" / "reports").glob("*.md")) + seen_paths()  # no blind split
    return "\n\n".join(FRONT.sub("", p.read_text(encoding="utf-8")) for p in paths)


def seconds(text: str, source: object, clock: Callable[[], float] = time.perf_counter) -> float:
    start = clock()
    check_text(text, source)
    return clock() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mb", type=float, default=3.0, help="size of the large document")
    parser.add_argument(
        "--cpu",
        action="store_true",
        help="time the process's CPU, not the wall clock (other jobs share the machine)",
    )
    args = parser.parse_args()
    one = block()
    size = len(one.encode("utf-8"))
    copies = max(1, round(args.mb * 1e6 / size))
    big = "\n\n".join([one] * copies)
    source = load_source(METRICS)
    clock = time.process_time if args.cpu else time.perf_counter
    print(
        f"one block: {size / 1e6:.2f} MB ({len(one)} characters); large document: {copies} blocks, {len(big.encode()) / 1e6:.2f} MB"
    )
    for name, data in (("text alone", None), ("with metrics", source)):
        t1 = seconds(one, data, clock)
        t16 = seconds("\n\n".join([one] * 16), data, clock)
        tbig = seconds(big, data, clock)
        print(
            f"{name:13} {len(big.encode()) / 1e6 / tbig:5.2f} MB/s on {len(big.encode()) / 1e6:.1f} MB "
            f"({tbig:.1f} s; one block alone {size / 1e6 / t1:4.2f} MB/s); "
            f"16 blocks take {t16 / t1:4.1f}× the time of one (linear: 16)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
