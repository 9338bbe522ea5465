"""Entry point: builds the typer app from the command modules and turns DrafterError into exit 2."""

from __future__ import annotations

import importlib
import sys

import click
import typer

from drafter.core.errors import DrafterError

app = typer.Typer(
    name="drafter",
    help="Drafter：起草履行教育职责自评报告并核对其中每一个数字。Drafts 履职自评报告 and proves every figure.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)

# Each module defines register(app) and keeps its heavy imports inside its commands,
# so `drafter --help` and `drafter check` start fast.
COMMAND_MODULES = ("kb", "metrics", "check", "draft", "export", "evaluate", "serve")

_state = {"debug": False}


@app.callback()
def main(
    debug: bool = typer.Option(False, "--debug", help="出错时显示完整 traceback / show tracebacks"),
) -> None:
    _state["debug"] = debug


def _register_commands() -> None:
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"drafter.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"drafter.cli.{name}":
                continue  # command group not built yet
            raise
        module.register(app)


def run(argv: list[str] | None = None) -> None:
    """Run the CLI; user mistakes print one or two lines and exit 2, never a traceback."""
    _register_commands()
    try:
        code = app(args=argv, standalone_mode=False)
    except DrafterError as exc:
        if _state["debug"]:
            raise
        typer.secho(f"错误 / error: {exc.render()}", fg="red", err=True)
        sys.exit(exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except (click.Abort, KeyboardInterrupt):
        typer.secho("已中断 / interrupted: run the same command again to resume.", fg="yellow", err=True)
        sys.exit(130)
    sys.exit(code if isinstance(code, int) else 0)
