"""The journal: every section is written to OUT the moment it is finished, so a kill loses nothing.

`OUT/.journal/<section id>.json` holds one finished section, written atomically (temp file + rename)
and stamped with the hash of the metrics file it was drafted from. A run that ends normally merges its
sections into draft.json and clears the journal; a run that is killed (kill -9, Ctrl-C, a power cut)
leaves the journal behind, and the next `drafter draft` on the same OUT takes those sections as done and
drafts only the missing ones. Entries from other data (another metrics hash) or that cannot be read are
ignored: a section is drafted again rather than trusted half-written.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import replace
from pathlib import Path

from drafter.core.files import write_json_atomic
from drafter.core.types import Draft, ReportInfo, Section
from drafter.outdir.store import section_from_dict, section_to_dict

JOURNAL_DIR = ".journal"
FORMAT = "drafter.journal"
_SAFE = re.compile(r"[^\w.\-]")


def journal_dir(out_dir: Path) -> Path:
    return Path(out_dir) / JOURNAL_DIR


def record(out_dir: Path, section: Section, metrics_hash: str) -> None:
    """Keep one finished section (failed ones are not kept: they are drafted again anyway)."""
    if section.status == "failed":
        return
    entry = {"format": FORMAT, "metrics_hash": metrics_hash, "section": section_to_dict(section)}
    write_json_atomic(journal_dir(out_dir) / f"{_SAFE.sub('_', section.spec.id)}.json", entry)


def entries(out_dir: Path, metrics_hash: str) -> dict[str, Section]:
    """Section id → section for every readable entry drafted from the same data."""
    folder = journal_dir(out_dir)
    found: dict[str, Section] = {}
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else ():
        section = _read(path, metrics_hash)
        if section is not None:
            found[section.spec.id] = section
    return found


def _read(path: Path, metrics_hash: str) -> Section | None:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        if raw.get("format") != FORMAT or raw.get("metrics_hash") != metrics_hash:
            return None
        return section_from_dict(raw["section"])
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError):
        return None


def merged(previous: Draft | None, kept: dict[str, Section], report: ReportInfo) -> Draft | None:
    """The previous draft with the journal's sections laid over it (a journal alone makes a draft)."""
    if not kept:
        return previous
    if previous is None:
        return Draft(report=report, sections=tuple(kept.values()))
    ids = {s.spec.id for s in previous.sections}
    sections = tuple(_newer(s, kept.get(s.spec.id)) for s in previous.sections)
    extra = tuple(s for sid, s in kept.items() if sid not in ids)
    return replace(previous, sections=sections + extra)


def _newer(old: Section, new: Section | None) -> Section:
    """A locked (hand-edited) section is never replaced by a journal entry."""
    return old if new is None or old.status == "locked" else new


def clear(out_dir: Path) -> None:
    """Forget the journal once draft.json holds every section it kept."""
    shutil.rmtree(journal_dir(out_dir), ignore_errors=True)


def count(out_dir: Path) -> int:
    folder = journal_dir(out_dir)
    return len(list(folder.glob("*.json"))) if folder.is_dir() else 0
