"""Every export format from a PostgreSQL store (URL in $TG_TEST_PG_URL; ``pg_engine`` isolates and cleans up)."""

from __future__ import annotations

from pathlib import Path

import pytest
from exportdata import build

from threatgraph.export import FORMATS, export

pytestmark = pytest.mark.postgres


def test_all_formats_validate_on_postgres(pg_engine, tmp_path: Path) -> None:
    build(pg_engine)
    for fmt in FORMATS:
        stats = export(pg_engine, fmt, tmp_path / f"out-{fmt}")
        assert stats.validated
    stix = export(pg_engine, "stix", tmp_path / "zb.json", entity_id="ent-zb")
    assert stix.counts["threat-actor"] == 1 and stix.counts["relationship"] >= 1
