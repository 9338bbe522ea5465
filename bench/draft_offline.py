"""Draft every examples/*.yaml offline, each in its own process, and print wall time, check and coverage.

    .venv/bin/python bench/draft_offline.py [--keep DIR]

Per example: wall seconds of `drafter draft` (imports included), the checker summary, how many of the
flagged figures sit in the user's own statements (facts, rectification, problems, plans, experiences)
rather than in the writer's text, section coverage (indicators with metrics that got a drafted
sub-section) and metric-value coverage (latest-year values, and all values, found in draft.md).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from drafter.figures.numbers import format_figure  # noqa: E402
from drafter.source.load import load_source  # noqa: E402

DRAFTER = ROOT / ".venv" / "bin" / "drafter"


def run_one(example: Path, out: Path) -> tuple[float, int]:
    shutil.rmtree(out, ignore_errors=True)  # a fresh OUT: an existing draft would be resumed, not redrafted
    started = time.perf_counter()
    proc = subprocess.run(
        [str(DRAFTER), "draft", str(example), "-o", str(out), "--quiet"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    wall = time.perf_counter() - started
    if proc.returncode == 2:
        print(f"  {example.name}: bad input\n{proc.stderr}", file=sys.stderr)
    return wall, proc.returncode


def user_statements(source) -> list[str]:
    texts = [*source.rectification, *source.problems, *source.plans, *source.experiences]
    return texts + [f for facts in source.facts.values() for f in facts]


def coverage(source, draft: dict, md: str) -> dict[str, str]:
    by_id = {s["spec"]["id"]: s for s in draft["sections"]}
    wanted = sorted({m.indicator for m in source.metrics})
    got = [c for c in wanted if by_id.get(c, {}).get("status") == "drafted" and by_id[c]["text"].strip()]
    latest = [m for m in source.metrics if format_figure(m.values[m.latest_year], m.unit) in md]
    values = [(m, v) for m in source.metrics for v in m.values.values()]
    found = [1 for m, v in values if format_figure(v, m.unit) in md]
    return {
        "sections": f"{len(got)}/{len(wanted)}",
        "latest": f"{len(latest)}/{len(source.metrics)}",
        "values": f"{len(found)}/{len(values)}",
    }


def problems_in_user_words(source, findings: list[dict]) -> int:
    words = user_statements(source)
    flagged = [f for f in findings if f["status"] in ("mismatch", "unsupported", "inconsistent")]
    return sum(1 for f in flagged if any(f["text"] in w for w in words))


def main() -> None:
    keep = Path(sys.argv[sys.argv.index("--keep") + 1]) if "--keep" in sys.argv else None
    base = keep or Path(tempfile.mkdtemp(prefix="drafter-bench-"))
    header = (
        f"{'example':<18}{'wall s':>8}{'exit':>6}{'figures':>9}{'ok':>5}{'flag':>6}{'in user words':>15}"
        f"{'sections':>10}{'latest':>9}{'values':>9}"
    )
    print(header)
    walls = []
    for example in sorted((ROOT / "examples").glob("*.yaml")):
        out = base / example.stem
        wall, code = run_one(example, out)
        walls.append(wall)
        source = load_source(example)
        check = json.loads((out / "check.json").read_text(encoding="utf-8"))
        draft = json.loads((out / "draft.json").read_text(encoding="utf-8"))
        cov = coverage(source, draft, (out / "draft.md").read_text(encoding="utf-8"))
        s = check["summary"]
        flagged = s["mismatch"] + s["unsupported"] + s["inconsistent"]
        print(
            f"{example.stem:<18}{wall:>8.2f}{code:>6}{s['figures']:>9}{s['verified'] + s['derived']:>5}"
            f"{flagged:>6}{problems_in_user_words(source, check['findings']):>15}"
            f"{cov['sections']:>10}{cov['latest']:>9}{cov['values']:>9}"
        )
    print(
        f"max wall {max(walls):.2f} s, mean {sum(walls) / len(walls):.2f} s (target ≤ 3 s); drafts in {base}"
    )


if __name__ == "__main__":
    main()
