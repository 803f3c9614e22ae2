"""API fixtures: a store holding the hand-built archive and a TestClient over it."""

from __future__ import annotations

from typing import Any

import pytest
from api_archive import TOKEN, build_archive
from fastapi.testclient import TestClient


@pytest.fixture
def archive(store) -> dict[str, Any]:
    return {"engine": store, **build_archive(store)}


@pytest.fixture
def client(archive) -> TestClient:
    from threatgraph.api.app import create_app

    return TestClient(create_app(archive["engine"], token=TOKEN), base_url="http://127.0.0.1")
