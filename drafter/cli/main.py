"""Entry point: builds the typer app from the command modules and turns DrafterError into exit 2."""

from __future__ import annotations

import importlib
import os
import signal
import sys
import threading

import typer

from drafter.cli.help_style import plain_help
from drafter.core.errors import DrafterError, Interrupted

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
COMMAND_MODULES = ("kb", "metrics", "check", "draft", "word", "export", "evaluate", "serve")

_state = {"debug": False, "registered": False}


@app.callback()
def main(
    debug: bool = typer.Option(False, "--debug", help="出错时显示完整 traceback / show tracebacks"),
) -> None:
    _state["debug"] = debug


def _register_commands() -> None:
    """Once per process: tests call run() many times, and registering again would grow the app each time."""
    if _state["registered"]:
        return
    for name in COMMAND_MODULES:
        importlib.import_module(f"drafter.cli.{name}").register(app)
    _state["registered"] = True


def run(argv: list[str] | None = None) -> None:
    """Run the CLI; user mistakes print one or two lines and exit 2, never a traceback.

    click (whichever copy typer uses) handles its own usage errors in standalone mode: the usage line,
    the problem, exit 2. Ctrl-C and SIGTERM become Interrupted: what was kept is said, exit 130 / 143.
    """
    _register_commands()
    previous = _install_signal_handlers()
    try:
        plain_help(typer.main.get_command(app)).main(args=argv, prog_name="drafter", standalone_mode=True)
    except DrafterError as exc:
        if _state["debug"]:
            raise
        typer.secho(f"错误 / error: {exc.render()}", fg="red", err=True)
        sys.exit(exc.exit_code)
    except Interrupted as exc:
        _interrupted(exc)
    finally:
        _restore_signal_handlers(previous)


def _raise_interrupted(signum: int, frame: object) -> None:
    raise Interrupted(signum)


def _install_signal_handlers() -> dict[int, object]:
    if threading.current_thread() is not threading.main_thread():
        return {}
    previous = {}
    for signum in (signal.SIGINT, signal.SIGTERM):
        previous[signum] = signal.signal(signum, _raise_interrupted)
    return previous


def _restore_signal_handlers(previous: dict[int, object]) -> None:
    for signum, handler in previous.items():
        signal.signal(signum, handler)  # type: ignore[arg-type]


def _interrupted(exc: Interrupted) -> None:
    """Say what was kept, then leave at once (a worker thread still winding down is not waited for)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C while saying so changes nothing
    name = "Ctrl-C" if exc.signum == signal.SIGINT else signal.Signals(exc.signum).name
    kept = exc.kept or "再次运行同一命令即可继续。 / run the same command again to resume."
    typer.secho(f"已中断 / interrupted ({name}): {kept}", fg="yellow", err=True)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(exc.exit_code)
