"""Drafting in the background: one thread per job runs drafter.drafting.run.run_draft; its per-section events
are streamed to the page as server-sent events (SSE)."""

from __future__ import annotations

import asyncio
import json
import secrets
import threading
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from drafter.core.config import Settings
from drafter.core.errors import DrafterError
from drafter.core.types import Section, SectionSpec
from drafter.drafting.run import run_draft
from drafter.web.editing import Conflict
from drafter.web.workspace import Workspace

MAX_JOBS = 50
STREAM_SECONDS = 3600.0  # an event stream ends by itself after an hour


@dataclass
class Job:
    id: str
    name: str
    metrics: str
    backend: str
    events: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    finished: bool = False
    started: float = field(default_factory=time.time)

    def emit(self, event: str, **data: Any) -> None:
        self.events.append((event, data))  # list.append is atomic: readers only ever see whole events


PART_NAMES = {
    "header": "版头",
    "title": "标题",
    "addressee": "主送机关",
    "opening": "开头",
    "closing": "结尾",
    "signature": "落款",
}


def _title(spec: SectionSpec) -> str:
    return spec.numbered_heading or PART_NAMES.get(spec.kind, spec.id)


class Jobs:
    def __init__(self, workspace: Workspace) -> None:
        self.ws = workspace
        self.jobs: dict[str, Job] = {}
        self._guard = threading.Lock()

    def start(self, name: str, metrics_path: Path, settings: Settings) -> Job:
        out_dir = self.ws.out_dir(name, must_exist=False)
        with self._guard:
            if name in self.ws.running:
                raise Conflict(f"草稿 {name} 正在起草中，请等待完成 / draft {name} is being drafted already")
            self.ws.running.add(name)
            job = Job(
                id=secrets.token_urlsafe(9),
                name=name,
                metrics=self.ws.relative(metrics_path),
                backend=settings.backend,
            )
            self._keep(job)
        threading.Thread(
            target=self._run, args=(job, metrics_path, out_dir, settings), daemon=True, name=f"draft-{name}"
        ).start()
        return job

    def _keep(self, job: Job) -> None:
        done = [j for j in self.jobs.values() if j.finished]
        while len(self.jobs) >= MAX_JOBS and done:
            self.jobs.pop(done.pop(0).id, None)
        self.jobs[job.id] = job

    def _run(self, job: Job, metrics_path: Path, out_dir: Path, settings: Settings) -> None:
        try:
            with self.ws.lock(job.name):
                outcome = run_draft(
                    metrics_path,
                    out_dir,
                    settings,
                    progress=False,
                    on_plan=lambda todo: self._plan(job, todo),
                    on_section=lambda s: self._section(job, s),
                )
            job.emit(
                "done",
                exit_code=outcome.exit_code,
                check=outcome.check.summary,
                failed=list(outcome.failed),
                url=f"/d/{job.name}",
            )
        except DrafterError as exc:
            job.emit("failed", message=self.ws.hide_root(exc.render()))
        except Exception as exc:  # noqa: BLE001 - the page must hear about a bug instead of waiting forever
            job.emit(
                "failed",
                message=f"内部错误 / internal error {type(exc).__name__}: {self.ws.hide_root(str(exc))}",
            )
        finally:
            job.finished = True
            with self._guard:
                self.ws.running.discard(job.name)

    def _plan(self, job: Job, todo: list[SectionSpec]) -> None:
        job.emit("plan", sections=[{"id": s.id, "title": _title(s)} for s in todo])

    def _section(self, job: Job, section: Section) -> None:
        job.emit(
            "section",
            id=section.spec.id,
            title=_title(section.spec),
            status=section.status,
            seconds=section.provenance.seconds,
            error=self.ws.hide_root(section.provenance.error),
        )

    def is_running(self, name: str) -> bool:
        return name in self.ws.running


def sse(event: str, data: dict[str, Any], index: int) -> str:
    return f"id: {index}\nevent: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


async def stream(job: Job, is_disconnected, start: int = 0) -> AsyncIterator[str]:
    """Every event of the job from `start` on, then the end; stops on disconnect or after an hour."""
    index, deadline = start, time.monotonic() + STREAM_SECONDS
    yield "retry: 2000\n\n"
    while time.monotonic() < deadline:
        while index < len(job.events):
            event, data = job.events[index]
            yield sse(event, data, index)
            index += 1
        if job.finished and index >= len(job.events):
            yield sse("end", {}, index)
            return
        if await is_disconnected():
            return
        await asyncio.sleep(0.1)
