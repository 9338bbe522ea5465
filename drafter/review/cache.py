"""Reuse of unchanged reports: a second run over the same folder checks only files whose content changed.

REVIEW/.review-cache.json maps each report's name to the SHA-256 of its bytes, a key for everything else
that shapes its result (the metrics files and Drafter's own code), and its row. A checked row is reused
when both match and its check.json and check.html are still there.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from pathlib import Path
from typing import Any

import drafter
from drafter.core.files import write_json_atomic
from drafter.core.inputs import DEFAULT_LIMITS
from drafter.review.types import MetricsPlan, Row

CACHE_NAME = ".review-cache.json"
VERSION = 1


def file_hash(path: Path) -> str:
    """SHA-256 of the file; "" for one the readers will refuse anyway (over the size limit, unreadable)."""
    digest = hashlib.sha256()
    try:
        if path.stat().st_size > DEFAULT_LIMITS.max_bytes:
            return ""
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return ""
    return digest.hexdigest()


def run_key(plan: MetricsPlan) -> str:
    """What else a result depends on: the metrics chosen (by content) and the code that read and checked it."""
    digest = hashlib.sha256(f"{VERSION}:{plan.mode}".encode())
    for metrics in plan.files:
        digest.update(f"{metrics.region}:{file_hash(metrics.path)}".encode())
    for source in sorted(Path(drafter.__file__).parent.rglob("*.py")):
        stat = source.stat()
        digest.update(f"{source.name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()


def load(out: Path) -> dict[str, Any]:
    try:
        data = json.loads((out / CACHE_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) and data.get("version") == VERSION else {}


def reuse(cache: dict[str, Any], name: str, sha256: str, key: str, out: Path) -> Row | None:
    entry = cache.get("reports", {}).get(name)
    if not entry or entry.get("sha256") != sha256 or cache.get("key") != key or not sha256:
        return None
    if not all((out / f"{name}{suffix}").is_file() for suffix in (".check.json", ".check.html")):
        return None
    fields = {f.name for f in dataclasses.fields(Row)}
    row = {k: tuple(v) if isinstance(v, list) else v for k, v in entry["row"].items() if k in fields}
    return dataclasses.replace(Row(**row), reused=True)


def save(out: Path, rows: list[Row], key: str) -> None:
    reports = {
        row.file: {"sha256": row.sha256, "row": dataclasses.asdict(row)}
        for row in rows
        if row.status == "checked"
    }
    write_json_atomic(out / CACHE_NAME, {"version": VERSION, "key": key, "reports": reports})
