"""Shared fixtures: settings that write only under tmp_path, a small knowledge folder, a fake embedding."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from drafter.core.config import Settings

FIXTURE_KNOWLEDGE = Path(__file__).parent / "fixtures" / "knowledge"


@pytest.fixture
def tmp_settings(tmp_path: Path) -> Settings:
    """Default settings, but the index and caches live in tmp_path."""
    return Settings.load(index_dir=tmp_path / "index", cache_dir=tmp_path / "cache")


@pytest.fixture
def knowledge_dir(tmp_path: Path) -> Path:
    """A writable copy of tests/fixtures/knowledge (3 files + a small taxonomy)."""
    target = tmp_path / "knowledge"
    shutil.copytree(FIXTURE_KNOWLEDGE, target)
    return target


@pytest.fixture
def kb_settings(tmp_path: Path, knowledge_dir: Path) -> Settings:
    """Settings over the fixture knowledge folder, index and caches in tmp_path."""
    return Settings.load(
        knowledge_dir=knowledge_dir, index_dir=tmp_path / "index", cache_dir=tmp_path / "cache"
    )


@pytest.fixture
def fake_embedding():
    """Deterministic hashed-bigram embeddings: no model is loaded."""
    from drafter.knowledge.embeddings import HashEmbedding

    return HashEmbedding()


@pytest.fixture(autouse=True, scope="session")
def clean_environment():
    """The suite passes in a shell where a user has set DRAFTER_* or OPENAI_* (e.g. DRAFTER_BACKEND=openai).

    Session-scoped, so that module-scoped fixtures that draft run in the clean environment too."""
    with pytest.MonkeyPatch.context() as patch:
        for name in list(os.environ):
            if name.startswith(("DRAFTER_", "OPENAI_")):
                patch.delenv(name)
        yield


@pytest.fixture
def metrics_file(tmp_path: Path):
    """The SourceData of a metrics file with the given YAML, read as `drafter check --metrics` reads it."""
    from drafter.source.load import load_source

    def read(text: str):
        path = tmp_path / "data.yaml"
        path.write_text(text, encoding="utf-8")
        return load_source(path)

    return read
