"""`drafter draft`: plan the report, draft its sections concurrently, write draft.json/.md/.docx and check.json.

A rerun on the same OUT resumes: sections already drafted (or edited/locked by hand) are kept and only
failed or missing ones are drafted again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from concurrent.futures import wait as wait_futures
from dataclasses import dataclass, replace
from pathlib import Path

from drafter.core.config import Settings
from drafter.core.errors import (
    MODEL_ERROR_KINDS,
    BackendUnavailable,
    InputError,
    Interrupted,
    ModelFailed,
    PromptError,
)
from drafter.core.files import ensure_writable_folder
from drafter.core.types import CheckReport, Draft, Provenance, Section, SectionSpec, SourceData
from drafter.drafting import stopped
from drafter.drafting.backends.base import Backend
from drafter.drafting.compose import draft_section
from drafter.drafting.context import DraftContext, build_context
from drafter.drafting.plan import plan_sections, resolve_spec
from drafter.drafting.progress import SectionProgress
from drafter.export.markdown import merge_markdown, render_markdown
from drafter.outdir import journal
from drafter.outdir.edits import import_hand_edits, read_markdown
from drafter.outdir.names import DRAFT_FILE
from drafter.outdir.outputs import write_all
from drafter.outdir.store import load_draft
from drafter.source.load import load_source

KEPT_STATUSES = frozenset({"drafted", "edited", "locked"})
NOT_DRAFTED = "not drafted yet"  # the error of a section a run was not asked for (--only on a new OUT)
CANCEL_GRACE = 1.5  # seconds the worker threads get to stop after Ctrl-C (their calls are cancelled)


@dataclass(frozen=True)
class DraftOutcome:
    draft: Draft
    check: CheckReport
    failed: tuple[str, ...]  # ids of sections that could not be drafted
    out_dir: Path
    drafted: tuple[str, ...] = ()  # ids drafted in this run (the others were resumed)
    data_changed: bool = False  # the metrics file differs from the one OUT was drafted from

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else self.check.exit_code


def existing_draft(out_dir: Path) -> Draft | None:
    """The draft already in OUT, None for a new or empty OUT; InputError when OUT holds something else."""
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise InputError(
            "这是文件，不是目录 / is a file, not a directory",
            path=str(out_dir),
            hint="-o 请给一个目录 / choose a directory for -o OUT",
        )
    if (out_dir / DRAFT_FILE).is_file():
        return load_draft(out_dir)
    others = [p.name for p in out_dir.iterdir() if not p.name.startswith(".")] if out_dir.is_dir() else []
    if others:
        raise InputError(
            f"目录中有不属于草稿的文件 / holds files that are not a draft ({', '.join(sorted(others)[:5])})",
            path=str(out_dir),
            hint="-o 请给一个空目录或新目录 / choose an empty or new directory for -o OUT",
        )
    return None


def _resolve_only(only: tuple[str, ...], specs: tuple[SectionSpec, ...]) -> set[str]:
    return {resolve_spec(ident, specs).id for ident in only}


def sections_to_draft(
    specs: tuple[SectionSpec, ...],
    previous: Draft | None,
    only: tuple[str, ...],
    data_changed: bool = False,
) -> list[SectionSpec]:
    """--only: those (locked ones excepted); new data: every unlocked section; otherwise what the
    previous run lacks or failed on."""
    kept = {s.spec.id: s for s in previous.sections} if previous else {}
    if only:
        wanted = _resolve_only(only, specs)
        return [s for s in specs if s.id in wanted and getattr(kept.get(s.id), "status", "") != "locked"]
    if data_changed:
        return [s for s in specs if getattr(kept.get(s.id), "status", "") != "locked"]
    return [s for s in specs if s.id not in kept or kept[s.id].status not in KEPT_STATUSES]


def metrics_hash(path: Path) -> str:
    """A short content hash of the metrics file, recorded in draft.json."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:16]


def _data_changed(previous: Draft | None, digest: str) -> bool:
    """True when OUT was drafted from other data (drafts of older versions carry no hash: not changed)."""
    return bool(previous and previous.metrics_hash and previous.metrics_hash != digest)


