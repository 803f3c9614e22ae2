"""Every export format from a PostgreSQL store (URL in $TG_TEST_PG_URL), cleaned up afterwards."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from exportdata import ENTITIES, build
from sqlalchemy import delete

from threatgraph.export import FORMATS, export
from threatgraph.store.db import open_store
from threatgraph.store.schema import articles, entities, list_entries, list_versions

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg():
    url = os.environ.get("TG_TEST_PG_URL")
    if not url:
        pytest.skip("no PostgreSQL server (set TG_TEST_PG_URL or run ./dev test)")
    engine = open_store(url)
    yield engine
    with engine.begin() as conn:
        conn.execute(delete(entities).where(entities.c.id.in_(list(ENTITIES))))
        conn.execute(delete(list_entries).where(list_entries.c.dataset == "ofac", list_entries.c.entry_id == "32179"))
        conn.execute(delete(list_versions).where(list_versions.c.digest == "0" * 64))


def test_all_formats_validate_on_postgres(pg, tmp_path: Path) -> None:
    arch = build(pg)
    try:
        for fmt in FORMATS:
            stats = export(pg, fmt, tmp_path / f"out-{fmt}")
            assert stats.validated
        stix = export(pg, "stix", tmp_path / "zb.json", entity_id="ent-zb")
        assert stix.counts["threat-actor"] == 1 and stix.counts["relationship"] >= 1
    finally:
        with pg.begin() as conn:
            conn.execute(delete(articles).where(articles.c.id.in_([arch.a1, arch.a2])))
