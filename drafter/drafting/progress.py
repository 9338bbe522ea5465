"""A rich progress display on stderr: one line per section being drafted, ticked off as each one ends."""

from __future__ import annotations

import time
from types import TracebackType
from typing import Any

from drafter.core.types import Section, SectionSpec


def section_title(spec: SectionSpec) -> str:
    return spec.shown


class SectionProgress:
    """`with SectionProgress(specs) as bar: … bar.done(section)`; a no-op when disabled or nothing to do."""

    def __init__(self, specs: list[SectionSpec], *, enabled: bool = True) -> None:
        self.specs = specs
        self.enabled = enabled and bool(specs)
        self.progress: Any = None
        self.tasks: dict[str, Any] = {}
        self._said_until = 0.0  # a wait is said once, not again by every section held by it

    def __enter__(self) -> SectionProgress:
        if not self.enabled:
            return self
        from rich.console import Console
        from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        self.progress = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(bar_width=12),
            TimeElapsedColumn(),
            console=Console(stderr=True),
            transient=False,
        )
        self.progress.start()
        for spec in self.specs:
            self.tasks[spec.id] = self.progress.add_task(section_title(spec), total=1)
        return self

    def done(self, section: Section) -> None:
        if self.progress is None or section.spec.id not in self.tasks:
            return
        mark = "[green]✓[/]" if section.status != "failed" else "[red]✗ failed[/]"
        self.progress.update(
            self.tasks[section.spec.id], completed=1, description=f"{section_title(section.spec)} {mark}"
        )

    def waiting(self, seconds: float, reason: str) -> None:
        """The model server asked to wait (429, 5xx, a timeout): said above the bars, so a pause is not a hang."""
        now = time.monotonic()
        if self.progress is None or seconds < 1 or now < self._said_until:
            return
        self._said_until = now + seconds
        self.progress.console.print(
            f"[yellow]模型服务暂不可用，{seconds:.0f} 秒后重试（{reason}）/ retrying in {seconds:.0f} s: {reason}[/]",
            highlight=False,
            markup=True,
        )

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self.progress is not None:
            self.progress.stop()
