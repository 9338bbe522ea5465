"""OUT directories: draft.json (the source of truth) to and from the dataclasses in types.py."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

from drafter.core.errors import InputError
from drafter.core.files import write_json_atomic
from drafter.core.inputs import TEXT_LIMITS, read_text
from drafter.core.structured import parse_json
from drafter.core.types import Draft, Provenance, ReportInfo, Section, SectionSpec, Table
from drafter.outdir.names import DRAFT_FILE

FORMAT = "drafter.draft"
VERSION = 1


def draft_to_dict(draft: Draft) -> dict[str, Any]:
    data = dataclasses.asdict(draft)
    data["report"]["date"] = draft.report.date.isoformat() if draft.report.date else None
    return {"format": FORMAT, **data, "version": VERSION}


def _report(raw: dict) -> ReportInfo:
    date = dt.date.fromisoformat(raw["date"]) if raw.get("date") else None
    return ReportInfo(**{**raw, "date": date})


def _provenance(raw: dict) -> Provenance:
    return Provenance(**{**raw, "exemplars": tuple(tuple(e) for e in raw.get("exemplars", ()))})


def section_to_dict(section: Section) -> dict[str, Any]:
    return dataclasses.asdict(section)


def section_from_dict(raw: dict) -> Section:
    """One section as draft.json (or the journal) stores it; KeyError/TypeError/ValueError when damaged."""
    return _section(raw)


def _section(raw: dict) -> Section:
    tables = tuple(
        Table(t["caption"], tuple(t["header"]), tuple(tuple(r) for r in t["rows"]))
        for t in raw.get("tables", ())
    )
    if not isinstance(raw["text"], str):
        raise TypeError(f"section text is {type(raw['text']).__name__}, not text")
    return Section(
        spec=SectionSpec(**raw["spec"]),
        text=raw["text"],
        status=raw.get("status", "drafted"),
        provenance=_provenance(raw.get("provenance", {})),
        tables=tables,
        history=tuple(_provenance(h) for h in raw.get("history", ())),
    )


def draft_from_dict(data: dict[str, Any], path: str = "") -> Draft:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InputError(
            "不是 Drafter 的 draft.json / this is not a Drafter draft.json",
            path=path,
            hint="请用 `drafter draft` 重新起草 / draft again with `drafter draft`",
        )
    if data.get("version") != VERSION:
        raise InputError(
            f"draft.json 的格式版本为 {data.get('version')}，本版本读取 {VERSION} / draft.json is format version {data.get('version')}, this Drafter reads {VERSION}",
            path=path,
            hint="请用 `drafter draft 数据文件 -o 目录` 重新生成（draft.md 中的手工修改会保留）/ re-create it with `drafter draft METRICS -o OUT` (hand edits in draft.md are kept)",
        )
    try:
        return Draft(
            report=_report(data["report"]),
            sections=tuple(_section(s) for s in data["sections"]),
            metrics_path=data.get("metrics_path", ""),
            metrics_hash=data.get("metrics_hash", ""),
            created_at=data.get("created_at", ""),
            version=VERSION,
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise InputError(
            f"draft.json 已损坏 / draft.json is damaged ({type(exc).__name__}: {str(exc)[:120]})",
            path=path,
            hint="请用 `drafter draft` 重新起草 / draft again with `drafter draft`",
        ) from None


def load_draft(out_dir: Path) -> Draft:
    path = Path(out_dir) / DRAFT_FILE
    if not path.is_file():
        raise InputError(
            "这里没有 draft.json / no draft.json here",
            path=str(out_dir),
            hint="请先用 `drafter draft 数据文件 -o 目录` 起草 / create one with `drafter draft METRICS -o OUT`",
        )
    text, _ = read_text(path, TEXT_LIMITS, what="draft.json")
    return draft_from_dict(parse_json(text, path), str(path))


def save_draft(out_dir: Path, draft: Draft) -> Path:
    path = Path(out_dir) / DRAFT_FILE
    write_json_atomic(path, draft_to_dict(draft))
    return path
