"""Changing one section from the page: edit in place (then locked), or regenerate it into a proposal the
editor accepts or rejects. Every change re-checks that section (drafter.outdir.recheck) and rewrites OUT
with drafter.outdir.outputs.write_all, so the CLI sees exactly what the page wrote. Each section carries a
version; a stale one is a Conflict."""

from __future__ import annotations

import datetime as dt
import secrets
import threading
from dataclasses import dataclass, replace
from pathlib import Path

from drafter.core.config import Settings
from drafter.core.errors import BackendError, InputError
from drafter.core.types import CheckReport, Draft, Provenance, Section
from drafter.drafting.compose import draft_section
from drafter.drafting.context import build_context
from drafter.export.markdown import normalize_body, render_markdown, replace_chunk
from drafter.outdir.edits import import_hand_edits, read_markdown
from drafter.outdir.outputs import write_all
from drafter.outdir.recheck import recheck_section
from drafter.outdir.store import load_draft
from drafter.web.render import section_version
from drafter.web.security import PathRefused
from drafter.web.workspace import Workspace

MAX_PROPOSALS = 100
MAX_TEXT = 50_000
STALE = "此章节已在其他页面或命令行中被修改，请刷新页面后再试 / this section changed since you opened it: reload the page"


class Conflict(Exception):
    """Two tabs (or the page and the CLI) changing the same section: the later one is refused (409)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Proposal:
    id: str
    name: str
    section_id: str
    base_version: str
    old: Section
    new: Section


class Editor:
    """Section changes of one workspace; proposals live in memory until accepted or rejected."""

    def __init__(self, workspace: Workspace) -> None:
        self.ws = workspace
        self.proposals: dict[str, Proposal] = {}
        self.busy: set[tuple[str, str]] = set()
        self._guard = threading.Lock()

    def _idle(self, name: str) -> None:
        if name in self.ws.running:
            raise Conflict(
                f"草稿 {name} 正在起草中，完成后再修改 / the draft is being drafted: wait for it to finish"
            )

    def _current(self, name: str, section_id: str) -> tuple[Path, Draft, str, Section]:
        out_dir = self.ws.out_dir(name)
        stored = load_draft(out_dir)
        md_text = read_markdown(out_dir, stored)
        draft = import_hand_edits(stored, md_text)[0]
        section = draft.section(section_id)
        if section is None:
            raise PathRefused(f"没有这个章节 / no section {section_id!r}", status=404)
        return out_dir, draft, md_text, section

    def _save(self, out_dir: Path, draft: Draft, md_text: str, section: Section) -> CheckReport:
        """Write OUT with one section changed; only that section is checked again (the rest of the check
        is the page's, moved), and the result is kept for the page that shows it next."""
        draft = replace(
            draft, sections=tuple(section if s.spec.id == section.spec.id else s for s in draft.sections)
        )
        try:
            new_md = replace_chunk(md_text, section)
        except KeyError:
            new_md = render_markdown(draft)
        source = self.ws.source_for(draft)
        before = self.ws.check(md_text, source, out_dir)
        report = write_all(
            out_dir, draft, new_md, source, recheck_section(md_text, new_md, section.spec.id, before, source)
        )
        self.ws.remember(new_md, source, report)
        return report

    def edit(self, name: str, section_id: str, text: str, version: str) -> CheckReport:
        body = normalize_body(text or "")
        if not body or len(body) > MAX_TEXT:
            raise InputError(
                "正文不能为空，也不能超过 50000 字 / the text must not be empty or over 50000 characters"
            )
        self._idle(name)
        with self.ws.lock(name):
            out_dir, draft, md_text, section = self._current(name, section_id)
            if section_version(section) != version:
                raise Conflict(STALE)
            now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
            mark = Provenance(backend="hand", started_at=now, note="edited in the web page; locked")
            edited = replace(section, text=body, status="locked", history=(*section.history, mark))
            return self._save(out_dir, draft, md_text, edited)

    def propose(
        self,
        name: str,
        section_id: str,
        settings: Settings,
        *,
        instructions: str,
        version: str,
        force: bool = False,
    ) -> Proposal:
        """Draft the section again without saving it; the editor accepts or rejects the result."""
        key = (name, section_id)
        self._idle(name)
        with self.ws.lock(name), self._guard:
            _, draft, _, section = self._current(name, section_id)
            self._may_regenerate(key, section, version, force)
            self.busy.add(key)
        try:
            new = self._redraft(draft, section, settings, instructions.strip()[:2000])
        finally:
            with self._guard:
                self.busy.discard(key)
        return self._keep(
            Proposal(
                id=secrets.token_urlsafe(12),
                name=name,
                section_id=section_id,
                base_version=version,
                old=section,
                new=new,
            )
        )

    def _may_regenerate(self, key: tuple[str, str], section: Section, version: str, force: bool) -> None:
        if key in self.busy:
            raise Conflict(
                "另一个页面正在重新生成此章节，请稍候刷新 / another tab is regenerating this section"
            )
        if section_version(section) != version:
            raise Conflict(STALE)
        if section.status == "locked" and not force:
            raise InputError(
                "此章节已手工修改并锁定；如确需覆盖，请勾选“覆盖手工修改” / the section is locked "
                "by a hand edit: tick the overwrite box to regenerate it anyway"
            )

    def _redraft(self, draft: Draft, section: Section, settings: Settings, instructions: str) -> Section:
        source = self.ws.source_for(draft)
        if source is None:
            raise InputError(
                "找不到这份草稿的指标数据文件（或它已不再有效）/ the draft's metrics file is gone or invalid",
                path=self.ws.hide_root(draft.metrics_path),
            )
        new = draft_section(
            section.spec, build_context(source, settings, None), instructions=instructions, previous=section
        )
        if new.status == "failed":
            raise BackendError(
                f"重新生成失败 / could not draft the section: {new.provenance.error}",
                hint="原文未改动；可重试或改用离线后端 / nothing changed; retry or use the offline backend",
            )
        return new

    def _keep(self, proposal: Proposal) -> Proposal:
        with self._guard:
            while len(self.proposals) >= MAX_PROPOSALS:
                self.proposals.pop(next(iter(self.proposals)))
            self.proposals[proposal.id] = proposal
        return proposal

    def get(self, name: str, proposal_id: str) -> Proposal:
        proposal = self.proposals.get(proposal_id)
        if proposal is None or proposal.name != name:
            raise PathRefused(
                "这个修改建议已处理或已过期 / this proposal was already handled or has expired", 404
            )
        return proposal

    def accept(self, name: str, proposal_id: str) -> CheckReport:
        proposal = self.get(name, proposal_id)
        self._idle(name)
        with self.ws.lock(name):
            out_dir, draft, md_text, section = self._current(name, proposal.section_id)
            if section_version(section) != proposal.base_version:
                self.proposals.pop(proposal_id, None)
                raise Conflict(STALE)
            report = self._save(out_dir, draft, md_text, proposal.new)
        self.proposals.pop(proposal_id, None)
        return report

    def reject(self, name: str, proposal_id: str) -> None:
        self.get(name, proposal_id)
        self.proposals.pop(proposal_id, None)
