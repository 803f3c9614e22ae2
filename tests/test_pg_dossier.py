"""The one-statement dossier of PostgreSQL gives the same record as the step-by-step reads SQLite uses."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import insert

from statements import recorded
from test_read import seed, seed_busy  # noqa: E402  (tests/ is on sys.path under pytest's rootdir conftest)
from threatgraph.store.read import dossier, limits
from threatgraph.store.read.dossier import _stepwise, assemble
from threatgraph.store.read.dossier_pg import one_statement
from threatgraph.store.schema import list_entries, list_versions, sanction_links

pytestmark = pytest.mark.postgres


def _link(engine, entity_id: str) -> None:
    """A list version with a removed entry and a link of the entity to it (dates and instants in the record)."""
    with engine.begin() as conn:
        loaded = datetime(2024, 3, 4, 5, 6, 7, 891000, tzinfo=UTC)
        ids = [
            conn.execute(
                insert(list_versions).values(
                    dataset="us_ofac_sdn", format="csv", source="x", digest=str(i), published=pub, loaded_at=loaded
                )
            ).inserted_primary_key[0]
            for i, pub in enumerate((None, date(2024, 6, 1)))
        ]
        data = {"properties": {"name": ["Zainabiyoun Brigade"]}, "sanction": {"program": ["SDGT"]}}
        conn.execute(
            insert(list_entries).values(
                dataset="us_ofac_sdn",
                entry_id="ofac-1",
                schema="Organization",
                caption="Zainabiyoun Brigade",
                data=data,
                digest="d",
                first_version_id=ids[0],
                last_version_id=ids[0],
                removed_version_id=ids[1],
            )
        )
        for entry, score in (("ofac-1", 0.91), ("ofac-2", 0.5)):
            conn.execute(
                insert(sanction_links).values(
                    entity_id=entity_id,
                    dataset="us_ofac_sdn",
                    entry_id=entry,
                    score=score,
                    explanation={"judgement": {"state": "possible"}},
                    status="possible",
                    created_at=datetime(2024, 7, 1, 12, 0, 0, 5, tzinfo=UTC),
                )
            )


def _both(engine, entity_id: str) -> tuple[dict, dict]:
    with engine.connect() as conn:
        one, steps = one_statement(conn, entity_id), _stepwise(conn, entity_id)
    assert one is not None and steps is not None
    return assemble(entity_id, one).to_json(), assemble(entity_id, steps).to_json()


@pytest.mark.parametrize("cut", [3, 200])
def test_one_statement_and_stepwise_reads_give_the_same_dossier(pg_engine, monkeypatch, cut) -> None:
    group = seed_busy(pg_engine)
    _link(pg_engine, group)
    for name in ("TIMELINE", "ARTICLES", "QUOTES", "RELATED", "ALIASES"):
        monkeypatch.setattr(limits, name, cut)
    one, steps = _both(pg_engine, group)
    assert one == steps
    assert one["sanctions"][0]["entry_id"] == "ofac-1" and one["sanctions"][0]["removed_date"] == "2024-06-01"
    assert len(one["timeline"]) == min(cut, 12) and len(one["quotes_about"]) == min(cut, 12)
    for other in {r["id"] for r in one["related"]}:  # the police, Karachi and the speaker of the quotes
        a, b = _both(pg_engine, other)
        assert a == b and (a["quotes_by"] or a["timeline"])


def test_one_statement_on_the_small_archive_and_a_missing_entity(pg_engine) -> None:
    ids = seed(pg_engine)
    for key in ("group", "person"):
        a, b = _both(pg_engine, ids[key])
        assert a == b and a["articles"]
    with pg_engine.connect() as conn:
        assert one_statement(conn, "no-such-id") is None
    assert dossier(pg_engine, "no-such-id") is None


def test_a_postgresql_dossier_is_one_round_trip(pg_engine) -> None:
    group = seed_busy(pg_engine)
    with recorded(pg_engine) as seen:
        assert dossier(pg_engine, group) is not None
    assert len(seen) == 1, seen
