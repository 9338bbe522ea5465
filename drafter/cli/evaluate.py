"""`drafter eval CASES_DIR -o OUT`: parse, run the evaluation suite, print the table; no logic here."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from drafter.core.config import Settings
from drafter.core.errors import InputError


def register(app: typer.Typer) -> None:
    app.command("eval")(eval_command)


def eval_command(
    cases_dir: Annotated[Path, typer.Argument(help="评测用例目录 / folder of cases, e.g. eval/cases")],
    out: Annotated[
        Path, typer.Option("-o", "--out", help="输出目录 / run folder: results.json, report.html, drafts")
    ],
    backend: Annotated[str | None, typer.Option("--backend", help="后端 / backend: offline | openai")] = None,
    model: Annotated[
        str | None, typer.Option("--model", help="模型 / model name for the openai backend")
    ] = None,
    base_url: Annotated[
        str | None, typer.Option("--base-url", help="接口地址 / OpenAI-compatible endpoint")
    ] = None,
    concurrency: Annotated[
        int | None, typer.Option("--concurrency", help="同时起草的用例数 / cases at once")
    ] = None,
    compare: Annotated[
        Path | None, typer.Option("--compare", help="与之前的 results.json 比较 / compare runs")
    ] = None,
    fail_on_regression: Annotated[
        bool,
        typer.Option("--fail-on-regression", help="有超出容差的退步时退出码为 1 / exit 1 on a regression"),
    ] = False,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="不复用已缓存的草稿 / draft every case again")
    ] = False,
    judge_model: Annotated[
        str | None, typer.Option("--judge-model", help="LLM 评审模型 / turn the judge on")
    ] = None,
    config: Annotated[
        Path | None, typer.Option("--config", help="默认 eval/config.yaml / tolerances, lists")
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="不显示进度条 / no progress bar")] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="打印 results.json / print the results as JSON")
    ] = False,
) -> None:
    """评测：起草每个用例并打分 / Draft every case, score it, write OUT/results.json and OUT/report.html; compare with an earlier run."""
    from drafter.evaluation.report import print_console
    from drafter.evaluation.suite import evaluate

    settings = Settings.load(
        backend=backend, model=model, base_url=base_url, concurrency=concurrency, quiet=quiet
    )
    outcome = evaluate(
        cases_dir,
        out,
        settings,
        config_path=config,
        compare_with=compare,
        no_cache=no_cache,
        judge_model=judge_model,
        quiet=quiet,
    )
    if as_json:
        typer.echo(json.dumps(outcome.results, ensure_ascii=False, indent=2))
    else:
        print_console(outcome.results, outcome.comparison)
        typer.echo(f"→ {out / 'results.json'} · {out / 'report.html'}")
    if outcome.none_ran:
        raise InputError(
            f"没有一个用例能运行 / no case could be run (the first: {outcome.first_error()})",
            path=str(cases_dir),
            hint=f"请修正 {out / 'report.html'} 中列出的用例后重试 / fix the cases listed in {out / 'report.html'}, then run again",
        )
    errored, total = outcome.counts
    if errored:
        typer.secho(
            f"注意 / note: {total} 个用例中 {errored} 个无法运行，得分只含其余用例，详见 {out / 'report.html'} / "
            f"{errored} of {total} cases could not be run (the first: {outcome.first_error()}); "
            f"the scores cover the others — see {out / 'report.html'}",
            fg="yellow",
            err=True,
        )
    if errored or (fail_on_regression and outcome.regressions):
        raise typer.Exit(1)
