"""What every section of one report is drafted with, built once per run: data, backends, slots, prompts, exemplars."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from drafter.core.config import Settings
from drafter.core.taxonomy import Taxonomy, load_taxonomy
from drafter.core.types import SectionSpec, Slot, SourceData
from drafter.drafting.backends.base import Backend
from drafter.drafting.backends.offline import OfflineBackend
from drafter.drafting.plan import is_formulaic
from drafter.drafting.prompts import Prompts, load_prompts
from drafter.drafting.slots import slot_table
from drafter.figures.derive import derive_all

if TYPE_CHECKING:  # chromadb stays unimported for offline drafts
    from drafter.knowledge.retrieve import Retriever


@dataclass
class DraftContext:
    """What every section of one report is drafted with. Built once per run."""

    source: SourceData
    taxonomy: Taxonomy
    settings: Settings
    backend: Backend
    table: dict[str, Slot]
    offline: Backend  # writes the formulaic parts (title, date, …) whatever the backend
    prompts: Prompts
    retriever: Retriever | None = None
    note: str = ""  # why there are no exemplars, recorded in provenance
    search_lock: threading.Lock = field(default_factory=threading.Lock)  # one section searches at a time

    def uses_model(self, spec: SectionSpec) -> bool:
        return self.backend.name != "offline" and not is_formulaic(spec)


def build_context(source: SourceData, settings: Settings, backend: Backend | None) -> DraftContext:
    offline = OfflineBackend(settings)
    backend = backend or _make_backend(settings, offline)
    retriever, note = None, ""
    if backend.name != "offline":
        from drafter.knowledge.retrieve import open_retriever
        from drafter.knowledge.tokens import count_tokens

        retriever, note = open_retriever(settings)
        count_tokens("", backend.model, settings)  # load the encoding once, before the sections race for it
    return DraftContext(
        source=source,
        taxonomy=load_taxonomy(settings.knowledge_dir / "taxonomy.yaml"),
        settings=settings,
        backend=backend,
        table=slot_table(source, derive_all(source)),
        offline=offline,
        prompts=load_prompts(settings.prompts_dir),
        retriever=retriever,
        note=note,
    )


def _make_backend(settings: Settings, offline: Backend) -> Backend:
    if settings.backend == "offline":
        return offline
    from drafter.drafting.backends import make_backend

    return make_backend(settings)
