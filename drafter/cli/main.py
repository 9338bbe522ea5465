"""Entry point: builds the typer app from the command modules and turns DrafterError into exit 2."""

from __future__ import annotations

import importlib
import os
import re
import signal
import sys
import threading
from typing import Any

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
    stdout_was = _stdout_file()
    try:
        command = plain_help(typer.main.get_command(app))
        code = command.main(args=_debug_first(argv), prog_name="drafter", standalone_mode=False)
        sys.exit(code if isinstance(code, int) else 0)
    except USAGE_ERROR as exc:
        _usage_error(exc)
        sys.exit(exc.exit_code)
    except CLICK_ERROR as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except typer.Abort:
        typer.secho("已中止 / aborted", fg="red", err=True)
        sys.exit(1)
    except DrafterError as exc:
        if _state["debug"]:
            raise
        typer.secho(f"错误 / error: {exc.render()}", fg="red", err=True)
        sys.exit(exc.exit_code)
    except Interrupted as exc:
        _interrupted(exc)
    except SystemExit:
        if _pipe_closed(stdout_was):  # `drafter check … | head`: not 1, which says figures were flagged
            sys.exit(PIPE_CLOSED)
        raise
    finally:
        if argv is None:  # the console script: the process ends now, its work done and its exit code said
            _ignore(previous)
        else:  # called in-process (tests): leave the handlers as they were
            _restore_signal_handlers(previous)


PIPE_CLOSED = 128 + 13  # as a process stopped by SIGPIPE: what the shell reports for `yes | head`


def _stdout_file() -> tuple[int, int] | None:
    try:
        st = os.fstat(sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        return None
    return st.st_dev, st.st_ino


def _pipe_closed(stdout_was: tuple[int, int] | None) -> bool:
    """The reader of our output went away: click (a _PacifyFlushWrapper) or rich (standard output moved onto the
    null device) said so with exit 1."""
    if type(sys.stdout).__name__ == "_PacifyFlushWrapper":
        return True
    try:
        null = os.stat(os.devnull)
    except OSError:
        return False
    now = _stdout_file()
    return now is not None and now != stdout_was and now == (null.st_dev, null.st_ino)


def _debug_first(argv: list[str] | None) -> list[str] | None:
    """`drafter section OUT --debug` as `drafter --debug section OUT`: the option is the whole program's, and
    typed after the command it was "No such option: --debug". None (click reads sys.argv, and on Windows
    expands `*.pdf` itself) unless the flag must move."""
    args = sys.argv[1:] if argv is None else argv
    end = args.index("--") if "--" in args else len(args)
    if "--debug" not in args[1:end]:
        return argv
    return ["--debug", *(a for a in args[:end] if a != "--debug"), *args[end:]]


# click's error classes, of whichever copy of click typer uses (typer.BadParameter is a UsageError)
USAGE_ERROR: type[Exception] = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "UsageError")
CLICK_ERROR: type[Exception] = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")
# click's own usage errors, said in Chinese first (the English kept: IT staff search for it)
USAGE_WORDS = (
    (re.compile(r"No such command '([^']+)'\."), "没有这个命令：{0}"),
    (re.compile(r"No such option: (\S+)"), "没有这个选项：{0}"),
    (re.compile(r"Missing argument '([^']+)'\."), "缺少参数：{0}"),
    (re.compile(r"Missing option '([^']+)'\."), "缺少选项：{0}"),
    (re.compile(r"Option '([^']+)' requires an argument\."), "选项 {0} 后面要跟一个值"),
    (re.compile(r"Invalid value for '([^']+)'"), "{0} 的值不对"),
    (re.compile(r"Got unexpected extra arguments? \(([^)]*)\)"), "多了参数：{0}"),
)
# commands people type for others (drafter web → serve)
MEANT = {
    "web": "serve",
    "server": "serve",
    "ui": "serve",
    "review": "check",
    "verify": "check",
    "write": "draft",
}


def _usage_error(exc: Any) -> None:
    """The usage line, then the problem in Chinese and English, then where the help is; no box, no traceback."""
    message = exc.format_message()
    if not message.strip():
        return  # `drafter` alone: the help was printed, there is nothing wrong to say
    said = next((zh.format(*m.groups()) for rx, zh in USAGE_WORDS if (m := rx.search(message))), "用法不对")
    unknown = re.search(r"No such command '([^']+)'", message)
    hint = (
        f"（是不是要用 drafter {MEANT[unknown.group(1)]}？）" if unknown and unknown.group(1) in MEANT else ""
    )
    ctx = exc.ctx
    if ctx is not None:
        typer.echo(ctx.get_usage(), err=True)
    name = ctx.command_path if ctx is not None else "drafter"
    typer.echo(f"错误：{said}{hint} / Error: {message}", err=True)
    typer.echo(f"用法见 {name} --help / see '{name} --help'", err=True)


def _raise_interrupted(signum: int, frame: object) -> None:
    raise Interrupted(signum)


def _install_signal_handlers() -> dict[int, object]:
    if threading.current_thread() is not threading.main_thread():
        return {}
    previous = {}
    for signum in (signal.SIGINT, signal.SIGTERM):
        previous[signum] = signal.signal(signum, _raise_interrupted)
    return previous


def _ignore(previous: dict[int, object]) -> None:
    """A Ctrl-C while the interpreter shuts down (~0.1 s after the last file is written) killed the process
    silently with 130, the draft complete: it changes nothing now, so it is not heard."""
    for signum in previous:
        signal.signal(signum, signal.SIG_IGN)


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
