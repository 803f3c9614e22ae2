"""Schemathesis: generated requests for every operation of /openapi.json never get a 5xx and conform to the schema.

Runs over the hand-built archive with a valid token, so write routes are exercised past the auth check.
The operations are driven with hypothesis directly (schemathesis' pytest plugin does not load on this
pytest), one hypothesis run per operation, with every failure collected before the test fails.
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from api_archive import TOKEN, build_archive
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import positive_data_acceptance

from threatgraph.api.app import create_app

EXAMPLES = int(os.environ.get("TG_SCHEMATHESIS_EXAMPLES", "30"))
#: Operations whose validity depends on content no JSON schema can state (a CSV with names, article files
#: the readers accept; which properties an FtM schema has and whether a birth date or country is readable, as
#: yente decides for its examples; JSON-encoded reconciliation queries): a schema-valid request may rightly get
#: a 400/422 there, so only that check is off.
CONTENT_CHECKED = {
    "POST /screen/csv",
    "POST /screen/export",
    "POST /ingest",
    "POST /lists",
    # a date window whose start is after its end, or 31 February, is a 400 no schema can rule out
    "GET /activity",
    "GET /activity/map.svg",
    "GET /activity/chart.svg",
    # a source name already taken is a 409
    "POST /sources",
    "POST /screen",
    "GET /screen",
    "POST /match/{dataset}",
    "GET /reconcile/{dataset}",
    "POST /reconcile/{dataset}",
}


@pytest.fixture
def api_schema(store):
    build_archive(store)
    app = create_app(store, token=TOKEN, max_ingest=64 * 1024, hosts=["testserver"])  # schemathesis's ASGI host
    return schemathesis.openapi.from_asgi("/openapi.json", app)


def _runner(op):
    @given(case=op.as_strategy())
    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def run(case):
        excluded = [positive_data_acceptance] if op.label in CONTENT_CHECKED else []
        # The first /screen call builds the screening index: on a loaded 2-core machine that can take longer
        # than schemathesis' default 10 s read timeout, which is a slow machine, not a broken API.
        case.call_and_validate(headers={"Authorization": f"Bearer {TOKEN}"}, excluded_checks=excluded, timeout=120)

    return run


def test_api_conforms_to_its_schema(api_schema):
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 12
    failures: dict[str, str] = {}
    for op in operations:
        try:
            _runner(op)()
        except BaseException as exc:  # noqa: BLE001 - collected and reported together below
            if isinstance(exc, KeyboardInterrupt):
                raise
            failures[op.label] = f"{type(exc).__name__}: {exc}"[:3000]
    assert not failures, "\n\n".join(f"{k}\n{v}" for k, v in failures.items())
