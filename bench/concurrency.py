"""Concurrent drafting against a local OpenAI-compatible server with a fixed latency per answer.

Prints wall time ÷ the slowest single call for each concurrency (target ≤ 1.3 with enough concurrency;
the run with concurrency 1 is printed beside it, where the ratio is about the number of sections).

Two measurements:
- backend:  N section requests sent straight to OpenAIBackend.complete by a bounded ThreadPoolExecutor.
- pipeline: `drafter.drafting.run.draft_all` on an example (plan → exemplars → prompt fitted with tiktoken →
            backend → slots filled), every model-written section of it; "slowest" = the slowest section.

    .venv/bin/python bench/concurrency.py [--latency 0.3] [--sections 20] [--concurrency 20 1]
"""

from __future__ import annotations

import argparse
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from fakeserver import FakeOpenAI  # noqa: E402

from drafter.core.config import Settings  # noqa: E402
from drafter.core.types import ReportInfo, SectionSpec, Slot, SourceData  # noqa: E402
from drafter.drafting.backends.base import SectionRequest  # noqa: E402
from drafter.drafting.backends.openai import OpenAIBackend  # noqa: E402
from drafter.drafting.prompts import load_prompts, section_messages  # noqa: E402

EXAMPLE = ROOT / "examples" / "anyue-2023.yaml"


def requests(settings: Settings, count: int) -> list[SectionRequest]:
    source = SourceData(
        report=ReportInfo(region="阳泉市", level="city", round=2022, period=2021, issuer="阳泉市人民政府"),
        metrics=(),
    )
    prompts = load_prompts(settings.prompts_dir)
    made = []
    for n in range(count):
        spec = SectionSpec(id=f"s{n}", kind="indicator", heading=f"指标{n}", indicator=f"ind{n}")
        slots = (Slot(name=f"ind{n}.value@2021", text=f"{n}.5%", label=f"指标{n}"),)
        made.append(
            SectionRequest(
                spec=spec, messages=section_messages(prompts, source, spec, slots), source=source, slots=slots
            )
        )
    return made


def timed(backend: OpenAIBackend, request: SectionRequest) -> float:
    started = time.perf_counter()
    backend.complete(request)
    return time.perf_counter() - started


def backend_run(settings: Settings, count: int, concurrency: int) -> tuple[float, float]:
    """(wall seconds, slowest single call) for `count` requests with `concurrency` workers."""
    backend = OpenAIBackend(settings)
    todo = requests(settings, count)
    timed(backend, todo[0])  # warm up: imports, client, connection
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        calls = list(pool.map(lambda r: timed(backend, r), todo))
    return time.perf_counter() - started, max(calls)


def pipeline_run(settings: Settings, concurrency: int) -> tuple[float, float, int]:
    """(wall, slowest section, sections) for drafter.drafting.run.draft_all on the example, model sections only."""
    from drafter.drafting.context import build_context
    from drafter.drafting.plan import plan_sections
    from drafter.drafting.run import draft_all
    from drafter.source.load import load_source

    settings = replace(settings, concurrency=concurrency)
    ctx = build_context(load_source(EXAMPLE), settings, None)
    todo = [s for s in plan_sections(ctx.source, ctx.taxonomy) if ctx.uses_model(s)]
    started = time.perf_counter()
    drafted = draft_all(todo, ctx, None)
    wall = time.perf_counter() - started
    failed = [s.spec.id for s in drafted.values() if s.status == "failed"]
    if failed:
        print(f"  (failed sections: {', '.join(failed)}: {drafted[failed[0]].provenance.error})")
    return wall, max(s.provenance.seconds for s in drafted.values()), len(todo)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--latency", type=float, default=0.3)
    parser.add_argument("--sections", type=int, default=20)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[20, 1])
    parser.add_argument("--skip-pipeline", action="store_true")
    args = parser.parse_args()
    with FakeOpenAI(latency=args.latency) as fake:
        settings = Settings.load(
            backend="openai", base_url=fake.base_url, api_key="", timeout=30.0, quiet=True
        )
        print(f"fake OpenAI server at {fake.base_url}, {args.latency * 1000:.0f} ms per answer")
        print(
            f"{'run':<10} {'concurrency':>11} {'sections':>8} {'wall s':>8} {'slowest s':>9} {'wall/slowest':>12}"
        )
        for n in args.concurrency:
            wall, slowest = backend_run(settings, args.sections, n)
            print(
                f"{'backend':<10} {n:>11} {args.sections:>8} {wall:>8.2f} {slowest:>9.2f} {wall / slowest:>12.2f}"
            )
        if args.skip_pipeline or not EXAMPLE.exists():
            return
        for n in args.concurrency:
            wall, slowest, count = pipeline_run(settings, n)
            print(f"{'pipeline':<10} {n:>11} {count:>8} {wall:>8.2f} {slowest:>9.2f} {wall / slowest:>12.2f}")


if __name__ == "__main__":
    main()
