"""An output file the user names with -o that already exists is theirs until they say otherwise: refused unless
--force (as `drafter section` refuses to overwrite a hand-edited section unless --force)."""

from __future__ import annotations

from pathlib import Path

import typer

from drafter.core.errors import InputError

FORCE_HELP = "覆盖已存在的输出文件 / overwrite the -o file when it exists"


def refuse_existing(path: Path, force: bool) -> None:
    """InputError (exit 2) when `path` exists and --force was not given."""
    if path.exists() and not force:
        raise InputError(
            "文件已存在，未覆盖 / the file already exists: not overwritten",
            path=str(path),
            key="-o",
            hint="确需覆盖请加 --force，否则换一个文件名 / add --force to overwrite it, or choose another name",
        )


def force_option() -> typer.models.OptionInfo:
    return typer.Option("--force", help=FORCE_HELP)
