"""Retrieval benchmark: recall@5 for hybrid / vector-only / BM25-only, full build time, warm query p95.

    .venv/bin/python bench/retrieval.py                       # the default embedding model
    .venv/bin/python bench/retrieval.py --compare-embeddings  # also use vs e5: recall, top-1, speed

Builds a fresh index in a temporary folder (your .drafter/index is not touched) from knowledge/,
then runs the labelled queries of bench/retrieval_queries.yaml. Prints numbers; asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from drafter.core.config import Settings  # noqa: E402
from drafter.knowledge.embeddings import make_embedding_function  # noqa: E402
from drafter.knowledge.index import build_index  # noqa: E402
from drafter.knowledge.retrieve import MODES, Retriever  # noqa: E402


def load_queries(path: Path) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["queries"]


def relevant(passage, query: dict) -> bool:
    """True when the passage matches one expectation: file name (or path) prefix and a substring."""
    name = passage.source.rsplit("/", 1)[-1]
    return any(
        (passage.source if "/" in e["source"] else name).startswith(e["source"])
        and str(e["text"]) in passage.text
        for e in query["expect"]
    )


def score(retriever: Retriever, queries: list[dict], mode: str, k: int = 5) -> dict[str, float]:
    firsts = []  # rank of the first relevant passage, 0 = none in the top k
    for q in queries:
        ranks = [i for i, p in enumerate(retriever.search(q["query"], k=k, mode=mode), 1) if relevant(p, q)]
        firsts.append(ranks[0] if ranks else 0)
    n = len(queries)
    return {
        "recall@5": sum(1 for r in firsts if r) / n,
        "recall@3": sum(1 for r in firsts if 0 < r <= 3) / n,
        "top1": sum(1 for r in firsts if r == 1) / n,
        "mrr": sum(1 / r for r in firsts if r) / n,
        "misses": [q["query"] for q, r in zip(queries, firsts, strict=True) if not r],
    }


def latency_ms(retriever: Retriever, queries: list[dict], rounds: int = 3) -> list[float]:
    for q in queries:  # warm-up
        retriever.search(q["query"], k=5)
    times = []
    for _ in range(rounds):
        for q in queries:
            start = time.perf_counter()
            retriever.search(q["query"], k=5)
            times.append((time.perf_counter() - start) * 1000)
    return times


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[18]


def run_model(model: str, knowledge: Path, queries: list[dict], work: Path) -> dict:
    settings = Settings.load(
        knowledge_dir=knowledge, index_dir=work / model / "index", cache_dir=work / "cache"
    )
    ef = make_embedding_function(model)
    stats = build_index(settings, ef, rebuild=True)
    retriever = Retriever(settings, ef)
    result = {"model": model, "build_s": stats.seconds, "passages": stats.passages, "files": stats.files}
    result["modes"] = {mode: score(retriever, queries, mode) for mode in MODES}
    result["latency"] = latency_ms(retriever, queries)
    result["embed_per_1000_s"] = embed_speed(ef, retriever)
    return result


def embed_speed(ef, retriever: Retriever, n: int = 300) -> float:
    texts = [p.text for p in retriever.passages]
    texts = (texts * (n // max(len(texts), 1) + 1))[:n]
    start = time.perf_counter()
    ef(texts)
    return (time.perf_counter() - start) * 1000 / n


def report(result: dict) -> None:
    print(f"\n== embeddings: {result['model']} — {result['files']} files, {result['passages']} passages")
    print(f"full index build: {result['build_s']:.1f} s  (target ≤ 15 s on 2 cores)")
    print(f"embedding speed: {result['embed_per_1000_s']:.1f} s per 1,000 passages")
    lat = result["latency"]
    print(
        f"warm query latency (hybrid, k=5): p50 {statistics.median(lat):.1f} ms, p95 {p95(lat):.1f} ms"
        "  (target p95 ≤ 50 ms)"
    )
    print(f"{'mode':8} {'recall@5':>9} {'recall@3':>9} {'top-1':>7} {'MRR@5':>6}")
    for mode, m in result["modes"].items():
        print(f"{mode:8} {m['recall@5']:9.3f} {m['recall@3']:9.3f} {m['top1']:7.3f} {m['mrr']:6.3f}")
    hybrid = result["modes"]["hybrid"]["recall@5"]
    others = max(result["modes"]["vector"]["recall@5"], result["modes"]["bm25"]["recall@5"])
    print(
        f"hybrid beats both single modes: {hybrid > others}  (hybrid {hybrid:.3f} vs best single {others:.3f})"
    )
    if result["modes"]["hybrid"]["misses"]:
        print("hybrid misses: " + " | ".join(result["modes"]["hybrid"]["misses"]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--knowledge", type=Path, default=ROOT / "knowledge")
    parser.add_argument("--queries", type=Path, default=ROOT / "bench" / "retrieval_queries.yaml")
    parser.add_argument("--compare-embeddings", action="store_true", help="also measure the e5 model")
    args = parser.parse_args()
    queries = load_queries(args.queries)
    print(f"{len(queries)} labelled queries from {args.queries.relative_to(ROOT)}")
    models = ("use", "e5") if args.compare_embeddings else ("use",)
    with tempfile.TemporaryDirectory(prefix="drafter-bench-") as tmp:
        for model in models:
            report(run_model(model, args.knowledge, queries, Path(tmp)))


if __name__ == "__main__":
    main()
