"""Fixtures for the screen stage: the official-format list files under ``fixtures/`` and a store with them."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def loaded(store):
    """A store with the OFAC CSV trio, the UN XML and the FtM export loaded."""
    from threatgraph.screen.lists import load_files

    load_files(store, [FIXTURES / "sdn.csv", FIXTURES / "alt.csv", FIXTURES / "add.csv"])
    load_files(store, [FIXTURES / "un.xml"])
    load_files(store, [FIXTURES / "entities.ftm.json"])
    return store
