"""Resolution does not depend on the order its input arrives in.

The Spark path resolves blocks of groups in separate tasks and processes, where sets iterate in another hash
order and groups arrive in another order than on one machine. Every tie in the resolver (candidates that
share as many keys, entities that score alike, profile counts cut to a size) is therefore broken by a
stable key; shuffling the groups given to one run must give the same clusters and the same entity ids.
"""

from __future__ import annotations

import random

from sqlalchemy import select

from threatgraph.resolve.cluster import MAX_CANDIDATES, Resolver, load_groups
from threatgraph.resolve.decisions import Decisions
from threatgraph.resolve.groups import top
from threatgraph.store.schema import mentions

from .conftest import build

ARTICLES = [
    build(
        "Omar Hassan of the Fajr Brigade met Omar Hassan Ali in Basra. The Fajr Brigade denied it.",
        [("Person", ["Omar Hassan"]), ("ArmedGroup", ["Fajr Brigade"]), ("Person", ["Omar Hassan Ali"])],
    ),
    build(
        "Hassan spoke for Liwa al-Fajr in Basra, Iraq.",
        [("Person", ["Hassan"]), ("ArmedGroup", ["Liwa al-Fajr"]), ("Location", ["Basra"]), ("Country", ["Iraq"])],
    ),
    build(
        "Omar Hassan, a banker in Dubai, sued the Fajr Company.",
        [("Person", ["Omar Hassan"]), ("Location", ["Dubai"]), ("Company", ["Fajr Company"])],
    ),
    build(
        "The Zainabiyoun Brigade and the Zaynabiyoun fought near Aleppo with Hassan.",
        [("ArmedGroup", ["Zainabiyoun Brigade", "Zaynabiyoun"]), ("Location", ["Aleppo"]), ("Person", ["Hassan"])],
    ),
    build(
        "Liwa Zaynabiyun and the Fajr Brigade were named by Omar Hassan Ali in Iraq.",
        [
            ("ArmedGroup", ["Liwa Zaynabiyun"]),
            ("ArmedGroup", ["Fajr Brigade"]),
            ("Person", ["Omar Hassan Ali"]),
            ("Country", ["Iraq"]),
        ],
    ),
    build(
        "Hassan Omar of the Fajr Army was seen in Aleppo.",
        [("Person", ["Hassan Omar"]), ("ArmedGroup", ["Fajr Army"]), ("Location", ["Aleppo"])],
    ),
]


def _clusters(store, ids: list[str], seed: int) -> set[tuple[str, frozenset[tuple[str, str]]]]:
    """Resolve the stored articles with their groups in a shuffled order; roll back; return the clusters."""
    with store.connect() as conn:
        trans = conn.begin()
        groups = load_groups(conn, ids)
        random.Random(seed).shuffle(groups)
        resolver = Resolver(conn, Decisions())
        resolver.resolve_groups(groups)
        resolver.flush()
        by_entity: dict[str, set[tuple[str, str]]] = {}
        for aid, text, eid in conn.execute(select(mentions.c.article_id, mentions.c.text, mentions.c.entity_id)):
            by_entity.setdefault(eid, set()).add((aid, text))
        trans.rollback()
    return {(eid, frozenset(ms)) for eid, ms in by_entity.items()}


def test_shuffled_input_gives_identical_clusters_and_ids(store, add) -> None:
    ids = add(*ARTICLES)
    first = _clusters(store, ids, 0)
    assert len(first) > 5  # namesakes and designators keep several entities apart
    for seed in range(1, 8):
        shuffled = list(ids)
        random.Random(seed).shuffle(shuffled)
        assert _clusters(store, shuffled, seed) == first


def test_profile_counts_are_cut_by_count_then_key() -> None:
    counts = {"b": 2, "a": 2, "c": 3, "d": 1}
    assert top(counts, 3) == [("c", 3), ("a", 2), ("b", 2)]
    assert top(dict(reversed(list(counts.items()))), 3) == top(counts, 3)


def test_tied_candidates_are_cut_by_id(store) -> None:
    """More candidates than are scored, all sharing the same keys: the ones kept are the first by id,
    whatever order the postings were filled in (the hash order of a set differs between processes)."""
    names = [f"ent-{i:016x}" for i in range(MAX_CANDIDATES + 6)]
    for seed in range(3):
        order = list(names)
        random.Random(seed).shuffle(order)
        with store.connect() as conn:
            resolver = Resolver(conn, Decisions())
            for eid in order:
                resolver.pending_keys["Person|t:hassan"].add(eid)
                resolver.pending_keys["Person|t:omar"].add(eid)
            assert resolver._candidates({"Person|t:hassan", "Person|t:omar"}) == sorted(names)[:MAX_CANDIDATES]