def draft_all(
    todo: list[SectionSpec],
    ctx: DraftContext,
    previous: Draft | None,
    on_done: Callable[[Section], None] = lambda s: None,
) -> dict[str, Section]:
    """Draft sections concurrently (bounded by settings.concurrency); failures are kept as failed.

    On Ctrl-C/SIGTERM (Interrupted in this thread) every call in flight is cancelled, no new section
    starts, and the worker threads are given CANCEL_GRACE seconds to end before Interrupted goes on.
    """
    before = {s.spec.id: s for s in previous.sections} if previous else {}
    done: dict[str, Section] = {}
    pool = ThreadPoolExecutor(max_workers=ctx.settings.concurrency)
    futures = {pool.submit(draft_section, spec, ctx, previous=before.get(spec.id)): spec for spec in todo}
    try:
        for future in as_completed(futures):
            section = _result(future, futures[future])
            done[section.spec.id] = section
            on_done(section)
    except Interrupted:
        _stop(pool, futures, ctx)
        raise
    pool.shutdown(wait=True)
    return done


def _stop(pool: ThreadPoolExecutor, futures: dict[Future, SectionSpec], ctx: DraftContext) -> None:
    for backend in (ctx.backend, ctx.offline):
        cancel = getattr(backend, "cancel", None)
        if cancel is not None:
            cancel()
    pool.shutdown(wait=False, cancel_futures=True)
    wait_futures(list(futures), timeout=CANCEL_GRACE)


def _result(future: Future, spec: SectionSpec) -> Section:
    """The section; an unexpected error (a bug) fails that section only, the others are kept."""
    try:
        return future.result()
    except Exception as exc:  # noqa: BLE001 - one section's bug must not lose the others' work
        error = f"internal error {type(exc).__name__}: {exc} (please report it; run again with --debug)"
        return Section(
            spec=spec, text="", status="failed", provenance=Provenance(error=error, error_kind="internal")
        )


def assemble(
    specs: tuple[SectionSpec, ...],
    drafted: dict[str, Section],
    previous: Draft | None,
    source: SourceData,
    digest: str = "",
) -> Draft:
    before = {s.spec.id: s for s in previous.sections} if previous else {}
    sections = []
    for spec in specs:
        section = drafted.get(spec.id) or before.get(spec.id)
        missing = Section(spec=spec, text="", status="failed", provenance=Provenance(error=NOT_DRAFTED))
        sections.append(_respec(section, spec) if section else missing)
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    created = previous.created_at if previous and previous.created_at else now  # a journal alone has none
    return Draft(
        report=source.report,
        sections=tuple(sections),
        metrics_path=str(Path(source.path or "").resolve()) if source.path else "",
        created_at=created,
        metrics_hash=digest,
    )


def _respec(section: Section, spec: SectionSpec) -> Section:
    """A kept section under this plan's numbering (ordinals renumber when parts come and go)."""
    return section if section.spec == spec else replace(section, spec=spec)


def raise_if_fatal(
    sections: dict[str, Section], ctx: DraftContext, whole: tuple[Section, ...] | None = None
) -> None:
    """A prompt that cannot fit, or a model that is unreachable for every section, is the user's to fix. A model
    that drafted none is judged over the `whole` draft: sections it drafted in a run before count (a resumed run
    whose one section left failed again has not failed whole)."""
    failed = [s.provenance for s in sections.values() if s.status == "failed"]
    prompt = next((p.error for p in failed if p.error_kind == PromptError.kind), "")
    if prompt:
        raise PromptError(
            prompt, hint="其他章节已保存，见 draft.json / the other sections were saved; see draft.json"
        )
    modelled = [s for s in sections.values() if ctx.uses_model(s.spec)]
    unreachable = [s for s in modelled if s.provenance.error_kind == BackendUnavailable.kind]
    if modelled and len(unreachable) == len(modelled):
        raise BackendUnavailable(
            unreachable[0].provenance.error,
            hint="请检查 --base-url、OPENAI_API_KEY 和 --model，或用 --backend offline / check --base-url, OPENAI_API_KEY and --model, or use --backend offline",
        )
    model_failed = [s for s in modelled if s.provenance.error_kind in MODEL_ERROR_KINDS]
    kept = [  # a model's sections of a run before, kept (not those --only left undrafted)
        s
        for s in whole or ()
        if s.spec.id not in sections and s.status != "failed" and s.provenance.backend not in ("", "offline")
    ]
    if modelled and len(model_failed) == len(modelled) and not kept:
        raise ModelFailed(
            f"模型一个章节也没有起草成功（共 {len(modelled)} 个）/ the model drafted none of the {len(modelled)} "
            f"sections: {_commonest_error(model_failed)}",
            hint="其余部分已保存；按上面的原因处理后再运行同一命令，或改用 --backend offline / the other parts were "
            "saved; fix what the message says (see draft.json), run the same command again, or use --backend offline",
        )


def _commonest_error(sections: list[Section]) -> str:
    errors = [s.provenance.error for s in sections]
    return max(set(errors), key=errors.count)


