"""Run metadata and cache keys: prompt hashes, knowledge hash, git commit, code hash, Drafter version.

A cached draft is reused when its draft key is unchanged: the prompt hashes, the metrics file, the
backend, model and base URL, the knowledge files and the drafter code (so a change to the offline
writer's Python is seen too). Its scores are reused when the score key (draft key + eval config +
case files + scorer code) is unchanged as well.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import subprocess
from pathlib import Path
from typing import Any

import drafter
from drafter.core.config import Settings
from drafter.evaluation.config import EvalConfig
from drafter.evaluation.dataset import Case, case_hash, case_set, file_hash, fingerprint
from drafter.evaluation.knowledge import knowledge_hash

PACKAGE_DIR = Path(drafter.__file__).resolve().parent
EVAL_DIR = PACKAGE_DIR / "evaluation"


def _digest(data: Any) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:16]


def prompt_hashes(prompts_dir: Path) -> dict[str, str]:
    """Every template under prompts/ -> first 12 hex digits of its sha256 (as drafter.drafting.prompts hashes them)."""
    root = Path(prompts_dir)
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()[:12]
        for p in sorted(root.rglob("*.j2"))
    }


def code_hash(directory: Path, exclude: Path | None = None) -> str:
    digest = hashlib.sha256()
    for path in sorted(Path(directory).rglob("*.py")):
        if exclude is None or not path.is_relative_to(exclude):
            digest.update(path.relative_to(directory).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()[:16]


def git_commit(root: Path) -> str:
    """`git rev-parse HEAD` in the project root, "" when git or the repository is not there."""
    try:
        done = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, timeout=5
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""


def model_of(settings: Settings) -> str:
    return settings.model if settings.backend == "openai" else "offline"


def run_metadata(settings: Settings, cases: tuple[Case, ...], config: EvalConfig) -> dict[str, Any]:
    return {
        "backend": settings.backend,
        "model": model_of(settings),
        "base_url": settings.base_url if settings.backend == "openai" else "",
        "concurrency": settings.concurrency,
        "prompt_hashes": prompt_hashes(settings.prompts_dir),
        "prompts_dir": str(settings.prompts_dir),
        "knowledge_hash": knowledge_hash(settings.knowledge_dir),
        "git_commit": git_commit(settings.root),
        "drafter_version": drafter.__version__,
        "code_hash": code_hash(PACKAGE_DIR, exclude=EVAL_DIR),
        "scorer_hash": code_hash(EVAL_DIR),
        "case_set": {"fingerprint": fingerprint(cases), "cases": case_set(cases)},
        "eval_config": {"path": config.path, "hash": file_hash(Path(config.path)) if config.path else ""},
        "judge_model": config.judge.model,
        "started_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }


def draft_key(meta: dict[str, Any], case: Case) -> str:
    fields = (
        "backend",
        "model",
        "base_url",
        "prompt_hashes",
        "knowledge_hash",
        "code_hash",
        "drafter_version",
    )
    return _digest({**{f: meta[f] for f in fields}, "metrics": file_hash(case.metrics_path)})


def score_key(meta: dict[str, Any], case: Case) -> str:
    return _digest(
        {
            "draft": draft_key(meta, case),
            "case": case_hash(case),
            "config": meta["eval_config"]["hash"],
            "scorers": meta["scorer_hash"],
            "judge": meta["judge_model"],
        }
    )
