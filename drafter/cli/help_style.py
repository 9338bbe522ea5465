"""Plain `--help` pages: flags shown as flags, values by a name (FILE, N), no default that says nothing.

typer renders every parameter with its Python type (`<bool>`, `<list[Path]>`, `{paths}...`) and every
default (`[default: 0]`); the users read Chinese and know none of that. This module only adjusts how the
parameters of the built click command are shown; parsing is unchanged. It is the one place that touches
typer's parameter objects.

Help texts fold instead of ending in "…": rich cuts a table cell's line with an ellipsis when a run of 汉字
without a space is wider than the column, and when a line that fills the column exactly keeps its trailing
space (rich strips it by characters, not by cells, so a line holding 汉字 keeps it and is one cell too wide).
"""

from __future__ import annotations

from typing import Any

HELP_TEXT = "显示本帮助并退出 / show this help and exit"
_SAYS_NOTHING = (None, False, 0, 0.0, "", (), [])


def plain_help(command: Any) -> Any:
    """The command (and its subcommands) with plain help; returns it."""
    for param in command.params:
        _plain(param)
    _plain_help_option(command)
    _fold_when_formatting(command)
    for sub in getattr(command, "commands", {}).values():
        plain_help(sub)
    return command


def _plain(param: Any) -> None:
    if param.param_type_name == "argument":
        _plain_argument(param)
    elif getattr(param, "is_flag", False):
        param.metavar = ""  # a flag takes no value: nothing in the type column
        param.show_default = False
    else:
        long = next((o for o in param.opts if o.startswith("--")), param.opts[0])
        param.metavar = long.lstrip("-").upper()
        if _says_nothing(param.default):
            param.show_default = False


def _says_nothing(default: Any) -> bool:
    try:
        return default in _SAYS_NOTHING
    except TypeError:  # a default that cannot be compared (a callable): shown as typer shows it
        return False


def _plain_argument(param: Any) -> None:
    """PATHS... (or the metavar given) in the usage line and the table, no Python type beside it."""
    name = param.metavar or param.name.upper() + ("..." if param.nargs != 1 else "")
    param.metavar = name
    param.display_type_rich = lambda ctx: None
    param._usage_display_name = lambda: name


def _plain_help_option(command: Any) -> None:
    """--help is made on first use; plain it then."""
    made = command.get_help_option

    def get_help_option(ctx: Any) -> Any:
        option = made(ctx)
        if option is not None:
            option.metavar, option.show_default, option.help = "", False, HELP_TEXT
        return option

    command.get_help_option = get_help_option


def _fold_when_formatting(command: Any) -> None:
    """Fold help texts, set up when a help page is formatted (rich is not imported for other runs)."""
    made = command.format_help

    def format_help(ctx: Any, formatter: Any) -> Any:
        _fold_help_texts()
        return made(ctx, formatter)

    command.format_help = format_help


def _fold_help_texts() -> None:
    """typer's help texts are made by rich_utils._make_rich_text; give each Text overflow="fold"."""
    from rich.text import Text
    from typer import rich_utils

    made = getattr(rich_utils, "_make_rich_text", None)
    if made is None or getattr(made, "folds", False):
        return

    def folding(*args: Any, **kwargs: Any) -> Any:
        text = made(*args, **kwargs)
        if isinstance(text, Text) and text.overflow is None:
            text.overflow = "fold"
        return text

    folding.folds = True  # type: ignore[attr-defined]
    rich_utils._make_rich_text = folding
