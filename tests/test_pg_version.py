"""The store version (migration 0006) and the dossier pages kept under it.

The version counts committed transactions that wrote what pages show, once per transaction whatever the
number of statements and rows, never a rolled-back one, and concurrent writers do not wait on each other
before their commits. A kept dossier page is served again only while the version is the one it was read at:
after an analyst's decision or a new article the page is read and rendered anew.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import insert, text, update

from test_read import seed_busy  # noqa: E402  (tests/ is on sys.path under pytest's rootdir conftest)
from threatgraph.api.app import create_app
from threatgraph.store.read import dossier_at, store_version
from threatgraph.store.schema import aliases, list_entries, list_versions, sanction_links

pytestmark = pytest.mark.postgres


def test_the_version_counts_committing_writers_once_each(pg_engine) -> None:
    group = seed_busy(pg_engine)
    v0 = store_version(pg_engine)
    assert v0 is not None
    with pg_engine.begin() as conn:  # three statements, many rows: one transaction
        for i in range(3):
            conn.execute(
                insert(aliases),
                [{"entity_id": group, "name": f"Alias {i} {j}", "norm": f"alias {i} {j}"} for j in range(50)],
            )
    assert store_version(pg_engine) == v0 + 1
    with pg_engine.connect() as conn:  # rolled back: nothing counted
        conn.execute(update(aliases).values(count=7))
        conn.rollback()
    assert store_version(pg_engine) == v0 + 1
    _record, read_at = dossier_at(pg_engine, group)
    assert read_at == v0 + 1  # reads count nothing, and the dossier says which version it saw

    # two writers at once: neither waits for the other until it commits
    a, b = pg_engine.connect(), pg_engine.connect()
    try:
        for conn in (a, b):
            conn.exec_driver_sql("SET lock_timeout = '2s'")
        a.execute(update(aliases).where(aliases.c.name == "Alias 0 0").values(count=1))
        b.execute(update(aliases).where(aliases.c.name == "Alias 1 0").values(count=1))  # would time out if blocked
        a.commit()
        b.commit()
    finally:
        a.close()
        b.close()
    assert store_version(pg_engine) == v0 + 3


def test_a_kept_dossier_is_served_until_a_write_changes_the_store(pg_engine) -> None:
    group = seed_busy(pg_engine)
    app = create_app(pg_engine)
    client = TestClient(app, base_url="http://127.0.0.1")
    html = {"accept": "text/html"}
    first = client.get(f"/entities/{group}", headers=html)
    again = client.get(f"/entities/{group}", headers=html)
    assert first.status_code == again.status_code == 200 and again.text == first.text
    assert app.state.pages.hits == 1
    assert "not on a loaded list" in again.text
    assert client.get(f"/entities/{group}.json").json()["sanctioned"] is False  # JSON is its own page
    now = datetime.now(UTC)
    with pg_engine.begin() as conn:  # an analyst confirms a link: the kept page must not survive it
        vid = conn.execute(
            insert(list_versions).values(dataset="us_ofac_sdn", format="csv", source="x", digest="d", loaded_at=now)
        ).inserted_primary_key[0]
        conn.execute(
            insert(list_entries).values(
                dataset="us_ofac_sdn",
                entry_id="ofac-9",
                schema="Organization",
                caption="Zainabiyoun Brigade",
                data={"properties": {"name": ["Zainabiyoun Brigade"]}},
                digest="d",
                first_version_id=vid,
                last_version_id=vid,
            )
        )
        conn.execute(
            insert(sanction_links).values(
                entity_id=group,
                dataset="us_ofac_sdn",
                entry_id="ofac-9",
                score=0.97,
                explanation={},
                status="confirmed",
                created_at=now,
            )
        )
    after = client.get(f"/entities/{group}", headers=html)
    assert 'id="sanctions-badge">sanctioned<' in after.text
    assert client.get(f"/entities/{group}.json").json()["sanctioned"] is True
    with pg_engine.begin() as conn:  # and taken back
        conn.execute(text("UPDATE sanction_links SET status = 'rejected'"))
    assert "not on a loaded list" in client.get(f"/entities/{group}", headers=html).text
    assert app.state.pages.hits == 1  # every read after a write was read anew
