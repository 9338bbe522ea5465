"""How long the whole eval suite takes offline (issue: ≤ 60 s for 8 cases on 2 cores): prints the numbers.

Runs `drafter eval eval/cases -o TMP --no-cache` as a fresh process (imports, knowledge scan, drafting,
scoring, report), then once more on the same OUT to show what the draft cache saves.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DRAFTER = [sys.executable, "-m", "drafter"]


def timed_run(out: Path, *extra: str, env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(
        [*DRAFTER, "eval", "eval/cases", "-o", str(out), "--quiet", *extra],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "DRAFTER_CACHE_DIR": str(Path(tmp) / "cache")}
        out = Path(tmp) / "run"
        cold = timed_run(out, "--no-cache", env=env)
        warm = timed_run(out, env=env)
        results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    cases = len(results["cases"])
    print(f"eval suite, offline, {cases} cases, {os.cpu_count()} cores")
    print(
        f"  cold (no cache, fresh knowledge scan): {cold:6.1f} s  ({cold / cases:.2f} s per case; budget 60 s)"
    )
    print(f"  warm (cached drafts and scores):       {warm:6.1f} s  (cold/warm = {cold / warm:.1f}×)")
    for name, summary in results["summary"].items():
        if not name.startswith("_"):
            print(f"  {name:13s} mean {summary['mean']:.1%}  passed {summary['passed']}/{summary['scored']}")


if __name__ == "__main__":
    main()
