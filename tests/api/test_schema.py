"""Schemathesis: generated requests for every operation of /openapi.json never get a 5xx and conform to the schema.

Runs over the hand-built archive with a valid token, so write routes are exercised past the auth check.
"""

from __future__ import annotations

import pytest
import schemathesis
from archive import build_archive
from conftest import TOKEN
from hypothesis import HealthCheck, settings

from threatgraph.api.app import create_app


@pytest.fixture
def api_schema(store):
    build_archive(store)
    app = create_app(store, token=TOKEN, max_ingest=64 * 1024)
    return schemathesis.openapi.from_asgi("/openapi.json", app)


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_schema(case):
    case.call_and_validate(headers={"Authorization": f"Bearer {TOKEN}"})
