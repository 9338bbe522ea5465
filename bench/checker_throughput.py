"""Checker throughput over all seed report text: MB/s without metrics (rules only) and with metrics.

.venv/bin/python bench/checker_throughput.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import glob
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from drafter.checker.check import check_text  # noqa: E402

SEEDS = Path("/work/shared/seeds")
# cleaned reports (knowledge/reports) and the example metrics reconstructed from them, by region
PAIRS = {"000": "yangquan-2021", "001": "changzhi-2021", "003": "fushun-2022", "004": "anyue-2023"}


def report_texts() -> list[tuple[str, str]]:
    paths = sorted(glob.glob(str(ROOT / "knowledge" / "reports" / "*.md"))) or sorted(
        glob.glob(str(SEEDS / "*.txt"))
    )
    return [(Path(p).name, Path(p).read_text(encoding="utf-8")) for p in paths]


def timed(pairs: list[tuple[str, object]], repeat: int) -> tuple[float, int, int]:
    """(seconds per pass, bytes per pass, figures per pass)."""
    start, figures = time.perf_counter(), 0
    for _ in range(repeat):
        figures = sum(len(check_text(text, source).findings) for text, source in pairs)
    seconds = (time.perf_counter() - start) / repeat
    return seconds, sum(len(text.encode("utf-8")) for text, _ in pairs), figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    texts = report_texts()
    seconds, size, figures = timed([(t, None) for _, t in texts], args.repeat)
    print(
        f"rules only: {len(texts)} reports, {size / 1e6:.3f} MB, {figures} figures, "
        f"{seconds:.3f} s → {size / 1e6 / seconds:.2f} MB/s"
    )
    with_metrics = _with_metrics()
    if with_metrics:
        seconds, size, figures = timed(with_metrics, args.repeat)
        print(
            f"with metrics: {len(with_metrics)} seed reports + examples/*.yaml, {size / 1e6:.3f} MB, "
            f"{figures} figures, {seconds:.3f} s → {size / 1e6 / seconds:.2f} MB/s"
        )
    return 0


def _with_metrics() -> list[tuple[str, object]]:
    from drafter.source.load import load_source

    out = []
    for seed, example in PAIRS.items():
        text_paths, metrics = sorted(SEEDS.glob(f"{seed}_*.txt")), ROOT / "examples" / f"{example}.yaml"
        if text_paths and metrics.is_file():
            out.append((text_paths[0].read_text(encoding="utf-8"), load_source(metrics)))
    return out


if __name__ == "__main__":
    sys.exit(main())
