"""`drafter serve [--host 127.0.0.1] [--port 8000] [--workspace DIR] [--token T]`: the editors' web page."""

from __future__ import annotations

import errno
import os
import socket
from pathlib import Path
from typing import Annotated

import typer

from drafter.core.config import Settings
from drafter.core.errors import ConfigError, InputError
from drafter.core.files import ensure_writable_folder
from drafter.drafting.stopped import saying

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


def check_address(host: str, port: int) -> None:
    """The address can be listened on: said before the page's address is printed, not by uvicorn after it
    (in English, exit 3)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(
            socket.SOL_SOCKET, socket.SO_REUSEADDR, 1
        )  # as uvicorn does: a just-closed port is free
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise _address_error(host, port, exc) from None


def _address_error(host: str, port: int, exc: OSError) -> InputError:
    other = 8001 if port == 8000 else 8000
    if exc.errno == errno.EADDRINUSE:
        return InputError(
            f"端口 {port} 已被占用（另一个 drafter serve 还在运行？）/ port {port} is in use (is another drafter serve running?)",
            key="--port",
            hint=f"请换一个端口，例如 --port {other} / choose another port, e.g. --port {other}",
        )
    if exc.errno == errno.EACCES:
        return InputError(
            f"没有权限使用端口 {port} / no permission to use port {port}",
            key="--port",
            hint=f"请用 1024 以上的端口，例如 --port {other} / use a port above 1023, e.g. --port {other}",
        )
    return InputError(
        f"无法在 {host}:{port} 上启动网页 / cannot listen on {host}:{port} ({exc.strerror or exc})",
        key="--host",
        hint="请检查 --host（本机地址，如 127.0.0.1）/ check --host: an address of this machine, e.g. 127.0.0.1",
    )


def check_workspace(workspace: Path) -> None:
    """The workspace is a folder the page can write uploads and drafts into (made when missing)."""
    if workspace.exists() and not workspace.is_dir():
        raise InputError(
            "这是文件，不是文件夹 / is a file, not a folder",
            path=str(workspace),
            hint="--workspace 请给一个文件夹（没有时会新建）/ give --workspace a folder (made when missing)",
        )
    ensure_writable_folder(workspace)


def serve(
    host: Annotated[
        str, typer.Option("--host", help="监听地址 / address (127.0.0.1; others need a token)")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="端口 / port", min=1, max=65535)] = 8000,
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
    check_workspace(workspace)
    check_address(host, port)
    settings = Settings.load(backend=backend, quiet=True)
    app = create_app(settings, workspace, token=token)
    shown = f"[{host}]" if ":" in host else host
    typer.echo(f"Drafter 网页 / web page: http://{shown}:{port}/  (workspace {workspace.resolve()})")
    if token:
        typer.echo("访问令牌已启用：首次打开时在地址后加 ?token=<你的令牌> / token required (not shown here)")
    # no access log: a URL may carry ?token=… on its first visit, and tokens are never logged
    with saying(STOPPED):  # Ctrl-C / SIGTERM is how a server stops: nothing to resume
        uvicorn.run(app, host=host, port=port, access_log=False, log_level="warning")


STOPPED = (
    "网页服务已停止，工作区中的文件都已保存；需要时再次运行 drafter serve 即可。 / the web page has stopped and "
    "every file in the workspace is kept; run drafter serve again when needed."
)
