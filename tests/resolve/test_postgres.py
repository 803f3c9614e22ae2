"""Resolution, decisions and the read side on PostgreSQL (URL in $TG_TEST_PG_URL; ./dev test starts one)."""

from __future__ import annotations

import json

import pytest

from threatgraph import resolve
from threatgraph.store.articles import save_analysis
from threatgraph.store.read import dossier, find_entities, hits

from .conftest import build

pytestmark = pytest.mark.postgres


def test_resolution_merge_split_and_dossier_on_postgres(pg_engine) -> None:
    arts = [
        build(
            "The Zainabiyoun Brigade recruited in Karachi.",
            [("ArmedGroup", ["Zainabiyoun Brigade"]), ("Location", ["Karachi"])],
            events=[("RECRUIT", 0, 1)],
        ),
        build("Liwa Zaynabiyun fighters in Syria.", [("ArmedGroup", ["Liwa Zaynabiyun"]), ("Country", ["Syria"])]),
        build("Banners of لواء زینبیون in Syria.", [("Organization", ["لواء زینبیون"]), ("Country", ["Syria"])]),
        build(
            "The Fatemiyoun Division fought in Syria.",
            [("ArmedGroup", ["Fatemiyoun Division"]), ("Country", ["Syria"])],
        ),
    ]
    for a in arts:
        save_analysis(pg_engine, a)
    ids = [a.article.id for a in arts]
    resolve.update(pg_engine, ids)
    resolve.update(pg_engine, ids)  # idempotent
    group = find_entities(pg_engine, "Zaynabiyoun")[0]
    assert group.mention_count == 3 and group.article_count == 3
    other = find_entities(pg_engine, "Fatemiyoun")[0].id
    assert other != group.id
    resolve.merge_entities(pg_engine, group.id, [other])
    assert find_entities(pg_engine, "Fatemiyoun")[0].id == group.id
    resolve.split_entity(pg_engine, group.id, ["Fatemiyoun Division"])
    assert find_entities(pg_engine, "Fatemiyoun")[0].id != group.id
    resolve.rebuild(pg_engine)
    assert find_entities(pg_engine, "Fatemiyoun")[0].id != find_entities(pg_engine, "Zaynabiyoun")[0].id
    d = dossier(pg_engine, find_entities(pg_engine, "Zaynabiyoun")[0].id)
    json.dumps(d.to_json())
    assert d.timeline[0].type == "RECRUIT" and "Arabic" in d.scripts
    assert hits(pg_engine) == []