def _previous_with_hand_edits(out_dir: Path) -> tuple[Draft | None, str]:
    """The draft already in OUT with draft.md's hand edits imported (and locked), and draft.md's text.
    A draft carried forward from last year's report is refused: drafting it from the metrics alone would
    replace last year's structure (the CLI and the web page alike)."""
    previous = existing_draft(out_dir)
    if previous is None:
        return None, ""
    if any(h.backend == "carried" for s in previous.sections for h in s.history):
        raise InputError(
            "此草稿由去年的报告沿用而来 / was carried forward from last year's report",
            path=str(out_dir),
            hint="请再次运行 `drafter draft 数据文件 --from 去年报告 -o 目录`（手工修改的章节会保留）/ run `drafter draft METRICS --from LAST_REPORT -o OUT` again (hand-edited sections are kept)",
        )
    md_text = read_markdown(out_dir, previous)
    return import_hand_edits(previous, md_text)[0], md_text


def _with_journal(
    out_dir: Path, previous: Draft | None, source: SourceData, digest: str
) -> tuple[Draft | None, set[str]]:
    """The previous draft with the sections a killed run finished (OUT/.journal) laid over it."""
    kept = journal.entries(out_dir, digest)
    return journal.merged(previous, kept, source.report), set(kept)


def _write(out_dir: Path, draft: Draft, md_text: str, changed: set[str], source: SourceData) -> CheckReport:
    """Every output file; a resumed draft.md keeps the bytes of the sections not drafted again."""

    text = merge_markdown(md_text, draft, changed) if md_text else render_markdown(draft)
    return write_all(out_dir, draft, text, source)


def run_draft(
    metrics_path: Path,
    out_dir: Path,
    settings: Settings,
    *,
    only: tuple[str, ...] = (),
    backend: Backend | None = None,
    progress: bool = True,
    on_plan: Callable[[list[SectionSpec]], None] | None = None,
    on_section: Callable[[Section], None] | None = None,
) -> DraftOutcome:
    """on_plan(todo) before drafting, on_section(section) as each one ends (the web page's live progress)."""

    out_dir = Path(out_dir)
    with stopped.saying(stopped.before_drafting(out_dir)):
        source = load_source(Path(metrics_path))
        previous, md_text = _previous_with_hand_edits(out_dir)
        ctx = build_context(
            source, settings, backend
        )  # a backend without its key: refused before OUT is made
        ensure_writable_folder(out_dir)  # said before the progress bar starts, not by the first journal entry
        digest = metrics_hash(Path(metrics_path))
        previous, resumed = _with_journal(out_dir, previous, source, digest)
        specs = plan_sections(source, ctx.taxonomy)
        data_changed = _data_changed(previous, digest)
        todo = sections_to_draft(specs, previous, only, data_changed)
        if on_plan is not None:
            on_plan(todo)
    drafted = _draft_journaled(todo, ctx, previous, out_dir, digest, progress, on_section)
    with stopped.saying(stopped.while_writing(out_dir)):
        draft = assemble(specs, drafted, previous, source, digest)
        check = _write(out_dir, draft, md_text, set(drafted) | resumed, source)
    with stopped.saying(stopped.after_writing(out_dir)):
        journal.clear(out_dir)
    raise_if_fatal(drafted, ctx, draft.sections)
    failed = tuple(s.spec.id for s in draft.sections if s.status == "failed")
    return DraftOutcome(
        draft=draft,
        check=check,
        failed=failed,
        out_dir=out_dir,
        drafted=tuple(drafted),
        data_changed=data_changed,
    )


def _draft_journaled(
    todo: list[SectionSpec],
    ctx: DraftContext,
    previous: Draft | None,
    out_dir: Path,
    digest: str,
    progress: bool,
    on_section: Callable[[Section], None] | None,
) -> dict[str, Section]:
    """draft_all, with each finished section written to OUT's journal at once."""

    finished: list[str] = []

    def done(section: Section, bar: SectionProgress) -> None:
        journal.record(out_dir, section, digest)
        if section.status != "failed":
            finished.append(section.spec.id)
        bar.done(section)
        if on_section is not None:
            on_section(section)

    with SectionProgress(todo, enabled=progress and not ctx.settings.quiet) as bar:
        if hasattr(ctx.backend, "on_wait"):
            ctx.backend.on_wait = bar.waiting
        try:
            return draft_all(todo, ctx, previous, on_done=lambda s: done(s, bar))
        except Interrupted as exc:
            exc.kept = stopped.while_drafting(out_dir, len(finished), len(todo))
            raise
