"""Every finding of the checker on every real text, written to one file, so a change meant to be fast-only
can be shown to change no finding.

Texts: each eval/realtext document (front matter cut) alone, with its own .metrics.yaml and .complete.yaml when
it has them and with examples/changzhi-2021.yaml (the throughput bench's metrics); each knowledge/reports text alone and with
every examples/*.yaml; and the throughput bench's whole block with examples/changzhi-2021.yaml.

    .venv/bin/python bench/findings_dump.py OUT.jsonl [--compare OLD.jsonl]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from realtext import seen_paths  # noqa: E402

from drafter.checker.check import check_text, finding_to_json  # noqa: E402
from drafter.source.load import load_source  # noqa: E402

FRONT = re.compile(r"\A---\n.*?\n---\n", re.S)
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
BENCH_METRICS = ROOT / "examples" / "changzhi-2021.yaml"


def body(path: Path) -> str:
    return FRONT.sub("", path.read_text(encoding="utf-8"))


def runs() -> Iterator[tuple[str, str, Path | None]]:
    """(text name, text, metrics file or None) for every run."""
    docs = seen_paths()  # not a blind split before its one score
    reports = sorted((ROOT / "knowledge" / "reports").glob("*.md"))
    for md in docs:
        text = body(md)
        yield md.name, text, None
        for own in (md.with_suffix(".metrics.yaml"), md.with_suffix(".complete.yaml")):
            if own.exists():
                yield md.name, text, own
        yield md.name, text, BENCH_METRICS
    for md in reports:
        text = body(md)
        yield md.name, text, None
        for example in EXAMPLES:
            yield md.name, text, example
    block = "\n\n".join(body(p) for p in reports + docs)
    yield "bench-block", block, BENCH_METRICS


def dump(out: Path) -> int:
    sources: dict[Path, object] = {}
    count = 0
    with out.open("w", encoding="utf-8") as f:
        for name, text, metrics in runs():
            source = None
            if metrics is not None:
                if metrics not in sources:
                    sources[metrics] = load_source(metrics)
                source = sources[metrics]
            report = check_text(text, source)  # type: ignore[arg-type]
            row = {
                "text": name,
                "metrics": metrics.name if metrics else "",
                "gaps": report.gaps,
                "findings": [finding_to_json(x) for x in report.findings],
            }
            f.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
            count += 1
    return count


def compare(new: Path, old: Path) -> int:
    """Each run of `new` against the run of the same text and metrics in `old` (a text added to the folder since
    is a new run, not a shift of every run after it); exit 1 when any run differs, is new or is gone."""
    a, b = _runs(new), _runs(old)
    differing = [(a[key], b[key]) for key in a if key in b and a[key] != b[key]]
    added, gone = [key for key in a if key not in b], [key for key in b if key not in a]
    print(f"{len(a)} runs against {len(b)}; {len(differing)} differ, {len(added)} new, {len(gone)} gone")
    for now, before in differing[:30]:
        print(f"  differs: {now['text']} / {now['metrics']}")
        for line in _changed(now["findings"], before["findings"])[:6]:
            print("     ", line)
    for text, metrics in added[:30]:
        print(f"  new: {text} / {metrics}")
    for text, metrics in gone[:30]:
        print(f"  gone: {text} / {metrics}")
    return 0 if not (differing or added or gone) else 1


def _runs(path: Path) -> dict[tuple[str, str], dict]:
    runs = (json.loads(line) for line in path.read_text(encoding="utf-8").splitlines())
    return {(run["text"], str(run["metrics"])): run for run in runs}


def _changed(now: list[dict], before: list[dict]) -> list[str]:
    """The findings of one run that differ: `-` before, `+` now (text, status, expected)."""

    def shown(x: dict) -> tuple:
        return (x["start"], x["text"], x["status"], x.get("expected", ""))

    old, new = {shown(x) for x in before}, {shown(x) for x in now}
    lines = [(t[0], f"- {t[1]} {t[2]} {t[3]}") for t in old - new] + [
        (t[0], f"+ {t[1]} {t[2]} {t[3]}") for t in new - old
    ]
    return [line for _, line in sorted(lines)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--compare", type=Path, help="an earlier dump: exit 1 if any run differs")
    args = parser.parse_args()
    count = dump(args.out)
    print(f"{count} runs written to {args.out}")
    return compare(args.out, args.compare) if args.compare else 0


if __name__ == "__main__":
    sys.exit(main())
