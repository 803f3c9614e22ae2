"""Shared fixtures: a fresh store per test and the path to ../shared/data (skip when absent)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = Path(os.environ.get("THREATGRAPH_SHARED", ROOT.parent / "shared")) / "data"
SAMPLES = ROOT / "samples"


@pytest.fixture
def shared_data() -> Path:
    """../shared/data; tests that need it are skipped cleanly where it is absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"shared data not found at {SHARED_DATA}")
    return SHARED_DATA


@pytest.fixture
def store(tmp_path: Path):
    """A migrated SQLite store in a temporary directory."""
    from threatgraph.store.db import open_store

    os.environ["THREATGRAPH_HOME"] = str(tmp_path / "home")
    return open_store(f"sqlite:///{tmp_path / 'test.db'}")
