"""`drafter kb build` and `drafter kb search`: parse, call the index/retriever, print."""

from __future__ import annotations

import json
from dataclasses import asdict

import typer

from drafter.core.config import Settings
from drafter.core.errors import InputError

kb_app = typer.Typer(help="知识库：建索引与检索 / build and search the knowledge index", no_args_is_help=True)

SNIPPET = 120


def register(app: typer.Typer) -> None:
    app.add_typer(kb_app, name="kb")


@kb_app.command("build")
def build(
    rebuild: bool = typer.Option(
        False, "--rebuild", help="清空后重建 / wipe the index and embed everything again"
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="不显示进度条 / no progress bar"),
) -> None:
    """建立或更新知识库索引 / Build or update the knowledge index (only new or changed files are embedded)."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from drafter.knowledge.index import build_index
    from drafter.knowledge.retrieve import embedding_for

    settings = Settings.load()
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), disable=quiet, transient=True) as bar:
        task = bar.add_task("索引 / indexing", total=None)

        def advance(done: int, total: int, source: str) -> None:
            bar.update(task, completed=done, total=total, description=f"索引 / indexing {source}")

        stats = build_index(settings, embedding_for(settings), rebuild=rebuild, progress=advance)
    typer.echo(
        f"index: {stats.files} files ({stats.changed} embedded, {stats.files - stats.changed} unchanged, "
        f"{stats.removed} removed), {stats.passages} passages, {stats.seconds:.1f} s → {settings.index_dir}"
    )


@kb_app.command("search")
def search(
    query: str = typer.Argument(..., help="检索词 / what to look for, e.g. 学前三年毛入园率"),
    k: int = typer.Option(5, "-k", "--k", help="返回条数 / number of passages"),
    indicator: str = typer.Option(None, "--indicator", help="指标代码 / taxonomy code, e.g. preschool"),
    level: str = typer.Option(None, "--level", help="层级 / province | city | county"),
    year: int = typer.Option(None, "--year", help="评价年度 / assessed year"),
    mode: str = typer.Option("hybrid", "--mode", help="检索方式 / hybrid (RRF) | convex | vector | bm25"),
    as_json: bool = typer.Option(False, "--json", help="输出 JSON / print a JSON list"),
) -> None:
    """检索知识库 / Search the knowledge index: source, section, score and a snippet per passage."""
    from drafter.knowledge.retrieve import Retriever

    settings = Settings.load()
    _check_options(settings, indicator, level, mode)
    retriever = Retriever(settings)
    hits = retriever.search(query, k=k, indicator=indicator, level=level, year=year, mode=mode)
    if as_json:
        typer.echo(json.dumps([asdict(p) for p in hits], ensure_ascii=False, indent=2))
        return
    if not hits:
        typer.echo("没有找到 / no passages match")
    for rank, p in enumerate(hits, 1):
        snippet = _snippet(p.text, retriever.tokenize(query))
        typer.echo(
            f"{rank}. [{p.score:.4f}] {p.source} · {p.section or '-'} · {p.indicator or '-'}\n   {snippet}"
        )


def _check_options(settings, indicator: str | None, level: str | None, mode: str) -> None:
    from drafter.knowledge.corpus import LEVELS, taxonomy_for

    if level and level not in LEVELS:
        raise InputError(
            f"未知层级 / unknown level {level!r}",
            key="--level",
            hint=f"请用 / use one of {', '.join(LEVELS)}",
        )
    if indicator:
        codes = taxonomy_for(settings.knowledge_dir).codes
        if indicator not in codes:
            raise InputError(
                f"未知指标代码 / unknown indicator {indicator!r}",
                key="--indicator",
                hint=f"请用 / use one of {', '.join(codes)}",
            )


def _snippet(text: str, words: list[str]) -> str:
    """About SNIPPET characters around the first query word the passage contains."""
    flat = text.replace("\n", " ")
    found = [i for i in (flat.find(w) for w in words if len(w) > 1) if i >= 0]
    start = max(0, min(found) - 20) if found else 0
    start = min(start, max(0, len(flat) - SNIPPET))
    return (
        ("…" if start else "") + flat[start : start + SNIPPET] + ("…" if start + SNIPPET < len(flat) else "")
    )
