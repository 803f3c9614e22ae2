"""Memberships (speaker -> organisation, read off quotes' affiliations) for whole-archive and focused exports.

The affiliation texts are resolved to organisations in one query per 500 distinct texts, not one per text:
a whole-archive export of an archive quoting thousands of sources paid a round trip for each.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import event, insert, select
from synthetic import fill

from threatgraph.export.snapshot import affiliations, collect
from threatgraph.export.source import ArchiveSource
from threatgraph.store.db import open_store
from threatgraph.store.schema import aliases, entities, quotes

NOW = datetime(2024, 1, 1, tzinfo=UTC)


def _count_statements(engine) -> list[str]:
    seen: list[str] = []
    event.listen(engine, "before_cursor_execute", lambda *a: seen.append(a[2]))
    return seen


def test_archive_memberships_take_a_fixed_number_of_queries(tmp_path) -> None:
    engine = open_store(f"sqlite:///{tmp_path / 'a.db'}")
    fill(engine, 2000)  # 50 distinct organisations quoted as affiliations
    with engine.connect() as conn:
        org_of = {c.casefold(): i for i, c in conn.execute(select(entities.c.id, entities.c.caption))}
        expected = {
            (q.speaker_entity_id, org_of[q.speaker_affiliation.casefold()])
            for q in conn.execute(select(quotes).where(quotes.c.speaker_affiliation.is_not(None)))
        }
    assert len({org for _p, org in expected}) >= 40
    statements = _count_statements(engine)
    found = list(ArchiveSource(engine).memberships())
    assert len(statements) <= 3  # distinct texts, their organisations, the quotes
    assert {(m["member"], m["organization"]) for m in found} == expected
    one = found[0]
    assert one["member_schema"] == "Person" and one["organization_schema"] == "Organization"
    assert len(one["article_ids"]) == len(one["quote_ids"]) >= 1
    # the in-memory snapshot groups the same links (without the joined schema/caption columns)
    snap = collect(engine)
    assert {(m["member"], m["organization"]) for m in snap.memberships} == expected
    assert "member_schema" not in snap.memberships[0]


def test_affiliation_prefers_caption_then_most_mentioned_and_only_organisations(tmp_path) -> None:
    engine = open_store(f"sqlite:///{tmp_path / 'b.db'}")
    rows = [
        ("ent-a", "Organization", "Delta Institute", 5),  # caption match
        ("ent-b", "Organization", "Delta Centre", 90),  # alias "Delta Institute": loses to the caption
        ("ent-c", "Person", "Kappa Forum", 99),  # not an organisation
        ("ent-d", "ArmedGroup", "Sigma Front", 3),  # alias only, fewer mentions
        ("ent-e", "Organization", "Sigma Union", 7),  # alias only, most mentioned: wins
        ("ent-f", "Company", "Omega Works", 1),  # same caption, same count: lowest id wins
        ("ent-g", "Company", "Omega works", 1),
    ]
    with engine.begin() as conn:
        conn.execute(
            insert(entities),
            [
                {"id": i, "schema": s, "caption": c, "norm": c.casefold(), "mention_count": n, "article_count": n}
                | {"first_seen": NOW, "last_seen": NOW, "props": {}}
                for i, s, c, n in rows
            ],
        )
        conn.execute(
            insert(aliases),
            [
                {"entity_id": e, "name": n, "norm": n.casefold(), "script": "Latin", "count": 1}
                for e, n in [("ent-b", "Delta Institute"), ("ent-d", "Sigma Alliance"), ("ent-e", "SIGMA ALLIANCE")]
            ],
        )
    with engine.connect() as conn:
        found = affiliations(conn, [" delta institute ", "Sigma Alliance", "Kappa Forum", "OMEGA WORKS", None, " "])
    assert {k: v["id"] for k, v in found.items()} == {
        "delta institute": "ent-a",
        "sigma alliance": "ent-e",
        "omega works": "ent-f",
    }
    assert found["sigma alliance"] == {"id": "ent-e", "schema": "Organization", "caption": "Sigma Union"}
