"""Run one job per process, a few at a time, so that no file can stop or slow the others.

Each job runs in a fresh process forked from a forkserver that has already imported the readers and the
checker (so a process starts in milliseconds), under a memory limit and a deadline. A job that raises,
runs out of memory, crashes the interpreter (a segfault in a native library) or outlives its deadline
becomes that job's failure message; the others go on.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import signal
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

PRELOAD = ["drafter.review.quiet", "drafter.review.preload"]  # quiet first: see quiet.py


@dataclass(frozen=True)
class Limits:
    workers: int = 2
    seconds: float = 120.0  # per job
    memory_mb: int = 768  # address space per job process


@dataclass
class _Running:
    key: Any
    process: Any
    conn: Connection
    deadline: float


def run_isolated(
    jobs: Iterable[tuple[Any, Callable[..., Any], tuple[Any, ...]]],
    limits: Limits,
    on_start: Callable[[Any], None] = lambda key: None,
    on_done: Callable[[Any, Any, str], None] = lambda key, result, failure: None,
) -> None:
    """Run `function(*args)` for each (key, function, args); call on_done(key, result, failure) as each ends."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    pending = list(jobs)
    running: list[_Running] = []
    try:
        while pending or running:
            while pending and len(running) < max(limits.workers, 1):
                key, function, args = pending.pop(0)
                running.append(_start(context, key, function, args, limits))
                on_start(key)
            timeout = max(0.0, min(job.deadline for job in running) - time.monotonic())
            wait([job.conn for job in running] + [job.process.sentinel for job in running], timeout=timeout)
            for job in [job for job in running if _finished(job)]:
                running.remove(job)
                on_done(job.key, *_outcome(job, limits))
    finally:  # interrupted (Ctrl-C, SIGTERM) or a failing callback: no job outlives the run
        for job in running:
            _stop(job)


def _start(context, key, function, args, limits: Limits) -> _Running:
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(sender, limits.memory_mb, function, args), daemon=True)
    process.start()
    sender.close()
    return _Running(key=key, process=process, conn=receiver, deadline=time.monotonic() + limits.seconds)


def _finished(job: _Running) -> bool:
    return job.conn.poll() or not job.process.is_alive() or time.monotonic() >= job.deadline


def _outcome(job: _Running, limits: Limits) -> tuple[Any, str]:
    """(result, "") or (None, why it failed); the process is gone afterwards."""
    try:
        if job.conn.poll():
            kind, value = job.conn.recv()
            return (value, "") if kind == "ok" else (None, value)
        if job.process.is_alive():
            return (
                None,
                f"超过 {limits.seconds:.0f} 秒仍未读完，已停止（文件损坏或异常？）/ took longer than "
                f"{limits.seconds:.0f} s and was stopped (a damaged or hostile file?)",
            )
        return None, _crashed(job)
    except (EOFError, OSError):
        return None, _crashed(job)
    finally:
        _stop(job)


def _crashed(job: _Running) -> str:
    return (
        f"读取程序异常退出（退出码 {job.process.exitcode}），文件损坏或异常 / the reader crashed (exit code "
        f"{job.process.exitcode}); the file is damaged or hostile"
    )


def _stop(job: _Running) -> None:
    if job.process.is_alive():
        job.process.kill()
    job.process.join()
    job.conn.close()


def _child(sender: Connection, memory_mb: int, function: Callable[..., Any], args: tuple[Any, ...]) -> None:
    """Runs in the job's process: cap the memory, run, send ("ok", result) or ("error", message).

    Ctrl-C reaches the whole process group: the parent stops the jobs and says what was kept, so a job
    ignores SIGINT (and leaves quietly if it came before that) instead of printing its own traceback."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        _run_child(sender, memory_mb, function, args)
    except KeyboardInterrupt:
        os._exit(130)
    except (
        BrokenPipeError,
        ConnectionResetError,
    ):  # the run stopped (Ctrl-C) before this answer: nobody to tell
        os._exit(0)


def _run_child(
    sender: Connection, memory_mb: int, function: Callable[..., Any], args: tuple[Any, ...]
) -> None:
    limit = memory_mb * 1024 * 1024
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(
        resource.RLIMIT_AS, (limit if hard == resource.RLIM_INFINITY else min(limit, hard), hard)
    )
    try:
        message: tuple[str, Any] = ("ok", function(*args))
    except MemoryError:
        message = (
            "error",
            f"核对它需要超过 {memory_mb} MB 内存，已停止：文件或数据文件异常庞大，请单独用 drafter check 核对 / needed "
            f"more than {memory_mb} MB of memory and was stopped: the file or its metrics are unusually large; check "
            "it alone with drafter check",
        )
    except Exception as exc:  # noqa: BLE001 - a bug on one file must not stop the batch; it is that file's row
        message = (
            "error",
            f"核对时出现内部错误 / internal error while checking it ({exc.__class__.__name__}: {exc})",
        )
    sender.send(message)
    sender.close()
