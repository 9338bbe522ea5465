"""`drafter export OUT [--format docx|md|html] [-o FILE]`: re-export a draft after edits; parse, call, print."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from drafter.cli.overwrite import force_option, refuse_existing
from drafter.core.errors import InputError
from drafter.core.files import write_text_atomic
from drafter.outdir.names import DOCX_FILE, HTML_FILE, MD_FILE

FORMATS = {"docx": DOCX_FILE, "md": MD_FILE, "html": HTML_FILE}
SUFFIXES = {".docx": "docx", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}


def register(app: typer.Typer) -> None:
    app.command("export")(export)


def export(
    out: Annotated[
        Path, typer.Argument(help="草稿目录（含 draft.json）/ the OUT directory of `drafter draft`")
    ],
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="docx（公文格式 Word）| md | html（核对报告）；不写时按 -o 的扩展名，默认 docx / "
            "by default from the -o extension (.docx .md .html), else docx",
        ),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="输出文件 / file to write (default OUT/draft.<ext>)")
    ] = None,
    force: Annotated[bool, force_option()] = False,
) -> None:
    """导出草稿（Word 公文、Markdown 或核对页面）/ Export the draft (with draft.md's hand edits) as Word, Markdown or the checked HTML."""
    from drafter.outdir.edits import current_draft

    fmt = _format(fmt, output)
    draft = current_draft(out)
    target = output or Path(out) / FORMATS[fmt]
    if output is not None and output.resolve() != (Path(out) / FORMATS[fmt]).resolve():
        refuse_existing(
            output, force
        )  # OUT/draft.<ext> is the draft's own file, written again by every command
    {"docx": _docx, "md": _markdown, "html": _html}[fmt](draft, target)
    typer.echo(str(target))


def _format(fmt: str | None, output: Path | None) -> str:
    """--format, else the one -o's extension names, else docx; a Word file is never written as x.md or x.pdf."""
    if fmt is not None and fmt not in FORMATS:
        raise InputError(
            f"未知格式 / unknown format {fmt!r}", key="--format", hint="请用 / use one of: docx, md, html"
        )
    if output is not None and output.is_dir():
        raise InputError(
            "是一个文件夹，不是文件 / is a folder, not a file",
            path=str(output),
            hint=f"请给出文件名，例如 / give a file name, e.g. {output / '报告.docx'}",
        )
    suffix = output.suffix.lower() if output is not None else ""
    named = SUFFIXES.get(suffix)
    if fmt is None and output is not None and named is None:
        raise InputError(
            f"无法导出为 {suffix} 文件 / cannot export to a {suffix} file"
            if suffix
            else "文件名没有扩展名 / the file name has no extension",
            path=str(output),
            hint="请用 .docx、.md 或 .html（需要 PDF 时，用 Word/WPS 打开 draft.docx 另存为 PDF）/ "
            "use .docx, .md or .html (for a PDF, open draft.docx in Word/WPS and save it as PDF)",
        )
    if fmt is not None and named is not None and named != fmt:
        raise InputError(
            f"--format {fmt} 与文件扩展名 {suffix} 不一致 / --format {fmt} does not match the extension {suffix}",
            path=str(output),
            hint=f"请改用 --format {named}，或把文件名改为 .{fmt} / use --format {named}, or name the file .{fmt}",
        )
    return fmt or named or "docx"


def _docx(draft, target: Path) -> None:
    from drafter.export.docx import write_docx
    from drafter.export.docx_layout import FALLBACKS, missing_fonts
    from drafter.export.docx_text import control_chars

    for section_id, count in control_chars(draft):
        typer.secho(
            f"注意 / note: removed {count} control character(s) from section {section_id}",
            fg="yellow",
            err=True,
        )
    write_docx(draft, target)
    missing = missing_fonts()
    if missing:
        subs = "; ".join(f"{f} → {' / '.join(FALLBACKS[f][:2])}" for f in missing)
        typer.secho(
            f"本机缺少字体 / fonts not installed here (the file keeps the standard names; "
            f"editors substitute): {subs}",
            fg="yellow",
            err=True,
        )


def _markdown(draft, target: Path) -> None:
    from drafter.export.markdown import render_markdown

    write_text_atomic(target, render_markdown(draft))


def _html(draft, target: Path) -> None:
    try:
        from drafter.export.html import render_html
    except ImportError as exc:
        raise InputError(
            "此版本不含 HTML 核对报告 / the HTML check report is not available in this build (drafter.export.html.render_html "
            "is missing)",
            key="--format html",
            hint="请导出 docx 或 md，或运行 `drafter check OUT/draft.md --format html` / export docx or md, or run `drafter check OUT/draft.md --format html`",
        ) from exc
    write_text_atomic(target, render_html(draft, _source(draft)))


def _source(draft):
    """The metrics the draft was made from, to check against; None (text rules only) when gone."""
    from drafter.source.load import load_source

    path = Path(draft.metrics_path) if draft.metrics_path else None
    if path and path.is_file():
        return load_source(path)
    typer.secho(
        f"注意 / note: metrics file {draft.metrics_path or '(none)'} not found: figures are checked "
        "against each other only (run `drafter check OUT/draft.md --metrics FILE --format html`)",
        fg="yellow",
        err=True,
    )
    return None
