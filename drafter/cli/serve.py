"""`drafter serve [--host 127.0.0.1] [--port 8000] [--workspace DIR] [--token T]`: the editors' web page."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from drafter.core.config import Settings
from drafter.core.errors import ConfigError

LOCAL = ("127.0.0.1", "localhost", "::1")


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)


def check_exposure(host: str, token: str | None) -> None:
    """Any address but the loopback one needs an access token."""
    if host not in LOCAL and not token:
        raise ConfigError(
            f"--host {host} 会让其他机器也能访问网页，须设置访问令牌 / --host {host} makes the page reachable from other machines: an access token is required",
            hint="请加 --token …（或设置 DRAFTER_TOKEN），或保持默认的 --host 127.0.0.1 / add --token … (or set DRAFTER_TOKEN), or keep the default --host 127.0.0.1",
        )


def serve(
    host: Annotated[
        str, typer.Option("--host", help="监听地址 / address (127.0.0.1; others need a token)")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="端口 / port")] = 8000,
    workspace: Annotated[
        Path, typer.Option("--workspace", "-w", help="工作区目录 / metrics files and drafts")
    ] = Path("workspace"),
    token: Annotated[
        str | None,
        typer.Option("--token", help="访问令牌 / access token (DRAFTER_TOKEN)", show_default=False),
    ] = None,
    backend: Annotated[str | None, typer.Option("--backend", help="默认后端 / default backend")] = None,
) -> None:
    """启动网页 / Serve the web page: upload metrics, draft, read every figure's check status, edit and regenerate sections."""
    import uvicorn

    from drafter.web.app import create_app

    token = token or os.environ.get("DRAFTER_TOKEN") or None
    check_exposure(host, token)
    settings = Settings.load(backend=backend, quiet=True)
    app = create_app(settings, workspace, token=token)
    shown = f"[{host}]" if ":" in host else host
    typer.echo(f"Drafter 网页 / web page: http://{shown}:{port}/  (workspace {workspace.resolve()})")
    if token:
        typer.echo("访问令牌已启用：首次打开时在地址后加 ?token=<你的令牌> / token required (not shown here)")
    # no access log: a URL may carry ?token=… on its first visit, and tokens are never logged
    uvicorn.run(app, host=host, port=port, access_log=False, log_level="warning")
